"""The scanner's view of one revision: its folded text split into comparable segments.

Why: findings are spans of paragraphs, so matching runs per segment (a body paragraph or
the title of a heading line; numbered duty lists are parsed as headings, and their text is
content too). A segment never spans two paragraphs, and every folded position maps back
to the original text through ``Folded.starts`` / ``Folded.ends``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from reportaudit.matching.normalize import fold_codes, to_codes
from reportaudit.matching.results import ReportRef
from reportaudit.structure.model import Document


@dataclass(frozen=True, slots=True, eq=False)
class IndexedDoc:
    """A revision as the scanner receives it: identity, report metadata and its Document.

    ``loader`` may replace ``document`` so a large corpus is parsed/read only when needed.
    """

    revision: str
    unit: str
    year: int | None
    kind: str
    filename: str
    document: Document | None = None
    loader: Callable[[], Document] | None = field(default=None, repr=False)

    @property
    def report(self) -> ReportRef:
        """The (unit, year, kind) the revision belongs to."""
        return ReportRef(unit=self.unit, year=self.year, kind=self.kind)

    def load(self) -> Document:
        """The Document (from ``document`` or by calling ``loader``)."""
        if self.document is not None:
            return self.document
        if self.loader is None:
            raise ValueError(f"revision {self.revision} has neither document nor loader")
        return self.loader()


@dataclass(frozen=True, slots=True, eq=False)
class DocView:
    """Folded text of one revision and its segments in folded coordinates.

    ``seg_starts``/``seg_ends`` bound each segment; ``seg_section`` is the Section index;
    ``seg_heading`` marks heading-title segments.
    """

    doc: Document
    codes: np.ndarray
    text: str
    starts: np.ndarray
    ends: np.ndarray
    seg_starts: np.ndarray
    seg_ends: np.ndarray
    seg_section: np.ndarray
    seg_heading: np.ndarray

    def segment_at(self, pos: int) -> int:
        """Index of the segment containing folded position ``pos``."""
        return int(np.searchsorted(self.seg_starts, pos, side="right") - 1)


def _spans(doc: Document) -> list[tuple[int, int, int, bool]]:
    """Original (start, end, section, is_heading) of every comparable segment, in order."""
    spans: list[tuple[int, int, int, bool]] = []
    for s in doc.sections:
        if s.index == 0 or not s.title:
            continue
        at = doc.text.find(s.title, s.heading_start, s.heading_end)
        if at >= 0:
            spans.append((at, at + len(s.title), s.index, True))
    for p in doc.paragraphs:
        spans.append((p.start, p.end, p.section, False))
    spans.sort()
    out: list[tuple[int, int, int, bool]] = []
    last_end = -1
    for sp in spans:
        if sp[0] >= last_end and sp[1] > sp[0]:
            out.append(sp)
            last_end = sp[1]
    return out


def view(doc: Document) -> DocView:
    """Fold a Document and locate its segments in the folded text."""
    vals, starts, ends = fold_codes(to_codes(doc.text))
    spans = _spans(doc)
    o_start = np.array([s[0] for s in spans], dtype=np.int64)
    o_end = np.array([s[1] for s in spans], dtype=np.int64)
    f_start = np.searchsorted(starts, o_start, side="left")
    f_end = np.searchsorted(starts, o_end, side="left")
    keep = f_end > f_start
    text = vals.astype("<u4").tobytes().decode("utf-32-le") if len(vals) else ""
    return DocView(
        doc=doc,
        codes=vals,
        text=text,
        starts=starts,
        ends=ends,
        seg_starts=f_start[keep],
        seg_ends=f_end[keep],
        seg_section=np.array([s[2] for s in spans], dtype=np.int32)[keep],
        seg_heading=np.array([s[3] for s in spans], dtype=bool)[keep],
    )
