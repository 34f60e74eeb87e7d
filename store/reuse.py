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
import orjson
from sqlalchemy import delete, func, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from reportaudit.matching.results import ScanResult

from .events import append_event, require_writer
from .models import AuditEvent, Revision
from .reuse_models import (
    ReuseFindingRow,
    ReuseIndexed,
    ReuseKey,
    ReusePending,
    ReusePosting,
    ReuseRun,
    ReuseSummaryRow,
)
from .types import utcnow

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


def indexed_among(session: Session, key: str, revision_ids: Sequence[int]) -> set[int]:
    """Those of ``revision_ids`` already fingerprinted under ``key``."""
    wanted = sorted(set(revision_ids))
    out: set[int] = set()
    for i in range(0, len(wanted), _CHUNK):
        q = select(ReuseIndexed.revision_id).where(
            ReuseIndexed.index_key == key, col(ReuseIndexed.revision_id).in_(wanted[i : i + _CHUNK])
        )
        out.update(session.exec(q).all())
    return out


def any_indexed(session: Session, key: str, *, besides: int | None = None) -> bool:
    """Whether any revision (other than ``besides``) is indexed under ``key``."""
    q = select(ReuseIndexed.revision_id).where(ReuseIndexed.index_key == key)
    if besides is not None:
        q = q.where(col(ReuseIndexed.revision_id) != besides)
    return session.exec(q.limit(1)).first() is not None


def key_id(session: Session, key: str, *, create: bool = False) -> int | None:
    """The small id postings carry for ``key`` (created when ``create``; else None if new)."""
    found = session.exec(select(ReuseKey.id).where(ReuseKey.key == key)).first()
    if found is not None or not create:
        return found
    require_writer(session)
    row = ReuseKey(key=key)
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


@dataclass(frozen=True, slots=True)
class RevisionPrints:
    """What indexing one revision stores: its unit, folded length and distinct hashes."""

    revision_id: int
    unit: str
    folded_chars: int
    hashes: np.ndarray  # uint64, distinct


_ROWS_PER_STATEMENT = 1000
"""Postings per multi-row INSERT (2 parameters each; SQLite allows 32,766 per statement)."""
_SLICE = 200 * _ROWS_PER_STATEMENT
"""Postings converted to Python ints at a time."""


def save_postings(session: Session, *, key: str, items: Sequence[RevisionPrints]) -> int:
    """Index revisions under ``key``: their postings, inserted in (hash, revision) order.

    Why sorted and multi-row: inserting in key order touches each page of the clustered
    index once per batch instead of once per row, and a statement of 1,000 rows costs the
    driver one call instead of 1,000 (together 13 -> 3.5 ms per report at 1,000 reports).
    Revisions already indexed under ``key`` are skipped (their fingerprints are a function of
    the stored text and ``key``, so re-indexing would write the same rows). Returns how
    many revisions were added.
    """
    require_writer(session)
    done = indexed_among(session, key, [it.revision_id for it in items])
    todo = [it for it in items if it.revision_id not in done]
    todo = list({it.revision_id: it for it in todo}.values())
    if not todo:
        return 0
    kid = key_id(session, key, create=True)
    assert kid is not None
    hashes = _signed(np.concatenate([it.hashes for it in todo]))
    revs = np.concatenate([np.full(len(it.hashes), it.revision_id, dtype=np.int64) for it in todo])
    order = np.lexsort((revs, hashes))
    pairs = np.stack([hashes[order], revs[order]], axis=1)
    del order, hashes, revs
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        _copy_postings(conn, int(kid), pairs)
    else:
        _insert_postings(conn, int(kid), pairs, "?" if conn.dialect.paramstyle == "qmark" else "%s")
    session.execute(
        delete(ReusePending).where(
            col(ReusePending.revision_id).in_([it.revision_id for it in todo])
        )
    )
    session.execute(
        insert(ReuseIndexed),
        [
            {
                "revision_id": it.revision_id,
                "index_key": key,
                "unit": it.unit,
                "folded_chars": it.folded_chars,
                "fingerprints": len(it.hashes),
                "indexed_at": utcnow(),
            }
            for it in todo
        ],
    )
    return len(todo)


