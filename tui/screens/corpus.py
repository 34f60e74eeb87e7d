"""The first screen: the corpus as series × years, with a detail pane for the report under
the cursor. Enter opens the report's revision history.

Layout: the matrix comes first, as a year column cut short misreads ("1r" for "1r 4% !2").
The detail pane takes the width the whole matrix leaves, at least ``DETAIL_MIN`` columns (the
unit names are then cut, with an ellipsis). When the pane would cut a year column even so (at
80 columns with three years or more), it steps aside and the status line names the report
under the cursor instead; ``d`` shows or hides the pane whatever the width. The footer lists
the keys of this screen first; Reload (r) and the theme (ctrl+t) are in the help (?) only,
and below ``NARROW`` columns the footer is compact and leaves out the palette key (ctrl+p),
so that F2 and F3 stay in view at 80 columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Header, Input, LoadingIndicator, Static

from reportaudit.i18n import _, n_

from ..data.corpus import Corpus, arrange, load_corpus
from ..data.reuse import ReuseStats
from ..safe import literal
from ..widgets.detail import ReportDetailPane
from ..widgets.matrix import Cell, CorpusMatrix
from ..widgets.outline import OutlineTree
from .base import AuditScreen

if TYPE_CHECKING:  # the store's ORM and the parser load in workers, after the first paint
    from reportaudit.store.results import ReportSummary

    from ..data.report import ReportDetail

__all__ = ["DETAIL_MIN", "NAME_MAX", "NARROW", "CorpusScreen", "detail_width"]

DETAIL_MIN = 32
"""The detail pane is not squeezed below this (its border and padding included)."""
NAME_MAX = 60
"""The status line names the cursor's series in at most this many cells (2 lines at 80)."""
NARROW = 100
"""Below this width the footer is compact and leaves the palette key to the help (?)."""


def detail_width(total: int, natural: int, compact: int) -> int | None:
    """The detail pane's width beside a matrix that is ``natural`` columns wide with every
    unit name in full and ``compact`` with names cut short; None: it does not fit.

    The matrix first: the pane takes what the whole matrix leaves, at least ``DETAIL_MIN``
    (the unit names are then cut), as long as every year column stays whole beside it.
    """
    if total - DETAIL_MIN < compact:
        return None
    return max(DETAIL_MIN, total - natural)


