"""The first page of a report: title block, cover-page fields and page chrome.

Real files put many things around the title: an 附件4 label, a document number
(临市退军发[2024]6号), the title split over two or three lines, a (2022年度) line, the project
name in brackets, a portal's 发布时间/来源/点击 lines, a CMS box of 索引号/发布机构, a cover
page of label: value fields (单位名称: …, 评价机构: …), an addressee (市财政局:), and
sometimes the title again after a table of contents. The parser needs to know which lines
are the title (so they are not read as headings) and which are chrome; metadata inference
needs the title groups and the cover fields. Both ask this module, so they agree.

The labels are data (``front_matter.toml``), extendable without code.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from reportaudit.errors import ReportAuditError
from reportaudit.structure.lines import Line

ENV_VAR = "REPORTAUDIT_FRONT_MATTER"
FRONT_LINES = 80
"""Only the first lines are looked at: a title block is never further down."""

_BULLET = re.compile(r"^[•·●▪■◆◇○□▶►]+\s*")
_TITLE_WORD = re.compile(r"报告|总结|结果|汇报|自评|评价|考评")
_KIND_END = re.compile(r"(报告|总结|结果|汇报)\s*[)）]?$")
_ATTACHMENT = re.compile(r"^附\s*件\s*\d{0,2}\s*[:：]?$")
_DOCNO = re.compile(
    r"^[\u4e00-\u9fff]{1,12}\s*[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*第?\s*\d{1,4}\s*号$"
)
_DATE_ONLY = re.compile(r"^[\d\s./:：\-年月日]+$")
_ADDRESSEE = re.compile(r"^[\u4e00-\u9fff（）()、，, ]{2,40}[:：]$")
_LABEL = re.compile(r"^(?P<label>[^:：]{2,16}?)\s*[:：]\s*(?P<value>.*)$")
_SENTENCE = re.compile(r"[。；;！？!?]")
_BRACKETED = re.compile(r"^[（(].{2,60}[）)]?$")
_ORG_END = re.compile(r"(局|厅|委员会|办公室|中心|政府|院|馆|所|站|处|部|会|校|学)$")


@dataclass(frozen=True)
class CoverField:
    """A label: value field near the top (单位名称: 岳阳市…) and what the label means."""

    label: str
    role: str  # unit, supervisor, commission, evaluator, year, project, date, other
    value: str
    line: int  # index into the line list


@dataclass(frozen=True)
class FrontMatter:
    """What the first page holds, by line index (into the list given to ``scan``)."""

    title: tuple[int, ...]  # the main title block
    title_groups: tuple[tuple[int, ...], ...]  # every title-like block near the top
    chrome: frozenset[int]
    cover: tuple[CoverField, ...]
    addressees: tuple[int, ...]

    def title_text(self, lines: list[Line], group: tuple[int, ...] | None = None) -> str:
        """The title lines joined with newlines."""
        return "\n".join(
            strip_bullet(lines[i].text) for i in (self.title if group is None else group)
        )


@dataclass(frozen=True)
class FrontRules:
    """The label tables of ``front_matter.toml``."""

    version: str
    chrome_labels: tuple[str, ...]
    chrome_anywhere: tuple[str, ...]
    chrome_lines: frozenset[str]
    cover_labels: Mapping[str, str]


def fold_label(text: str) -> str:
    """A label as compared: NFKC (full-width brackets become ASCII), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def strip_bullet(text: str) -> str:
    """A line without a leading bullet (•, ·, ● …)."""
    return _BULLET.sub("", text)


@lru_cache(maxsize=4)
def _load(path: str | None) -> FrontRules:
    """Read the rules table (the packaged one, or ``path``)."""
    try:
        if path is None:
            raw = (
                resources.files("reportaudit.structure")
                .joinpath("front_matter.toml")
                .read_text(encoding="utf-8")
            )
        else:
            raw = Path(path).read_text(encoding="utf-8")
        data: dict[str, Any] = tomllib.loads(raw)
        return FrontRules(
            version=str(data.get("version", "custom")),
            chrome_labels=tuple(fold_label(x) for x in data["chrome_labels"]),
            chrome_anywhere=tuple(data.get("chrome_anywhere", ())),
            chrome_lines=frozenset(fold_label(x) for x in data.get("chrome_lines", ())),
            cover_labels={fold_label(k): str(v) for k, v in data["cover_labels"].items()},
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError) as exc:
        where = path or "the packaged front_matter.toml"
        raise ReportAuditError(f"{where}: not a valid front-matter table ({exc})") from exc


def load_front_rules() -> FrontRules:
    """The rules in force: ``$REPORTAUDIT_FRONT_MATTER`` or the packaged table."""
    return _load(os.environ.get(ENV_VAR) or None)


def cover_field(text: str, rules: FrontRules) -> tuple[str, str, str] | None:
    """(label, role, value) when ``text`` is a known label: value line."""
    m = _LABEL.match(strip_bullet(text))
    if not m:
        return None
    label = fold_label(m.group("label"))
    role = rules.cover_labels.get(label)
    if role is None:
        return None
    return m.group("label").strip(), role, m.group("value").strip()


