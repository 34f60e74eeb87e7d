"""Search across the corpus: a passage in, every report holding it out, headless."""

from __future__ import annotations

from textual.widgets import Input, TextArea
from tui_helpers import ACTOR, run, wait_for
from tui_reports import SHARED

from reportaudit.store import Store
from reportaudit.tui.app import make_app
from reportaudit.tui.data.search import compile_passage
from reportaudit.tui.screens.document import DocumentScreen
from reportaudit.tui.screens.search import SearchScreen


def test_passage_pattern_ignores_spaces_and_width() -> None:
    """Pasted text with line breaks and half-width commas still matches."""
    pattern = compile_passage("推动绩效评价结果 与预算安排,\n有机结合")
    assert pattern is not None
    assert pattern.search("……推动绩效评价结果与预算安排，有机结合……")
    assert compile_passage("  \n") is None


def test_search_finds_the_shared_paragraph_everywhere(store: Store) -> None:
    """The paragraph shared by two units shows up in three reports; Enter opens one."""

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("f3")
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            screen.query_one(Input).value = "切实提高财政资金使用效益"
            await pilot.press("enter")
            await wait_for(pilot, lambda: screen.hits)
            assert len({h.report_id for h in screen.hits}) == 3
            await pilot.press("ctrl+a")  # every revision: the 2023 report's first one too
            await wait_for(pilot, lambda: len(screen.hits) == 4)
            await pilot.press("enter")
            doc = app.screen
            assert isinstance(doc, DocumentScreen)
            await wait_for(pilot, lambda: doc.document is not None)
            await pilot.pause()
            area = doc.query_one(TextArea)
            assert area.selected_text == "切实提高财政资金使用效益"
            assert SHARED.endswith(area.selected_text + "。")

    run(scenario)
