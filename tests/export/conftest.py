"""A real store for the export tests: fixtures/reports, the planted checks report, the hostile
report and a copy of it under another unit (so hostile text lands in reuse findings),
imported through the real import service, scanned and checked through the real commands.

Built once per session and copied for each test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from export_helpers import COPY_UNIT, FIXTURES, HOSTILE, HOSTILE_UNIT, run

from reportaudit.services.importing import collect_files, import_paths
from reportaudit.store import open_store


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store, imported, scanned and checked once."""
    base = tmp_path_factory.mktemp("export")
    extra = base / "extra"
    extra.mkdir()
    shutil.copy(HOSTILE, extra / "hostile.txt")
    shutil.copy(FIXTURES / "checks" / "planted_2023.txt", extra / "planted_2023.txt")
    text = HOSTILE.read_text("utf-8").replace(HOSTILE_UNIT, COPY_UNIT)
    (extra / "hostile_copy.txt").write_text(text, "utf-8")
    path = base / "store.db"
    store = open_store(path)
    files, _ = collect_files([FIXTURES / "reports", extra])
    outcomes = import_paths(store, files, actor="importer")
    assert all(o.status == "imported" for o in outcomes), [o.message for o in outcomes]
    store.close()
    run(path, "scan")
    run(path, "check", "--all")
    return path


@pytest.fixture
def store_path(tmp_path: Path, template_store: Path) -> Path:
    """This test's own copy of the store."""
    path = tmp_path / "store.db"
    shutil.copyfile(template_store, path)
    return path
