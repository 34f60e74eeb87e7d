"""Relabel a revision: file it under the right unit, year, kind or project, on the record.

Why a service: the CLI's ``relabel`` and the TUI's relabel dialog do the same thing, and
both must fill the fields a person did not give from what the revision is filed as now,
so "relabel 12 --year 2022" changes the year and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportaudit.metadata import classify_kind
from reportaudit.store import Store
from reportaudit.store.results import ReportSummary, RevisionInfo


@dataclass(frozen=True)
class RelabelOutcome:
    """A relabel done: the revision as it reads now, the report it left and joined."""

    revision: RevisionInfo
    before: ReportSummary
    after: ReportSummary
    event_seq: int


def relabel_revision(
    store: Store,
    ref: int | str,
    *,
    actor: str,
    unit: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    kind_class: str | None = None,
    project: str | None = None,
    region: str | None = None,
    note: str | None = None,
) -> RelabelOutcome:
    """Move revision ``ref`` to the logical report the given fields name (the others are
    kept as the revision is filed now). Raises ReportAuditError subclasses on bad input."""
    from reportaudit.store.labels import Label, relabel
    from reportaudit.store.models import Report, Revision
    from reportaudit.store.queries import get_revision, report_summary, revision_info

    with store.transaction() as s:
        before_info = get_revision(s, ref)
        rev = s.get(Revision, before_info.id)
        assert rev is not None and rev.id is not None
        current = s.get(Report, before_info.report_id)
        assert current is not None
        before = report_summary(s, current)
        new_kind = kind or current.kind
        label = Label(
            unit=unit or current.unit,
            year=year if year is not None else (current.year or None),
            kind=new_kind,
            kind_class=kind_class
            or (
                classify_kind(new_kind, has_project=bool(project or current.project))
                if kind
                else current.kind_class or "other"
            ),
            project=project if project is not None else current.project,
            region=region if region is not None else current.region,
        )
        done = relabel(s, rev.id, label, actor=actor, note=note)
        target = s.get(Report, done.to_report_id)
        assert target is not None
        return RelabelOutcome(
            revision=revision_info(s, rev, target),
            before=before,
            after=report_summary(s, target),
            event_seq=done.event_seq,
        )


def label_json(provenance: dict[str, Any]) -> dict[str, Any]:
    """The per-field provenance as the CLI's JSON shows it ({} before labels existed)."""
    return {
        name: {k: v for k, v in entry.items() if k in ("value", "source", "certain", "note")}
        for name, entry in provenance.items()
        if isinstance(entry, dict)
    }
