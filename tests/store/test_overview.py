"""The one-statement report overview (the TUI's first screen) and its SQLite preview.

Why: both must give exactly what ``list_reports`` gives, and the preview must never create,
change or fail on a store; opening a store and the overview must not import the ORM.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from store_helpers import add

from reportaudit.store import Store, list_reports, open_store, report_overview, sqlite_overview

T0 = datetime(2024, 3, 1, 9, 0, 0, 123456, tzinfo=UTC)


def _fill(store: Store) -> None:
    """Three reports, one with three revisions, one with a region."""
    with store.transaction() as s:
        for day in range(3):
            add(s, f"党群工作部 第{day + 1}稿\n", when=T0 + timedelta(days=day), filename=f"{day}")
        add(s, "党群工作部 2022\n", year=2022, when=T0.replace(microsecond=0))
        add(s, "社区服务中心\n", unit="社区服务中心", kind="项目支出", region="浦东", when=T0)


def test_overview_equals_list_reports(store: Store) -> None:
    _fill(store)
    with store.session() as s:
        expected = list_reports(s)
    got = report_overview(store)
    assert got == expected
    assert [r.revision_count for r in got] == [3, 1, 1]
    assert got[0].latest_imported_at == T0 + timedelta(days=2)


def test_sqlite_preview_equals_the_overview(sqlite_path: Path) -> None:
    store = open_store(sqlite_path)
    try:
        _fill(store)
        expected = report_overview(store)
    finally:
        store.close()
    assert sqlite_overview(sqlite_path) == expected
    assert sqlite_overview(f"sqlite:///{sqlite_path}") == expected
    assert sqlite_overview(str(sqlite_path)) == expected


def test_sqlite_preview_reads_an_empty_store(sqlite_path: Path) -> None:
    open_store(sqlite_path).close()
    assert sqlite_overview(sqlite_path) == []


def test_sqlite_preview_gives_up_quietly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not SQLite, no file, not a database, not our tables: None, and nothing created."""
    missing = tmp_path / "missing.db"
    assert sqlite_overview(missing) is None
    assert not missing.exists()
    assert sqlite_overview(":memory:") is None
    assert sqlite_overview("postgresql://u@localhost/db") is None
    assert sqlite_overview(f"sqlite:///{missing}?mode=ro") is None
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"not a database" * 100)
    assert sqlite_overview(corrupt) is None
    assert corrupt.read_bytes() == b"not a database" * 100
    other = tmp_path / "other.db"
    import sqlite3

    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert sqlite_overview(other) is None
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REPORTAUDIT_STORE", raising=False)
    assert sqlite_overview(None) is None  # ./reportaudit.db does not exist
    assert not (tmp_path / "reportaudit.db").exists()


def test_opening_and_the_overview_need_no_orm(sqlite_path: Path) -> None:
    """SQLModel and the ORM stay unimported; the preview imports no SQLAlchemy at all."""
    open_store(sqlite_path).close()
    code = (
        "import sys\n"
        "from reportaudit.store import sqlite_overview\n"
        f"assert sqlite_overview({str(sqlite_path)!r}) == []\n"
        "assert 'sqlalchemy' not in sys.modules\n"
        "from reportaudit.store import open_store, report_overview\n"
        f"assert report_overview(open_store({str(sqlite_path)!r})) == []\n"
        "assert 'sqlmodel' not in sys.modules and 'sqlalchemy.orm' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_lazy_exports_keep_the_functions_named_like_their_modules() -> None:
    """``events`` and ``verify`` are functions even after their modules are imported."""
    import importlib

    import reportaudit.store as package

    importlib.import_module("reportaudit.store.events")
    importlib.import_module("reportaudit.store.verify")
    assert callable(package.events) and package.events.__name__ == "events"
    assert callable(package.verify) and package.verify.__name__ == "verify"
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018
