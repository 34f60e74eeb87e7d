"""The working paper as JSON: the findings exactly as ``findings --json`` / ``check --json``
print them (plus their review state), the summaries, and the stamp.

Why the same fields: scripts written against ``findings --json`` must read an export too;
the review state is an added "review" field (fields are added, never renamed).
"""

from __future__ import annotations

from typing import Any

from reportaudit.export.model import ReportSummary, Review, WorkingPaper
from reportaudit.export.stamp import json_digest
from reportaudit.untrusted import json_dumps

__all__ = ["render_json", "review_json", "summary_json"]


def review_json(review: Review) -> dict[str, Any]:
    """A finding's review state as JSON."""
    return {
        "status": review.status,
        "reviewer": review.reviewer,
        "at": review.at,
        "note": review.note,
        "events": review.events,
    }


def summary_json(r: ReportSummary) -> dict[str, Any]:
    """One report's summary as JSON (shares as fractions 0-1; ``ratios`` exactly as one item
    of ``reuse REV --json --sections``)."""
    return {
        "revision": r.revision,
        "report": {"unit": r.unit, "year": r.year, "kind": r.kind},
        "filename": r.filename,
        "chars": r.chars,
        "share": r.share,
        "share_excluding_template": r.share_excluding_template,
        "sections": [
            {"type": s.section_type, "chars": s.chars, "covered": s.covered, "share": s.share}
            for s in r.sections
        ],
        "by_severity": dict(r.by_severity),
        "by_status": dict(r.by_status),
        "check_findings": r.checks,
        "top_sources": [list(t) for t in r.top_sources],
        "ratios": r.ratios.to_dict() if r.ratios is not None else None,
    }


def render_json(paper: WorkingPaper) -> tuple[bytes, str]:
    """(UTF-8 JSON bytes with a "stamp" field, digest of the canonical JSON without it)."""
    doc: dict[str, Any] = {
        "title": paper.title,
        "scope": paper.scope,
        "filters": dict(paper.filters),
        "run": paper.run,
        "summaries": [summary_json(r) for r in paper.summaries],
        "findings": [
            {**f.json(), "number": f.number, "review": review_json(f.review)}
            for f in paper.findings
            if f.source == "reuse"
        ],
        "check_findings": [
            {**f.json(), "number": f.number, "review": review_json(f.review)}
            for f in paper.findings
            if f.source == "check"
        ],
    }
    if paper.text is not None:
        doc["marks"] = [
            {
                "number": m.number,
                "start": m.start,
                "end": m.end,
                "source": m.source,
                "findings": list(m.findings),
            }
            for m in paper.text.marks
        ]
    digest = json_digest(doc)
    doc["stamp"] = {**paper.stamp.to_dict(), "sha256": digest}
    return (json_dumps(doc, indent=2) + "\n").encode(), digest
