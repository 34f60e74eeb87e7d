"""Infer a report's unit, year, kind and region from its title block.

The title block ("新区党群工作部 / 2021年度预算执行情况绩效自评报告") names what the report is;
the body mentions many other years (carry-overs, document dates), so the year comes from
the title and falls back to the body only when the title has none. Every value can be
overridden on import; ``Metadata.sources`` says where each value came from so the CLI can
show what was guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportaudit.structure.model import Document

# (canonical kind, pattern over the folded title); first match wins.
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("部门整体支出绩效自评报告", re.compile(r"整体支出.*(自评|评价)")),
    ("项目支出绩效自评报告", re.compile(r"项目支出.*(自评|评价)")),
    ("部门预算执行情况自评报告", re.compile(r"预算执行情况.*自评")),
    ("绩效自评工作总结", re.compile(r"自评.*总结")),
    ("绩效评价报告", re.compile(r"绩效评价报告")),
    ("绩效自评报告", re.compile(r"自评报告")),
)
UNKNOWN_KIND = "绩效自评报告"
UNKNOWN_UNIT = "未知单位"

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
_UNIT_SUFFIX = re.compile(
    r"(局|部|办公室|委员会|委|中心|院|所|厅|站|队|馆|会|办|处|社|公司|政府|学校|中学|小学)$"
)
# Tried in order: a 新区 beats the city inside its name (兰州新区, not 兰州).
_REGIONS = tuple(
    re.compile(rf"^(?:中共)?([\u4e00-\u9fff]{{{lo},{hi}}}?{suffix})")
    for lo, hi, suffix in (
        (1, 8, "新区"),
        (1, 4, "(?:自治州|自治县)"),
        (1, 4, "[省市县旗盟]"),
        (1, 4, "区"),
    )
)
_CJK = "[\u4e00-\u9fff]"


@dataclass(frozen=True)
class Metadata:
    """What a report is: the logical report key (unit, year, kind) plus region."""

    unit: str
    year: int | None
    kind: str
    region: str | None = None
    sources: dict[str, str] = field(default_factory=dict, compare=False)


def _fold(s: str) -> str:
    """Drop whitespace and the particle 的 so title variants compare equal."""
    return re.sub(r"[\s的]", "", s)


def _title_lines(doc: Document) -> list[str]:
    """The title block's lines, without a leading "附件2：" label."""
    lines = [ln.strip() for ln in doc.title.split("\n") if ln.strip()] if doc.title else []
    return [ln for ln in lines if not re.fullmatch(r"附件\s*\d*\s*[:：]?", ln)]


def _unit_from(lines: list[str], doc: Document) -> tuple[str, str]:
    """The unit name and where it was found (title line, title prefix, signature)."""
    for ln in lines:
        if not _YEAR.search(ln) and _UNIT_SUFFIX.search(ln) and len(ln) <= 30:
            return ln, "title"
    for ln in lines:
        m = _YEAR.search(ln)
        if m and m.start() >= 3:
            prefix = ln[: m.start()].strip(" ：:")
            if _UNIT_SUFFIX.search(prefix):
                return prefix, "title"
    tail = [p.text.strip() for p in doc.paragraphs[-4:]]
    for text in reversed(tail):
        if len(text) <= 30 and _UNIT_SUFFIX.search(text) and "。" not in text:
            return text, "signature"
    return UNKNOWN_UNIT, "default"


def _region_from(unit: str, text: str) -> str | None:
    """Region named by the unit, or by a fuller form of the unit's name in the text."""
    if unit.startswith("新区"):
        m = re.search(rf"({_CJK}{{2}}){re.escape(unit)}", text)
        return m.group(1) + "新区" if m else None
    for pattern in _REGIONS:
        m = pattern.match(unit)
        if m:
            return m.group(1)
    return None


def infer(doc: Document) -> Metadata:
    """Infer unit, year, kind and region of a parsed report."""
    lines = _title_lines(doc)
    title = _fold(" ".join(lines))
    sources: dict[str, str] = {}
    year: int | None = None
    m = _YEAR.search(title)
    if m:
        year, sources["year"] = int(m.group(1)), "title"
    else:
        head = doc.text[:600]
        m = re.search(r"((?:19|20)\d{2})\s*年度", head) or _YEAR.search(head)
        if m:
            year, sources["year"] = int(m.group(1)), "body"
    kind = UNKNOWN_KIND
    sources["kind"] = "default"
    haystack = title or _fold(doc.text[:300])
    for name, pattern in KINDS:
        if pattern.search(haystack):
            kind, sources["kind"] = name, "title" if title else "body"
            break
    unit, sources["unit"] = _unit_from(lines, doc)
    region = _region_from(unit, doc.text)
    if region:
        sources["region"] = "text"
    return Metadata(unit=unit, year=year, kind=kind, region=region, sources=sources)
