"""Review decisions on reuse findings, kept in the store's tamper-evident audit trail.

Why the audit trail and no table of our own: a decision is exactly an audit event (who
decided what about which finding, when), the trail is append-only and hash-chained, and
``verify`` already proves it untouched. The current status of a finding is its newest
decision; its history is every event about it. Nothing here is TUI-specific: it can move to
``reportaudit.services`` unchanged when the CLI wants it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportaudit.matching.results import Finding
from reportaudit.store import Store, append_event, events

__all__ = [
    "ACTION",
    "DECISIONS",
    "OPEN",
    "Decision",
    "LoggedDecision",
    "current_status",
    "load_decisions",
    "record_decision",
    "review_log",
]

ACTION = "review.finding"
DECISIONS = {
    "confirmed": "confirmed copy",
    "template": "acceptable template",
    "dismissed": "dismissed",
}
"""Decision code -> what the auditor sees. A note alone has decision None."""
OPEN = "open"


@dataclass(frozen=True, slots=True)
class Decision:
    """One review event: a decision, a note, or both."""

    seq: int
    finding_id: str
    decision: str | None
    note: str | None
    actor: str
    at: datetime


def _subject(finding_id: str) -> str:
    """The audit subject naming a finding."""
    return f"finding:{finding_id}"


def _side(finding: Finding, side: str) -> dict[str, object]:
    """Where one passage of the finding lies (so the event stands on its own)."""
    passage = finding.a if side == "a" else finding.b
    return {
        "revision": passage.revision,
        "start": passage.start,
        "end": passage.end,
        "unit": passage.report.unit,
        "year": passage.report.year,
    }


def record_decision(
    store: Store, finding: Finding, *, actor: str, decision: str | None, note: str | None = None
) -> Decision:
    """Append a decision (and/or a note) about ``finding`` to the audit trail."""
    if decision is not None and decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}; one of {', '.join(DECISIONS)}")
    if decision is None and not (note and note.strip()):
        raise ValueError("a review event needs a decision or a note")
    details = {
        "decision": decision,
        "note": note.strip() if note else None,
        "relation": finding.relation,
        "similarity": round(finding.similarity, 4),
        "a": _side(finding, "a"),
        "b": _side(finding, "b"),
    }
    with store.transaction() as session:
        event = append_event(
            session, actor=actor, action=ACTION, subject=_subject(finding.id), details=details
        )
    return Decision(event.seq, finding.id, decision, details["note"], event.actor, event.at)  # type: ignore[arg-type]


def load_decisions(store: Store) -> dict[str, list[Decision]]:
    """Finding id -> its review events, oldest first."""
    out: dict[str, list[Decision]] = {}
    with store.session() as session:
        for event in events(session, action=ACTION):
            finding_id = event.subject.removeprefix("finding:")
            out.setdefault(finding_id, []).append(
                Decision(
                    event.seq,
                    finding_id,
                    event.details.get("decision"),
                    event.details.get("note"),
                    event.actor,
                    event.at,
                )
            )
    return out


def current_status(history: list[Decision] | None) -> str:
    """The newest decision's code, or "open" when none was taken (notes do not decide)."""
    for decision in reversed(history or []):
        if decision.decision is not None:
            return decision.decision
    return OPEN


@dataclass(frozen=True, slots=True)
class LoggedDecision:
    """A review event as the review log shows it: the decision and where the passages are."""

    decision: Decision
    earlier: str  # "unit year" of passage a, from the event itself
    later: str


def review_log(store: Store) -> list[LoggedDecision]:
    """Every review event, newest first, self-contained (no scan needed to read it)."""

    def place(side: object) -> str:
        """'unit year' of one side of the event's details."""
        if not isinstance(side, dict):
            return "?"
        return f"{side.get('unit', '?')} {side.get('year') or '?'}"

    out: list[LoggedDecision] = []
    with store.session() as session:
        for event in events(session, action=ACTION):
            details = event.details
            decision = Decision(
                event.seq,
                event.subject.removeprefix("finding:"),
                details.get("decision"),
                details.get("note"),
                event.actor,
                event.at,
            )
            out.append(LoggedDecision(decision, place(details.get("a")), place(details.get("b"))))
    return list(reversed(out))
