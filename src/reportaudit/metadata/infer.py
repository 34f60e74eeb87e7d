"""Infer a report's unit, year, kind, project and region, each with its source.

The title block decides when it can (it names the report); the cover page, the preamble,
the body and the signature fill in what it leaves out, in that order, each marked with its
source and marked uncertain unless it is the title's or a cover form's own answer. Nothing
is invented: a report that names no unit stays 未知单位 and one that states no year stays
without a year (a template must never get a unit).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from reportaudit.metadata import evidence as ev
from reportaudit.metadata.lexicon import Names, load_names
from reportaudit.metadata.model import UNKNOWN_KIND, UNKNOWN_UNIT, Metadata
from reportaudit.metadata.title import TitleParts, parse_title
from reportaudit.structure.frontmatter import FrontMatter
from reportaudit.structure.frontmatter import scan as scan_front
from reportaudit.structure.headings import match_marker
from reportaudit.structure.lines import Line, split_lines
from reportaudit.structure.model import Document

_CLASS_HINTS = (
    ("department_overall", re.compile(r"部门(?:[(（]单位[)）])?整体支出|单位整体支出")),
    ("budget_execution", re.compile(r"预算执行情况(?:的)?(?:绩效)?自评")),
    ("project", re.compile(r"项目支出绩效|专项资金|转移支付资金")),
)
_NEW_AREA = re.compile(r"([\u4e00-\u9fff]{2})新区")


def infer(doc: Document, *, filename: str | None = None, names: Names | None = None) -> Metadata:
    """Infer what ``doc`` is (see the module docstring)."""
    names = names or load_names()
    lines = split_lines(doc.text)
    front = scan_front(lines, is_heading=lambda t: match_marker(t) is not None)
    titles = [parse_title(front.title_text(lines, g), names) for g in front.title_groups]
    pre_text = ev.preamble_title(doc.text)
    preamble = parse_title(pre_text, names) if pre_text else TitleParts()
    stem = PurePath(filename).stem if filename else ""
    from_name = (
        parse_title(stem, names) if re.search(r"报告|总结|自评|评价", stem) else TitleParts()
    )

    fields: dict[str, object] = {}
    sources: dict[str, str] = {}
    certain: dict[str, bool] = {}
    notes: dict[str, str] = {}

    def put(name: str, cand: ev.Candidate | None, value: object = None) -> None:
        if cand is None:
            return
        fields[name] = cand.value if value is None else value
        sources[name], certain[name] = cand.source, cand.certain
        if cand.note:
            notes[name] = cand.note

    body = _body_text(doc.text, lines, front)
    put("unit", _choose_unit(doc, body, front, titles, preamble, from_name, names))
    if "unit" not in fields:
        fields["unit"] = UNKNOWN_UNIT
        sources["unit"], certain["unit"] = "default", False
        notes["unit"] = "no unit is named"

    year_cand = _choose_year(doc, front, titles, preamble, from_name)
    if year_cand is not None:
        put("year", year_cand, int(year_cand.value))
    else:
        fields["year"] = None
        sources["year"], certain["year"] = "default", False
        notes["year"] = "no evaluated year is stated"

    kind_from = next((t for t in titles if t.kind), None)
    if kind_from is not None and kind_from.kind:
        put("kind", ev.Candidate(kind_from.kind, "title", True))
    elif preamble.kind:
        put("kind", ev.Candidate(preamble.kind, "preamble", False))
    else:
        fields["kind"] = UNKNOWN_KIND
        sources["kind"], certain["kind"] = "default", False

    project = next((t.project for t in titles if t.project), None)
    if project:
        put("project", ev.Candidate(project, "title", True))
    else:
        covered = ev.cover_projects(front, names)
        if covered:
            put("project", ev.Candidate(covered[0], "cover", True))
        else:
            fields["project"] = None
            sources["project"], certain["project"] = "default", True

    unit = str(fields["unit"])
    kind_class = _kind_class(
        str(fields["kind"]),
        has_project=fields.get("project") is not None,
        named_unit=sources["unit"] in ("title", "cover", "option") and certain["unit"],
        from_default=sources["kind"] == "default",
        text=doc.text,
        names=names,
    )
    sources["kind_class"] = sources["kind"]
    certain["kind_class"] = certain["kind"]
    if kind_class != "project" and fields.get("project") is not None:
        # The key carries a project only for project reports: a unit's overall report
        # is one report a year whatever its cover calls it.
        fields["project"] = None
        sources["project"], certain["project"] = "default", True
    region = _region(unit, titles, doc.text, names)
    if region:
        sources["region"], certain["region"] = "title" if titles else "body", False
    return Metadata(
        unit=unit,
        year=fields["year"],  # type: ignore[arg-type]
        kind=str(fields["kind"]),
        region=region,
        kind_class=kind_class,
        project=fields.get("project"),  # type: ignore[arg-type]
        sources=sources,
        certain=certain,
        notes=notes,
    )


def _body_text(text: str, lines: list[Line], front: FrontMatter) -> str:
    """The text with chrome, cover fields and addressee lines blanked (same length), so
    body readings never take a portal's 来源 or an addressee for the writer."""
    drop = sorted(set(front.chrome) | set(front.addressees))
    if not drop:
        return text
    chars = list(text)
    for i in drop:
        ln = lines[i]
        for k in range(ln.start, min(ln.end, len(chars))):
            chars[k] = " "
    return "".join(chars)


