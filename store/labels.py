"""Where each revision belongs: report keys, current placements, relabels.

Why a separate history instead of a column: revisions are immutable evidence, and the
report a revision was filed under is itself a fact that may be corrected later. Each
revision's labels are append-only rows (``RevisionLabel``): the import's, then one per
``relabel``, each recorded by an audit event. A revision belongs to the report its newest
label names; a report's revision chain is the revisions it currently holds, in import order.

Keys: a report whose unit, year and project were all read for certain is keyed by
(unit, year, kind class, project), so the next revision of the same report joins it. A
report read with any doubt gets a key of its own (the original's sha256): a guess never
merges two documents. A relabel is a person's decision, so its target is always keyed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from reportaudit.errors import NotFoundError, StoreError

from .events import append_event, require_writer
from .hashing import canonical_json, normalize_json
from .models import Report, Revision, RevisionLabel

RELABEL_ACTION = "relabel"
KIND_CLASSES = ("department_overall", "project", "budget_execution", "other")


@dataclass(frozen=True)
class Label:
    """What a revision is filed as: the logical report's key fields, kind and region."""

    unit: str
    year: int | None
    kind: str
    kind_class: str
    project: str | None = None
    region: str | None = None

    def report_fields(self) -> dict[str, Any]:
        """The JSON the audit events record for the report."""
        return {
            "unit": self.unit,
            "year": self.year,
            "kind": self.kind,
            "kind_class": self.kind_class,
            "project": self.project,
            "region": self.region,
        }


def report_key(label: Label, *, uncertain: tuple[str, ...] = (), sha256: str = "") -> str:
    """The unique key of a logical report (see the module docstring)."""
    if uncertain:
        if not sha256:
            raise ValueError("an uncertain report needs the original's sha256 for its key")
        return canonical_json(["uncertain", sha256])
    return canonical_json(["v2", label.unit, label.year or 0, label.kind_class, label.project])


def normalise_label(label: Label) -> Label:
    """Trim the names, treat empty strings as none, refuse nonsense."""
    unit, kind = label.unit.strip(), label.kind.strip()
    if not unit or not kind:
        raise ValueError("a report needs a unit and a kind")
    if label.year is not None and not 1900 <= int(label.year) <= 2200:
        raise ValueError(f"implausible report year {label.year}")
    if label.kind_class not in KIND_CLASSES:
        raise ValueError(f"kind class must be one of {', '.join(KIND_CLASSES)}")
    return Label(
        unit=unit,
        year=int(label.year) if label.year is not None else None,
        kind=kind,
        kind_class=label.kind_class,
        project=(label.project or "").strip() or None,
        region=(label.region or "").strip() or None,
    )


def get_or_create_report(
    session: Session, label: Label, *, uncertain: tuple[str, ...] = (), sha256: str = ""
) -> Report:
    """The report row for this label (created on first use, under the write lock)."""
    key = report_key(label, uncertain=uncertain, sha256=sha256)
    found = session.exec(select(Report).where(Report.key == key)).first()
    if found:
        return found
    report = Report(
        key=key,
        unit=label.unit,
        year=label.year or 0,
        kind=label.kind,
        region=label.region,
        kind_class=label.kind_class,
        project=label.project,
        uncertain=",".join(uncertain),
    )
    session.add(report)
    session.flush()
    return report


def current_table() -> Any:
    """Core subquery (revision_id, report_id): each revision's newest label."""
    lt = RevisionLabel.__table__  # type: ignore[attr-defined]
    top = (
        sa_select(lt.c.revision_id, func.max(lt.c.id).label("top"))
        .group_by(lt.c.revision_id)
        .subquery("top_label")
    )
    return (
        sa_select(lt.c.revision_id, lt.c.report_id)
        .join(top, (top.c.revision_id == lt.c.revision_id) & (top.c.top == lt.c.id))
        .subquery("placement")
    )


def current_report_id(session: Session, revision_id: int) -> int:
    """The report a revision belongs to now."""
    row = session.exec(
        select(RevisionLabel.report_id)
        .where(RevisionLabel.revision_id == revision_id)
        .order_by(col(RevisionLabel.id).desc())
    ).first()
    if row is not None:
        return int(row)
    rev = session.get(Revision, revision_id)
    if rev is None:
        raise NotFoundError(f"no revision with id {revision_id}")
    return rev.report_id


def current_report_ids(session: Session, revision_ids: list[int]) -> dict[int, int]:
    """The report each of ``revision_ids`` belongs to now."""
    placement = current_table()
    out: dict[int, int] = {}
    wanted = sorted(set(revision_ids))
    for i in range(0, len(wanted), 500):
        q = sa_select(placement.c.revision_id, placement.c.report_id).where(
            placement.c.revision_id.in_(wanted[i : i + 500])
        )
        out.update((int(a), int(b)) for a, b in session.execute(q))
    return out


