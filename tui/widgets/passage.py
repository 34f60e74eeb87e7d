"""One side of a finding: the passage in its paragraphs, matched characters highlighted.

Why character-level highlighting: a copied passage is rarely verbatim; showing which
characters the two sides share (and which were changed, e.g. the unit's name or the year)
is what lets an auditor tell a copy from a template in seconds.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from rich.style import Style
from rich.text import Text

from reportaudit.matching.results import Passage
from reportaudit.structure import Document

from ..safe import literal

__all__ = ["STALE_STYLE", "matched_spans", "passage_text"]

CONTEXT_PARAGRAPHS = 1
CONTEXT_BEFORE = 24
"""Characters of context shown before the passage: the passage starts on the first lines of
its side, so both passages are in view at 80×24 without scrolling."""

STALE_STYLE = Style(color="#ffffff", bgcolor="#b3261e", bold=True, underline=True)
"""A year the later passage still names from the earlier report: its own colour, on top of
the shared-text highlight (in both themes)."""


def matched_spans(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of ``a`` and of ``b`` that the two texts share (character alignment)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    left, right = [], []
    for block in matcher.get_matching_blocks():
        if block.size:
            left.append((block.a, block.a + block.size))
            right.append((block.b, block.b + block.size))
    return left, right


def passage_text(
    doc: Document,
    passage: Passage,
    matched: list[tuple[int, int]],
    dark: bool,
    *,
    stale: int | None = None,
) -> Text:
    """The passage with a little context before it and the next paragraph after: context
    dim, the passage bold, shared characters highlighted, and ``stale`` (a year this passage
    still names from an earlier report) in ``STALE_STYLE``. ``matched`` holds spans relative
    to ``passage.start``."""
    paragraphs = doc.paragraphs
    inside = [
        i for i, p in enumerate(paragraphs) if p.end > passage.start and p.start < passage.end
    ]
    if inside:
        last = min(inside[-1] + CONTEXT_PARAGRAPHS, len(paragraphs) - 1)
        start = max(passage.start - CONTEXT_BEFORE, paragraphs[inside[0]].start, 0)
        if inside[0] > 0 and start == paragraphs[inside[0]].start == passage.start:
            start = max(passage.start - CONTEXT_BEFORE, paragraphs[inside[0] - 1].start)
        end = max(paragraphs[last].end, passage.end)
    else:  # a heading passage: show it with a little text around
        start, end = max(passage.start - 80, 0), min(passage.end + 80, len(doc.text))
    text = literal(doc.text[start:end])
    text.stylize(Style(dim=True), 0, passage.start - start)
    text.stylize(Style(dim=True), passage.end - start, end - start)
    text.stylize(Style(bold=True, underline=True), passage.start - start, passage.end - start)
    highlight = Style(bgcolor="#7a5c00" if dark else "#ffe08a", bold=True)
    for s, e in matched:
        text.stylize(highlight, passage.start - start + s, passage.start - start + e)
    if stale is not None:
        body = doc.text[passage.start : passage.end]
        for m in re.finditer(rf"(?<!\d){stale}(?!\d)(?:年度|年)?", body):
            text.stylize(
                STALE_STYLE, passage.start - start + m.start(), passage.start - start + m.end()
            )
    if start > 0 and start < passage.start:
        text = Text("…", style="dim") + text
    return text
