"""In-report check findings as rows of the findings table (F2), reviewed with the same keys.

Why: an auditor works one queue; arithmetic slips, stale years and foreign names are decided
like copies (c / t / x / n / C). Each stored check finding becomes a ``Finding`` whose two
passages are the same statement at fault, kind the check's kind, relation "within_report";
its decision is recorded with the facts ``reportaudit review`` records for a check finding
(kind, rule, revision, spans: see ``services.review.find_finding``), so the audit events are
the same whichever tool took the decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportaudit.matching.results import Finding, Passage, ReportRef
from reportaudit.services.checks import stored_results
from reportaudit.store import Store

__all__ = ["CheckQueue", "load_check_queue"]


@dataclass(frozen=True)
class CheckQueue:
    """Check findings as table rows, and what a review of each records."""

    findings: tuple[Finding, ...]
    targets: dict[str, dict[str, Any]]  # finding id -> the facts a review event carries


def load_check_queue(store: Store) -> CheckQueue:
    """The stored check findings of the newest revision of every report."""
    rows: list[Finding] = []
    targets: dict[str, dict[str, Any]] = {}
    for c in stored_results(store, None):
        report = ReportRef(unit=c.report.unit, year=c.report.year, kind=c.report.kind)
        for f in c.findings:
            anchor = f.anchor or f.spans[0]
            passage = Passage(
                revision=str(c.revision.id),
                report=report,
                filename=c.revision.filename,
                start=anchor.start,
                end=anchor.end,
                text=c.doc.text[anchor.start : anchor.end],
                chars=anchor.end - anchor.start,
                section_path=f.section_path,
                section_type=f.section_type,
            )
            rows.append(
                Finding(
                    id=f.id,
                    family=f.id,
                    kind=f.kind,
                    relation="within_report",
                    template=False,
                    similarity=1.0,
                    chars=passage.chars,
                    severity=f.severity,
                    explanation=f.explanation,
                    a=passage,
                    b=passage,
                    unit_df=1,
                )
            )
            targets[f.id] = {
                "id": f.id,
                "kind": f.kind,
                "rule": f.rule,
                "revision": c.revision.id,
                "spans": [{"start": s.start, "end": s.end} for s in f.spans],
            }
    return CheckQueue(tuple(rows), targets)
