"""The TUI shows the 复制比 of the same computation as ``reportaudit reuse``: the corpus
cells and detail pane, and the report's panel (``c`` in its history), over a real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import ACTOR, run, screen_text, wait_for

from reportaudit.ratios import present as P
from reportaudit.services.importing import collect_files, import_paths
from reportaudit.services.ratios import report_ratios
from reportaudit.services.reuse import scan_store
from reportaudit.store import Store, open_store
from reportaudit.tui.app import make_app
from reportaudit.tui.screens.corpus import CorpusScreen
from reportaudit.tui.screens.history import HistoryScreen
from reportaudit.tui.widgets.matrix import CorpusMatrix

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "reports"


@pytest.fixture
def scanned(tmp_path: Path) -> Store:
    """fixtures/reports imported and scanned."""
    store = open_store(tmp_path / "s.db")
    files, _ = collect_files([FIXTURES])
    assert all(o.status == "imported" for o in import_paths(store, files, actor=ACTOR))
    scan_store(store, actor=ACTOR, checks=False, workers=1)
    return store


def test_corpus_and_report_panel_show_the_reuse_figures(scanned: Store) -> None:
    expected = {r.revision: r for r in report_ratios(scanned).items}
    agri = next(r for r in expected.values() if "农业农村局 2023" in r.label)
    assert agri.figures.ratio("total") > 0.1

    async def scenario() -> None:
        app = make_app(scanned, actor=ACTOR)
        async with app.run_test(size=(140, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, CorpusScreen)
            await wait_for(pilot, lambda: screen.corpus is not None and screen.reuse)
            scan = app.scan
            assert scan is not None
            # every cell's share is 总文字复制比 of the same computation (within included)
            for rev, r in expected.items():
                stats = screen.reuse[scan.report_of[rev]]
                assert stats.share == r.figures.ratio("total")
                assert stats.share_excluding_template == r.figures.ratio("total", "no_template")
            matrix = screen.query_one(CorpusMatrix)
            labels = [str(matrix.get_row_at(i)[0]) for i in range(matrix.row_count)]
            row = next(i for i, s in enumerate(labels) if "农业农村局" in s)
            col = [str(c.label) for c in matrix.columns.values()].index("2023")
            assert f"{agri.figures.ratio('total'):.0%}" in str(matrix.get_row_at(row)[col])
            matrix.move_cursor(row=row, column=col)
            await wait_for(pilot, lambda: screen.detail_current)
            text = screen_text(app)
            assert f"总文字复制比 {P.pct(agri.figures.ratio('total'))}" in text
            assert f"{P.chars(agri.reused_chars)}/{P.chars(agri.chars)} 字" in text
            await pilot.press("enter")
            history = app.screen
            assert isinstance(history, HistoryScreen)
            await wait_for(pilot, lambda: history.revisions)
            await pilot.press("c")
            await wait_for(pilot, lambda: history.ratios_shown is not None)
            shown = history.ratios_shown
            assert shown is not None
            assert shown.figures == agri.figures and shown.sources == agri.sources
            assert shown.sections  # by actual heading, as `reuse --sections`
            await pilot.pause()
            text = screen_text(app)
            for name, value in P.headline(agri)[:5]:
                assert f"{name}: {value}" in text
            assert "去除引用与模板" in text and "章节" in text
            await pilot.press("c")  # hides it again
            assert not history.query_one("#ratios-scroll").display

    run(scenario)


def test_report_panel_at_80x24_keeps_figures_whole(scanned: Store) -> None:
    expected = {r.revision: r for r in report_ratios(scanned).items}

    async def scenario() -> None:
        app = make_app(scanned, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            assert isinstance(screen, CorpusScreen)
            await wait_for(pilot, lambda: screen.corpus is not None and screen.reuse)
            await pilot.press("enter")
            history = app.screen
            assert isinstance(history, HistoryScreen)
            await wait_for(pilot, lambda: history.revisions)
            await pilot.press("c")
            await wait_for(pilot, lambda: history.ratios_shown is not None)
            shown = history.ratios_shown
            assert shown is not None
            want = expected[shown.revision]
            await pilot.pause()
            text = screen_text(app)
            # two figures a line, each whole and labelled
            assert f"{P.name('figure.chars')}: {P.chars(want.chars)}" in text
            assert f"{P.figure_name('total')}: {P.pct(want.figures.ratio('total'))}" in text
            assert f"{P.figure_name('within')}: {P.pct(want.figures.ratio('within'))}" in text

    run(scenario)
