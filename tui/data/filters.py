"""The findings filter: a line of ``key:value`` words, typed in the findings screen.

Why a tiny language: an auditor narrows thousands of findings by several facets at once
("sev:60 copy status:open unit:林业 year:2023"); one input line does that without a form.

Words: ``sev:N`` (severity at least N), ``rel:TEXT`` (relation contains), ``type:TEXT``
(section type contains), ``template`` / ``copy`` (or ``kind:template|copy``), ``unit:TEXT``,
``year:NNNN``, ``status:open|confirmed|template|dismissed``; other words must occur in a
unit name, a section path or the passages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportaudit.matching.results import Finding

__all__ = ["FindingView", "parse_filter", "sort_key"]


@dataclass(frozen=True, slots=True)
class FindingView:
    """A finding with its review status: what the table shows and filters on."""

    finding: Finding
    status: str

    @property
    def kind(self) -> str:
        """ "template" or "copy" for reuse; the check's kind (arithmetic, …) for a check."""
        if self.finding.kind not in ("reuse", "stale_year"):
            return self.finding.kind
        return "template" if self.finding.template else "copy"

    @property
    def section_type(self) -> str:
        """The section type of the later passage (where the copy sits)."""
        return self.finding.b.section_type


Predicate = Callable[[FindingView], bool]


def _word(key: str, value: str) -> Predicate:
    """The predicate of one ``key:value`` word (unknown keys search the text)."""
    f: Callable[[FindingView], Finding] = lambda v: v.finding  # noqa: E731
    if key == "sev" and value.isdigit():
        return lambda v: f(v).severity >= int(value)
    if key == "rel":
        return lambda v: value in f(v).relation
    if key == "type":
        return lambda v: value in f(v).a.section_type or value in f(v).b.section_type
    if key == "kind":
        return lambda v: v.kind == value
    if key == "unit":
        return lambda v: value in f(v).a.report.unit or value in f(v).b.report.unit
    if key == "year" and value.isdigit():
        return lambda v: int(value) in (f(v).a.report.year, f(v).b.report.year)
    if key == "status":
        return lambda v: v.status.startswith(value)
    return _text(f"{key}:{value}")


def _text(word: str) -> Predicate:
    """A bare word: in a unit, a section path or either passage."""

    def match(v: FindingView) -> bool:
        a, b = v.finding.a, v.finding.b
        return any(
            word in s
            for s in (a.report.unit, b.report.unit, a.section_path, b.section_path, a.text, b.text)
        )

    return match


def parse_filter(line: str) -> Predicate:
    """All words of ``line`` must hold (an empty line keeps everything)."""
    predicates: list[Predicate] = []
    for word in line.split():
        lowered = word.lower()
        if lowered in ("template", "copy"):
            predicates.append(_word("kind", lowered))
        elif ":" in word:
            key, _, value = word.partition(":")
            predicates.append(_word(key.lower(), value))
        else:
            predicates.append(_text(word))
    return lambda v: all(p(v) for p in predicates)


SORTS: dict[str, Callable[[FindingView], Any]] = {
    "severity": lambda v: -v.finding.severity,
    "similarity": lambda v: -v.finding.similarity,
    "length": lambda v: -v.finding.chars,
    "unit": lambda v: (v.finding.b.report.unit, v.finding.a.report.unit),
    "year": lambda v: (v.finding.b.report.year or 0, v.finding.a.report.year or 0),
    "relation": lambda v: v.finding.relation,
    "type": lambda v: v.section_type,
    "status": lambda v: v.status,
}
"""Sort orders the findings table cycles through (first: most severe first)."""


def sort_key(name: str) -> Callable[[FindingView], Any]:
    """The key function of a named sort order."""
    return SORTS[name]
