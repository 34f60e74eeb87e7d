"""What every screen shares: failed workers go to the app's one error handler."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from ..app import ReportAuditApp

__all__ = ["AuditScreen"]


class AuditScreen(Screen[None]):
    """A screen whose workers report failures through ``ReportAuditApp.report_worker_error``.

    Workers are started with ``exit_on_error=False`` so a failed query or diff shows a
    dialog instead of ending the session.
    """

    @property
    def audit_app(self) -> ReportAuditApp:
        """The app, typed (for the store and the actor)."""
        return cast("ReportAuditApp", self.app)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Hand errors to the app; everything else is the subclass's business."""
        if event.state == WorkerState.ERROR:
            self.audit_app.report_worker_error(event.worker)