def positions(session: Session, report_ids: set[int]) -> dict[int, tuple[int, int | None]]:
    """Revision id -> (position in its report's chain, parent) for every revision the given
    reports hold now, in two queries (for many revisions at once)."""
    placement = current_table()
    vt = Revision.__table__  # type: ignore[attr-defined]
    wanted = sorted(report_ids)
    rows: list[tuple[int, datetime, int]] = []
    for i in range(0, len(wanted), 500):
        rows.extend(
            (int(rep), at, int(rid))
            for rep, at, rid in session.execute(
                sa_select(placement.c.report_id, vt.c.imported_at, vt.c.id)
                .join(vt, vt.c.id == placement.c.revision_id)
                .where(placement.c.report_id.in_(wanted[i : i + 500]))
            )
        )
    out: dict[int, tuple[int, int | None]] = {}
    last: dict[int, tuple[int, int]] = {}  # report -> (count, previous revision)
    for rep, _at, rid in sorted(rows):
        count, prev = last.get(rep, (0, 0))
        out[rid] = (count + 1, prev or None)
        last[rep] = (count + 1, rid)
    return out


def chain(session: Session, report_id: int) -> list[Revision]:
    """The revisions a report holds now, oldest first (import time, then id)."""
    placement = current_table()
    ids = [
        int(r)
        for (r,) in session.execute(
            sa_select(placement.c.revision_id).where(placement.c.report_id == report_id)
        )
    ]
    if not ids:
        return []
    revs = session.exec(select(Revision).where(col(Revision.id).in_(ids))).all()
    return sorted(revs, key=lambda r: (r.imported_at, r.id or 0))


def next_stored_number(session: Session, report_id: int) -> int:
    """The number a new revision row of this report gets (numbers of rows are unique per
    report as imported; what a reader sees is the position in ``chain``)."""
    top = session.exec(
        select(func.max(Revision.number)).where(Revision.report_id == report_id)
    ).one()
    return int(top or 0) + 1


def add_label(
    session: Session,
    *,
    revision_id: int,
    report_id: int,
    event_seq: int,
    action: str,
    provenance: dict[str, Any],
    actor: str,
    at: datetime,
    note: str | None = None,
) -> RevisionLabel:
    """Append a label row (the caller has appended its audit event)."""
    row = RevisionLabel(
        revision_id=revision_id,
        report_id=report_id,
        event_seq=event_seq,
        action=action,
        provenance=canonical_json(normalize_json(provenance)),
        actor=actor,
        at=at,
        note=note,
    )
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class RelabelResult:
    """A relabel done: the revision, the report it left and the one it joined."""

    revision_id: int
    from_report_id: int
    to_report_id: int
    event_seq: int


def relabel(
    session: Session, revision_id: int, label: Label, *, actor: str, note: str | None = None
) -> RelabelResult:
    """File a revision under ``label`` by appending a label row and a ``relabel`` event.

    Nothing stored is rewritten. The target report is keyed (a person decided), so other
    revisions relabelled the same way join the same report, as one revision chain.
    """
    require_writer(session)
    rev = session.get(Revision, revision_id)
    if rev is None:
        raise NotFoundError(f"no revision with id {revision_id}")
    label = normalise_label(label)
    before = current_report_id(session, revision_id)
    target = get_or_create_report(session, label)
    assert target.id is not None
    if target.id == before:
        raise StoreError(f"revision {revision_id} is already filed as {label.unit} {label.year}")
    provenance = {
        name: {"value": value, "source": "option", "certain": True}
        for name, value in label.report_fields().items()
    }
    event = append_event(
        session,
        actor=actor,
        action=RELABEL_ACTION,
        subject=f"revision {revision_id}",
        details={
            "revision": revision_id,
            "from_report": before,
            "to_report": target.id,
            "report": label.report_fields(),
            "note": note,
        },
    )
    add_label(
        session,
        revision_id=revision_id,
        report_id=target.id,
        event_seq=event.seq,
        action=RELABEL_ACTION,
        provenance=provenance,
        actor=actor,
        at=event.at,
        note=note,
    )
    return RelabelResult(revision_id, before, target.id, event.seq)


def label_history(session: Session, revision_id: int) -> list[RevisionLabel]:
    """Every label of a revision, oldest first."""
    return list(
        session.exec(
            select(RevisionLabel)
            .where(RevisionLabel.revision_id == revision_id)
            .order_by(col(RevisionLabel.id))
        ).all()
    )


def provenance_of(session: Session, revision_id: int) -> dict[str, Any]:
    """The newest label's provenance of a revision ({} for pre-label imports)."""
    rows = label_history(session, revision_id)
    return json.loads(rows[-1].provenance) if rows else {}
