"""Review keys shared by the findings table and the finding screen.

Why a mixin: an auditor decides on obvious findings straight from the table and on the
others after reading the passages; both must store the decision the same way (a worker
appends it to the audit trail with the actor) and tell the user the same thing.
"""

from __future__ import annotations

from textual import work
from textual.message import Message

from reportaudit.matching.results import Finding

from ..data.review import DECISIONS, Decision, record_decision
from ..dialogs.note import NoteDialog
from ..safe import visible
from .base import AuditScreen

__all__ = ["Reviewed", "ReviewingScreen"]


class Reviewed(Message):
    """A decision or a note about a finding was stored."""

    def __init__(self, decision: Decision) -> None:
        """Carry the stored decision."""
        super().__init__()
        self.decision = decision


class ReviewingScreen(AuditScreen):
    """A screen with c/t/x/n review actions on ``review_target()``."""

    def review_target(self) -> Finding | None:
        """The finding the keys act on (subclasses say which)."""
        raise NotImplementedError

    def reviewed(self, decision: Decision) -> None:
        """Redraw after a stored decision (subclasses)."""

    def action_decide(self, decision: str) -> None:
        """Store a decision on the target finding."""
        finding = self.review_target()
        if finding is not None:
            self.store_decision(finding, decision, None)

    def action_note(self) -> None:
        """Ask for a note, then store it."""
        finding = self.review_target()
        if finding is None:
            return

        def save(note: str | None) -> None:
            """Store the note when one was written."""
            if note:
                self.store_decision(finding, None, note)

        self.app.push_screen(NoteDialog(), save)

    @work(thread=True, name="storing the review decision", exit_on_error=False)
    def store_decision(self, finding: Finding, decision: str | None, note: str | None) -> None:
        """Append the decision to the audit trail (a write: in a worker)."""
        app = self.audit_app
        stored = record_decision(app.store, finding, actor=app.actor, decision=decision, note=note)
        self.post_message(Reviewed(stored))

    def on_reviewed(self, message: Reviewed) -> None:
        """Keep the decision for the session, redraw, confirm to the user."""
        decision = message.decision
        self.audit_app.decisions.setdefault(decision.finding_id, []).append(decision)
        self.reviewed(decision)
        what = DECISIONS.get(decision.decision or "", "note")
        actor = visible(self.audit_app.actor)
        self.notify(f"Recorded: {what} (by {actor})", timeout=3, markup=False)
