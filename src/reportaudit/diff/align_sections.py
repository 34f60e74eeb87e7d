"""Pair the sections of two revisions, so renumbered, reworded or moved headings still meet.

Why not match by heading path alone: inserting a section renumbers every later one
(三 becomes 四), headings get reworded between years, and sections get reordered. So a pair
is scored on four kinds of evidence — heading path, canonical section type, fuzzy heading
text (with a strong bonus for heading text found exactly once on each side), and content
similarity (clauses kept word for word, figures masked, plus hashed character bigrams) —
and paired greedily best first. A second round rewards children whose parents paired with each other, which keeps
"1.绩效目标" under the right project when several projects share sub-headings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from reportaudit.diff.chunks import section_spans
from reportaudit.diff.overlap import gram, sentence_overlap
from reportaudit.structure.model import Document, Section

__all__ = ["SectionMatch", "align_sections"]

_DIM = 2048
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
W_TITLE, W_CONTENT, W_PATH, W_CANON, W_DEPTH, W_PARENT = 0.30, 0.45, 0.10, 0.10, 0.05, 0.10
W_ANCHOR = 0.30  # identical heading text that occurs once in each revision


@dataclass(frozen=True, slots=True)
class SectionMatch:
    """One pairing decision with the evidence behind it."""

    a_index: int
    b_index: int
    score: float
    reasons: tuple[str, ...]


def _bigram_vectors(doc: Document) -> np.ndarray:
    """L2-normalised hashed bigram counts of each section's subtree text.

    float32 on purpose: half the memory and time of the product (see ``overlap.gram``).
    """
    codes = np.frombuffer(doc.text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    hashed = (codes[:-1] * 1000003 + codes[1:]) % _DIM if len(codes) > 1 else codes[:0]
    spans = section_spans(doc)
    vecs = np.zeros((len(doc.sections), _DIM), dtype=np.float32)
    for s in doc.sections:
        start = spans.get(s.index, (0, 0))[0]
        end = len(doc.text) if s.index == 0 else max(s.end, spans.get(s.index, (0, 0))[1])
        if end - start > 1:
            vecs[s.index] = np.bincount(hashed[start : end - 1], minlength=_DIM)[:_DIM]
    norms = np.linalg.norm(vecs, axis=1)
    norms[norms == 0] = 1.0
    return vecs / norms[:, None]


def _title(doc: Document, i: int) -> str:
    """The heading title without punctuation or spaces, for fuzzy comparison."""
    return _PUNCT.sub("", doc.sections[i].title)


def _same(a: Document, b: Document, key: Callable[[Section], Hashable]) -> np.ndarray:
    """1.0 where section i of A and section j of B share ``key``, else 0.0 (vectorised)."""
    ids: dict[Hashable, int] = {}
    ka = np.array([ids.setdefault(key(s), len(ids)) for s in a.sections])
    kb = np.array([ids.setdefault(key(s), len(ids)) for s in b.sections])
    return (ka[:, None] == kb[None, :]).astype(np.float64)


def _unique_titles(titles_a: list[str], titles_b: list[str]) -> np.ndarray:
    """1.0 where both headings read the same and that text occurs once in each revision.

    Why: like the unique lines anchoring a patience diff, a heading found exactly once on
    each side is the strongest evidence there is; it keeps a section paired with itself
    even when its only paragraph moved elsewhere (content would then point the wrong way).
    """
    count_a: dict[str, int] = {}
    count_b: dict[str, int] = {}
    for t in titles_a:
        count_a[t] = count_a.get(t, 0) + 1
    for t in titles_b:
        count_b[t] = count_b.get(t, 0) + 1
    out = np.zeros((len(titles_a), len(titles_b)), dtype=np.float64)
    where_b = {t: j for j, t in enumerate(titles_b) if count_b[t] == 1}
    for i, t in enumerate(titles_a):
        if len(t) >= 2 and count_a[t] == 1 and t in where_b:
            out[i, where_b[t]] = 1.0
    return out


def _greedy(score: np.ndarray, threshold: float) -> dict[int, int]:
    """Best-first one-to-one assignment above ``threshold``; root always pairs with root."""
    pairs = {0: 0}
    used_b = {0}
    flat = np.argsort(-score, axis=None, kind="stable")
    cols = score.shape[1]
    for idx in flat:
        i, j = divmod(int(idx), cols)
        if score[i, j] < threshold:
            break
        if i in pairs or j in used_b:
            continue
        pairs[i] = j
        used_b.add(j)
    return pairs


def align_sections(a: Document, b: Document, *, threshold: float = 0.5) -> list[SectionMatch]:
    """Pairs of (A section, B section), root included, best evidence first."""
    na, nb = len(a.sections), len(b.sections)
    if na == 0 or nb == 0:
        return []
    titles_a = [_title(a, i) for i in range(na)]
    titles_b = [_title(b, j) for j in range(nb)]
    title = process.cdist(titles_a, titles_b, scorer=fuzz.ratio, dtype=np.float64) / 100.0
    # Two bare markers ("（1）" and "（1）") agree on nothing: neutral, not a perfect match.
    empty_a = np.array([not t for t in titles_a])
    empty_b = np.array([not t for t in titles_b])
    title[np.outer(empty_a, empty_b)] = 0.5
    cosine = gram(_bigram_vectors(a), _bigram_vectors(b))
    content = 0.3 * cosine + 0.7 * sentence_overlap(a, b)
    path = _same(a, b, lambda sec: sec.path)
    canon = _same(a, b, lambda sec: sec.canonical)
    depth = _same(a, b, lambda sec: sec.depth)
    anchor = _unique_titles(titles_a, titles_b)
    pos_a = np.arange(na, dtype=np.float64)[:, None] / max(na - 1, 1)
    pos_b = np.arange(nb, dtype=np.float64)[None, :] / max(nb - 1, 1)
    base = (
        W_TITLE * title
        + W_CONTENT * content
        + W_PATH * path
        + W_CANON * canon
        + W_DEPTH * depth
        + W_ANCHOR * anchor
        - 0.01 * np.abs(pos_a - pos_b)
    )
    base[0, :] = -1.0
    base[:, 0] = -1.0
    first = _greedy(base, threshold)
    # Children of sections that paired with each other get a bonus in the second round.
    target = np.array(
        [first.get(sa.parent, -2) if sa.parent is not None else -2 for sa in a.sections]
    )
    b_parent = np.array([sb.parent if sb.parent is not None else -3 for sb in b.sections])
    parent_bonus = W_PARENT * (target[:, None] == b_parent[None, :]).astype(np.float64)
    final = _greedy(base + parent_bonus, threshold)
    matches: list[SectionMatch] = []
    for i, j in sorted(final.items()):
        reasons: list[str] = []
        if i == 0:
            reasons.append("root")
        else:
            if path[i, j]:
                reasons.append("path")
            if canon[i, j]:
                reasons.append("canonical")
            if anchor[i, j]:
                reasons.append("unique-title")
            elif title[i, j] >= 0.8:
                reasons.append("title")
            if content[i, j] >= 0.5:
                reasons.append("content")
            if parent_bonus[i, j]:
                reasons.append("parent")
        score = 1.0 if i == 0 else float(min(1.0, max(0.0, base[i, j] + parent_bonus[i, j])))
        matches.append(SectionMatch(i, j, round(score, 4), tuple(reasons)))
    return matches
