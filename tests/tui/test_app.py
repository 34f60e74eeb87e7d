"""App-wide behaviour: command palette, the one error handler, store verification."""

from __future__ import annotations

from textual.widgets import Static
from tui_helpers import ACTOR, run, wait_for

from reportaudit.store import Store
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
