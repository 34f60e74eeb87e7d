"""The corpus matrix: one row per report series (unit · kind), one column per year.

Why a matrix: an auditor first asks "which units reported which years, how often did they
revise, and where is the copying" — gaps and hot spots show at a glance in this shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import DataTable

from ..data.corpus import Corpus, Series
from ..data.reuse import ReuseStats
from ..safe import literal

if TYPE_CHECKING:
    from reportaudit.store.results import ReportSummary

__all__ = ["CorpusMatrix"]

_LABEL_WIDTH = 28
_FIRST_ROWS = 80  # enough to fill a tall terminal at once
_CHUNK = 400  # the rest is added a chunk per refresh, so the screen stays responsive


@dataclass(frozen=True)
class _Cell:
    """What the cursor is on: a series, a year and the report there (if any)."""

    series: Series
    year: int
    report: ReportSummary | None


def cell_text(report: ReportSummary | None, stats: ReuseStats | None) -> Text:
    """'3r 18% !2': revisions, reuse share, open findings; '·' where no report exists."""
    if report is None:
        return Text("·", style="dim", justify="center")
    text = Text(f"{report.revision_count}r", style="bold")
    if stats is not None:
        share_style = "red" if stats.share >= 0.3 else "yellow" if stats.share >= 0.1 else ""
        text.append(f" {stats.share:4.0%}", style=share_style)
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

    def show(self, corpus: Corpus, reuse: dict[int, ReuseStats], needle: str = "") -> None:
        """(Re)fill the table with the series whose label contains ``needle``."""
        self._corpus, self._reuse = corpus, reuse
        self.clear(columns=True)
        self.add_column(Text("Unit · kind"), width=_LABEL_WIDTH, key="series")
        for year in corpus.years:
            self.add_column(Text(str(year)), width=10, key=str(year))
        self._rows = [s for s in corpus.series if needle in s.label]
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
    def filled(self) -> bool:
        """Whether every matching series has been added."""
        return self.row_count == len(self._rows)

    def _row(self, series: Series) -> list[Text]:
        """One series: its label then a cell per year."""
        assert self._corpus is not None
        cells = [literal(series.label)]
        for year in self._corpus.years:
            report = self._corpus.cells.get((series, year))
            cells.append(cell_text(report, self._reuse.get(report.id) if report else None))
        return cells

    def _cell_at(self, row: int, column: int) -> _Cell | None:
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
        return _Cell(series, year, self._corpus.cells.get((series, year)))

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
