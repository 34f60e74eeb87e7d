"""Count what changed, for the summary every output shows first.

Why counted from the section and paragraph pairs (not from the op list): every op belongs
to exactly one paragraph pair, so counting there lets ``--ignore-numbers`` treat figure-only
changes as unchanged consistently in every count.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportaudit.diff.model import FigureChange, SectionPair, Summary

__all__ = ["summarize"]


def summarize(
    sections: Sequence[SectionPair],
    figures: Sequence[FigureChange],
    *,
    chars_a: int,
    chars_b: int,
    ignore_numbers: bool,
) -> Summary:
    """The Summary of a diff; ``unchanged_share`` = 2·equal / (len A + len B)."""
    counts = {"added": 0, "removed": 0, "changed": 0, "moved": 0, "same": 0}
    para = {"added": 0, "removed": 0, "changed": 0, "moved": 0, "same": 0}
    inserted = deleted = equal = renumbered = 0
    for sp in sections:
        renumbered += any(pp.heading and pp.status == "renumbered" for pp in sp.paragraphs)
        status = sp.status
        if ignore_numbers and status == "changed" and sp.figures_only:
            status = "same"
        counts[status] += 1
        for pp in sp.paragraphs:
            hidden = ignore_numbers and pp.figures_only and pp.status == "changed"
            if not pp.heading:
                para["same" if hidden else pp.status] += 1
            for op in pp.ops:
                n = len(op.text)
                if op.kind == "equal":
                    equal += n
                elif hidden:
                    equal += n if op.kind == "delete" else 0
                elif op.kind == "insert":
                    inserted += n
                else:
                    deleted += n
    total = chars_a + chars_b
    share = 1.0 if total == 0 else min(1.0, 2 * equal / total)
    return Summary(
        sections_added=counts["added"],
        sections_removed=counts["removed"],
        sections_changed=counts["changed"],
        sections_moved=counts["moved"],
        sections_same=counts["same"],
        sections_renumbered=renumbered,
        paragraphs_added=para["added"],
        paragraphs_removed=para["removed"],
        paragraphs_changed=para["changed"],
        paragraphs_moved=para["moved"],
        chars_inserted=inserted,
        chars_deleted=deleted,
        chars_a=chars_a,
        chars_b=chars_b,
        unchanged_share=round(share, 4),
        figure_changes=0 if ignore_numbers else sum(not f.year_shift for f in figures),
        year_shifts=0 if ignore_numbers else sum(f.year_shift for f in figures),
    )
