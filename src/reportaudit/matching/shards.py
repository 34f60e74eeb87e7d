"""The candidate stage sharded by hash range, with memory bounded by a setting, not by N.

Why: ``pairing.shared_counts`` holds every pair key of a pass in one process; at 100,000
reports that is the end of one machine. Here the same counting is a map-reduce:

1. **First pass** (the index's per-hash document and unit counts): which hash groups are
   pairable (``pairing.pairable_groups``) is decided once, globally, so every shard decides
   alone with the same template decisions.
2. **Map, per shard** (a contiguous range of hash groups = a hash range): the shard's rare
   rows, one per (hash, segment), emit one key per pair of segments sharing a hash; keys are
   counted inside the shard and split by bucket (first segment modulo ``buckets``) into
   sorted runs.
3. **Reduce, per bucket**: the bucket's runs from every shard are merged (a stable sort),
   counts summed, and the pairs sharing too little dropped (the threshold needs the total,
   so it is applied only here).

The result is exactly ``shared_counts``'s (sorted unique keys and counts): a shared hash
contributes to one shard only, and sums do not depend on order. How many shards and
buckets follows from ``memory`` (bytes per task): each shard's and each bucket's estimated
structures stay under half of it. Local runs spill the runs to a temporary directory; a
Dask cluster keeps them in its workers' memory until the reduce takes them.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from dataclasses import dataclass

import numpy as np

from reportaudit.matching.executor import Executor
from reportaudit.matching.index import SortedIndex
from reportaudit.matching.pairing import (
    RARE_BONUS,
    SegmentRows,
    pair_offsets,
    pairable_groups,
    partition_rows,
    segment_count,
)

DEFAULT_MEMORY = 2 << 30
"""Bytes per shard task when ``--cluster`` is given without ``--memory`` (2 GiB)."""
ROW_BYTES = 64
"""Bytes a shard holds per rare row (row, segment, document, group, end, bonus flags)."""
KEY_BYTES = 2 * 8 * (1 + len(RARE_BONUS))
"""Bytes per emitted pair key at the shard's peak, at most: the key and its bonus copies
(8 bytes each), once as emitted chunks and once concatenated."""
RUN_BYTES = 3 * 12
"""Bytes per counted key in a bucket merge (key and count, the concatenation and sort)."""


def parse_memory(text: str) -> int:
    """``2GiB``, ``512MiB``, ``1.5G``, ``800M`` or plain bytes as a number of bytes."""
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGT]?)(i?B)?\s*", text, re.IGNORECASE)
    if not m:
        raise ValueError(f"--memory {text!r}: expected a size such as 2GiB or 512MiB")
    scale = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}[m.group(2).upper()]
    n = int(float(m.group(1)) * scale)
    if n < 1 << 20:
        raise ValueError(f"--memory {text!r}: at least 1MiB")
    return n


@dataclass(frozen=True, slots=True)
class ShardPlan:
    """Hash ranges (group ranges of the sorted index), buckets and their estimated bytes."""

    ranges: tuple[tuple[int, int], ...]
    buckets: int
    memory: int
    shard_bytes: tuple[int, ...]
    bucket_bytes: int


def plan_shards(idx: SortedIndex, ok: np.ndarray, *, memory: int, workers: int = 1) -> ShardPlan:
    """Cut the hash groups into shards whose estimated structures fit in ``memory / 2``.

    A group is never cut (it is one hash); a pairable group holds at most ``4 * cap`` rows,
    so one group alone always fits a sensible bound. At least one shard per worker.
    """
    # only pairable groups cost anything: work on their numbers, not on every group (most
    # hashes are held once, and full-size int64 temporaries would cost the coordinator
    # hundreds of MiB at 10,000 reports)
    gs = idx.group_start
    okg = np.flatnonzero(ok)
    rows = (gs[okg + 1] - gs[okg]).astype(np.int64)
    cost = rows * ROW_BYTES + rows * (rows - 1) // 2 * KEY_BYTES
    total = int(cost.sum())
    half = max(1, memory // 2)
    n_shards = max(max(1, workers), -(-total // half))
    target = -(-total // n_shards) if total else 1
    csum = np.cumsum(cost)
    n_groups, n_ok = len(gs) - 1, len(okg)
    ranges: list[tuple[int, int]] = []
    got: list[int] = []
    a = 0
    while a < n_ok:
        base = int(csum[a - 1]) if a else 0
        b = int(np.searchsorted(csum, base + target, side="right"))
        b = min(n_ok, max(b, a + 1))
        # a shard runs from where the previous one ended to the next shard's first
        # pairable group (the groups in between pair nobody)
        g0 = ranges[-1][1] if ranges else 0
        g1 = int(okg[b]) if b < n_ok else n_groups
        ranges.append((g0, g1))
        got.append(int(csum[b - 1]) - base)
        a = b
    if not ranges:
        ranges.append((0, n_groups))
        got.append(0)
    pairs = int((rows * (rows - 1) // 2).sum())
    buckets = max(max(1, workers), -(-pairs * RUN_BYTES // half))
    return ShardPlan(tuple(ranges), buckets, memory, tuple(got), -(-pairs * RUN_BYTES // buckets))


@dataclass(frozen=True, slots=True, eq=False)
class ShardRows:
    """What one shard needs: per rare row its global segment, document, the end of its hash
    group (in these arrays) and that group's document count."""

    seg: np.ndarray
    doc: np.ndarray
    end: np.ndarray
    gdocs: np.ndarray

    @property
    def nbytes(self) -> int:
        """Bytes of the shard's rows."""
        return sum(int(x.nbytes) for x in (self.seg, self.doc, self.end, self.gdocs))


