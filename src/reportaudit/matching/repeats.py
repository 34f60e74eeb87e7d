"""Repeats inside one segment: the same sentence said again within a paragraph or a cell.

Why a separate pass: candidate generation pairs *different* segments (a passage never spans
two paragraphs, and a segment would otherwise match itself). But a table-form report puts
a whole 存在问题 answer in one cell, and that cell may say the same sentence five times for
five funds with the fund's name and figures changed; a long paragraph may repeat itself
too. Those repeats are found per document, from its own fingerprints, in the worker that
fingerprinted it (no index, no corpus): fingerprints of one segment that share a hash but
lie in different sentences vote for that sentence pair; runs of voted pairs at the same
distance (a repeated block of sentences) are aligned as one window pair with the same
verification as every other candidate (``verify.align``: number-masked folded text, light
edits tolerated, ``min_chars`` and ``similarity_floor``). The two windows never overlap, so
a passage cannot be paired with itself.
"""

from __future__ import annotations

import re

import numpy as np

from reportaudit.matching.align import Pair
from reportaudit.matching.corpus import DocView
from reportaudit.matching.index import DocPrints
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.verify import align

Repeat = tuple[int, int, int, int, int, float, int]
"""(segment, a0, a1, b0, b1, similarity, seeds) in folded coordinates, ``a1 <= b0``."""

_ENDS = re.compile("[。；;！!？?]")
"""Sentence terminators (the fold drops punctuation, so they are read off the original)."""

_RUN_SKIP = 2
"""Voted sentence pairs (i, j) and (i + 2, j + 2) still form one run (an edited sentence
between two repeated ones)."""


def sentence_starts(v: DocView, segments: np.ndarray | None = None) -> np.ndarray:
    """Folded positions where a sentence starts: every segment start, and the position after
    each terminator inside ``segments`` (default: all)."""
    text = v.doc.text
    found: list[int] = []
    segs = range(len(v.seg_starts)) if segments is None else segments.tolist()
    for sg in segs:
        lo = int(v.starts[v.seg_starts[sg]])
        hi = int(v.ends[v.seg_ends[sg] - 1])
        found.extend(m.end() for m in _ENDS.finditer(text, lo, hi))
    after = np.searchsorted(v.starts, np.array(found, dtype=np.int64), side="left")
    return np.unique(np.concatenate([v.seg_starts, after]).astype(np.int64))


def segment_repeats(v: DocView, prints: DocPrints, *, params: ReuseParams) -> list[Repeat]:
    """Verified repeats inside single segments of one folded document."""
    if len(prints.hashes) < 2 or len(v.seg_starts) == 0:
        return []
    # Only hashes whose low 16 bits occur twice can repeat (a cheap count rules out most).
    low = (prints.hashes & np.uint64(0xFFFF)).astype(np.int64)
    maybe = np.flatnonzero(np.bincount(low, minlength=1 << 16)[low] >= 2)
    # Prints come in position order, so a stable sort by hash keeps each hash's places in
    # position order, and the places of one segment next to each other.
    order = maybe[np.argsort(prints.hashes[maybe], kind="stable")]
    h = prints.hashes[order]
    s = prints.seg[order].astype(np.int64)
    q = prints.pos[order].astype(np.int64)
    # most documents never repeat a k-gram inside one segment: stop before reading sentences
    same = (h[1:] == h[:-1]) & (s[1:] == s[:-1]) & (q[1:] - q[:-1] >= params.k)
    if not same.any():
        return []
    at = np.flatnonzero(same)
    # a repeat needs min_seeds repeated fingerprints in its segment
    per_seg = np.bincount(s[at])
    at = at[per_seg[s[at]] >= params.min_seeds]
    if not len(at):
        return []
    starts = sentence_starts(v, np.unique(s[at]))
    ti = np.searchsorted(starts, q[at], side="right") - 1
    tj = np.searchsorted(starts, q[at + 1], side="right") - 1
    differ = ti != tj
    ti, tj, sg = ti[differ], tj[differ], s[at][differ]
    if not len(ti):
        return []
    m = len(starts)
    keys, votes = np.unique((sg * m + ti) * m + tj, return_counts=True)
    keep = votes >= params.min_seeds
    keys, votes = keys[keep], votes[keep]
    if len(keys) == 0:
        return []
    uniq = np.stack([keys // m % m, keys % m, keys // (m * m)], axis=1)
    bounds = np.concatenate([starts, [len(v.text)]])
    seg_end = v.seg_ends
    out: list[Repeat] = []
    paired: set[int] = set()
    # Closest repeats first: a block at distance 2 whose sentences all repeat their
    # neighbours already (five sentences, each like the next) adds nothing.
    for si, sj, sg, r_end_i, n in sorted(_runs(uniq, votes), key=lambda r: (r[1] - r[0], r)):
        span = r_end_i - si
        mine = {*range(si, r_end_i + 1), *range(sj, sj + span + 1)}
        if mine <= paired:
            continue
        a0, a1 = int(bounds[si]), int(min(bounds[r_end_i + 1], seg_end[sg]))
        b0 = int(bounds[sj])
        b1 = int(min(bounds[sj + (r_end_i - si) + 1], seg_end[sg]))
        a1 = min(a1, b0)
        found = align(v.text[a0:a1], v.text[b0:b1], params=params)
        for al in found:
            out.append((sg, a0 + al.a0, a0 + al.a1, b0 + al.b0, b0 + al.b1, al.similarity, n))
        if found:
            paired |= mine
    return sorted(set(out))


def _runs(uniq: np.ndarray, votes: np.ndarray) -> list[tuple[int, int, int, int, int]]:
    """Voted sentence pairs joined into runs: (first i, first j, segment, last i, votes).

    Pairs at the same distance ``j - i`` in one segment whose ``i`` follow each other (up
    to ``_RUN_SKIP`` apart) are one repeated block, as long as the block of ``i`` stays
    before the block of ``j``.
    """
    rows = sorted(
        (int(sg), int(j - i), int(i), int(n))
        for (i, j, sg), n in zip(uniq.tolist(), votes.tolist(), strict=True)
    )
    out: list[tuple[int, int, int, int, int]] = []
    cur: list[int] | None = None  # [segment, distance, first i, last i, votes]
    for sg, d, i, n in rows:
        # joined when the block of i still ends before the block of j starts
        joins = cur is not None and cur[0] == sg and cur[1] == d and i < cur[2] + d
        if cur is not None and joins and i - cur[3] <= _RUN_SKIP:
            cur[3], cur[4] = i, cur[4] + n
            continue
        if cur is not None:
            out.append((cur[2], cur[2] + cur[1], cur[0], cur[3], cur[4]))
        cur = [sg, d, i, i, n]
    if cur is not None:
        out.append((cur[2], cur[2] + cur[1], cur[0], cur[3], cur[4]))
    return out


def repeat_pairs(per_doc: list[list[Repeat]], offset: int = 0) -> list[Pair]:
    """Repeats of documents ``offset, offset + 1, …`` as verified pairs (unit df 1)."""
    return [
        (d + offset, sg, a0, a1, d + offset, sg, b0, b1, sim, n, 1)
        for d, reps in enumerate(per_doc)
        for sg, a0, a1, b0, b1, sim, n in reps
    ]
