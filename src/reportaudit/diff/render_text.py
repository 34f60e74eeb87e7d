"""Terminal rendering of a DocumentDiff: coloured in a terminal, plain when piped.

Why rich.text.Text throughout: report text is untrusted, and Text never interprets markup
("[red]" in a report stays literally "[red]"); escape sequences are stripped first. Without
colour, deletions and insertions are bracketed as [-…-] and {+…+} so a piped diff still
says what changed.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from reportaudit.diff.keepwrap import KeepFigures
from reportaudit.diff.model import DocumentDiff, ParagraphPair, SectionPair
from reportaudit.diff.render_html import _figure_kind, _status, _title, summary_items
from reportaudit.diff.view import (
    Segment,
    inline_segments,
    pair_segments,
    visible_pairs,
    visible_sections,
    year_shift_line,
)
from reportaudit.i18n import _
from reportaudit.untrusted import visible as clean_terminal

__all__ = ["render_figures", "render_text"]

STYLES = {"equal": "", "delete": "red strike", "insert": "green bold"}
MARKS = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}
STATUS_STYLE = {
    "added": "green",
    "removed": "red",
    "changed": "yellow",
    "moved": "cyan",
    "same": "dim",
}


def _elide(text: str, context: int, *, first: bool, last: bool) -> str:
    """Shorten long unchanged runs to ``context`` characters on the side(s) next to a change."""
    if context <= 0 or len(text) <= 2 * context + 1:
        return text
    if first:
        return "…" + text[-context:]
    if last:
        return text[:context] + "…"
    return text[:context] + "…" + text[-context:]


def _segments_text(segs: list[Segment], *, color: bool, context: int) -> Text:
    """One Text from runs; equal runs elided, changes styled or bracketed."""
    out = Text()
    for k, seg in enumerate(segs):
        body = (
            clean_terminal(seg.text).rstrip("\n")
            if k == len(segs) - 1
            else clean_terminal(seg.text)
        )
        if seg.kind == "equal":
            out.append(_elide(body, context, first=k == 0, last=k == len(segs) - 1))
        elif color:
            out.append(body, style=STYLES[seg.kind])
        else:
            left, right = MARKS[seg.kind]
            out.append(f"{left}{body}{right}")
    return out


def _header(sp: SectionPair, color: bool) -> Text:
    """'== <path> [status]' line for one section."""
    label = _status(sp.status) + (f" + {_('edited')}" if sp.status == "moved" and sp.edited else "")
    line = Text("== ", style="bold" if color else "")
    line.append(clean_terminal(_title(sp)), style="bold" if color else "")
    line.append(f"  [{label}]", style=STATUS_STYLE.get(sp.status, "") if color else "")
    return line


def _pair_label(pp: ParagraphPair, diff: DocumentDiff) -> str:
    """Short label of a passage pair: its kind and, for moves, where it came from."""
    what = _("heading") if pp.heading else _("paragraph")
    if pp.status == "moved":
        src = next((m.a_section for m in diff.moves if m.a_start == pp.a_start), "")
        moved = _status("moved")
        return f"{what} {moved}（{_('moved from')} {src}）" if src else f"{what} {moved}"
    return f"{what} {_status(pp.status)}"


def _inline(pp: ParagraphPair, diff: DocumentDiff, color: bool, context: int) -> KeepFigures:
    """Inline view of one pair: one line with deletions and insertions interleaved, wrapped
    without splitting a figure."""
    text = Text(f"  {_pair_label(pp, diff)}: ", style="dim" if color else "")
    text.append_text(_segments_text(inline_segments(pp.ops), color=color, context=context))
    return KeepFigures(text)


def _side_by_side(
    pairs: list[ParagraphPair],
    diff: DocumentDiff,
    color: bool,
    context: int,
    a_label: str,
    b_label: str,
) -> Table:
    """Two-column table: A with deletions, B with insertions, each cell labelled (a reader
    of either column sees what happened to the paragraph)."""
    table = Table(show_header=True, expand=True, show_lines=True)
    table.add_column(Text(clean_terminal(a_label)), ratio=1, overflow="fold")
    table.add_column(Text(clean_terminal(b_label)), ratio=1, overflow="fold")
    for pp in pairs:
        left, right = pair_segments(pp)
        lt = _segments_text(left, color=color, context=context)
        rt = _segments_text(right, color=color, context=context)
        label = Text(f"({_pair_label(pp, diff)}) ", style="dim" if color else "")
        table.add_row(KeepFigures(label + lt), KeepFigures(label.copy() + rt))
    return table


def render_figures(diff: DocumentDiff, *, color: bool = True) -> list[RenderableType]:
    """The changed-figures list (what --numbers-only prints): each change as its label,
    old → new and its section; year shifts (2023年 → 2024年) counted on one line after."""
    real = [fc for fc in diff.figures if not fc.year_shift]
    out: list[RenderableType] = [
        Text(_("Figure changes ({n}):").format(n=len(real)), style="bold" if color else "")
    ]
    for fc in real:
        line = Text("  ")
        if fc.label:
            line.append(clean_terminal(fc.label), style="bold" if color else "")
            line.append(" ")
        line.append(clean_terminal(fc.a_raw or "—"), style="red" if color and fc.a_raw else "")
        line.append(" → ")
        line.append(clean_terminal(fc.b_raw or "—"), style="green" if color and fc.b_raw else "")
        line.append(f"  {_figure_kind(fc.kind, year_shift=False)} · ", style="dim" if color else "")
        line.append(clean_terminal(fc.section), style="cyan" if color else "")
        out.append(KeepFigures(line))
    if not real:
        out.append(Text("  " + _("(none)")))
    if diff.summary.year_shifts:
        shifts = Text(
            _("Year shifts ({n}): ").format(n=diff.summary.year_shifts),
            style="bold" if color else "",
        )
        shifts.append(clean_terminal(year_shift_line(diff.figures)))
        out.append(KeepFigures(shifts))
    return out


def render_text(
    diff: DocumentDiff,
    *,
    side_by_side: bool = False,
    color: bool = True,
    numbers_only: bool = False,
    context: int = 40,
    a_label: str = "A",
    b_label: str = "B",
) -> Group:
    """One renderable for ``Console.print``: warnings, summary, figures, moves, sections."""
    out: list[RenderableType] = []
    for note in diff.degraded:
        out.append(
            Text(
                _("WARNING: degraded diff: {note}").format(note=clean_terminal(note)),
                style="bold red" if color else "",
            )
        )
    out.append(
        Text(
            _("Diff {a} → {b}").format(a=clean_terminal(a_label), b=clean_terminal(b_label)),
            style="bold" if color else "",
        )
    )
    for line in summary_items(diff):
        out.append(Text("  " + line))
    if numbers_only:
        out.extend(render_figures(diff, color=color))
        return Group(*out)
    if diff.figures and not diff.ignore_numbers:
        out.extend(render_figures(diff, color=color))
    if diff.moves:
        out.append(Text(_("Moves ({n}):").format(n=len(diff.moves)), style="bold" if color else ""))
        for mv in diff.moves:
            edited = f"，{_('edited')}" if mv.edited else ""
            out.append(
                Text(
                    f"  {_(mv.kind)}{edited}: {clean_terminal(mv.a_section)} → "
                    f"{clean_terminal(mv.b_section)}"
                )
            )
    for sp in visible_sections(diff):
        out.append(_header(sp, color))
        pairs = visible_pairs(sp, diff)
        if side_by_side and pairs:
            out.append(_side_by_side(pairs, diff, color, context, a_label, b_label))
        else:
            out.extend(_inline(pp, diff, color, context) for pp in pairs)
        for mv in diff.moves:
            if sp.a_path and mv.a_section == sp.a_path and mv.b_section != sp.b_path:
                out.append(
                    Text(f"  {_(mv.kind)} {_('moved out to')} {clean_terminal(mv.b_section)}")
                )
    return Group(*out)
