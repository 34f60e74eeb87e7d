"""Fixtures for the TUI tests: a real SQLite store filled through the real import service.

The store is built once per session (through ``import_file``, like a user's import) and
copied for each test, so every test gets its own file without paying for the imports again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tui_helpers import freeze_store_clock
from tui_reports import REPORTS

from reportaudit.services.importing import import_file
from reportaudit.store import Store, open_store


def fill_store(path: Path, reports: dict[str, str] = REPORTS) -> Store:
    """Create a store at ``path`` and import each report text through ``import_file``."""
    store = open_store(path)
    src = path.parent / "src"
    src.mkdir(exist_ok=True)
    for name, text in reports.items():
        file = src / name
        file.write_text(text, encoding="utf-8")
        outcome = import_file(store, file, actor="importer")
        assert outcome.status == "imported", outcome.message
    return store


def _template(tmp_path_factory: pytest.TempPathFactory, name: str, frozen: bool) -> Path:
    """Build one store file to copy from (``frozen``: fixed import times)."""
    path = tmp_path_factory.mktemp(name) / "store.db"
    with pytest.MonkeyPatch.context() as patch:
        if frozen:
            freeze_store_clock(patch.setattr)
        fill_store(path).close()
    return path


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test reports, imported once."""
    return _template(tmp_path_factory, "template", frozen=False)


@pytest.fixture(scope="session")
def frozen_template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test reports imported at fixed times (for snapshots)."""
    return _template(tmp_path_factory, "frozen", frozen=True)


@pytest.fixture
def store_path(tmp_path: Path, template_store: Path) -> Path:
    """This test's own copy of the store file (reopen it to simulate a restart)."""
    path = tmp_path / "store.db"
    shutil.copyfile(template_store, path)
    return path


@pytest.fixture
def store(store_path: Path) -> Store:
    """A store holding the four test reports (three reports, the 2023 one twice)."""
    return open_store(store_path)
