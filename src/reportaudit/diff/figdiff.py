"""List the figures that differ between two paired passages.

Why: auditors check numbers first (预算数, 执行率, 完成数), and a figure change buried in a
long paragraph is easy to miss in a character diff. The figures of both passages are
aligned as sequences (so an unchanged 100% earlier in the sentence does not pair with the
changed one); inside each replaced stretch figures pair by kind, in order.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from reportaudit.diff.model import FigureChange
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


def figure_changes(
    a_text: str, a_start: int, a_end: int, b_text: str, b_start: int, b_end: int, section: str
) -> list[FigureChange]:
    """Figure changes between ``a_text[a_start:a_end]`` and ``b_text[b_start:b_end]``."""
    fa = _shift(find_figures(a_text[a_start:a_end]), a_start)
    fb = _shift(find_figures(b_text[b_start:b_end]), b_start)
    if not fa and not fb:
        return []
    matcher = SequenceMatcher(None, [_key(f) for f in fa], [_key(f) for f in fb], autojunk=False)
    out: list[FigureChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        left = list(fa[i1:i2])
        right = list(fb[j1:j2])
        while left or right:
            if left and right:
                match = next((k for k, f in enumerate(right) if f.kind == left[0].kind), None)
                if match is not None:
                    for f in right[:match]:
                        out.append(_change(section, None, f))
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
