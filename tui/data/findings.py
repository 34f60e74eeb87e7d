"""Reuse findings for the TUI: the newest stored scan, or a new scan saved like the CLI's.

Why both: ``reportaudit scan`` stores each run (findings with stable ids, per-revision
shares) through ``reportaudit.store.reuse``; the TUI shows the newest full run. When the
store has none, or the auditor asks to rescan (after imports), the TUI runs the matcher over
the newest revision of every report in a worker and saves the run with the actor, exactly
as the CLI does (minus the fingerprint index, which only incremental checks need).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reportaudit.matching.results import Finding, Passage, ReportRef
from reportaudit.ratios import ReportRatios, spans_from_findings
from reportaudit.services.ratios import labels_of, measure
from reportaudit.services.reuse import scan_store
from reportaudit.store import Store
from reportaudit.store.reuse import list_findings, runs

from .reuse import ReuseStats

__all__ = [
    "CorpusScan",
    "Share",
    "finding_from_dict",
    "load_stored_scan",
    "scan_and_save",
    "stats_from_scan",
]


@dataclass(frozen=True, slots=True)
class Share:
    """A revision's reused share: 总文字复制比 and its 去除模板 variant (from ``ratios``)."""

    revision: str
    share: float
    share_excluding_template: float
    top_sources: tuple[tuple[str, int], ...] = ()  # (revision, reused chars), largest first


@dataclass(frozen=True)
class CorpusScan:
    """One stored reuse run: its findings, shares, and the report of each revision."""

    run_id: int
    ran_at: datetime
    actor: str
    findings: tuple[Finding, ...]
    shares: tuple[Share, ...]
    report_of: dict[str, int]  # revision id (as the matcher names it) -> report id
    ratios: dict[str, ReportRatios] = field(default_factory=dict)  # by revision


def _passage(data: dict[str, Any]) -> Passage:
    """A Passage from its ``Finding.to_dict`` form."""
    return Passage(**{**data, "report": ReportRef(**data["report"])})


def finding_from_dict(data: dict[str, Any]) -> Finding:
    """A Finding from its stored ``to_dict`` form (extra keys such as "run" ignored)."""
    fields = set(Finding.__dataclass_fields__)
    plain = {k: v for k, v in data.items() if k in fields and k not in ("a", "b")}
    return Finding(**plain, a=_passage(data["a"]), b=_passage(data["b"]))


def _reports_of(store: Store, revisions: set[str]) -> dict[str, int]:
    """Revision id -> report id for the given revisions."""
    from reportaudit.store.labels import current_report_ids

    ids = [int(r) for r in revisions if r.isdigit()]
    with store.session() as session:
        placed = current_report_ids(session, ids)
    return {str(rev): report for rev, report in placed.items()}


def load_stored_scan(store: Store) -> CorpusScan | None:
    """The newest full stored run, or None when the store was never scanned."""
    with store.session() as session:
        full = [r for r in runs(session) if not r.incremental]
        if not full:
            return None
        run = full[-1]
        findings = tuple(finding_from_dict(d) for d in list_findings(session, run_id=run.id))
    scanned = [str(r) for r in run.revisions]
    spans = spans_from_findings(findings)
    labels = labels_of(store, set(scanned) | {sp.other for v in spans.values() for sp in v})
    # the totals only (no sections): the same computation as ``reportaudit reuse``
    ratios = {r.revision: r for r in measure(store, spans, scanned, labels=labels, sections=False)}
    shares = tuple(
        Share(
            rev,
            r.figures.ratio("total"),
            r.figures.ratio("total", "no_template"),
            tuple((s.revision, s.chars) for s in r.sources),
        )
        for rev, r in ratios.items()
    )
    return CorpusScan(
        run.id,
        run.ran_at,
        run.actor,
        findings,
        shares,
        _reports_of(store, set(scanned)),
        ratios,
    )


def scan_and_save(store: Store, *, actor: str) -> CorpusScan:
    """Scan the newest revisions exactly as ``reportaudit scan`` does (fingerprint index,
    stored run, consistency checks), in this thread, and return the stored run."""
    # one process: forking a multi-threaded app (Textual's workers) is not safe
    scan_store(store, actor=actor, workers=1)
    found = load_stored_scan(store)
    assert found is not None
    return found


def stats_from_scan(found: CorpusScan, open_ids: set[str]) -> dict[int, ReuseStats]:
    """Per report: reuse share of its scanned revision and its findings still open."""
    counts: dict[int, list[int]] = {}
    for finding in found.findings:
        for side in {finding.a.revision, finding.b.revision}:
            report = found.report_of.get(side)
            if report is not None:
                total_open = counts.setdefault(report, [0, 0])
                total_open[0] += 1
                total_open[1] += finding.id in open_ids
    stats: dict[int, ReuseStats] = {}
    for share in found.shares:
        report = found.report_of.get(share.revision)
        if report is None:
            continue
        total, still_open = counts.get(report, [0, 0])
        stats[report] = ReuseStats(
            share=share.share,
            share_excluding_template=share.share_excluding_template,
            findings=total,
            open_findings=still_open,
            sources=tuple(
                (found.report_of[rev], chars)
                for rev, chars in share.top_sources
                if rev in found.report_of
            ),
            ratios=found.ratios.get(share.revision),
        )
    return stats
