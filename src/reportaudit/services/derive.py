"""Derive text and structure from an original's bytes, and re-derive after an upgrade.

The derivation version names both halves (extraction and section parsing), so when either
improves, ``rederive`` adds a new derivation next to the old one, from the untouched
original bytes, and the audit trail records it. Nothing imported is ever rewritten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from reportaudit.errors import ReportAuditError
from reportaudit.ingest import Budget, Extracted, Limits, PageProgress, extract
from reportaudit.store import (
    Store,
    get_revision,
    original_bytes,
    revisions_missing_derivation,
    save_derivation,
)
from reportaudit.structure import PARSER_VERSION, Document, parse

INGEST_VERSION = "ingest-2"
"""Bump when extraction (reportaudit.ingest) changes its output. ingest-2: web pages are
read as pages (a page imported by name before was stored as its raw markup), .doc/.wps/.rtf
through LibreOffice, scans by OCR; .txt, .docx and text-layer .pdf give the same text."""
DERIVATION_VERSION = f"{INGEST_VERSION}+{PARSER_VERSION}"


def derive(
    data: bytes,
    filename: str,
    *,
    on_page: PageProgress | None = None,
    limits: Limits | None = None,
    budget: Budget | None = None,
) -> tuple[Extracted, Document]:
    """Extract and parse one file's bytes (raises IngestError); the Document records the
    derivation version (extraction + parsing) that made it. ``on_page`` hears OCR progress;
    ``limits`` (or a ``budget`` whose clock the caller started) bound what the file may cost."""
    budget = budget or Budget(filename, limits or Limits())
    extracted = extract(data, filename, on_page=on_page, budget=budget)
    doc = parse(extracted.text, heading_lines=extracted.headings)
    budget.check_time("parsing")
    return extracted, replace(doc, parser_version=DERIVATION_VERSION)


@dataclass(frozen=True)
class RederiveOutcome:
    """One revision re-derived, or why not."""

    revision_id: int
    ok: bool
    message: str


def rederive(
    store: Store,
    *,
    actor: str,
    progress: Callable[[RederiveOutcome], None] | None = None,
) -> list[RederiveOutcome]:
    """Add a derivation by the current version to every revision that lacks one."""
    with store.session() as s:
        todo = revisions_missing_derivation(s, DERIVATION_VERSION)
    outcomes = []
    for rev_id in todo:
        try:
            with store.session() as s:
                data = original_bytes(s, rev_id)
                filename = get_revision(s, rev_id).filename
            extracted, doc = derive(data, filename)
            with store.transaction() as s:
                save_derivation(
                    s,
                    revision_id=rev_id,
                    text=extracted.text,
                    document_dict=doc.to_dict(),
                    parser_version=DERIVATION_VERSION,
                    actor=actor,
                )
            outcome = RederiveOutcome(
                rev_id, True, f"revision {rev_id}: derived by {DERIVATION_VERSION}"
            )
        except ReportAuditError as exc:
            outcome = RederiveOutcome(rev_id, False, f"revision {rev_id}: {exc}")
        outcomes.append(outcome)
        if progress:
            progress(outcome)
    return outcomes
