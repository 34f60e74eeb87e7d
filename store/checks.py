"""Stored results of the in-report checks (``reportaudit.checks``): one run per revision and
checks version, and its findings.

Why a table and not re-running on every look: the findings list, the TUI and exports read
the same findings an auditor reviewed, and a finding's id must still mean the same thing
tomorrow. Why replace instead of append: a re-run with the same checks version over the
same revision is the same result by definition; a new checks version adds a new run beside
the old one. Every save is recorded in the audit chain (count and a digest of the ids), so
a silent edit of stored findings shows up against the chain.

The store never imports the checks: ``save_check_findings`` takes any objects with the
CheckFinding attributes (duck typing), so the domain core and the store stay independent.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Column, ForeignKey, Integer, String, Text, UniqueConstraint, delete, insert
from sqlmodel import Field, Session, SQLModel, col, select

from .events import append_event, events, require_writer
from .models import Original, Report, Revision
from .queries import revision_info
from .results import RevisionInfo
from .types import UTCDateTime, utcnow

__all__ = [
    "CheckBatchItem",
    "CheckRunInfo",
    "StoredCheckFinding",
    "check_runs",
    "list_check_findings",
    "revision_infos",
    "save_check_batch",
    "save_check_findings",
    "verify_check_runs",
]


class CheckRun(SQLModel, table=True):
    """One run of the checks over one revision (so "no findings" differs from "not checked")."""

    __tablename__ = "check_run"
    __table_args__ = (
        UniqueConstraint("revision_id", "checks_version", name="uq_check_run_revision_version"),
    )

    id: int | None = Field(default=None, primary_key=True)
    revision_id: int = Field(
        sa_column=Column(Integer, ForeignKey("revision.id"), nullable=False, index=True)
    )
    checks_version: str = Field(sa_column=Column(String(64), nullable=False))
    parser_version: str = Field(sa_column=Column(String(64), nullable=False))
    config_digest: str = Field(sa_column=Column(String(64), nullable=False))
    finding_count: int = Field(sa_column=Column(Integer, nullable=False))
    actor: str = Field(sa_column=Column(Text, nullable=False))
    ran_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )


class CheckFindingRow(SQLModel, table=True):
    """One finding of one run. ``spans`` is JSON [[start, end], ...] into the revision text."""

    __tablename__ = "check_finding"
    __table_args__ = (
        UniqueConstraint("run_id", "finding_id", name="uq_check_finding_run_finding"),
    )

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(
        sa_column=Column(Integer, ForeignKey("check_run.id"), nullable=False, index=True)
    )
    revision_id: int = Field(
        sa_column=Column(Integer, ForeignKey("revision.id"), nullable=False, index=True)
    )
    finding_id: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    kind: str = Field(sa_column=Column(String(32), nullable=False, index=True))
    rule: str = Field(sa_column=Column(String(64), nullable=False))
    severity: int = Field(sa_column=Column(Integer, nullable=False))
    explanation: str = Field(sa_column=Column(Text, nullable=False))
    spans: str = Field(sa_column=Column(Text, nullable=False))
    anchor_start: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    anchor_end: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    section: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    section_path: str = Field(sa_column=Column(Text, nullable=False))
    section_type: str = Field(sa_column=Column(String(32), nullable=False))


class _SpanLike(Protocol):
    """A character range (``reportaudit.checks.Span`` has it)."""

    @property
    def start(self) -> int:
        """Where the range starts."""
        ...

    @property
    def end(self) -> int:
        """Where the range ends (exclusive)."""
        ...


class _FindingLike(Protocol):
    """What the store needs of a finding (``reportaudit.checks.CheckFinding`` has it)."""

    @property
    def id(self) -> str:
        """The stable finding id."""
        ...

    @property
    def kind(self) -> str:
        """The check family."""
        ...

    @property
    def rule(self) -> str:
        """The sub-check."""
        ...

    @property
    def severity(self) -> int:
        """0-100."""
        ...

    @property
    def explanation(self) -> str:
        """One line for a reader."""
        ...

    @property
    def section(self) -> int | None:
        """Index of the section the finding is filed under."""
        ...

    @property
    def section_path(self) -> str:
        """That section as a reader sees it."""
        ...

    @property
    def section_type(self) -> str:
        """Its canonical type."""
        ...

    @property
    def spans(self) -> Sequence[_SpanLike]:
        """Character ranges in the revision text."""
        ...

    @property
    def anchor(self) -> _SpanLike | None:
        """The range that states what is wrong."""
        ...


@dataclass(frozen=True, slots=True)
class CheckRunInfo:
    """A stored run: which revision, which checks and parser version, how many findings."""

    id: int
    revision_id: int
    checks_version: str
    parser_version: str
    config_digest: str
    finding_count: int
    actor: str
    ran_at: datetime


@dataclass(frozen=True, slots=True)
class StoredCheckFinding:
    """A stored finding, detached from the session (spans as (start, end) pairs)."""

    id: str
    revision_id: int
    checks_version: str
    kind: str
    rule: str
    severity: int
    explanation: str
    spans: tuple[tuple[int, int], ...]
    anchor: tuple[int, int] | None
    section: int | None
    section_path: str
    section_type: str
    ran_at: datetime


_DIGEST_FIELDS = (
    "finding_id",
    "kind",
    "rule",
    "severity",
    "explanation",
    "spans",
    "anchor_start",
    "anchor_end",
    "section",
    "section_path",
    "section_type",
)


def _rows_digest(rows: Iterable[CheckFindingRow] | Iterable[dict[str, Any]]) -> str:
    """sha256 over the stored content of a run's findings, in id order (rows or the dicts
    they are inserted from).

    Why content and not only ids: an id names what a finding points at; a silent edit of its
    severity or explanation must show up too.
    """
    lines = sorted(
        json.dumps(
            [r[f] if isinstance(r, dict) else getattr(r, f) for f in _DIGEST_FIELDS],
            ensure_ascii=False,
        )
        for r in rows
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _row_values(run_id: int, revision_id: int, f: _FindingLike) -> dict[str, Any]:
    """The column values of one stored finding."""
    anchor = f.anchor
    return {
        "run_id": run_id,
        "revision_id": revision_id,
        "finding_id": f.id,
        "kind": f.kind,
        "rule": f.rule,
        "severity": int(f.severity),
        "explanation": f.explanation,
        "spans": json.dumps([[sp.start, sp.end] for sp in f.spans]),
        "anchor_start": anchor.start if anchor is not None else None,
        "anchor_end": anchor.end if anchor is not None else None,
        "section": f.section,
        "section_path": f.section_path,
        "section_type": f.section_type,
    }


def _run_info(row: CheckRun) -> CheckRunInfo:
    """Freeze a run row."""
    assert row.id is not None
    return CheckRunInfo(
        id=row.id,
        revision_id=row.revision_id,
        checks_version=row.checks_version,
        parser_version=row.parser_version,
        config_digest=row.config_digest,
        finding_count=row.finding_count,
        actor=row.actor,
        ran_at=row.ran_at,
    )


def save_check_findings(
    session: Session,
    *,
    revision_id: int,
    findings: Iterable[_FindingLike],
    checks_version: str,
    parser_version: str,
    actor: str,
    config_digest: str = "",
) -> CheckRunInfo:
    """Store the findings of one run, replacing an earlier run of the same checks version
    over the same revision, and record the run in the audit chain.

    Runs inside the caller's write transaction (``store.transaction()``).
    """
    require_writer(session)
    if session.get(Revision, revision_id) is None:
        raise LookupError(f"no revision {revision_id}")
    items = list(findings)
    old = session.exec(
        select(CheckRun).where(
            CheckRun.revision_id == revision_id, CheckRun.checks_version == checks_version
        )
    ).first()
    if old is not None:
        session.execute(delete(CheckFindingRow).where(col(CheckFindingRow.run_id) == old.id))
        session.delete(old)
        session.flush()
    run = CheckRun(
        revision_id=revision_id,
        checks_version=checks_version,
        parser_version=parser_version,
        config_digest=config_digest,
        finding_count=len({f.id for f in items}),
        actor=actor,
    )
    session.add(run)
    session.flush()
    assert run.id is not None
    seen: set[str] = set()
    rows: list[CheckFindingRow] = []
    for f in items:
        if f.id in seen:
            continue
        seen.add(f.id)
        anchor = f.anchor
        rows.append(
            CheckFindingRow(
                run_id=run.id,
                revision_id=revision_id,
                finding_id=f.id,
                kind=f.kind,
                rule=f.rule,
                severity=int(f.severity),
                explanation=f.explanation,
                spans=json.dumps([[s.start, s.end] for s in f.spans]),
                anchor_start=anchor.start if anchor is not None else None,
                anchor_end=anchor.end if anchor is not None else None,
                section=f.section,
                section_path=f.section_path,
                section_type=f.section_type,
            )
        )
    session.add_all(rows)
    append_event(
        session,
        actor=actor,
        action="check",
        subject=f"revision {revision_id}",
        details={
            "run": run.id,
            "revision": revision_id,
            "checks_version": checks_version,
            "parser_version": parser_version,
            "config_digest": config_digest,
            "findings": len(rows),
            "findings_sha256": _rows_digest(rows),
            "replaced_previous_run": old is not None,
        },
    )
    session.flush()
    return _run_info(run)


@dataclass(frozen=True, slots=True)
class CheckBatchItem:
    """The findings of one revision to save in a batch."""

    revision_id: int
    findings: Sequence[_FindingLike]
    parser_version: str


def save_check_batch(
    session: Session,
    *,
    items: Sequence[CheckBatchItem],
    checks_version: str,
    actor: str,
    config_digest: str = "",
) -> list[CheckRunInfo]:
    """Store the runs of many revisions at once (replacing earlier runs of the same checks
    version) and record them in ONE audit event that lists every run with its count and
    content digest — what ``verify_check_runs`` checks each run against.

    Why: ``check --all`` over 1,000 revisions spent more time saving (a transaction, an
    ORM flush and a chain append per revision) than checking. Runs inside the caller's
    write transaction.
    """
    require_writer(session)
    if not items:
        return []
    ids = [i.revision_id for i in items]
    known = set(session.exec(select(Revision.id).where(col(Revision.id).in_(ids))).all())
    missing = [i for i in ids if i not in known]
    if missing:
        raise LookupError(f"no revision {missing[0]}")
    old = session.exec(
        select(CheckRun.id, CheckRun.revision_id).where(
            col(CheckRun.revision_id).in_(ids), CheckRun.checks_version == checks_version
        )
    ).all()
    replaced = {rev for _, rev in old}
    if old:
        old_ids = [run_id for run_id, _ in old]
        session.execute(delete(CheckFindingRow).where(col(CheckFindingRow.run_id).in_(old_ids)))
        session.execute(delete(CheckRun).where(col(CheckRun.id).in_(old_ids)))
    runs: list[CheckRun] = []
    for item in items:
        runs.append(
            CheckRun(
                revision_id=item.revision_id,
                checks_version=checks_version,
                parser_version=item.parser_version,
                config_digest=config_digest,
                finding_count=len({f.id for f in item.findings}),
                actor=actor,
            )
        )
    session.add_all(runs)
    session.flush()
    all_rows: list[dict[str, Any]] = []
    recorded = []
    for run, item in zip(runs, items, strict=True):
        assert run.id is not None
        seen: set[str] = set()
        rows = []
        for f in item.findings:
            if f.id not in seen:
                seen.add(f.id)
                rows.append(_row_values(run.id, item.revision_id, f))
        all_rows += rows
        recorded.append(
            {
                "run": run.id,
                "revision": item.revision_id,
                "parser_version": item.parser_version,
                "findings": len(rows),
                "findings_sha256": _rows_digest(rows),
                "replaced_previous_run": item.revision_id in replaced,
            }
        )
    if all_rows:
        session.execute(insert(CheckFindingRow.__table__), all_rows)  # type: ignore[attr-defined]
    append_event(
        session,
        actor=actor,
        action="check",
        subject=f"{len(items)} revision(s)",
        details={
            "checks_version": checks_version,
            "config_digest": config_digest,
            "runs": recorded,
        },
    )
    session.flush()
    return [_run_info(r) for r in runs]


def revision_infos(session: Session, ids: Sequence[int]) -> dict[int, RevisionInfo]:
    """RevisionInfo of many revisions in three queries (revisions, reports, original sizes)
    instead of three per revision."""
    if not ids:
        return {}
    from .labels import current_report_ids, positions

    revs = session.exec(select(Revision).where(col(Revision.id).in_(list(ids)))).all()
    placed = current_report_ids(session, [rev.id for rev in revs if rev.id is not None])
    reports = {
        r.id: r
        for r in session.exec(select(Report).where(col(Report.id).in_(set(placed.values())))).all()
    }
    where = positions(session, set(placed.values()))
    sizes = dict(
        session.exec(
            select(Original.sha256, Original.size).where(
                col(Original.sha256).in_({rev.original_sha256 for rev in revs})
            )
        ).all()
    )
    return {
        rev.id: replace(
            revision_info(
                session,
                rev,
                reports[placed[rev.id]],
                size=sizes[rev.original_sha256],
                number=where[rev.id][0],
            ),
            parent_id=where[rev.id][1],
        )
        for rev in revs
        if rev.id is not None
    }


def check_runs(session: Session, revision_id: int | None = None) -> list[CheckRunInfo]:
    """Stored runs (of one revision, or all), oldest first."""
    query = select(CheckRun).order_by(col(CheckRun.id))
    if revision_id is not None:
        query = query.where(CheckRun.revision_id == revision_id)
    return [_run_info(r) for r in session.exec(query).all()]


def list_check_findings(
    session: Session,
    *,
    revision_id: int | None = None,
    kinds: Sequence[str] | None = None,
    checks_version: str | None = None,
    min_severity: int = 0,
) -> list[StoredCheckFinding]:
    """Stored findings, by revision then position in the text.

    Without ``checks_version`` each revision contributes the findings of its newest run only,
    so a report checked by two versions is not listed twice.
    """
    runs = check_runs(session, revision_id)
    newest: dict[int, CheckRunInfo] = {}
    for run in runs:
        if checks_version is not None and run.checks_version != checks_version:
            continue
        newest[run.revision_id] = run  # runs are oldest first: the last one wins
    if not newest:
        return []
    by_id = {r.id: r for r in newest.values()}
    query = select(CheckFindingRow).where(col(CheckFindingRow.run_id).in_(list(by_id)))
    if kinds:
        query = query.where(col(CheckFindingRow.kind).in_(list(kinds)))
    if min_severity:
        query = query.where(CheckFindingRow.severity >= min_severity)
    out = []
    for row in session.exec(query).all():
        run = by_id[row.run_id]
        spans: Any = json.loads(row.spans)
        out.append(
            StoredCheckFinding(
                id=row.finding_id,
                revision_id=row.revision_id,
                checks_version=run.checks_version,
                kind=row.kind,
                rule=row.rule,
                severity=row.severity,
                explanation=row.explanation,
                spans=tuple((int(a), int(b)) for a, b in spans),
                anchor=(
                    (row.anchor_start, row.anchor_end)
                    if row.anchor_start is not None and row.anchor_end is not None
                    else None
                ),
                section=row.section,
                section_path=row.section_path,
                section_type=row.section_type,
                ran_at=run.ran_at,
            )
        )
    out.sort(key=lambda f: (f.revision_id, f.spans[0][0] if f.spans else -1, f.kind, f.id))
    return out


def verify_check_runs(session: Session) -> list[str]:
    """Problems with stored check results: every run must match the audit event that
    recorded it (same count, same content digest). Empty list: all runs are intact.

    Why: the check tables are not append-only (a re-run replaces its own result), so their
    integrity rests on the chained audit event written with each save.
    """
    recorded: dict[int, dict[str, Any]] = {}
    newest: dict[tuple[int, str], int] = {}  # (revision, checks version) -> its newest run
    for event in events(session, action="check"):
        version = str(event.details.get("checks_version"))
        run_id = event.details.get("run")
        if isinstance(run_id, int):
            recorded[run_id] = event.details  # the newest event for a run id wins
            revision = event.details.get("revision")
            if not isinstance(revision, int) and event.subject.startswith("revision "):
                revision = int(event.subject.split()[1])  # events before "revision" was added
            if isinstance(revision, int):
                newest[(revision, version)] = run_id
        for entry in event.details.get("runs") or ():  # a batch event lists its runs
            if isinstance(entry, dict) and isinstance(entry.get("run"), int):
                recorded[entry["run"]] = entry
                if isinstance(entry.get("revision"), int):
                    newest[(entry["revision"], version)] = entry["run"]
    problems = []
    stored = set(session.exec(select(CheckRun.id)).all())
    for (revision, version), run_id in sorted(newest.items()):
        if run_id not in stored:
            problems.append(
                f"check run {run_id} (revision {revision}, {version}): recorded by the audit "
                "trail as the current result but missing (deleted?)"
            )
    for run in session.exec(select(CheckRun).order_by(col(CheckRun.id))).all():
        assert run.id is not None
        details = recorded.get(run.id)
        if details is None:
            problems.append(f"check run {run.id} (revision {run.revision_id}): no audit event")
            continue
        rows = session.exec(select(CheckFindingRow).where(CheckFindingRow.run_id == run.id)).all()
        if len(rows) != details.get("findings") or run.finding_count != len(rows):
            problems.append(
                f"check run {run.id} (revision {run.revision_id}): {len(rows)} findings stored, "
                f"{details.get('findings')} recorded"
            )
        elif _rows_digest(rows) != details.get("findings_sha256"):
            problems.append(
                f"check run {run.id} (revision {run.revision_id}): findings changed since saved"
            )
    return problems
