"""Entry points: ``scan`` a corpus, or ``ReuseIndex.check`` one new revision incrementally.

Why this shape: callers (CLI, TUI, store, benchmark) hand over plain ``IndexedDoc``s and get
frozen results back. The index keeps, per revision, its fingerprints, folded text and
segment bounds (not the Document); candidates are aligned on the folded texts, and only
revisions with verified passages are loaded again to resolve original spans. Loading and
fingerprinting run in worker processes (``parallel``); results do not depend on how many.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

from reportaudit.matching.align import Pair, align_clusters
from reportaudit.matching.build import Coverage, build
from reportaudit.matching.corpus import DocView, IndexedDoc, view
from reportaudit.matching.executor import Executor
from reportaudit.matching.index import (
    DocPrints,
    SortedIndex,
    build_index_packed,
    fingerprint_view,
    pack_prints,
    trim_memory,
)
from reportaudit.matching.pairing import pair_cap, segment_clusters, shared_counts
from reportaudit.matching.parallel import default_workers, iter_ordered, map_ordered
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.repeats import Repeat, repeat_pairs, segment_repeats
from reportaudit.matching.resolve import FoldMap, Outline, Resolved, fold_map, outline, resolve
from reportaudit.matching.results import Match, ReuseSummary, ScanResult
from reportaudit.matching.scoring import relation
from reportaudit.matching.templates import (
    CommonRegions,
    common_regions,
    template_floor,
)

Prepared = tuple[DocPrints, str, np.ndarray, np.ndarray]


def prepare(doc: IndexedDoc, *, params: ReuseParams) -> Prepared:
    """Load, fold and fingerprint one revision (what the index keeps of it)."""
    v = view(doc.load())
    return fingerprint_view(v, k=params.k, window=params.window), v.text, v.seg_starts, v.seg_ends


KEEP_OUTLINES = 5000
"""Up to this many revisions, a scan keeps each one's original text and outline from
fingerprinting, so resolving findings loads nothing again (about 30 MiB per 1,000 reports);
larger scans load the revisions with findings a second time instead."""


def _for_index(
    doc: IndexedDoc, *, params: ReuseParams, keep: bool = False
) -> tuple[DocPrints, str, np.ndarray, np.ndarray, FoldMap, list[Repeat], Outline | None]:
    """``prepare`` with segment numbers as uint16 (2 bytes per fingerprint in the index),
    plus the revision's FoldMap (so resolving does not fold it again), its verified
    repeats inside single segments (``repeats``: they need no index) and, with ``keep``,
    its Outline (so resolving does not load it again)."""
    v = view(doc.load())
    prints = fingerprint_view(v, k=params.k, window=params.window)
    reps = segment_repeats(v, prints, params=params)
    starts = v.seg_starts
    seg = prints.seg.astype(np.uint16) if len(starts) < 65535 else prints.seg
    kept = outline(v.doc) if keep else None
    dp = DocPrints(prints.hashes, prints.pos, seg)
    return dp, v.text, starts, v.seg_ends, fold_map(v), reps, kept


Batch = tuple[
    DocPrints,
    np.ndarray,
    list[str],
    list[np.ndarray],
    list[np.ndarray],
    list[FoldMap],
    list[list[Repeat]],
    list[Outline | None],
]


def _batch(
    docs: Sequence[IndexedDoc], lo: int, hi: int, *, params: ReuseParams, keep: bool = False
) -> Batch:
    """``_for_index`` of documents ``lo..hi``, their fingerprints packed into three arrays.

    Why packed in the worker: a few large arrays per batch pickle faster than three small
    ones per document, and the parent never holds 40M fingerprints as 30k small arrays.
    """
    got = [_for_index(docs[i], params=params, keep=keep) for i in range(lo, hi)]
    packed, sizes = pack_prints([x[0] for x in got])
    texts = [x[1] for x in got]
    starts = [x[2] for x in got]
    ends = [x[3] for x in got]
    maps, reps, kept = [x[4] for x in got], [x[5] for x in got], [x[6] for x in got]
    return packed, sizes, texts, starts, ends, maps, reps, kept


def _grow(a: np.ndarray, cap: int, used: int) -> np.ndarray:
    """A larger uninitialised array holding ``a[:used]``."""
    if cap <= len(a):
        return a
    out = np.empty(cap, dtype=a.dtype)
    out[:used] = a[:used]
    return out


def _peak_mib() -> float:
    """Peak resident memory of this process so far (MiB; Linux reports KiB)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ids(docs: Sequence[IndexedDoc]) -> tuple[np.ndarray, np.ndarray]:
    """Dense unit and report numbers per document (for frequencies and same-report pairs)."""
    units: dict[str, int] = {}
    reports: dict[tuple[str, int | None, str], int] = {}
    u = [units.setdefault(d.unit or d.revision, len(units)) for d in docs]
    r = [reports.setdefault((d.unit or d.revision, d.year, d.kind), len(reports)) for d in docs]
    return np.array(u, dtype=np.int64), np.array(r, dtype=np.int64)


