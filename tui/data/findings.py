"""Reuse findings for the TUI: scan the store's newest revisions with the matching core.

Why here: no stored scan exists yet in this installation's store, so the findings screen
runs ``reportaudit.matching.scan`` itself, in a worker, over the newest revision of every
report (each text read lazily). Finding ids are stable (derived from revision and spans), so
review decisions recorded against them survive restarts and rescans.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from reportaudit.matching.corpus import IndexedDoc
from reportaudit.matching.results import Finding, ScanResult
from reportaudit.matching.scan import scan
from reportaudit.store import Store

from .corpus import load_reports
from .report import load_document
from .reuse import ReuseStats

__all__ = ["CorpusScan", "corpus_docs", "scan_corpus", "stats_from_scan"]


@dataclass(frozen=True)
class CorpusScan:
    """A scan result with the report each scanned revision belongs to."""

    result: ScanResult
    report_of: dict[str, int]  # revision id (as the matcher names it) -> report id

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The findings, as the matcher ranked them."""
        return self.result.findings


def corpus_docs(store: Store) -> tuple[list[IndexedDoc], dict[str, int]]:
    """The newest revision of every report, as the matcher's lazily loaded documents."""
    docs: list[IndexedDoc] = []
    report_of: dict[str, int] = {}
    for report in load_reports(store):
        if report.latest_revision_id is None:
            continue
        rev = str(report.latest_revision_id)
        report_of[rev] = report.id
        docs.append(
            IndexedDoc(
                revision=rev,
                unit=report.unit,
                year=report.year,
                kind=report.kind,
                filename=report.label,
                loader=partial(load_document, store, report.latest_revision_id),
            )
        )
    return docs, report_of


def scan_corpus(store: Store) -> CorpusScan:
    """Scan the newest revisions (in this thread: no forking inside the UI process)."""
    docs, report_of = corpus_docs(store)
    return CorpusScan(scan(docs, workers=1), report_of)


def stats_from_scan(found: CorpusScan, open_ids: set[str]) -> dict[int, ReuseStats]:
    """Per report: reuse share of its newest revision and its findings still open."""
    counts: dict[int, list[int]] = {}
    for finding in found.findings:
        for side in {finding.a.revision, finding.b.revision}:
            report = found.report_of.get(side)
            if report is not None:
                total_open = counts.setdefault(report, [0, 0])
                total_open[0] += 1
                total_open[1] += finding.id in open_ids
    stats: dict[int, ReuseStats] = {}
    for summary in found.result.summaries:
        report = found.report_of.get(summary.revision)
        if report is None:
            continue
        total, still_open = counts.get(report, [0, 0])
        stats[report] = ReuseStats(
            share=summary.share,
            share_excluding_template=summary.share_excluding_template,
            findings=total,
            open_findings=still_open,
        )
    return stats
