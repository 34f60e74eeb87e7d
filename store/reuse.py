"""Persistence of reuse detection: the fingerprint index and the results of each scan.

Why: the fingerprints of every revision, kept under an index key (k, window, parser
version), let a new revision be checked incrementally: its hashes are looked up by SQL and
only the revisions that share some are loaded. Each scan is saved as a run with its
parameters, findings (stable ids) and per-revision shares, and recorded in the audit chain;
review decisions are audit events naming a finding id, so they survive rescans.

All writers run inside the caller's ``store.transaction()``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import delete, func, insert
from sqlmodel import Session, col, select

from reportaudit.matching.index import DocPrints
from reportaudit.matching.results import ScanResult

from .events import append_event, require_writer
from .reuse_models import (
    ReuseFindingRow,
    ReuseFingerprint,
    ReuseIndexed,
    ReuseRun,
    ReuseSummaryRow,
)

_CHUNK = 500


def index_key(k: int, window: int, parser_version: str) -> str:
    """The key fingerprints are stored under (other k/window/parser give other hashes)."""
    return f"k{k}w{window}:{parser_version}"


def _signed(h: np.ndarray) -> np.ndarray:
    """uint64 hashes as the int64 a BIGINT column holds (same bits)."""
    return h.astype(np.uint64).view(np.int64)


def indexed_revisions(session: Session, key: str) -> set[int]:
    """Revisions already fingerprinted under ``key``."""
    rows = session.exec(select(ReuseIndexed.revision_id).where(ReuseIndexed.index_key == key))
    return set(rows.all())


def save_fingerprints(
    session: Session, *, revision_id: int, unit: str, prints: DocPrints, folded_chars: int, key: str
) -> None:
    """Store (replacing) the fingerprints of one revision under ``key``."""
    require_writer(session)
    session.execute(
        delete(ReuseFingerprint).where(
            col(ReuseFingerprint.revision_id) == revision_id, col(ReuseFingerprint.index_key) == key
        )
    )
    session.execute(
        delete(ReuseIndexed).where(
            col(ReuseIndexed.revision_id) == revision_id, col(ReuseIndexed.index_key) == key
        )
    )
    hashes = _signed(prints.hashes).tolist()
    rows = [
        (revision_id, key, h, p, s)
        for h, p, s in zip(hashes, prints.pos.tolist(), prints.seg.tolist(), strict=True)
    ]
    if rows:
        # Thousands of rows per revision: plain tuples through the driver's executemany,
        # not one ORM dict per row (that was three quarters of import-and-index time).
        conn = session.connection()
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        conn.exec_driver_sql(
            f"INSERT INTO {ReuseFingerprint.__tablename__} "
            f"(revision_id, index_key, hash, pos, seg) VALUES ({', '.join([mark] * 5)})",
            rows,
        )
    session.add(
        ReuseIndexed(
            revision_id=revision_id,
            index_key=key,
            unit=unit,
            folded_chars=folded_chars,
            fingerprints=len(rows),
        )
    )
    session.flush()


def shared_revisions(
    session: Session, key: str, hashes: np.ndarray, *, exclude: int | None = None
) -> dict[int, int]:
    """Revisions holding any of ``hashes`` under ``key``: revision -> distinct hashes shared."""
    out: dict[int, int] = {}
    values = sorted(set(_signed(hashes).tolist()))
    for i in range(0, len(values), _CHUNK):
        chunk = values[i : i + _CHUNK]
        q = (
            select(ReuseFingerprint.revision_id, func.count(func.distinct(ReuseFingerprint.hash)))
            .where(ReuseFingerprint.index_key == key, col(ReuseFingerprint.hash).in_(chunk))
            .group_by(col(ReuseFingerprint.revision_id))
        )
        for rev, n in session.exec(q).all():
            if rev != exclude:
                out[rev] = out.get(rev, 0) + int(n)
    return out


def unit_frequencies(session: Session, key: str, hashes: np.ndarray) -> dict[int, int]:
    """Per hash (as uint64 int): distinct units of the indexed revisions holding it."""
    out: dict[int, int] = {}
    values = sorted(set(_signed(hashes).tolist()))
    for i in range(0, len(values), _CHUNK):
        chunk = values[i : i + _CHUNK]
        q = (
            select(ReuseFingerprint.hash, func.count(func.distinct(ReuseIndexed.unit)))
            .join(
                ReuseIndexed,
                (col(ReuseIndexed.revision_id) == col(ReuseFingerprint.revision_id))
                & (col(ReuseIndexed.index_key) == col(ReuseFingerprint.index_key)),
            )
            .where(ReuseFingerprint.index_key == key, col(ReuseFingerprint.hash).in_(chunk))
            .group_by(col(ReuseFingerprint.hash))
        )
        for h, n in session.exec(q).all():
            out[int(np.int64(h).view(np.uint64))] = int(n)
    return out


def indexed_units(session: Session, key: str) -> int:
    """Distinct units among the revisions indexed under ``key``."""
    q = select(func.count(func.distinct(ReuseIndexed.unit))).where(ReuseIndexed.index_key == key)
    return int(session.exec(q).one())


@dataclass(frozen=True, slots=True)
class ReuseRunInfo:
    """A stored scan: when, by whom, with which parameters, over which revisions."""

    id: int
    params: dict[str, Any]
    params_digest: str
    revisions: list[str]
    finding_count: int
    incremental: bool
    actor: str
    ran_at: datetime


def _run_info(row: ReuseRun) -> ReuseRunInfo:
    """Row -> frozen info."""
    assert row.id is not None
    return ReuseRunInfo(
        id=row.id,
        params=json.loads(row.params_json),
        params_digest=row.params_digest,
        revisions=json.loads(row.revisions_json),
        finding_count=row.finding_count,
        incremental=bool(row.incremental),
        actor=row.actor,
        ran_at=row.ran_at,
    )


def save_run(
    session: Session,
    result: ScanResult,
    *,
    revisions: Sequence[str],
    actor: str,
    incremental: bool = False,
) -> ReuseRunInfo:
    """Store a scan's findings and shares with its parameters; record it in the audit chain."""
    require_writer(session)
    params = result.params.to_dict()
    run = ReuseRun(
        params_json=json.dumps(params, ensure_ascii=False, sort_keys=True),
        params_digest=result.params.digest(),
        revisions_json=json.dumps(list(revisions)),
        finding_count=len(result.findings),
        incremental=int(incremental),
        actor=actor,
    )
    session.add(run)
    session.flush()
    assert run.id is not None
    rows = [
        {
            "run_id": run.id,
            "finding_id": f.id,
            "family": f.family,
            "kind": f.kind,
            "severity": f.severity,
            "template": int(f.template),
            "a_revision": f.a.revision,
            "b_revision": f.b.revision,
            "data_json": json.dumps(f.to_dict(), ensure_ascii=False, sort_keys=True),
        }
        for f in result.findings
    ]
    if rows:
        session.execute(insert(ReuseFindingRow), rows)
    for s in result.summaries:
        session.add(
            ReuseSummaryRow(
                run_id=run.id,
                revision=s.revision,
                chars=s.chars,
                share=s.share,
                share_excluding_template=s.share_excluding_template,
                top_sources_json=json.dumps([list(t) for t in s.top_sources]),
            )
        )
    ids = sorted(f.id for f in result.findings)
    append_event(
        session,
        actor=actor,
        action="reuse_scan",
        subject=f"reuse run {run.id}",
        details={
            "params": params,
            "params_digest": result.params.digest(),
            "revisions": len(revisions),
            "incremental": incremental,
            "findings": len(ids),
            "finding_ids_sha256": hashlib.sha256("\n".join(ids).encode()).hexdigest(),
        },
    )
    session.flush()
    return _run_info(run)


