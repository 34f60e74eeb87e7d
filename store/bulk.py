"""Storing imported files: one (``import_revision``) or many in one write transaction.

Why one module: there is one place that builds an import's rows (``_write``), whether a
file comes alone or with 499 others, so the two cannot drift apart. Why in bulk: at a
province's scale (100,000 reports) one transaction per file costs a commit and
about fifteen round trips per file. Here a batch of prepared files is written table by
table: PostgreSQL takes each table's rows through one ``COPY ... FROM STDIN``, SQLite
through the driver's executemany. Each file gets its own ``import`` event, chained in
batch order, so ``verify`` cannot tell a batch from files imported one by one.

All or nothing per file: ``prepare_import`` validates a file (bytes, label, document JSON)
before any transaction, so a bad file is refused alone. The batch's rows then go in the
caller's one transaction; if any write fails, the transaction rolls back as a whole and no
file of the batch is stored at all, half or whole. ``services.bulkimport`` then stores that
batch again one file per transaction, so the file at fault fails alone and the rest land.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, func, insert, text
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from reportaudit.errors import StoreError

from .events import require_writer
from .hashing import GENESIS_HASH, canonical_json, event_hash, iso_utc, normalize_json, sha256_hex
from .hashing import text_sha256 as sha_of_text
from .labels import Label, chain, normalise_label, report_key
from .models import AuditEvent, Derivation, Original, Report, Revision, RevisionLabel
from .results import ImportResult, ReportSummary, RevisionInfo, report_label, stored_year
from .reuse_models import ReusePending
from .revisions import (
    IMPORT_ACTION,
    _document_json,
    class_of_kind,
    import_details,
    stored_duplicate,
)
from .types import utcnow

_CHUNK = 500
"""Values per IN (...) lookup."""


@dataclass(frozen=True, slots=True)
class PreparedImport:
    """One file checked and ready to store: everything ``import_revision`` takes, with the
    hashes computed and the label normalised (so the transaction only writes)."""

    data: bytes
    sha256: str
    filename: str
    fmt: str
    encoding: str | None
    text: str
    text_sha256: str
    document_json: str
    document_sha256: str
    parser_version: str
    label: Label
    actor: str
    note: str | None = None
    uncertain: tuple[str, ...] = ()
    provenance: dict[str, Any] = field(default_factory=dict)
    extraction: dict[str, Any] | None = None
    when: datetime | None = None
    """Backdates the import (aware), e.g. for loading history; never before its parent."""


def prepare_import(
    *,
    data: bytes,
    filename: str,
    fmt: str,
    encoding: str | None,
    text: str,
    document_dict: dict[str, Any],
    parser_version: str,
    unit: str,
    year: int | None,
    kind: str,
    region: str | None,
    actor: str,
    note: str | None = None,
    kind_class: str | None = None,
    project: str | None = None,
    provenance: dict[str, Any] | None = None,
    uncertain: tuple[str, ...] = (),
    extraction: dict[str, Any] | None = None,
    when: datetime | None = None,
) -> PreparedImport:
    """Check one file (ValueError naming the file if it is not storable) and compute what
    its rows need; nothing is written. ``provenance``: where each label field was read;
    ``uncertain`` key fields give the file a report of its own (``labels``); ``extraction``
    (JSON: OCR engine and version, or the converter) goes into the import event;
    ``when`` (aware) backdates the import."""
    if when is not None and when.tzinfo is None:
        raise ValueError("import_revision needs a timezone-aware `when`")
    if not data:
        raise ValueError(f"{filename}: empty file")
    if not actor.strip():
        raise ValueError(f"{filename}: an import needs an actor")
    try:
        label = normalise_label(
            Label(unit, year, kind, kind_class or class_of_kind(kind), project, region)
        )
        doc_json = _document_json(document_dict, parser_version)
        details = normalize_json({"provenance": provenance or {}, "extraction": extraction})
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{filename}: {exc}") from exc
    return PreparedImport(
        data=data,
        sha256=sha256_hex(data),
        filename=filename,
        fmt=fmt,
        encoding=encoding,
        text=text,
        text_sha256=sha_of_text(text),
        document_json=doc_json,
        document_sha256=sha_of_text(doc_json),
        parser_version=parser_version,
        label=label,
        actor=actor,
        note=note,
        uncertain=tuple(uncertain),
        provenance=details["provenance"],
        extraction=details["extraction"],
        when=when,
    )


def import_revision(session: Session, prepared: PreparedImport) -> ImportResult:
    """Store one prepared file as a new revision of its report (or report a duplicate).

    Identical bytes already stored (for any report) add nothing: the result has
    ``duplicate=True`` and the existing revision. Otherwise writes the original (by sha256),
    the revision (parent = the report's newest revision), the derivation, its first label
    and an ``import`` audit event, all in the caller's transaction (``import_prepared``
    with one file: the same rows a batch writes).
    """
    (result,) = import_prepared(session, [prepared])
    return result


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    """``values`` in slices of ``_CHUNK``."""
    for i in range(0, len(values), _CHUNK):
        yield values[i : i + _CHUNK]


def _table(model: Any) -> Table:
    """The Core table of a SQLModel class."""
    table: Table = model.__table__
    return table


def write_rows(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (column -> value) into ``model``'s table in one bulk operation.

    PostgreSQL: ``COPY table (columns) FROM STDIN`` through psycopg (values go through the
    driver's adapters: bytes as bytea, aware datetimes as timestamptz). SQLite: one Core
    executemany (the column types convert datetimes as every other write does).
    """
    if not rows:
        return
    table = _table(model)
    columns = list(rows[0])
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    raw: Any = conn.connection.dbapi_connection
    names = ", ".join(f'"{c}"' for c in columns)
    with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def _allocate_ids(session: Session, model: Any, n: int) -> list[int]:
    """``n`` fresh primary keys of ``model``'s table (the write lock is held: nobody else
    takes ids meanwhile on SQLite; PostgreSQL hands them out from the sequence)."""
    table = _table(model)
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        got = conn.execute(
            text(
                f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
                "FROM generate_series(1, :n)"
            ),
            {"n": n},
        ).all()
        return sorted(int(r[0]) for r in got)
    top = conn.execute(sa_select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    return list(range(int(top) + 1, int(top) + 1 + n))


def _reports(
    session: Session, todo: Sequence[PreparedImport], at: datetime
) -> tuple[dict[str, Report], set[str]]:
    """The report row of each file's key (created when new); and the keys created now."""
    keys = {report_key(p.label, uncertain=p.uncertain, sha256=p.sha256): p for p in todo}
    found: dict[str, Report] = {}
    ordered = sorted(keys)
    for part in _chunks(ordered):
        found.update(
            (r.key, r) for r in session.exec(select(Report).where(col(Report.key).in_(part)))
        )
    fresh = [k for k in keys if k not in found]  # first-seen order: ids follow the batch
    ids = _allocate_ids(session, Report, len(fresh))
    rows = []
    for rid, k in zip(ids, fresh, strict=True):
        p = keys[k]
        row = Report(
            id=rid,
            key=k,
            unit=p.label.unit,
            year=p.label.year or 0,
            kind=p.label.kind,
            region=p.label.region,
            created_at=at,
            kind_class=p.label.kind_class,
            project=p.label.project,
            uncertain=",".join(p.uncertain),
        )
        found[k] = row
        rows.append(row.model_dump())
    write_rows(session, Report, rows)
    return found, set(fresh)


def import_prepared(session: Session, items: Sequence[PreparedImport]) -> list[ImportResult]:
    """Store prepared files in the caller's write transaction; one result per item, in order.

    Bytes already stored (or earlier in the batch) are duplicates: nothing is added for
    them, as ``import_revision`` does. Files of one report get consecutive revisions in
    batch order. Each stored file gets its original (once per sha256), revision,
    derivation, import label, "to index" mark and ``import`` audit event.
    """
    require_writer(session)
    shas = sorted({p.sha256 for p in items})
    known: set[str] = set()
    have_original: set[str] = set()
    rt, ot = _table(Revision), _table(Original)
    for part in _chunks(shas):
        known.update(
            session.execute(
                sa_select(rt.c.original_sha256).where(rt.c.original_sha256.in_(part))
            ).scalars()
        )
        have_original.update(
            session.execute(sa_select(ot.c.sha256).where(ot.c.sha256.in_(part))).scalars()
        )
    todo: list[PreparedImport] = []
    seen: set[str] = set()
    for p in items:
        if p.sha256 not in known and p.sha256 not in seen:
            todo.append(p)
            seen.add(p.sha256)
    results: dict[str, ImportResult] = {}
    if todo:
        results = _write(session, todo, have_original)
    out = []
    for p in items:
        got = results.pop(p.sha256, None)
        if got is None:
            got = stored_duplicate(session, p.sha256)
            assert got is not None
        out.append(got)
    return out


def _write(
    session: Session, todo: list[PreparedImport], have_original: set[str]
) -> dict[str, ImportResult]:
    """The rows of ``todo`` (no duplicates among them), written table by table."""
    first_at = utcnow()
    reports, created = _reports(session, todo, first_at)
    # per report: (revisions held, newest held revision, next row number)
    tails: dict[int, tuple[int, Revision | None, int]] = {}
    for k, rep in reports.items():
        assert rep.id is not None
        if k in created:
            tails[rep.id] = (0, None, 1)
            continue
        held = chain(session, rep.id)
        top = session.exec(
            select(func.max(Revision.number)).where(Revision.report_id == rep.id)
        ).one()
        tails[rep.id] = (len(held), held[-1] if held else None, int(top or 0) + 1)
    rev_ids = _allocate_ids(session, Revision, len(todo))
    last = session.exec(select(AuditEvent).order_by(col(AuditEvent.seq).desc()).limit(1)).first()
    seq, prev = (last.seq, last.hash) if last else (0, GENESIS_HASH)
    originals, revisions, derivations, events, labels, marks = [], [], [], [], [], []
    results: dict[str, ImportResult] = {}
    for rid, p in zip(rev_ids, todo, strict=True):
        report = reports[report_key(p.label, uncertain=p.uncertain, sha256=p.sha256)]
        assert report.id is not None
        count, parent_rev, number = tails[report.id]
        parent = parent_rev.id if parent_rev else None
        now = utcnow()  # one clock reading per file: stored and recorded at
        at = p.when or now  # imported at (backdated with ``when``)
        if parent_rev is not None and at < parent_rev.imported_at:
            raise StoreError(
                f"{p.filename}: import time {iso_utc(at)} precedes revision {parent} "
                f"({iso_utc(parent_rev.imported_at)})"
            )
        rev = Revision(
            id=rid,
            report_id=report.id,
            number=number,
            parent_id=parent,
            original_sha256=p.sha256,
            filename=p.filename,
            format=p.fmt,
            encoding=p.encoding,
            actor=p.actor,
            imported_at=at,
            note=p.note,
        )
        tails[report.id] = (count + 1, rev, number + 1)
        if p.sha256 not in have_original:
            originals.append(
                {"sha256": p.sha256, "size": len(p.data), "data": p.data, "stored_at": now}
            )
        revisions.append(rev.model_dump())
        derivations.append(
            {
                "revision_id": rid,
                "parser_version": p.parser_version,
                "text": p.text,
                "text_sha256": p.text_sha256,
                "document_json": p.document_json,
                "document_sha256": p.document_sha256,
                "created_at": now,
            }
        )
        details = normalize_json(
            import_details(
                rev,
                report,
                p.label,
                uncertain=p.uncertain,
                provenance=p.provenance,
                extraction=p.extraction,
                size=len(p.data),
                parser_version=p.parser_version,
                text_sha256=p.text_sha256,
                document_sha256=p.document_sha256,
                stored_at=now,
            )
        )
        seq += 1
        subject = f"revision {rid}"
        digest = event_hash(
            seq=seq,
            at=now,
            actor=p.actor,
            action=IMPORT_ACTION,
            subject=subject,
            details=details,
            prev_hash=prev,
        )
        events.append(
            {
                "seq": seq,
                "at": now,
                "actor": p.actor,
                "action": IMPORT_ACTION,
                "subject": subject,
                "details": canonical_json(details),
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
        labels.append(
            {
                "revision_id": rid,
                "report_id": report.id,
                "event_seq": seq,
                "action": IMPORT_ACTION,
                "provenance": canonical_json(p.provenance),
                "actor": p.actor,
                "at": at,
                "note": None,
            }
        )
        marks.append({"revision_id": rid, "marked_at": now})
        info = RevisionInfo(
            id=rid,
            report_id=report.id,
            report_label=report_label(
                report.unit, stored_year(report.year), report.kind, report.region, report.project
            ),
            number=count + 1,
            parent_id=parent,
            sha256=p.sha256,
            size=len(p.data),
            filename=p.filename,
            format=p.fmt,
            encoding=p.encoding,
            actor=p.actor,
            imported_at=at,
            note=p.note,
        )
        results[p.sha256] = ImportResult(info, _summary(report, count + 1, rid, at), False)
    write_rows(session, Original, originals)
    write_rows(session, Revision, revisions)
    write_rows(session, Derivation, derivations)
    write_rows(session, AuditEvent, events)
    write_rows(session, RevisionLabel, labels)
    write_rows(session, ReusePending, marks)
    return results


def _summary(report: Report, count: int, latest: int, at: datetime) -> ReportSummary:
    """The report as it stands after this file (as ``report_summary`` would read it)."""
    assert report.id is not None
    return ReportSummary(
        id=report.id,
        unit=report.unit,
        year=stored_year(report.year),
        kind=report.kind,
        region=report.region,
        revision_count=count,
        latest_revision_id=latest,
        latest_imported_at=at,
        kind_class=report.kind_class or class_of_kind(report.kind),
        project=report.project,
        uncertain=tuple(filter(None, (report.uncertain or "").split(","))),
    )


__all__ = ["PreparedImport", "import_prepared", "import_revision", "prepare_import", "write_rows"]
