"""Empty or placeholder sections: a required section missing or repeated, a section holding
only 无 / 暂无 / 同上 / 略, a heading with nothing under it, or the template's own filling
instructions left in place ("包括本单位自评工作组织管理情况…等情况。").

Why: a report assembled in haste from the template keeps the template's skeleton and
instructions; a copied report repeats or drops sections. The required outline per report
kind is the configurable ``[outline]`` table; "无" where 无 is a normal answer (其他需要说明的
问题) is not a finding.
"""

from __future__ import annotations

import re

from reportaudit.checks.config import CheckConfig
from reportaudit.checks.model import CheckFinding, Span, make_finding, quote
from reportaudit.structure.canonical import load_section_types
from reportaudit.structure.model import Document

KIND = "placeholder"

_FILLER = re.compile(
    r"^(?:无|暂无|同上|略|空|待补充|待填写|待定|见上|如上|[xX×＊*]{2,}|…+|\.{3,})$"
)
_PUNCT = re.compile(r"[\s。.，,；;：:！!、（）()“”\"'—-]+")
# Template instructions: "包括本单位…等情况。", "主要包括…等内容", "（请根据实际情况填写）".
_INSTRUCTION = (
    re.compile(r"^(?:主要)?包括[^。]{2,100}?等(?:情况|内容|方面|工作|信息)[。.]?$"),
    re.compile(
        r"^(?:请|需|应)?(?:简要|重点|具体|详细|如实)(?:说明|阐述|描述|分析|填写|列示|反映)[^。]{2,80}[。.]?$"
    ),
    re.compile(
        r"[（(【\[](?:此处|请|注[:：])[^）)】\]]{0,60}(?:填写|说明|删除|填报|替换)[^）)】\]]{0,20}[）)】\]]"
    ),
)
_TEMPLATE_WORDS = re.compile(r"本单位|本部门|XX|××|＊＊|\*\*")


def _skip(doc: Document, index: int) -> bool:
    """Sections whose emptiness means nothing: the root and attachment lists."""
    sec = doc.sections[index]
    return index == 0 or sec.canonical in ("attachments", "preamble") or sec.style == "attachment"


def _body(doc: Document, index: int) -> str:
    """The section's own body text (not its children's)."""
    return "\n".join(p.text.strip() for p in doc.paragraphs_of(index)).strip()


def _heading_span(doc: Document, index: int) -> Span:
    """The heading line of a section."""
    s = doc.sections[index]
    return Span(s.heading_start, max(s.heading_end, s.heading_start + 1))


def _missing(doc: Document, kind: str, config: CheckConfig) -> list[CheckFinding]:
    """Required sections (per report kind) that no heading provides."""
    types = {s.canonical for s in doc.sections[1:]}
    if len(doc.sections) < 3:
        return []  # a report without a recognisable outline: structure, not content, is the problem
    table = load_section_types()
    end = next((s.heading_start for s in doc.sections[1:]), len(doc.text))
    title = doc.text[:end].rstrip()
    lead = len(title) - len(title.lstrip())
    span = Span(lead, max(lead + 1, len(title)))
    out = []
    for alternatives in config.outline_for(kind):
        if types.intersection(alternatives):
            continue
        names = " / ".join(table.label(a) for a in alternatives)
        out.append(
            make_finding(
                doc,
                kind=KIND,
                rule="missing_section",
                severity=50,
                explanation=f"a {kind} should have a section on {names}; none was found",
                spans=[span],
                section=0,
                discriminator="|".join(alternatives),
            )
        )
    return out


def _norm_title(title: str) -> str:
    """A heading title without punctuation and spaces, for spotting repeats."""
    return _PUNCT.sub("", title)


def _repeated(doc: Document) -> list[CheckFinding]:
    """Sibling sections with the same title (a pasted section or a merge gone wrong)."""
    out = []
    seen: dict[tuple[int | None, str], int] = {}
    for sec in doc.sections[1:]:
        if _skip(doc, sec.index):
            continue
        key = (sec.parent, _norm_title(sec.title))
        if len(key[1]) < 2:
            continue
        if key in seen:
            first = seen[key]
            out.append(
                make_finding(
                    doc,
                    kind=KIND,
                    rule="repeated_section",
                    severity=60,
                    explanation=f"section “{quote(sec.title)}” appears twice at the same level",
                    spans=[_heading_span(doc, sec.index), _heading_span(doc, first)],
                    section=sec.index,
                )
            )
        else:
            seen[key] = sec.index
    return out


def _empty(doc: Document, config: CheckConfig) -> list[CheckFinding]:
    """Sections that hold only a filler word, only their heading, or template instructions."""
    out = []
    for sec in doc.sections[1:]:
        if _skip(doc, sec.index):
            continue
        children = doc.children(sec.index)
        paragraphs = doc.paragraphs_of(sec.index)
        body = _body(doc, sec.index)
        if not children and not paragraphs:
            title = sec.title.strip()
            if sec.marker_lost or len(title) > 30 or title.endswith(("。", "；", ";")):
                continue  # a list item whose text is its heading line
            if sec.depth > 2 and not title:
                continue
            out.append(
                make_finding(
                    doc,
                    kind=KIND,
                    rule="heading_only",
                    severity=55,
                    explanation=f"section “{quote(doc.heading_label(sec.index))}” has a heading and nothing else",
                    spans=[_heading_span(doc, sec.index)],
                    section=sec.index,
                )
            )
            continue
        if paragraphs and not children:
            bare = _PUNCT.sub("", body)
            if _FILLER.match(bare):
                if bare in ("无", "暂无") and sec.canonical in config.none_is_answer:
                    continue
                out.append(
                    make_finding(
                        doc,
                        kind=KIND,
                        rule="filler_only",
                        severity=60,
                        explanation=f"section “{quote(doc.heading_label(sec.index))}” holds only “{quote(body, 12)}”",
                        spans=[Span(paragraphs[0].start, paragraphs[-1].end)],
                        section=sec.index,
                    )
                )
                continue
        for p in paragraphs:
            text = p.text.strip()
            if len(text) > 160:
                continue
            if any(rx.search(text) for rx in _INSTRUCTION) and (
                _TEMPLATE_WORDS.search(text) or _INSTRUCTION[2].search(text)
            ):
                out.append(
                    make_finding(
                        doc,
                        kind=KIND,
                        rule="template_instruction",
                        severity=75,
                        explanation=(
                            f"the template's filling instruction is left in place under "
                            f"“{quote(doc.heading_label(sec.index))}” instead of an answer"
                        ),
                        spans=[Span(p.start, p.end)],
                        section=sec.index,
                    )
                )
    return out


def check_placeholders(doc: Document, *, kind: str, config: CheckConfig) -> list[CheckFinding]:
    """Missing, repeated, empty and template-filled sections of one report."""
    return [*_missing(doc, kind, config), *_repeated(doc), *_empty(doc, config)]
