"""Empty or placeholder sections: a section repeated, a section holding only 同上 / 略 /
待补充 (or 无 where 无 cannot be an answer), a heading with nothing under it, or the template's
own filling instructions left in place ("包括本单位自评工作组织管理情况…等情况。"). Missing
sections are outline.py's.

Why: a report assembled in haste from the template keeps the template's skeleton and
instructions; a copied report repeats sections. What looks empty but is not — entries of a
table of contents, lists of units or cited rules the parser took for headings, the last
line of a cut-off opening, "无" under 其他需要说明的问题 or 存在的问题 — is not a finding.
"""

from __future__ import annotations

import re

from reportaudit.checks.config import CheckConfig
from reportaudit.checks.layout import (
    introduced_as_list,
    is_citation,
    nothing_after,
    own_line,
    self_answered,
    toc_sections,
)
from reportaudit.checks.model import CheckFinding, Span, make_finding, quote
from reportaudit.structure.model import Document

KIND = "placeholder"

_FILLER = re.compile(
    r"^(?:无|暂无|同上|略|空|待补充|待填写|待定|见上|如上|[xX×＊*]{2,}|…+|\.{3,})$"
)
_PUNCT = re.compile(r"[\s。.，,；;：:！!、（）()“”\"'—-]+")
# A character that is neither punctuation (_PUNCT) nor part of any filler (_FILLER): a body
# holding one is not a filler, whatever its length (why: stripping the punctuation of every
# section's whole body to test it was a tenth of the checks' time).
_NOT_FILLER = re.compile(r"[^\s。.，,；;：:！!、（）()“”\"'—\-无暂同上略空待补充填写定见如xX×＊*…]")
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


def _heading_span(doc: Document, index: int) -> Span:
    """The heading line of a section."""
    s = doc.sections[index]
    return Span(s.heading_start, max(s.heading_end, s.heading_start + 1))


def _norm_title(title: str) -> str:
    """A heading title without punctuation and spaces, for spotting repeats."""
    return _PUNCT.sub("", title)


def _repeated(doc: Document, toc: set[int]) -> list[CheckFinding]:
    """Sibling sections with the same title (a pasted section or a merge gone wrong)."""
    out = []
    seen: dict[tuple[int | None, str], int] = {}
    for sec in doc.sections[1:]:
        if _skip(doc, sec.index) or sec.index in toc:
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


def _list_item(doc: Document, index: int, bare: set[int]) -> bool:
    """True when an empty "section" is really an item of a list: the text before it
    introduces a list, it cites a document, it states its own answer, a sibling next to it is
    just as bare (a run of list lines), or nothing follows it (the text ends there)."""
    sec = doc.sections[index]
    title = sec.title.strip()
    if sec.marker_lost or len(title) > 30 or title.endswith(("。", "；", ";")):
        return True
    if (sec.depth > 2 and not title) or is_citation(title) or self_answered(title):
        return True
    if introduced_as_list(doc, sec) or nothing_after(doc, sec) or not own_line(doc, sec):
        return True
    if "|" in title or "｜" in title:
        return True  # a table row ("15.00 | 优 |") read as a decimal heading
    siblings = [s.index for s in doc.sections[1:] if s.parent == sec.parent]
    at = siblings.index(index)
    neighbours = siblings[max(0, at - 1) : at] + siblings[at + 1 : at + 2]
    return any(n in bare for n in neighbours)


def _empty(doc: Document, config: CheckConfig, toc: set[int]) -> list[CheckFinding]:
    """Sections that hold only a filler word, only their heading, or template instructions."""
    out = []
    by_section: dict[int, list] = {}
    for p in doc.paragraphs:
        by_section.setdefault(p.section, []).append(p)
    parents = {s.parent for s in doc.sections[1:]}
    bare = {
        s.index for s in doc.sections[1:] if s.index not in parents and s.index not in by_section
    }
    for sec in doc.sections[1:]:
        if _skip(doc, sec.index) or sec.index in toc:
            continue
        paragraphs = by_section.get(sec.index, [])
        if sec.index in bare:
            if _list_item(doc, sec.index, bare):
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
        body = "\n".join(p.text.strip() for p in paragraphs).strip()
        if paragraphs and sec.index not in parents and not _NOT_FILLER.search(body):
            word = _PUNCT.sub("", body)
            if _FILLER.match(word):
                if word in _NONE and sec.canonical in config.none_is_answer:
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


_NONE = {"无", "暂无", "没有", "无其他需要说明的问题", "无其他需说明的问题", "无相关情况"}


def check_placeholders(doc: Document, *, config: CheckConfig) -> list[CheckFinding]:
    """Repeated, empty and template-filled sections of one report (missing ones: outline.py)."""
    toc = toc_sections(doc)
    return [*_repeated(doc, toc), *_empty(doc, config, toc)]