class ReuseIndex:
    """A fingerprinted corpus that can be scanned in full or asked about one new revision."""

    def __init__(
        self,
        docs: Sequence[IndexedDoc],
        *,
        params: ReuseParams | None = None,
        workers: int | None = None,
        executor: Executor | None = None,
        memory: int | None = None,
    ) -> None:
        """Fingerprint every document (each is loaded and folded once).

        ``executor`` / ``memory``: run the candidate stage sharded by hash range on that
        executor (local workers or a Dask cluster), each shard within ``memory`` bytes
        (``shards``). A local executor without ``memory`` only reports progress: the
        unsharded stage runs as before.
        """
        self.params = params or ReuseParams()
        self.workers = default_workers() if workers is None else workers
        self.executor = executor
        self.memory = memory
        # A canonical order (by unit, then year) makes results independent of input order
        # and lets the index count the distinct units of a hash without sorting again.
        self.docs = sorted(
            docs,
            key=lambda d: (d.unit or d.revision, d.year if d.year is not None else 0, d.revision),
        )
        self.stats: dict[str, float] = {}
        t = time.perf_counter()
        p = self.params
        n = len(self.docs)
        step = max(1, min(64, n // 128))
        bounds = [(lo, min(n, lo + step)) for lo in range(0, n, step)]
        docs = self.docs
        self.texts: list[str] = []
        self.seg_starts: list[np.ndarray] = []
        self.seg_ends: list[np.ndarray] = []
        self.fold_maps: list[FoldMap] = []
        self.repeats: list[list[Repeat]] = []
        self.outlines: list[Outline | None] = []
        keep = n <= KEEP_OUTLINES
        holder, sizes = self._gather_prints(
            iter_ordered(
                lambda b: _batch(docs, b[0], b[1], params=p, keep=keep),
                bounds,
                workers=self.workers,
            ),
            n,
        )
        self.doc_unit, self.doc_report = _ids(self.docs)
        self.stats["fingerprint_s"] = time.perf_counter() - t
        self._tell("fingerprint", n)
        self.stats["fingerprint_peak_mib"] = _peak_mib()
        t = time.perf_counter()
        lengths = np.array([len(x) for x in self.texts], dtype=np.int64)
        self.index: SortedIndex = build_index_packed(
            holder, sizes, self.doc_unit, self.seg_starts, lengths
        )
        trim_memory()
        self.stats["index_s"] = time.perf_counter() - t
        self.stats["index_peak_mib"] = _peak_mib()
        self.stats["fingerprints"] = float(len(self.index.hashes))
        self._tell("index", n)
        self._common: CommonRegions | None = None

    def _gather_prints(
        self, batches: Iterator[Batch], n_docs: int
    ) -> tuple[list[DocPrints], np.ndarray]:
        """Copy each batch's fingerprints into one set of arrays as the batches arrive.

        Why: holding every batch until all are done, then concatenating, needs the 40M
        fingerprints of 10,000 reports twice. The arrays are allocated with room to spare
        (pages never written are not resident) and grown if a corpus outruns the estimate.
        Texts and segment bounds are appended to the index as they come.
        """
        hashes = np.empty(0, dtype=np.uint64)
        pos = np.empty(0, dtype=np.int32)
        seg = np.empty(0, dtype=np.int32)
        seg_dt: np.dtype[Any] | None = None
        full_seg = True
        sizes: list[np.ndarray] = []
        at = done = 0
        for q, sz, texts, starts, ends, maps, reps, kept in batches:
            self.fold_maps.extend(maps)
            self.repeats.extend(reps)
            self.outlines.extend(kept)
            self.texts.extend(texts)
            self.seg_starts.extend(starts)
            self.seg_ends.extend(ends)
            sizes.append(sz)
            done += len(sz)
            m = len(q.hashes)
            full_seg &= len(q.seg) == m
            if seg_dt is None or q.seg.dtype != seg_dt:
                seg_dt = np.result_type(seg_dt or q.seg.dtype, q.seg.dtype)
            if at + m > len(hashes) or seg.dtype != seg_dt:
                # twice the projected total: untouched pages cost no memory
                cap = max(at + m, 2 * (at + m) * n_docs // max(done, 1), 1024)
                hashes = _grow(hashes, cap, at)
                pos = _grow(pos, cap, at)
                seg = _grow(seg.astype(seg_dt) if seg.dtype != seg_dt else seg, cap, at)
            hashes[at : at + m] = q.hashes
            pos[at : at + m] = q.pos
            if full_seg:
                seg[at : at + m] = q.seg
            at += m
            del q
        trim_memory()
        size = np.concatenate(sizes) if sizes else np.empty(0, dtype=np.int64)
        return [DocPrints(hashes[:at], pos[:at], seg[:at] if full_seg else seg[:0])], size

    @property
    def common_regions(self) -> CommonRegions:
        """Runs of fingerprints held by the smallest template floor of units (that of short
        passages) in every document (computed once, then cached)."""
        if self._common is None:
            t = template_floor(self.total_units, params=self.params, chars=0)
            common = self.index.group_units >= t
            self._common = common_regions(self.index, common, params=self.params)
        return self._common

    @property
    def pair_cap(self) -> int:
        """Most documents a hash that pairs segments may be held by (``pairing.pair_cap``)."""
        p = self.params
        return pair_cap(len(self.docs), pair_docs=p.pair_docs, pair_docs_sqrt=p.pair_docs_sqrt)

    @property
    def total_units(self) -> int:
        """Distinct units in the corpus."""
        return int(self.doc_unit.max()) + 1 if len(self.doc_unit) else 0

    def scan(self) -> ScanResult:
        """All findings among the indexed documents."""
        p = self.params
        t = time.perf_counter()
        # Which hashes are too common to pair is decided here, before verification: text
        # held by more than ``pair_cap`` documents is template or chance-common prose.
        seg_start = np.concatenate([np.zeros(0, np.int64), *self.seg_starts]).astype(np.int64)
        seg_end = np.concatenate([np.zeros(0, np.int64), *self.seg_ends]).astype(np.int64)
        # a segment of L folded characters holds about (L - k + 1) * 2 / (window + 1)
        # fingerprints; a pair must share about half as many, up to ``min_shared``
        seg_len = seg_end - seg_start - p.k + 1
        need = (p.min_seeds, p.min_shared, p.window + 1)
        if self.memory is not None or (self.executor is not None and self.executor.ships):
            keys, counts = self._sharded_counts(seg_len, need)
        else:
            keys, counts = shared_counts(
                self.index,
                self.doc_report,
                seg_len,
                cap=self.pair_cap,
                need=need,
                workers=self.workers,
            )
        keys, counts = self._without_stock_phrases(keys, counts)
        cl = segment_clusters(self.index, keys, counts, seg_start, seg_end, self.doc_unit)
        del keys, counts
        trim_memory()
        self.stats["pair_cap"] = float(self.pair_cap)
        self.stats["candidates_s"] = time.perf_counter() - t
        self.stats["candidates_peak_mib"] = _peak_mib()
        self.stats["candidates"] = float(len(cl))
        self._tell("candidates", len(cl))
        t = time.perf_counter()
        pairs = align_clusters(
            cl,
            self.texts,
            self.seg_starts,
            self.seg_ends,
            params=p,
            workers=self.workers,
        )
        self.stats["align_s"] = time.perf_counter() - t
        self.stats["align_peak_mib"] = _peak_mib()
        self._tell("verify", len(pairs))
        pairs += repeat_pairs(self.repeats)
        pairs = self._mark_common(pairs, self.common_regions)
        return self._finish(pairs, self.docs, self.texts, self.seg_starts, self.seg_ends, {})

    def _without_stock_phrases(
        self, keys: np.ndarray, counts: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Candidate pairs minus those that can only be a stock phrase (template), decided
        before verification.

        A pair sharing fewer than ``stock_shared`` fingerprints (what an exact run of about 22 folded characters holds),
        none of them rarer than the short-passage template floor (each is held by at least
        ``template_floor_min`` units), can only verify as a short clause made of common
        text: a stock phrase, template by ``template_floor`` whatever the alignment says.
        Generated prose shares hundreds of thousands of such clauses once the pair cap grows
        with the corpus; aligning them would be most of the scan. A pair sharing one rarer
        fingerprint, or ``stock_shared`` fingerprints, is verified as before. The number
        left out is ``stats["stock_skipped"]``.
        """
        p = self.params
        weak = counts < p.stock_shared
        self.stats["stock_skipped"] = 0.0
        if not weak.any():
            return keys, counts
        from reportaudit.matching.pairing import count_pairs, pairable_groups

        t = template_floor(self.total_units, params=p, chars=0)
        idx = self.index
        rarer = pairable_groups(idx, cap=self.pair_cap) & (idx.group_units < t)
        # the pairs sharing at least one such rarer hash
        ones = np.ones(max(1, len(idx.seg_table)), dtype=np.int64)
        rare_keys, _ = count_pairs(
            idx, self.doc_report, ones, rarer, rare=(), need=(1, 1, 1), workers=self.workers
        )
        keep = ~weak | np.isin(keys, rare_keys, assume_unique=True)
        self.stats["stock_skipped"] = float(len(keys) - int(keep.sum()))
        return keys[keep], counts[keep]

    def _tell(self, stage: str, n: int) -> None:
        """Report a finished stage to the executor's progress callback (if any)."""
        if self.executor is not None:
            self.executor.progress(stage, n, n)

    def _sharded_counts(
        self, seg_len: np.ndarray, need: tuple[int, int, int]
    ) -> tuple[np.ndarray, np.ndarray]:
        """The candidate stage as hash-range shards (``shards``); records the plan."""
        from reportaudit.matching.executor import LocalExecutor
        from reportaudit.matching.shards import DEFAULT_MEMORY, sharded_counts

        ex = self.executor or LocalExecutor(self.workers)
        got = sharded_counts(
            self.index,
            self.doc_report,
            seg_len,
            cap=self.pair_cap,
            need=need,
            executor=ex,
            memory=self.memory or DEFAULT_MEMORY,
            workers=self.workers,
        )
        self.stats["shards"] = float(len(got.plan.ranges))
        self.stats["buckets"] = float(got.plan.buckets)
        self.stats["shard_peak_mib"] = max(got.shard_peaks, default=0) / 2**20
        self.stats["bucket_peak_mib"] = max(got.bucket_peaks, default=0) / 2**20
        # task times, for projecting the stage onto more machines
        self.stats["shard_task_s"] = sum(got.shard_seconds)
        self.stats["shard_task_max_s"] = max(got.shard_seconds, default=0.0)
        self.stats["merge_task_s"] = sum(got.bucket_seconds)
        return got.keys, got.counts

    def _mark_common(
        self, pairs: list[Pair], regions: CommonRegions, threshold: int | None = None
    ) -> list[Pair]:
        """Raise a pair's unit frequency to the template floor when most of it is template.

        A pair found through rare k-grams (a coincidental word next to a standard phrase)
        is still template text if most of its characters are template text.
        """
        t = threshold or template_floor(self.total_units, params=self.params, chars=0)
        if not pairs:
            return pairs
        cols = np.array([x[:8] for x in pairs], dtype=np.int64)
        share = np.minimum(
            regions.shares(cols[:, 0], cols[:, 2], cols[:, 3]),
            regions.shares(cols[:, 4], cols[:, 6], cols[:, 7]),
        )
        return [
            (*x[:10], max(x[10], t)) if sh >= 0.5 else x
            for x, sh in zip(pairs, share.tolist(), strict=True)
        ]

    def _finish(
        self,
        pairs: list[Pair],
        docs: Sequence[IndexedDoc],
        texts: Sequence[str],
        seg_starts: Sequence[np.ndarray],
        seg_ends: Sequence[np.ndarray],
        views: dict[int, DocView],
        keep_revision: str | None = None,
        total_units: int | None = None,
    ) -> ScanResult:
        """Resolve verified pairs to Passages, then rank, group and summarise them."""
        p = self.params
        t = time.perf_counter()
        spans: dict[int, set[tuple[int, int, int]]] = defaultdict(set)
        seg_pairs: dict[int, set[tuple[int, int]]] = defaultdict(set)
        for da, sa, a0, a1, db, sb, b0, b1, *_ in pairs:
            spans[da].add((sa, a0, a1))
            spans[db].add((sb, b0, b1))
            if da == db:
                seg_pairs[da].add((sa, sb))
        items = [(d, sorted(spans[d]), sorted(seg_pairs[d])) for d in sorted(spans)]
        res: list[Resolved] = map_ordered(
            lambda it: resolve(
                docs[it[0]],
                it[1],
                it[2],
                views.get(it[0]),
                None if views else self.fold_maps[it[0]],
                None if views else self.outlines[it[0]],
            ),
            items,
            workers=self.workers if not views else 1,
        )
        got = {it[0]: r for it, r in zip(items, res, strict=True)}
        self.stats["resolve_s"] = time.perf_counter() - t
        self.stats["resolve_peak_mib"] = _peak_mib()
        t = time.perf_counter()
        coverage: dict[str, Coverage] = {}
        for d, r in got.items():
            chars = int((seg_ends[d] - seg_starts[d]).sum())
            coverage[docs[d].revision] = Coverage(chars, (len(texts[d]), r.citations), [])
        matches: list[Match] = []
        for da, sa, a0, a1, db, sb, b0, b1, sim, seeds, df in pairs:
            a, b = docs[da], docs[db]
            rel = relation(a.report, a.revision, b.report, b.revision)
            if rel == "within_report" and got[da].across_funds.get((sa, sb)):
                rel = "within_report_across_funds"
            mi = len(matches)
            matches.append(
                Match(got[da].passages[(a0, a1)], got[db].passages[(b0, b1)], sim, seeds, df, rel)
            )
            coverage[a.revision].spans.append((a0, a1, b.revision, mi))
            coverage[b.revision].spans.append((b0, b1, a.revision, mi))
        units = total_units or self.total_units
        findings, families, sums = build(matches, coverage, units, params=p)
        if keep_revision is not None:
            sums = [s for s in sums if s.revision == keep_revision]
        sums = _with_unmatched(sums, docs, seg_starts, seg_ends, keep_revision)
        self.stats["build_s"] = time.perf_counter() - t
        self.stats["build_peak_mib"] = _peak_mib()
        self.stats["matches"] = float(len(matches))
        return ScanResult(p, tuple(findings), tuple(families), tuple(sums), dict(self.stats))

    def check(
        self,
        doc: IndexedDoc,
        *,
        corpus_units: Callable[[np.ndarray], np.ndarray] | None = None,
        total_units: int | None = None,
    ) -> ScanResult:
        """Findings between one new revision and the indexed corpus (and within itself).

        ``corpus_units`` / ``total_units`` let a caller that indexed only some candidate
        revisions (the store) supply corpus-wide unit frequencies for template decisions.
        """
        from reportaudit.matching.incremental import check_new

        return check_new(self, doc, corpus_units=corpus_units, total_units=total_units)


def _with_unmatched(
    sums: list[ReuseSummary],
    docs: Sequence[IndexedDoc],
    seg_starts: Sequence[np.ndarray],
    seg_ends: Sequence[np.ndarray],
    keep_revision: str | None,
) -> list[ReuseSummary]:
    """``sums`` plus a 0 % summary for every scanned revision nothing was found in.

    Why: a revision without a summary reads as "not scanned"; one that was scanned and
    shares nothing is the good news an auditor is looking for (复制比 0 %).
    """
    have = {s.revision for s in sums}
    extra = [
        ReuseSummary(
            revision=d.revision,
            chars=int((seg_ends[i] - seg_starts[i]).sum()),
            covered=0,
            covered_excluding_template=0,
            share=0.0,
            share_excluding_template=0.0,
            top_sources=(),
        )
        for i, d in enumerate(docs)
        if d.revision not in have and keep_revision in (None, d.revision)
    ]
    return sorted([*sums, *extra], key=lambda s: s.revision)


def scan(
    docs: Sequence[IndexedDoc],
    *,
    params: ReuseParams | None = None,
    workers: int | None = None,
    executor: Executor | None = None,
    memory: int | None = None,
) -> ScanResult:
    """Find reused passages among ``docs`` (the one-call form of ``ReuseIndex(...).scan()``)."""
    return ReuseIndex(docs, params=params, workers=workers, executor=executor, memory=memory).scan()
