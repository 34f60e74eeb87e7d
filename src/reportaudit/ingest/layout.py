"""Visual lines to paragraphs: drop page furniture, rejoin lines the page width wrapped.

Shared by the PDF text layer and OCR, which both see a report as positioned lines on pages:
exported and scanned reports repeat a running header (the unit's name, the report title) and a
page number on every page; left in, they would split paragraphs, show up as "copied" text in
every report of the unit, and pollute diffs. They are recognised by repetition at the top or
bottom of pages (digits ignored) and by the usual page-number shapes ("- 3 -", "第 3 页").
Visual lines wrapped by the page width are rejoined into paragraphs, so a PDF or a scan yields
the same paragraphs as the .docx would. Coordinates may be in any unit (PDF points, pixels) as
long as one document uses one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reportaudit.ingest.markers import has_marker

EDGE_LINES = 2
"""How many lines at the top and at the bottom of a page may be furniture."""

_PAGE_NUMBER = re.compile(
    r"""^\s*(?:
        [-—–－\s]*\d{1,4}[-—–－\s]*                       # 3, - 3 -, —3—
      | 第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?  # 第 3 页, 第3页 共12页
      | \d{1,4}\s*/\s*\d{1,4}                              # 3/12
      | (?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?         # Page 3 of 12
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


def is_page_number(line: str) -> bool:
    """True for a line that is only a page number in one of the usual shapes."""
    return _PAGE_NUMBER.match(line) is not None


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line of a page with its horizontal extent (PDF points)."""

    text: str
    x0: float
    x1: float
    char_width: float
    top: float = 0.0


def _shape(line: Line) -> tuple[str, int]:
    """A line's text with digits and spaces folded, and its height on the page.

    Folding digits lets "第3页" on page 3 match "第4页" on page 4; the height (to 4 points)
    keeps a body line that happens to sit at a page edge from matching a running header.
    """
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)), round(line.top / 4)


def strip_furniture(pages: list[list[Line]]) -> tuple[list[Line], int]:
    """Join pages, dropping repeated edge lines and bare page numbers; count the drops.

    A line near the top or bottom of a page is furniture when its shape recurs in that
    position and height on at least half the pages (and on two or more), or when it is a bare page
    number. Lines in the middle of a page are never dropped.
    """
    trimmed = [[line for line in lines if line.text.strip()] for lines in pages]
    tops: Counter[tuple[str, int]] = Counter()
    bottoms: Counter[tuple[str, int]] = Counter()
    for lines in trimmed:
        tops.update({_shape(x) for x in lines[:EDGE_LINES]})
        bottoms.update({_shape(x) for x in lines[-EDGE_LINES:]})
    threshold = max(2, (len(trimmed) + 1) // 2)
    kept: list[Line] = []
    dropped = 0
    for lines in trimmed:
        n = len(lines)
        for i, line in enumerate(lines):
            at_top, at_bottom = i < EDGE_LINES, i >= n - EDGE_LINES
            shape = _shape(line)
            furniture = (at_top or at_bottom) and (
                is_page_number(line.text)
                or (at_top and tops[shape] >= threshold)
                or (at_bottom and bottoms[shape] >= threshold)
            )
            if furniture:
                dropped += 1
            else:
                kept.append(line)
    return kept, dropped


def reflow(lines: list[Line]) -> list[str]:
    """Rejoin paragraphs that the page width wrapped onto several visual lines.

    A line is a wrapped continuation when the previous line reached the right margin, and the
    line itself is neither indented (Chinese paragraphs open with a two-character indent) nor
    starts with a heading marker. Short lines (headings, last lines) always end a paragraph.
    """
    if not lines:
        return []
    right = max(x.x1 for x in lines)
    left = min(x.x0 for x in lines)
    uses_indent = any(_indented(x, left) for x in lines)
    out: list[str] = []
    prev: Line | None = None
    for line in lines:
        if prev is not None and _continues(prev, line, left, right, uses_indent):
            joiner = " " if _ascii_word_end(out[-1]) and _ascii_word_start(line.text) else ""
            out[-1] = out[-1] + joiner + line.text.strip()
        else:
            out.append(line.text.rstrip())
        prev = line
    return out


def _indented(line: Line, left: float) -> bool:
    """Whether a line starts at least one character right of the text's left edge."""
    return line.x0 > left + max(line.char_width, 1.0)


def _continues(prev: Line, line: Line, left: float, right: float, uses_indent: bool) -> bool:
    """True when ``line`` continues the paragraph ``prev`` wrapped out of.

    Without first-line indentation in the document, a full line ending a sentence is taken
    as the end of its paragraph (otherwise equal-width one-line paragraphs would all merge).
    """
    full = prev.x1 >= right - 1.5 * max(prev.char_width, 1.0)
    if not full or _indented(line, left) or has_marker(line.text):
        return False
    return uses_indent or not prev.text.rstrip().endswith(_SENTENCE_END)


_SENTENCE_END = ("。", "！", "？", "；", "：", ".", "!", "?")


def _ascii_word_end(text: str) -> bool:
    """Whether text ends in an ASCII letter or digit (a space is needed before a word)."""
    return bool(text) and text[-1].isascii() and text[-1].isalnum()


def _ascii_word_start(text: str) -> bool:
    """Whether text starts with an ASCII letter or digit."""
    t = text.lstrip()
    return bool(t) and t[0].isascii() and t[0].isalnum()
