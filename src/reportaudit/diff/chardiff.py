"""Character diff of one paired passage with diff-match-patch, honest about timeouts.

Why a wrapper: diff-match-patch gives up silently when its ``Diff_Timeout`` passes and
returns "delete everything, insert everything". We align sections and paragraphs first so
its inputs stay small, and this wrapper detects when the deadline was hit anyway so the
caller can say so in every output instead of showing a degraded diff as if it were real.
Semantic clean-up is always on: Chinese has no spaces, so a raw minimal diff shreds words
("执行率" vs "支出率" would otherwise interleave single characters).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from reportaudit.diff.model import Op
from reportaudit.diff.widen import widen_to_figures

__all__ = ["CharDiff", "char_ops"]


class _HonestDmp(diff_match_patch):
    """diff_match_patch that records whether any bisection ran past its deadline."""

    def __init__(self) -> None:
        super().__init__()
        self.timed_out = False

    def diff_bisect(self, text1: str, text2: str, deadline: float) -> list[tuple[int, str]]:
        """Run the bisection and note a blown deadline (the library itself does not say)."""
        result: list[tuple[int, str]] = super().diff_bisect(text1, text2, deadline)
        if time.time() > deadline:
            self.timed_out = True
        return result


@dataclass(frozen=True, slots=True)
class CharDiff:
    """The ops of one passage pair and whether the diff library gave up on it."""

    ops: tuple[Op, ...]
    timed_out: bool


def char_ops(
    a_text: str,
    a_start: int,
    a_end: int,
    b_text: str,
    b_start: int,
    b_end: int,
    *,
    timeout: float,
    move: int | None = None,
) -> CharDiff:
    """Diff ``a_text[a_start:a_end]`` against ``b_text[b_start:b_end]`` into absolute ops.

    Why absolute offsets: every op must point into the original texts so renderers can
    slice them and ``apply_ops`` can rebuild B from A.
    """
    sa = a_text[a_start:a_end]
    sb = b_text[b_start:b_end]
    if sa == sb:
        if not sa:
            return CharDiff((), False)
        return CharDiff((Op("equal", a_start, a_end, b_start, b_end, sa, move),), False)
    dmp = _HonestDmp()
    dmp.Diff_Timeout = timeout
    diffs = dmp.diff_main(sa, sb, False)
    dmp.diff_cleanupSemantic(diffs)
    diffs = widen_to_figures(sa, sb, diffs)
    ops: list[Op] = []
    pa, pb = a_start, b_start
    for kind, text in diffs:
        n = len(text)
        if not n:
            continue
        if kind == 0:
            ops.append(Op("equal", pa, pa + n, pb, pb + n, text, move))
            pa += n
            pb += n
        elif kind < 0:
            ops.append(Op("delete", pa, pa + n, pb, pb, text, move))
            pa += n
        else:
            ops.append(Op("insert", pa, pa, pb, pb + n, text, move))
            pb += n
    return CharDiff(tuple(ops), dmp.timed_out)
