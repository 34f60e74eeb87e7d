"""Physical lines of a report, and the logical lines inside text that lost its line breaks.

PDF text layers, document-sharing sites and copied web pages often run a whole report into
one line ("…自评价报告一、基本情况(一)项目基本概况我校…"), or one line per page with the page
number in front ("2、碑、生平简介…"). A reader still sees the title and the headings there;
so does the parser, through *virtual lines*: spans inside a physical line that start at a
heading marker continuing the outline's numbering (一、 after nothing, 二、 after 一、, (二)
after (一) …). The stored text is never changed: a virtual line is only a (start, end) span,
so every offset still slices the extracted text.

A document counts as flattened only when a long line carries at least two top-level
markers in sequence, or the whole text sits on a handful of very long lines: ordinary
paragraphs with an inline "(1)…(2)…" list are left alone.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from reportaudit.structure.headings import cn_to_int


@dataclass
class Line:
    """One line: its span, stripped text and where the stripped text starts."""

    start: int
    end: int
    text: str  # stripped
    lead: int  # offset of stripped text from ``start``
    cell: bool
    virtual: bool = False  # a span inside a physical line (flattened text)
    row: int = 0  # index of the physical line


_STRIP = " \t\u3000\r"
# Heading markers as they occur inside running text. The arabic form refuses decimals
# ("2.5万元", "35. 3万元") and digits glued to a preceding number.
_RUN_MARKER = re.compile(
    r"(?P<cn>[一二三四五六七八九十]{1,3})[、．]"
    r"|[（(](?P<pcn>[一二三四五六七八九十]{1,3})[）)]、?"
    r"|[（(](?P<par>\d{1,2})[）)]"
    r"|(?<![\d.．%\w])(?P<ar>\d{1,2})(?:、|[.．](?![\d\s]))"
    r"|(?P<circ>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])",
    re.ASCII,
)
_LEVELS = ("cn", "pcn", "ar", "par", "circ")
_PAGE_PREFIX = re.compile(r"^(\d{1,3})、")
# Where a run-on title ends: its kind word, unless the sentence goes on ("报告如下").
_TITLE_END = re.compile(r"(报告|总结|结果)(?!如下|期|书)")
_COVER_LABEL = re.compile(
    r"(项目名称|项目单位|主管部门|单位名称|部门名称|评价机构|评价单位|委托单位|报告日期|评价年度)[:：]"
)
RUN_ON_MIN = 200
"""Lines at least this long decide whether a document is flattened."""
SPLIT_MIN = 40
"""In a flattened document, lines at least this long are split."""


def physical_lines(text: str) -> list[Line]:
    """Split into lines, keeping offsets; tab-indented or tab-separated lines are cells."""
    out: list[Line] = []
    pos = 0
    for row, raw in enumerate(text.split("\n")):
        stripped = raw.strip(_STRIP)
        lead = len(raw) - len(raw.lstrip(" \t\u3000"))
        cell = raw.startswith("\t") or "\t" in stripped
        out.append(Line(pos, pos + len(raw), stripped, lead, cell, False, row))
        pos += len(raw) + 1
    return out


def split_lines(text: str) -> list[Line]:
    """Physical lines, with run-on lines of a flattened document split into virtual ones."""
    lines = physical_lines(text)
    long_lines = [ln for ln in lines if len(ln.text) >= RUN_ON_MIN and not ln.cell]
    if not long_lines or not _flattened(lines, long_lines):
        return lines
    runs = [ln for ln in lines if len(ln.text) >= SPLIT_MIN and not ln.cell]
    pages = _page_prefixed(runs)
    outline = dict.fromkeys(_LEVELS, 0)
    out: list[Line] = []
    for ln in lines:
        if len(ln.text) >= SPLIT_MIN and not ln.cell:
            first = not any(o.text for o in out)
            out.extend(_split_run_on(ln, outline, skip_prefix=ln.start in pages, first=first))
        else:
            out.append(ln)
    return out


def _markers(text: str, last: dict[str, int] | None = None) -> list[tuple[int, str, int]]:
    """(offset, level, value) of the markers in ``text`` that continue an outline.

    ``last`` (the last value seen per level) carries the outline across page lines.
    """
    last = dict.fromkeys(_LEVELS, 0) if last is None else last
    found: list[tuple[int, str, int]] = []
    for m in _RUN_MARKER.finditer(text):
        level = m.lastgroup
        assert level is not None
        raw = m.group(level)
        value = cn_to_int(raw) if level in ("cn", "pcn") else _circled_or_int(raw)
        if value is None or value != last[level] + 1:
            continue
        first_heading = not any(last[upper] for upper in _LEVELS[: _LEVELS.index(level)])
        if level in ("par", "circ") and first_heading:
            continue  # an inline "(1)…(2)…" list before any heading is prose
        last[level] = value
        for lower in _LEVELS[_LEVELS.index(level) + 1 :]:
            last[lower] = 0
        found.append((m.start(), level, value))
    return found


def _circled_or_int(raw: str) -> int:
    """Value of "①" or "12"."""
    if raw in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(raw) + 1
    return int(raw)


def _flattened(lines: list[Line], long_lines: list[Line]) -> bool:
    """Whether the text lost its line breaks (see the module docstring)."""
    for ln in long_lines:
        top = [m for m in _markers(ln.text) if m[1] in ("cn", "pcn")]
        if sum(1 for m in top if m[1] == "cn") >= 2 or len(top) >= 3:
            return True
    filled = [ln for ln in lines if ln.text]
    chars = sum(len(ln.text) for ln in filled)
    return len(filled) <= 6 and sum(len(ln.text) for ln in long_lines) >= 0.8 * chars


def _page_prefixed(long_lines: list[Line]) -> set[int]:
    """Starts of lines that begin with a page number ("1、", "2、", … one per page)."""
    numbered = [(ln, _PAGE_PREFIX.match(ln.text)) for ln in long_lines]
    values = [int(m.group(1)) for _ln, m in numbered if m]
    if len(values) < 2 or values != list(range(values[0], values[0] + len(values))):
        return set()
    return {ln.start for ln, m in numbered if m}


def _split_run_on(
    ln: Line, outline: dict[str, int], *, skip_prefix: bool, first: bool
) -> list[Line]:
    """Virtual lines of one run-on physical line."""
    text = ln.text
    base = ln.start + ln.lead
    offset = 0
    if skip_prefix:
        m = _PAGE_PREFIX.match(text)
        if m:
            offset = m.end()
    cuts = {offset}
    body = text[offset:]
    for pos, _level, _value in _markers(body, outline):
        cuts.add(offset + pos)
    if first:
        head_end = min([c for c in cuts if c > offset] or [len(text)])
        head = text[offset:head_end]
        m = _TITLE_END.search(head[:120])
        if m and m.end() < len(head):
            cuts.add(offset + m.end())
        for c in _COVER_LABEL.finditer(head):
            if c.start() > 0:
                cuts.add(offset + c.start())
    bounds = [*sorted(cuts), len(text)]
    out: list[Line] = []
    for a, b in itertools.pairwise(bounds):
        piece = text[a:b]
        stripped = piece.strip(_STRIP)
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip(_STRIP))
        start = base + a + lead
        out.append(Line(start, start + len(stripped), stripped, 0, False, True, ln.row))
    return out
