"""Cut a parsed Document into chunks that partition its text exactly.

Why: the op list must rebuild B from A character for character, including headings, blank
lines and anything the parser left outside paragraphs. So every section's own span (its
heading up to the next section's heading) is cut at its paragraph starts: the first chunk
is the heading (with the space up to the first paragraph), each further chunk is one
paragraph with the space after it. Chunks of all sections, in order, tile the whole text.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportaudit.structure.model import Document

__all__ = ["Chunk", "chunk_document", "section_spans"]


@dataclass(frozen=True, slots=True)
class Chunk:
    """One tile of the text: a heading chunk (``paragraph is None``) or a paragraph chunk."""

    id: int  # position in document order
    section: int
    paragraph: int | None
    start: int
    end: int
    text: str

    @property
    def heading(self) -> bool:
        """Heading chunks always pair with the heading chunk of the paired section."""
        return self.paragraph is None


def section_spans(doc: Document) -> dict[int, tuple[int, int]]:
    """Each section's own span: from its heading to the next section's heading.

    Why not ``Section.end``: that includes children; chunks must not overlap.
    """
    n = len(doc.text)
    order = sorted(doc.sections, key=lambda s: (s.heading_start, s.index))
    starts = [0 if s.index == 0 else min(max(s.heading_start, 0), n) for s in order]
    spans: dict[int, tuple[int, int]] = {}
    # Clamp to be monotone even if the parser produced something odd.
    prev = 0
    fixed: list[int] = []
    for st in starts:
        prev = max(prev, st)
        fixed.append(prev)
    if fixed:
        fixed[0] = 0
    for k, s in enumerate(order):
        end = fixed[k + 1] if k + 1 < len(order) else n
        spans[s.index] = (fixed[k], end)
    return spans


def chunk_document(doc: Document) -> list[Chunk]:
    """All chunks in document order; their spans tile ``doc.text`` with no gap or overlap."""
    spans = section_spans(doc)
    by_section: dict[int, list[tuple[int, int]]] = {}
    for p in doc.paragraphs:
        by_section.setdefault(p.section, []).append((p.start, p.index))
    chunks: list[Chunk] = []
    text = doc.text
    for sec in sorted(spans, key=lambda i: spans[i]):
        own_start, own_end = spans[sec]
        cuts: list[tuple[int, int]] = []
        last = own_start
        for start, index in sorted(by_section.get(sec, [])):
            if own_start <= start < own_end and (start > last or (start == last and not cuts)):
                cuts.append((start, index))
                last = start
        first = cuts[0][0] if cuts else own_end
        chunks.append(Chunk(len(chunks), sec, None, own_start, first, text[own_start:first]))
        for k, (start, index) in enumerate(cuts):
            end = cuts[k + 1][0] if k + 1 < len(cuts) else own_end
            chunks.append(Chunk(len(chunks), sec, index, start, end, text[start:end]))
    return chunks
