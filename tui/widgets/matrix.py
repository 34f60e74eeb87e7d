"""The corpus matrix: one row per report series (unit · kind), one column per year.

Why a matrix: an auditor first asks "which units reported which years, how often did they
revise, and where is the copying" — gaps and hot spots show at a glance in this shape.

Why year columns are as wide as their widest cell, and the unit column takes what is left:
a cell cut short reads as a different, harmless figure ("1r" instead of "1r 4% !2"), so the
cells are never shortened; the unit names are (with an ellipsis, down to ``LABEL_MIN``), as
the detail pane or the status line shows the cursor's full name. Only when even that does
not fit does the matrix scroll sideways, by whole year columns, the cursor's cell always in
view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from reportaudit.i18n import _

from ..data.corpus import Corpus, Series
from ..data.reuse import ReuseStats
from ..safe import literal

if TYPE_CHECKING:
    from reportaudit.store.results import ReportSummary

__all__ = ["LABEL_MAX", "LABEL_MIN", "Cell", "CellFormat", "CorpusMatrix", "cell_text"]

LABEL_MIN = 16
"""The unit column is never narrower (eight Chinese characters, the last an ellipsis)."""
LABEL_MAX = 44
"""Nor wider, however long a name is (past 22 Chinese characters it is mostly the region,
which the unit's name usually begins with; the detail pane shows the whole name)."""
_FIRST_ROWS = 80  # enough to fill a tall terminal at once
_CHUNK = 400  # the rest is added a chunk per refresh, so the screen stays responsive


@dataclass(frozen=True)
class Cell:
    """What the cursor is on: a series, a year and the report there (if any)."""

    series: Series
    year: int
    report: ReportSummary | None


@dataclass(frozen=True)
class CellFormat:
    """How wide each part of a cell is, so that a column's parts line up and fit.

    ``revisions``: digits of the largest revision count; ``share``: characters of the
    widest reuse share ("4%", "18%", "100%"; 0 when nothing was scanned); ``findings``:
    digits of the largest open-findings count (0 when none is open).
    """

    revisions: int = 1
    share: int = 0
    findings: int = 0

    @classmethod
    def of(cls, reports: Iterable[ReportSummary], reuse: dict[int, ReuseStats]) -> CellFormat:
        """The format fitting every cell of ``reports``."""
        revisions, share, findings = 1, 0, 0
        for report in reports:
            revisions = max(revisions, len(str(report.revision_count)))
            stats = reuse.get(report.id)
            if stats is not None:
                share = max(share, len(f"{stats.share:.0%}"))
                if stats.open_findings:
                    findings = max(findings, len(str(stats.open_findings)))
        return cls(revisions, share, findings)

    def at_least(self, other: CellFormat) -> CellFormat:
        """Each part as wide as in ``self`` or ``other``, whichever is wider."""
        return CellFormat(
            max(self.revisions, other.revisions),
            max(self.share, other.share),
            max(self.findings, other.findings),
        )

    @property
    def width(self) -> int:
        """Cells of the widest cell text ("12r 100% !15": 3 + 5 + 4)."""
        width = self.revisions + 1
        if self.share:
            width += 1 + self.share
        if self.findings:
            width += 2 + self.findings
        return width


def _longest_label(series: Iterable[Series]) -> int:
    """The widest series label in cells, up to ``LABEL_MAX`` (measuring only the labels
    that could be wider than the widest so far: 2,000 labels cost 17 ms otherwise)."""
    longest = 0
    for one in series:
        label = one.label
        if 2 * len(label) > longest:  # a character is at most two cells wide
            longest = max(longest, cell_len(label))
            if longest >= LABEL_MAX:
                return LABEL_MAX
    return longest


RESERVED = CellFormat(share=3, findings=2)
"""The room kept for reuse figures before they are read ("1r 18% !12")."""


def cell_text(
    report: ReportSummary | None, stats: ReuseStats | None, fmt: CellFormat | None = None
) -> Text:
    """'3r 18% !2': revisions, reuse share, open findings; '·' where no report exists.

    ``fmt`` right-aligns the revisions and the share so that a column reads like a table.
    """
    if report is None:
        return Text("·", style="dim", justify="center")
    fmt = fmt or CellFormat()
    text = Text(f"{report.revision_count}r".rjust(fmt.revisions + 1), style="bold")
    if stats is not None:
        share_style = "red" if stats.share >= 0.3 else "yellow" if stats.share >= 0.1 else ""
        text.append(" ")
        text.append(f"{stats.share:.0%}".rjust(fmt.share), style=share_style)
        if stats.open_findings:
            text.append(f" !{stats.open_findings}", style="bold red")
    return text


class CorpusMatrix(DataTable[Text]):
    """A DataTable of series × years with a cell cursor; Enter opens the report there."""

    class ReportHighlighted(Message):
        """The cursor moved onto a cell; ``report`` is None for an empty cell."""

        def __init__(self, report: ReportSummary | None) -> None:
            """Carry the report under the cursor."""
            super().__init__()
            self.report = report

    class RowsPainted(Message):
        """The rows of a new fill were painted for the first time (work that can wait,
        like other workers, starts on this: a thread importing code would slow the first
        paint down, as every thread shares one GIL)."""

    class ReportChosen(Message):
        """Enter on a cell that holds a report."""

        def __init__(self, report: ReportSummary) -> None:
            """Carry the chosen report."""
            super().__init__()
            self.report = report

    def __init__(self, *, id: str | None = None) -> None:
        """An empty matrix; ``show`` fills it."""
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self._rows: list[Series] = []
        self._corpus: Corpus | None = None
        self._reuse: dict[int, ReuseStats] = {}
        self._generation = 0
        self._next_chunk: tuple[int, int] | None = None  # (start, generation) once painted
        self._painted = False  # whether this fill's rows were painted
        self._format = CellFormat()
        self.reserved = False  # whether ``show`` kept room for reuse figures
        self._label_natural = LABEL_MIN  # the longest unit name (at most LABEL_MAX)

    def show(
        self,
        corpus: Corpus,
        reuse: dict[int, ReuseStats],
        needle: str = "",
        reserve: bool = False,
    ) -> None:
        """(Re)fill the table with the series whose label contains ``needle``; ``reserve``:
        keep room in each year column for reuse figures that are not there yet."""
        new = corpus is not self._corpus or reuse is not self._reuse
        if new or reserve != self.reserved:  # not again for each key typed in the filter
            # over the whole corpus, not the filtered rows: the columns stay put while
            # filtering
            self._format = CellFormat.of(corpus.reports, reuse)
            if reserve:
                self._format = self._format.at_least(RESERVED)
            self._label_natural = max(LABEL_MIN, _longest_label(corpus.series))
        self._corpus, self._reuse = corpus, reuse
        self.reserved = reserve
        self._rows = [s for s in corpus.series if needle in s.label]
        self.clear(columns=True)
        self.add_column(Text(_("Unit · kind")), width=self._label_width(), key="series")
        for year in corpus.years:
            self.add_column(Text(str(year) if year else "?"), width=self._year_width, key=str(year))
        self._generation += 1
        self._painted = False
        self._add_from(0, _FIRST_ROWS, self._generation)
        self.fixed_columns = 1

    def _add_from(self, start: int, count: int, generation: int) -> None:
        """Add rows ``start..start+count``; the next chunk follows once these are painted.

        Why chunks: DataTable measures every cell it is given; 2,000 series at once would
        hold the first paint of a 10,000-report store back by a noticeable fraction of a
        second. Why after the paint (``render_lines``), not after the next refresh: the
        refresh after ``show`` comes before the table has measured its first rows, so a
        chunk added then is measured before anything is painted (0.1-0.2 s at 10,000
        reports). ``generation`` drops chunks of an outdated fill (the filter changed).
        """
        if generation != self._generation:
            return
        self.add_rows(self._row(series) for series in self._rows[start : start + count])
        more = start + count < len(self._rows)
        self._next_chunk = (start + count, generation) if more else None

    def render_lines(self, crop: Region) -> list[Strip]:
        """Paint; once rows are painted, schedule the next chunk (see ``_add_from``) and
        say so (``RowsPainted``, once per fill)."""
        lines = super().render_lines(crop)
        shown = self._corpus is not None  # show() was called
        if shown and (self.virtual_size.height > 1 or not self._rows):  # 1: the header
            if not self._painted:
                self._painted = True
                # sent by the matrix itself (during a paint the screen is the active
                # pump, and a message does not bubble past its sender)
                self.post_message(self.RowsPainted().set_sender(self))
            if self._next_chunk is not None:
                start, generation = self._next_chunk
                self._next_chunk = None
                self.call_after_refresh(self._add_from, start, _CHUNK, generation)
        return lines

    @property
    def _year_width(self) -> int:
        """A year column's width inside its padding: its widest cell, or the year."""
        return max(self._format.width, 4)

    def _years_width(self) -> int:
        """Every year column with its padding."""
        years = len(self._corpus.years) if self._corpus is not None else 0
        return years * (self._year_width + 2 * self.cell_padding)

    def _inner_width(self, label: int, scrollbar: bool = True) -> int:
        """The content width that shows every column whole with a unit column of ``label``
        cells: the columns with their padding, and the vertical scrollbar if there is one."""
        bar = self.styles.scrollbar_size_vertical if scrollbar else 0
        return label + 2 * self.cell_padding + self._years_width() + bar

    @property
    def natural_width(self) -> int:
        """The widget's width (border, padding included) that shows every column whole and
        every unit name in full (up to ``LABEL_MAX``), a vertical scrollbar or not."""
        return self._inner_width(self._label_natural) + self.styles.gutter.width

    @property
    def compact_width(self) -> int:
        """The widget's width that shows every year column whole, names cut to ``LABEL_MIN``."""
        return self._inner_width(LABEL_MIN) + self.styles.gutter.width

    def _label_width(self) -> int:
        """The unit column's width at the current size: what the year columns leave, from
        ``LABEL_MIN`` up to the longest name. When not every year fits, as many as fit whole
        beside ``LABEL_MIN``, and the unit column takes the remainder: the view is then a
        whole number of year columns wide, so the cursor's scrolling (which lines a cell up
        with an edge) never shows a year column in part."""
        if not self.size.width:  # not laid out yet
            return self._label_natural
        room = self.size.width - self._inner_width(0, self._needs_vertical_scrollbar())
        if room >= LABEL_MIN:  # the names' room beside every year column
            return min(self._label_natural, room)
        shared = room + self._years_width()  # the room of the names and the years together
        step = self._year_width + 2 * self.cell_padding
        fitting = max(1, (shared - LABEL_MIN) // step)
        return max(LABEL_MIN, shared - fitting * step)

    def _needs_vertical_scrollbar(self) -> bool:
        """Whether the rows (all of them, also those of chunks still to come) need a
        vertical scrollbar at the current size (it takes room from the unit column)."""
        rows = len(self._rows) + (self.header_height if self.show_header else 0)
        height = self.size.height
        if self.size.width < self._inner_width(LABEL_MIN, scrollbar=False):
            height -= self.styles.scrollbar_size_horizontal  # a horizontal one, too
        return rows > height

    def on_resize(self, event: events.Resize) -> None:
        """Give the unit column what the year columns leave (see the module's docstring)."""
        self.fit_label()

    def fit_label(self) -> None:
        """Set the unit column's width for the current size (no rows are re-added).

        Textual has no public call to resize a column: the column's ``width`` is public,
        the two calls after it are what ``add_column`` does to have the table measured
        and painted again.
        """
        column = self.columns.get(ColumnKey("series"))
        width = self._label_width()
        if column is None or column.width == width:
            return
        column.width = width
        self._require_update_dimensions = True
        self._clear_caches()
        self.refresh()
        self.call_after_refresh(self._scroll_cursor_into_view)

    @property
    def filled(self) -> bool:
        """Whether every matching series has been added."""
        return self.row_count == len(self._rows)

    def _row(self, series: Series) -> list[Text]:
        """One series: its label then a cell per year."""
        assert self._corpus is not None
        label = literal(series.label)
        label.no_wrap, label.overflow = True, "ellipsis"  # cut with a visible "…"
        cells = [label]
        for year in self._corpus.years:
            report = self._corpus.cells.get((series, year))
            stats = self._reuse.get(report.id) if report else None
            cells.append(cell_text(report, stats, self._format))
        return cells

    @property
    def cursor_cell(self) -> Cell | None:
        """The series, year and report under the cursor (None before the matrix is filled)."""
        return self._cell_at(self.cursor_row, self.cursor_column)

    def _cell_at(self, row: int, column: int) -> Cell | None:
        """The cell under a coordinate (the label column counts as the newest year)."""
        if self._corpus is None or not self._rows or not self._corpus.years:
            return None
        if row >= len(self._rows):
            return None
        series = self._rows[row]
        if column == 0:
            years = [y for y in self._corpus.years if (series, y) in self._corpus.cells]
            year = years[-1] if years else self._corpus.years[-1]
        else:
            year = self._corpus.years[column - 1]
        return Cell(series, year, self._corpus.cells.get((series, year)))

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        """Tell the screen which report the cursor is on."""
        event.stop()
        cell = self._cell_at(event.coordinate.row, event.coordinate.column)
        self.post_message(self.ReportHighlighted(cell.report if cell else None))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on a report opens it."""
        event.stop()
        cell = self._cell_at(event.coordinate.row, event.coordinate.column)
        if cell and cell.report:
            self.post_message(self.ReportChosen(cell.report))
