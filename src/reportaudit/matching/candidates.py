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


def seed_pairs(
    idx: SortedIndex, *, pair_docs: int, exclude: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs (i, j), i < j, of sorted fingerprints sharing a hash, and their group.

    Small groups give all pairs; groups in more than ``pair_docs`` documents give the star
    (first member, each other member). Groups flagged in ``exclude`` (template hashes,
    handled by ``templates``) give none.
    """
    gs = idx.group_start
    size = np.diff(gs)
    if exclude is not None:
        size = np.where(exclude, 1, size)  # treated as unshared
    grp_of = np.repeat(np.arange(len(size), dtype=np.int32), np.diff(gs))
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
        out_i.append(firsts[keep])
        out_j.append(members[keep])
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
        out_i.append(cand)
        out_j.append(cand + off)
        out_g.append(grp_of[cand])
        off += 1
    if not out_i:
        e = np.empty(0, dtype=np.int64)
        return e, e, e
    return (
        np.concatenate(out_i).astype(np.int64),
        np.concatenate(out_j).astype(np.int64),
        np.concatenate(out_g).astype(np.int64),
    )


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
    da, pa, sa, db, pb, sb, df = (x[keep] for x in (da, pa, sa, db, pb, sb, df))
    # orient so that (da, pa) < (db, pb)
    swap = (da > db) | ((da == db) & (pa > pb))
    da, db = np.where(swap, db, da), np.where(swap, da, db)
    pa, pb = np.where(swap, pb, pa), np.where(swap, pa, pb)
    sa, sb = np.where(swap, sb, sa), np.where(swap, sa, sb)
    n = len(da)
    if n == 0:
        e = np.empty(0, dtype=np.int64)
        return Clusters(e, e, e, e, e, e, e, e, e, e)
    diag = pb.astype(np.int64) - pa.astype(np.int64)
    # one int64 key per segment pair, so the sort has 3 keys
    nseg = int(max(sa.max(), sb.max())) + 1
    span = (int(max(da.max(), db.max())) + 1) * nseg
    if span < (1 << 31):
        pair = (da.astype(np.int64) * nseg + sa) * span + (db.astype(np.int64) * nseg + sb)
    else:  # very large corpora: rank the segment sides first
        side_a = da.astype(np.int64) << 32 | sa.astype(np.int64)
        side_b = db.astype(np.int64) << 32 | sb.astype(np.int64)
        sides, inv = np.unique(np.concatenate([side_a, side_b]), return_inverse=True)
        pair = inv[:n].astype(np.int64) * len(sides) + inv[n:]
    order = np.lexsort((pa, diag, pair))
    da, sa, db, sb, pa, pb, diag, df, pair = (
        x[order] for x in (da, sa, db, sb, pa, pb, diag, df, pair)
    )
    newpair = np.ones(n, dtype=bool)
    newpair[1:] = pair[1:] != pair[:-1]
    band = np.ones(n, dtype=bool)
    band[1:] = newpair[1:] | (diag[1:] - diag[:-1] > params.max_gap)
    c1 = np.cumsum(band)
    order = np.lexsort((pa, c1))
    da, sa, db, sb, pa, pb, df, c1 = (x[order] for x in (da, sa, db, sb, pa, pb, df, c1))
    gap = 2 * (params.k + params.window) + params.max_gap
    cut = np.ones(n, dtype=bool)
    cut[1:] = (c1[1:] != c1[:-1]) | (pa[1:].astype(np.int64) - pa[:-1] > gap)
    heads = np.flatnonzero(cut)
    k = params.k
    cl = Clusters(
        da=da[heads].astype(np.int64),
        sa=sa[heads].astype(np.int64),
        db=db[heads].astype(np.int64),
        sb=sb[heads].astype(np.int64),
        a0=np.minimum.reduceat(pa, heads).astype(np.int64),
        a1=np.maximum.reduceat(pa, heads).astype(np.int64) + k,
        b0=np.minimum.reduceat(pb, heads).astype(np.int64),
        b1=np.maximum.reduceat(pb, heads).astype(np.int64) + k,
        seeds=np.diff(np.append(heads, n)),
        df=np.minimum.reduceat(df, heads),
    )
    if params.min_seeds <= 1:
        return cl
    m = cl.seeds >= params.min_seeds
    return Clusters(**{f: getattr(cl, f)[m] for f in Clusters.__dataclass_fields__})
