"""CJK folding and diff alignment: every line exactly as wide as its column."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult
from tui_helpers import run
from tui_reports import FOREST_2023_R1

from reportaudit.diff import diff_documents
from reportaudit.structure import parse
from reportaudit.tui.widgets.diffrows import build_rows
from reportaudit.tui.widgets.diffview import DiffView
from reportaudit.tui.widgets.fold import fold

LONG = "预算执行率达到96.30%，" * 12 + "ABC def 全角字符（测试）与半角混排。"


def test_fold_never_splits_a_wide_character() -> None:
    """Each folded line fits the width; joined back, nothing is lost."""
    for width in (7, 10, 33):
        lines = fold(Text(LONG), width)
        assert all(cell_len(line.plain) <= width for line in lines)
        assert "".join(line.plain for line in lines) == LONG
        assert len(lines) > 1


def test_fold_keeps_chinese_line_breaking_rules() -> None:
    """No line starts with closing punctuation or ends with an opening one (禁则)."""
    from reportaudit.tui.widgets.fold import NO_LINE_END, NO_LINE_START

    text = "本年度完成（第一批）项目建设，" * 9 + "《预算法》要求“先有预算、后有支出”。" * 5
    for width in range(8, 41):
        lines = [t.plain for t in fold(Text(text), width)]
        assert "".join(lines) == text
        assert all(cell_len(line) <= width for line in lines)
        assert not any(line[0] in NO_LINE_START for line in lines[1:]), width
        assert not any(line[-1] in NO_LINE_END for line in lines[:-1]), width


def test_fold_keeps_numbers_whole() -> None:
    """A figure moves to the next line whole instead of being cut (96 / .30%)."""
    text = "全年支出1,262.35万元，预算执行率96.30%，较上年提高2.5个百分点。" * 3
    for width in range(12, 41):
        lines = [t.plain for t in fold(Text(text), width)]
        assert "".join(lines) == text
        assert all(cell_len(line) <= width for line in lines)
        assert sum(line.count("96.30%") for line in lines) == 3, (width, lines)
        assert sum(line.count("1,262.35") for line in lines) == 3, (width, lines)


def test_fold_keeps_newlines_as_line_breaks() -> None:
    """A chunk with a line break folds into separate lines."""
    assert [t.plain for t in fold(Text("甲乙\n丙"), 10)] == ["甲乙", "丙"]


class _One(App[None]):
    """A bare app holding one DiffView."""

    def __init__(self, view: DiffView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        yield self.view


def test_sides_stay_aligned_at_80_columns() -> None:
    """Every screen line is exactly the view's width, both in split and inline mode, and a
    passage pair's sides start on the same line (alignment by paragraph)."""
    base = FOREST_2023_R1.replace("新增承担古树名木保护职责。", f"新增承担古树名木保护职责。{LONG}")
    old = parse(base)
    new = parse(
        base.replace(LONG, LONG + "同时承担全县林长制办公室日常工作，统筹协调各级林长巡林护林。")
    )
    diff = diff_documents(old, new)
    view = DiffView()

    async def scenario() -> None:
        app = _One(view)
        async with app.run_test(size=(80, 24)) as pilot:
            view.show(build_rows(diff))
            await pilot.pause()
            for split in (True, False):
                view.split = split
                await pilot.pause()
                width = view.scrollable_content_region.width
                for y in range(view.virtual_size.height):
                    view.scroll_to(y=y, animate=False, immediate=True)
                    strip = view.render_line(0)
                    assert strip.cell_length == width, (split, y)
            # the long paragraph: the right side needs more lines; the next row starts after both
            view.split = True
            await pilot.pause()
            lines = view._lines
            long_row = next(
                i for i, r in enumerate(view.rows) if r.pair is not None and r.status == "changed"
            )
            own = [ln for ln in lines if ln.row == long_row]
            assert len(own) > 3
            assert any(ln.left is None for ln in own)  # the shorter side is padded
            assert all(ln.right is not None for ln in own)

    run(scenario)
