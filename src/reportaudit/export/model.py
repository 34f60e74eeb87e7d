"""The working paper (审计工作底稿) as frozen values: what every export format renders.

Why a model of its own: the renderers (HTML, xlsx, CSV, JSON) must show the same numbers and
the same findings, and must not touch the store (a renderer that queries could show something
other than what the audit event records). ``reportaudit.services.workpaper`` loads from the
store and builds a ``WorkingPaper``; the renderers only turn it into bytes.

All offsets are character offsets into the text they accompany; ``marks`` are ``(start,
end)`` ranges of that text to highlight (the matched characters, or a check's spans).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from reportaudit.ratios import ReportRatios

SEVERITY_BANDS = (("high", 70), ("medium", 40), ("low", 0))
"""Severity band -> lowest score in it (the TUI colours findings with the same cut-offs)."""


def severity_band(severity: int) -> str:
    """The band of a severity score, so summaries count findings the way the TUI shows them."""
    for name, low in SEVERITY_BANDS:
        if severity >= low:
            return name
    return "low"


@dataclass(frozen=True, slots=True)
class Stamp:
    """Who exported what, from which store, at which state of its audit trail.

    ``digest`` is the sha256 of the exported content without the stamp; it is empty until a
    renderer has produced the content (see ``reportaudit.export.stamp``).
    """

    version: str
    store: str
    time: str
    actor: str
    head_hash: str | None
    scope: str
    digest: str = ""
    checkpoint: dict[str, Any] | None = None
    """A signed checkpoint of the audit chain as exported (``verify --against EXPORT``)."""

    def to_dict(self) -> dict[str, Any]:
        """The machine-readable stamp embedded in every export."""
        out: dict[str, Any] = {
            "tool": "reportaudit",
            "version": self.version,
            "store": self.store,
            "time": self.time,
            "actor": self.actor,
            "head_hash": self.head_hash,
            "scope": self.scope,
            "sha256": self.digest,
        }
        if self.checkpoint is not None:
            out["checkpoint"] = self.checkpoint
        return out


@dataclass(frozen=True, slots=True)
class Signature:
    """One sign-off on a paper or finding: who, when (ISO 8601, UTC), the conclusion."""

    actor: str
    at: str
    conclusion: str | None = None


@dataclass(frozen=True, slots=True)
class PaperHeader:
    """The 底稿 form's header: 被审计单位, 审计事项, 索引号, 编制人/日期, 复核人/日期, 审计结论.

    ``preparer`` / ``reviewer`` are the newest sign-offs at export time (None: unsigned when
    exported — a later sign-off does not change a file already written). 页次 is added by
    each format's page furniture (print CSS, xlsx header/footer, Word footer).
    """

    unit: str
    matter: str
    index: str
    period: str = ""
    preparer: Signature | None = None
    reviewer: Signature | None = None

    @property
    def conclusion(self) -> str | None:
        """审计结论: the reviewer's, else the preparer's (None when neither wrote one)."""
        for sig in (self.reviewer, self.preparer):
            if sig is not None and sig.conclusion:
                return sig.conclusion
        return None


@dataclass(frozen=True, slots=True)
class Side:
    """One passage of a finding: where it is and its text with the marked characters."""

    revision: str
    unit: str
    year: int | None
    kind: str
    filename: str
    section_path: str
    section_type: str
    start: int
    end: int
    text: str
    marks: tuple[tuple[int, int], ...] = ()

    @property
    def label(self) -> str:
        """How a reader names the passage's report: '#8 青川县农业农村局 2023'."""
        return f"#{self.revision} {self.unit} {self.year or ''}".rstrip()


