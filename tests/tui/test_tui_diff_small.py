"""The diff screen at 80×24 (issue 16): it opens at the first change, keeps its place when
the section navigator is toggled, strikes deletions through, and the figures panel names
each figure with old → new in view."""

from __future__ import annotations

from tui_helpers import ACTOR, run, screen_text, wait_for

from reportaudit.store import Store, list_reports
from reportaudit.tui.app import make_app
from reportaudit.tui.screens.diff import DiffScreen
from reportaudit.tui.widgets.diffrows import Palette
from reportaudit.tui.widgets.diffview import DiffView
from reportaudit.tui.widgets.figures import FiguresTable


def _forest_revisions(store: Store) -> tuple[int, int]:
    with store.session() as s:
        report = next(r for r in list_reports(s) if r.label.startswith("松溪县林业局 2023"))
    latest = int(report.latest_revision_id or 0)
    return latest - 1, latest


def test_diff_at_80x24(store: Store) -> None:
    a, b = _forest_revisions(store)

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.push_screen(DiffScreen(a, b))
            screen = app.screen
            assert isinstance(screen, DiffScreen)
            await wait_for(pilot, lambda: screen.result is not None)
            await pilot.pause()
            view = screen.query_one(DiffView)
            first = view.change_rows()[0]
            assert view.current == first
            assert "第 1/" in screen_text(app)  # "change 1/N" in Chinese
            assert view._in_view(first)
            for _ in range(2):  # the navigator off and on again: the change stays in view
                await pilot.press("s")
                await pilot.pause()
                await pilot.pause()
                assert view.current == first and view._in_view(first)
            await pilot.press("f")
            await pilot.pause()
            figures = screen.query_one(FiguresTable)
            change = figures.changes[0]
            text = screen_text(app)
            assert change.label and change.label in text
            assert f"{change.a_raw} → {change.b_raw}" in text

    run(scenario)


def test_deletions_are_struck_through_in_both_themes() -> None:
    for dark in (True, False):
        palette = Palette.for_theme(dark)
        assert palette.delete.strike and not palette.insert.strike
