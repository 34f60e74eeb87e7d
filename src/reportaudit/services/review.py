"""Review decisions on findings, kept in the store's tamper-evident audit trail.

Why here: the CLI (``reportaudit review``), the exports and the TUI must read and write the
same history, and src/ must not import the TUI. This is the logic of ``tui/data/review.py``
with an identical event format (action "review.finding", subject "finding:<id>", details
decision/note/relation/similarity/a/b), so a decision taken in one place shows in all.

Why the audit trail and no table of our own: a decision is exactly an audit event (who decided
what about which finding, when), the trail is append-only and hash-chained, and ``verify``
already proves it untouched. The current status of a finding is its newest decision.

Check findings (``reportaudit.checks``) can be reviewed too: their events carry the check's
kind, rule, revision and spans instead of the reuse relation and passages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportaudit.errors import AmbiguousError, NotFoundError
from reportaudit.matching.results import Finding
from reportaudit.store import Store, append_event, events
from reportaudit.store.checks import list_check_findings
from reportaudit.store.reuse import list_findings, runs

__all__ = [
    "ACTION",
    "DECISIONS",
    "OPEN",
    "STATUSES",
    "Decision",
    "current_status",
    "find_finding",
    "latest_decision",
    "latest_note",
    "load_decisions",
    "record_decision",
    "resolve_finding_id",
]

ACTION = "review.finding"
DECISIONS = {
    "confirmed": "confirmed copy",
    "template": "acceptable template",
    "dismissed": "dismissed",
}
"""Decision code -> what the auditor sees. A note alone has decision None."""
OPEN = "open"
STATUSES = (OPEN, *DECISIONS)
"""Every status a finding can have (for filters): open until decided."""


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
    """The audit subject naming a finding (the same for reuse and check findings)."""
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


def _dict_side(data: Mapping[str, Any], side: str) -> dict[str, object]:
    """``_side`` for a finding in its JSON form (``findings --json``)."""
    p = data[side]
    return {
        "revision": p["revision"],
        "start": p["start"],
        "end": p["end"],
        "unit": p["report"]["unit"],
        "year": p["report"]["year"],
    }


def _facts(finding: Finding | Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The finding id and what the event records about it, for each form a finding takes:
    a matcher ``Finding``, its JSON dict, or a check finding's JSON dict (``check --json``)."""
    if isinstance(finding, Finding):
        return finding.id, {
            "relation": finding.relation,
            "similarity": round(finding.similarity, 4),
            "a": _side(finding, "a"),
            "b": _side(finding, "b"),
        }
    if "relation" in finding:
        return str(finding["id"]), {
            "relation": finding["relation"],
            "similarity": round(float(finding["similarity"]), 4),
            "a": _dict_side(finding, "a"),
            "b": _dict_side(finding, "b"),
        }
    return str(finding["id"]), {
        "kind": finding["kind"],
        "rule": finding["rule"],
        "revision": finding["revision"],
        "spans": [[s["start"], s["end"]] for s in finding["spans"]],
    }


def record_decision(
    store: Store,
    finding: Finding | Mapping[str, Any],
    *,
    actor: str,
    decision: str | None,
    note: str | None = None,
) -> Decision:
    """Append a decision (and/or a note) about ``finding`` to the audit trail."""
    if decision is not None and decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}; one of {', '.join(DECISIONS)}")
    if decision is None and not (note and note.strip()):
        raise ValueError("a review event needs a decision or a note")
    finding_id, facts = _facts(finding)
    clean_note = note.strip() if note else None
    details = {"decision": decision, "note": clean_note, **facts}
    with store.transaction() as session:
        event = append_event(
            session, actor=actor, action=ACTION, subject=_subject(finding_id), details=details
        )
    return Decision(event.seq, finding_id, decision, clean_note, event.actor, event.at)


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


def latest_decision(history: list[Decision] | None) -> Decision | None:
    """The newest event that took a decision (who decided the current status), if any."""
    for decision in reversed(history or []):
        if decision.decision is not None:
            return decision
    return None


def latest_note(history: list[Decision] | None) -> str | None:
    """The newest note written about a finding, if any (a note may come without a decision)."""
    for decision in reversed(history or []):
        if decision.note:
            return decision.note
    return None


def _stored_ids(store: Store) -> set[str]:
    """Every finding id the store knows: reuse runs, check results and reviewed ones."""
    ids: set[str] = set()
    with store.session() as session:
        for run in runs(session):
            ids.update(str(item["id"]) for item in list_findings(session, run_id=run.id))
        ids.update(f.id for f in list_check_findings(session))
    ids.update(load_decisions(store))
    return ids


def resolve_finding_id(store: Store, ref: str) -> str:
    """The full finding id for ``ref``: an id, or a prefix of exactly one stored id.

    Why: ids are 17 characters and narrow terminals or papers cut them; any unique prefix
    is accepted wherever an id is taken, like a git hash. NotFoundError when nothing
    matches, AmbiguousError naming a few candidates when several do."""
    ref = ref.strip()
    ids = _stored_ids(store)
    if ref in ids:
        return ref
    matches = sorted(i for i in ids if ref and i.startswith(ref))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"no stored finding {ref!r}; see `reportaudit findings`")
    shown = ", ".join(matches[:5]) + (" …" if len(matches) > 5 else "")
    raise AmbiguousError(f"{ref!r} is the start of {len(matches)} finding ids: {shown}")


def find_finding(store: Store, finding_id: str) -> dict[str, Any] | None:
    """A stored finding by id, in the JSON form ``record_decision`` accepts: a reuse finding
    from the newest run holding it, else a check finding from the newest check runs; None
    when no stored result has that id (a decision about nothing would be meaningless)."""
    with store.session() as session:
        for run in reversed(runs(session)):
            for item in list_findings(session, run_id=run.id):
                if item["id"] == finding_id:
                    return item
        for f in list_check_findings(session):
            if f.id == finding_id:
                return {
                    "id": f.id,
                    "kind": f.kind,
                    "rule": f.rule,
                    "revision": f.revision_id,
                    "spans": [{"start": a, "end": b} for a, b in f.spans],
                }
    return None
