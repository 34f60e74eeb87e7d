"""Shared-fingerprint counts of segment pairs as a sparse matrix product (SciPy, C++).

Why: the candidate stage counts, for every pair of segments, the pairable hashes they share
(a rarer hash counting more). Emitting one int64 key per pair instance and sorting them
(``pairing._count_bucket``) spent most of its time in ``np.sort``: 16M instances on 1,000
bench-peer reports. With ``M`` the segment × hash incidence matrix and ``W`` the per-hash
weight, the counts are the upper triangle of ``M · W · Mᵀ``; SciPy's sparse product
accumulates each row's counts in a dense scratch row (no sort), in row blocks that run in
forked workers and keep only the pairs that share enough. The answer is exactly that of
``pairing.shared_counts``'s numpy path (same keys, same counts), so sharded routes that use
the numpy path agree with it.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from reportaudit.matching.index import SortedIndex
from reportaudit.matching.parallel import map_ordered

FLOPS_PER_BLOCK = 1 << 23
"""Multiply-adds per row block of the product (its scratch output stays ~100 MiB)."""


def available() -> bool:
    """Whether SciPy's sparse matrices can be imported here."""
    try:
        import scipy.sparse  # noqa: F401
    except ImportError:  # pragma: no cover - scipy is a dependency
        return False
    return True


def incidence(
    idx: SortedIndex, ok: np.ndarray, rare: tuple[int, ...]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(segment, group, weight) of every pairable (hash, segment), in group order.

    Rows are sorted by (hash, doc, pos), so within a group the segments (numbered document
    after document, in text order) ascend and repeats of one segment are adjacent. The
    weight is 1 plus one for each ``rare`` limit the group's document count is within.
    """
    gs = idx.group_start
    sizes = np.diff(gs)
    g_ok = np.flatnonzero(ok)
    starts = gs[:-1][g_ok].astype(np.int64)
    lens = sizes[g_ok].astype(np.int64)
    total = int(lens.sum())
    # the sorted-index rows of the pairable groups, without a full-length group array
    grp = np.repeat(g_ok.astype(np.int64), lens)
    first = np.concatenate([[0], np.cumsum(lens)[:-1]]) if len(lens) else np.empty(0, np.int64)
    rows = np.arange(total, dtype=np.int64) - np.repeat(first - starts, lens)
    doc = idx.doc[rows].astype(np.int64)
    seg = np.searchsorted(idx.seg_table, idx.doc_offset[doc] + idx.pos[rows], side="right") - 1
    del rows, doc
    keep = np.ones(total, dtype=bool)
    keep[1:] = (grp[1:] != grp[:-1]) | (seg[1:] != seg[:-1])
    grp, seg = grp[keep], seg[keep]
    gdocs = idx.group_docs[grp]
    weight = np.ones(len(grp), dtype=np.int32)
    for lim in rare:
        weight += gdocs <= lim
    return seg, grp, weight


def shared_counts_sparse(
    idx: SortedIndex,
    doc_report: np.ndarray,
    seg_len: np.ndarray,
    ok: np.ndarray,
    *,
    rare: tuple[int, ...],
    need: tuple[int, int, int],
    workers: int = 1,
) -> tuple[np.ndarray, np.ndarray]:
    """``pairing.shared_counts`` (sorted keys ``seg_a * S + seg_b``, counts) by the product."""
    import scipy.sparse as sp

    n_seg = max(1, len(idx.seg_table))
    seg, grp, weight = incidence(idx, ok, rare)
    empty = np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int32)
    if len(seg) == 0:
        return empty
    # hashes renumbered densely (only pairable ones are columns)
    col = np.cumsum(np.concatenate([[True], grp[1:] != grp[:-1]])) - 1
    n_col = int(col[-1]) + 1
    del grp
    ones = np.ones(len(seg), dtype=np.int32)
    a = sp.csr_matrix((weight, (seg, col)), shape=(n_seg, n_col))
    m = sp.csr_matrix((ones, (seg, col)), shape=(n_seg, n_col))
    # per segment row, the multiply-adds its row of the product costs
    col_size = np.bincount(col, minlength=n_col).astype(np.int64)
    # (rows later in the order pair with fewer segments: the cost falls along the order)
    row_flops = np.bincount(seg, weights=col_size[col], minlength=n_seg)
    del seg, col, weight, ones
    cum = np.cumsum(row_flops)
    blocks = max(2 * max(1, workers), int(cum[-1] // FLOPS_PER_BLOCK) + 1)
    cuts = np.searchsorted(cum, np.linspace(0, cum[-1], blocks + 1)[1:-1], side="left")
    bounds = np.unique(np.concatenate([[0], cuts, [n_seg]]))
    seg_doc = np.searchsorted(idx.seg_base, np.arange(n_seg), side="right") - 1
    ctx = _Block(a, m, seg_doc, doc_report, seg_len, need, n_seg)
    got = map_ordered(
        ctx.run,
        [(int(lo), int(hi)) for lo, hi in itertools.pairwise(bounds.tolist())],
        workers=workers,
        min_items=2,
    )
    keys = np.concatenate([empty[0], *(k for k, _ in got)])
    cnts = np.concatenate([empty[1], *(c for _, c in got)])
    order = np.argsort(keys, kind="stable")
    return keys[order], cnts[order]


class _Block:
    """One row block of the product, filtered to the pairs that share enough."""

    def __init__(
        self,
        a: Any,
        m: Any,
        seg_doc: np.ndarray,
        doc_report: np.ndarray,
        seg_len: np.ndarray,
        need: tuple[int, int, int],
        n_seg: int,
    ) -> None:
        self.a, self.m, self.seg_doc, self.doc_report = a, m, seg_doc, doc_report
        self.seg_len, self.need, self.n_seg = seg_len, need, n_seg

    def run(self, b: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
        """Keys and counts of rows ``b[0]..b[1]``: upper triangle, not two revisions of one
        report, counting at least what the shorter segment's length asks."""
        lo, hi = b
        # only segments from ``lo`` on can be a later pair member: the product skips the
        # lower triangle left of this block (half the multiply-adds)
        right = self.m[lo:].T.tocsr()
        c = self.a[lo:hi] @ right
        del right
        # most pairs share one hash: drop them on the product's data before spelling out
        # their row numbers (what ``tocoo`` would do for every pair)
        at = np.flatnonzero(c.data >= self.need[0])
        i = np.searchsorted(c.indptr, at, side="right").astype(np.int64) - 1 + lo
        j = c.indices[at].astype(np.int64) + lo
        tot = c.data[at]
        del c, at
        m = j > i
        i, j, tot = i[m], j[m], tot[m]
        short = np.minimum(self.seg_len[i], self.seg_len[j])
        m = tot >= np.clip(short // self.need[2], self.need[0], self.need[1])
        i, j, tot = i[m], j[m], tot[m]
        di, dj = self.seg_doc[i], self.seg_doc[j]
        m = (self.doc_report[di] != self.doc_report[dj]) | (di == dj)
        return i[m] * self.n_seg + j[m], tot[m].astype(np.int32)
