"""History → mark two revisions → diff; navigation and the toggles, headless."""

from __future__ import annotations

from textual.widgets import DataTable
from tui_helpers import ACTOR, run, screen_text, wait_for

from reportaudit.store import Store
from reportaudit.tui.app import make_app
from reportaudit.tui.screens.diff import DiffScreen
from reportaudit.tui.screens.history import HistoryScreen
from reportaudit.tui.widgets.diffview import DiffView
from reportaudit.tui.widgets.figures import FiguresTable


def _forest_2023(store: Store) -> int:
    """The id of the report with two revisions."""
    from reportaudit.store import resolve_report

    with store.session() as session:
        return resolve_report(session, "松溪县林业局 2023").id


def test_mark_two_revisions_and_diff(store: Store) -> None:
    """Space marks, d diffs; n walks the changes; i hides the figure-only one; t inlines."""

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(100, 30)) as pilot:
            app.open_report(_forest_2023(store))
            await pilot.pause()
            history = app.screen
            assert isinstance(history, HistoryScreen)
            await wait_for(pilot, lambda: len(history.revisions) == 2)
            await pilot.press("space", "down", "space")
            assert len(history.marked) == 2
            await pilot.press("d")
            diff_screen = app.screen
            assert isinstance(diff_screen, DiffScreen)
            await wait_for(pilot, lambda: diff_screen.result is not None)
            result = diff_screen.result
            assert result is not None
            assert (result.a.number, result.b.number) == (1, 2)  # older on the left
            view = diff_screen.query_one(DiffView)
            assert len(view.change_rows()) == 2
            await pilot.pause()
            assert view.current == view.change_rows()[0]  # it opens at the first change
            await pilot.press("n")
            assert view.current == view.change_rows()[1]
            await pilot.press("p")
            assert view.current == view.change_rows()[0]
            text = screen_text(app)
            assert "1,262.35万元" in text and "1,268.35万元" in text  # both sides shown
            await pilot.press("i")
            assert len(view.change_rows()) == 1  # the figure-only change is hidden
            await pilot.press("t")
            assert not view.split
            dark_key = view._laid_out_for
            await pilot.press("ctrl+t")  # light theme: the diff is recoloured
            await pilot.pause()
            assert view._laid_out_for != dark_key
            await pilot.press("f")
            figures = diff_screen.query_one(FiguresTable)
            assert figures.display and figures.row_count == 1
            await pilot.press("enter")  # jump to the figure's passage
            assert view.current is not None
            await pilot.press("escape")
            assert app.screen is history

    run(scenario)


def test_diff_from_history_without_marks_uses_predecessor(store: Store) -> None:
    """d on the newest revision diffs it against the one before."""

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            app.open_report(_forest_2023(store))
            await pilot.pause()
            history = app.screen
            assert isinstance(history, HistoryScreen)
            await wait_for(pilot, lambda: len(history.revisions) == 2)
            assert history.query_one("#revisions", DataTable).cursor_row == 0
            await pilot.press("d")
            assert isinstance(app.screen, DiffScreen)
            assert (app.screen.a_id, app.screen.b_id) == (2, 3)

    run(scenario)
