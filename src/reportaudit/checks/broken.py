"""Broken documents: Word field errors left in the text, numbering that skips or repeats,
and list markers lost in conversion.

Why: "错误！未定义书签。" is what Word prints for a cross-reference whose target was deleted —
nobody proofread the final text. Numbering "一、二、四、" or "（二）→（四）" shows a section
cut out or pasted in; a circled "①" that came out as "(" shows a conversion nobody checked.
"""

from __future__ import annotations

import re

from reportaudit.checks.layout import toc_sections
from reportaudit.checks.model import CheckFinding, Span, make_finding, quote
from reportaudit.structure.model import Document, Section

KIND = "broken"

_FIELD_ERRORS = re.compile(
    r"错误[！!]\s*(?:未定义书签|未找到引用源|未指定书签|书签自引用无效|超链接引用无效|"
    r"文档中没有指定样式的文字|不能通过编辑域代码创建对象|公式中不能包含|无效的)[^。\n]{0,10}?[。.]?"
    r"|Error!\s*(?:Bookmark not defined|Reference source not found|No text of specified style"
    r"|Hyperlink reference not valid)\.?",
    re.IGNORECASE,
)
_NUMBERED = ("cn", "paren_cn", "arabic", "paren_arabic", "circled")


def _field_errors(doc: Document) -> list[CheckFinding]:
    """Every Word field error message left in the text."""
    if "错误" not in doc.text and "rror" not in doc.text:
        return []  # a C-speed test first: the pattern scan costs more than most checks
    return [
        make_finding(
            doc,
            kind=KIND,
            rule="field_error",
            severity=80,
            explanation=f"Word field error left in the text: “{m.group(0)}”",
            spans=[Span(m.start(), m.end())],
        )
        for m in _FIELD_ERRORS.finditer(doc.text)
    ]


def _in_attachments(doc: Document, sec: Section) -> bool:
    """True for attachment lists and everything under them (附件：1.… numbering is free-form)."""
    cur: Section | None = sec
    while cur is not None:
        if cur.style == "attachment" or cur.canonical == "attachments":
            return True
        cur = doc.sections[cur.parent] if cur.parent is not None else None
    return False


def _heading(doc: Document, sec: Section) -> Span:
    """The span of a section's heading line."""
    return Span(sec.heading_start, max(sec.heading_end, sec.heading_start + 1))


def _label(n: Section) -> str:
    """A heading's marker for explanations (the number as written, stripped)."""
    return n.number.strip() or n.title[:10]


_CN_NUM = "零一二三四五六七八九"


def _cn(n: int) -> str:
    """1..99 as Chinese numerals (十一, 二十三), for looking up a missing marker."""
    if n < 10:
        return _CN_NUM[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_NUM[tens]) + "十" + (_CN_NUM[ones] if ones else "")


