"""Corpus → history → document, driven headless with Pilot over a real store."""

from __future__ import annotations

from textual.widgets import DataTable, TextArea
from tui_helpers import ACTOR, run, wait_for

from reportaudit.store import Store
from reportaudit.tui.app import make_app
from reportaudit.tui.screens.corpus import CorpusScreen
from reportaudit.tui.screens.document import DocumentScreen
from reportaudit.tui.screens.history import HistoryScreen
from reportaudit.tui.widgets.matrix import CorpusMatrix
from reportaudit.tui.widgets.outline import OutlineTree


def test_corpus_shows_series_by_year(store: Store) -> None:
    """Series × years with revision counts; the cursor's report shows its outline."""

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            assert isinstance(screen, CorpusScreen)
            await wait_for(pilot, lambda: screen.corpus is not None)
            matrix = screen.query_one(CorpusMatrix)
            assert matrix.row_count == 2
            assert [str(c.label) for c in matrix.columns.values()][1:] == ["2022", "2023"]
            # the forest series' 2023 cell says two revisions
            labels = [str(matrix.get_row_at(i)[0]) for i in range(matrix.row_count)]
            forest = labels.index(next(lbl for lbl in labels if "松溪县林业局" in lbl))
            assert str(matrix.get_row_at(forest)[2]).startswith("2r")
            matrix.move_cursor(row=forest, column=2)
            await wait_for(pilot, lambda: screen.detail_current)
            outline = screen.query_one(OutlineTree)
            labels = [str(n.label) for n in outline.root.children]
            assert labels[0].startswith("一、部门基本情况")

    run(scenario)


def test_open_report_history_and_read_text(store: Store) -> None:
    """Enter opens the history (newest first, who imported); v reads the text."""

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            assert isinstance(screen, CorpusScreen)
            await wait_for(pilot, lambda: screen.corpus is not None)
            matrix = screen.query_one(CorpusMatrix)
            labels = [str(matrix.get_row_at(i)[0]) for i in range(matrix.row_count)]
            matrix.move_cursor(row=next(i for i, s in enumerate(labels) if "松溪" in s), column=2)
            await pilot.press("enter")
            history = app.screen
            assert isinstance(history, HistoryScreen)
            await wait_for(pilot, lambda: len(history.revisions) == 2)
            table = history.query_one("#revisions", DataTable)
            assert [str(table.get_row_at(i)[1]) for i in range(2)] == ["#2", "#1"]  # newest first
            assert str(table.get_row_at(0)[3]) == "importer"
            await pilot.press("v")
            doc_screen = app.screen
            assert isinstance(doc_screen, DocumentScreen)
            await wait_for(pilot, lambda: doc_screen.document is not None)
            assert "森林防火监测站点" in doc_screen.query_one(TextArea).text
            await pilot.press("escape")
            assert app.screen is history

    run(scenario)


def test_help_theme_and_palette(store: Store) -> None:
    """? shows help, ctrl+t switches theme, the palette lists the app's commands."""

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("question_mark")
            assert type(app.screen).__name__ == "HelpScreen"
            await pilot.press("escape")
            assert isinstance(app.screen, CorpusScreen)
            before = app.theme
            await pilot.press("ctrl+t")
            assert app.theme != before
            titles = [c.title for c in app.get_system_commands(app.screen)]
            for wanted in ("Findings", "Search corpus", "Help", "Verify store"):
                assert wanted in titles

    run(scenario)
