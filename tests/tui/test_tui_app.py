"""App-wide behaviour: command palette, the one error handler, store verification."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static
from tui_helpers import ACTOR, run, wait_for

from reportaudit.store import Store, report_log, resolve_report
from reportaudit.tui.app import make_app
from reportaudit.tui.dialogs.error import ErrorDialog
from reportaudit.tui.dialogs.verify import VerifyDialog
from reportaudit.tui.screens.history import HistoryScreen


def test_palette_opens_a_report_by_name(store: Store) -> None:
    """ctrl+p, type part of a unit's name, Enter: its history opens."""

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause(0.2)
            await pilot.press(*"东坪区卫生")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
            screen = app.screen
            assert isinstance(screen, HistoryScreen)
            await wait_for(pilot, lambda: screen.revisions)
            assert screen.revisions[0].report_label.startswith("东坪区卫生健康局")

    run(scenario)


def test_failed_worker_shows_error_dialog(store: Store) -> None:
    """A history of a report that does not exist: the dialog names the job and the error."""

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            app.open_report(9999)
            await wait_for(
                pilot,
                lambda: isinstance(app.screen, ErrorDialog) and app.screen.query(".dialog-body"),
            )
            dialog = app.screen
            body = str(dialog.query_one(".dialog-body", Static).render())
            assert "NotFoundError" in body and "9999" in body
            await pilot.press("escape")
            assert isinstance(app.screen, HistoryScreen)  # the app goes on

    run(scenario)


def test_verify_from_the_app(store: Store) -> None:
    """The palette's 'Verify store' runs verify in a worker and shows the summary."""

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            app.action_verify()
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, VerifyDialog)
            await wait_for(
                pilot, lambda: "OK:" in str(dialog.query_one("#verify-result", Static).render())
            )
            await pilot.press("escape")

    run(scenario)


def test_import_from_the_app(store: Store, tmp_path: Path) -> None:
    """i on the corpus, a path, Enter: the new revision is stored and the corpus reloads."""
    from tui_reports import HEALTH_2023

    from reportaudit.tui.dialogs.importing import ImportDialog
    from reportaudit.tui.screens.corpus import CorpusScreen

    new = tmp_path / "incoming" / "dongping_health_2023_v2.txt"
    new.parent.mkdir()
    new.write_text(HEALTH_2023.replace("860.00万元", "880.00万元"), encoding="utf-8")

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(100, 30)) as pilot:
            corpus = app.screen
            assert isinstance(corpus, CorpusScreen)
            await wait_for(pilot, lambda: corpus.corpus is not None)
            await pilot.press("i")
            dialog = app.screen
            assert isinstance(dialog, ImportDialog)
            dialog.query_one(Input).value = str(new.parent)
            await pilot.press("enter")
            await wait_for(pilot, lambda: dialog.imported == 1 and not dialog.running)
            await pilot.press("escape")
            await wait_for(pilot, lambda: corpus.corpus and corpus.corpus.revision_count == 5)
        with store.session() as session:
            assert report_log(session, "东坪区卫生健康局")[0].actor == ACTOR

    run(scenario)


def test_checks_of_a_revision(store: Store) -> None:
    """k on a revision runs the in-report checks, saves the run, Enter opens the spot."""
    from reportaudit.store.checks import check_runs
    from reportaudit.tui.screens.checks import ChecksScreen
    from reportaudit.tui.screens.document import DocumentScreen

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        with store.session() as session:
            report = resolve_report(session, "松溪县林业局 2023")
        async with app.run_test(size=(100, 30)) as pilot:
            app.open_report(report.id)
            await pilot.pause()
            history = app.screen
            assert isinstance(history, HistoryScreen)
            await wait_for(pilot, lambda: history.revisions)
            await pilot.press("k")
            checks = app.screen
            assert isinstance(checks, ChecksScreen)
            await wait_for(pilot, lambda: checks.findings)
            # r2 says 1,268.35万元 spent of 1,310.80万元 but keeps the 96.30% rate
            assert any(f.rule == "execution_rate" for f in checks.findings)
            await pilot.press("enter")
            assert isinstance(app.screen, DocumentScreen)
        with store.session() as session:
            assert [r.actor for r in check_runs(session, report.latest_revision_id)] == [ACTOR]

    run(scenario)