def _marker_forms(style: str, value: int) -> tuple[str, ...]:
    """How a marker of ``style`` and ``value`` may be written inline."""
    if style == "cn":
        return (f"{_cn(value)}、",)
    if style == "paren_cn":
        return (f"（{_cn(value)}）", f"({_cn(value)})", f"({_cn(value)}）", f"（{_cn(value)})")
    if style == "arabic":
        return (f"{value}.", f"{value}、", f"{value}．")
    if style == "paren_arabic":
        return (f"（{value}）", f"({value})", f"({value}）", f"（{value})")
    if style == "circled" and 1 <= value <= 20:
        return ("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[value - 1],)
    return ()


def _inline_markers(doc: Document, prev: Section, sec: Section) -> bool:
    """True when every skipped marker is written somewhere between the two headings (run
    into a paragraph by the conversion): the numbering is intact, only a line break is
    missing, so nothing is reported."""
    between = doc.text[prev.heading_end : sec.heading_start]
    assert prev.value is not None and sec.value is not None
    missing = range(prev.value + 1, sec.value)
    return all(any(form in between for form in _marker_forms(sec.style, v)) for v in missing)


_SHORT_LINE = re.compile(r"(?m)^[ \t　]*[A-Za-z\u4e00-\u9fff][^\n，,。；;：:]{1,14}$")


def _restarted(doc: Document, prev: Section, sec: Section) -> bool:
    """True when a short unnumbered line between two headings may head a new list (a
    lettered "B效益指标" the parser did not take for a heading): numbering that goes back
    after it restarts a list, it does not repeat one."""
    return bool(_SHORT_LINE.search(doc.text, prev.heading_end, sec.heading_start))


def _top(doc: Document, sec: Section) -> int:
    """Index of the top-level section that holds ``sec``."""
    cur = sec
    while cur.parent is not None and cur.parent != 0:
        cur = doc.sections[cur.parent]
    return cur.index


def _continues_elsewhere(doc: Document, sec: Section) -> bool:
    """True when an earlier heading of the same style under the same top-level section holds
    the previous value (the list goes on from a level the parser nested differently), so the
    style did not change."""
    top = _top(doc, sec)
    return any(
        s.style == sec.style and s.value == (sec.value or 0) - 1 and _top(doc, s) == top
        for s in doc.sections[1 : sec.index]
    )


def _numbering(doc: Document) -> list[CheckFinding]:
    """Sibling headings of one marker style whose values skip, repeat or go backwards.

    Why per style: a list of （一）（二） may hold a nested list of 1. 2.; both are checked on
    their own. A restart at 1 is not reported (a second list under the same heading).
    """
    out: list[CheckFinding] = []
    by_parent: dict[int | None, list[Section]] = {}
    toc = toc_sections(doc)
    for sec in doc.sections[1:]:
        if sec.index not in toc:  # a table of contents lists an excerpt of the numbering
            by_parent.setdefault(sec.parent, []).append(sec)
    for siblings in by_parent.values():
        last: dict[str, Section] = {}
        previous_numbered: Section | None = None
        between: list[Section] = []
        for sec in siblings:
            if _in_attachments(doc, sec):
                continue
            if sec.style not in _NUMBERED or sec.value is None:
                if sec.style == "plain":
                    between.append(sec)
                continue
            prev = last.get(sec.style)
            v = sec.value
            if prev is None:
                p = previous_numbered
                if (
                    v > 1
                    and p is not None
                    and p.value == v - 1
                    and p.style != sec.style
                    and not _continues_elsewhere(doc, sec)
                ):
                    out.append(
                        make_finding(
                            doc,
                            kind=KIND,
                            rule="numbering_style",
                            severity=35,
                            explanation=(
                                f"numbering changes style mid-list: “{_label(p)}” is followed "
                                f"by “{_label(sec)}”"
                            ),
                            spans=[_heading(doc, sec), _heading(doc, p)],
                            section=sec.index,
                        )
                    )
            elif (
                prev.value is not None
                and v != prev.value + 1
                and v != 1
                and not (v > prev.value + 1 and _inline_markers(doc, prev, sec))
                and not (v <= prev.value and _restarted(doc, prev, sec))
            ):
                if v > prev.value + 1:
                    rule, what = "numbering_skip", "skips"
                    lost = [b for b in between if prev.heading_start < b.heading_start]
                    hint = (
                        f"; the unnumbered heading “{quote(lost[0].title)}” between them may have lost "
                        f"its marker"
                        if lost
                        else ""
                    )
                else:
                    rule, what, hint = "numbering_repeat", "repeats or goes back", ""
                out.append(
                    make_finding(
                        doc,
                        kind=KIND,
                        rule=rule,
                        severity=50,
                        explanation=(
                            f"numbering {what}: “{_label(prev)}” is followed by “{_label(sec)}”{hint}"
                        ),
                        spans=[_heading(doc, sec), _heading(doc, prev)],
                        section=sec.index,
                    )
                )
            last[sec.style] = sec
            previous_numbered = sec
            between = []
    return out


def _lost_markers(doc: Document) -> list[CheckFinding]:
    """Runs of sibling headings whose list marker was lost in conversion, one finding per run
    (why per run: six lost ① ② ③ are one conversion problem, not six)."""
    out = []
    run: list[Section] = []

    def flush() -> None:
        """Report the current run of lost markers as one finding and start a new run."""
        if run:
            labels = "、".join(s.number or "?" for s in run)
            first = doc.text[run[0].heading_start : run[0].heading_start + 1]
            out.append(
                make_finding(
                    doc,
                    kind=KIND,
                    rule="marker_lost",
                    severity=40,
                    explanation=(
                        f"{len(run)} list marker(s) lost in conversion (read as {labels}; "
                        f"the text shows “{first}”)"
                    ),
                    spans=[_heading(doc, s) for s in run],
                    section=run[0].index,
                )
            )
            run.clear()

    for sec in doc.sections[1:]:
        if sec.marker_lost and (not run or run[-1].parent == sec.parent):
            run.append(sec)
        elif sec.marker_lost:
            flush()
            run.append(sec)
        elif run and sec.parent == run[-1].parent:
            flush()
    flush()
    return out


def check_broken(doc: Document) -> list[CheckFinding]:
    """Field errors, numbering problems and lost list markers of one report."""
    return [*_field_errors(doc), *_numbering(doc), *_lost_markers(doc)]