def runs(session: Session) -> list[ReuseRunInfo]:
    """All stored scans, oldest first."""
    return [_run_info(r) for r in session.exec(select(ReuseRun).order_by(col(ReuseRun.id))).all()]


def _run_id(session: Session, run_id: int | None) -> int | None:
    """``run_id`` or the newest full (non-incremental) run."""
    if run_id is not None:
        return run_id
    q = select(ReuseRun.id).where(ReuseRun.incremental == 0).order_by(col(ReuseRun.id).desc())
    return session.exec(q).first()


def list_findings(
    session: Session,
    *,
    run_id: int | None = None,
    revision: str | None = None,
    include_template: bool = True,
    min_severity: int = 0,
) -> list[dict[str, Any]]:
    """Stored findings of a run (default: the newest full scan), highest severity first."""
    rid = _run_id(session, run_id)
    if rid is None:
        return []
    q = select(ReuseFindingRow).where(ReuseFindingRow.run_id == rid)
    if revision is not None:
        q = q.where(
            (col(ReuseFindingRow.a_revision) == revision)
            | (col(ReuseFindingRow.b_revision) == revision)
        )
    if not include_template:
        q = q.where(ReuseFindingRow.template == 0)
    if min_severity:
        q = q.where(ReuseFindingRow.severity >= min_severity)
    q = q.order_by(col(ReuseFindingRow.severity).desc(), col(ReuseFindingRow.finding_id))
    out = []
    for row in session.exec(q).all():
        item = json.loads(row.data_json)
        item["run"] = rid
        out.append(item)
    return out


def list_summaries(session: Session, *, run_id: int | None = None) -> list[dict[str, Any]]:
    """Stored per-revision shares of a run (default: the newest full scan)."""
    rid = _run_id(session, run_id)
    if rid is None:
        return []
    q = select(ReuseSummaryRow).where(ReuseSummaryRow.run_id == rid)
    rows: Iterable[ReuseSummaryRow] = session.exec(q.order_by(col(ReuseSummaryRow.revision))).all()
    return [
        {
            "run": rid,
            "revision": r.revision,
            "chars": r.chars,
            "share": r.share,
            "share_excluding_template": r.share_excluding_template,
            "top_sources": json.loads(r.top_sources_json),
        }
        for r in rows
    ]
