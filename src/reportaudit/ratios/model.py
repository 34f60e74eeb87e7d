"""Frozen records of the 复制比 indices: the reused spans that feed them and the results.

Why frozen dataclasses: the CLI (``reuse``), the TUI (corpus cells and the report panel)
and the exports render the same ``ReportRatios`` and never recompute or adjust it, so no
two places can disagree. Counts are integers of characters (see ``chars``); every ratio is
a property dividing by the same 总字数, so 去除X ≤ base holds by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCOPES = ("total", "cross", "within")
"""总文字复制比 and its two parts: from other reports, repeated within the report."""
VARIANTS = ("all", "no_citations", "no_template", "no_citations_no_template")
"""Each scope as is, 去除引用, 去除模板, and both removed."""


@dataclass(frozen=True, slots=True)
class ReusedSpan:
    """One finding's passage as it lies in the report measured: ``[start, end)`` of its
    extracted text, the revision on the other side, and whether the finding is template.

    ``other == revision`` for a repeat within the report; only the later occurrence of such
    a pair is a ReusedSpan (the first one is the original).
    """

    revision: str
    start: int
    end: int
    other: str
    template: bool = False

    @property
    def within(self) -> bool:
        """A repeat inside the same report."""
        return self.other == self.revision


@dataclass(frozen=True, slots=True)
class Counts:
    """Characters covered in one scope, as is and with citations / template removed."""

    all: int = 0
    no_citations: int = 0
    no_template: int = 0
    no_citations_no_template: int = 0

    def get(self, variant: str) -> int:
        """The count of one of ``VARIANTS``."""
        return int(getattr(self, variant))


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Total, cross-report and within-report counts over ``chars`` characters."""

    chars: int
    total: Counts = field(default_factory=Counts)
    cross: Counts = field(default_factory=Counts)
    within: Counts = field(default_factory=Counts)

    def count(self, scope: str, variant: str = "all") -> int:
        """Covered characters of ``scope`` (one of ``SCOPES``) in ``variant``."""
        counts: Counts = getattr(self, scope)
        return counts.get(variant)

    def ratio(self, scope: str, variant: str = "all") -> float:
        """covered / 总字数 (0 for an empty text)."""
        return self.count(scope, variant) / self.chars if self.chars else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON form: chars, and per scope its counts and ratios (4 decimals)."""
        out: dict[str, Any] = {"chars": self.chars}
        for scope in SCOPES:
            out[scope] = {
                v: {"chars": self.count(scope, v), "ratio": round(self.ratio(scope, v), 4)}
                for v in VARIANTS
            }
        return out


@dataclass(frozen=True, slots=True)
class SourceShare:
    """Characters of the report found in one other revision (all, and without template)."""

    revision: str
    chars: int
    chars_no_template: int
    label: str = ""


@dataclass(frozen=True, slots=True)
class SectionRatios:
    """One section by its actual heading: its whole span (subsections included)."""

    index: int
    depth: int
    heading: str
    path: str
    section_type: str
    figures: Breakdown


@dataclass(frozen=True, slots=True)
class TypeRatios:
    """One canonical section type: the characters whose innermost section has that type."""

    section_type: str
    label: str
    figures: Breakdown


@dataclass(frozen=True, slots=True)
class ReportRatios:
    """The 复制比 indices of one revision.

    ``figures.chars`` is 总字数, ``figures.count("total")`` 重复字数; ``citation_chars`` the
    characters inside citations (《…》, 文号); ``sources`` the other revisions, largest
    first; ``sections`` every section in document order (the root is the text before the
    first heading); ``types`` per section type.
    """

    revision: str
    label: str
    figures: Breakdown
    citation_chars: int
    sources: tuple[SourceShare, ...] = ()
    sections: tuple[SectionRatios, ...] = ()
    types: tuple[TypeRatios, ...] = ()

    @property
    def chars(self) -> int:
        """总字数."""
        return self.figures.chars

    @property
    def reused_chars(self) -> int:
        """重复字数: characters reused from anywhere (union of every finding's passage)."""
        return self.figures.count("total")

    @property
    def max_source(self) -> SourceShare | None:
        """The source of 单篇最大文字复制比 (None when nothing came from another report)."""
        return self.sources[0] if self.sources else None

    @property
    def max_single_ratio(self) -> float:
        """单篇最大文字复制比: the largest share of the text found in one other revision."""
        top = self.max_source
        return top.chars / self.chars if top and self.chars else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``reuse --json`` (stable field names)."""
        top = self.max_source
        return {
            "revision": self.revision,
            "report": self.label,
            **self.figures.to_dict(),
            "reused_chars": self.reused_chars,
            "citation_chars": self.citation_chars,
            "max_single": {
                "ratio": round(self.max_single_ratio, 4),
                "chars": top.chars if top else 0,
                "source": top.revision if top else None,
                "source_report": top.label if top else None,
            },
            "sources": [
                {
                    "revision": s.revision,
                    "report": s.label,
                    "chars": s.chars,
                    "chars_no_template": s.chars_no_template,
                }
                for s in self.sources
            ],
            "sections": [
                {
                    "index": s.index,
                    "depth": s.depth,
                    "heading": s.heading,
                    "path": s.path,
                    "type": s.section_type,
                    **s.figures.to_dict(),
                }
                for s in self.sections
            ],
            "types": [
                {"type": t.section_type, "label": t.label, **t.figures.to_dict()}
                for t in self.types
            ],
        }
