"""Phase B: turn folded spans into Passages (original spans, text, section) per document.

Why a separate phase: candidate alignment runs on folded texts kept in memory; only the
spans that survived verification need the original text and the Document. Each document
is loaded once here (in worker processes for a large scan), however many findings it has.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reportaudit.matching.citations import citation_spans
from reportaudit.matching.corpus import DocView, IndexedDoc, view
from reportaudit.matching.results import Passage

FUND_TYPES = frozenset({"projects", "transfers"})
"""Section types whose child items are separate funds or projects."""


@dataclass(frozen=True, slots=True)
class Resolved:
    """Per document: Passages by folded span, across-fund flags and citation intervals."""

    passages: dict[tuple[int, int], Passage]
    across_funds: dict[tuple[int, int], bool]
    citations: list[tuple[int, int]]


def across_funds(v: DocView, sa: int, sb: int) -> bool:
    """True when two segments sit in different items under a projects/transfers section."""
    secs = v.doc.sections
    x, y = int(v.seg_section[sa]), int(v.seg_section[sb])
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
) -> Resolved:
    """Passages for folded ``(seg, f0, f1)`` spans of one document."""
    v = v if v is not None else view(doc.load())
    d = v.doc
    cites: list[tuple[int, int]] = []
    mask = np.zeros(len(v.starts), dtype=bool)
    for s, e in citation_spans(d.text):
        lo, hi = (int(x) for x in np.searchsorted(v.starts, [s, e], side="left"))
        if hi > lo:
            cites.append((lo, hi))
            mask[lo:hi] = True
    out: dict[tuple[int, int], Passage] = {}
    paths: dict[int, str] = {}
    for seg, f0, f1 in spans:
        start, end = int(v.starts[f0]), int(v.ends[f1 - 1])
        sec = int(v.seg_section[seg])
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
            heading=bool(v.seg_heading[seg]),
            citation_chars=int(mask[f0:f1].sum()),
        )
    funds = {(a, b): across_funds(v, a, b) for a, b in seg_pairs}
    return Resolved(out, funds, cites)
