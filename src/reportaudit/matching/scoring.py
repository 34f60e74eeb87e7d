"""Ranking a verified pair: relation, template status, severity 0-100 and a one-line why.

Why these rules (from the issue): text copied in the deviation and overall-goal sections
across years or across funds says least about real performance, so it ranks highest;
long passages rank above short ones, rare text above common; template text (found in many
units, computed from the corpus) and citations rank low. Every score comes with a sentence
an auditor can read without opening the report.
"""

from __future__ import annotations

import math
import re

from reportaudit.matching.params import ReuseParams
from reportaudit.matching.results import Passage, ReportRef

SECTION_WEIGHT = {
    "deviation": 1.0,
    "overall_goal": 1.0,
    "indicators": 0.75,
    "result_use": 0.6,
    "projects": 0.6,
    "transfers": 0.6,
    "process": 0.45,
    "accounts": 0.45,
    "other": 0.45,
    "basic_info": 0.35,
    "preamble": 0.3,
    "attachments": 0.2,
}

SECTION_LABEL = {
    "deviation": "deviation reason",
    "overall_goal": "overall-goal text",
    "indicators": "indicator analysis",
    "result_use": "result-use text",
    "projects": "project analysis",
    "transfers": "transfer-payment text",
    "process": "self-evaluation process text",
    "accounts": "accounts text",
    "basic_info": "basic-information text",
    "preamble": "preamble text",
    "attachments": "attachment list",
    "other": "text",
}

RELATION_WEIGHT = {
    "same_unit_across_years": 1.0,
    "within_report_across_funds": 1.0,
    "across_units_same_year": 0.9,
    "across_units_across_years": 0.9,
    "same_unit_same_year": 0.85,
    "within_report": 0.7,
}

_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def relation(a: ReportRef, rev_a: str, b: ReportRef, rev_b: str) -> str:
    """How two revisions relate: within one report, same unit across years, across units."""
    if rev_a == rev_b:
        return "within_report"
    if a.unit == b.unit:
        return "same_unit_same_year" if a.year == b.year else "same_unit_across_years"
    return "across_units_same_year" if a.year == b.year else "across_units_across_years"


def severity(
    a: Passage,
    b: Passage,
    rel: str,
    *,
    units: int,
    template: bool,
    citation_share: float,
    params: ReuseParams,
) -> int:
    """Severity 0-100: section weight x relation weight x (length and rarity terms)."""
    sec = max(SECTION_WEIGHT.get(a.section_type, 0.45), SECTION_WEIGHT.get(b.section_type, 0.45))
    chars = min(a.chars, b.chars)
    length = min(1.0, math.log(chars / params.min_chars + 1.0) / math.log(16.0))
    rarity = 1.0 if units <= 2 else max(0.0, 1.0 - (units - 2) / max(params.template_units, 1))
    score = 100.0 * sec * RELATION_WEIGHT.get(rel, 0.9) * (0.55 + 0.25 * length + 0.2 * rarity)
    if template:
        score *= 0.2
    if citation_share >= 0.5:
        score *= 0.2
    return max(0, min(100, round(score)))


def difference(a: str, b: str, similarity: float) -> str:
    """How two passages differ, in words: identical, except the year/numbers, or N% edited."""
    if a == b:
        return "identical"
    if similarity >= 1.0:  # folded forms are equal
        nums_a = re.findall(r"\d+(?:\.\d+)?", a)
        nums_b = re.findall(r"\d+(?:\.\d+)?", b)
        if nums_a == nums_b:
            return "identical except punctuation/spacing"
        diff = [(x, y) for x, y in zip(nums_a, nums_b, strict=False) if x != y]
        if diff and all(_YEAR.fullmatch(x) and _YEAR.fullmatch(y) for x, y in diff):
            pairs = sorted({f"{x}→{y}" for x, y in diff})
            return f"identical except the year ({', '.join(pairs)})"
        return "identical except numbers"
    return f"near-identical ({round(100 * (1 - similarity))}% edited)"


def _report_label(r: ReportRef) -> str:
    """'2021 report of 某单位' style label."""
    year = f"{r.year} " if r.year is not None else ""
    return f"{year}report of {r.unit}" if r.unit else f"{year}report"


def _last(path: str) -> str:
    """The innermost heading of a display path ('五、… › (1）… › 4.偏离…' -> '4.偏离…')."""
    return path.rsplit(" › ", 1)[-1]


UNITS_SHOWN = 40
"""Unit counts from this on are written "40+": an incremental check counts corpus units only
up to here (see ``store.reuse.unit_frequencies``), and beyond it nothing ranks differently."""


def explain(
    a: Passage, b: Passage, rel: str, similarity: float, *, template: bool, units: int
) -> str:
    """One line: what was copied, from where, and how it differs."""
    what = SECTION_LABEL.get(b.section_type, "text")
    how = difference(a.text, b.text, similarity)
    if rel == "within_report" or rel == "within_report_across_funds":
        where = f"repeated within the report ({_last(a.section_path)} / {_last(b.section_path)})"
    else:
        where = f"in the {_report_label(b.report)}, {how} to the {_report_label(a.report)}"
        how = ""
    line = f"{what} {where}" + (f", {how}" if how else "") + f"; {min(a.chars, b.chars)} chars"
    if not template and units > 2:
        shown = f"{UNITS_SHOWN}+" if units >= UNITS_SHOWN else str(units)
        line += f"; in {shown} units"
    return line


def stale_year(a: Passage, b: Passage) -> int | None:
    """The earlier year still named in the later passage, if ``b`` copies ``a`` across years."""
    ya, yb = a.report.year, b.report.year
    if ya is None or yb is None or ya == yb:
        return None
    old, new = (a, b) if ya < yb else (b, a)
    year = old.report.year
    pat = re.compile(rf"(?<!\d){year}(?!\d)")
    if pat.search(new.text) and pat.search(old.text):
        return year
    return None