def is_chrome(text: str, rules: FrontRules) -> bool:
    """Page chrome: portal metadata, dates alone, cover furniture."""
    folded = fold_label(strip_bullet(text))
    if not folded:
        return False
    if folded in rules.chrome_lines or _DATE_ONLY.match(folded):
        return True
    if any(marker in text for marker in rules.chrome_anywhere):
        return True
    m = _LABEL.match(folded)
    if m and fold_label(m.group("label")) in rules.chrome_labels:
        return True
    return bool(re.match(r"^(?:作者|来源|时间)[:：]", folded)) or (
        "时间:" in folded and len(folded) < 60 and bool(re.search(r"\d{4}-\d{2}", folded))
    )


def _title_like(text: str) -> bool:
    """A line that may belong to a title block."""
    t = strip_bullet(text)
    if not t or len(t) > 90 or _SENTENCE.search(t) or "|" in t or re.search(r"[，,]", t):
        return False
    if re.match(r"^(?:根据|按照|依据|为了?|经|我)", t):
        return False
    if len(re.findall(r"[\u4e00-\u9fff]", t)) < 2:
        return False
    if _TITLE_WORD.search(t):
        return True
    if _BRACKETED.match(t):
        return True
    return len(t) <= 40 and not re.search(r"[，,：:]", t)


def scan(
    lines: list[Line],
    *,
    is_heading: Callable[[str], bool],
    rules: FrontRules | None = None,
) -> FrontMatter:
    """Find title groups, cover fields, chrome and addressees among the first lines.

    ``is_heading(text)`` says whether a line opens a numbered section; the title block ends
    before the first one (a table of contents may list headings before a repeated title,
    so later title groups are still collected).
    """
    rules = rules or load_front_rules()
    chrome: set[int] = set()
    cover: list[CoverField] = []
    addressees: list[int] = []
    groups: list[list[int]] = []
    current: list[int] = []
    seen_text = 0
    pending_label: tuple[str, str, int] | None = None
    for i, ln in enumerate(lines):
        if seen_text >= FRONT_LINES:
            break
        text = ln.text
        if not text:
            continue
        seen_text += 1
        if pending_label is not None:
            label, role, _at = pending_label
            pending_label = None
            if cover_field(text, rules) is None and not is_heading(text) and len(text) <= 40:
                cover.append(CoverField(label, role, strip_bullet(text), i))
                chrome.add(i)
                continue
        field = cover_field(text, rules)
        if field is not None:
            label, role, value = field
            chrome.add(i)
            if value:
                cover.append(CoverField(label, role, value, i))
            else:
                pending_label = (label, role, i)
            _close(groups, current)
            continue
        if is_chrome(text, rules) or _ATTACHMENT.match(text) or _DOCNO.match(text):
            chrome.add(i)
            _close(groups, current)
            continue
        if _ADDRESSEE.match(text) and not _TITLE_WORD.search(text):
            addressees.append(i)
            _close(groups, current)
            continue
        if is_heading(text):
            _close(groups, current)
            if not _toc_ahead(lines, i, is_heading):
                break
            continue
        if current and _has_kind(lines, current) and not _tail_ok(text) and _org_only(text):
            addressees.append(i)  # an organisation alone under the title: the addressee
            _close(groups, current)
            continue
        if _title_like(text) and not (current and _has_kind(lines, current) and not _tail_ok(text)):
            current.append(i)
            continue
        _close(groups, current)
    _close(groups, current)
    kinded = [tuple(g) for g in groups if _has_kind(lines, g)]
    main = kinded[0] if kinded else ()
    return FrontMatter(
        title=main,
        title_groups=tuple(kinded),
        chrome=frozenset(chrome),
        cover=tuple(cover),
        addressees=tuple(addressees),
    )


def _close(groups: list[list[int]], current: list[int]) -> None:
    """End the title group being built."""
    if current:
        groups.append(list(current))
        current.clear()


def _has_kind(lines: list[Line], group: list[int] | tuple[int, ...]) -> bool:
    """Whether a group names a kind of report (…报告, …总结, …结果)."""
    joined = "".join(strip_bullet(lines[i].text) for i in group)
    return bool(re.search(r"(报告|总结|结果|汇报)", joined)) and bool(_TITLE_WORD.search(joined))


def _tail_ok(text: str) -> bool:
    """Lines that may follow the kind line in a title block: a bracketed project name or
    year, or a short project line without an organisation's name."""
    t = strip_bullet(text)
    if _BRACKETED.match(t):
        return True
    return len(t) <= 40 and not _ORG_END.search(t) and not _TITLE_WORD.search(t)


def _org_only(text: str) -> bool:
    """A short line that is only an organisation's name."""
    t = strip_bullet(text)
    return len(t) <= 30 and not re.search(r"[，,：:。\d]", t) and bool(_ORG_END.search(t))


def _toc_ahead(lines: list[Line], i: int, is_heading: Callable[[str], bool]) -> bool:
    """A table of contents: several heading lines in a row with no body between."""
    run = 0
    for ln in lines[i : i + 8]:
        if not ln.text:
            continue
        if is_heading(ln.text) and len(ln.text) <= 40:
            run += 1
        else:
            break
    return run >= 4
