"""Run the in-report checks over stored revisions, save them, and read them back.

Shared by the ``check`` and ``scan`` commands, the TUI and the working-paper exports, so the
checks run on the exact text the store keeps and every layer sees the same JSON shape.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from reportaudit.checks import (
    CHECKS_VERSION,
    CheckConfig,
    CheckFinding,
    Span,
    default_config,
    run_checks,
)
from reportaudit.matching.parallel import default_workers, iter_ordered
from reportaudit.metadata import Metadata
from reportaudit.services.gc_batch import fewer_collections
from reportaudit.store import Store, get_revision, list_reports, revision_text
from reportaudit.store.bulkread import close_readers, read_revision
from reportaudit.store.checks import (
    CheckBatchItem,
    list_check_findings,
    revision_infos,
    save_check_batch,
)
from reportaudit.store.results import ReportSummary, RevisionInfo
from reportaudit.structure import Document


@dataclass(frozen=True)
class CheckedRevision:
    """The findings of one revision, with what they were checked against."""

    revision: RevisionInfo
    report: ReportSummary
    doc: Document
    findings: list[CheckFinding]
    checks_version: str = CHECKS_VERSION


def config_digest(config: CheckConfig) -> str:
    """A digest of the tables a run used (why: results under other bands are other results)."""
    blob = json.dumps(
        {
            "bands": [(b.grade, str(b.low), str(b.high), b.names) for b in config.grade_bands],
            "outline": {k: list(v) for k, v in sorted(config.outline.items())},
            "none_is_answer": sorted(config.none_is_answer),
            "max_years_back": config.max_years_back,
            "outline_words": {k: list(v) for k, v in sorted(config.outline_words.items())},
            "kind_classes": [[k, list(v)] for k, v in config.kind_classes],
            "third_party": list(config.third_party_words),
            "statements": [
                list(config.words.budget),
                list(config.words.spend),
                list(config.words.change),
                list(config.words.columns),
            ],
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


MIN_PARALLEL = 64
"""Fewer revisions than this are checked in this process (forking costs more)."""
SAVE_BATCH = 250
"""Revisions saved per write transaction (and per audit event) by ``check_revisions``."""


def check_revisions(
    store: Store,
    refs: Sequence[str] | None,
    *,
    actor: str,
    config: CheckConfig | None = None,
    kinds: Sequence[str] | None = None,
    save: bool = True,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> list[CheckedRevision]:
    """Check the given revisions (``None``: the newest revision of every report) and save
    the runs (replacing earlier runs of this checks version) in batches of SAVE_BATCH, one
    transaction and one audit event each. Reusable by ``scan``. ``progress(done, total)`` is
    called after each revision. From MIN_PARALLEL revisions on, ``workers`` forked processes
    (default: ``matching.parallel.default_workers()``, $REPORTAUDIT_WORKERS) read and check
    them; results come back in order, so the output does not depend on the number of workers.

    A run restricted to some ``kinds`` is never saved: a stored run is always complete, so
    "no findings" in the store means no check found anything.
    """
    cfg = config or default_config()
    with store.session() as s:
        reports = list_reports(s)
        if refs is None:
            ids = [r.latest_revision_id for r in reports if r.latest_revision_id is not None]
        else:
            ids = [get_revision(s, ref).id for ref in refs]
        infos = revision_infos(s, ids)
    by_id = {r.id: r for r in reports}
    units = sorted({r.unit for r in reports})
    digest = config_digest(cfg)
    out: list[CheckedRevision] = []
    pending: list[CheckBatchItem] = []

    def flush() -> None:
        """Save the pending runs in one transaction."""
        if pending:
            with store.transaction() as s:
                save_check_batch(
                    s,
                    items=pending,
                    checks_version=CHECKS_VERSION,
                    actor=actor,
                    config_digest=digest,
                )
            pending.clear()

    def load(rev_id: int) -> Document:
        """The revision's Document as the store keeps it."""
        text, doc_dict = read_revision(store, rev_id)
        return Document.from_dict(text, doc_dict)

    parent = os.getpid()

    def check_one(rev_id: int) -> tuple[Document | None, list[CheckFinding]]:
        """Read, parse and check one revision. In a worker process (many revisions) only
        the findings come back — pickling the Document costs more than the parent reading
        its own copy."""
        rev = infos[rev_id]
        report = by_id[rev.report_id]
        doc = load(rev_id)
        meta = Metadata(
            unit=report.unit,
            year=report.year,
            kind=report.kind,
            region=report.region,
            kind_class=report.kind_class,
        )
        findings = run_checks(
            doc,
            meta=meta,
            other_units=units,  # the report's own unit is never foreign (check_foreign_names)
            config=cfg,
            kinds=kinds,
            kind_class=report.kind_class,
        )
        return (doc if os.getpid() == parent else None), findings

    n_workers = default_workers() if workers is None else workers
    # many revisions: fewer cycle collections (services/gc_batch.py; a sixth of the CPU)
    with fewer_collections() if len(ids) >= MIN_PARALLEL else nullcontext():
        try:
            results = iter_ordered(check_one, ids, workers=n_workers, min_items=MIN_PARALLEL)
            for done, (rev_id, (got, findings)) in enumerate(zip(ids, results, strict=True), 1):
                rev = infos[rev_id]
                doc = got if got is not None else load(rev_id)
                if save and not kinds:
                    pending.append(CheckBatchItem(rev.id, findings, doc.parser_version))
                    if len(pending) >= SAVE_BATCH:
                        flush()
                out.append(CheckedRevision(rev, by_id[rev.report_id], doc, findings))
                if progress is not None:
                    progress(done, len(ids))
            flush()
        finally:
            close_readers(store)
    return out


