"""Verify the store (audit chain, original hashes, derivations) from inside the UI.

Why: ``reportaudit verify`` is the one CLI action an auditor repeats during a session; it
can take a while on a large store, so it runs in a worker under a progress indicator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Label, LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from reportaudit.i18n import _
from reportaudit.store import VerifyReport, verify

if TYPE_CHECKING:
    from ..app import ReportAuditApp

__all__ = ["VerifyDialog"]


class VerifyDialog(ModalScreen[None]):
    """Runs ``verify`` and shows its one-line summary."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", _("Close"))]

    class Verified(Message):
        """The store was checked."""

        def __init__(self, report: VerifyReport) -> None:
            """Carry the verify report."""
            super().__init__()
            self.report = report

    def compose(self) -> ComposeResult:
        """Title, spinner, result, button."""
        with Vertical(classes="dialog"):
            yield Label("Verifying the store…", classes="dialog-title")
            yield LoadingIndicator()
            yield Static(id="verify-result", classes="dialog-body")
            yield Button("Close", id="close")

    def on_mount(self) -> None:
        """Start checking."""
        self.check()

    @work(thread=True, name="verifying the store", exit_on_error=False)
    def check(self) -> None:
        """Run verify in a read session."""
        app = cast("ReportAuditApp", self.app)
        with app.store.session() as session:
            self.post_message(self.Verified(verify(session)))

    def on_verify_dialog_verified(self, message: Verified) -> None:
        """Show the outcome."""
        self.query_one(LoadingIndicator).display = False
        report = message.report
        self.query_one(Label).update("Store verified" if report.ok else "Store is BROKEN")
        style = "green" if report.ok else "bold red"
        self.query_one("#verify-result", Static).update(Text(report.summary(), style=style))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Failures go to the app's error handler."""
        if event.state == WorkerState.ERROR:
            self.dismiss(None)
            cast("ReportAuditApp", self.app).report_worker_error(event.worker)

    def on_button_pressed(self) -> None:
        """Close."""
        self.dismiss(None)

    def action_close(self) -> None:
        """Close on escape."""
        self.dismiss(None)
