"""Fixtures for the TUI tests: a real SQLite store filled through the real import service."""

from __future__ import annotations

from pathlib import Path

import pytest
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


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where the test store lives (reopen it to simulate a restart)."""
    return tmp_path / "store.db"


@pytest.fixture
def store(store_path: Path) -> Store:
    """A store holding the four test reports (three reports, the 2023 one twice)."""
    return fill_store(store_path)
