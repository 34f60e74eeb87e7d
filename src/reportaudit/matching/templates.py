"""Template text: passages whose fingerprints occur in many distinct units.

Why: a standard phrase in thousands of reports must neither be paired all-with-all
(quadratic) nor reported as thousands of copies. A hash held by at least the template
threshold of distinct units is "common". Common hashes are paired star-wise: the first
document holding the hash (the lowest number, the same for every hash of one standard
phrase) against each other holder. Those seeds are clustered and verified like any other
candidate, so template findings have exact spans, and families form around the first
holder. ``CommonRegions`` (runs of common fingerprints per document) tells how much of a
verified passage is template text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from reportaudit.matching.candidates import Clusters, cluster_seeds
from reportaudit.matching.index import SortedIndex
from reportaudit.matching.params import ReuseParams


def common_threshold(total_units: int, *, params: ReuseParams) -> int:
    """Distinct units from which a passage is template (mirrors ``scoring.is_template``)."""
    t = params.template_units
    if total_units >= params.template_units:
        t = min(t, max(2, math.ceil(params.template_share * total_units)))
    return t


@dataclass(frozen=True, slots=True, eq=False)
class CommonRegions:
    """Every run of common fingerprints: document, folded start and end (sorted)."""

    doc: np.ndarray
    f0: np.ndarray
    f1: np.ndarray

    def share(self, d: int, a0: int, a1: int) -> float:
        """Share of folded span ``[a0, a1)`` of document ``d`` inside common regions."""
        return float(self.shares(np.array([d]), np.array([a0]), np.array([a1]))[0])

    def shares(self, d: np.ndarray, a0: np.ndarray, a1: np.ndarray) -> np.ndarray:
        """Vectorised ``share`` for many spans: covered length / span length.

        Regions are laid on one line (document number in the high bits), merged where they
        overlap, and covered length below any point is read off a prefix sum.
        """
        out = np.zeros(len(d), dtype=np.float64)
        if len(self.doc) == 0 or len(d) == 0:
            return out
        g0 = (self.doc.astype(np.int64) << 32) + self.f0.astype(np.int64)
        g1 = (self.doc.astype(np.int64) << 32) + self.f1.astype(np.int64)
        order = np.argsort(g0, kind="stable")
        g0, g1 = g0[order], np.maximum.accumulate(g1[order])
        start = np.ones(len(g0), dtype=bool)
        start[1:] = g0[1:] > g1[:-1]
        heads = np.flatnonzero(start)
        m0 = g0[heads]
        m1 = np.maximum.reduceat(g1, heads)
        cum = np.concatenate([[0], np.cumsum(m1 - m0)])

        def covered(x: np.ndarray) -> np.ndarray:
            """Covered length of all regions below each point ``x``."""
            i = np.searchsorted(m0, x, side="right") - 1
            inside = np.where(
                i >= 0, np.clip(x - m0[np.maximum(i, 0)], 0, (m1 - m0)[np.maximum(i, 0)]), 0
            )
            return np.where(i >= 0, cum[np.maximum(i, 0)], 0) + inside

        q0 = (d.astype(np.int64) << 32) + a0.astype(np.int64)
        q1 = (d.astype(np.int64) << 32) + a1.astype(np.int64)
        length = np.maximum(q1 - q0, 1)
        return (covered(q1) - covered(q0)) / length


def _common_rows(idx: SortedIndex, common: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted-index rows whose hash is common, and the group of each row."""
    grp = idx.group_ids()
    rows = np.flatnonzero(common[grp])
    return rows, grp[rows]


def common_regions(idx: SortedIndex, common: np.ndarray, *, params: ReuseParams) -> CommonRegions:
    """Runs of common fingerprints (gaps up to ``window + k``) in every document."""
    rows, _ = _common_rows(idx, common)
    if len(rows) == 0:
        e = np.empty(0, dtype=np.int64)
        return CommonRegions(e, e, e)
    # one sort of global folded positions (documents laid end to end) instead of a lexsort
    g = idx.doc_offset[idx.doc[rows]] + idx.pos[rows]
    g.sort()
    d = np.searchsorted(idx.doc_offset, g, side="right") - 1
    p = g - idx.doc_offset[d]
    s = np.searchsorted(idx.seg_table, g, side="right") - 1
    brk = np.ones(len(d), dtype=bool)
    brk[1:] = (d[1:] != d[:-1]) | (s[1:] != s[:-1]) | (p[1:] - p[:-1] > params.window + params.k)
    heads = np.flatnonzero(brk)
    return CommonRegions(d[heads], p[heads], np.maximum.reduceat(p, heads) + params.k)


def template_clusters(
    idx: SortedIndex, common: np.ndarray, doc_report: np.ndarray, *, params: ReuseParams
) -> Clusters:
    """Star candidates (first holder vs each other holder) over common hashes.

    Single-seed clusters are dropped: a standard phrase of ``min_chars`` or more shares
    several fingerprints, a coincidental common k-gram only one.
    """
    rows, grp = _common_rows(idx, common)
    if len(rows) == 0:
        e = np.empty(0, dtype=np.int64)
        return Clusters(*(e,) * 10)
    first = idx.group_start[grp].astype(np.int64)
    keep = idx.doc[rows] != idx.doc[first]
    first, rows = first[keep], rows[keep]
    # All hashes of one standard phrase share their first holder, so a real occurrence
    # repeats its (first holder, holder) pair; a coincidental common k-gram does not.
    # Dropping lone pairs before clustering avoids sorting millions of useless seeds.
    pair = idx.doc[first].astype(np.int64) * (int(idx.doc.max()) + 1) + idx.doc[rows]
    _, inv, counts = np.unique(pair, return_inverse=True, return_counts=True)
    busy = counts[inv] >= 2
    groups = grp[keep][busy]
    cl = cluster_seeds(idx, first[busy], rows[busy], doc_report, params=params, groups=groups)
    m = cl.seeds >= 2
    return Clusters(**{f: getattr(cl, f)[m] for f in Clusters.__dataclass_fields__})
