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

from sqlalchemy import select as sa_select  # Core select over table columns (search)
from sqlmodel import Session, col, select

from reportaudit.errors import AmbiguousError, NotFoundError

from .labels import chain, current_report_id, current_table
from .models import Derivation, Original, Report, Revision
from .results import ReportSummary, RevisionInfo, report_label, stored_year

_YEAR = re.compile(r"^(19|20|21)\d\d$")
_HEX = re.compile(r"^[0-9a-fA-F]{6,64}$")
_MAX_LISTED = 6


def _label(report: Report) -> str:
    """A report row's reader name."""
    return report_label(
        report.unit, stored_year(report.year), report.kind, report.region, report.project
    )


def revision_info(
    session: Session,
    rev: Revision,
    report: Report | None = None,
    *,
    size: int | None = None,
    number: int | None = None,
) -> RevisionInfo:
    """Freeze a revision row with the report it belongs to now, its position in that
    report's chain (``number``, computed unless given) and its original's size."""
    assert rev.id is not None
    report = report or session.get(Report, current_report_id(session, rev.id))
    assert report is not None and report.id is not None
    parent_id: int | None
    if number is None:
        held = chain(session, report.id)
        ids = [r.id for r in held]
        pos = ids.index(rev.id) if rev.id in ids else len(ids)
        number, parent_id = pos + 1, (ids[pos - 1] if pos > 0 else None)
    else:
        parent_id = rev.parent_id
    if size is None:
        size = session.exec(
            select(Original.size).where(Original.sha256 == rev.original_sha256)
        ).one()
    return RevisionInfo(
        id=rev.id,
        report_id=report.id,
        report_label=_label(report),
        number=number,
        parent_id=parent_id,
        sha256=rev.original_sha256,
        size=size,
        filename=rev.filename,
        format=rev.format,
        encoding=rev.encoding,
        actor=rev.actor,
        imported_at=rev.imported_at,
        note=rev.note,
    )


def _summary(
    r: Report, count: int, latest_id: int | None, latest_at: datetime | None
) -> ReportSummary:
    """Freeze a report row with its chain's size and newest revision."""
    assert r.id is not None
    return ReportSummary(
        id=r.id,
        unit=r.unit,
        year=stored_year(r.year),
        kind=r.kind,
        region=r.region,
        revision_count=count,
        latest_revision_id=latest_id,
        latest_imported_at=latest_at,
        kind_class=r.kind_class or "other",
        project=r.project,
        uncertain=tuple(filter(None, (r.uncertain or "").split(","))),
    )


def report_summary(session: Session, report: Report) -> ReportSummary:
    """Freeze a report row with its revision count and newest revision."""
    assert report.id is not None
    held = chain(session, report.id)
    latest = held[-1] if held else None
    return _summary(
        report, len(held), latest.id if latest else None, latest.imported_at if latest else None
    )


def report_keys(session: Session, report_ids: list[int]) -> dict[int, tuple[str, int | None, str]]:
    """(unit, year, kind) of the given reports only (a few of a large store)."""
    wanted = sorted(set(report_ids))
    out: dict[int, tuple[str, int | None, str]] = {}
    for i in range(0, len(wanted), 500):
        q = select(Report.id, Report.unit, Report.year, Report.kind).where(
            col(Report.id).in_(wanted[i : i + 500])
        )
        out.update(
            (rid, (unit, stored_year(year), kind))
            for rid, unit, year, kind in session.exec(q)
            if rid is not None
        )
    return out


def list_reports(session: Session, *, uncertain_only: bool = False) -> list[ReportSummary]:
    """Every logical report that holds a revision, ordered by unit, year, kind; with
    ``uncertain_only`` those whose import could not read unit, year or project for sure."""
    reports = session.exec(
        select(Report).order_by(
            col(Report.unit), col(Report.year), col(Report.kind), col(Report.id)
        )
    ).all()
    placement = current_table()
    vt = Revision.__table__  # type: ignore[attr-defined]
    counts: dict[int, int] = {}
    latest: dict[int, tuple[datetime, int]] = {}  # report -> (imported_at, id)
    rows = session.execute(
        sa_select(placement.c.report_id, vt.c.id, vt.c.imported_at).join(
            vt, vt.c.id == placement.c.revision_id
        )
    ).all()
    for report_id, rev_id, at in rows:
        counts[report_id] = counts.get(report_id, 0) + 1
        if report_id not in latest or (at, rev_id) > latest[report_id]:
            latest[report_id] = (at, rev_id)
    out = []
    for r in reports:
        assert r.id is not None
        if not counts.get(r.id):
            continue  # every revision was relabelled elsewhere
        if uncertain_only and not r.uncertain:
            continue
        at, rid = latest[r.id]
        out.append(_summary(r, counts[r.id], rid, at))
    return out


def _report_by_id(session: Session, report_id: int) -> Report | None:
    """The report row with this id, or None."""
    return session.get(Report, report_id)


