"""Document text that looks like markup or carries escape sequences is shown literally."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.app import App, ComposeResult
from tui_helpers import ACTOR, run, screen_text, wait_for
from tui_reports import FOREST_2023_R1, HOSTILE

from reportaudit.diff import diff_documents
from reportaudit.store import Store, resolve_report
from reportaudit.store.results import ReportSummary
from reportaudit.structure import parse
from reportaudit.tui.app import make_app
from reportaudit.tui.data.corpus import arrange
from reportaudit.tui.safe import literal, visible
from reportaudit.tui.screens.document import DocumentScreen
from reportaudit.tui.widgets.diffrows import build_rows
from reportaudit.tui.widgets.diffview import DiffView
from reportaudit.tui.widgets.matrix import CorpusMatrix
from reportaudit.tui.widgets.outline import OutlineTree

ESCAPE = "\x1b[31m红色\x1b[0m"
MARKUP = "[bold]x[/bold] [link=http://x]y[/link]"


def test_literal_keeps_offsets_and_shows_escapes() -> None:
    """Each control character becomes one visible symbol; markup stays characters."""
    text = f"{MARKUP}{ESCAPE}\x07"
    shown = visible(text)
    assert len(shown) == len(text)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown.startswith(MARKUP)
    assert literal(text).plain == shown
    assert literal(MARKUP).spans == []  # nothing was interpreted as style


def test_document_screen_shows_markup_literally(store: Store) -> None:
    """The health report's markup-looking paragraph appears character for character."""

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        with store.session() as session:
            revision = resolve_report(session, "东坪区卫生健康局").latest_revision_id
        assert revision is not None
        async with app.run_test(size=(120, 30)) as pilot:
            await app.push_screen(DocumentScreen(revision))
            screen = app.screen
            assert isinstance(screen, DocumentScreen)
            await wait_for(pilot, lambda: screen.document is not None)
            await pilot.pause()
            shown = screen_text(app)
            assert "[bold]x[/bold]" in shown
            assert "[link=http://x]y[/link]" in shown
            assert "http://x" not in app.export_screenshot().split("[link=")[0]  # no hyperlink

    run(scenario)


class _Harness(App[None]):
    """A bare app holding one widget under test."""

    def __init__(self, widget: object) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget  # type: ignore[misc]


def test_diff_view_shows_escapes_and_markup_literally() -> None:
    """Escape sequences never reach the terminal; markup is not interpreted in the diff."""
    old = parse(FOREST_2023_R1)
    new_text = FOREST_2023_R1.replace("四、存在的问题\n", f"四、存在的问题\n{HOSTILE}{ESCAPE}\n")
    # the parser sees the raw text: the escapes survive into the Document (ingest would strip
    # them, but the TUI must not rely on that)
    new = parse(new_text)
    diff = diff_documents(old, new)
    view = DiffView()

    async def scenario() -> None:
        app = _Harness(view)
        async with app.run_test(size=(200, 40)) as pilot:
            view.show(build_rows(diff))
            view.action_next_change()
            await pilot.pause()
            shown = screen_text(app)
            assert "[bold]x[/bold]" in shown
            assert "[link=http://x]y[/link]" in shown
            assert "\u241b[31m" in shown  # ESC made visible, the rest literal
            assert "\x1b" not in app.export_screenshot()

    run(scenario)


def test_names_with_markup_in_matrix_and_outline() -> None:
    """Unit names and headings come from documents too."""
    report = ReportSummary(
        id=1,
        unit=f"[bold]单位[/bold]{ESCAPE}",
        year=2023,
        kind="[link=http://x]y[/link]",
        region=None,
        revision_count=1,
        latest_revision_id=1,
        latest_imported_at=datetime(2024, 1, 1, tzinfo=UTC),
    )
    matrix = CorpusMatrix()
    outline = OutlineTree()
    doc = parse("某单位\n2023年度部门整体支出绩效自评报告\n\n一、[bold]基本情况[/bold]\n正文。\n")

    async def scenario() -> None:
        class Two(App[None]):
            def compose(self) -> ComposeResult:
                yield matrix
                yield outline

        app = Two()
        async with app.run_test(size=(100, 20)) as pilot:
            matrix.show(arrange([report]), {})
            outline.show(doc)
            await pilot.pause()
            shown = screen_text(app)
            assert "[bold]单位[/bold]" in shown
            assert "[bold]基本情况[/bold]" in shown
            assert "\x1b" not in app.export_screenshot()

    run(scenario)


def test_search_hits_show_markup_literally(store: Store) -> None:
    """Searching for the markup-looking text lists it literally, match and context."""
    from textual.widgets import Input

    from reportaudit.tui.screens.search import SearchScreen

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(120, 30)) as pilot:
            await app.push_screen(SearchScreen())
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            # the Where column starts just before the hit, so the context after it shows
            screen.query_one(Input).value = "[bold]x[/bold]"
            await pilot.press("enter")
            await wait_for(pilot, lambda: screen.hits)
            await pilot.pause()
            shown = screen_text(app)
            assert "[bold]x[/bold]" in shown and "[link=http://x]y[/link]" in shown

    run(scenario)