def stored_results(
    store: Store, refs: Sequence[str] | None, *, kinds: Sequence[str] | None = None
) -> list[CheckedRevision]:
    """The stored findings (newest run per revision) of the given revisions (``None``: the
    newest revision of every report), as CheckFindings with their documents — for listing
    without re-running, e.g. by a ``findings --kind …`` command or an export."""
    out: list[CheckedRevision] = []
    with store.session() as s:
        reports = {r.id: r for r in list_reports(s)}
        if refs is None:
            ids = [r.latest_revision_id for r in reports.values() if r.latest_revision_id]
        else:
            ids = [get_revision(s, ref).id for ref in refs]
        for rev_id in ids:
            stored = list_check_findings(s, revision_id=rev_id, kinds=kinds)
            if not stored:
                continue
            rev = get_revision(s, rev_id)
            text, doc_dict = revision_text(s, rev_id)
            doc = Document.from_dict(text, doc_dict)
            findings = [
                CheckFinding(
                    id=f.id,
                    kind=f.kind,
                    rule=f.rule,
                    severity=f.severity,
                    explanation=f.explanation,
                    spans=tuple(Span(a, b) for a, b in f.spans if 0 <= a < b <= len(text)),
                    section=f.section,
                    section_path=f.section_path,
                    section_type=f.section_type,
                    anchor=Span(*f.anchor) if f.anchor else None,
                )
                for f in stored
            ]
            findings.sort(key=lambda f: (f.start, f.kind, f.rule, f.id))  # as run_checks orders
            version = stored[0].checks_version
            out.append(CheckedRevision(rev, reports[rev.report_id], doc, findings, version))
    return out


def finding_json(f: CheckFinding, checked: CheckedRevision) -> dict[str, Any]:
    """The documented JSON shape of one check finding (add fields, never rename)."""
    text = checked.doc.text
    r = checked.report
    return {
        "id": f.id,
        "kind": f.kind,
        "rule": f.rule,
        "severity": f.severity,
        "explanation": f.explanation,
        "revision": checked.revision.id,
        "report": {"id": r.id, "unit": r.unit, "year": r.year, "kind": r.kind},
        "section": {"index": f.section, "path": f.section_path, "type": f.section_type},
        "spans": [{"start": s.start, "end": s.end, "text": s.text(text)} for s in f.spans],
        "anchor": {"start": f.anchor.start, "end": f.anchor.end} if f.anchor else None,
        "checks_version": checked.checks_version,
    }