def _copy_postings(conn: Any, kid: int, pairs: np.ndarray) -> None:
    """PostgreSQL: the sorted (hash, revision) pairs through one ``COPY ... FROM STDIN``
    (text rows built a slice at a time): no statement to parse per 1,000 rows."""
    raw: Any = conn.connection.dbapi_connection
    sql = f"COPY {ReusePosting.__tablename__} (key_id, hash, revision_id) FROM STDIN"
    head = f"{kid}\t"
    with raw.cursor() as cur, cur.copy(sql) as copy:
        for lo in range(0, len(pairs), _SLICE):
            part = pairs[lo : lo + _SLICE]
            lines = [f"{head}{h}\t{r}\n" for h, r in part.tolist()]
            copy.write("".join(lines))


def _insert_postings(conn: Any, kid: int, pairs: np.ndarray, mark: str) -> None:
    """SQLite: the sorted pairs as multi-row INSERTs of ``_ROWS_PER_STATEMENT`` rows."""
    table = ReusePosting.__tablename__

    def statement(rows: int) -> str:
        """A multi-row INSERT of ``rows`` postings under this key (key id as a literal)."""
        values = ", ".join([f"({int(kid)}, {mark}, {mark})"] * rows)
        return f"INSERT INTO {table} (key_id, hash, revision_id) VALUES {values}"

    per = _ROWS_PER_STATEMENT
    full = statement(per)
    # Python ints only for one slice at a time (tens of millions of postings in a batch)
    for lo in range(0, len(pairs), _SLICE):
        part = pairs[lo : lo + _SLICE]
        whole = len(part) // per * per
        if whole:
            flat = part[:whole].ravel().tolist()
            conn.exec_driver_sql(
                full, [tuple(flat[i : i + 2 * per]) for i in range(0, len(flat), 2 * per)]
            )
        if whole < len(part):
            conn.exec_driver_sql(statement(len(part) - whole), tuple(part[whole:].ravel().tolist()))


def mark_pending(session: Session, revision_id: int) -> None:
    """Mark a revision "to index" (in the transaction that stores it)."""
    require_writer(session)
    session.add(ReusePending(revision_id=revision_id))


def pending_revisions(session: Session) -> list[int]:
    """Revisions marked "to index", oldest first."""
    rows = session.exec(select(ReusePending.revision_id).order_by(col(ReusePending.revision_id)))
    return list(rows.all())


def unindexed_unmarked(session: Session) -> list[int]:
    """Revisions that no index holds and no mark remembers (a store that lost them)."""
    indexed = select(ReuseIndexed.revision_id).where(ReuseIndexed.revision_id == Revision.id)
    pending = select(ReusePending.revision_id).where(ReusePending.revision_id == Revision.id)
    query = (
        select(Revision.id).where(~indexed.exists(), ~pending.exists()).order_by(col(Revision.id))
    )
    return [i for i in session.exec(query).all() if i is not None]


def indexed_postings(session: Session, key: str) -> int:
    """Postings stored under ``key`` (from the per-revision counts, not a table scan)."""
    q = select(func.coalesce(func.sum(ReuseIndexed.fingerprints), 0)).where(
        ReuseIndexed.index_key == key
    )
    return int(session.exec(q).one())


def shared_revisions(
    session: Session, key: str, hashes: np.ndarray, *, exclude: int | None = None
) -> dict[int, int]:
    """Revisions holding any of ``hashes`` under ``key``: revision -> distinct hashes shared."""
    out: dict[int, int] = {}
    kid = key_id(session, key)
    if kid is None:
        return out
    values = sorted(set(_signed(hashes).tolist()))
    for i in range(0, len(values), _CHUNK):
        chunk = values[i : i + _CHUNK]
        q = (
            select(ReusePosting.revision_id, func.count())
            .where(ReusePosting.key_id == kid, col(ReusePosting.hash).in_(chunk))
            .group_by(col(ReusePosting.revision_id))
        )
        for rev, n in session.exec(q).all():
            if rev != exclude:
                out[rev] = out.get(rev, 0) + int(n)
    return out


