"""What every renderer shows, decided once: which sections and passages, and the words.

Why shared: text, JSON and HTML must agree on what counts as "changed" (``--ignore-numbers``
hides figure-only changes everywhere), and the summary must read the same in every format.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportaudit.diff.model import DocumentDiff, FigureChange, Op, ParagraphPair, SectionPair
from reportaudit.i18n import _

__all__ = [
    "Segment",
    "figure_line",
    "inline_segments",
    "pair_segments",
    "section_title",
    "status_name",
    "summary_lines",
    "visible_pairs",
    "visible_sections",
    "year_shift_line",
]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text on one side: kind is equal, delete (A side) or insert (B side)."""

    kind: str
    text: str


def _hidden(pp: ParagraphPair, diff: DocumentDiff) -> bool:
    """A figure-only change under --ignore-numbers is shown as unchanged."""
    return diff.ignore_numbers and pp.figures_only and pp.status == "changed"


def visible_pairs(sp: SectionPair, diff: DocumentDiff) -> list[ParagraphPair]:
    """The passages of a section that changed in a way the reader asked to see."""
    return [
        pp
        for pp in sp.paragraphs
        if pp.status not in ("same", "renumbered") and not _hidden(pp, diff)
    ]


def visible_sections(diff: DocumentDiff) -> list[SectionPair]:
    """Sections with something to show (added/removed/moved always; changed unless hidden)."""
    out = []
    for sp in diff.sections:
        if sp.status in ("added", "removed", "moved") or (
            sp.status == "changed" and not (diff.ignore_numbers and sp.figures_only)
        ):
            out.append(sp)
    return out


def section_title(sp: SectionPair) -> str:
    """The heading path a reader recognises (B's, or A's for a removed section); the text
    before the first heading and "was" in the reader's language."""
    preamble = _("(preamble)")
    a = preamble if sp.a_path == "(preamble)" else sp.a_path
    b = preamble if sp.b_path == "(preamble)" else sp.b_path
    if sp.status == "removed":
        return a or preamble
    if a and b and a != b:
        return f"{b}  ({_('was')} {a})"
    return b or a or preamble


def status_name(code: str) -> str:
    """A section's or passage's status (same, changed, added, …) in the reader's language."""
    names = {
        "same": _("unchanged"),
        "renumbered": _("renumbered"),
        "changed": _("changed"),
        "added": _("added"),
        "removed": _("removed"),
        "moved": _("moved"),
    }
    return names.get(code, code)


def pair_segments(
    pp: ParagraphPair, *, ignore: bool = False
) -> tuple[list[Segment], list[Segment]]:
    """A-side and B-side runs of one passage pair; ``ignore`` shows it as unchanged."""
    left: list[Segment] = []
    right: list[Segment] = []
    for op in pp.ops:
        kind = op.kind
        if ignore and kind != "equal":
            if kind == "delete":
                left.append(Segment("equal", op.text))
            else:
                right.append(Segment("equal", op.text))
            continue
        if kind in ("equal", "delete"):
            left.append(Segment("equal" if kind == "equal" else "delete", op.text))
        if kind in ("equal", "insert"):
            right.append(Segment("equal" if kind == "equal" else "insert", op.text))
    return _merge(left), _merge(right)


def _merge(segs: list[Segment]) -> list[Segment]:
    """Join neighbouring runs of the same kind."""
    out: list[Segment] = []
    for s in segs:
        if out and out[-1].kind == s.kind:
            out[-1] = Segment(s.kind, out[-1].text + s.text)
        elif s.text:
            out.append(s)
    return out


def inline_segments(ops: tuple[Op, ...]) -> list[Segment]:
    """One interleaved run list (deletions before insertions) for the inline view."""
    return _merge([Segment(op.kind, op.text) for op in ops])


def summary_lines(diff: DocumentDiff, *, year_shifts: bool = True) -> list[str]:
    """The summary as short lines of plain text in the reader's language, in the order the
    issue asks for (the same wording as the HTML diff's summary)."""
    s = diff.summary
    lines = [
        _(
            "Sections: {added} added, {removed} removed, {changed} changed, {moved} moved, "
            "{same} unchanged ({renumbered} renumbered)"
        ).format(
            added=s.sections_added,
            removed=s.sections_removed,
            changed=s.sections_changed,
            moved=s.sections_moved,
            same=s.sections_same,
            renumbered=s.sections_renumbered,
        ),
        _("Paragraphs: {added} added, {removed} removed, {changed} changed, {moved} moved").format(
            added=s.paragraphs_added,
            removed=s.paragraphs_removed,
            changed=s.paragraphs_changed,
            moved=s.paragraphs_moved,
        ),
        _("Characters: {ins} inserted, {dels} deleted (A {a}, B {b}); unchanged {share}").format(
            ins=s.chars_inserted,
            dels=s.chars_deleted,
            a=s.chars_a,
            b=s.chars_b,
            share=f"{s.unchanged_share:.1%}",
        ),
        _("Figures changed: {n}").format(n=s.figure_changes)
        + (
            _(" (and {n} year shifts, listed apart)").format(n=s.year_shifts)
            if year_shifts and s.year_shifts
            else ""
        ),
    ]
    if diff.ignore_numbers:
        lines.append(_("Figure-only changes are hidden (--ignore-numbers)."))
    return lines


def figure_line(fc: FigureChange) -> str:
    """'745.3万元 → 800万元' with a dash for a side that has no such figure."""
    return f"{fc.a_raw or '—'} → {fc.b_raw or '—'}"


def year_shift_line(figures: tuple[FigureChange, ...]) -> str:
    """The year shifts in one line: '2022年 → 2023年 ×12, 2022年度 → 2023年度 ×3'."""
    counts: dict[str, int] = {}
    for fc in figures:
        if fc.year_shift:
            counts[figure_line(fc)] = counts.get(figure_line(fc), 0) + 1
    return ", ".join(f"{line} ×{n}" if n > 1 else line for line, n in counts.items())