def _choose_unit(
    doc: Document,
    body: str,
    front: FrontMatter,
    titles: list[TitleParts],
    preamble: TitleParts,
    from_name: TitleParts,
    names: Names,
) -> ev.Candidate | None:
    """The best unit reading, in the order of the module docstring."""
    for t in titles:
        if t.unit and t.unit_form in ("org", "town"):
            return ev.Candidate(t.unit, "title", True)
    covered = ev.cover_units(front, names)
    if covered:
        return covered[0]
    if preamble.unit and preamble.unit_form in ("org", "town"):
        return ev.Candidate(preamble.unit, "preamble", False, "named in the opening sentence")
    strong = ev.defined_units(body, names, evaluating=True) or ev.stated_units(
        body, names, at_least=2
    )
    if strong:
        return strong[0]
    for t in (*titles, preamble):
        if t.unit and t.unit_form == "region":
            return ev.Candidate(t.unit, "title", False, "the title names a region, not a unit")
    weak = (
        ev.stated_units(body, names)
        or ev.defined_units(body, names, evaluating=False)
        or ev.subject_units(body, names)
    )
    if weak:
        return weak[0]
    sig = ev.signature_unit([p.text for p in doc.paragraphs], names)
    if sig is not None:
        return sig
    if from_name.unit and from_name.unit_form in ("org", "town"):
        return ev.Candidate(from_name.unit, "filename", False, "read from the file name")
    return None


def _choose_year(
    doc: Document,
    front: FrontMatter,
    titles: list[TitleParts],
    preamble: TitleParts,
    from_name: TitleParts,
) -> ev.Candidate | None:
    """The evaluated year: title, cover field, opening sentence, body, file name."""
    for t in titles:
        if t.year is not None:
            note = f"a range {t.year_alt}–{t.year}: its last year" if t.year_alt else ""
            return ev.Candidate(str(t.year), "title", True, note)
    covered = ev.cover_years(front)
    if covered:
        return covered[0]
    if preamble.year is not None:
        return ev.Candidate(str(preamble.year), "preamble", False, "named in the opening sentence")
    found = ev.body_year(doc.text)
    if found is not None:
        return found
    if from_name.year is not None:
        return ev.Candidate(str(from_name.year), "filename", False, "read from the file name")
    return None


def classify_kind(
    kind: str, *, has_project: bool = False, named_unit: bool = True, names: Names | None = None
) -> str:
    """The class of a kind phrase (an override's too) by the rules of names.toml."""
    names = names or load_names()
    for rule in names.class_rules:
        if rule.holds(kind, has_project=has_project, named_unit=named_unit):
            return rule.kind_class
    return "other"


def _kind_class(
    kind: str, *, has_project: bool, named_unit: bool, from_default: bool, text: str, names: Names
) -> str:
    """The class of the kind read from the document (or of its text, when no kind is)."""
    if from_default:
        head = text[:1500]
        for cls, pattern in _CLASS_HINTS:
            if pattern.search(head):
                return cls
        return "department_overall" if named_unit else "other"
    for rule in names.class_rules:
        if rule.holds(kind, has_project=has_project, named_unit=named_unit):
            return rule.kind_class
    return "other"


def _region(unit: str, titles: list[TitleParts], text: str, names: Names) -> str | None:
    """The region a report belongs to: the unit's own prefix, the title's, or a 新区 the
    text places the unit in (新区党群工作部 → 兰州新区)."""
    if unit.startswith("新区"):
        m = re.search(rf"([\u4e00-\u9fff]{{2}}){re.escape(unit)}", text)
        if m:
            return m.group(1) + "新区"
        area = _NEW_AREA.search(text[:3000])
        return area.group(0) if area else None
    region = names.region_prefix(unit) if unit != UNKNOWN_UNIT else None
    if region:
        return region
    for t in titles:
        if t.region:
            return t.region
    return None
