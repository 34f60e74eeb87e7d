"""Deterministic k-gram hashing and winnowing over folded text, fully vectorised.

Why: candidate generation must not compare all pairs of paragraphs. Each folded k-gram is
hashed with a polynomial hash in wrapping uint64 arithmetic (no salted ``hash()``, so the
fingerprints are identical on every run and machine), and winnowing keeps the minimum hash
of every window of ``w`` consecutive k-grams. Any shared run of ``w + k - 1`` folded
characters therefore shares at least one fingerprint (Schleimer et al., 2003), while only
about ``2 / (w + 1)`` of the positions are kept.
"""

from __future__ import annotations

import numpy as np

_BASE = np.uint64(0x100000001B3)  # FNV-64 prime: odd, so multiplication is a bijection
_MIX = np.uint64(0x9E3779B97F4A7C15)
INVALID = np.uint64(0xFFFFFFFFFFFFFFFF)
"""Hash given to k-grams that cross a segment boundary; never selected as a fingerprint."""


def kgram_hashes(codes: np.ndarray, k: int) -> np.ndarray:
    """Hash of every k-gram of ``codes``: ``len(codes) - k + 1`` uint64 values.

    A final multiply-xorshift scramble spreads the polynomial hash over all 64 bits, so
    winnowing's "minimum" is an unbiased sample rather than favouring some characters.
    """
    n = len(codes) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    c = codes.astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h *= _BASE
            h += c[j : j + n] + np.uint64(1)
        h ^= h >> np.uint64(29)
        h *= _MIX
        h ^= h >> np.uint64(32)
    return h


def invalidate_boundaries(hashes: np.ndarray, seg_starts: np.ndarray, k: int) -> None:
    """Mark (in place) k-grams that start in one segment and end in the next as INVALID.

    ``seg_starts`` are the start offsets of the concatenated segments (paragraphs), so a
    k-gram starting at ``p`` is invalid when a segment boundary lies in ``(p, p + k)``.
    """
    if len(hashes) == 0:
        return
    bad = np.zeros(len(hashes) + k, dtype=np.int32)
    inner = seg_starts[(seg_starts > 0)]
    for d in range(1, k):
        idx = inner - d
        idx = idx[(idx >= 0) & (idx < len(hashes))]
        bad[idx] = 1
    hashes[bad[: len(hashes)] == 1] = INVALID


def _sliding(arr: np.ndarray, w: int, op: np.ufunc) -> np.ndarray:
    """``op`` (minimum/maximum) over every window of ``w`` consecutive values."""
    out = arr[: len(arr) - w + 1].copy()
    for j in range(1, w):
        op(out, arr[j : j + len(out)], out=out)
    return out


def winnow(hashes: np.ndarray, w: int) -> np.ndarray:
    """Positions selected by winnowing (every window's minimum; ties keep all).

    A position ``i`` is selected iff its hash equals the minimum of some window containing
    it; since it is >= the minimum of every such window, that is iff it is <= the largest
    of those minima, which is two sliding passes and one comparison.
    """
    n = len(hashes)
    if n == 0:
        return np.empty(0, dtype=np.int64)
    if n <= w:
        m = hashes.min()
        sel = np.flatnonzero(hashes == m)
        return sel[hashes[sel] != INVALID]
    mins = _sliding(hashes, w, np.minimum)
    # maxmin[i] = max(mins[s]) over windows s in [i-w+1, i] (clipped to valid windows).
    pad = np.concatenate([np.zeros(w - 1, dtype=np.uint64), mins, np.zeros(w - 1, dtype=np.uint64)])
    maxmin = _sliding(pad, w, np.maximum)
    sel = (hashes <= maxmin) & (hashes != INVALID)
    return np.flatnonzero(sel)