def first_holders(
    session: Session, key: str, hashes: np.ndarray, *, exclude: int | None = None, limit: int
) -> dict[int, int]:
    """Like ``shared_revisions`` over only the first ``limit`` holders (lowest revision
    ids) of each hash: revision -> how many of ``hashes`` it holds among those.

    Why: template text is held by a share of the whole corpus, so counting every holder
    of a template hash reads O(N) postings (400,000 rows for 8 hashes at 100,000 reports).
    Each hash here is one bounded range of the primary key, whatever N is.
    """
    out: dict[int, int] = {}
    kid = key_id(session, key)
    if kid is None:
        return out
    skip = -1 if exclude is None else exclude
    pt = ReusePosting.__table__  # type: ignore[attr-defined]
    for h in sorted(set(_signed(hashes).tolist())):
        q = (
            sa_select(pt.c.revision_id)
            .where(pt.c.key_id == kid, pt.c.hash == h, pt.c.revision_id != skip)
            .order_by(pt.c.revision_id)
            .limit(limit)
        )
        for (rev,) in session.execute(q).all():
            out[int(rev)] = out.get(int(rev), 0) + 1
    return out


def shared_postings(
    session: Session, key: str, hashes: np.ndarray, *, exclude: int | None = None
) -> list[tuple[int, int]]:
    """(revision, hash as uint64 int) for every indexed revision holding one of ``hashes``.

    Meant for rare hashes (a few holders each); ``shared_revisions`` counts instead.
    """
    out: list[tuple[int, int]] = []
    kid = key_id(session, key)
    if kid is None:
        return out
    values = sorted(set(_signed(hashes).tolist()))
    conn = session.connection()
    if conn.dialect.name == "postgresql":  # one statement, the hashes as one array parameter
        rows = conn.exec_driver_sql(
            "SELECT p.revision_id, p.hash FROM unnest(%s::bigint[]) AS h(v) "
            "JOIN reuse_posting p ON p.key_id = %s AND p.hash = h.v",
            (values, kid),
        ).all()
        out.extend((int(r), int(np.int64(h).view(np.uint64))) for r, h in rows if r != exclude)
        return sorted(out)
    for i in range(0, len(values), _CHUNK):
        q = select(ReusePosting.revision_id, ReusePosting.hash).where(
            ReusePosting.key_id == kid, col(ReusePosting.hash).in_(values[i : i + _CHUNK])
        )
        out.extend(
            (int(r), int(np.int64(h).view(np.uint64)))
            for r, h in session.exec(q).all()
            if r != exclude
        )
    return sorted(out)


