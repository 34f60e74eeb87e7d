"""Reading the store: reports, revision logs, references, point-in-time lookups.

Why separate from the writers: everything here is safe in a plain read session and returns
frozen results, so the CLI and TUI can call it freely.

References (what a user types):
- a report: an integer id, "#12", a digit string that is an id, or words that must all
  match (a 4-digit year equals ``year``; other words are substrings of unit/kind/region),
  e.g. "新区党群工作部 2021".
- a revision: an integer id, "#12", a digit string, a sha256 prefix (>= 6 hex digits), or
  "<report ref>@<n>" (n-th revision of that report; "@latest" / "@-1" for the newest).
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import func
from sqlalchemy import select as sa_select  # Core select over table columns (search)
from sqlmodel import Session, col, select

from reportaudit.errors import AmbiguousError, NotFoundError

from .models import Derivation, Original, Report, Revision
from .results import ReportSummary, RevisionInfo, report_label

_YEAR = re.compile(r"^(19|20|21)\d\d$")
_HEX = re.compile(r"^[0-9a-fA-F]{6,64}$")
_MAX_LISTED = 6


def revision_info(
    session: Session, rev: Revision, report: Report | None = None, *, size: int | None = None
) -> RevisionInfo:
    """Freeze a revision row (with its report's label and its original's size)."""
    report = report or session.get(Report, rev.report_id)
    assert report is not None and rev.id is not None
    if size is None:
        size = session.exec(
            select(Original.size).where(Original.sha256 == rev.original_sha256)
        ).one()
    return RevisionInfo(
        id=rev.id,
        report_id=rev.report_id,
        report_label=report_label(report.unit, report.year, report.kind, report.region),
        number=rev.number,
        parent_id=rev.parent_id,
        sha256=rev.original_sha256,
        size=size,
        filename=rev.filename,
        format=rev.format,
        encoding=rev.encoding,
        actor=rev.actor,
        imported_at=rev.imported_at,
        note=rev.note,
    )


def report_summary(session: Session, report: Report) -> ReportSummary:
    """Freeze a report row with its revision count and newest revision."""
    count = session.exec(
        select(func.count()).select_from(Revision).where(Revision.report_id == report.id)
    ).one()
    latest = session.exec(
        select(Revision)
        .where(Revision.report_id == report.id)
        .order_by(col(Revision.number).desc())
    ).first()
    assert report.id is not None
    return ReportSummary(
        id=report.id,
        unit=report.unit,
        year=report.year,
        kind=report.kind,
        region=report.region,
        revision_count=count,
        latest_revision_id=latest.id if latest else None,
        latest_imported_at=latest.imported_at if latest else None,
    )


def report_keys(session: Session, report_ids: list[int]) -> dict[int, tuple[str, int, str]]:
    """(unit, year, kind) of the given reports only (a few of a large store)."""
    wanted = sorted(set(report_ids))
    out: dict[int, tuple[str, int, str]] = {}
    for i in range(0, len(wanted), 500):
        q = select(Report.id, Report.unit, Report.year, Report.kind).where(
            col(Report.id).in_(wanted[i : i + 500])
        )
        out.update(
            (rid, (unit, int(year), kind))
            for rid, unit, year, kind in session.exec(q)
            if rid is not None
        )
    return out


def list_reports(session: Session) -> list[ReportSummary]:
    """Every logical report, ordered by unit, year, kind, region."""
    reports = session.exec(
        select(Report).order_by(
            col(Report.unit), col(Report.year), col(Report.kind), col(Report.id)
        )
    ).all()
    counts: dict[int, int] = {}
    latest: dict[int, tuple[int, int, datetime]] = {}  # report -> (number, id, imported_at)
    for report_id, rev_id, number, at in session.exec(
        select(Revision.report_id, Revision.id, Revision.number, Revision.imported_at)
    ).all():
        counts[report_id] = counts.get(report_id, 0) + 1
        if rev_id is not None and (report_id not in latest or number > latest[report_id][0]):
            latest[report_id] = (number, rev_id, at)
    out = []
    for r in reports:
        assert r.id is not None
        newest = latest.get(r.id)
        out.append(
            ReportSummary(
                id=r.id,
                unit=r.unit,
                year=r.year,
                kind=r.kind,
                region=r.region,
                revision_count=counts.get(r.id, 0),
                latest_revision_id=newest[1] if newest else None,
                latest_imported_at=newest[2] if newest else None,
            )
        )
    return out


def _report_by_id(session: Session, report_id: int) -> Report | None:
    """The report row with this id, or None."""
    return session.get(Report, report_id)


def _matches(report: Report, words: list[str]) -> bool:
    """All words hit: a year word equals the year, others are substrings of the names."""
    names = [report.unit, report.kind, report.region or ""]
    for word in words:
        if _YEAR.match(word) and int(word) == report.year:
            continue
        if not any(word in name for name in names):
            return False
    return True


def _resolve_report_row(session: Session, ref: int | str) -> Report:
    """The Report row a reference names (see module docstring)."""
    if isinstance(ref, int):
        found = _report_by_id(session, ref)
        if found is None:
            raise NotFoundError(f"no report with id {ref}")
        return found
    ref = ref.strip()
    if not ref:
        raise NotFoundError("empty report reference")
    if ref.startswith("#") and ref[1:].isdigit():
        return _resolve_report_row(session, int(ref[1:]))
    if ref.isdigit() and not _YEAR.match(ref) and (found := _report_by_id(session, int(ref))):
        return found
    words = ref.split()
    hits = [
        r for r in session.exec(select(Report).order_by(col(Report.id))).all() if _matches(r, words)
    ]
    if not hits:
        raise NotFoundError(f"no report matches {ref!r}")
    if len(hits) > 1:
        names = "; ".join(
            f"#{r.id} {report_label(r.unit, r.year, r.kind, r.region)}" for r in hits[:_MAX_LISTED]
        )
        more = f" and {len(hits) - _MAX_LISTED} more" if len(hits) > _MAX_LISTED else ""
        raise AmbiguousError(f"{ref!r} matches {len(hits)} reports: {names}{more}")
    return hits[0]


def resolve_report(session: Session, ref: int | str) -> ReportSummary:
    """The report a reference names; NotFoundError / AmbiguousError otherwise."""
    return report_summary(session, _resolve_report_row(session, ref))


def report_log(session: Session, report_ref: int | str) -> list[RevisionInfo]:
    """The report's revisions, newest first."""
    report = _resolve_report_row(session, report_ref)
    revs = session.exec(
        select(Revision)
        .where(Revision.report_id == report.id)
        .order_by(col(Revision.number).desc())
    ).all()
    return [revision_info(session, r, report) for r in revs]


