"""Reuse findings and the in-report check findings: one sortable, filterable queue; Enter
opens one for review (the same keys and audit events for both kinds).

Shows the newest scan stored in the store (``reportaudit scan`` or an earlier session); with
none stored, the first visit scans the newest revision of every report in a worker and saves
the run. ``R`` rescans (after imports). Review statuses come from the audit trail, so they
are there after a restart.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Input, LoadingIndicator, Static

from reportaudit.i18n import _
from reportaudit.matching.results import Finding

from ..data.checks_queue import CheckQueue, load_check_queue
from ..data.filters import SORTS, FindingView, parse_filter, sort_key
from ..data.findings import CorpusScan, load_stored_scan, scan_and_save
from ..data.review import Decision, current_status, load_decisions
from ..safe import literal
from ..widgets.finding_rows import COLUMNS, WIDTHS, finding_row, grouped
from .reviewing import ReviewingScreen

__all__ = ["FindingsScreen"]

MAX_ROWS = 2000
"""Rows drawn at once; a narrower filter shows the rest (keeps typing in the filter fast)."""


class FindingsScreen(ReviewingScreen):
    """Every finding of the session's scan with its review status."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", _("Filter"), key_display="/"),
        Binding("s", "sort", _("Sort")),
        Binding("c", "decide('confirmed')", _("Confirmed copy")),
        Binding("t", "decide('template')", _("Template")),
        Binding("x", "decide('dismissed')", _("Dismiss")),
        Binding("n", "note", _("Note")),
        Binding("R", "rescan", _("Rescan")),
        Binding("L", "app.review_log", _("Review log")),
        Binding("escape", "back", _("Back")),
    ]

    class ScanStarted(Message):
        """No stored run was usable: a new scan is running."""

    class Scanned(Message):
        """The corpus was scanned for reuse."""

        def __init__(self, found: CorpusScan) -> None:
            """Carry the scan."""
            super().__init__()
            self.found = found

    class ChecksLoaded(Message):
        """The stored in-report check findings were read."""

        def __init__(self, queue: CheckQueue) -> None:
            """Carry the queue."""
            super().__init__()
            self.queue = queue

    class DecisionsLoaded(Message):
        """Review events were read from the audit trail."""

        def __init__(self, decisions: dict[str, list[Decision]]) -> None:
            """Carry the decisions."""
            super().__init__()
            self.decisions = decisions

    def __init__(self) -> None:
        """Nothing shown until the scan and the decisions are in."""
        super().__init__()
        self.views: list[FindingView] = []
        self.shown: list[FindingView] = []
        self.sort_name = "severity"
        self.ready = False

    def compose(self) -> ComposeResult:
        """Filter, progress, table, status line."""
        yield Header()
        yield Input(
            placeholder="/ filter: sev:60 copy template status:open unit:… year:2023 rel:… type:…",
            id="findings-filter",
            compact=True,
        )
        yield LoadingIndicator(id="findings-loading")
        table: DataTable[Text] = DataTable(id="findings", cursor_type="row", zebra_stripes=True)
        for label, width in zip(COLUMNS, WIDTHS, strict=True):
            table.add_column(label, width=width, key=label)
        table.fixed_columns = 2  # severity and status stay when scrolling sideways at 80 columns
        yield table
        yield Static(Text("Reading the newest stored reuse scan…"), id="findings-status")
        yield Footer()

    def on_mount(self) -> None:
        """Scan if this session has no scan yet; read the decisions either way."""
        self.query_one("#findings", DataTable).display = False
        if self.audit_app.scan is None:
            self.scan(rescan=False)
        if self.audit_app.checks is None:
            self.read_checks()
        self.read_decisions()

    @work(thread=True, name="reading the check findings", exit_on_error=False)
    def read_checks(self) -> None:
        """The stored in-report check findings, as rows of this queue."""
        self.post_message(self.ChecksLoaded(load_check_queue(self.audit_app.store)))

    def on_findings_screen_checks_loaded(self, message: ChecksLoaded) -> None:
        """Keep the check findings for the session and show them."""
        self.audit_app.checks = message.queue
        self._refresh_views()

    @work(thread=True, exclusive=True, group="scan", name="scanning for reuse", exit_on_error=False)
    def scan(self, rescan: bool) -> None:
        """The newest stored run; or scan and store one (slow on a large corpus)."""
        app = self.audit_app
        found = None if rescan else load_stored_scan(app.store)
        if found is None:
            self.post_message(self.ScanStarted())
            found = scan_and_save(app.store, actor=app.actor)
        self.post_message(self.Scanned(found))

    @work(thread=True, name="reading review decisions", exit_on_error=False)
    def read_decisions(self) -> None:
        """Read the review events."""
        self.post_message(self.DecisionsLoaded(load_decisions(self.audit_app.store)))

    def on_findings_screen_scan_started(self) -> None:
        """Say that a scan runs (it can take minutes on a large corpus)."""
        self.query_one("#findings-status", Static).update(
            Text("Scanning the newest revision of every report; the run will be stored…")
        )

    def on_findings_screen_scanned(self, message: Scanned) -> None:
        """Keep the scan for the session and show it."""
        self.audit_app.scan = message.found
        self._refresh_views()

    def on_findings_screen_decisions_loaded(self, message: DecisionsLoaded) -> None:
        """Keep the decisions for the session and show them."""
        self.audit_app.decisions = message.decisions
        self.ready = True
        self._refresh_views()

    def on_screen_resume(self) -> None:
        """Back from a finding: statuses may have changed."""
        self._refresh_views()

    def _refresh_views(self) -> None:
        """Rebuild the rows from the scan and the decisions."""
        found = self.audit_app.scan
        if found is None or not self.ready:
            return
        decisions = self.audit_app.decisions
        checks = self.audit_app.checks.findings if self.audit_app.checks is not None else ()
        self.views = [
            FindingView(f, current_status(decisions.get(f.id))) for f in (*found.findings, *checks)
        ]
        self.query_one("#findings-loading").display = False
        table = self.query_one("#findings", DataTable)
        if not table.display:
            table.display = True
            table.focus()
        self._fill()

    def _fill(self) -> None:
        """Filter, sort and redraw, keeping the cursor on the same finding."""
        table: DataTable[Text] = self.query_one("#findings", DataTable)
        current = self.current()
        keep = parse_filter(self.query_one("#findings-filter", Input).value)
        rows = grouped(sorted((v for v in self.views if keep(v)), key=sort_key(self.sort_name)))
        self.shown = [v for v, _, _ in rows]
        table.clear()
        self._size_snippet()
        later = table.columns["Later"].width  # type: ignore[index]
        table.add_rows(
            finding_row(v, family=n, member=m, later_width=later) for v, n, m in rows[:MAX_ROWS]
        )
        if current is not None:
            ids = [v.finding.id for v in self.shown[:MAX_ROWS]]
            if current.finding.id in ids:
                table.move_cursor(row=ids.index(current.finding.id))
        still_open = sum(v.status == "open" for v in self.shown)
        status = Text(
            f"{len(self.shown)} of {len(self.views)} findings · {still_open} open · "
            f"sorted by {self.sort_name} (s)"
        )
        if len(self.shown) > MAX_ROWS:
            status.append(f" · first {MAX_ROWS} drawn: narrow the filter", style="yellow")
        found = self.audit_app.scan
        if found is not None:
            status.append(f" · stored run {found.run_id} by ", style="dim")
            status.append_text(literal(found.actor, style="dim"))
        self.query_one("#findings-status", Static).update(status)

    def _size_snippet(self) -> None:
        """Give the snippet column what the fixed columns leave of the screen's width. Below
        100 columns the Later column narrows and Sim and Len are left to sideways scrolling,
        so the snippet still shows a few words."""
        table: DataTable[Text] = self.query_one("#findings", DataTable)
        narrow = self.size.width < 100
        widths = dict(zip(COLUMNS, WIDTHS, strict=True))
        if narrow:
            widths["Later"] = 10
        table.columns["Later"].width = widths["Later"]  # type: ignore[index]
        counted = [c for c in COLUMNS if c != "Snippet" and not (narrow and c in ("Sim", "Len"))]
        fixed = sum(widths[c] for c in counted)
        padding = 2 * table.cell_padding * (len(counted) + 1) + 4  # cells' padding, scroll bar
        free = max(self.size.width - fixed - padding, 12 if narrow else widths["Snippet"])
        table.columns["Snippet"].width = free  # type: ignore[index]

    def on_resize(self) -> None:
        """Re-fit the snippet column."""
        if self.views:
            self._fill()

    def current(self) -> FindingView | None:
        """The finding under the cursor."""
        table = self.query_one("#findings", DataTable)
        if not self.shown or table.row_count == 0:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    def review_target(self) -> Finding | None:
        """The keys act on the finding under the cursor."""
        view = self.current()
        return view.finding if view is not None else None

    def reviewed(self, decision: Decision) -> None:
        """Show the new status in the table."""
        self._refresh_views()

    @on(DataTable.RowSelected, "#findings")
    def _open(self) -> None:
        """Open the finding under the cursor."""
        from .finding import FindingScreen

        view = self.current()
        if view is not None:
            self.app.push_screen(FindingScreen(view.finding))

    @on(DataTable.HeaderSelected, "#findings")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        """Clicking a header sorts by it (where that column has an order)."""
        names = {
            "Sev": "severity",
            "Status": "status",
            "Relation": "relation",
            "Section": "type",
            "Later": "unit",
            "Sim": "similarity",
            "Len": "length",
        }
        name = names.get(str(event.label))
        if name:
            self.sort_name = name
            self._fill()

    @on(Input.Changed, "#findings-filter")
    def _filter_changed(self) -> None:
        """Apply the filter as it is typed."""
        if self.views:
            self._fill()

    @on(Input.Submitted, "#findings-filter")
    def _filter_done(self) -> None:
        """Enter returns to the table."""
        self.query_one("#findings", DataTable).focus()

    def action_filter(self) -> None:
        """Focus the filter line."""
        self.query_one("#findings-filter", Input).focus()

    def action_sort(self) -> None:
        """Cycle through the sort orders."""
        names = list(SORTS)
        self.sort_name = names[(names.index(self.sort_name) + 1) % len(names)]
        self._fill()

    def action_rescan(self) -> None:
        """Scan again (after imports)."""
        self.query_one("#findings-loading").display = True
        self.query_one("#findings-status", Static).update(Text("Scanning again…"))
        self.scan(rescan=True)

    def action_back(self) -> None:
        """Leave the filter line, or the screen."""
        box = self.query_one("#findings-filter", Input)
        if box.has_focus:
            self.query_one("#findings", DataTable).focus()
        else:
            self.app.pop_screen()
