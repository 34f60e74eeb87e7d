"""Pair the paragraphs of two paired sections (and, later, leftovers across sections).

Why: an edited paragraph must pair with its old self, so that the character diff shows the
few characters that changed instead of one whole deletion and one whole insertion, and so
that diff-match-patch only ever sees two short, similar strings. Pairs are chosen best
first on rapidfuzz similarity, with a small pull towards the same relative position so
that repeated boiler-plate ("无。") pairs with its neighbour, not with a far copy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from reportaudit.diff.chunks import Chunk

__all__ = ["pair_chunks", "similarity"]


def similarity(a: str, b: str) -> float:
    """Normalised indel similarity of two passages, 0..1, ignoring surrounding space."""
    return float(fuzz.ratio(a.strip(), b.strip())) / 100.0


def pair_chunks(
    a_chunks: Sequence[Chunk],
    b_chunks: Sequence[Chunk],
    *,
    threshold: float,
    min_length: int = 0,
    position_weight: float = 0.02,
) -> list[tuple[int, int, float]]:
    """One-to-one pairs (index into a_chunks, index into b_chunks, similarity).

    ``min_length`` keeps very short passages out (used for moves across sections, where a
    stray "无。" must not count as a moved paragraph).
    """
    if not a_chunks or not b_chunks:
        return []
    ta = [c.text.strip() for c in a_chunks]
    tb = [c.text.strip() for c in b_chunks]
    sim = process.cdist(ta, tb, scorer=fuzz.ratio, dtype=np.float64) / 100.0
    na, nb = len(ta), len(tb)
    pos_a = np.arange(na, dtype=np.float64)[:, None] / max(na - 1, 1)
    pos_b = np.arange(nb, dtype=np.float64)[None, :] / max(nb - 1, 1)
    ranked = sim - position_weight * np.abs(pos_a - pos_b)
    if min_length:
        short_a = np.array([len(t) < min_length for t in ta])
        short_b = np.array([len(t) < min_length for t in tb])
        ranked[short_a, :] = -1.0
        ranked[:, short_b] = -1.0
    ranked[sim < threshold] = -1.0
    pairs: list[tuple[int, int, float]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for idx in np.argsort(-ranked, axis=None, kind="stable"):
        i, j = divmod(int(idx), nb)
        if ranked[i, j] < 0:
            break
        if i in used_a or j in used_b:
            continue
        pairs.append((i, j, round(float(sim[i, j]), 4)))
        used_a.add(i)
        used_b.add(j)
    return pairs
