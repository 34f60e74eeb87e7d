"""The corpus screen at 80×24: every year column's cell whole, nothing cut without a sign.

A year column cut short misreads ("1r" for "1r 4% !2", "!1" for "!18"), so these tests read
the screen as text, the way an auditor reads it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Footer, Static
from tui_helpers import ACTOR, run, screen_text, wait_for
from tui_reports import FOREST_2022, HEALTH_2023

from reportaudit.services.importing import import_file
from reportaudit.store import Store, open_store
from reportaudit.store.results import ReportSummary
from reportaudit.tui.app import ReportAuditApp, make_app
from reportaudit.tui.data.corpus import arrange
from reportaudit.tui.data.reuse import ReuseStats
from reportaudit.tui.screens.corpus import DETAIL_MIN, CorpusScreen, detail_width
from reportaudit.tui.screens.findings import FindingsScreen
from reportaudit.tui.widgets.matrix import LABEL_MIN, CellFormat, CorpusMatrix, cell_text

YEARS = range(2016, 2024)


@pytest.fixture
def many_years(tmp_path: Path) -> Store:
    """The forest report in each of eight years (much of it the same text) and the health
    report: eight year columns, which do not fit 80 columns beside a detail pane."""
    store = open_store(tmp_path / "store.db")
    src = tmp_path / "src"
    src.mkdir()
    texts = {f"forest_{y}.txt": FOREST_2022.replace("2022", str(y)) for y in YEARS}
    texts["health_2023.txt"] = HEALTH_2023
    for name, text in texts.items():
        (src / name).write_text(text, encoding="utf-8")
        assert import_file(store, src / name, actor="importer").status == "imported"
    return store


async def _scanned_corpus(pilot: Pilot[Any], app: ReportAuditApp) -> CorpusScreen:
    """F2 scans the store; back on the corpus, wait for the reuse figures in the matrix."""
    corpus = app.screen
    assert isinstance(corpus, CorpusScreen)
    await wait_for(pilot, lambda: corpus.settled)
    await pilot.press("f2")
    findings = app.screen
    assert isinstance(findings, FindingsScreen)
    await wait_for(pilot, lambda: findings.shown)
    await pilot.press("escape")
    assert isinstance(app.screen, CorpusScreen)
    await wait_for(pilot, lambda: corpus.reuse and corpus.settled)
    await pilot.pause()
    return corpus


def _row_lines(app: App[None], matrix: CorpusMatrix) -> list[str]:
    """The screen lines of the matrix's rows (under its header line)."""
    lines = screen_text(app).splitlines()
    top = matrix.region.y + 1
    return lines[top : top + matrix.row_count]


def _nothing_cut(app: App[None], screen: CorpusScreen) -> None:
    """The status line fits its box, and every key of the footer is on screen."""
    status = screen.query_one("#status", Static)
    width = status.content_region.width
    assert status.get_content_height(app.size, app.size, width) <= status.content_region.height
    footer = screen.query_one(Footer)
    assert footer.virtual_size.width <= footer.size.width


def test_last_year_column_whole_at_80x24(store: Store) -> None:
    """The bug: at 80×24 the last year column showed "1r", its share and open findings cut
    off by the detail pane. Now each cell of every year shows whole, "%" and "!N" too."""

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _scanned_corpus(pilot, app)
            matrix = screen.query_one(CorpusMatrix)
            lines = _row_lines(app, matrix)
            last = [str(matrix.get_row_at(i)[-1]).strip() for i in range(matrix.row_count)]
            assert any(re.fullmatch(r"\d+r +\d+% !\d+", cell) for cell in last), last
            for row in range(matrix.row_count):
                for cell in matrix.get_row_at(row)[1:]:
                    assert str(cell).strip() in lines[row], (str(cell), lines[row])
            assert matrix.max_scroll_x == 0  # nothing to scroll to: every column in view
            _nothing_cut(app, screen)

    run(scenario)


