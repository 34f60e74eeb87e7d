"""The diff itself: side by side or inline, aligned passage by passage, scrolled line by line.

Why the line API (ScrollView + render_line): a long report has thousands of lines; laying
them out once per width and rendering only the visible ones keeps scrolling instant. Each
passage pair takes as many lines as its longer side, so the two sides stay aligned
paragraph by paragraph; folding by cells keeps CJK double-width characters in their column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reportaudit.i18n import _

from .diffrows import DiffRow, Palette, banner_text, inline_text, pair_texts
from .fold import fold

__all__ = ["DiffView"]

GUTTER = " │ "
MARKS = {"changed": "~", "added": "+", "removed": "-", "moved": "↕", "renumbered": "#"}


@dataclass(frozen=True, slots=True)
class _Line:
    """One screen line: which row it belongs to and what each side shows."""

    row: int
    left: Text | None
    right: Text | None = None
    banner: bool = False
    first: bool = False


class DiffView(ScrollView, can_focus=True):
    """Rows of a DocumentDiff laid out for the current width; n/p walk the changes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_change", _("Next change")),
        Binding("p", "previous_change", _("Prev change")),
    ]

    split: reactive[bool] = reactive(True)
    hide_figures: reactive[bool] = reactive(False)

    class ChangeFocused(Message):
        """The current change moved: ``number`` of ``total`` (1-based), its section index."""

        def __init__(self, number: int, total: int, section: int) -> None:
            """Carry the position."""
            super().__init__()
            self.number = number
            self.total = total
            self.section = section

    def __init__(self, *, id: str | None = None) -> None:
        """Empty until ``show``."""
        super().__init__(id=id)
        self.rows: list[DiffRow] = []
        self.current: int | None = None
        self._lines: list[_Line] = []
        self._row_start: list[int] = []
        self._laid_out_for: tuple[object, ...] | None = None
        self._cache: dict[int, Strip] = {}

    def show(self, rows: list[DiffRow]) -> None:
        """Display new rows at the first change (from the top when nothing changed): the
        unchanged text before it is what the reader came to skip."""
        self.rows = rows
        self.current = None
        self._laid_out_for = None
        self._relayout()
        self.scroll_to(y=0, animate=False)
        changes = self.change_rows()
        if changes:
            self._go(changes[0])

    # layout -------------------------------------------------------------------------------

    def _content_width(self) -> int:
        """Cells available for text: the region minus the one-cell marker column."""
        return max(self.scrollable_content_region.width - 1, 20)

    def _relayout(self) -> None:
        """Fold every row for the current width and mode (only when one of them changed)."""
        width = self._content_width()
        dark = self.app.current_theme.dark if self.is_attached else True
        key = (width, self.split, self.hide_figures, dark, len(self.rows))
        if key == self._laid_out_for:
            return
        # keep the place: the current change, else the row at the top
        anchor = self.current if self.current is not None else None
        if anchor is None and self._lines:
            anchor = self._top_row()
        self._laid_out_for = key
        palette = Palette.for_theme(dark)
        lines: list[_Line] = []
        starts: list[int] = []
        column = (width - len(GUTTER)) // 2
        for index, row in enumerate(self.rows):
            starts.append(len(lines))
            if row.pair is None:
                lines.append(_Line(index, banner_text(row, palette), banner=True, first=True))
                continue
            if self.split:
                left, right = pair_texts(row, palette, self.hide_figures)
                left_lines = fold(left, column) if row.status != "added" else []
                right_lines = fold(right, column) if row.status != "removed" else []
                height = max(len(left_lines), len(right_lines), 1)
                for k in range(height):
                    lines.append(
                        _Line(
                            index,
                            left_lines[k] if k < len(left_lines) else None,
                            right_lines[k] if k < len(right_lines) else None,
                            first=k == 0,
                        )
                    )
            else:
                for k, part in enumerate(
                    fold(inline_text(row, palette, self.hide_figures), width - 2)
                ):
                    lines.append(_Line(index, part, first=k == 0))
        self._lines, self._row_start = lines, starts
        self._cache.clear()
        self.virtual_size = Size(width + 1, len(lines))
        if anchor is not None and anchor < len(starts):
            y = starts[anchor] - (2 if anchor == self.current else 0)
            self.scroll_to(y=max(y, 0), animate=False, immediate=True)
        self.refresh()

    def _in_view(self, row: int) -> bool:
        """Whether ``row`` starts inside the viewport."""
        if row >= len(self._row_start):
            return False
        top = self.scroll_offset.y
        return top <= self._row_start[row] < top + self.scrollable_content_region.height

    def on_resize(self) -> None:
        """A new width needs a new layout."""
        self._relayout()

    def refresh_layout(self) -> None:
        """Lay out again after the next refresh (a neighbour was shown or hidden)."""
        self.call_after_refresh(self._relayout)

    def watch_split(self) -> None:
        """Side by side <-> inline; keep the current change in view."""
        self._relayout()
        self._scroll_to_current()

    def watch_hide_figures(self) -> None:
        """Figure-only changes shown as unchanged (or not)."""
        self._relayout()

    def on_mount(self) -> None:
        """Colours depend on light/dark: lay out again when the theme changes."""
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        """The theme changed: new colours."""
        self._relayout()

    # rendering ----------------------------------------------------------------------------

    def _strip(self, line: _Line) -> Strip:
        """The cells of one line, without the marker column."""
        console = self.app.console
        width = self._content_width()
        row = self.rows[line.row]
        if line.banner:
            assert line.left is not None
            palette = Palette.for_theme(self.app.current_theme.dark)
            banner = line.left.copy()
            banner.truncate(width, overflow="ellipsis")
            return Strip(list(banner.render(console))).adjust_cell_length(width, palette.banner)
        mark = (
            MARKS.get(row.status, " ") if line.first and row.is_change(self.hide_figures) else " "
        )
        if not self.split:
            assert line.left is not None
            body = Strip(list(line.left.render(console))).adjust_cell_length(width - 2)
            return Strip.join([Strip([Segment(mark + " ")]), body])
        column = (width - len(GUTTER)) // 2
        sides = []
        for side in (line.left, line.right):
            segments = list(side.render(console)) if side is not None else []
            sides.append(Strip(segments).adjust_cell_length(column))
        gutter = Strip([Segment(GUTTER[0]), Segment(mark), Segment(GUTTER[2])])
        return Strip.join([sides[0], gutter, sides[1]]).adjust_cell_length(width)

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the viewport: the marker column, then the cached content."""
        index = y + self.scroll_offset.y
        width = self._content_width() + 1
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[index]
        strip = self._cache.get(index)
        if strip is None:
            strip = self._strip(line)
            self._cache[index] = strip
        current = self.current is not None and line.row == self.current
        marker = Strip([Segment("▌" if current else " ", Style(color="bright_cyan", bold=True))])
        return Strip.join([marker, strip]).crop(self.scroll_offset.x, self.scroll_offset.x + width)

    # navigation ---------------------------------------------------------------------------

    def change_rows(self) -> list[int]:
        """Indices of rows that are changes under the current toggles."""
        return [i for i, r in enumerate(self.rows) if r.is_change(self.hide_figures)]

    def _top_row(self) -> int:
        """The row at the top of the viewport."""
        if not self._lines:
            return 0
        return self._lines[min(self.scroll_offset.y, len(self._lines) - 1)].row

    def _go(self, row: int) -> None:
        """Make ``row`` current, scroll to it and tell the screen."""
        self.current = row
        self._scroll_to_current()
        changes = self.change_rows()
        number = changes.index(row) + 1 if row in changes else 0
        self.post_message(self.ChangeFocused(number, len(changes), self.rows[row].section))
        self.refresh()

    def _scroll_to_current(self) -> None:
        """Bring the current row near the top of the view."""
        if self.current is not None and self.current < len(self._row_start):
            self.scroll_to(y=max(self._row_start[self.current] - 2, 0), animate=False)

    def action_next_change(self) -> None:
        """Jump to the next change after the current one (or after the top of the view)."""
        start = self.current if self.current is not None else self._top_row() - 1
        following = [i for i in self.change_rows() if i > start]
        if following:
            self._go(following[0])
        else:
            self.notify("No further changes.", timeout=2)

    def action_previous_change(self) -> None:
        """Jump to the change before the current one."""
        start = self.current if self.current is not None else self._top_row()
        earlier = [i for i in self.change_rows() if i < start]
        if earlier:
            self._go(earlier[-1])
        else:
            self.notify("No earlier changes.", timeout=2)

    def go_to_section(self, section: int) -> None:
        """Jump to a section's banner."""
        for index, row in enumerate(self.rows):
            if row.section == section and row.pair is None:
                self._go(index)
                return

    def go_to_offset(self, b_offset: int | None, a_offset: int | None) -> None:
        """Jump to the passage containing a B (else A) character offset."""
        for index, row in enumerate(self.rows):
            pp = row.pair
            if pp is None:
                continue
            if (
                b_offset is not None and pp.b_start <= b_offset < max(pp.b_end, pp.b_start + 1)
            ) or (
                b_offset is None
                and a_offset is not None
                and pp.a_start <= a_offset < max(pp.a_end, pp.a_start + 1)
            ):
                self._go(index)
                return
