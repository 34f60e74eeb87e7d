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
from itertools import accumulate

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


def _best(
    blocks: list[tuple[int, int, int]], cum: list[int], chain: list[int], *, params: ReuseParams
) -> Aligned | None:
    """The longest run of a chain's anchors that is long and similar enough, if any.

    ``chain`` holds block indices of anchors; trimming weak anchors at either end (a
    coincidental word after a long gap) often turns a rejected chain into a clean passage.
    A start whose whole remaining chain matches no more than the best found so far cannot
    win, so the search stops there (the answer is the same as trying every start).
    """
    best: Aligned | None = None
    m = len(chain)
    min_chars, floor = params.min_chars, params.similarity_floor
    last_cum = cum[chain[m - 1] + 1]
    for i in range(m):
        ci = chain[i]
        if best is not None and last_cum - cum[ci] <= best.matched:
            break  # ``matched`` only falls as the start moves right or the end left
        a0, b0, _ = blocks[ci]
        ci_cum = cum[ci]
        for j in range(m - 1, i - 1, -1):
            cj = chain[j]
            aj, bj, sj = blocks[cj]
            la, lb = aj + sj - a0, bj + sj - b0
            if la < min_chars or lb < min_chars:
                break
            matched = cum[cj + 1] - ci_cum
            if 2.0 * matched / (la + lb) >= floor and (best is None or matched > best.matched):
                best = _extend(blocks, ci, cj, matched, params=params)
                break
    return best


_EDGE_GAP = 2


def _extend(
    blocks: list[tuple[int, int, int]],
    first: int,
    last: int,
    matched: int,
    *,
    params: ReuseParams,
) -> Aligned:
    """The passage of blocks ``first..last``, grown by short blocks just outside its ends.

    Why: a leading "2021年" folds to two characters ("#年"), too short to anchor a chain,
    yet it is part of the copy (and is what makes a stale year visible).
    """

    def sim(f: int, la: int, m: int) -> float:
        """Similarity of the passage from block ``f`` to block ``la`` with ``m`` matched."""
        a0, b0 = blocks[f][0], blocks[f][1]
        a1, b1 = blocks[la][0] + blocks[la][2], blocks[la][1] + blocks[la][2]
        return 2.0 * m / (a1 - a0 + b1 - b0)

    while first > 0:
        pa, pb, ps = blocks[first - 1]
        a0, b0 = blocks[first][0], blocks[first][1]
        if a0 - (pa + ps) > _EDGE_GAP or b0 - (pb + ps) > _EDGE_GAP:
            break
        if sim(first - 1, last, matched + ps) < params.similarity_floor:
            break
        first -= 1
        matched += ps
    while last + 1 < len(blocks):
        na, nb, ns = blocks[last + 1]
        a1, b1 = blocks[last][0] + blocks[last][2], blocks[last][1] + blocks[last][2]
        if na - a1 > _EDGE_GAP or nb - b1 > _EDGE_GAP:
            break
        if sim(first, last + 1, matched + ns) < params.similarity_floor:
            break
        last += 1
        matched += ns
    a0, b0 = blocks[first][0], blocks[first][1]
    a1, b1 = blocks[last][0] + blocks[last][2], blocks[last][1] + blocks[last][2]
    return Aligned(a0, a1, b0, b1, matched, round(sim(first, last, matched), 4))


def _chains(blocks: list[tuple[int, int, int]], *, params: ReuseParams) -> list[Aligned]:
    """Chain matching blocks (a, b, size) into passages; see the module docstring.

    An anchor joins the chain across a gap of at most ``max_gap``; ``_best`` then trims
    coincidental anchors off the ends. A chain whose blocks match fewer characters than
    the shortest passage could (``min_chars`` at ``similarity_floor``) is not searched.
    """
    out: list[Aligned] = []
    cum = list(accumulate([bl[2] for bl in blocks], initial=0))
    anchor_min, max_gap = params.anchor_min, params.max_gap
    least = params.min_chars * params.similarity_floor - 1e-9
    chain: list[int] = []
    end_a = end_b = 0
    for n, (a, b, size) in enumerate(blocks):
        if size < anchor_min:
            continue
        if chain and (a - end_a > max_gap or b - end_b > max_gap):
            if cum[chain[-1] + 1] - cum[chain[0]] >= least:
                found = _best(blocks, cum, chain, params=params)
                if found:
                    out.append(found)
            chain = []
        chain.append(n)
        end_a, end_b = a + size, b + size
    if chain and cum[chain[-1] + 1] - cum[chain[0]] >= least:
        found = _best(blocks, cum, chain, params=params)
        if found:
            out.append(found)
    return out


def align(text_a: str, text_b: str, *, params: ReuseParams) -> list[Aligned]:
    """Passages shared by two folded strings (coordinates relative to the strings)."""
    if not text_a or not text_b:
        return []
    blocks = [
        (m.a, m.b, m.size) for m in Indel.opcodes(text_a, text_b).as_matching_blocks() if m.size > 0
    ]
    return [_grow(x, text_a, text_b) for x in _chains(blocks, params=params)]


def _grow(x: Aligned, ta: str, tb: str) -> Aligned:
    """Extend a passage over equal characters at both ends.

    Why: an LCS may pair a boundary character (the ``#`` of a year) with an equal character
    elsewhere, leaving an equal neighbour outside the passage.
    """
    a0, a1, b0, b1, m = x.a0, x.a1, x.b0, x.b1, x.matched
    while a0 > 0 and b0 > 0 and ta[a0 - 1] == tb[b0 - 1]:
        a0, b0, m = a0 - 1, b0 - 1, m + 1
    while a1 < len(ta) and b1 < len(tb) and ta[a1] == tb[b1]:
        a1, b1, m = a1 + 1, b1 + 1, m + 1
    if m == x.matched:
        return x
    return Aligned(a0, a1, b0, b1, m, round(2.0 * m / (a1 - a0 + b1 - b0), 4))


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
