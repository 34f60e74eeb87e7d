"""Writing revisions and derivations, reading their text and original bytes.

Why one function per import: an import touches four tables and the audit chain; doing it in
one call inside the caller's ``store.transaction()`` makes it all-or-nothing per file.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from reportaudit.errors import NotFoundError, StoreError

from .events import append_event, require_writer
from .hashing import canonical_json, iso_utc, normalize_json, text_sha256
from .labels import (
    Label,
    chain,
    current_report_id,
    normalise_label,
    report_key,
)
from .models import AuditEvent, Derivation, Original, Report, Revision
from .queries import report_summary, revision_info
from .results import DerivationInfo, ImportResult, ReportSummary, stored_year

IMPORT_ACTION = "import"
DERIVE_ACTION = "derive"


def _document_json(document_dict: dict[str, Any], parser_version: str) -> str:
    """Canonical JSON of the Document dict, refusing a dict from a different parser."""
    stated = document_dict.get("parser_version")
    if stated is not None and stated != parser_version:
        raise ValueError(
            f"document says parser {stated!r} but parser_version is {parser_version!r}"
        )
    return canonical_json(normalize_json(document_dict))


def stored_duplicate(session: Session, sha256: str) -> ImportResult | None:
    """The revision already holding bytes with this sha256 (``duplicate=True``), or None.

    Why a function of its own: an import asks this before it parses anything, so
    re-importing a stored file costs a hash and one lookup, not a second parse."""
    existing = session.exec(select(Revision).where(Revision.original_sha256 == sha256)).first()
    if existing is None:
        return None
    assert existing.id is not None
    report = session.get(Report, current_report_id(session, existing.id))
    assert report is not None
    return ImportResult(
        revision=revision_info(session, existing, report),
        report=report_summary(session, report),
        duplicate=True,
    )


def import_details(
    rev: Revision,
    report: Report,
    label: Label,
    *,
    uncertain: tuple[str, ...],
    provenance: dict[str, Any] | None,
    extraction: dict[str, Any] | None,
    size: int,
    parser_version: str,
    text_sha256: str,
    document_sha256: str,
    stored_at: datetime,
) -> dict[str, Any]:
    """The details of an ``import`` audit event: what ``verify`` later checks the stored
    rows against. One function for the single-file and the bulk path (``bulk``), so both
    record an import in exactly the same form."""
    return {
        "revision": rev.id,
        "report_id": report.id,
        "report": {
            "unit": report.unit,
            "year": stored_year(report.year),
            "kind": report.kind,
            "region": report.region,
            "kind_class": report.kind_class,
            "project": report.project,
        },
        "label": {
            "fields": label.report_fields(),
            "uncertain": list(uncertain),
            "provenance": provenance or {},
        },
        "extraction": extraction,
        "number": rev.number,
        "parent": rev.parent_id,
        "sha256": rev.original_sha256,
        "size": size,
        "filename": rev.filename,
        "format": rev.format,
        "encoding": rev.encoding,
        "imported_at": iso_utc(rev.imported_at),
        "note": rev.note,
        "parser_version": parser_version,
        "text_sha256": text_sha256,
        "document_sha256": document_sha256,
        "stored_at": iso_utc(stored_at),
    }


def newest_under_label(
    session: Session,
    *,
    unit: str,
    year: int | None,
    kind: str,
    kind_class: str | None = None,
    project: str | None = None,
) -> tuple[ReportSummary, int] | None:
    """The report a certain label files into and its newest revision's id, or None.

    Why: before an import links a file as the next revision of a report, the caller checks
    that the file is kin to that revision (``reportaudit.diff.kinship``); a report with no
    revisions yet (all relabelled away) has nothing to check against."""
    label = normalise_label(
        Label(unit, year, kind, kind_class or class_of_kind(kind), project, None)
    )
    found = session.exec(select(Report).where(Report.key == report_key(label))).first()
    if found is None or found.id is None:
        return None
    held = chain(session, found.id)
    if not held or held[-1].id is None:
        return None
    return report_summary(session, found), held[-1].id


def import_extraction(session: Session, revision_id: int) -> dict[str, Any] | None:
    """How a revision's text was obtained, from its import event (None: read directly).

    E.g. ``{"ocr": {"engine": "rapidocr-onnxruntime", "version": "1.4.4", "pages": 3, …}}``
    or ``{"converter": "LibreOffice 7.4.7.2"}``; what ``import_revision`` got as
    ``extraction``.
    """
    row = session.exec(
        select(AuditEvent.details).where(
            AuditEvent.action == IMPORT_ACTION, AuditEvent.subject == f"revision {revision_id}"
        )
    ).first()
    if row is None:
        return None
    value = json.loads(row).get("extraction")
    return value if isinstance(value, dict) else None


def class_of_kind(kind: str) -> str:
    """The class of a kind given without one (an override, an older caller)."""
    if "整体" in kind:
        return "department_overall"
    if "预算执行" in kind:
        return "budget_execution"
    if "项目" in kind or "资金" in kind or "专项" in kind:
        return "project"
    if "工作" in kind or "结果" in kind:
        return "other"
    return "department_overall" if "自评" in kind else "other"


def save_derivation(
    session: Session,
    *,
    revision_id: int,
    text: str,
    document_dict: dict[str, Any],
    parser_version: str,
    actor: str,
) -> DerivationInfo:
    """Record a (re-)derivation of a revision by ``parser_version`` plus a ``derive`` event.

    Derivations are append-only: saving the same version again with identical content is a
    no-op (``created=False``); with different content it raises StoreError — bump the parser
    version instead.
    """
    require_writer(session)
    if session.get(Revision, revision_id) is None:
        raise NotFoundError(f"no revision with id {revision_id}")
    doc_json = _document_json(document_dict, parser_version)
    t_sha, d_sha = text_sha256(text), text_sha256(doc_json)
    found = session.get(Derivation, (revision_id, parser_version))
    if found is not None:
        if (found.text_sha256, found.document_sha256) != (t_sha, d_sha):
            raise StoreError(
                f"revision {revision_id} already has a different derivation by {parser_version}"
            )
        return DerivationInfo(revision_id, parser_version, t_sha, d_sha, found.created_at, False)
    row = Derivation(
        revision_id=revision_id,
        parser_version=parser_version,
        text=text,
        text_sha256=t_sha,
        document_json=doc_json,
        document_sha256=d_sha,
    )
    session.add(row)
    session.flush()
    append_event(
        session,
        actor=actor,
        action=DERIVE_ACTION,
        subject=f"revision {revision_id}",
        details={
            "revision": revision_id,
            "parser_version": parser_version,
            "text_sha256": t_sha,
            "document_sha256": d_sha,
            "derived_at": iso_utc(row.created_at),
        },
    )
    return DerivationInfo(revision_id, parser_version, t_sha, d_sha, row.created_at, True)


def revision_text(
    session: Session, revision_id: int, *, parser_version: str | None = None
) -> tuple[str, dict[str, Any]]:
    """(extracted text, Document.to_dict() data) of a revision.

    Without ``parser_version``: from the most recently saved derivation.
    """
    dt = Derivation.__table__  # type: ignore[attr-defined]
    # Core, not ORM: a full scan reads 10,000 of these, and building ORM rows around two
    # large strings cost half the read.
    query = sa_select(dt.c.text, dt.c.document_json).where(dt.c.revision_id == revision_id)
    if parser_version is not None:
        query = query.where(dt.c.parser_version == parser_version)
    row = session.execute(
        query.order_by(dt.c.created_at.desc(), dt.c.parser_version.desc()).limit(1)
    ).first()
    if row is None:
        which = f" by {parser_version}" if parser_version else ""
        raise NotFoundError(f"revision {revision_id} has no derivation{which}")
    return row[0], json.loads(row[1])


def derivation_versions(session: Session, revision_id: int) -> list[str]:
    """Parser versions that have derived this revision, oldest first."""
    rows = session.exec(
        select(Derivation.parser_version)
        .where(Derivation.revision_id == revision_id)
        .order_by(col(Derivation.created_at))
    ).all()
    return list(rows)


def revisions_missing_derivation(session: Session, parser_version: str) -> list[int]:
    """Ids of revisions with no derivation by ``parser_version`` (what a re-derive must do)."""
    done = select(Derivation.revision_id).where(Derivation.parser_version == parser_version)
    rows = session.exec(
        select(Revision.id).where(col(Revision.id).not_in(done)).order_by(col(Revision.id))
    ).all()
    return [r for r in rows if r is not None]


def original_bytes(session: Session, revision_id: int) -> bytes:
    """The exact bytes that were imported as this revision."""
    rev = session.get(Revision, revision_id)
    if rev is None:
        raise NotFoundError(f"no revision with id {revision_id}")
    original = session.get(Original, rev.original_sha256)
    if original is None:
        raise NotFoundError(f"the original of revision {revision_id} is missing")
    return original.data
