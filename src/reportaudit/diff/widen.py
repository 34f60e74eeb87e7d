"""Widen character edits to whole figures: 执行率[-100%-]{+93.85%+}, not 执行率[-100-]{+93.85+}%.

Why: a minimal character diff happily keeps digits that happen to coincide ("9[-5-]{+6+}%",
"[-86-]{+92+}0人次"), which an auditor has to reassemble in their head and may misread. Any
figure that an edit touches is therefore taken out of the surrounding equal runs on both
sides, so it is shown deleted and re-inserted as a whole. The edit stays exact.
"""

from __future__ import annotations

from reportaudit.figures import find_figures

__all__ = ["widen_to_figures"]

Block = tuple[int, int, int]  # (a_pos, b_pos, length) of an equal run, passage-relative


def _blocks(diffs: list[tuple[int, str]]) -> list[Block]:
    """Equal runs of a diff-match-patch diff as (a_pos, b_pos, length)."""
    out: list[Block] = []
    pa = pb = 0
    for kind, text in diffs:
        n = len(text)
        if kind == 0:
            out.append((pa, pb, n))
            pa += n
            pb += n
        elif kind < 0:
            pa += n
        else:
            pb += n
    return out


def _cut(blocks: list[Block], start: int, end: int, side: int) -> list[Block]:
    """Remove [start, end) (in A when side == 0, else in B) from every equal run."""
    out: list[Block] = []
    for a, b, n in blocks:
        s = a if side == 0 else b
        lo, hi = max(s, start), min(s + n, end)
        if lo >= hi:
            out.append((a, b, n))
            continue
        if lo > s:
            out.append((a, b, lo - s))
        if hi < s + n:
            k = hi - s
            out.append((a + k, b + k, n - k))
    return out


def _touched(blocks: list[Block], start: int, end: int, side: int) -> bool:
    """Whether [start, end) is not wholly inside one equal run."""
    for a, b, n in blocks:
        s = a if side == 0 else b
        if s <= start and end <= s + n:
            return False
    return True


def widen_to_figures(a: str, b: str, diffs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A diff of ``a`` -> ``b`` in which no figure is split between kept and changed text."""
    if all(kind == 0 for kind, _t in diffs):
        return diffs
    figs = [(f.start, f.end, 0) for f in find_figures(a)]
    figs += [(f.start, f.end, 1) for f in find_figures(b)]
    if not figs:
        return diffs
    blocks = _blocks(diffs)
    for _round in range(4):
        changed = False
        for start, end, side in figs:
            if _touched(blocks, start, end, side):
                before = len(blocks), sum(n for _a, _b, n in blocks)
                blocks = _cut(blocks, start, end, side)
                changed |= before != (len(blocks), sum(n for _a, _b, n in blocks))
        if not changed:
            break
    out: list[tuple[int, str]] = []
    pa = pb = 0
    for ba, bb, n in [*blocks, (len(a), len(b), 0)]:
        if ba > pa:
            out.append((-1, a[pa:ba]))
        if bb > pb:
            out.append((1, b[pb:bb]))
        if n:
            out.append((0, a[ba : ba + n]))
        pa, pb = ba + n, bb + n
    return out