def _revision_row(session: Session, ref: int | str) -> Revision:
    """The Revision row a reference names (see module docstring)."""
    if isinstance(ref, int):
        found = session.get(Revision, ref)
        if found is None:
            raise NotFoundError(f"no revision with id {ref}")
        return found
    ref = ref.strip()
    if "@" in ref:
        report_ref, _, which = ref.rpartition("@")
        report = _resolve_report_row(session, report_ref)
        revs = session.exec(
            select(Revision).where(Revision.report_id == report.id).order_by(col(Revision.number))
        ).all()
        label = report_label(report.unit, report.year, report.kind, report.region)
        try:
            index = -1 if which == "latest" else int(which)
        except ValueError as exc:
            raise NotFoundError(f"bad revision number {which!r} in {ref!r}") from exc
        if not revs or index == 0 or abs(index) > len(revs):
            raise NotFoundError(f"{label} has no revision {which} ({len(revs)} revisions)")
        return revs[index - 1] if index > 0 else revs[index]
    if ref.startswith("#") and ref[1:].isdigit():
        return _revision_row(session, int(ref[1:]))
    if ref.isdigit() and (found := session.get(Revision, int(ref))):
        return found
    if _HEX.match(ref):
        hits = session.exec(
            select(Revision).where(col(Revision.original_sha256).startswith(ref.lower()))
        ).all()
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise AmbiguousError(f"sha256 prefix {ref!r} matches {len(hits)} revisions")
    raise NotFoundError(f"no revision matches {ref!r}")


