"""Read a title the way a person does: [关于] unit, year, project, kind — in any order.

The genre's titles combine the same parts in a handful of orders:
``红河州数据发展中心 2024年度 项目支出绩效单位自评报告`` (unit, year, kind),
``2022年度 株洲市荷塘区妇女联合会 部门(单位)整体支出绩效自评报告`` (year first),
``保山市文化和旅游局 关于 2021年度 中央支持地方公共文化项目资金 绩效自评报告`` (关于, a fund),
``云南省 2022年度 中央自然灾害资金 绩效自评报告`` (a region, no unit),
``泸西县财政局 部门整体支出绩效自评报告`` (no year),
``关于2015—2018年度津市市学前教育专项资金的绩效评价报告`` (a range).
The kind phrase is read backwards from its last word (报告, 总结, 结果) over the genre's
kind words; the year is the evaluated year (a range gives its end); what is left before the
year is the unit (or a region standing for it), what is left between year and kind is the
project or fund — or, year first, the unit followed by the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportaudit.metadata.lexicon import Names

_KIND_END = re.compile(r"(报告书|报告|总结|结果|汇报)")
_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—\-–~～至到]+\s*((?:19|20)\d{2})\s*年度?")
_BRACKET_YEAR = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*年度?\s*[)）]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(年度|年)(?!\s*\d{1,2}\s*月)")
_BARE_YEAR = re.compile(r"(?<=[\u4e00-\u9fff])((?:19|20)\d{2})(?=[\u4e00-\u9fff])")
_LEAD = re.compile(r"^(?:关于|关於)(?:上报|报送|印发)?")
_TRAIL_BRACKET = re.compile(r"[（(]([^（()）]{2,60})[)）]?$")
_YEAR_ONLY_BRACKET = re.compile(r"^[（(]\s*((?:19|20)\d{2})?\s*年度?\s*[)）]$")


@dataclass(frozen=True)
class TitleParts:
    """What a title says. ``unit_form`` is "org" (an organisation), "town", "region" (a
    region standing for the owner) or None."""

    unit: str | None = None
    unit_form: str | None = None
    year: int | None = None
    year_alt: int | None = None
    kind: str | None = None
    project: str | None = None
    region: str | None = None


def _squash(text: str) -> str:
    """Title text as compared: no whitespace."""
    return re.sub(r"\s+", "", text)


def _kind_span(text: str, names: Names) -> tuple[int, int] | None:
    """(start, end) of the kind phrase: the last 报告/总结/结果 and the kind words before it."""
    ends = list(_KIND_END.finditer(text))
    if not ends:
        return None
    end = ends[-1].end()
    start = end
    while start > 0:
        for token in names.tokens_by_length:
            if text.endswith(token, 0, start):
                start -= len(token)
                break
        else:
            break
    # Leading words that belong to the year or the unit, not the kind.
    while start < end and text[start] in "的":
        start += 1
    if text.startswith("年度", start):
        start += 2
    return start, end


def _find_year(text: str, limit: int) -> tuple[int, int, int, int | None] | None:
    """(start, end, year, other end of a range) of the evaluated year before ``limit``."""
    head = text[:limit]
    m = _RANGE.search(head)
    if m:
        return m.start(), m.end(), int(m.group(2)), int(m.group(1))
    m = _BRACKET_YEAR.search(head)
    first = _YEAR.search(head)
    if m and (first is None or m.start() <= first.start()):
        return m.start(), m.end(), int(m.group(1)), None
    if first:
        return first.start(), first.end(), int(first.group(1)), None
    m = _BARE_YEAR.search(head)
    if m:
        return m.start(), m.end(), int(m.group(1)), None
    return None


def split_unit(segment: str, names: Names) -> tuple[str | None, str | None, str | None]:
    """(unit, unit_form, rest) of "unit + project": the longest organisation prefix, or a
    region standing in for it."""
    seg = segment.strip("的 ")
    if not seg:
        return None, None, None
    for cut in range(len(seg), 1, -1):
        head = seg[:cut]
        if names.is_unit(head) and _plausible_prefix(head, names) and not names.mid_word(seg, cut):
            rest = seg[cut:].strip("的 ") or None
            form = "town" if head.endswith(names.town_suffixes) else "org"
            return head, form, rest
    region = names.region_prefix(seg)
    if region:
        rest = seg[len(region) if not seg.startswith("中共") else len(region) + 2 :]
        return region, "region", rest.strip("的 ") or None
    return None, None, seg


def _plausible_prefix(head: str, names: Names) -> bool:
    """An organisation name at the start of a title: a region in front, or a name of its
    own (新区党群工作部, 博物馆 is too short to trust alone)."""
    if names.region_prefix(head) and names.region_prefix(head) != head:
        return True
    return len(head) >= (3 if head.endswith(names.town_suffixes) else 4)


def _units_before(pre: str, names: Names) -> tuple[str | None, str | None, str | None]:
    """Unit-first titles: what stands before the year (one or more units, or a fund)."""
    pre = _LEAD.sub("", pre.strip())
    pre = re.sub(r"(?:关于|关於)$", "", pre.strip()).strip()
    pre = pre.rstrip("（( ").strip()
    if not pre:
        return None, None, None
    for word in pre.split():
        word = _LEAD.sub("", word)
        if names.is_unit(word):
            form = "town" if word.endswith(names.town_suffixes) else "org"
            return word, form, None
    squashed = _squash(pre)
    if names.is_unit(squashed):
        form = "town" if squashed.endswith(names.town_suffixes) else "org"
        return squashed, form, None
    return split_unit(squashed, names)


def parse_title(text: str, names: Names) -> TitleParts:
    """Read one title (its lines joined with newlines)."""
    lines: list[str] = []
    bracket_year: int | None = None
    bracket_project: str | None = None
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or (lines and lines[-1] == line):
            continue
        yo = _YEAR_ONLY_BRACKET.match(_squash(line))
        if yo:
            bracket_year = int(yo.group(1)) if yo.group(1) else bracket_year
            continue
        if lines and re.match(r"^[（(].*[)）]$", line):
            bracket_project = line.strip("（）() ")
            continue
        lines.append(line)
    spaced = " ".join(lines)
    title = _squash(spaced)
    title = _LEAD.sub("", title)
    parts: dict[str, object] = {}
    trail = _TRAIL_BRACKET.search(title)
    if trail and _KIND_END.search(title[: trail.start()]):
        bracket_project = bracket_project or trail.group(1).strip()
        title = title[: trail.start()]
    span = _kind_span(title, names)
    if span is not None:
        parts["kind"] = title[span[0] : span[1]]
        before = title[: span[0]]
        after_kind = title[span[1] :].strip("（）() ")
        if after_kind and not bracket_project and not _KIND_END.search(after_kind):
            bracket_project = after_kind
    else:
        before = title
    found = _find_year(before, len(before))
    project: str | None = None
    if found is not None:
        ys, ye, year, alt = found
        parts["year"], parts["year_alt"] = year, alt
        pre_spaced = _prefix_with_spaces(spaced, before[:ys])
        unit, form, fund = _units_before(pre_spaced, names)
        post = before[ye:].strip("的）) ")
        if unit is None and fund is None:
            unit, form, project = split_unit(post, names)
        else:
            project = fund
            if post:
                project = (project + post) if project else post
    else:
        unit, form, project = split_unit(before, names)
    if bracket_year is not None and "year" not in parts:
        parts["year"] = bracket_year
    if unit is not None and names.is_placeholder(unit):
        unit, form = None, None
    region = names.region_prefix(unit) if unit else None
    if region is None and project:
        region = names.region_prefix(project)
    project = project or bracket_project
    if project is not None and (names.is_placeholder(project) or len(project) < 2):
        project = None
    return TitleParts(
        unit=unit,
        unit_form=form,
        year=parts.get("year"),  # type: ignore[arg-type]
        year_alt=parts.get("year_alt"),  # type: ignore[arg-type]
        kind=parts.get("kind"),  # type: ignore[arg-type]
        project=project,
        region=region if form != "region" else unit,
    )


def _prefix_with_spaces(spaced: str, squashed_prefix: str) -> str:
    """The part of the spaced title that squashes to ``squashed_prefix`` (spaces kept, so
    two units side by side stay apart)."""
    if not squashed_prefix:
        return ""
    out, n = [], 0
    for ch in _LEAD.sub("", spaced.strip()):
        if n >= len(squashed_prefix):
            break
        out.append(ch)
        if not ch.isspace():
            n += 1
    return "".join(out)
