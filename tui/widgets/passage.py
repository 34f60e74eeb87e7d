"""One side of a finding: the passage in its paragraphs, matched characters highlighted.

Why character-level highlighting: a copied passage is rarely verbatim; showing which
characters the two sides share (and which were changed, e.g. the unit's name or the year)
is what lets an auditor tell a copy from a template in seconds.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from rich.style import Style
from rich.text import Text

from reportaudit.matching.results import Passage
from reportaudit.structure import Document

from ..safe import literal

__all__ = ["matched_spans", "passage_text"]

CONTEXT_PARAGRAPHS = 1


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
    doc: Document, passage: Passage, matched: list[tuple[int, int]], dark: bool
) -> Text:
    """The paragraphs around the passage: context dim, the passage bold, shared characters
    highlighted. ``matched`` holds spans relative to ``passage.start``."""
    paragraphs = doc.paragraphs
    inside = [
        i for i, p in enumerate(paragraphs) if p.end > passage.start and p.start < passage.end
    ]
    if inside:
        first = max(inside[0] - CONTEXT_PARAGRAPHS, 0)
        last = min(inside[-1] + CONTEXT_PARAGRAPHS, len(paragraphs) - 1)
        start, end = (
            min(paragraphs[first].start, passage.start),
            max(paragraphs[last].end, passage.end),
        )
    else:  # a heading passage: show it with a little text around
        start, end = max(passage.start - 80, 0), min(passage.end + 80, len(doc.text))
    text = literal(doc.text[start:end])
    text.stylize(Style(dim=True), 0, passage.start - start)
    text.stylize(Style(dim=True), passage.end - start, end - start)
    text.stylize(Style(bold=True, underline=True), passage.start - start, passage.end - start)
    highlight = Style(bgcolor="#7a5c00" if dark else "#ffe08a", bold=True)
    for s, e in matched:
        text.stylize(highlight, passage.start - start + s, passage.start - start + e)
    return text