def shard_rows(idx: SortedIndex, ok: np.ndarray, g0: int, g1: int) -> ShardRows:
    """The rare rows of hash groups ``g0..g1`` (built where the index is)."""
    p = partition_rows(idx, ok, g0, g1)
    return ShardRows(p.seg, p.doc, p.end, idx.group_docs[p.grp].astype(np.int32))


@dataclass(frozen=True, slots=True, eq=False)
class ShardContext:
    """Small per-corpus tables every shard task needs (shipped once to each worker)."""

    doc_report: np.ndarray
    n_seg: int
    buckets: int
    spill: str | None


Run = tuple[np.ndarray, np.ndarray] | str
"""A bucket's counted keys from one shard: arrays, or the path of an .npz spilled to disk."""


@dataclass(frozen=True, slots=True, eq=False)
class ShardOut:
    """A shard's runs (one per bucket) and the bytes its structures peaked at."""

    runs: tuple[Run, ...]
    peak_bytes: int
    shard: int
    seconds: float = 0.0

    def __getitem__(self, b: int) -> Run:
        """The run of bucket ``b``."""
        return self.runs[b]


def count_shard(ctx: ShardContext, job: tuple[int, ShardRows]) -> ShardOut:
    """Map task: the pair keys of one shard, counted and split into sorted bucket runs."""
    shard, rows = job
    t = time.perf_counter()
    part = SegmentRows(rows.seg, rows.seg, rows.doc, rows.seg, rows.end)  # row, grp unused
    extra = [rows.gdocs <= lim for lim in RARE_BONUS]
    chunk: list[np.ndarray] = []
    for i, j in pair_offsets(part, ctx.doc_report):
        key = rows.seg[i] * ctx.n_seg + rows.seg[j]
        chunk.append(key)
        for e in extra:
            chunk.append(key[e[i]])
    peak = rows.nbytes + sum(int(e.nbytes) for e in extra)
    k = np.concatenate([np.empty(0, dtype=np.int64), *chunk])
    peak += 2 * int(k.nbytes)  # the chunks and their concatenation, alive together
    del chunk
    k.sort()
    head = np.ones(len(k), dtype=bool)
    head[1:] = k[1:] != k[:-1]
    at = np.flatnonzero(head)
    tot = np.diff(at, append=len(k)).astype(np.int32)
    k = k[at]
    runs: list[Run] = []
    b_of = (k // ctx.n_seg) % ctx.buckets
    for b in range(ctx.buckets):
        m = b_of == b
        kb, cb = k[m], tot[m]
        if ctx.spill is None:
            runs.append((kb, cb))
        else:
            path = os.path.join(ctx.spill, f"s{shard}-b{b}.npz")
            np.savez(path, k=kb, c=cb)
            runs.append(path)
    return ShardOut(tuple(runs), peak, shard, time.perf_counter() - t)


@dataclass(frozen=True, slots=True, eq=False)
class MergeContext:
    """What a bucket merge needs: segment lengths (k-grams) and the sharing threshold."""

    seg_len: np.ndarray
    n_seg: int
    need: tuple[int, int, int]


@dataclass(frozen=True, slots=True, eq=False)
class BucketOut:
    """A bucket's pairs that share enough (sorted keys, counts) and its peak bytes."""

    keys: np.ndarray
    counts: np.ndarray
    peak_bytes: int
    seconds: float = 0.0


def _load(run: Run) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(run, str):
        with np.load(run) as z:
            out = (z["k"], z["c"])
        os.unlink(run)
        return out
    return run


def merge_bucket(ctx: MergeContext, runs: list[Run]) -> BucketOut:
    """Reduce task: one bucket's runs from every shard, summed per key and thresholded."""
    t = time.perf_counter()
    got = [_load(r) for r in runs]
    k = np.concatenate([np.empty(0, dtype=np.int64), *(x for x, _ in got)])
    c = np.concatenate([np.empty(0, dtype=np.int32), *(y for _, y in got)])
    del got
    order = np.argsort(k, kind="stable")
    peak = 2 * (int(k.nbytes) + int(c.nbytes)) + int(order.nbytes)
    k, c = k[order], c[order]
    del order
    if len(k) == 0:
        return BucketOut(k, c, peak, time.perf_counter() - t)
    head = np.ones(len(k), dtype=bool)
    head[1:] = k[1:] != k[:-1]
    at = np.flatnonzero(head)
    tot = np.add.reduceat(c, at).astype(np.int32)
    k = k[at]
    short = np.minimum(ctx.seg_len[k // ctx.n_seg], ctx.seg_len[k % ctx.n_seg])
    keep = tot >= np.clip(short // ctx.need[2], ctx.need[0], ctx.need[1])
    return BucketOut(k[keep], tot[keep], peak, time.perf_counter() - t)


@dataclass(frozen=True, slots=True, eq=False)
class ShardedCounts:
    """``shared_counts``'s answer and what the sharding cost: the plan and peak bytes."""

    keys: np.ndarray
    counts: np.ndarray
    plan: ShardPlan
    shard_peaks: tuple[int, ...]
    bucket_peaks: tuple[int, ...]
    shard_seconds: tuple[float, ...] = ()
    bucket_seconds: tuple[float, ...] = ()


def sharded_counts(
    idx: SortedIndex,
    doc_report: np.ndarray,
    seg_len: np.ndarray,
    *,
    cap: int,
    need: tuple[int, int, int],
    executor: Executor,
    memory: int,
    workers: int = 1,
) -> ShardedCounts:
    """``pairing.shared_counts`` as shards over ``executor``, each within ``memory``."""
    ok = pairable_groups(idx, cap=cap)
    plan = plan_shards(idx, ok, memory=memory, workers=workers)
    n_seg = max(1, segment_count(idx))
    with tempfile.TemporaryDirectory(prefix="reportaudit-shards-") as tmp:
        ctx = ShardContext(doc_report, n_seg, plan.buckets, None if executor.ships else tmp)
        if executor.ships:
            jobs = ((s, shard_rows(idx, ok, g0, g1)) for s, (g0, g1) in enumerate(plan.ranges))
            outs = executor.map_lazy(
                count_shard, jobs, stage="candidates: shards", total=len(plan.ranges), shared=ctx
            )
            sizes = executor.map(_peak_of, outs, stage="candidates: shard sizes", total=len(outs))
        else:
            outs = executor.map(
                lambda s: _local_shard(ctx, idx, ok, s, plan.ranges[s]),
                range(len(plan.ranges)),
                stage="candidates: shards",
                total=len(plan.ranges),
            )
            sizes = outs
        mctx = MergeContext(seg_len, n_seg, need)
        merged = executor.reduce(
            merge_bucket, outs, range(plan.buckets), stage="candidates: merge", shared=mctx
        )
    keys = np.concatenate([np.empty(0, dtype=np.int64), *(m.keys for m in merged)])
    cnts = np.concatenate([np.empty(0, dtype=np.int32), *(m.counts for m in merged)])
    order = np.argsort(keys, kind="stable")
    return ShardedCounts(
        keys[order],
        cnts[order],
        plan,
        tuple(o.peak_bytes for o in sizes),
        tuple(m.peak_bytes for m in merged),
        tuple(o.seconds for o in sizes),
        tuple(m.seconds for m in merged),
    )


def _local_shard(
    ctx: ShardContext, idx: SortedIndex, ok: np.ndarray, s: int, rng: tuple[int, int]
) -> ShardOut:
    """A shard on a forked local worker: its rows built from the inherited index, then
    counted (the task's time includes building the rows)."""
    t = time.perf_counter()
    out = count_shard(ctx, (s, shard_rows(idx, ok, *rng)))
    return ShardOut(out.runs, out.peak_bytes, out.shard, time.perf_counter() - t)


def _peak_of(out: ShardOut) -> ShardOut:
    """A shard's result without its runs (only its size travels back)."""
    return ShardOut((), out.peak_bytes, out.shard, out.seconds)
