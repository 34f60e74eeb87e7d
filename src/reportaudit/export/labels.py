"""Names of the codes a working paper shows (statuses, bands, kinds, relations, rules,
section types) and the reuse explanation, in the reader's language.

Why here: the store keeps codes ("same_unit_across_years", "deviation") and one English
explanation per finding; a Chinese auditor reads 同单位跨年度 and 偏离原因与改进. The English
names are the gettext msgids, their Chinese is in the message catalog (see
``reportaudit.i18n``), so adding a language touches a data file only. The reuse explanation is
rebuilt from the finding's own fields, so it reads naturally in either language.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from reportaudit.i18n import _, language
from reportaudit.matching.scoring import UNITS_SHOWN

__all__ = [
    "BAND",
    "FILTER",
    "KIND",
    "KIND_CLASS",
    "RELATION",
    "RULE",
    "SECTION_TYPE",
    "STATUS",
    "check_explanation",
    "name",
    "reuse_explanation",
    "section_path",
    "section_type",
]

STATUS = {
    "open": "to review",
    "confirmed": "confirmed copy",
    "template": "acceptable template",
    "dismissed": "dismissed",
}
BAND = {"high": "high", "medium": "medium", "low": "low"}
KIND = {
    "reuse": "reused text",
    "stale_year": "stale year",
    "arithmetic": "arithmetic",
    "score_grade": "score and grade",
    "foreign_name": "another unit's name",
    "placeholder": "placeholder or outline",
    "broken": "broken text",
}
RELATION = {
    "within_report": "within the report",
    "within_report_across_funds": "within the report, across funds",
    "same_unit_across_years": "same unit, across years",
    "across_units_same_year": "across units, same year",
    "across_units_across_years": "across units and years",
}
RULE = {
    "count_listed": "count against the items listed",
    "difference_rate": "difference rate",
    "execution_rate": "execution rate",
    "field_error": "Word field error",
    "filler_only": "section with filler only",
    "grade_band": "grade outside its score band",
    "heading_only": "heading with nothing under it",
    "line_two_amounts": "one line, two amounts",
    "marker_lost": "numbering marker lost",
    "missing_section": "required section missing",
    "numbering_style": "numbering changes style",
    "numbering_skip": "numbering skips",
    "numbering_repeat": "numbering repeats",
    "evaluated_year": "previous year as the year evaluated",
    "spending_year": "previous year as the spending year",
    "cutoff_year": "previous year as the cut-off date",
    "title": "another unit in the title block",
    "signature": "another unit in the signature",
    "subject": "another unit as the subject",
    "repeated_section": "section repeated",
    "score_over_max": "score above its maximum",
    "score_sum": "scores do not add up",
    "share": "share of a total",
    "sum_mismatch": "parts do not add up to the total",
    "template_instruction": "template instruction left in",
}
SECTION_TYPE = {
    "basic_info": "basic information",
    "process": "how the self-evaluation was organised",
    "accounts": "final accounts and spending",
    "overall_goal": "overall performance goal",
    "indicators": "performance indicators",
    "deviation": "deviation reasons and improvements",
    "projects": "project spending",
    "transfers": "transfer payments",
    "result_use": "use and publication of results",
    "other": "other",
    "attachments": "attachments",
    "preamble": "title and preamble",
}
KIND_CLASS = {
    "department_overall": "department overall spending",
    "project": "project spending",
    "budget_execution": "budget execution",
    "other": "other",
}
"""Classes of report kind (``Report.kind_class``)."""
FILTER = {
    "report": "report",
    "unit": "unit",
    "year": "year",
    "status": "status",
    "revision": "revision",
}
"""Filter names of a paper's header line."""
_TABLES = {
    "filter": FILTER,
    "status": STATUS,
    "band": BAND,
    "kind": KIND,
    "relation": RELATION,
    "rule": RULE,
    "section": SECTION_TYPE,
    "kind_class": KIND_CLASS,
}
_YEAR = re.compile(r"(?:19|20)\d\d")


def name(table: str, code: str | None) -> str:
    """The reader's name of ``code`` in ``table`` (the code itself when it has none)."""
    if not code:
        return ""
    english = _TABLES[table].get(code)
    return _(english) if english else code


def filters_text(filters: tuple[tuple[str, str], ...]) -> str:
    """'单位=农业农村，年度=2023' (or 'all' in the reader's language)."""
    shown = [f"{name('filter', k)}={name('status', v) if k == 'status' else v}" for k, v in filters]
    return "，".join(shown) or _("all")


