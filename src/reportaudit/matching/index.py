"""The fingerprint index: winnowed k-gram hashes of every revision, sorted for lookup.

Why an explicit index: a full scan groups equal hashes once (argsort) instead of comparing
documents pairwise, and a new revision is checked incrementally by binary search against
the same sorted arrays (or against the copy the store keeps). Per fingerprint it holds
the hash, the document number, the folded position and the segment number; per hash group
it knows how many distinct documents and units contain it (the document frequency that
separates template text from copies).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reportaudit.matching.corpus import DocView
from reportaudit.matching.fingerprint import INVALID, kgram_hashes, winnow


@dataclass(frozen=True, slots=True, eq=False)
class DocPrints:
    """The fingerprints of one document: hash, folded position and segment number."""

    hashes: np.ndarray
    pos: np.ndarray
    seg: np.ndarray


def fingerprint_view(v: DocView, *, k: int, window: int) -> DocPrints:
    """Winnowed fingerprints of a folded document; k-grams never straddle two segments."""
    h = kgram_hashes(v.codes, k)
    if len(h) == 0 or len(v.seg_starts) == 0:
        e = np.empty(0, dtype=np.int64)
        return DocPrints(np.empty(0, dtype=np.uint64), e.astype(np.int32), e.astype(np.int32))
    p = np.arange(len(h), dtype=np.int64)
    seg = np.searchsorted(v.seg_starts, p, side="right") - 1
    ok = (seg >= 0) & (p + k <= v.seg_ends[np.maximum(seg, 0)])
    h[~ok] = INVALID
    sel = winnow(h, window)
    return DocPrints(h[sel], sel.astype(np.int32), seg[sel].astype(np.int32))


@dataclass(frozen=True, slots=True, eq=False)
class SortedIndex:
    """All fingerprints sorted by (hash, doc), with per-group frequencies.

    ``group_start[g]``..``group_start[g+1]`` is one hash; ``group_docs[g]`` and
    ``group_units[g]`` count distinct documents and units holding it.
    """

    hashes: np.ndarray
    doc: np.ndarray
    pos: np.ndarray
    seg: np.ndarray
    group_start: np.ndarray
    group_docs: np.ndarray
    group_units: np.ndarray
    shift: int = 0

    def group_of(self, i: np.ndarray) -> np.ndarray:
        """Group number of sorted fingerprint positions ``i``."""
        return np.searchsorted(self.group_start, i, side="right") - 1

    def key(self, hashes: np.ndarray) -> np.ndarray:
        """Fingerprint hashes as this index stores them (top ``64 - shift`` bits)."""
        return hashes >> np.uint64(self.shift)


def _distinct_per_group(keys: np.ndarray, grp: np.ndarray, n_groups: int) -> np.ndarray:
    """Number of distinct ``keys`` inside each group (rows already sorted by group)."""
    if len(keys) == 0:
        return np.zeros(n_groups, dtype=np.int64)
    order = np.lexsort((keys, grp))
    g, kk = grp[order], keys[order]
    new = np.ones(len(g), dtype=bool)
    new[1:] = (g[1:] != g[:-1]) | (kk[1:] != kk[:-1])
    return np.bincount(g[new], minlength=n_groups)


def build_index(prints: list[DocPrints], doc_unit: np.ndarray) -> SortedIndex:
    """Concatenate per-document fingerprints and sort them by (hash, doc, pos).

    Why packed: sorting 40M (hash, row) pairs with ``argsort`` costs twice as long and twice
    the memory of sorting one uint64 array in place. Each hash keeps its top ``64 - shift``
    bits and the low ``shift`` bits hold the row number, so the in-place sort yields
    (hash, doc, pos) order and the row order at once (a few more equal hashes by chance
    only add candidates that verification rejects). ``prints`` is emptied on the way to
    keep peak memory low. ``doc_unit`` must not decrease (documents ordered by unit), so
    the distinct units of a hash are counted without another sort.
    """
    sizes = np.array([len(p.hashes) for p in prints], dtype=np.int64)
    n = int(sizes.sum())
    if n == 0:
        z = np.empty(0, dtype=np.int64)
        return SortedIndex(z.astype(np.uint64), z, z, z, np.zeros(1, np.int64), z, z)
    shift = max(1, int(n - 1).bit_length())
    key = np.concatenate([p.hashes for p in prints])
    key >>= np.uint64(shift)
    key <<= np.uint64(shift)
    key |= np.arange(n, dtype=np.uint64)
    key.sort()
    order = (key & np.uint64((1 << shift) - 1)).astype(np.int64)
    key >>= np.uint64(shift)
    hashes = key
    pos = np.concatenate([p.pos for p in prints])[order]
    seg = np.concatenate([p.seg for p in prints])[order]
    prints.clear()
    doc = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)[order]
    del order
    new = np.ones(n, dtype=bool)
    new[1:] = hashes[1:] != hashes[:-1]
    group_start = np.append(np.flatnonzero(new), n).astype(np.int64)
    grp = np.cumsum(new, dtype=np.int64) - 1
    ng = len(group_start) - 1
    newdoc = new.copy()
    newdoc[1:] |= doc[1:] != doc[:-1]
    docs = np.bincount(grp[newdoc], minlength=ng)
    del newdoc
    unit = doc_unit[doc]
    if len(unit) > 1 and np.any(np.diff(doc_unit) < 0):
        raise ValueError("documents must be ordered by unit")
    newunit = new.copy()
    newunit[1:] |= unit[1:] != unit[:-1]
    units = np.bincount(grp[newunit], minlength=ng)
    return SortedIndex(hashes, doc, pos, seg, group_start, docs, units, shift)
