"""Review decisions on findings for the TUI: the shared service, plus the review log.

Why a thin module: decisions are audit events written and read by
``reportaudit.services.review`` (the CLI's ``review`` command and the exports use the same
code and event format: action "review.finding", subject "finding:<id>"); the TUI adds only
the self-contained log view of those events.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportaudit.services.review import (
    ACTION,
    DECISIONS,
    OPEN,
    Decision,
    current_status,
    load_decisions,
    record_decision,
)
from reportaudit.store import Store, events

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


@dataclass(frozen=True, slots=True)
class LoggedDecision:
    """A review event as the review log shows it: the decision and where the passages are."""

    decision: Decision
    earlier: str  # "unit year" of passage a, from the event itself
    later: str


def _place(side: object) -> str:
    """'unit year' of one side of an event's details."""
    if not isinstance(side, dict):
        return "?"
    return f"{side.get('unit', '?')} {side.get('year') or '?'}"


def review_log(store: Store) -> list[LoggedDecision]:
    """Every review event, newest first, self-contained (no scan needed to read it)."""
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
            out.append(LoggedDecision(decision, _place(details.get("a")), _place(details.get("b"))))
    return list(reversed(out))
