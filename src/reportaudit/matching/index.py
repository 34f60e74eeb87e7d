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
from typing import Any

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

    def group_ids(self) -> np.ndarray:
        """Group number of every sorted fingerprint (int32; a cumulative sum, not a repeat).

        Groups are never empty, so each group start but the first adds one.
        """
        n = int(self.group_start[-1])
        out = np.zeros(n, dtype=np.int32)
        out[self.group_start[1:-1]] = 1
        np.cumsum(out, out=out)
        return out

    def key(self, hashes: np.ndarray) -> np.ndarray:
        """Fingerprint hashes as this index stores them (top ``64 - shift`` bits)."""
        return hashes >> np.uint64(self.shift)

    def seg_of(self, rows: np.ndarray) -> np.ndarray:
        """Segment number (within its document, int32) of sorted fingerprint rows."""
        if self.seg is not None:
            return self.seg[rows].astype(np.int32)
        d = self.doc[rows]
        g = self.doc_offset[d] + self.pos[rows]
        return (np.searchsorted(self.seg_table, g, side="right") - 1 - self.seg_base[d]).astype(
            np.int32
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


def trim_memory() -> None:
    """Hand freed heap memory back to the operating system (glibc ``malloc_trim``).

    Why: per-document arrays are small enough to live in the malloc heap, and freeing them
    after a phase leaves the pages resident; peak RSS would then count them twice.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        pass


def pack_prints(prints: list[DocPrints]) -> tuple[DocPrints, np.ndarray]:
    """Per-document fingerprints as one DocPrints (concatenated) and the size of each part."""
    sizes = np.array([len(p.hashes) for p in prints], dtype=np.int64)
    if not prints:
        e = np.empty(0, dtype=np.int32)
        return DocPrints(np.empty(0, dtype=np.uint64), e, e), sizes
    segs = [p.seg for p in prints] if all(len(p.seg) == len(p.pos) for p in prints) else []
    seg = np.concatenate(segs) if segs else np.empty(0, dtype=np.int32)
    packed = DocPrints(
        np.concatenate([p.hashes for p in prints]), np.concatenate([p.pos for p in prints]), seg
    )
    return packed, sizes


def build_index(
    prints: list[DocPrints],
    doc_unit: np.ndarray,
    seg_starts: list[np.ndarray],
    lengths: np.ndarray,
) -> SortedIndex:
    """Concatenate per-document fingerprints and sort them (see ``build_index_packed``).

    ``prints`` is emptied on the way to keep peak memory low.
    """
    packed, sizes = pack_prints(prints)
    prints.clear()
    holder = [packed]
    del packed
    return build_index_packed(holder, sizes, doc_unit, seg_starts, lengths)


def build_index_packed(
    holder: list[DocPrints],
    sizes: np.ndarray,
    doc_unit: np.ndarray,
    seg_starts: list[np.ndarray],
    lengths: np.ndarray,
) -> SortedIndex:
    """Sort the fingerprints of all documents (``holder[0]``, document after document,
    ``sizes[d]`` of document ``d``) by (hash, doc, pos).

    Why packed: sorting 40M (hash, row) pairs with ``argsort`` costs twice as long and twice
    the memory of sorting one uint64 array in place. Each hash keeps its top ``64 - shift``
    bits and the low ``shift`` bits hold the row number, so the in-place sort yields
    (hash, doc, pos) order and the row order at once (a few more equal hashes by chance
    only add candidates that verification rejects). The hash array of ``holder[0]`` is
    sorted in place and becomes the index's; ``holder`` is emptied so the unsorted
    positions can be freed as soon as they are reordered. ``doc_unit`` must not decrease
    (documents ordered by unit), so the distinct units of a hash are counted without
    another sort. ``seg_starts`` and ``lengths`` (folded length per document) give the
    segment table.
    """
    if len(doc_unit) > 1 and np.any(np.diff(doc_unit) < 0):
        raise ValueError("documents must be ordered by unit")
    packed = holder.pop()
    holder.clear()
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
    key = packed.hashes
    # stored segment numbers (uint16 from ``scan``) save a search per seed later
    pos_in, seg_in = packed.pos, (packed.seg if len(packed.seg) == n else None)
    del packed
    key >>= np.uint64(shift)
    key <<= np.uint64(shift)
    for lo in range(0, n, _CHUNK):  # chunked: no full-size uint64 temporary
        key[lo : lo + _CHUNK] |= np.arange(lo, min(n, lo + _CHUNK), dtype=np.uint64)
    key.sort()
    idt = np.int32 if n < 2**31 else np.int64
    mask = np.uint64((1 << shift) - 1)
    order = np.empty(n, dtype=idt)
    for lo in range(0, n, _CHUNK):
        order[lo : lo + _CHUNK] = key[lo : lo + _CHUNK] & mask
    key >>= np.uint64(shift)
    hashes = key
    # folded positions as uint16 while every revision is shorter than 65,536 folded chars
    pdt = np.uint16 if len(lengths) == 0 or int(lengths.max()) < (1 << 16) else pos_in.dtype
    pos = _gather(pos_in, order, pdt)
    del pos_in
    seg = _gather(seg_in, order) if seg_in is not None else None
    del seg_in
    trim_memory()
    # the document of every unsorted row (uint16 while documents fit), gathered into order
    ddt = np.uint16 if len(sizes) <= 1 << 16 else np.int32
    doc = _gather(np.repeat(np.arange(len(sizes), dtype=ddt), sizes), order)
    del order
    new = np.ones(n, dtype=bool)
    for lo in range(1, n, _CHUNK):
        hi = min(n, lo + _CHUNK)
        np.not_equal(hashes[lo:hi], hashes[lo - 1 : hi - 1], out=new[lo:hi])
    n_groups = int(np.count_nonzero(new))
    group_start = np.empty(n_groups + 1, dtype=idt)
    at = 0
    for lo in range(0, n, _CHUNK):
        heads = np.flatnonzero(new[lo : lo + _CHUNK])
        group_start[at : at + len(heads)] = heads + lo
        at += len(heads)
    group_start[-1] = n
    # counts fit in uint16 below 65,535 documents (2 instead of 4 bytes per hash group)
    cdt = np.uint16 if len(sizes) < (1 << 16) - 1 else np.int32
    change = new.copy()
    for lo in range(1, n, _CHUNK):
        hi = min(n, lo + _CHUNK)
        change[lo:hi] |= doc[lo:hi] != doc[lo - 1 : hi - 1]
    docs = _count_per_group(change, group_start, cdt)
    du = doc_unit.astype(np.int32)
    change[:] = new
    del new
    for lo in range(1, n, _CHUNK):
        hi = min(n, lo + _CHUNK)
        change[lo:hi] |= du[doc[lo:hi]] != du[doc[lo - 1 : hi - 1]]
    units = _count_per_group(change, group_start, cdt)
    del change
    return SortedIndex(
        hashes, doc, pos, group_start, docs, units, shift, doc_offset, seg_table, seg_base, seg
    )


def _count_per_group(flags: np.ndarray, group_start: np.ndarray, dtype: type) -> np.ndarray:
    """True ``flags`` inside each group, in slices of about ``_CHUNK`` rows.

    Why sliced: ``np.add.reduceat`` over 40M rows casts the whole input and the group
    starts to wider types first (about 500 MiB of temporaries at 10,000 reports).
    """
    g = len(group_start) - 1
    out: np.ndarray = np.empty(g, dtype=dtype)
    g0 = 0
    while g0 < g:
        r0 = int(group_start[g0])
        g1 = int(np.searchsorted(group_start, r0 + _CHUNK, side="right")) - 1
        g1 = min(g, max(g1, g0 + 1))
        r1 = int(group_start[g1])
        heads = (group_start[g0:g1] - r0).astype(np.intp)
        out[g0:g1] = np.add.reduceat(flags[r0:r1], heads, dtype=np.int32)
        g0 = g1
    return out


def _gather(values: np.ndarray, order: np.ndarray, dtype: Any = None) -> np.ndarray:
    """``values[order]`` (as ``dtype``) computed in chunks (no full-size temporary)."""
    out = np.empty(len(order), dtype=dtype or values.dtype)
    for lo in range(0, len(order), _CHUNK):
        out[lo : lo + _CHUNK] = values[order[lo : lo + _CHUNK]]
    return out
