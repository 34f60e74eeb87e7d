"""Template text: what is template, and why; and the common fingerprints behind it.

What a finding *means* is decided here (``template_reason``): a passage is template when
the genre reference (``genre``: outline headings, standard phrases, each with its source)
covers at least half of it, when it is mostly found as a heading, when the user accepted it,
or when it is in at least ``template_floor`` distinct units. The floor is absolute and grows
with the store (``clamp(ceil(2 * sqrt(units)), 5, 40)``): 5 units in a store of up to 6, 13
of 40, 40 from 400 units on; 5 units for a passage under 50 characters; never 2 or 3. So a
sentence shared by two units stays a copy however small the store, and a paragraph in a
handful of a large store's units is reported as the copy ring it is. Every template finding carries its reason ("standard outline heading
…", "in 14 of 40 units").

*Common* fingerprints are a matter of cost, not of meaning. Why: a standard phrase in thousands of reports must neither be paired all-with-all
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
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from reportaudit.matching.candidates import Clusters, cluster_seeds
from reportaudit.matching.genre import reference
from reportaudit.matching.index import SortedIndex
from reportaudit.matching.normalize import fold_str
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.results import Passage
from reportaudit.matching.scoring import UNITS_SHOWN


def common_threshold(total_units: int, *, params: ReuseParams) -> int:
    """Distinct units from which a fingerprint is *common* (paired star-wise; not a label)."""
    t = params.template_units
    if total_units >= params.template_units:
        t = min(t, max(2, math.ceil(params.template_share * total_units)))
    return t


def template_floor(total_units: int, *, params: ReuseParams, chars: int | None = None) -> int:
    """Distinct units from which store frequency alone makes a passage template.

    ``clamp(ceil(2 * sqrt(units)), template_floor_min, template_floor_max)``: absolute, never
    below 5 (two or three units sharing text is a copy in any store), growing with the store
    (chance and shared consultants make wider sharing likely in a large one), capped so that
    text in 40 units is template in any store (the incremental check counts up to that).
    A passage of fewer than ``template_short_chars`` folded characters (``chars``) is
    template from ``template_floor_min`` units in any store: five units writing the same
    clause of twenty-odd characters share a stock phrase of the genre, not a copy, while
    five units holding the same paragraph in a store of a thousand may well be a copy ring.
    """
    if chars is not None and chars < params.template_short_chars:
        return params.template_floor_min
    grown = math.ceil(2.0 * math.sqrt(max(total_units, 0)))
    return min(params.template_floor_max, max(params.template_floor_min, grown))


def reference_covered(reps: Sequence[Passage], *, params: ReuseParams) -> list[int]:
    """Folded characters of each passage covered by the genre reference (one numpy pass)."""
    ref = reference(params.genre_files)
    out: list[int] = ref.covered_many([fold_str(p.text) for p in reps]).tolist()
    return out


def template_reason(
    occurrences: Sequence[Passage],
    units: int,
    total_units: int,
    *,
    params: ReuseParams,
    covered: int | None = None,
) -> str:
    """Why a family (representative first) is template text, or ``""`` when it is not.

    In order: the genre reference covers at least half of the representative; every place
    is a heading (a heading restated in the body is no outline); a phrase the user
    accepted is in it; it is in ``template_floor`` units. ``covered`` is the
    representative's reference coverage when already known (``reference_covered``): the
    entry to name is only looked up for passages it makes template.
    """
    rep = occurrences[0]
    folded = fold_str(rep.text)
    entry = None
    if covered is None or 2 * covered >= len(folded):
        covered, entry = reference(params.genre_files).coverage(folded)
    if entry is not None and 2 * covered >= len(folded):
        what = "standard outline heading" if entry.kind == "heading" else "standard phrase"
        shown = re.sub(r"\d+", "…", entry.text)  # an amount in a sentence form: any number
        return f"{what} “{shown}” ({entry.source})"
    if all(p.heading for p in occurrences):
        return f"outline heading (a heading in all {len(occurrences)} places)"
    for phrase in params.accepted_phrases:
        f = fold_str(phrase)
        if f and f in folded:
            return f"accepted phrase “{phrase}”"
    floor = template_floor(total_units, params=params, chars=rep.chars)
    short = rep.chars < params.template_short_chars
    why = f"template from {floor}" + (
        f" for a passage under {params.template_short_chars} characters" if short else ""
    )
    seen = len({p.report.unit for p in occurrences})
    if seen >= floor:
        return f"in {seen} of {total_units} units ({why})"
    if units >= floor:
        shown = f"{UNITS_SHOWN}+" if units >= UNITS_SHOWN else f"at least {units}"
        return f"mostly text found in {shown} of {total_units} units ({why})"
    return ""


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


MASK_RATIO = 8
"""``common_regions`` orders positions with a boolean mask over the folded corpus when the
mask is at most this many bytes per position (an int64 each), and by sorting otherwise."""


def common_regions(idx: SortedIndex, common: np.ndarray, *, params: ReuseParams) -> CommonRegions:
    """Runs of common fingerprints (gaps up to ``window + k``) in every document."""
    rows, _ = _common_rows(idx, common)
    if len(rows) == 0:
        e = np.empty(0, dtype=np.int64)
        return CommonRegions(e, e, e)
    # one sort of global folded positions (documents laid end to end) instead of a lexsort
    g = idx.doc_offset[idx.doc[rows]] + idx.pos[rows]
    top = int(g.max()) + 1
    if top <= MASK_RATIO * len(g):
        # positions are distinct: a mask over the folded corpus lists them in order in
        # linear time (no larger than the array it replaces), a third of the sort's time
        mark = np.zeros(top, dtype=bool)
        mark[g] = True
        del g
        g = np.flatnonzero(mark)
    else:
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