@dataclass(frozen=True, slots=True)
class Review:
    """A finding's review state from the audit trail (open until someone decides)."""

    status: str = "open"
    reviewer: str | None = None
    at: str | None = None
    note: str | None = None
    events: int = 0


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One finding, reuse or check, ready to render.

    ``source`` is "reuse" (two passages, ``b`` set) or "check" (one place, ``b`` None);
    ``kind`` is the finding's kind ("reuse", "stale_year", "arithmetic", ...). ``data`` is the
    finding's JSON exactly as ``findings --json`` / ``check --json`` print it, plus "review".
    """

    number: int
    id: str
    source: str
    kind: str
    rule: str
    relation: str
    template: bool
    severity: int
    similarity: float | None
    chars: int
    explanation: str
    a: Side
    b: Side | None
    review: Review
    data: str = field(default="{}", repr=False)
    index: str = ""
    preparer: Signature | None = None
    reviewer: Signature | None = None

    @property
    def band(self) -> str:
        """The severity band (high/medium/low)."""
        return severity_band(self.severity)

    def json(self) -> dict[str, Any]:
        """A fresh copy of the JSON form (the stored string is the frozen original)."""
        out: dict[str, Any] = json.loads(self.data)
        return out


@dataclass(frozen=True, slots=True)
class SectionShare:
    """How much of one canonical section type's text lies in reused passages."""

    section_type: str
    chars: int
    covered: int
    label: str = ""

    @property
    def title(self) -> str:
        """'偏离原因与改进 (deviation)': the Chinese label readers know, and the type code."""
        if self.label and self.label != self.section_type:
            return f"{self.label} ({self.section_type})"
        return self.section_type

    @property
    def share(self) -> float:
        """covered / chars (0 for an empty section type)."""
        return self.covered / self.chars if self.chars else 0.0


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """One revision's line of the summary: who, which year, how much is reused, what was found.

    ``ratios`` are the 复制比 indices (``reportaudit.ratios``, the figures ``reuse`` prints;
    None when the revision was not in the scan); ``chars`` (总字数), ``share``
    (总文字复制比), ``share_excluding_template`` (its 去除模板 variant), ``sections`` (per
    section type) and ``top_sources`` are read from them, so no format can disagree with
    the CLI or the TUI. Counts are (name, count) pairs in a fixed order so every format
    lists them alike.
    """

    revision: str
    unit: str
    year: int | None
    kind: str
    filename: str
    chars: int
    share: float | None
    share_excluding_template: float | None
    sections: tuple[SectionShare, ...]
    by_severity: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    checks: int
    top_sources: tuple[tuple[str, int], ...]
    indices: tuple[tuple[str, str], ...] = ()
    """(label, shown value) of the 复制比 summary indices (see ``reportaudit.export.indices``)."""
    ratios: ReportRatios | None = None


@dataclass(frozen=True, slots=True)
class TextMark:
    """A numbered mark in a report's full text; ``findings`` are the numbers of the findings
    (``FindingRow.number``) that cover it, whose other passages are its sources."""

    number: int
    start: int
    end: int
    source: str
    findings: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class MarkedText:
    """A report's full text with every reused passage and check span marked and numbered."""

    revision: str
    label: str
    text: str
    marks: tuple[TextMark, ...]


def totals(findings: tuple[FindingRow, ...]) -> str:
    """One line counting the findings by source, severity band and review status, so a
    reader sees the size of the paper before its rows."""
    reuse = [f for f in findings if f.source == "reuse"]
    checks = len(findings) - len(reuse)
    bands = ", ".join(f"{b} {sum(1 for f in reuse if f.band == b)}" for b, _ in SEVERITY_BANDS)
    statuses: dict[str, int] = {}
    for f in findings:
        statuses[f.review.status] = statuses.get(f.review.status, 0) + 1
    review = ", ".join(f"{k} {n}" for k, n in sorted(statuses.items())) or "none"
    return (
        f"{len(findings)} finding(s): {len(reuse)} reuse ({bands}), {checks} check; "
        f"review: {review}"
    )


@dataclass(frozen=True, slots=True)
class WorkingPaper:
    """Everything one export shows: scope, filters, summaries, findings, the marked text of a
    one-report export, and the stamp. Renderers read nothing else."""

    title: str
    scope: str
    filters: tuple[tuple[str, str], ...]
    summaries: tuple[ReportSummary, ...]
    findings: tuple[FindingRow, ...]
    stamp: Stamp
    text: MarkedText | None = None
    run: int | None = None
    header: PaperHeader | None = None
