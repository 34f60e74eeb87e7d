"""Review keys shared by the findings table and the finding screen.

Why a mixin: an auditor decides on obvious findings straight from the table and on the
others after reading the passages; both must store the decision the same way (a worker
appends it to the audit trail with the actor) and tell the user the same thing.

A copy and the stale-year finding derived from it cover the very same two passages: one
decision is taken for both (one audit event each, same decision and note), so the auditor
does not read the same passages twice. ``C`` confirms with a note in one step.
"""

from __future__ import annotations

from textual import work
from textual.message import Message

from reportaudit.export.labels import name
from reportaudit.i18n import _
from reportaudit.matching.results import Finding

from ..data.review import Decision, record_decision
from ..dialogs.note import NoteDialog
from ..safe import visible
from .base import AuditScreen

__all__ = ["Reviewed", "ReviewingScreen"]


class Reviewed(Message):
    """A decision or a note about a finding was stored."""

    def __init__(self, decision: Decision, *, also: bool = False) -> None:
        """Carry the stored decision (``also``: taken with another finding's)."""
        super().__init__()
        self.decision = decision
        self.also = also


def _spans(f: Finding) -> tuple[str, int, int, str, int, int]:
    """Where a finding's two passages are."""
    return (f.a.revision, f.a.start, f.a.end, f.b.revision, f.b.start, f.b.end)


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

    def same_passages(self, finding: Finding) -> list[Finding]:
        """Other findings of the session's scan on exactly the same two passages (a copy
        and its stale-year finding)."""
        scan = self.audit_app.scan
        if scan is None:
            return []
        key = _spans(finding)
        return [f for f in scan.findings if f.id != finding.id and _spans(f) == key]

    def action_decide_with_note(self, decision: str) -> None:
        """Ask for a note, then store the decision with it (one event)."""
        finding = self.review_target()
        if finding is None:
            return

        def save(note: str | None) -> None:
            """Store the decision, with the note when one was written."""
            self.store_decision(finding, decision, note or None)

        self.app.push_screen(
            NoteDialog(_("Note for “{decision}”").format(decision=name("status", decision))), save
        )

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
        facts = app.checks.targets if app.checks is not None else {}
        for target in [finding, *self.same_passages(finding)]:
            stored = record_decision(
                app.store,
                facts.get(target.id, target),  # a check finding: the facts `review` records
                actor=app.actor,
                decision=decision,
                note=note,
            )
            self.post_message(Reviewed(stored, also=target is not finding))

    def on_reviewed(self, message: Reviewed) -> None:
        """Keep the decision for the session, redraw, confirm to the user."""
        decision = message.decision
        self.audit_app.decisions.setdefault(decision.finding_id, []).append(decision)
        self.reviewed(decision)
        what = name("status", decision.decision) or _("note")
        actor = visible(self.audit_app.actor)
        if message.also:
            self.notify(
                _("Also recorded on the finding {id}").format(id=decision.finding_id), timeout=3
            )
        else:
            self.notify(
                _("Recorded: {what} (by {actor})").format(what=what, actor=actor),
                timeout=3,
                markup=False,
            )
