"""The TUI over a PostgreSQL store: corpus, diff, scan, review, restart (skips without a
server, fails under CI=true, like the store's own PostgreSQL tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import ACTOR, run, wait_for
from tui_reports import REPORTS

from reportaudit.services.importing import import_file
from reportaudit.store import open_store
from reportaudit.store.testing import pg_schema_url, require_pg
from reportaudit.tui.app import make_app
from reportaudit.tui.screens.corpus import CorpusScreen
from reportaudit.tui.screens.diff import DiffScreen
from reportaudit.tui.screens.findings import FindingsScreen

pytestmark = pytest.mark.postgres


def test_review_flow_on_postgres(tmp_path: Path) -> None:
    """Everything the SQLite flow does, against PostgreSQL."""
    base = require_pg()
    with pg_schema_url(base) as url:
        store = open_store(url)
        for name, text in REPORTS.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
            assert import_file(store, tmp_path / name, actor="importer").status == "imported"

        async def session_one() -> None:
            app = make_app(store, actor=ACTOR)
            async with app.run_test(size=(100, 30)) as pilot:
                corpus = app.screen
                assert isinstance(corpus, CorpusScreen)
                await wait_for(pilot, lambda: corpus.corpus is not None)
                assert len(corpus.corpus.reports) == 3  # type: ignore[union-attr]
                await app.push_screen(DiffScreen(2, 3))
                diff = app.screen
                assert isinstance(diff, DiffScreen)
                await wait_for(pilot, lambda: diff.result is not None)
                await pilot.press("escape", "f2")
                findings = app.screen
                assert isinstance(findings, FindingsScreen)
                await wait_for(pilot, lambda: findings.shown)
                await pilot.press("c")
                await wait_for(pilot, lambda: findings.shown[0].status == "confirmed")

        run(session_one)
        store.close()

        async def session_two() -> None:
            reopened = open_store(url)
            app = make_app(reopened, actor=ACTOR)
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.press("f2")
                findings = app.screen
                assert isinstance(findings, FindingsScreen)
                await wait_for(pilot, lambda: findings.shown)
                assert [v.status for v in findings.views].count("confirmed") == 1
            reopened.close()

        run(session_two)
