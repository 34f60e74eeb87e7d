"""Checking one new revision against an existing index, without rescanning the corpus.

Why: auditors add reports one at a time. The new revision is folded and fingerprinted, its
hashes are looked up in the sorted index (binary search), and only the seeds it produces
are clustered, aligned and resolved, so the cost depends on the new report and on what it
shares, not on the size of the corpus.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from reportaudit.matching.align import align_clusters
from reportaudit.matching.candidates import cluster_arrays
from reportaudit.matching.corpus import IndexedDoc, view
from reportaudit.matching.index import fingerprint_view
from reportaudit.matching.repeats import repeat_pairs, segment_repeats
from reportaudit.matching.results import ScanResult
from reportaudit.matching.templates import CommonRegions, common_threshold, template_floor

if TYPE_CHECKING:
    from reportaudit.matching.scan import ReuseIndex


def check_new(
    ix: ReuseIndex,
    doc: IndexedDoc,
    *,
    corpus_units: Callable[[np.ndarray], np.ndarray] | None = None,
    total_units: int | None = None,
) -> ScanResult:
    """See ``ReuseIndex.check``."""
    p, idx = ix.params, ix.index
    t0 = time.perf_counter()
    _ = ix.common_regions  # computed once per index (cached), not part of one check
    t0 = time.perf_counter()
    new = len(ix.docs)
    key = (doc.unit, doc.year, doc.kind)
    rep = next(
        (int(ix.doc_report[k]) for k, d in enumerate(ix.docs) if (d.unit, d.year, d.kind) == key),
        -1,
    )
    doc_report = np.append(ix.doc_report, rep)
    v = view(doc.load())
    fp = fingerprint_view(v, k=p.k, window=p.window)
    n = len(idx.hashes)
    keys = idx.key(fp.hashes)
    lo = np.searchsorted(idx.hashes, keys, side="left")
    hi = np.searchsorted(idx.hashes, keys, side="right")
    cnt = hi - lo
    g = idx.group_of(np.minimum(lo, max(n - 1, 0))) if n else np.zeros(len(lo), np.int64)
    units = np.where(cnt > 0, idx.group_units[g], 0) if n else np.zeros(len(lo), np.int64)
    if corpus_units is not None:
        units = np.maximum(units, corpus_units(fp.hashes))
    t_units = common_threshold(total_units or ix.total_units, params=p)
    if n:
        star = (cnt > 0) & ((idx.group_docs[g] > p.pair_docs) | (units >= t_units))
        cnt = np.where(star, 1, cnt)  # common text: compare with its first holder only
    q = np.repeat(np.arange(len(fp.hashes)), cnt)
    r = np.repeat(lo, cnt) + (np.arange(len(q)) - np.repeat(np.cumsum(cnt) - cnt, cnt))
    order = np.argsort(keys, kind="stable")
    same = np.flatnonzero(keys[order][1:] == keys[order][:-1])
    qa, qb = order[same], order[same + 1]
    cl = cluster_arrays(
        np.concatenate([idx.doc[r], np.full(len(qa), new)]).astype(np.int64),
        np.concatenate([idx.pos[r], fp.pos[qa]]).astype(np.int64),
        np.concatenate([idx.seg_of(r), fp.seg[qa]]).astype(np.int64),
        np.full(len(r) + len(qa), new, dtype=np.int64),
        np.concatenate([fp.pos[q], fp.pos[qb]]).astype(np.int64),
        np.concatenate([fp.seg[q], fp.seg[qb]]).astype(np.int64),
        np.concatenate([units[q] + 1, np.ones(len(qa), dtype=np.int64)]),
        doc_report,
        params=p,
    )
    texts = [*ix.texts, v.text]
    starts = [*ix.seg_starts, v.seg_starts]
    ends = [*ix.seg_ends, v.seg_ends]
    pairs = align_clusters(cl, texts, starts, ends, params=p)
    pairs += repeat_pairs([segment_repeats(v, fp, params=p)], offset=new)
    t_floor = template_floor(total_units or ix.total_units, params=p, chars=0)
    mine = fp.pos[units >= t_floor]
    regs = ix.common_regions
    involved = np.array(sorted({x[0] for x in pairs} | {x[4] for x in pairs}), dtype=np.int64)
    near = np.isin(regs.doc, involved)  # only the regions of revisions that matched
    merged = CommonRegions(
        np.concatenate([regs.doc[near], np.full(len(mine), new)]),
        np.concatenate([regs.f0[near], mine]),
        np.concatenate([regs.f1[near], mine + p.k]),
    )
    pairs = ix._mark_common(pairs, merged, t_floor)
    docs = [*ix.docs, doc]
    needed = {x[0] for x in pairs} | {x[4] for x in pairs}
    views = {d: (v if d == new else view(docs[d].load())) for d in needed}
    res = ix._finish(
        pairs,
        docs,
        texts,
        starts,
        ends,
        views,
        keep_revision=doc.revision,
        total_units=total_units,
    )
    stats = {**res.stats, "check_s": time.perf_counter() - t0, "candidates": float(len(cl))}
    return ScanResult(res.params, res.findings, res.families, res.summaries, stats)
