"""Store fixtures: every store test runs on a real SQLite file AND a real PostgreSQL.

Why: the store promises the same behaviour on both through the same SQLModel code; only
running both proves it. The postgres variant uses $REPORTAUDIT_TEST_PG_URL and a fresh
schema per test; it skips when the server is unset/unreachable, and fails under CI=true
(see ``reportaudit.store.testing``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reportaudit.store import Store, open_store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An opened (migrated) store on each database kind."""
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    """Path of a SQLite store file (for tests that tamper with the file directly)."""
    return tmp_path / "store.db"
