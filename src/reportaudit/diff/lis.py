"""Longest increasing subsequence, the tool that tells moves from mere shifts.

Why: after pairing, paired items are listed in B order with their A positions. The longest
increasing run of A positions is the part that kept its order; everything outside it is the
smallest set of items that must have moved. Insertions and deletions around them never
make anything look moved.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

__all__ = ["lis_keep"]


def lis_keep(values: Sequence[int]) -> set[int]:
    """Positions (into ``values``) of one longest strictly increasing subsequence.

    O(n log n) patience sorting; ties resolved towards the earliest items.
    """
    tails: list[int] = []  # values at the end of runs of each length
    tail_pos: list[int] = []
    prev: list[int] = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(i)
        else:
            tails[k] = v
            tail_pos[k] = i
        prev[i] = tail_pos[k - 1] if k else -1
    keep: set[int] = set()
    cur = tail_pos[-1] if tail_pos else -1
    while cur != -1:
        keep.add(cur)
        cur = prev[cur]
    return keep
