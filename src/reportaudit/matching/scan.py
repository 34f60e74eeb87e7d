"""Entry points: ``scan`` a corpus, or ``ReuseIndex.check`` one new revision incrementally.

Why this shape: callers (CLI, TUI, store, benchmark) hand over plain ``IndexedDoc``s and get
frozen results back. The scan fingerprints each revision once, keeps only the fingerprints
(not the folded texts) in memory, groups them by hash, and re-folds just the revisions that
have candidates when verifying them.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from reportaudit.matching.build import Coverage, build
from reportaudit.matching.candidates import Clusters, cluster_arrays, cluster_seeds, seed_pairs
from reportaudit.matching.citations import citation_mask
from reportaudit.matching.corpus import DocView, IndexedDoc, view
from reportaudit.matching.index import DocPrints, SortedIndex, build_index, fingerprint_view
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.results import Match, Passage, ScanResult
from reportaudit.matching.scoring import relation
from reportaudit.matching.verify import verify_region

FUND_TYPES = frozenset({"projects", "transfers"})
"""Section types whose child items are separate funds or projects."""


class _Views:
    """A small LRU cache of folded views, so verification re-folds each revision rarely."""

    def __init__(self, docs: Sequence[IndexedDoc], size: int = 256) -> None:
        self.docs = docs
        self.size = size
        self.cache: OrderedDict[int, DocView] = OrderedDict()

    def get(self, d: int) -> DocView:
        """The view of document number ``d``."""
        v = self.cache.get(d)
        if v is None:
            v = view(self.docs[d].load())
            self.cache[d] = v
            if len(self.cache) > self.size:
                self.cache.popitem(last=False)
        else:
            self.cache.move_to_end(d)
        return v


def _passage(doc: IndexedDoc, v: DocView, seg: int, f0: int, f1: int, cites: np.ndarray) -> Passage:
    """The Passage for folded span ``[f0, f1)`` of segment ``seg``."""
    start, end = int(v.starts[f0]), int(v.ends[f1 - 1])
    sec = int(v.seg_section[seg])
    d = v.doc
    return Passage(
        revision=doc.revision,
        report=doc.report,
        filename=doc.filename,
        start=start,
        end=end,
        text=d.text[start:end],
        chars=f1 - f0,
        section_path=d.section_path_text(sec),
        section_type=d.sections[sec].canonical,
        heading=bool(v.seg_heading[seg]),
        citation_chars=int(cites[f0:f1].sum()),
    )


def _relation(a: IndexedDoc, va: DocView, sa: int, b: IndexedDoc, vb: DocView, sb: int) -> str:
    """Relation, distinguishing repeats across funds (different top-level items) in a report."""
    rel = relation(a.report, a.revision, b.report, b.revision)
    if rel == "within_report":
        secs = va.doc.sections
        x, y = int(va.seg_section[sa]), int(vb.seg_section[sb])
        chain: list[int] = []
        cur: int | None = x
        while cur is not None:
            chain.append(cur)
            cur = secs[cur].parent
        cur = y
        while cur is not None and cur not in chain:
            cur = secs[cur].parent
        # the nearest common ancestor lists funds/projects, and the two passages sit in
        # different items under it (not in the ancestor's own text)
        if cur is not None and cur not in (x, y) and secs[cur].canonical in FUND_TYPES:
            return "within_report_across_funds"
    return rel


def verify_clusters(
    docs: Sequence[IndexedDoc],
    cl: Clusters,
    views: _Views,
    coverage: dict[str, Coverage],
    *,
    params: ReuseParams,
) -> list[Match]:
    """Verify every candidate region; dedupe passages found twice in one segment pair."""
    matches: list[Match] = []
    seen: dict[tuple[int, int, int, int], list[tuple[int, int, int, int]]] = {}
    order = np.lexsort((cl.a0, cl.sb, cl.db, cl.sa, cl.da))
    cites: dict[int, np.ndarray] = {}
    for c in order:
        da, db, sa, sb = int(cl.da[c]), int(cl.db[c]), int(cl.sa[c]), int(cl.sb[c])
        va, vb = views.get(da), views.get(db)
        found = verify_region(
            va.text,
            (int(va.seg_starts[sa]), int(va.seg_ends[sa])),
            (int(cl.a0[c]), int(cl.a1[c])),
            vb.text,
            (int(vb.seg_starts[sb]), int(vb.seg_ends[sb])),
            (int(cl.b0[c]), int(cl.b1[c])),
            params=params,
        )
        key = (da, sa, db, sb)
        for al in found:
            prev = seen.setdefault(key, [])
            if any(al.a0 < q[1] and q[0] < al.a1 and al.b0 < q[3] and q[2] < al.b1 for q in prev):
                continue
            prev.append((al.a0, al.a1, al.b0, al.b1))
            for d, v in ((da, va), (db, vb)):
                if d not in cites:
                    cites[d] = citation_mask(v.doc.text, v.starts)
                rev = docs[d].revision
                if rev not in coverage:
                    chars = int((v.seg_ends - v.seg_starts).sum())
                    coverage[rev] = Coverage(chars, cites[d], [])
            a, b = docs[da], docs[db]
            mi = len(matches)
            matches.append(
                Match(
                    a=_passage(a, va, sa, al.a0, al.a1, cites[da]),
                    b=_passage(b, vb, sb, al.b0, al.b1, cites[db]),
                    similarity=al.similarity,
                    seeds=int(cl.seeds[c]),
                    unit_df=int(cl.df[c]),
                    relation=_relation(a, va, sa, b, vb, sb),
                )
            )
            coverage[a.revision].spans.append((al.a0, al.a1, b.revision, mi))
            coverage[b.revision].spans.append((al.b0, al.b1, a.revision, mi))
    return matches


def _ids(docs: Sequence[IndexedDoc]) -> tuple[np.ndarray, np.ndarray]:
    """Dense unit and report numbers per document (for frequencies and same-report pairs)."""
    units: dict[str, int] = {}
    reports: dict[tuple[str, int | None, str], int] = {}
    u = np.array([units.setdefault(d.unit or d.revision, len(units)) for d in docs], dtype=np.int64)
    r = np.array(
        [reports.setdefault((d.unit or d.revision, d.year, d.kind), len(reports)) for d in docs],
        dtype=np.int64,
    )
    return u, r


class ReuseIndex:
    """A fingerprinted corpus that can be scanned in full or asked about one new revision."""

    def __init__(self, docs: Sequence[IndexedDoc], *, params: ReuseParams | None = None) -> None:
        """Fingerprint every document (each is loaded and folded once, then released)."""
        self.params = params or ReuseParams()
        self.docs = list(docs)
        self.stats: dict[str, float] = {}
        t = time.perf_counter()
        prints: list[DocPrints] = []
        for d in self.docs:
            v = view(d.load())
            prints.append(fingerprint_view(v, k=self.params.k, window=self.params.window))
        self.doc_unit, self.doc_report = _ids(self.docs)
        self.stats["fingerprint_s"] = time.perf_counter() - t
        t = time.perf_counter()
        self.index: SortedIndex = build_index(prints, self.doc_unit)
        self.stats["index_s"] = time.perf_counter() - t
        self.stats["fingerprints"] = float(len(self.index.hashes))

    @property
    def total_units(self) -> int:
        """Distinct units in the corpus."""
        return int(self.doc_unit.max()) + 1 if len(self.doc_unit) else 0

    def scan(self) -> ScanResult:
        """All findings among the indexed documents."""
        p = self.params
        t = time.perf_counter()
        i, j = seed_pairs(self.index, pair_docs=p.pair_docs)
        cl = cluster_seeds(self.index, i, j, self.doc_report, params=p)
        del i, j
        self.stats["candidates_s"] = time.perf_counter() - t
        self.stats["candidates"] = float(len(cl))
        t = time.perf_counter()
        coverage: dict[str, Coverage] = {}
        matches = verify_clusters(self.docs, cl, _Views(self.docs), coverage, params=p)
        self.stats["verify_s"] = time.perf_counter() - t
        self.stats["matches"] = float(len(matches))
        t = time.perf_counter()
        findings, families, sums = build(matches, coverage, self.total_units, params=p)
        self.stats["build_s"] = time.perf_counter() - t
        return ScanResult(p, tuple(findings), tuple(families), tuple(sums), dict(self.stats))

    def check(self, doc: IndexedDoc) -> ScanResult:
        """Findings between one new revision and the indexed corpus (and within itself)."""
        p, idx = self.params, self.index
        t = time.perf_counter()
        docs = [*self.docs, doc]
        new = len(self.docs)
        unit = next(
            (int(self.doc_unit[k]) for k, d in enumerate(self.docs) if d.unit == doc.unit),
            self.total_units,
        )
        rep = next(
            (
                int(self.doc_report[k])
                for k, d in enumerate(self.docs)
                if (d.unit, d.year, d.kind) == (doc.unit, doc.year, doc.kind)
            ),
            int(self.doc_report.max(initial=-1)) + 1,
        )
        doc_report = np.append(self.doc_report, rep)
        v = view(doc.load())
        fp = fingerprint_view(v, k=p.k, window=p.window)
        lo = np.searchsorted(idx.hashes, fp.hashes, side="left")
        hi = np.searchsorted(idx.hashes, fp.hashes, side="right")
        g = idx.group_of(np.minimum(lo, max(len(idx.hashes) - 1, 0)))
        cnt = np.where(hi > lo, hi - lo, 0)
        big = (cnt > 0) & (idx.group_docs[g] > p.pair_docs) if len(idx.hashes) else cnt > 0
        cnt = np.where(big, 1, cnt)
        q = np.repeat(np.arange(len(fp.hashes)), cnt)
        starts = np.repeat(lo, cnt)
        within = np.arange(len(q)) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        r = starts + within
        df = idx.group_units[g[q]] + (idx.doc[r] >= 0)  # the new revision adds itself
        # also seeds within the new revision itself
        order = np.argsort(fp.hashes, kind="stable")
        hs = fp.hashes[order]
        same = np.flatnonzero(hs[1:] == hs[:-1])
        da = np.concatenate([idx.doc[r], np.full(len(same), new)]).astype(np.int64)
        pa = np.concatenate([idx.pos[r], fp.pos[order[same]]]).astype(np.int64)
        sa = np.concatenate([idx.seg[r], fp.seg[order[same]]]).astype(np.int64)
        db = np.full(len(da), new, dtype=np.int64)
        pb = np.concatenate([fp.pos[q], fp.pos[order[same + 1]]]).astype(np.int64)
        sb = np.concatenate([fp.seg[q], fp.seg[order[same + 1]]]).astype(np.int64)
        dfs = np.concatenate([df, np.ones(len(same), dtype=np.int64)])
        cl = cluster_arrays(da, pa, sa, db, pb, sb, dfs, doc_report, params=p)
        views = _Views(docs)
        views.cache[new] = v
        coverage: dict[str, Coverage] = {}
        matches = verify_clusters(docs, cl, views, coverage, params=p)
        total = self.total_units + (1 if unit == self.total_units else 0)
        findings, families, sums = build(matches, coverage, total, params=p)
        sums = [s for s in sums if s.revision == doc.revision]
        stats = {"check_s": time.perf_counter() - t, "candidates": float(len(cl))}
        return ScanResult(p, tuple(findings), tuple(families), tuple(sums), stats)


def scan(docs: Sequence[IndexedDoc], *, params: ReuseParams | None = None) -> ScanResult:
    """Find reused passages among ``docs`` (the one-call form of ``ReuseIndex(...).scan()``)."""
    return ReuseIndex(docs, params=params).scan()
