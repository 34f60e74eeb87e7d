"""Frozen result records of reuse detection: Passage, Match, Finding, Family, ReuseSummary.

Why frozen dataclasses: the same results feed the CLI, the TUI, exports and the store,
and none of them may change what the scanner found. Every record carries what an auditor
needs to judge it without re-running anything (spans in the original text, section types,
the parameters that produced it).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from reportaudit.matching.params import ReuseParams


@dataclass(frozen=True, slots=True)
class ReportRef:
    """Which report a revision belongs to: the unit, the budget year and the report kind."""

    unit: str
    year: int | None
    kind: str

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle as a constructor call (see ``Passage.__reduce__``)."""
        return (ReportRef, (self.unit, self.year, self.kind))


@dataclass(frozen=True, slots=True)
class Passage:
    """A span ``[start, end)`` of one revision's original text, with where it sits.

    ``chars`` is the folded length (what similarity and thresholds are measured in);
    ``heading`` is true when the span lies in a heading line rather than a body paragraph.
    """

    revision: str
    report: ReportRef
    filename: str
    start: int
    end: int
    text: str
    chars: int
    section_path: str
    section_type: str
    heading: bool = False
    citation_chars: int = 0

    @property
    def key(self) -> tuple[str, int, int]:
        """The identity of the passage: revision and original span."""
        return (self.revision, self.start, self.end)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle as a constructor call: the slots dataclass default looks the fields up for
        every object, which made unpickling the passages resolved by worker processes a
        tenth of a 1,000-report scan."""
        return (Passage, tuple(getattr(self, n) for n in _PASSAGE_FIELDS))


@dataclass(frozen=True, slots=True)
class Match:
    """A verified pair of passages and the alignment similarity between them (0..1)."""

    a: Passage
    b: Passage
    similarity: float
    seeds: int
    unit_df: int
    relation: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported pair, ranked and explained.

    ``kind`` is "reuse" or "stale_year" (a later report still naming the earlier year).
    ``citation_chars`` counts characters of 《…》 titles / document numbers in ``b``, which
    are excluded from reuse shares. ``template_reason`` says why a template finding is
    template ("standard outline heading …", "in 14 of 40 units"); empty for a copy.
    """

    id: str
    family: str
    kind: str
    relation: str
    template: bool
    similarity: float
    chars: int
    severity: int
    explanation: str
    a: Passage
    b: Passage
    unit_df: int
    citation_chars: int = 0
    template_reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``findings --json``."""
        out = {n: getattr(self, n) for n in _FINDING_FIELDS}
        out["a"], out["b"] = _passage_dict(self.a), _passage_dict(self.b)
        return out


def _names(cls: type) -> tuple[str, ...]:
    """Field names of a dataclass, in order."""
    return tuple(f.name for f in fields(cls))


def _passage_dict(p: Passage) -> dict[str, Any]:
    """A Passage as JSON-ready data (what ``dataclasses.asdict`` gives, without its deep
    copies: saving a 10,000-report scan turns 120,000 findings into JSON)."""
    out = {n: getattr(p, n) for n in _PASSAGE_FIELDS}
    out["report"] = {n: getattr(p.report, n) for n in _REPORT_FIELDS}
    return out


@dataclass(frozen=True, slots=True)
class Family:
    """All occurrences of one repeated passage, with the representative first."""

    id: str
    occurrences: tuple[Passage, ...]
    template: bool
    units: int
    reports: int
    severity: int
    template_reason: str = ""


@dataclass(frozen=True, slots=True)
class ReuseSummary:
    """Per revision, like 复制比: shares of folded characters covered by reused passages.

    ``share`` counts every reused passage, ``share_excluding_template`` leaves template
    text out; both exclude citations. ``top_sources`` lists (revision, covered chars).
    """

    revision: str
    chars: int
    covered: int
    covered_excluding_template: int
    share: float
    share_excluding_template: float
    top_sources: tuple[tuple[str, int], ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Everything one scan produced, with the parameters that produced it."""

    params: ReuseParams
    findings: tuple[Finding, ...]
    families: tuple[Family, ...]
    summaries: tuple[ReuseSummary, ...]
    stats: dict[str, float] = field(default_factory=dict)


_REPORT_FIELDS = _names(ReportRef)
_PASSAGE_FIELDS = _names(Passage)
_FINDING_FIELDS = _names(Finding)