def section_path(path: str) -> str:
    """A stored section path for a reader: the text before the first heading, stored as
    "(preamble)", is named in the reader's language; real headings are shown as written."""
    return _("(preamble)") if path == "(preamble)" else path


def section_type(code: str | None) -> str:
    """The reader's name of a canonical section type."""
    return name("section", code or "other")


def _report(side: dict[str, Any]) -> str:
    """'2022年 某单位的报告' / 'the 2022 report of 某单位'."""
    r = side["report"]
    year = r.get("year")
    if year:
        return _("the {year} report of {unit}").format(year=year, unit=r.get("unit") or "")
    return _("the report of {unit}").format(unit=r.get("unit") or "")


def _difference(a: str, b: str, similarity: float) -> str:
    """How the two passages differ, in words (the matcher's categories)."""
    if a == b:
        return _("identical")
    if similarity >= 1.0:
        na, nb = re.findall(r"\d+(?:\.\d+)?", a), re.findall(r"\d+(?:\.\d+)?", b)
        if na == nb:
            return _("identical except punctuation and spacing")
        diff = [(x, y) for x, y in zip(na, nb, strict=False) if x != y]
        if diff and all(_YEAR.fullmatch(x) and _YEAR.fullmatch(y) for x, y in diff):
            years = "、".join(sorted({f"{x}→{y}" for x, y in diff}))
            return _("identical except the year ({years})").format(years=years)
        return _("identical except figures")
    return _("nearly identical ({n}% edited)").format(n=round(100 * (1 - similarity)))


def reuse_explanation(f: dict[str, Any]) -> str:
    """One line on a reuse finding (its ``findings --json`` form): what was copied, from
    where, how it differs, how long it is, whether it is template text."""
    a, b = f["a"], f["b"]
    what = section_type(b.get("section_type"))
    how = _difference(a.get("text", ""), b.get("text", ""), float(f.get("similarity") or 0))
    chars = min(int(a.get("chars") or len(a.get("text", ""))), int(b.get("chars") or 0) or 10**9)
    if f.get("relation", "").startswith("within_report"):
        line = _("{what} repeated within the report ({a} / {b}), {how}").format(
            what=what,
            a=section_path(str(a.get("section_path", ""))).rsplit(" › ", 1)[-1],
            b=section_path(str(b.get("section_path", ""))).rsplit(" › ", 1)[-1],
            how=how,
        )
    else:
        line = _("{what}: {b} and {a} are {how}").format(
            what=what, b=_report(b), a=_report(a), how=how
        )
    line += _("; {n} characters").format(n=chars)
    if f.get("template"):
        units = int(f.get("unit_df") or 0)
        shown = f"{UNITS_SHOWN}+" if units >= UNITS_SHOWN else str(units)
        line += _("; template text (in {n} units)").format(n=shown)
    if f.get("kind") == "stale_year":
        line += _("; still names an earlier year")
    return line


WORDING = Path(__file__).with_name("check_wording.toml")


@cache
def _wording() -> tuple[dict[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    """(fixed phrases, (pattern, Chinese template) pairs) from ``check_wording.toml``."""
    data = tomllib.loads(WORDING.read_text("utf-8"))
    patterns = tuple((re.compile(p["regex"]), p["zh"]) for p in data.get("pattern", []))
    return dict(data.get("phrases", {})), patterns


def _phrase(phrases: dict[str, str], value: str | None) -> str:
    """A captured group in Chinese: a whole fixed phrase, or its fixed fragments
    (``[fragments]`` of check_wording.toml, e.g. "and below")."""
    if not value:
        return ""
    if value in phrases:
        return phrases[value]
    for english, chinese in _fragments().items():
        value = value.replace(english, chinese)
    return value


@cache
def _fragments() -> dict[str, str]:
    """Fixed words inside captured groups, longest first."""
    data = tomllib.loads(WORDING.read_text("utf-8")).get("fragments", {})
    return dict(sorted(data.items(), key=lambda kv: -len(kv[0])))


def check_explanation(text: str) -> str:
    """A check finding's stored (English) explanation in the reader's language: Chinese
    through the patterns of ``check_wording.toml``, unchanged when none matches."""
    if language() != "zh":
        return text
    phrases, patterns = _wording()
    line = " ".join(text.split())
    for pattern, template in patterns:
        m = pattern.match(line)
        if m:
            groups = {k: _phrase(phrases, v) for k, v in m.groupdict().items()}
            return template.format(**groups)
    return text
