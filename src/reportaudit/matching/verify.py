"""Verification: align a candidate region pair and cut out the truly shared passages.

Why: shared fingerprints only say "something is shared near here". An LCS alignment
(rapidfuzz ``Indel.opcodes``, bit-parallel C++) of the two windows gives exact matching
blocks; blocks of at least ``anchor_min`` characters chained with gaps of at most
``max_gap`` (a clause added or dropped, a few characters changed) form one passage. Its
similarity is ``2·matched / (len_a + len_b)`` over the folded spans; passages shorter
than ``min_chars`` or below ``similarity_floor`` are rejected.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

from reportaudit.matching.params import ReuseParams


@dataclass(frozen=True, slots=True)
class Aligned:
    """A verified passage pair in folded coordinates, with its similarity."""

    a0: int
    a1: int
    b0: int
    b1: int
    matched: int
    similarity: float


def _chains(blocks: list[tuple[int, int, int]], *, params: ReuseParams) -> list[Aligned]:
    """Chain matching blocks (a, b, size) into passages; see the module docstring."""
    out: list[Aligned] = []
    anchors = [bl for bl in blocks if bl[2] >= params.anchor_min]
    if not anchors:
        return out
    chain = [anchors[0]]

    def close(ch: list[tuple[int, int, int]]) -> None:
        a0, b0 = ch[0][0], ch[0][1]
        a1, b1 = ch[-1][0] + ch[-1][2], ch[-1][1] + ch[-1][2]
        la, lb = a1 - a0, b1 - b0
        if min(la, lb) < params.min_chars:
            return
        matched = sum(
            s for a, b, s in blocks if a >= a0 and a + s <= a1 and b >= b0 and b + s <= b1
        )
        sim = 2.0 * matched / (la + lb)
        if sim >= params.similarity_floor:
            out.append(Aligned(a0, a1, b0, b1, matched, round(sim, 4)))

    for bl in anchors[1:]:
        prev = chain[-1]
        ga = bl[0] - (prev[0] + prev[2])
        gb = bl[1] - (prev[1] + prev[2])
        if ga <= params.max_gap and gb <= params.max_gap:
            chain.append(bl)
        else:
            close(chain)
            chain = [bl]
    close(chain)
    return out


def align(text_a: str, text_b: str, *, params: ReuseParams) -> list[Aligned]:
    """Passages shared by two folded strings (coordinates relative to the strings)."""
    if not text_a or not text_b:
        return []
    blocks = [
        (m.a, m.b, m.size) for m in Indel.opcodes(text_a, text_b).as_matching_blocks() if m.size > 0
    ]
    return _chains(blocks, params=params)


def verify_region(
    text_a: str,
    seg_a: tuple[int, int],
    region_a: tuple[int, int],
    text_b: str,
    seg_b: tuple[int, int],
    region_b: tuple[int, int],
    *,
    params: ReuseParams,
) -> list[Aligned]:
    """Align a candidate region (widened by ``margin``, clipped to its segments).

    If a passage reaches a window edge that is not its segment's edge, the window is
    widened once more so a copy is never cut short by the window.
    """
    margin = params.margin
    for _ in range(3):
        wa0, wa1 = max(seg_a[0], region_a[0] - margin), min(seg_a[1], region_a[1] + margin)
        wb0, wb1 = max(seg_b[0], region_b[0] - margin), min(seg_b[1], region_b[1] + margin)
        found = align(text_a[wa0:wa1], text_b[wb0:wb1], params=params)
        res = [
            Aligned(x.a0 + wa0, x.a1 + wa0, x.b0 + wb0, x.b1 + wb0, x.matched, x.similarity)
            for x in found
        ]
        touches = any(
            (r.a0 - wa0 < params.anchor_min and wa0 > seg_a[0])
            or (wa1 - r.a1 < params.anchor_min and wa1 < seg_a[1])
            or (r.b0 - wb0 < params.anchor_min and wb0 > seg_b[0])
            or (wb1 - r.b1 < params.anchor_min and wb1 < seg_b[1])
            for r in res
        )
        if not touches:
            return res
        margin *= 4
    return res
