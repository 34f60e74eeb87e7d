"""A report's revisions, newest first, with who imported what when; mark two and diff."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, LoadingIndicator, Static

from reportaudit.i18n import _, local_time, n_
from reportaudit.store.results import ReportSummary, RevisionInfo
from reportaudit.structure import Document

if TYPE_CHECKING:
    from reportaudit.ratios import ReportRatios

from ..data.report import ReportDetail, load_document, load_report_detail
from ..dialogs.relabel import RelabelRequest
from ..safe import literal
from ..widgets.outline import OutlineTree
from ..widgets.ratios import RatiosPanel
from .base import AuditScreen

__all__ = ["HistoryScreen"]

MARK = "✓"


def revision_row(rev: RevisionInfo, marked: bool) -> list[Text]:
    """One table row: mark, number, time, actor, file, format, size, note (all literal)."""
    return [
        Text(MARK if marked else " ", style="bold green"),
        Text(f"#{rev.number}", style="bold"),
        Text(local_time(rev.imported_at, seconds=False)),
        literal(rev.actor),
        literal(rev.filename),
        Text(rev.format),
        Text(f"{rev.size:,}", justify="right"),
        literal(rev.note or ""),
    ]


class HistoryScreen(AuditScreen):
    """Revision history of one report; space marks revisions, d diffs two of them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "mark", _("Mark")),
        Binding("d", "diff", _("Diff marked")),
        Binding("v", "view", _("Read text")),
        Binding("k", "checks", _("Checks")),
        Binding("r", "relabel", _("Relabel")),
        Binding("c", "ratios", "复制比"),
        Binding("escape", "app.pop_screen", _("Back")),
    ]

    class HistoryLoaded(Message):
        """The report and its revisions were read."""

        def __init__(self, detail: ReportDetail) -> None:
            """Carry the report detail."""
            super().__init__()
            self.detail = detail

    class OutlineLoaded(Message):
        """The highlighted revision was parsed."""

        def __init__(self, revision_id: int, document: Document) -> None:
            """Carry the revision id and its Document."""
            super().__init__()
            self.revision_id = revision_id
            self.document = document

    class RatiosLoaded(Message):
        """The 复制比 of the report's scanned revision were computed (or there are none)."""

        def __init__(self, ratios: ReportRatios | None, note: str) -> None:
            """Carry the figures, or a note saying why there are none."""
            super().__init__()
            self.ratios = ratios
            self.note = note

    def __init__(self, report_id: int) -> None:
        """The report to show; revisions load in a worker."""
        super().__init__()
        self.report_id = report_id
        self.revisions: tuple[RevisionInfo, ...] = ()
        self.marked: list[int] = []  # revision ids, in marking order
        self.report: ReportSummary | None = None
        self.outline_revision: int | None = None  # the revision the outline shows

    def compose(self) -> ComposeResult:
        """Title, revisions table, outline of the highlighted revision, footer."""
        yield Header()
        yield Static(Text(_("Reading…")), id="history-title")
        with Vertical(id="history-body"):
            yield LoadingIndicator()
            table: DataTable[Text] = DataTable(id="revisions", cursor_type="row")
            table.add_columns(
                "",
                _("Rev"),
                _("Imported"),
                _("By"),
                _("File"),
                _("Fmt"),
                _("Bytes"),
                _("Note"),
            )
            yield table
            yield OutlineTree(id="revision-outline")
            with VerticalScroll(id="ratios-scroll"):
                yield RatiosPanel(id="ratios")
        yield Static(
            Text(
                _("space: mark two revisions · d: diff them · r: relabel · c: 复制比"), style="dim"
            ),
            id="hint",
        )
        yield Footer()

    def on_mount(self) -> None:
        """Read the report in the background; the 复制比 panel stays hidden until ``c``."""
        self.query_one("#ratios-scroll").display = False
        self.load()

    def action_ratios(self) -> None:
        """Show (computing them) or hide the 复制比 of the report's scanned revision."""
        scroll = self.query_one("#ratios-scroll")
        scroll.display = not scroll.display
        self.query_one(OutlineTree).display = not scroll.display  # the panel takes its place
        if scroll.display:
            self.query_one(RatiosPanel).show(None, "…")
            self.load_ratios()

    @work(thread=True, exclusive=True, group="ratios", name="computing 复制比", exit_on_error=False)
    def load_ratios(self) -> None:
        """The report's revision in the newest full scan, measured with its sections."""
        from reportaudit.errors import NotFoundError
        from reportaudit.services.ratios import report_ratios, scanned_revision

        store = self.audit_app.store
        try:
            rev = scanned_revision(store, self.report_id)
            if rev is None:
                self.post_message(
                    self.RatiosLoaded(None, "复制比: not in the newest scan (F2 scans the corpus)")
                )
                return
            (ratios,) = report_ratios(store, [rev]).items
        except NotFoundError as exc:
            self.post_message(self.RatiosLoaded(None, f"复制比: {exc}"))
            return
        self.post_message(self.RatiosLoaded(ratios, ""))

    def on_history_screen_ratios_loaded(self, message: RatiosLoaded) -> None:
        """Fill the panel."""
        self.query_one(RatiosPanel).show(message.ratios, message.note)

    @property
    def ratios_shown(self) -> ReportRatios | None:
        """The figures the panel shows (for tests and scripts)."""
        panel = self.query_one(RatiosPanel)
        return getattr(panel, "ratios", None)

    @work(thread=True, name="reading the revision history", exit_on_error=False)
    def load(self) -> None:
        """Read the report, its revisions and its newest text."""
        self.post_message(
            self.HistoryLoaded(load_report_detail(self.audit_app.store, self.report_id))
        )

    def on_history_screen_history_loaded(self, message: HistoryLoaded) -> None:
        """Fill the table (newest first) and the title."""
        detail = message.detail
        self.report = detail.report
        self.revisions = detail.revisions
        self.query_one(LoadingIndicator).display = False
        title = literal(detail.report.label, style="bold")
        title.append(
            "  ·  "
            + n_(
                "{n} revision, newest first",
                "{n} revisions, newest first",
                len(detail.revisions),
            ).format(n=len(detail.revisions))
        )
        self.query_one("#history-title", Static).update(title)
        self._refill()
        self.query_one("#revisions", DataTable).focus()

    def _refill(self) -> None:
        """Redraw the rows keeping the cursor where it is."""
        table: DataTable[Text] = self.query_one("#revisions", DataTable)
        row = table.cursor_row
        table.clear()
        for rev in self.revisions:
            table.add_row(*revision_row(rev, rev.id in self.marked), key=str(rev.id))
        if self.revisions:
            table.move_cursor(row=min(row, len(self.revisions) - 1))

    def _highlighted(self) -> RevisionInfo | None:
        """The revision under the cursor."""
        table = self.query_one("#revisions", DataTable)
        if not self.revisions:
            return None
        return self.revisions[min(table.cursor_row, len(self.revisions) - 1)]

    @on(DataTable.RowHighlighted, "#revisions")
    def _row_highlighted(self) -> None:
        """Show the outline of the revision under the cursor."""
        rev = self._highlighted()
        if rev is not None:
            self.load_outline(rev.id)

    @work(
        thread=True, exclusive=True, group="outline", name="parsing a revision", exit_on_error=False
    )
    def load_outline(self, revision_id: int) -> None:
        """Parse one revision for the outline."""
        self.post_message(
            self.OutlineLoaded(revision_id, load_document(self.audit_app.store, revision_id))
        )

    def on_history_screen_outline_loaded(self, message: OutlineLoaded) -> None:
        """Show the outline if the cursor is still on that revision."""
        rev = self._highlighted()
        if rev is not None and rev.id == message.revision_id:
            self.query_one(OutlineTree).show(message.document)
            self.outline_revision = rev.id

    @property
    def outline_current(self) -> bool:
        """Whether the outline shows the highlighted revision (for tests and scripts)."""
        rev = self._highlighted()
        return rev is not None and self.outline_revision == rev.id

    @on(DataTable.RowSelected, "#revisions")
    def _row_selected(self) -> None:
        """Enter marks too (so mouse-free users need only two keys)."""
        self.action_mark()

    def action_mark(self) -> None:
        """Toggle the mark on the highlighted revision; at most two stay marked."""
        rev = self._highlighted()
        if rev is None:
            return
        if rev.id in self.marked:
            self.marked.remove(rev.id)
        else:
            self.marked.append(rev.id)
            self.marked = self.marked[-2:]
        self._refill()

    def action_diff(self) -> None:
        """Diff the two marked revisions (older on the left); with fewer marked, the
        highlighted revision against the one before it."""
        from .diff import DiffScreen

        by_id = {r.id: r for r in self.revisions}
        if len(self.marked) == 2:
            a, b = sorted((by_id[i] for i in self.marked), key=lambda r: r.number)
        else:
            b_rev = self._highlighted()
            older = [r for r in self.revisions if b_rev and r.number < b_rev.number]
            if b_rev is None or not older:
                self.notify(
                    _("Mark two revisions with space (or pick one that has a predecessor).")
                )
                return
            a, b = older[0], b_rev
        self.app.push_screen(DiffScreen(a.id, b.id))

    def action_view(self) -> None:
        """Read the highlighted revision's text."""
        from .document import DocumentScreen

        rev = self._highlighted()
        if rev is not None:
            self.app.push_screen(DocumentScreen(rev.id))

    def action_checks(self) -> None:
        """Run the in-report checks on the highlighted revision."""
        from .checks import ChecksScreen

        rev = self._highlighted()
        if rev is not None:
            self.app.push_screen(ChecksScreen(rev.id))

    @on(OutlineTree.SectionChosen)
    def _section_chosen(self, message: OutlineTree.SectionChosen) -> None:
        """Enter in the outline: read that section of the highlighted revision."""
        from .document import DocumentScreen

        rev = self._highlighted()
        if rev is not None:
            self.app.push_screen(DocumentScreen(rev.id, section=message.index))

    def action_relabel(self) -> None:
        """File the highlighted revision under another unit, year, kind or project (an
        audit event, as ``reportaudit relabel``); the history then follows the revision."""
        from ..dialogs.relabel import RelabelDialog

        rev, report = self._highlighted(), self.report
        if rev is None or report is None:
            return
        dialog = RelabelDialog(
            title=_("Relabel revision #{n} ({file})").format(n=rev.number, file=rev.filename),
            unit=report.unit,
            year=report.year,
            kind=report.kind,
            project=report.project,
        )
        self.app.push_screen(dialog, lambda request: self._relabel(rev.id, request))

    def _relabel(self, revision_id: int, request: RelabelRequest | None) -> None:
        """Run the relabel in a worker (dialog cancelled: nothing)."""
        if request is not None:
            self.relabel(revision_id, request)

    @work(thread=True, name="relabelling a revision", exit_on_error=False)
    def relabel(self, revision_id: int, request: RelabelRequest) -> None:
        """Append the label and its audit event, then show where the revision went."""
        from reportaudit.services.labelling import relabel_revision

        done = relabel_revision(
            self.audit_app.store,
            revision_id,
            actor=self.audit_app.actor,
            unit=request.unit,
            year=request.year,
            kind=request.kind,
            project=request.project,
            note=request.note,
        )
        self.post_message(self.Relabelled(done.after.id, done.after.label))

    class Relabelled(Message):
        """A revision was filed under another report."""

        def __init__(self, report_id: int, label: str) -> None:
            """Carry the report the revision now belongs to."""
            super().__init__()
            self.report_id = report_id
            self.label = label

    def on_history_screen_relabelled(self, message: Relabelled) -> None:
        """Say where the revision went and show that report's history."""
        self.notify(f"Relabelled: now in {message.label}", markup=False)
        self.report_id = message.report_id
        self.marked = []
        self.load()
