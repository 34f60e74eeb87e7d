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

    def group_of(self, i: np.ndarray) -> np.ndarray:
        """Group number of sorted fingerprint positions ``i``."""
        return np.searchsorted(self.group_start, i, side="right") - 1


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
    """Concatenate per-document fingerprints and sort them by (hash, doc, pos)."""
    sizes = np.array([len(p.hashes) for p in prints], dtype=np.int64)
    if sizes.sum() == 0:
        z = np.empty(0, dtype=np.int64)
        return SortedIndex(z.astype(np.uint64), z, z, z, np.zeros(1, np.int64), z, z)
    hashes = np.concatenate([p.hashes for p in prints])
    doc = np.repeat(np.arange(len(prints), dtype=np.int32), sizes)
    pos = np.concatenate([p.pos for p in prints])
    seg = np.concatenate([p.seg for p in prints])
    # Documents are concatenated in order and positions ascend within one, so a stable sort
    # by hash alone yields (hash, doc, pos) order.
    order = np.argsort(hashes, kind="stable")
    hashes, doc, pos, seg = hashes[order], doc[order], pos[order], seg[order]
    del order
    n = len(hashes)
    new = np.ones(n, dtype=bool)
    new[1:] = hashes[1:] != hashes[:-1]
    group_start = np.append(np.flatnonzero(new), n).astype(np.int64)
    grp = (np.cumsum(new) - 1).astype(np.int64)
    ng = len(group_start) - 1
    size = np.diff(group_start)
    newdoc = new.copy()
    newdoc[1:] |= doc[1:] != doc[:-1]
    docs = np.bincount(grp[newdoc], minlength=ng)
    units = np.ones(ng, dtype=np.int64)
    multi = np.flatnonzero(docs[grp] > 1)  # only shared hashes need a distinct-unit count
    if len(multi):
        counted = _distinct_per_group(doc_unit[doc[multi]].astype(np.int64), grp[multi], ng)
        units = np.where(size > 1, np.maximum(counted, 1), units)
    return SortedIndex(hashes, doc, pos, seg, group_start, docs, units)