def get_revision(session: Session, ref: int | str) -> RevisionInfo:
    """The revision a reference names; NotFoundError / AmbiguousError otherwise."""
    return revision_info(session, _revision_row(session, ref))


def revision_as_of(session: Session, report_ref: int | str, when: datetime) -> RevisionInfo:
    """The revision of the report that was current at ``when`` (timezone-aware).

    That is the newest revision imported at or before ``when``. NotFoundError when the
    report had no revision yet.
    """
    if when.tzinfo is None:
        raise ValueError("revision_as_of needs a timezone-aware datetime")
    report = _resolve_report_row(session, report_ref)
    rev = session.exec(
        select(Revision)
        .where(Revision.report_id == report.id, col(Revision.imported_at) <= when)
        .order_by(col(Revision.imported_at).desc(), col(Revision.number).desc())
    ).first()
    if rev is None:
        label = report_label(report.unit, report.year, report.kind, report.region)
        raise NotFoundError(f"{label} had no revision at {when.isoformat()}")
    return revision_info(session, rev, report)


SearchRow = tuple[int, int, int, str, int, str, "str | None"]
"""(revision id, report id, revision number, unit, year, kind, region)."""


def search_rows(session: Session, *, latest_only: bool = True) -> list[SearchRow]:
    """The revisions a corpus search reads, in corpus order (unit, year, kind, newest
    first); with ``latest_only`` the newest revision of each report only."""
    rt, vt = Report.__table__, Revision.__table__  # type: ignore[attr-defined]
    rows: list[SearchRow] = [
        tuple(r)
        for r in session.execute(
            sa_select(
                vt.c.id, vt.c.report_id, vt.c.number, rt.c.unit, rt.c.year, rt.c.kind, rt.c.region
            )
            .join(rt, rt.c.id == vt.c.report_id)
            .order_by(rt.c.unit, rt.c.year, rt.c.kind, vt.c.report_id, vt.c.number.desc())
        ).all()
    ]
    if not latest_only:
        return rows
    seen: set[int] = set()
    kept = []
    for row in rows:
        if row[1] not in seen:
            seen.add(row[1])
            kept.append(row)
    return kept


def search_texts(session: Session, revision_ids: list[int]) -> dict[int, str]:
    """Extracted text (newest derivation) of each of ``revision_ids``."""
    dt = Derivation.__table__  # type: ignore[attr-defined]
    rows = session.execute(
        sa_select(dt.c.revision_id, dt.c.text)
        .where(dt.c.revision_id.in_(revision_ids))
        .order_by(dt.c.revision_id, dt.c.created_at.desc(), dt.c.parser_version.desc())
    ).all()
    texts: dict[int, str] = {}
    for revision_id, text in rows:
        texts.setdefault(revision_id, text)
    return texts


def revision_meta(
    session: Session, revision_ids: list[int]
) -> dict[int, tuple[str, int, str, str]]:
    """(unit, year, kind, file name) of each of ``revision_ids``, in one query per 500."""
    wanted = sorted(set(revision_ids))
    out: dict[int, tuple[str, int, str, str]] = {}
    rt, vt = Report.__table__, Revision.__table__  # type: ignore[attr-defined]
    for i in range(0, len(wanted), 500):
        q = (
            sa_select(vt.c.id, rt.c.unit, rt.c.year, rt.c.kind, vt.c.filename)
            .join(rt, rt.c.id == vt.c.report_id)
            .where(vt.c.id.in_(wanted[i : i + 500]))
        )
        out.update(
            (int(rid), (unit, int(year), kind, filename))
            for rid, unit, year, kind, filename in session.execute(q)
        )
    return out