def unit_frequencies(
    session: Session,
    key: str,
    hashes: np.ndarray,
    *,
    exclude: int | None = None,
    cap: int | None = None,
) -> dict[int, int]:
    """Per hash (as uint64 int): distinct units of the indexed revisions holding it (other
    than revision ``exclude``); with ``cap``, ``min(units, cap)``, still exact.

    Why a cap: template text is held by thousands of revisions, and counting all their
    units joins every posting (a million rows for one report in a 10,000-report corpus,
    over a second). Decisions only need to know whether a count reaches the template
    threshold, so each hash's first ``4 * cap`` postings are read; a hash whose first
    postings show fewer than ``cap`` units is counted in full.
    """
    out: dict[int, int] = {}
    kid = key_id(session, key)
    if kid is None:
        return out
    values = sorted(set(_signed(hashes).tolist()))
    skip = -1 if exclude is None else exclude
    if cap is None:
        return _units_exact(session, key, kid, values, skip)
    limit = 4 * cap
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    recount: list[int] = []
    pg = conn.dialect.name == "postgresql"
    step = (len(values) or 1) if pg else _CHUNK  # PostgreSQL: all hashes as one array
    for i in range(0, len(values), step):
        chunk = values[i : i + step]
        rows = ", ".join([f"({mark})"] * len(chunk))
        source = f"SELECT unnest({mark}::bigint[])" if pg else f"VALUES {rows}"
        sql = (
            f"WITH h(v) AS ({source}) SELECT h.v, "
            f"(SELECT count(DISTINCT i.unit) FROM reuse_indexed i WHERE i.index_key = {mark} "
            f"AND i.revision_id IN (SELECT p.revision_id FROM reuse_posting p "
            f"WHERE p.key_id = {mark} AND p.hash = h.v AND p.revision_id <> {mark} "
            f"ORDER BY p.revision_id LIMIT {mark})), "
            f"(SELECT count(*) FROM (SELECT 1 AS one FROM reuse_posting p "
            f"WHERE p.key_id = {mark} AND p.hash = h.v AND p.revision_id <> {mark} "
            f"LIMIT {mark}) AS y) FROM h"
        )
        head = (list(chunk),) if pg else tuple(chunk)
        params = (*head, key, kid, skip, limit, kid, skip, limit)
        for h, units, seen in conn.exec_driver_sql(sql, params).all():
            if int(units) >= cap:
                out[int(np.int64(h).view(np.uint64))] = cap
            elif int(seen) >= limit:
                recount.append(int(h))  # many revisions of few units: count them all
            elif units:
                out[int(np.int64(h).view(np.uint64))] = int(units)
    if recount:
        for h, n in _units_exact(session, key, kid, recount, skip).items():
            out[h] = min(n, cap)
    return out


def _units_exact(
    session: Session, key: str, kid: int, values: Sequence[int], skip: int
) -> dict[int, int]:
    """Distinct units holding each of ``values`` (signed hashes), revision ``skip`` aside."""
    out: dict[int, int] = {}
    for i in range(0, len(values), _CHUNK):
        chunk = values[i : i + _CHUNK]
        q = (
            select(ReusePosting.hash, func.count(func.distinct(ReuseIndexed.unit)))
            .join(
                ReuseIndexed,
                (col(ReuseIndexed.revision_id) == col(ReusePosting.revision_id))
                & (col(ReuseIndexed.index_key) == key),
            )
            .where(ReusePosting.key_id == kid, col(ReusePosting.hash).in_(chunk))
            .where(col(ReusePosting.revision_id) != skip)
            .group_by(col(ReusePosting.hash))
        )
        for h, n in session.exec(q).all():
            out[int(np.int64(h).view(np.uint64))] = int(n)
    return out