def _matches(report: Report, words: list[str]) -> bool:
    """All words hit: a year word equals the year, others are substrings of the names."""
    names = [report.unit, report.kind, report.region or "", report.project or ""]
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
    placement = current_table()
    held = {int(r) for (r,) in session.execute(sa_select(placement.c.report_id).distinct())}
    hits = [
        r
        for r in session.exec(select(Report).order_by(col(Report.id))).all()
        if r.id in held and _matches(r, words)
    ]
    if not hits:
        raise NotFoundError(f"no report matches {ref!r}")
    if len(hits) > 1:
        names = "; ".join(f"#{r.id} {_label(r)}" for r in hits[:_MAX_LISTED])
        more = f" and {len(hits) - _MAX_LISTED} more" if len(hits) > _MAX_LISTED else ""
        raise AmbiguousError(f"{ref!r} matches {len(hits)} reports: {names}{more}")
    return hits[0]


def resolve_report(session: Session, ref: int | str) -> ReportSummary:
    """The report a reference names; NotFoundError / AmbiguousError otherwise."""
    return report_summary(session, _resolve_report_row(session, ref))


def report_log(session: Session, report_ref: int | str) -> list[RevisionInfo]:
    """The report's revisions, newest first."""
    report = _resolve_report_row(session, report_ref)
    assert report.id is not None
    held = chain(session, report.id)
    out = [revision_info(session, r, report, number=i + 1) for i, r in enumerate(held)]
    # parents along the chain as it stands now (a relabel may have inserted revisions)
    out = [_with_parent(info, held[i - 1].id if i > 0 else None) for i, info in enumerate(out)]
    return list(reversed(out))


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
        assert report.id is not None
        revs = chain(session, report.id)
        label = _label(report)
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
    assert report.id is not None
    earlier = [r for r in chain(session, report.id) if r.imported_at <= when]
    if not earlier:
        raise NotFoundError(f"{_label(report)} had no revision at {when.isoformat()}")
    return revision_info(session, earlier[-1], report)


SearchRow = tuple[int, int, int, str, "int | None", str, "str | None"]
"""(revision id, report id, revision number, unit, year, kind, region)."""


def search_rows(session: Session, *, latest_only: bool = True) -> list[SearchRow]:
    """The revisions a corpus search reads, in corpus order (unit, year, kind, newest
    first); with ``latest_only`` the newest revision of each report only."""
    rt, vt = Report.__table__, Revision.__table__  # type: ignore[attr-defined]
    placement = current_table()
    raw = session.execute(
        sa_select(
            vt.c.id,
            placement.c.report_id,
            vt.c.imported_at,
            rt.c.unit,
            rt.c.year,
            rt.c.kind,
            rt.c.region,
        )
        .join(placement, placement.c.revision_id == vt.c.id)
        .join(rt, rt.c.id == placement.c.report_id)
        .order_by(rt.c.unit, rt.c.year, rt.c.kind, placement.c.report_id, vt.c.imported_at, vt.c.id)
    ).all()
    numbered: list[SearchRow] = []
    position: dict[int, int] = {}
    for rid, report_id, _at, unit, year, kind, region in raw:
        position[report_id] = position.get(report_id, 0) + 1
        numbered.append(
            (rid, report_id, position[report_id], unit, stored_year(year), kind, region)
        )
    # newest first within each report, as before
    rows: list[SearchRow] = []
    for _report_id, group in _groups(numbered):
        rows.extend(reversed(group))
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
) -> dict[int, tuple[str, int | None, str, str]]:
    """(unit, year, kind, file name) of each of ``revision_ids``, in one query per 500."""
    wanted = sorted(set(revision_ids))
    out: dict[int, tuple[str, int | None, str, str]] = {}
    rt, vt = Report.__table__, Revision.__table__  # type: ignore[attr-defined]
    placement = current_table()
    for i in range(0, len(wanted), 500):
        q = (
            sa_select(vt.c.id, rt.c.unit, rt.c.year, rt.c.kind, vt.c.filename)
            .join(placement, placement.c.revision_id == vt.c.id)
            .join(rt, rt.c.id == placement.c.report_id)
            .where(vt.c.id.in_(wanted[i : i + 500]))
        )
        out.update(
            (int(rid), (unit, stored_year(year), kind, filename))
            for rid, unit, year, kind, filename in session.execute(q)
        )
    return out


def _groups(rows: list[SearchRow]) -> list[tuple[int, list[SearchRow]]]:
    """Consecutive rows of the same report."""
    out: list[tuple[int, list[SearchRow]]] = []
    for row in rows:
        if out and out[-1][0] == row[1]:
            out[-1][1].append(row)
        else:
            out.append((row[1], [row]))
    return out


def _with_parent(info: RevisionInfo, parent_id: int | None) -> RevisionInfo:
    """``info`` with the parent it has in the chain as it stands now."""
    from dataclasses import replace

    return replace(info, parent_id=parent_id)
