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
    """All fingerprints sorted by (hash, doc, pos), with per-group frequencies.

    ``group_start[g]``..``group_start[g+1]`` is one hash; ``group_docs[g]`` and
    ``group_units[g]`` count distinct documents and units holding it. Segment numbers are
    not stored per fingerprint (4 bytes x 40M); ``seg_of`` derives them from the position
    and the segment table (global folded offsets of every segment start).
    """

    hashes: np.ndarray
    doc: np.ndarray
    pos: np.ndarray
    group_start: np.ndarray
    group_docs: np.ndarray
    group_units: np.ndarray
    shift: int
    doc_offset: np.ndarray
    seg_table: np.ndarray
    seg_base: np.ndarray
    seg: np.ndarray | None = None

    def group_of(self, i: np.ndarray) -> np.ndarray:
        """Group number of sorted fingerprint positions ``i``."""
        return np.searchsorted(self.group_start, i, side="right") - 1

    def key(self, hashes: np.ndarray) -> np.ndarray:
        """Fingerprint hashes as this index stores them (top ``64 - shift`` bits)."""
        return hashes >> np.uint64(self.shift)

    def seg_of(self, rows: np.ndarray) -> np.ndarray:
        """Segment number (within its document) of sorted fingerprint rows."""
        if self.seg is not None:
            return self.seg[rows].astype(np.int64)
        d = self.doc[rows]
        g = self.doc_offset[d] + self.pos[rows]
        return (np.searchsorted(self.seg_table, g, side="right") - 1 - self.seg_base[d]).astype(
            np.int64
        )


def _distinct_per_group(keys: np.ndarray, grp: np.ndarray, n_groups: int) -> np.ndarray:
    """Number of distinct ``keys`` inside each group (rows already sorted by group)."""
    if len(keys) == 0:
        return np.zeros(n_groups, dtype=np.int64)
    order = np.lexsort((keys, grp))
    g, kk = grp[order], keys[order]
    new = np.ones(len(g), dtype=bool)
    new[1:] = (g[1:] != g[:-1]) | (kk[1:] != kk[:-1])
    return np.bincount(g[new], minlength=n_groups)


_CHUNK = 1 << 22


def build_index(
    prints: list[DocPrints],
    doc_unit: np.ndarray,
    seg_starts: list[np.ndarray],
    lengths: np.ndarray,
) -> SortedIndex:
    """Concatenate per-document fingerprints and sort them by (hash, doc, pos).

    Why packed: sorting 40M (hash, row) pairs with ``argsort`` costs twice as long and twice
    the memory of sorting one uint64 array in place. Each hash keeps its top ``64 - shift``
    bits and the low ``shift`` bits hold the row number, so the in-place sort yields
    (hash, doc, pos) order and the row order at once (a few more equal hashes by chance
    only add candidates that verification rejects). ``prints`` is emptied on the way to
    keep peak memory low. ``doc_unit`` must not decrease (documents ordered by unit), so
    the distinct units of a hash are counted without another sort. ``seg_starts`` and
    ``lengths`` (folded length per document) give the segment table.
    """
    if len(doc_unit) > 1 and np.any(np.diff(doc_unit) < 0):
        raise ValueError("documents must be ordered by unit")
    sizes = np.array([len(p.hashes) for p in prints], dtype=np.int64)
    n = int(sizes.sum())
    doc_offset = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)])[:-1]
    seg_counts = np.array([len(x) for x in seg_starts], dtype=np.int64)
    seg_base = np.concatenate([[0], np.cumsum(seg_counts)])[:-1].astype(np.int64)
    seg_table = (
        np.concatenate(
            [x.astype(np.int64) + o for x, o in zip(seg_starts, doc_offset, strict=True)]
        )
        if len(seg_starts)
        else np.empty(0, dtype=np.int64)
    )
    if n == 0:
        z = np.empty(0, dtype=np.int64)
        return SortedIndex(
            z.astype(np.uint64),
            z,
            z,
            np.zeros(1, np.int64),
            z,
            z,
            0,
            doc_offset,
            seg_table,
            seg_base,
        )
    shift = max(1, int(n - 1).bit_length())
    key = np.concatenate([p.hashes for p in prints])
    pos_parts = [p.pos for p in prints]
    # stored segment numbers (uint16 from ``scan``) save a search per seed later
    seg_parts = [p.seg for p in prints] if all(len(p.seg) == len(p.pos) for p in prints) else []
    prints.clear()
    key >>= np.uint64(shift)
    key <<= np.uint64(shift)
    key |= np.arange(n, dtype=np.uint64)
    key.sort()
    idt = np.int32 if n < 2**31 else np.int64
    mask = np.uint64((1 << shift) - 1)
    order = np.empty(n, dtype=idt)
    for lo in range(0, n, _CHUNK):  # chunked: no full-size uint64 temporary
        order[lo : lo + _CHUNK] = key[lo : lo + _CHUNK] & mask
    key >>= np.uint64(shift)
    hashes = key
    pos = np.concatenate(pos_parts)
    pos_parts.clear()
    pos = pos[order]
    seg = np.concatenate(seg_parts)[order] if seg_parts else None
    seg_parts.clear()
    doc = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)[order]
    del order
    new = np.ones(n, dtype=bool)
    new[1:] = hashes[1:] != hashes[:-1]
    group_start = np.concatenate(
        [np.flatnonzero(new[lo : lo + _CHUNK]).astype(idt) + lo for lo in range(0, n, _CHUNK)]
        + [np.array([n], dtype=idt)]
    )
    heads = group_start[:-1]
    change = new.copy()
    change[1:] |= doc[1:] != doc[:-1]
    docs = np.add.reduceat(change, heads, dtype=np.int32)
    du = doc_unit.astype(np.int32)
    change[:] = new
    for lo in range(1, n, _CHUNK):
        hi = min(n, lo + _CHUNK)
        change[lo:hi] |= du[doc[lo:hi]] != du[doc[lo - 1 : hi - 1]]
    units = np.add.reduceat(change, heads, dtype=np.int32)
    return SortedIndex(
        hashes, doc, pos, group_start, docs, units, shift, doc_offset, seg_table, seg_base, seg
    )