def indexed_units(session: Session, key: str, *, exclude: int | None = None) -> int:
    """Distinct units among the revisions indexed under ``key`` (other than ``exclude``)."""
    q = select(func.count(func.distinct(ReuseIndexed.unit))).where(
        ReuseIndexed.index_key == key,
        col(ReuseIndexed.revision_id) != (-1 if exclude is None else exclude),
    )
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
    # 120,000 findings at 10,000 reports: tuples through the driver's executemany, not
    # one ORM dict per row.
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    rows = [
        (
            run.id,
            f.id,
            f.family,
            f.kind,
            f.severity,
            int(f.template),
            f.a.revision,
            f.b.revision,
            orjson.dumps(f.to_dict(), option=orjson.OPT_SORT_KEYS).decode(),
        )
        for f in result.findings
    ]
    if rows:
        conn.exec_driver_sql(
            f"INSERT INTO {ReuseFindingRow.__tablename__} (run_id, finding_id, family, kind, "
            f"severity, template, a_revision, b_revision, data_json) "
            f"VALUES ({', '.join([mark] * 9)})",
            rows,
        )
    sums = [
        (
            run.id,
            s.revision,
            s.chars,
            s.share,
            s.share_excluding_template,
            json.dumps([list(t) for t in s.top_sources]),
        )
        for s in result.summaries
    ]
    if sums:
        conn.exec_driver_sql(
            f"INSERT INTO {ReuseSummaryRow.__tablename__} (run_id, revision, chars, share, "
            f"share_excluding_template, top_sources_json) VALUES ({', '.join([mark] * 6)})",
            sums,
        )
    ids = sorted(f.id for f in result.findings)
    append_event(
        session,
        actor=actor,
        action="reuse_scan",
        subject=f"reuse run {run.id}",
        details={
            "run": run.id,
            "results_sha256": _digest(_head(run), (r[1:] for r in rows), (x[1:] for x in sums)),
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


def _digest(
    head: list[Any], findings: Iterable[Sequence[Any]], sums: Iterable[Sequence[Any]]
) -> str:
    """sha256 over a run's row (``head``), its finding rows and its summary rows, each
    without the run id, in a fixed order (shares as ``repr`` of the float)."""
    lines = sorted(json.dumps(list(f), ensure_ascii=False) for f in findings)
    lines += sorted(
        json.dumps([r, c, repr(float(a)), repr(float(b)), t], ensure_ascii=False)
        for r, c, a, b, t in sums
    )
    body = json.dumps(head, ensure_ascii=False) + "\n" + "\n".join(lines)
    return hashlib.sha256(body.encode()).hexdigest()


def _head(run: ReuseRun) -> list[Any]:
    """The columns of a run row that are evidence (all but its id and time)."""
    return [
        run.params_json,
        run.params_digest,
        run.revisions_json,
        run.finding_count,
        run.incremental,
        run.actor,
    ]


def run_digest(session: Session, run_id: int) -> str | None:
    """sha256 over everything a reuse run stored: its row (but the id and time), every
    finding row and every summary row (None when the run is missing).

    Why all of it: an edit of a finding's severity or explanation, a deleted finding or a
    rewritten share would otherwise show in ``findings`` and in a new export as genuine.
    """
    run = session.get(ReuseRun, run_id)
    if run is None:
        return None
    findings = [
        (
            f.finding_id,
            f.family,
            f.kind,
            f.severity,
            f.template,
            f.a_revision,
            f.b_revision,
            f.data_json,
        )
        for f in session.exec(select(ReuseFindingRow).where(ReuseFindingRow.run_id == run_id))
    ]
    sums = [
        (s.revision, s.chars, s.share, s.share_excluding_template, s.top_sources_json)
        for s in session.exec(select(ReuseSummaryRow).where(ReuseSummaryRow.run_id == run_id))
    ]
    return _digest(_head(run), findings, sums)


def verify_reuse_runs(session: Session) -> list[str]:
    """Problems with stored reuse runs: each must have its ``reuse_scan`` event and match
    the digest recorded there; each run an event recorded must still be there. Runs saved
    before digests were recorded are checked for presence only."""
    recorded: dict[int, dict[str, Any]] = {}
    for row in session.exec(
        select(AuditEvent).where(AuditEvent.action == "reuse_scan").order_by(col(AuditEvent.seq))
    ):
        details = json.loads(row.details)
        run_id = details.get("run")
        if not isinstance(run_id, int) and row.subject.startswith("reuse run "):
            run_id = int(row.subject.rsplit(" ", 1)[1])
        if isinstance(run_id, int):
            recorded[run_id] = details
    problems = []
    stored = [r for r in session.exec(select(ReuseRun.id).order_by(col(ReuseRun.id))).all()]
    for run_id in stored:
        assert run_id is not None
        details = recorded.get(run_id)
        if details is None:
            problems.append(f"reuse run {run_id}: no audit event records it")
            continue
        expected = details.get("results_sha256")
        if expected is not None and run_digest(session, run_id) != expected:
            problems.append(
                f"reuse run {run_id}: its stored findings or shares differ from the digest "
                "its audit event recorded (changed since saved)"
            )
    for run_id in sorted(set(recorded) - set(stored)):
        problems.append(f"reuse run {run_id}: recorded by the audit trail but missing (deleted?)")
    return problems


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
