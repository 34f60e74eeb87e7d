"""Decide which chunk of A became which chunk of B, and which of those pairs moved.

Why a separate step: pairing is the judgement part of the diff (sections first, then the
paragraphs inside each paired section, then leftovers across sections as moves); the later
steps (character diff, op list, display) only follow its decisions mechanically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from reportaudit.diff.align_paragraphs import pair_chunks, similarity
from reportaudit.diff.align_sections import SectionMatch, align_sections
from reportaudit.diff.chunks import Chunk, chunk_document
from reportaudit.diff.lis import lis_keep
from reportaudit.structure.model import Document

__all__ = ["Pairing", "pair_documents"]

REWRITE_FLOOR = 0.3
"""Least similarity for pairing a paragraph rewritten in place (one left over on each side
between the same paired neighbours)."""


@dataclass
class Pairing:
    """Mutable scratch result of pairing (kept internal; the public result is frozen).

    ``chunk_b_of_a`` maps A chunk id -> (B chunk id, score). ``moved_chunks`` holds the A
    chunk ids of paragraph pairs that moved; ``moved_sections`` the A section indices of
    section pairs that moved on their own (children carried along are not listed).
    """

    chunks_a: list[Chunk]
    chunks_b: list[Chunk]
    sections: list[SectionMatch]
    sec_b_of_a: dict[int, int]
    chunk_b_of_a: dict[int, tuple[int, float]] = field(default_factory=dict)
    moved_chunks: set[int] = field(default_factory=set)
    moved_sections: set[int] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)  # limits hit while pairing

    @property
    def chunk_a_of_b(self) -> dict[int, int]:
        """Inverse chunk map, B chunk id -> A chunk id."""
        return {b: a for a, (b, _s) in self.chunk_b_of_a.items()}


def _section_moves(a: Document, b: Document, matches: list[SectionMatch]) -> set[int]:
    """A sections whose pair is out of order, excluding children carried by a moved parent."""
    pairs = sorted(
        ((m.b_index, m.a_index) for m in matches), key=lambda p: b.sections[p[0]].heading_start
    )
    a_rank = {s.index: k for k, s in enumerate(sorted(a.sections, key=lambda s: s.heading_start))}
    keep = lis_keep([a_rank[ai] for _bi, ai in pairs])
    out_of_order = {ai for k, (_bi, ai) in enumerate(pairs) if k not in keep}
    sec_b_of_a = {m.a_index: m.b_index for m in matches}
    moved: set[int] = set()
    for ai in out_of_order:
        pa = a.sections[ai].parent
        pb = b.sections[sec_b_of_a[ai]].parent
        carried = pa is not None and pa in out_of_order and sec_b_of_a.get(pa) == pb
        if not carried:
            moved.add(ai)
    return moved


def pair_documents(
    a: Document,
    b: Document,
    *,
    section_threshold: float = 0.5,
    paragraph_threshold: float = 0.5,
    move_threshold: float = 0.8,
    move_min_length: int = 10,
) -> Pairing:
    """Pair sections, then paragraphs within sections, then leftovers across sections."""
    chunks_a = chunk_document(a)
    chunks_b = chunk_document(b)
    matches = align_sections(a, b, threshold=section_threshold)
    result = Pairing(chunks_a, chunks_b, matches, {m.a_index: m.b_index for m in matches})
    by_sec_a: dict[int, list[Chunk]] = {}
    by_sec_b: dict[int, list[Chunk]] = {}
    for c in chunks_a:
        by_sec_a.setdefault(c.section, []).append(c)
    for c in chunks_b:
        by_sec_b.setdefault(c.section, []).append(c)
    for m in matches:
        ca = by_sec_a.get(m.a_index, [])
        cb = by_sec_b.get(m.b_index, [])
        if ca and cb:  # heading chunks are first and always pair
            result.chunk_b_of_a[ca[0].id] = (cb[0].id, round(similarity(ca[0].text, cb[0].text), 4))
        pa, pb = ca[1:], cb[1:]
        found = pair_chunks(pa, pb, threshold=paragraph_threshold)
        if found.note:
            result.notes.append(f"{b.section_path_text(m.b_index)}: {found.note}")
        local = sorted(found.pairs, key=lambda t: t[1])
        keep = lis_keep([i for i, _j, _s in local])
        for k, (i, j, s) in enumerate(local):
            result.chunk_b_of_a[pa[i].id] = (pb[j].id, s)
            if k not in keep:
                result.moved_chunks.add(pa[i].id)
    paired_b = {bid for bid, _s in result.chunk_b_of_a.values()}
    left_a = [c for c in chunks_a if not c.heading and c.id not in result.chunk_b_of_a]
    left_b = [c for c in chunks_b if not c.heading and c.id not in paired_b]
    found = pair_chunks(
        left_a, left_b, threshold=move_threshold, min_length=move_min_length, containment=False
    )
    if found.note:
        result.notes.append(f"moves across sections: {found.note}")
    for i, j, s in found.pairs:
        result.chunk_b_of_a[left_a[i].id] = (left_b[j].id, s)
        result.moved_chunks.add(left_a[i].id)
    for m in matches:
        _pair_rewritten_slots(
            result, by_sec_a.get(m.a_index, [])[1:], by_sec_b.get(m.b_index, [])[1:]
        )
    result.moved_sections = _section_moves(a, b, matches)
    return result


def _pair_rewritten_slots(result: Pairing, pa: list[Chunk], pb: list[Chunk]) -> None:
    """Pair a paragraph rewritten in place: between the same paired neighbours, one paragraph
    left over on each side. Word's Compare shows that as one edited paragraph; a delete plus an
    insert at the same spot would hide that the unit rewrote its answer."""
    paired_b = {bid: aid for aid, (bid, _s) in result.chunk_b_of_a.items()}
    pos_b = {c.id: j for j, c in enumerate(pb)}
    anchors = [(-1, -1)]
    for i, c in enumerate(pa):
        hit = result.chunk_b_of_a.get(c.id)
        if hit is not None and hit[0] in pos_b and c.id not in result.moved_chunks:
            anchors.append((i, pos_b[hit[0]]))
    anchors.append((len(pa), len(pb)))
    for (i0, j0), (i1, j1) in pairwise(anchors):
        if i1 <= i0 or j1 <= j0:
            continue
        ga = [c for c in pa[i0 + 1 : i1] if c.id not in result.chunk_b_of_a]
        gb = [c for c in pb[j0 + 1 : j1] if c.id not in paired_b]
        if len(ga) == 1 and len(gb) == 1:
            score = similarity(ga[0].text, gb[0].text)
            if score >= REWRITE_FLOOR:
                result.chunk_b_of_a[ga[0].id] = (gb[0].id, round(score, 4))
