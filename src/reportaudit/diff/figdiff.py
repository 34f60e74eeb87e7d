"""List the figures that differ between two paired passages.

Why: auditors check numbers first (预算数, 执行率, 完成数), and a figure change buried in a
long paragraph is easy to miss in a character diff. A figure counts as unchanged when
the character diff kept it whole and it still reads the same (so an unchanged 100% earlier
in the sentence never pairs with the changed one); the remaining figures pair by kind, in
order.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportaudit.diff.figlabel import figure_label, is_year_shift
from reportaudit.diff.model import FigureChange, Op
from reportaudit.figures import Figure, find_figures, fold_digits

__all__ = ["figure_changes", "unpaired_figure_changes"]


def _key(f: Figure) -> tuple[str, str]:
    """What makes two figures "the same figure unchanged": kind and folded spelling."""
    return (f.kind, fold_digits(f.raw))


def _change(
    section: str,
    fa: Figure | None,
    fb: Figure | None,
    *,
    a_text: str = "",
    b_text: str = "",
) -> FigureChange:
    """One FigureChange from an A figure, a B figure, or one of them alone; labelled from
    B's text (A's when the figure is gone)."""
    kind = (fa or fb).kind  # type: ignore[union-attr]
    label = (
        figure_label(b_text, fb.start)
        if fb is not None and b_text
        else figure_label(a_text, fa.start)
        if fa is not None and a_text
        else ""
    )
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
        label=label,
        year_shift=is_year_shift(kind, fa.raw if fa else None, fb.raw if fb else None),
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
    return _pair(section, left, right, a_text, b_text)


def _pair(
    section: str, left: list[Figure], right: list[Figure], a_text: str, b_text: str
) -> list[FigureChange]:
    """Pair changed A and B figures in order, by kind (745.3万元 → 800万元)."""
    out: list[FigureChange] = []
    texts = {"a_text": a_text, "b_text": b_text}
    while left or right:
        if left and right:
            match = next((k for k, f in enumerate(right) if f.kind == left[0].kind), None)
            if match is not None:
                out.extend(_change(section, None, f, **texts) for f in right[:match])
                out.append(_change(section, left[0], right[match], **texts))
                left = left[1:]
                right = right[match + 1 :]
                continue
            out.append(_change(section, left.pop(0), None, **texts))
        elif left:
            out.append(_change(section, left.pop(0), None, **texts))
        else:
            out.append(_change(section, None, right.pop(0), **texts))
    return out


def unpaired_figure_changes(
    a_text: str,
    removed: Sequence[tuple[int, int]],
    b_text: str,
    added: Sequence[tuple[int, int]],
    section: str,
) -> list[FigureChange]:
    """Figure changes of paragraphs removed from and added to one section: a figure whose
    label (and kind) appears on both sides is one change (the paragraph was rewritten
    around it: 5257.66万元 → 5480.12万元); every other figure is listed with its side alone.
    """
    fa = [f for s, e in removed for f in _shift(find_figures(a_text[s:e]), s)]
    fb = [f for s, e in added for f in _shift(find_figures(b_text[s:e]), s)]
    out: list[FigureChange] = []
    used: set[int] = set()
    for f in fa:
        label = figure_label(a_text, f.start)
        match = next(
            (
                k
                for k, g in enumerate(fb)
                if k not in used
                and g.kind == f.kind
                and label
                and figure_label(b_text, g.start) == label
            ),
            None,
        )
        if match is None:
            out.append(_change(section, f, None, a_text=a_text, b_text=b_text))
            continue
        used.add(match)
        if _key(f)[1] != _key(fb[match])[1]:
            out.append(_change(section, f, fb[match], a_text=a_text, b_text=b_text))
    out.extend(
        _change(section, None, g, a_text=a_text, b_text=b_text)
        for k, g in enumerate(fb)
        if k not in used
    )
    return out
