"""The review log: every decision and note on reuse findings, newest first, from the
audit trail. Enter opens the finding when the current scan still has it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from reportaudit.i18n import _

from ..data.review import LoggedDecision, review_log
from ..safe import literal
from ..widgets.finding_rows import status_text
from .base import AuditScreen

__all__ = ["ReviewLogScreen"]


class ReviewLogScreen(AuditScreen):
    """Who decided what about which finding, when."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", _("Back"))]

    class LogLoaded(Message):
        """The review events were read."""

        def __init__(self, entries: list[LoggedDecision]) -> None:
            """Carry the entries."""
            super().__init__()
            self.entries = entries

    def __init__(self) -> None:
        """Nothing read yet."""
        super().__init__()
        self.entries: list[LoggedDecision] = []

    def compose(self) -> ComposeResult:
        """Title, table, footer."""
        yield Header()
        yield Static(Text("Reading the audit trail…"), id="review-log-title")
        table: DataTable[Text] = DataTable(id="review-log", cursor_type="row", zebra_stripes=True)
        table.add_columns("When (UTC)", "Who", "Decision", "Finding", "Earlier", "Later", "Note")
        yield table
        yield Footer()

    def on_mount(self) -> None:
        """Read in the background."""
        self.load()

    @work(thread=True, name="reading the review log", exit_on_error=False)
    def load(self) -> None:
        """Read every review event."""
        self.post_message(self.LogLoaded(review_log(self.audit_app.store)))

    def on_review_log_screen_log_loaded(self, message: LogLoaded) -> None:
        """Fill the table."""
        self.entries = message.entries
        table: DataTable[Text] = self.query_one(DataTable)
        for entry in self.entries:
            d = entry.decision
            table.add_row(
                Text(f"{d.at:%Y-%m-%d %H:%M}"),
                literal(d.actor),
                status_text(d.decision) if d.decision else Text("note", style="dim"),
                Text(d.finding_id, style="dim"),
                literal(entry.earlier),
                literal(entry.later),
                literal(d.note or ""),
            )
        table.focus()
        self.query_one("#review-log-title", Static).update(
            Text(f"{len(self.entries)} review event(s) in the audit trail, newest first")
        )

    @on(DataTable.RowSelected, "#review-log")
    def _open(self, event: DataTable.RowSelected) -> None:
        """Open the finding if the current scan has it."""
        from .finding import FindingScreen

        if not 0 <= event.cursor_row < len(self.entries):
            return
        wanted = self.entries[event.cursor_row].decision.finding_id
        scan = self.audit_app.scan
        found = next((f for f in scan.findings if f.id == wanted), None) if scan else None
        if found is None:
            self.notify(_("That finding is not in the current scan (open Findings first)."))
        else:
            self.app.push_screen(FindingScreen(found))
