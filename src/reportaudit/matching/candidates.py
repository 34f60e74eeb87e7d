"""Candidate generation: shared fingerprints -> seed pairs -> diagonal clusters.

Why: verifying every pair of paragraphs is quadratic; instead every hash group of the
sorted index yields seed pairs (two positions holding the same k-gram), and seeds of the
same segment pair lying on nearby diagonals (pos_b - pos_a) are one candidate region.
Hash groups held by many documents (template text) are paired star-wise with their first
document only, so their cost grows linearly with the corpus. Everything is numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reportaudit.matching.index import SortedIndex
from reportaudit.matching.params import ReuseParams


@dataclass(frozen=True, slots=True, eq=False)
class Clusters:
    """Candidate regions: documents/segments of both sides, folded bounds and seed stats."""

    da: np.ndarray
    sa: np.ndarray
    db: np.ndarray
    sb: np.ndarray
    a0: np.ndarray
    a1: np.ndarray
    b0: np.ndarray
    b1: np.ndarray
    seeds: np.ndarray
    df: np.ndarray

    def __len__(self) -> int:
        """Number of candidate regions."""
        return len(self.da)

    def __getitem__(self, m: slice | np.ndarray) -> Clusters:
        """The regions selected by ``m`` (a slice or a mask)."""
        return Clusters(**{f: getattr(self, f)[m] for f in Clusters.__dataclass_fields__})


def seed_pairs(
    idx: SortedIndex, *, pair_docs: int, exclude: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs (i, j), i < j, of sorted fingerprints sharing a hash, and their group.

    The arrays are int32 (int64 for an index of 2**31 fingerprints or more).

    Small groups give all pairs; groups in more than ``pair_docs`` documents give the star
    (first member, each other member). Groups flagged in ``exclude`` (template hashes,
    handled by ``templates``) give none.
    """
    gs = idx.group_start
    size = np.diff(gs)
    if exclude is not None:
        size = np.where(exclude, 1, size)  # treated as unshared
    grp_of = idx.group_ids()
    # rows and groups fit in int32 below 2**31 fingerprints: 12 instead of 24 bytes a seed
    idt = np.int32 if int(gs[-1]) < 2**31 else np.int64
    big = idx.group_docs > pair_docs
    big = big | (size > 4 * pair_docs)
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    out_g: list[np.ndarray] = []
    # star pairs for big groups
    big &= size > 1
    if big.any():
        members = np.flatnonzero(big[grp_of])
        firsts = gs[grp_of[members]]
        keep = members != firsts
        out_i.append(firsts[keep].astype(idt))
        out_j.append(members[keep].astype(idt))
        out_g.append(grp_of[members[keep]])
    small = ~big & (size > 1)
    cand = np.flatnonzero(small[grp_of])
    end = gs[grp_of[cand] + 1]
    off = 1
    while len(cand):
        ok = cand + off < end
        cand, end = cand[ok], end[ok]
        if not len(cand):
            break
        out_i.append(cand.astype(idt))
        out_j.append((cand + off).astype(idt))
        out_g.append(grp_of[cand])
        off += 1
    del grp_of
    if not out_i:
        e = np.empty(0, dtype=idt)
        return e, e, e
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_g)


def cluster_seeds(
    idx: SortedIndex,
    i: np.ndarray,
    j: np.ndarray,
    doc_report: np.ndarray,
    *,
    params: ReuseParams,
    groups: np.ndarray | None = None,
) -> Clusters:
    """Group seed pairs into candidate regions along diagonals of each segment pair.

    Seeds inside one segment and seeds between revisions of the same report are dropped
    (a report's own revisions naturally share text; that is what the diff is for).
    """
    df = idx.group_units[idx.group_of(i) if groups is None else groups]
    return cluster_arrays(
        idx.doc[i],
        idx.pos[i],
        idx.seg_of(i),
        idx.doc[j],
        idx.pos[j],
        idx.seg_of(j),
        df,
        doc_report,
        params=params,
    )


def _compact(x: np.ndarray) -> np.ndarray:
    """``x`` (a fresh copy) as int32 when its values fit, else int64."""
    if x.dtype == np.int32:
        return x
    if len(x) == 0 or (int(x.min()) >= -(2**31) and int(x.max()) < 2**31):
        return x.astype(np.int32)
    return x.astype(np.int64)


