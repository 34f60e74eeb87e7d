"""Marked characters: which parts of a passage to highlight, and text cut at the marks.

Why in the export package: plagiarism-check reports (the 知网/万方 style auditors know) mark
the characters a passage shares with its source, not just the passage; every format renders
the same marks, so they are computed once, as plain ranges, from plain strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

MIN_MARK = 4
"""Shortest common run marked: shorter runs (a shared '202' of two years) are noise."""


def matched_marks(
    a: str, b: str, *, min_run: int = MIN_MARK
) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """The ranges of ``a`` and of ``b`` that the two texts share (runs of ``min_run`` or more
    characters), so a reader sees at once what was copied and what was changed."""
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    keep = [m for m in blocks if m.size >= min(min_run, max(len(a), len(b), 1))]
    return (
        tuple((m.a, m.a + m.size) for m in keep if m.size),
        tuple((m.b, m.b + m.size) for m in keep if m.size),
    )


def merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ranges covering the same characters."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def segments(text: str, marks: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, marked) in order; the pieces concatenate back to ``text``."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in merge((max(0, s), min(len(text), e)) for s, e in marks):
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def covered(text: str, ranges: Iterable[tuple[int, int]]) -> bytearray:
    """A per-character flag (1 = inside some range), to count covered characters."""
    flags = bytearray(len(text))
    for start, end in merge(ranges):
        flags[max(0, start) : min(len(text), end)] = b"\x01" * (min(len(text), end) - max(0, start))
    return flags