class CorpusScreen(AuditScreen):
    """Which reports exist, how often revised, how much reused; pick one."""

    AUTO_FOCUS = ""  # none: the matrix takes focus once filled; keys before are commands

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_report", _("History"), show=True),
        Binding("slash", "filter", _("Filter"), key_display="/"),
        Binding("o", "focus_outline", _("Outline")),
        Binding("d", "toggle_detail", _("Detail")),
        Binding("r", "reload", _("Reload"), show=False),
        Binding("i", "app.import", _("Import")),
        Binding("escape", "clear_filter", _("Clear filter"), show=False),
        Binding("ctrl+t", "app.toggle_theme", show=False),  # off the footer, see above
    ]

    class CorpusLoaded(Message):
        """The corpus (and the reuse figures, when a scan exists) was read."""

        def __init__(self, corpus: Corpus, reuse: dict[int, ReuseStats]) -> None:
            """Carry what was read."""
            super().__init__()
            self.corpus = corpus
            self.reuse = reuse

    class ReuseLoaded(Message):
        """The newest stored reuse scan and the review decisions were read."""

    class DetailLoaded(Message):
        """The report under the cursor was read."""

        def __init__(self, detail: ReportDetail) -> None:
            """Carry the detail."""
            super().__init__()
            self.detail = detail

    def __init__(self) -> None:
        """Nothing loaded yet."""
        super().__init__()
        self.corpus: Corpus | None = None
        self.reuse: dict[int, ReuseStats] = {}
        self.current: ReportSummary | None = None
        self.shown_report: int | None = None  # the report the detail pane shows
        self.painted = False  # whether the matrix has shown data yet
        self.detail_choice: bool | None = None  # d: show/hide the pane; None: if it fits
        self.reuse_read = False  # whether the newest stored scan was looked for

    def compose(self) -> ComposeResult:
        """Filter box, matrix and detail pane side by side, status line, footer."""
        yield Header()
        yield Input(placeholder=_("/ filter units…"), id="filter", compact=True)
        with Horizontal(id="corpus-body"):
            with Vertical(id="matrix-box"):
                yield LoadingIndicator(id="loading")
                yield CorpusMatrix(id="matrix")
            yield ReportDetailPane(id="detail")
        yield Static(Text(_("Reading the store…")), id="status")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the matrix once the screen is up (see ``_first_fill``)."""
        self.query_one(CorpusMatrix).display = False
        self.call_after_refresh(self._first_fill)

    def _first_fill(self) -> None:
        """Show the app's preview of the corpus when there is one, else read the corpus in
        the background (a loading indicator meanwhile).

        Why after the first refresh: Textual builds the app's first frame in a batch that
        is never displayed; a matrix filled before it is painted there, and painted again
        only once the table has measured its rows, two frames later. Filled now, the
        first frame displayed holds the data. Why the preview is read here, on the UI
        thread, and not in a worker: it takes ~0.05 s for 10,000 reports, and in a thread
        it would take several times longer while frames are built (one GIL; sqlite3 lets
        go of it for every row).
        """
        reports = self.audit_app.preview_reports()
        if reports is not None:
            self._show(arrange(reports), self.audit_app.reuse_stats())
        else:
            self.load()

    @work(
        thread=True, exclusive=True, group="corpus", name="reading the corpus", exit_on_error=False
    )
    def load(self) -> None:
        """Read every report (one query); the reuse figures follow in their own worker."""
        corpus = load_corpus(self.audit_app.store)
        self.post_message(self.CorpusLoaded(corpus, self.audit_app.reuse_stats()))

    def on_corpus_screen_corpus_loaded(self, message: CorpusLoaded) -> None:
        """Fill the matrix and the status line."""
        self._show(message.corpus, message.reuse)

    def _show(self, corpus: Corpus, reuse: dict[int, ReuseStats]) -> None:
        """Fill the matrix and the status line; then read the reuse figures (the first
        time, once the matrix is painted: ``_first_paint``)."""
        self.corpus, self.reuse = corpus, reuse
        self.query_one("#loading").display = False
        matrix = self.query_one(CorpusMatrix)
        matrix.display = True
        matrix.show(corpus, reuse, self.query_one(Input).value.strip(), self._reserve())
        matrix.focus()
        self._arrange()
        if self.painted and self.audit_app.scan is None:
            self.load_reuse()

    @on(CorpusMatrix.RowsPainted)
    def _first_paint(self) -> None:
        """The matrix shows data for the first time: now start what can wait (the reuse
        figures, the detail pane). Their threads import the ORM and the matcher and, one
        GIL for all threads, would have held the first paint back."""
        if self.painted:
            return
        self.painted = True
        if self.audit_app.scan is None:
            self.load_reuse()
        if self.current is not None and self.shown_report != self.current.id:
            self.load_detail(self.current.id)

    @work(
        thread=True,
        exclusive=True,
        group="reuse",
        name="reading the reuse scan",
        exit_on_error=False,
    )
    def load_reuse(self) -> None:
        """Read the newest stored scan and the decisions (after the matrix is up)."""
        app = self.audit_app
        store = app.store  # first thing: after a preview, this opens the store
        from ..data.findings import load_stored_scan
        from ..data.review import load_decisions

        found = load_stored_scan(store)
        if found is not None:
            decisions = load_decisions(store)
            self.app.call_from_thread(self._set_reuse, found, decisions)
        self.post_message(self.ReuseLoaded())  # also without a scan: see ``_reserve``

    def _set_reuse(self, found: object, decisions: object) -> None:
        """Keep the scan for the session unless one arrived meanwhile (UI thread)."""
        app = self.audit_app
        if app.scan is None:
            app.scan = found  # type: ignore[assignment]
            app.decisions = decisions  # type: ignore[assignment]

    def on_corpus_screen_reuse_loaded(self) -> None:
        """Show the reuse figures (or, without a scan, give up the room kept for them)."""
        self.reuse_read = True
        self.on_screen_resume()

    def _reserve(self) -> bool:
        """Whether the matrix should keep room for reuse figures not read yet.

        Why: the figures arrive a moment after the first paint; without the room, the year
        columns would widen then, and at 80 columns the detail pane would show and vanish.
        """
        return not self.reuse and not self.reuse_read and self.audit_app.scan is None

    def on_resize(self, event: events.Resize) -> None:
        """Share the new width between the matrix and the detail pane."""
        self._arrange()

    @property
    def settled(self) -> bool:
        """Whether the matrix shows its final columns: the corpus read, and the reuse
        figures read or known to be missing (for tests, scripts)."""
        return self.corpus is not None and not self.query_one(CorpusMatrix).reserved

    @property
    def detail_shown(self) -> bool:
        """Whether the detail pane is on screen (for tests, scripts)."""
        return bool(self.query_one(ReportDetailPane).display)

    def _arrange(self) -> None:
        """Size (or hide) the detail pane for the current width (see the module docstring);
        the matrix fits its unit column to what is left when it is resized."""
        total = self.size.width
        footer = self.query_one(Footer)
        footer.compact = total < NARROW
        if footer.show_command_palette != (total >= NARROW):
            footer.show_command_palette = total >= NARROW
            footer.refresh(recompose=True)
        if self.corpus is None:  # the CSS default until the matrix knows its columns
            return
        matrix = self.query_one(CorpusMatrix)
        pane = self.query_one(ReportDetailPane)
        width = detail_width(total, matrix.natural_width, matrix.compact_width)
        shown = width is not None if self.detail_choice is None else self.detail_choice
        if shown:
            pane.styles.width = width or min(DETAIL_MIN, max(total // 3, 1))
        if pane.display != shown:
            pane.display = shown
            if not shown and pane.has_focus_within:
                matrix.focus()
        matrix.fit_label()
        self._update_status()

    def action_toggle_detail(self) -> None:
        """Show or hide the detail pane (stays so until pressed again)."""
        self.detail_choice = not self.detail_shown
        self._arrange()

    def _cursor_text(self) -> Text | None:
        """The cell under the cursor in words, for when the detail pane is hidden: the full
        unit name (up to ``NAME_MAX``), the year and the cell's figures: at most 2 lines at
        80 columns, so that with the counts the status line stays within its 4."""
        matrix = self.query_one(CorpusMatrix)
        cell: Cell | None = matrix.cursor_cell if matrix.row_count else None
        if cell is None:
            return None
        text = literal(cell.series.label, style="bold")
        text.truncate(NAME_MAX, overflow="ellipsis")
        text.append(f" · {cell.year}：")
        report = cell.report
        if report is None:
            text.append(_("no report"), style="dim")
            return text
        text.append(
            n_("{n} revision", "{n} revisions", report.revision_count).format(
                n=report.revision_count
            )
        )
        stats = self.reuse.get(report.id)
        if stats is not None:
            text.append(f" · 总文字复制比 {stats.share:.0%}")
            text.append(
                " · "
                + _("{open} of {n} findings open").format(
                    open=stats.open_findings, n=stats.findings
                )
            )
        return text

    def _update_status(self) -> None:
        """Counts of reports, revisions, series and years; whether reuse was scanned; the
        report under the cursor when the detail pane is hidden."""
        corpus = self.corpus
        if corpus is None:
            return
        if not corpus.reports:
            status = Text(_("The store is empty: import reports with `reportaudit import FILES`."))
        else:
            status = Text(
                _(
                    "{reports} reports · {revisions} revisions · {series} series · {years} years"
                ).format(
                    reports=len(corpus.reports),
                    revisions=corpus.revision_count,
                    series=len(corpus.series),
                    years=len(corpus.years),
                )
            )
            scan = self.audit_app.scan
            if self.reuse and scan is not None:
                status.append(
                    " · "
                    + _("cells: revisions, 总文字复制比, !open findings (run {id})").format(
                        id=scan.run_id
                    ),
                    style="dim",
                )
            elif not self.reuse_read:  # never claim "not scanned" while a scan is being read
                status.append(" · " + _("reuse: reading the stored scan…"), style="dim")
            else:
                status.append(" · " + _("reuse: not scanned yet (F2 scans)"), style="dim")
            cursor = None if self.detail_shown else self._cursor_text()
            if cursor is not None:
                status = cursor.append("\n").append_text(status)
        self.query_one("#status", Static).update(status)

    @on(CorpusMatrix.ReportHighlighted)
    def _report_highlighted(self, message: CorpusMatrix.ReportHighlighted) -> None:
        """Load the detail of the report under the cursor."""
        self.current = message.report
        if not self.detail_shown:
            self._update_status()
        if message.report is None:
            self.query_one(ReportDetailPane).show(None, None)
            self.shown_report = None
        elif self.painted:  # else it starts once the matrix is painted
            self.load_detail(message.report.id)

    @work(thread=True, exclusive=True, group="detail", name="reading a report", exit_on_error=False)
    def load_detail(self, report_id: int) -> None:
        """Read one report's revisions and parse its newest text."""
        from ..data.report import load_report_detail

        self.post_message(self.DetailLoaded(load_report_detail(self.audit_app.store, report_id)))

    def on_corpus_screen_detail_loaded(self, message: DetailLoaded) -> None:
        """Show the detail, unless the cursor has moved on meanwhile."""
        if self.current is None or self.current.id != message.detail.report.id:
            return
        stats = self.reuse.get(message.detail.report.id)
        labels = {r.id: r.label for r in self.corpus.reports} if self.corpus and stats else {}
        self.query_one(ReportDetailPane).show(
            message.detail, stats, labels, reading=not self.reuse_read
        )
        self.shown_report = message.detail.report.id

    @property
    def detail_current(self) -> bool:
        """Whether the detail pane shows the report under the cursor (for tests, scripts)."""
        return self.current is not None and self.shown_report == self.current.id

    @on(CorpusMatrix.ReportChosen)
    def _report_chosen(self, message: CorpusMatrix.ReportChosen) -> None:
        """Enter on a cell: open its history."""
        self.audit_app.open_report(message.report.id)

    @on(OutlineTree.SectionChosen)
    def _section_chosen(self, message: OutlineTree.SectionChosen) -> None:
        """Enter on a section of the outline: read the newest revision there."""
        if self.current and self.current.latest_revision_id is not None:
            from .document import DocumentScreen

            self.app.push_screen(
                DocumentScreen(self.current.latest_revision_id, section=message.index)
            )

    def on_screen_resume(self) -> None:
        """Back from another screen: a scan or a review may have changed the reuse column
        (and with it the width of the year columns)."""
        stats = self.audit_app.reuse_stats()
        matrix = self.query_one(CorpusMatrix)
        if self.corpus is not None and (stats != self.reuse or matrix.reserved != self._reserve()):
            self.reuse = stats
            row, column = matrix.cursor_row, matrix.cursor_column
            matrix.show(self.corpus, stats, self.query_one(Input).value.strip(), self._reserve())
            matrix.move_cursor(row=row, column=column)
            self._arrange()

    def action_open_report(self) -> None:
        """Open the report under the cursor (also bound for the footer)."""
        if self.current is not None:
            self.audit_app.open_report(self.current.id)

    def action_filter(self) -> None:
        """Focus the filter box."""
        self.query_one(Input).focus()

    def action_clear_filter(self) -> None:
        """Empty the filter and go back to the matrix."""
        box = self.query_one(Input)
        if box.value:
            box.value = ""
        self.query_one(CorpusMatrix).focus()

    def action_focus_outline(self) -> None:
        """Move into the outline of the report under the cursor (showing the pane)."""
        if not self.detail_shown:
            self.detail_choice = True
            self._arrange()
        self.query_one(OutlineTree).focus()

    def action_reload(self) -> None:
        """Read the store again (after an import elsewhere)."""
        self.load()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        """Show only the series whose name contains the filter."""
        if self.corpus is not None:
            matrix = self.query_one(CorpusMatrix)
            matrix.show(self.corpus, self.reuse, event.value.strip(), matrix.reserved)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        """Enter in the filter box returns to the matrix."""
        self.query_one(CorpusMatrix).focus()