def cluster_arrays(
    da: np.ndarray,
    pa: np.ndarray,
    sa: np.ndarray,
    db: np.ndarray,
    pb: np.ndarray,
    sb: np.ndarray,
    df: np.ndarray,
    doc_report: np.ndarray,
    *,
    params: ReuseParams,
) -> Clusters:
    """Cluster raw seed arrays (document, folded position, segment of both sides).

    Used by the full scan (seeds from the sorted index) and the incremental check (seeds
    from looking a new document's fingerprints up in a stored index).
    """
    same_doc = da == db
    keep = ~(same_doc & (sa == sb))
    keep &= same_doc | (doc_report[da] != doc_report[db])
    del same_doc
    # Why one array at a time and compact dtypes: at 10,000 reports there are tens of
    # millions of seeds, and every full-size temporary costs hundreds of MiB.
    da, pa, sa, db, pb, sb, df = (_compact(x[keep]) for x in (da, pa, sa, db, pb, sb, df))
    del keep
    # orient so that (da, pa) < (db, pb)
    swap = (da > db) | ((da == db) & (pa > pb))
    for x, y in ((da, db), (pa, pb), (sa, sb)):
        t = x[swap]
        x[swap] = y[swap]
        y[swap] = t
    del swap
    n = len(da)
    if n == 0:
        e = np.empty(0, dtype=np.int64)
        return Clusters(e, e, e, e, e, e, e, e, e, e)
    diag = pb.astype(np.int64) - pa
    if diag.min() >= -(2**30) and diag.max() < 2**30:  # differences of diagonals fit too
        diag = diag.astype(np.int32)
    # one int64 key per segment pair, so the sort has 3 keys
    nseg = int(max(sa.max(), sb.max())) + 1
    span = (int(max(da.max(), db.max())) + 1) * nseg
    if span < (1 << 31):
        pair = (da.astype(np.int64) * nseg + sa) * span + (db.astype(np.int64) * nseg + sb)
    else:  # very large corpora: rank the segment sides first
        side_a = da.astype(np.int64) << 32 | sa.astype(np.int64)
        side_b = db.astype(np.int64) << 32 | sb.astype(np.int64)
        sides, inv = np.unique(np.concatenate([side_a, side_b]), return_inverse=True)
        del side_a, side_b
        pair = inv[:n].astype(np.int64) * len(sides) + inv[n:]
        del inv
    order = np.lexsort((pa, diag, pair))
    pair = pair[order]
    diag = diag[order]
    newpair = np.ones(n, dtype=bool)
    newpair[1:] = pair[1:] != pair[:-1]
    del pair
    band = newpair
    band[1:] |= diag[1:] - diag[:-1] > params.max_gap
    del diag
    c1 = np.cumsum(band, dtype=np.int32 if n < 2**31 else np.int64)
    del band
    # the second sort (by band, then position) composed with the first
    pa = pa[order]
    second = np.lexsort((pa, c1))
    order = order[second]
    pa = pa[second]
    c1 = c1[second]
    del second
    da, sa, db, sb, pb, df = (x[order] for x in (da, sa, db, sb, pb, df))
    del order
    gap = 2 * (params.k + params.window) + params.max_gap
    cut = np.ones(n, dtype=bool)
    cut[1:] = (c1[1:] != c1[:-1]) | (pa[1:].astype(np.int64) - pa[:-1] > gap)
    del c1
    heads = np.flatnonzero(cut)
    del cut
    seeds = np.diff(np.append(heads, n))
    # Most regions are a lone seed: drop them before widening anything to int64.
    m: np.ndarray | slice = seeds >= params.min_seeds if params.min_seeds > 1 else slice(None)
    k = params.k

    def per_region(op: np.ufunc, x: np.ndarray, add: int = 0) -> np.ndarray:
        """``op`` over each region's seeds, for the kept regions, as int64."""
        return op.reduceat(x, heads)[m].astype(np.int64) + add

    return Clusters(
        da=da[heads[m]].astype(np.int64),
        sa=sa[heads[m]].astype(np.int64),
        db=db[heads[m]].astype(np.int64),
        sb=sb[heads[m]].astype(np.int64),
        a0=per_region(np.minimum, pa),
        a1=per_region(np.maximum, pa, k),
        b0=per_region(np.minimum, pb),
        b1=per_region(np.maximum, pb, k),
        seeds=seeds[m],
        df=np.minimum.reduceat(df, heads)[m],
    )
