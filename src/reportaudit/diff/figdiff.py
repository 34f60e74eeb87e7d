"""List the figures that differ between two paired passages.

Why: auditors check numbers first (预算数, 执行率, 完成数), and a figure change buried in a
long paragraph is easy to miss in a character diff. A figure counts as unchanged when
the character diff kept it whole and it still reads the same (so an unchanged 100% earlier
in the sentence never pairs with the changed one); the remaining figures pair by kind, in
order.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportaudit.diff.model import FigureChange, Op
from reportaudit.figures import Figure, find_figures, fold_digits

__all__ = ["figure_changes"]


def _key(f: Figure) -> tuple[str, str]:
    """What makes two figures "the same figure unchanged": kind and folded spelling."""
    return (f.kind, fold_digits(f.raw))


def _change(section: str, fa: Figure | None, fb: Figure | None) -> FigureChange:
    """One FigureChange from an A figure, a B figure, or one of them alone."""
    kind = (fa or fb).kind  # type: ignore[union-attr]
    return FigureChange(
        section=section,
        kind=kind,
        a_raw=fa.raw if fa else None,
        a_value=fa.value if fa else None,
        b_raw=fb.raw if fb else None,
        b_value=fb.value if fb else None,
        a_start=fa.start if fa else None,
        a_end=fa.end if fa else None,
        b_start=fb.start if fb else None,
        b_end=fb.end if fb else None,
        unit_a=fa.unit if fa else None,
        unit_b=fb.unit if fb else None,
    )


def _shift(figs: list[Figure], offset: int) -> list[Figure]:
    """Figures with offsets moved from passage-relative to document-absolute."""
    return [
        Figure(f.start + offset, f.end + offset, f.raw, f.value, f.unit, f.kind, f.approx)
        for f in figs
    ]


def _unchanged(f: Figure, ops: Sequence[Op], side: str, other: dict[tuple[int, int], str]) -> bool:
    """Whether figure ``f`` lies inside one equal op and maps onto the same figure opposite.

    Why via the ops: the character diff already knows which text survived; a figure is
    unchanged exactly when it survived whole and still reads as the same figure.
    """
    for op in ops:
        if op.kind != "equal":
            continue
        s0, e0 = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
        if s0 <= f.start and f.end <= e0:
            t0 = op.b_start if side == "a" else op.a_start
            span = (t0 + f.start - s0, t0 + f.end - s0)
            return other.get(span) == _key(f)[1]
    return False


def figure_changes(
    a_text: str,
    a_start: int,
    a_end: int,
    b_text: str,
    b_start: int,
    b_end: int,
    section: str,
    ops: Sequence[Op],
) -> list[FigureChange]:
    """Figure changes between ``a_text[a_start:a_end]`` and ``b_text[b_start:b_end]``.

    ``ops`` are the character ops of this pair (absolute offsets). Figures that survived
    whole are dropped; the rest pair up in order, by kind (745.3万元 → 800万元).
    """
    fa = _shift(find_figures(a_text[a_start:a_end]), a_start)
    fb = _shift(find_figures(b_text[b_start:b_end]), b_start)
    if not fa and not fb:
        return []
    a_spans = {(f.start, f.end): _key(f)[1] for f in fa}
    b_spans = {(f.start, f.end): _key(f)[1] for f in fb}
    left = [f for f in fa if not _unchanged(f, ops, "a", b_spans)]
    right = [f for f in fb if not _unchanged(f, ops, "b", a_spans)]
    out: list[FigureChange] = []
    while left or right:
        if left and right:
            match = next((k for k, f in enumerate(right) if f.kind == left[0].kind), None)
            if match is not None:
                out.extend(_change(section, None, f) for f in right[:match])
                out.append(_change(section, left[0], right[match]))
                left = left[1:]
                right = right[match + 1 :]
                continue
            out.append(_change(section, left.pop(0), None))
        elif left:
            out.append(_change(section, left.pop(0), None))
        else:
            out.append(_change(section, None, right.pop(0)))
    return out
