"""How much of a report's layout a check may trust: tables of contents, lists that the parser
took for headings, and whether the text is complete.

Why: the section tree comes from a parser that sees "目录" entries, lists of units
("(1)田心乡人民政府"), lists of cited rules ("7.《…财务管理制度》") and the last line of a
truncated opening as headings. A heading with nothing under it, numbering that repeats, a
section that is missing — none of these mean anything there, so the checks ask here first.
"""

from __future__ import annotations

import re

from reportaudit.structure.model import Document, Section

_PROSE = re.compile(r"[。！？!?]")
# A cited document as a list item: "《…》" with an optional document number after it.
_CITATION = re.compile(r"^[\s\d.、．)）(（]*《[^》]{2,80}》[^，。；]{0,30}$")
# A heading that carries its own answer: a figure, or "(无)" / "：无" after the topic.
_SELF_ANSWERED = re.compile(
    r"\d+(?:\.\d+)?\s*(?:分|%|％|万元|元)|[（(]\s*无\s*[）)]\s*$|[:：]\s*\S+$"
)
_SIGNATURE_DATE = re.compile(r"^\s*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*$")


def _toc_line_end(text: str) -> int | None:
    """Where the first line reading only "目录" (spaces around allowed) ends, as
    ``re.search(r"(?m)^[ \t　]*目[ \t　]*录[ \t　]*$", text).end()``; None without one.

    Why not that search: a line-anchored pattern without a literal start is tried at every
    character of the report; here only at each 目…录 (none in most reports).
    """
    for m in _TOC_WORD.finditer(text):
        line = text.rfind("\n", 0, m.start()) + 1
        if text[line : m.start()].strip(_TOC_SPACE):
            continue
        end = m.end()
        while end < len(text) and text[end] in _TOC_SPACE:
            end += 1
        if end == len(text) or text[end] == "\n":
            return end
    return None


_TOC_WORD = re.compile(r"目[ \t　]*录")
_TOC_SPACE = " \t　"


def toc_sections(doc: Document) -> set[int]:
    """Indices of sections that are entries of a table of contents ("目录"): the headings
    after a 目录 line up to the first paragraph that reads as prose (it has a sentence end),
    except that paragraph's own section and its ancestors (the first real sections)."""
    out: set[int] = set()
    toc_at = _toc_line_end(doc.text)
    if toc_at is None:
        return out
    first_body = next(
        (p for p in doc.paragraphs if p.start > toc_at and _PROSE.search(p.text)), None
    )
    limit = first_body.start if first_body else len(doc.text)
    keep: set[int] = set()
    cur: int | None = first_body.section if first_body else None
    while cur is not None and cur != 0:
        keep.add(cur)
        cur = doc.sections[cur].parent
    for sec in doc.sections[1:]:
        if toc_at <= sec.heading_start < limit and sec.index not in keep:
            out.add(sec.index)
    return out


def is_citation(title: str) -> bool:
    """True for a list item that only cites a document ("7.《…管理办法》（…〔2019〕5号）")."""
    return bool(_CITATION.match(title))


def self_answered(title: str) -> bool:
    """True for a heading that states its own content ("(一)自评得分99分", "…(无)")."""
    return bool(_SELF_ANSWERED.search(title))


def nothing_after(doc: Document, sec: Section) -> bool:
    """True when no text follows the section's heading at all (the file ends there: a cut-off
    opening or a trailing line, not an empty section)."""
    return not doc.text[sec.heading_end :].strip()


def own_line(doc: Document, sec: Section) -> bool:
    """True when the heading stands on a line of its own (in flattened text the parser cuts
    headings out of one long line, and the title may hold the start of its body)."""
    line_start = doc.text.rfind("\n", 0, sec.heading_start) + 1
    line_end = doc.text.find("\n", sec.heading_end)
    line_end = len(doc.text) if line_end < 0 else line_end
    return (
        not doc.text[line_start : sec.heading_start].strip()
        and not doc.text[sec.heading_end : line_end].strip()
    )


def introduced_as_list(doc: Document, sec: Section) -> bool:
    """True when the text right before the heading introduces a list ("分别是：", "包括：")."""
    before = doc.text[max(0, sec.heading_start - 60) : sec.heading_start].rstrip()
    return before.endswith(("：", ":"))


def empty(doc: Document, sec: Section, paragraphs: dict[int, int], has_children: set[int]) -> bool:
    """True for a section with neither body paragraphs nor children."""
    return not paragraphs.get(sec.index) and sec.index not in has_children


def has_closing(doc: Document) -> bool:
    """True when the report visibly ends (so a missing section is really missing): its last
    section is the closing one (其他需要说明 / 附件 / 结果应用), or it ends with a signature
    line or a date."""
    if len(doc.sections) > 1:
        last_top = max(
            (s for s in doc.sections[1:] if s.parent in (None, 0)), key=lambda s: s.heading_start
        )
        title = doc.text[last_top.heading_start : last_top.heading_end]
        if (
            last_top.canonical == "result_use"
            or last_top.style == "attachment"
            or re.search(r"其[他它]|附件|附表", title)
        ):
            return True
    tail = [ln.strip() for ln in doc.text.rstrip().splitlines()[-3:] if ln.strip()]
    return bool(tail) and bool(_SIGNATURE_DATE.match(tail[-1]))