def test_detail_pane_steps_aside_for_eight_years(many_years: Store) -> None:
    """Eight years at 80×24: the pane steps aside, the status line names the cell, every
    year column shows whole; d brings the pane back (the matrix then scrolls by whole
    columns, the cursor's cell in view) and hides it again; o shows it too."""

    async def scenario() -> None:
        app = make_app(many_years, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _scanned_corpus(pilot, app)
            matrix = screen.query_one(CorpusMatrix)
            assert not screen.detail_shown
            forest = next(
                i for i in range(matrix.row_count) if "松溪县" in str(matrix.get_row_at(i)[0])
            )
            matrix.move_cursor(row=forest, column=len(YEARS))
            await pilot.pause()
            status = str(screen.query_one("#status", Static).render())
            assert status.startswith("松溪县林业局 · 部门整体 (松溪县) · 2023")
            assert "2023：1 个修订 · " in status and "项待复核" in status  # Chinese by default
            _nothing_cut(app, screen)

            await pilot.press("d")
            assert screen.detail_shown
            await _cursor_cells_whole(pilot, app, matrix, forest)
            await pilot.press("d")
            assert not screen.detail_shown
            await _cursor_cells_whole(pilot, app, matrix, forest)
            await pilot.press("o")
            assert screen.detail_shown and screen.focused is not matrix

    run(scenario)


async def _cursor_cells_whole(
    pilot: Pilot[Any], app: App[None], matrix: CorpusMatrix, row: int
) -> None:
    """Walk the cursor over every year of ``row`` and back: the cursor's cell is always on
    screen whole, and the view never shows part of a year column."""
    matrix.focus()
    matrix.move_cursor(row=row, column=0)
    await pilot.pause()
    step = matrix.columns[matrix.ordered_columns[1].key].get_render_width(matrix)
    label = matrix.ordered_columns[0].get_render_width(matrix)
    assert (matrix.scrollable_content_region.width - label) % step == 0
    for key in ["right"] * len(YEARS) + ["left"] * len(YEARS):
        await pilot.press(key)
        await pilot.pause()
        assert matrix.scroll_x % step == 0
        column = matrix.cursor_column
        if column:
            cell = str(matrix.get_row_at(row)[column]).strip()
            assert cell in _row_lines(app, matrix)[row], (column, cell)


def test_cells_are_never_shortened() -> None:
    """A column is as wide as its widest cell ("12r 100% !15"), and the cells of a column
    line up: revisions and shares right-aligned."""
    unit, at = "某某市某某区某某局某某中心", datetime(2024, 1, 1, tzinfo=UTC)
    report = ReportSummary(1, unit, 2023, "部门整体", None, 12, 1, at)
    other = ReportSummary(2, unit, 2022, "部门整体", None, 3, 2, at)
    reuse = {1: ReuseStats(1.0, 0.5, 20, 15), 2: ReuseStats(0.04, 0.0, 2, 0)}
    fmt = CellFormat.of([report, other], reuse)
    assert cell_text(report, reuse[1], fmt).plain == "12r 100% !15"
    assert cell_text(other, reuse[2], fmt).plain == " 3r   4%"
    assert fmt.width == len("12r 100% !15")

    matrix = CorpusMatrix()

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield matrix

    async def scenario() -> None:
        async with One().run_test(size=(48, 6)) as pilot:  # narrow: names cut, not cells
            matrix.show(arrange([report, other]), reuse)
            await pilot.pause()
            line = _row_lines(pilot.app, matrix)[0]
            assert re.search(r" 3r   4% +12r 100% !15", line), line
            assert "某某市某某区某某 …" in line  # the name is cut, and says so
            assert matrix.ordered_columns[0].width == 48 - 2 * (2 + fmt.width) - 2
            assert matrix.max_scroll_x == 0
            matrix.styles.width = 40  # narrower still: the names stop at LABEL_MIN, the
            await pilot.pause()  # matrix scrolls by whole columns
            assert matrix.ordered_columns[0].width >= LABEL_MIN
            assert matrix.max_scroll_x > 0

    run(scenario)


def test_detail_width_puts_the_matrix_first() -> None:
    """The pane takes what the whole matrix leaves, at least DETAIL_MIN; none if that
    would cut a year column."""
    assert detail_width(160, natural=98, compact=56) == 62
    assert detail_width(100, natural=98, compact=56) == DETAIL_MIN  # names cut instead
    assert detail_width(88, natural=98, compact=56) == DETAIL_MIN
    assert detail_width(80, natural=98, compact=56) is None
