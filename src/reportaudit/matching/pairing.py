"""Candidate segment pairs: a sort-merge over hash-partitioned fingerprint arrays.

Why: verifying is the expensive step, so only segment (paragraph) pairs that share enough
*rare* fingerprints are verified. Which hashes are too common to pair is decided here,
before any verification, from the index's document frequencies: a hash held by more than
``cap`` documents is template or chance-common text (generated or formulaic prose repeats
short phrases everywhere) and pairs nobody, as in classic winnowing detectors.

The work is split by hash range: each partition (a contiguous run of hash groups of the
sorted index) emits one int64 key per pair of segments sharing one of its hashes; keys are
counted per partition (``np.unique``) and the partitions' (key, count) runs are merged by a
sort. When the pairs would not fit in memory at once, the pass is repeated per bucket of the
first segment's number, each pass keeping only its bucket. Everything is numpy; no Python
object per fingerprint or per pair. A sharded scan can run the partitions elsewhere and
merge their sorted runs the same way.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from reportaudit.matching.candidates import Clusters
from reportaudit.matching.index import SortedIndex
from reportaudit.matching.parallel import map_ordered

ROWS_PER_PART = 1 << 21
"""Sorted-index rows per hash partition."""
RARE_BONUS = (3,)
"""A shared hash held by at most this many documents counts once more (per entry): a
sentence copied into two other reports is held by three. Measured in benchmarks/RESULTS.md."""
PAIRS_PER_PASS = 1 << 25
"""Pair keys held at once (about 400 MiB with their counts); more means bucketed passes."""


@dataclass(frozen=True, slots=True, eq=False)
class SegmentRows:
    """Rare fingerprints of one hash partition, one row per (hash, segment).

    ``row`` is the sorted-index row, ``seg`` the global segment number, ``end`` the end of
    each row's hash group in these arrays (rows of one group are consecutive).
    """

    row: np.ndarray
    seg: np.ndarray
    doc: np.ndarray
    grp: np.ndarray
    end: np.ndarray


def segment_count(idx: SortedIndex) -> int:
    """Number of segments in the whole index (global segment numbers are below it)."""
    return len(idx.seg_table)


def pair_cap(documents: int, *, pair_docs: int, pair_docs_sqrt: float) -> int:
    """Most documents a pairable hash may be held by in a corpus of ``documents``.

    Why it grows: generated or formulaic prose reuses a bounded stock of k-grams, so a
    k-gram's document count grows with the corpus; under a fixed cap most k-grams of a
    copied paragraph stop pairing in a large corpus (recall on bench-peer fell from 0.96 at
    1,000 reports to 0.82 at 5,000 with a cap of 50). The square root keeps the pair count
    (the square of a group's size) growing about as fast as the corpus's pairs of copies.
    """
    return max(pair_docs, math.ceil(pair_docs_sqrt * math.sqrt(max(documents, 0))))


def pairable_groups(idx: SortedIndex, *, cap: int) -> np.ndarray:
    """Hash groups that are paired all-with-all: held by 2 to ``cap`` documents in at most
    ``4 * cap`` rows (a hash repeated all over a few reports is table boilerplate)."""
    size = np.diff(idx.group_start)
    return (size > 1) & (idx.group_docs <= cap) & (size <= 4 * cap)


def _partitions(idx: SortedIndex) -> Iterator[tuple[int, int]]:
    """Group ranges ``[g0, g1)`` of about ``ROWS_PER_PART`` rows each (hash ranges)."""
    gs = idx.group_start
    g, n_groups = 0, len(gs) - 1
    while g < n_groups:
        r0 = int(gs[g])
        g1 = int(np.searchsorted(gs, r0 + ROWS_PER_PART, side="right")) - 1
        g1 = min(n_groups, max(g1, g + 1))
        yield g, g1
        g = g1


def partition_rows(idx: SortedIndex, ok: np.ndarray, g0: int, g1: int) -> SegmentRows:
    """The rows of pairable groups ``g0..g1``, one per (hash, segment)."""
    gs = idx.group_start
    r0 = int(gs[g0])
    sizes = np.diff(gs[g0 : g1 + 1])
    grp = np.repeat(np.arange(g0, g1, dtype=np.int64), sizes)
    rows = np.flatnonzero(ok[grp]) + r0
    grp = grp[rows - r0]
    doc = idx.doc[rows].astype(np.int64)
    gpos = idx.doc_offset[doc] + idx.pos[rows]
    seg = np.searchsorted(idx.seg_table, gpos, side="right") - 1
    # rows are sorted by (hash, doc, pos), so the rows of one segment are adjacent
    keep = np.ones(len(rows), dtype=bool)
    keep[1:] = (grp[1:] != grp[:-1]) | (seg[1:] != seg[:-1])
    rows, grp, doc, seg = rows[keep], grp[keep], doc[keep], seg[keep]
    new = np.ones(len(grp), dtype=bool)
    new[1:] = grp[1:] != grp[:-1]
    heads = np.flatnonzero(new)
    if len(heads) == 0:  # no pairable hash in this range
        return SegmentRows(rows, seg, doc, grp, heads)
    ends = np.append(heads[1:], len(grp))
    end = np.repeat(ends, np.diff(heads, append=len(grp)))
    return SegmentRows(rows, seg, doc, grp, end)


def pair_offsets(
    part: SegmentRows, doc_report: np.ndarray
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Every (i, j), i < j, of rows sharing a hash group, as index arrays into ``part``,
    one offset at a time; pairs of two revisions of one report are left out (the diff is
    for those), pairs inside one segment cannot occur (one row per hash and segment)."""
    i = np.arange(len(part.row), dtype=np.int64)
    i = i[i + 1 < part.end]
    off = 1
    rep = doc_report[part.doc]
    while len(i):
        j = i + off
        ok = (rep[i] != rep[j]) | (part.doc[i] == part.doc[j])
        yield i[ok], j[ok]
        off += 1
        i = i[i + off < part.end[i]]


def _estimate(idx: SortedIndex, ok: np.ndarray) -> int:
    """Upper bound of the pair keys a full pass emits (rows per group, before dedup)."""
    size = np.diff(idx.group_start)[ok].astype(np.int64)
    return int((size * (size - 1) // 2).sum())


def shared_counts(
    idx: SortedIndex,
    doc_report: np.ndarray,
    seg_len: np.ndarray,
    *,
    cap: int,
    need: tuple[int, int, int],
    workers: int = 1,
    sparse: bool | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Segment pairs sharing enough rare hashes: sorted keys ``seg_a * S + seg_b``
    (``seg_a < seg_b``, ``S = segment_count``) and their counts.

    A hash held by at most 3 documents counts twice (``RARE_BONUS``). ``need`` is (fewest, most, folded
    characters per fingerprint): a pair must count ``most``, or less when its shorter
    segment (``seg_len``, in k-grams) is too short to hold that many fingerprints (one per
    ``chars``), but at least ``fewest``; so short headings still pair. See ``count_pairs``.
    """
    ok = pairable_groups(idx, cap=cap)
    return count_pairs(
        idx, doc_report, seg_len, ok, rare=RARE_BONUS, need=need, workers=workers, sparse=sparse
    )


SPARSE_FROM = 1 << 21
"""Pair instances from which the sparse product beats sorting keys (and importing SciPy)."""


def count_pairs(
    idx: SortedIndex,
    doc_report: np.ndarray,
    seg_len: np.ndarray,
    ok: np.ndarray,
    *,
    rare: tuple[int, ...],
    need: tuple[int, int, int],
    workers: int = 1,
    sparse: bool | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """``shared_counts`` over the hash groups ``ok``, a hash held by at most each of ``rare``
    documents counting once more.

    With ``sparse`` (by default when the groups give at least ``SPARSE_FROM`` pair
    instances, and SciPy is there) the counts are a sparse matrix product (``spcount``);
    otherwise the pairs are counted in buckets of ``seg_a`` (at least one per worker, more
    when they would not fit in memory at once), each bucket in one of ``workers`` forked
    processes. The result does not depend on the route or on how many workers.
    """
    from reportaudit.matching import spcount

    if sparse is None:
        sparse = _estimate(idx, ok) >= SPARSE_FROM
    if sparse and spcount.available():
        return spcount.shared_counts_sparse(
            idx, doc_report, seg_len, ok, rare=rare, need=need, workers=workers
        )
    buckets = max(1, -(-2 * _estimate(idx, ok) // PAIRS_PER_PASS))
    buckets = -(-buckets // max(1, workers)) * max(1, workers)
    parts = list(_partitions(idx))

    def bucket(b: int) -> tuple[np.ndarray, np.ndarray]:
        """The counted pairs of bucket ``b`` that share enough."""
        return _count_bucket(idx, doc_report, seg_len, ok, parts, b, buckets, need, rare)

    got = map_ordered(bucket, list(range(buckets)), workers=workers, min_items=2)
    keys = np.concatenate([np.empty(0, dtype=np.int64), *(k for k, _ in got)])
    cnts = np.concatenate([np.empty(0, dtype=np.int32), *(c for _, c in got)])
    order = np.argsort(keys, kind="stable")
    return keys[order], cnts[order]


def _count_bucket(
    idx: SortedIndex,
    doc_report: np.ndarray,
    seg_len: np.ndarray,
    ok: np.ndarray,
    parts: list[tuple[int, int]],
    b: int,
    buckets: int,
    need: tuple[int, int, int],
    rare: tuple[int, ...] = RARE_BONUS,
) -> tuple[np.ndarray, np.ndarray]:
    """``count_pairs`` of the pairs whose first segment is ``b`` modulo ``buckets``."""
    n_seg = max(1, segment_count(idx))
    chunk: list[np.ndarray] = []
    for g0, g1 in parts:
        part = partition_rows(idx, ok, g0, g1)
        gdocs = idx.group_docs[part.grp]
        extra = [gdocs <= lim for lim in rare]
        for i, j in pair_offsets(part, doc_report):
            sa, sb = part.seg[i], part.seg[j]
            if buckets > 1:
                m = sa % buckets == b
                i, sa, sb = i[m], sa[m], sb[m]
            key = sa * n_seg + sb
            chunk.append(key)
            for e in extra:  # rarer hashes count more
                chunk.append(key[e[i]])
    if not chunk:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int32)
    k = np.concatenate(chunk)
    del chunk
    k.sort()
    head = np.ones(len(k), dtype=bool)
    head[1:] = k[1:] != k[:-1]
    at = np.flatnonzero(head)
    del head
    tot = np.diff(at, append=len(k)).astype(np.int32)
    k = k[at]
    del at
    short = np.minimum(seg_len[k // n_seg], seg_len[k % n_seg])
    keep = tot >= np.clip(short // need[2], need[0], need[1])
    return k[keep], tot[keep]


def segment_clusters(
    idx: SortedIndex,
    keys: np.ndarray,
    counts: np.ndarray,
    seg_start: np.ndarray,
    seg_end: np.ndarray,
    doc_unit: np.ndarray,
) -> Clusters:
    """Candidate segment pairs as regions to verify: the whole of both segments.

    Why whole segments: the pair already shares enough rare fingerprints, and aligning two
    paragraphs is as cheap as finding where in them the fingerprints lie. ``seg_start`` /
    ``seg_end`` are the folded bounds of every segment by global number; ``df`` is the
    number of distinct units of the pair (template decisions come later).
    """
    n_seg = max(1, segment_count(idx))
    ga, gb = keys // n_seg, keys % n_seg
    da = np.searchsorted(idx.seg_base, ga, side="right") - 1
    db = np.searchsorted(idx.seg_base, gb, side="right") - 1
    df = np.where(doc_unit[da] == doc_unit[db], 1, 2).astype(np.int64)
    return Clusters(
        da=da.astype(np.int64),
        sa=(ga - idx.seg_base[da]).astype(np.int64),
        db=db.astype(np.int64),
        sb=(gb - idx.seg_base[db]).astype(np.int64),
        a0=seg_start[ga].astype(np.int64),
        a1=seg_end[ga].astype(np.int64),
        b0=seg_start[gb].astype(np.int64),
        b1=seg_end[gb].astype(np.int64),
        seeds=counts.astype(np.int64),
        df=df,
    )
