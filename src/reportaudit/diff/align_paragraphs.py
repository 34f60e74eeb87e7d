"""Pair the paragraphs of two paired sections (and, later, leftovers across sections).

Why: an edited paragraph must pair with its old self, so that the character diff shows the
few characters that changed instead of one whole deletion and one whole insertion, and so
that diff-match-patch only ever sees two short, similar strings.

Three stages, cheapest first: identical passages pair by hash (k-th copy with k-th copy);
then passages identical once figures are masked (a year-over-year table whose every amount
changed); then the rest best first on rapidfuzz similarity, with a small pull towards the
same relative position so repeated boiler-plate ("无。") pairs with its neighbour. The last
stage is quadratic, so beyond ``MAX_CELLS`` comparisons it only compares passages near the
same relative position and says so (a note for ``DocumentDiff.degraded``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from reportaudit.diff.chunks import Chunk
from reportaudit.figures import mask_figures

__all__ = ["MAX_CELLS", "PairResult", "pair_chunks", "similarity"]

MAX_CELLS = 1_000_000
"""Largest all-against-all comparison (passages × passages) before banding kicks in."""
BAND = 150
"""Half-width, in passages, of the band compared when the limit is hit."""
CONTAINED = 0.85
"""Score of a passage found whole inside a longer one (below a near-identical pair)."""
MIN_CONTAINED = 10
"""Shortest passage (characters) whose containment counts as evidence."""


@dataclass(frozen=True, slots=True)
class PairResult:
    """Pairs (index into A list, index into B list, similarity) and any limit that was hit."""

    pairs: list[tuple[int, int, float]]
    note: str | None = None


def similarity(a: str, b: str) -> float:
    """Normalised indel similarity of two passages, 0..1, ignoring surrounding space."""
    return float(fuzz.ratio(a.strip(), b.strip())) / 100.0


def _by_key(
    ta: list[str],
    tb: list[str],
    rest_a: list[int],
    rest_b: list[int],
    key: Callable[[str], str],
    min_length: int,
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair passages whose ``key`` is equal, in order; return pairs and what is left."""
    where_b: dict[str, list[int]] = {}
    for j in rest_b:
        where_b.setdefault(key(tb[j]), []).append(j)
    for positions in where_b.values():
        positions.reverse()  # pop() from the end = earliest first
    pairs: list[tuple[int, int]] = []
    left_a: list[int] = []
    for i in rest_a:
        k = key(ta[i])
        waiting = where_b.get(k)
        if waiting and len(ta[i]) >= min_length:
            pairs.append((i, waiting.pop()))
        else:
            left_a.append(i)
    used = {j for _i, j in pairs}
    return pairs, left_a, [j for j in rest_b if j not in used]


def _similarity(sa: list[str], sb: list[str], *, containment: bool) -> np.ndarray:
    """Similarity matrix; with ``containment``, a passage kept whole inside a longer one
    (text appended, a paragraph split) scores up to CONTAINED even when lengths differ."""
    sim = process.cdist(sa, sb, scorer=fuzz.ratio, dtype=np.float64) / 100.0
    if containment:
        lcs = process.cdist(sa, sb, scorer=LCSseq.similarity, dtype=np.float64)
        la = np.array([len(t) for t in sa], dtype=np.float64)[:, None]
        lb = np.array([len(t) for t in sb], dtype=np.float64)[None, :]
        shorter = np.minimum(la, lb)
        kept = np.where(shorter >= MIN_CONTAINED, lcs / np.maximum(shorter, 1.0), 0.0)
        sim = np.maximum(sim, CONTAINED * kept)
    return sim


def _fuzzy(
    ta: list[str],
    tb: list[str],
    rest_a: list[int],
    rest_b: list[int],
    *,
    threshold: float,
    min_length: int,
    position_weight: float,
    containment: bool,
) -> PairResult:
    """Best-first pairs by similarity among the passages left over."""
    na, nb = len(rest_a), len(rest_b)
    sa = [ta[i] for i in rest_a]
    sb = [tb[j] for j in rest_b]
    note = None
    if na * nb <= MAX_CELLS:
        sim = _similarity(sa, sb, containment=containment)
    else:
        sim = np.zeros((na, nb), dtype=np.float64)
        for start in range(0, na, BAND):
            stop = min(na, start + BAND)
            lo = max(0, int(start * nb / na) - BAND)
            hi = min(nb, int(stop * nb / na) + BAND)
            sim[start:stop, lo:hi] = _similarity(sa[start:stop], sb[lo:hi], containment=containment)
        note = (
            f"{na} × {nb} changed passages exceed the {MAX_CELLS:,} comparison limit: "
            f"each was compared only with passages within {BAND} positions of its own, "
            "so far-moved passages may show as removed and added"
        )
    pos_a = np.arange(na, dtype=np.float64)[:, None] / max(na - 1, 1)
    pos_b = np.arange(nb, dtype=np.float64)[None, :] / max(nb - 1, 1)
    ranked = sim - position_weight * np.abs(pos_a - pos_b)
    if min_length:
        ranked[np.array([len(t) < min_length for t in sa]), :] = -1.0
        ranked[:, np.array([len(t) < min_length for t in sb])] = -1.0
    ranked[sim < threshold] = -1.0
    pairs: list[tuple[int, int, float]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    candidates = np.flatnonzero(ranked >= 0)
    order = candidates[np.argsort(-ranked.ravel()[candidates], kind="stable")]
    for idx in order:
        i, j = divmod(int(idx), nb)
        if i in used_a or j in used_b:
            continue
        pairs.append((rest_a[i], rest_b[j], round(float(sim[i, j]), 4)))
        used_a.add(i)
        used_b.add(j)
    return PairResult(pairs, note)


def pair_chunks(
    a_chunks: Sequence[Chunk],
    b_chunks: Sequence[Chunk],
    *,
    threshold: float,
    min_length: int = 0,
    position_weight: float = 0.02,
    containment: bool = True,
) -> PairResult:
    """One-to-one pairs (index into a_chunks, index into b_chunks, similarity).

    ``min_length`` keeps very short passages out (used for moves across sections, where a
    stray "无。" must not count as a moved paragraph). ``containment`` lets a passage pair
    with a much longer one that contains it (off for moves: a sentence quoted elsewhere is
    not a moved paragraph).
    """
    if not a_chunks or not b_chunks:
        return PairResult([])
    ta = [c.text.strip() for c in a_chunks]
    tb = [c.text.strip() for c in b_chunks]
    rest_a, rest_b = list(range(len(ta))), list(range(len(tb)))
    same, rest_a, rest_b = _by_key(ta, tb, rest_a, rest_b, lambda t: t, min_length)
    pairs = [(i, j, 1.0) for i, j in same]
    if rest_a and rest_b:
        masked, rest_a, rest_b = _by_key(ta, tb, rest_a, rest_b, mask_figures, min_length)
        pairs += [(i, j, round(similarity(ta[i], tb[j]), 4)) for i, j in masked]
    if not rest_a or not rest_b:
        return PairResult(pairs)
    fuzzy = _fuzzy(
        ta,
        tb,
        rest_a,
        rest_b,
        threshold=threshold,
        min_length=min_length,
        position_weight=position_weight,
        containment=containment,
    )
    return PairResult(pairs + fuzzy.pairs, fuzzy.note)
