"""Phase B: turn folded spans into Passages (original spans, text, section) per document.

Why a separate phase: candidate alignment runs on folded texts kept in memory; only the
spans that survived verification need the original text and the Document. Each document
is loaded once here (in worker processes for a large scan), however many findings it has;
the map from folded to original offsets comes from the index (``FoldMap``), so it is not
folded again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from reportaudit.matching.citations import citation_spans
from reportaudit.matching.corpus import DocView, IndexedDoc, view
from reportaudit.matching.results import Passage
from reportaudit.structure.model import Document

FUND_TYPES = frozenset({"projects", "transfers"})
"""Section types whose child items are separate funds or projects."""


@dataclass(frozen=True, slots=True)
class Resolved:
    """Per document: Passages by folded span, across-fund flags and citation intervals."""

    passages: dict[tuple[int, int], Passage]
    across_funds: dict[tuple[int, int], bool]
    citations: list[tuple[int, int]]


@dataclass(frozen=True, slots=True, eq=False)
class FoldMap:
    """What resolving needs of a folded revision, kept from fingerprinting.

    Why: resolving used to fold every revision a second time. The map back is stored
    compactly instead (about 8 KB per report): the original start of folded position ``f``
    is ``f + shift[i]`` for the last breakpoint ``bp[i] <= f`` (dropped characters only
    ever add to the shift), and its end is ``start + 1`` except at the positions in
    ``wide`` (collapsed digit runs), whose ends are ``wide_end``. ``cites`` holds the
    folded citation intervals; ``seg_section`` / ``seg_heading`` describe the segments.
    """

    length: int
    bp: np.ndarray
    shift: np.ndarray
    wide: np.ndarray
    wide_end: np.ndarray
    cites: np.ndarray
    seg_section: np.ndarray
    seg_heading: np.ndarray

    def start(self, f: int) -> int:
        """Original start of folded position ``f``."""
        i = int(np.searchsorted(self.bp, f, side="right")) - 1
        return f + int(self.shift[i])

    def end(self, f: int) -> int:
        """Original end of folded position ``f``."""
        j = int(np.searchsorted(self.wide, f, side="left"))
        if j < len(self.wide) and int(self.wide[j]) == f:
            return int(self.wide_end[j])
        return self.start(f) + 1

    def bounds(self, f0: np.ndarray, f1: np.ndarray) -> tuple[list[int], list[int]]:
        """``start(f0[i])`` and ``end(f1[i] - 1)`` of many spans at once (one search each
        over the arrays instead of two per span)."""
        f0 = np.asarray(f0, dtype=np.int64)
        last = np.asarray(f1, dtype=np.int64) - 1
        starts = f0 + self.shift[np.searchsorted(self.bp, f0, side="right") - 1].astype(np.int64)
        ends = last + self.shift[np.searchsorted(self.bp, last, side="right") - 1].astype(np.int64)
        ends += 1
        if len(self.wide):
            j = np.minimum(np.searchsorted(self.wide, last, side="left"), len(self.wide) - 1)
            hit = self.wide[j].astype(np.int64) == last
            ends = np.where(hit, self.wide_end[j].astype(np.int64), ends)
        return starts.tolist(), ends.tolist()


def fold_map(v: DocView) -> FoldMap:
    """The FoldMap of a folded revision (uint16 arrays for reports under 65,536 chars)."""
    n = len(v.starts)
    dt = np.uint16 if len(v.doc.text) < (1 << 16) else np.int64
    shift = v.starts - np.arange(n, dtype=np.int64)
    bp = np.flatnonzero(np.diff(shift)) + 1
    bp = np.concatenate([np.zeros(min(n, 1), dtype=np.int64), bp])
    wide = np.flatnonzero(v.ends != v.starts + 1)
    cites = []
    for s, e in citation_spans(v.doc.text):
        lo, hi = (int(x) for x in np.searchsorted(v.starts, [s, e], side="left"))
        if hi > lo:
            cites.append((lo, hi))
    return FoldMap(
        length=n,
        bp=bp.astype(dt),
        shift=shift[bp].astype(dt),
        wide=wide.astype(dt),
        wide_end=v.ends[wide].astype(dt),
        cites=np.array(cites, dtype=dt).reshape(-1, 2),
        seg_section=v.seg_section.astype(
            np.uint16 if len(v.doc.sections) < (1 << 16) else np.int32
        ),
        seg_heading=v.seg_heading,
    )


class _Sec(NamedTuple):
    """What resolving reads of a Section."""

    parent: int | None
    canonical: str


@dataclass(frozen=True, slots=True, eq=False)
class Outline:
    """The original text and section outline of a revision, kept from fingerprinting.

    Why: resolving used to load (read and parse) every revision with a finding a second
    time; a scan of a moderate corpus keeps this instead (two bytes a character).
    Duck-types the parts of ``Document`` that ``resolve`` reads.
    """

    text: str
    sections: tuple[_Sec, ...]
    paths: tuple[str, ...]

    def section_path_text(self, index: int) -> str:
        """As ``Document.section_path_text``."""
        return self.paths[index]


def outline(d: Document) -> Outline:
    """The Outline of a Document."""
    return Outline(
        d.text,
        tuple(_Sec(x.parent, x.canonical) for x in d.sections),
        tuple(d.section_path_text(i) for i in range(len(d.sections))),
    )


def across_funds(d: Document | Outline, seg_section: np.ndarray, sa: int, sb: int) -> bool:
    """True when two segments sit in different items under a projects/transfers section."""
    secs = d.sections
    x, y = int(seg_section[sa]), int(seg_section[sb])
    chain: set[int] = set()
    cur: int | None = x
    while cur is not None:
        chain.add(cur)
        cur = secs[cur].parent
    cur = y
    while cur is not None and cur not in chain:
        cur = secs[cur].parent
    return cur is not None and cur not in (x, y) and secs[cur].canonical in FUND_TYPES


def resolve(
    doc: IndexedDoc,
    spans: list[tuple[int, int, int]],
    seg_pairs: list[tuple[int, int]],
    v: DocView | None = None,
    fm: FoldMap | None = None,
    kept: Outline | None = None,
) -> Resolved:
    """Passages for folded ``(seg, f0, f1)`` spans of one document.

    With ``fm`` (kept by the index) the Document is loaded but not folded again; with
    ``v`` (a view already at hand) nothing is loaded; with neither, the Document is loaded
    and folded. With ``fm`` and ``kept`` (the Outline kept too) nothing is loaded.
    """
    d: Document | Outline
    if v is not None:
        d, fm = v.doc, fold_map(v)
    elif fm is not None and kept is not None:
        d = kept
    elif fm is not None:
        d = doc.load()
    else:
        v = view(doc.load())
        d, fm = v.doc, fold_map(v)
    cites: list[tuple[int, int]] = []
    mask = np.zeros(fm.length, dtype=bool)
    for lo, hi in fm.cites.tolist():
        cites.append((lo, hi))
        mask[lo:hi] = True
    cum = np.concatenate([[0], np.cumsum(mask, dtype=np.int64)]).tolist()
    out: dict[tuple[int, int], Passage] = {}
    paths: dict[int, str] = {}
    cols = np.array([(f0, f1) for _, f0, f1 in spans], dtype=np.int64).reshape(-1, 2)
    starts, ends = fm.bounds(cols[:, 0], cols[:, 1])
    for (seg, f0, f1), start, end in zip(spans, starts, ends, strict=True):
        sec = int(fm.seg_section[seg])
        if sec not in paths:
            paths[sec] = d.section_path_text(sec)
        out[(f0, f1)] = Passage(
            revision=doc.revision,
            report=doc.report,
            filename=doc.filename,
            start=start,
            end=end,
            text=d.text[start:end],
            chars=f1 - f0,
            section_path=paths[sec],
            section_type=d.sections[sec].canonical,
            heading=bool(fm.seg_heading[seg]),
            citation_chars=cum[f1] - cum[f0],
        )
    funds = {(a, b): across_funds(d, fm.seg_section, a, b) for a, b in seg_pairs}
    return Resolved(out, funds, cites)
