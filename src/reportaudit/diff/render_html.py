"""HTML rendering of a DocumentDiff: one self-contained, printable, side-by-side file.

Why this shape: auditors attach the diff to working papers and print it, often offline, so
the file carries its own CSS (no scripts, fonts or network), prints on A4 with the working
papers' shared print CSS (figures and ids never split, headers repeated, 页次 in the margin),
and every piece of document text goes through ``html.escape``. It is the full document:
changed sections side by side, unchanged ones folded into ``<details>`` (open them on screen;
in print they are shown), so a reader holds the whole report, not just its changes. The
caller adds the 底稿 header and the footer (``head`` / ``foot``) and stamps the file.
"""

from __future__ import annotations

from reportaudit.diff.model import DocumentDiff, ParagraphPair, SectionPair
from reportaudit.diff.view import (
    Segment,
    pair_segments,
    section_title,
    summary_lines,
    visible_pairs,
    visible_sections,
)
from reportaudit.export.furniture import BASE_CSS, fig, page_css
from reportaudit.i18n import _
from reportaudit.untrusted import html_text

__all__ = ["render_html"]

CSS = """
.warn { background: #fff3cd; border: 2px solid #c00; padding: .5em 1em; font-weight: bold; }
del { background: var(--del); color: #900; text-decoration: line-through; }
ins { background: var(--ins); color: #060; text-decoration: none; font-weight: bold; }
.status { font-size: .85em; color: #555; font-weight: normal; }
.moved td { background: var(--mov); }
.added-row td:last-child { background: var(--ins); }
.removed-row td:first-child { background: var(--del); }
.moved-key { background: var(--mov); padding: 0 .3em; }
.label { display: block; font-size: .8em; color: #666; }
.same td { color: #333; }
nav ol { columns: 2; }
@media print { nav { break-after: page; } .warn { break-inside: avoid; } }
"""


def _e(text: str) -> str:
    """Escape untrusted text for element content and attributes."""
    return html_text(text)


def _cell(segs: list[Segment]) -> str:
    """One side of a passage pair as escaped HTML with <del>/<ins> around changes."""
    parts = []
    for seg in segs:
        body = fig(seg.text.rstrip("\n") if seg is segs[-1] else seg.text)
        if seg.kind == "delete":
            parts.append(f"<del>{body}</del>")
        elif seg.kind == "insert":
            parts.append(f"<ins>{body}</ins>")
        else:
            parts.append(body)
    return "".join(parts)


def _row(pp: ParagraphPair, diff: DocumentDiff) -> str:
    """One table row: A on the left, B on the right, with a small status label."""
    ignore = diff.ignore_numbers and pp.figures_only and pp.status == "changed"
    left, right = pair_segments(pp, ignore=ignore)
    what = _("heading") if pp.heading else _("paragraph")
    label = f"{what} {_('unchanged (figures only)') if ignore else _status(pp.status)}"
    if pp.status == "moved":
        src = next((m.a_section for m in diff.moves if m.a_start == pp.a_start), "")
        label = f"{what} {_('moved from')} {src}" if src else f"{what} {_status('moved')}"
    cls = {"moved": "moved", "added": "added-row", "removed": "removed-row"}.get(pp.status, "")
    return (
        f'<tr class="{cls}"><td><span class="label">{_e(label)}</span>{_cell(left)}</td>'
        f"<td>{_cell(right)}</td></tr>"
    )


FIGURE_KIND = {
    "amount": "amount",
    "count": "count",
    "date": "date",
    "percent": "percentage",
    "measure": "measure",
    "score": "score",
    "year": "year",
}
"""Figure kinds (English msgids)."""


def _figure_kind(kind: str, *, year_shift: bool) -> str:
    """A figure's kind in the reader's language ('year shift' for a year moved by one)."""
    if year_shift:
        return _("year shift")
    return _(FIGURE_KIND[kind]) if kind in FIGURE_KIND else kind


def _title(sp: SectionPair) -> str:
    """The section's heading path in the reader's language."""
    text = section_title(sp)
    return text.replace("(preamble)", _("(preamble)")).replace("  (was ", f"  ({_('was')} ")


STATUS = {
    "same": "unchanged",
    "renumbered": "renumbered",
    "changed": "changed",
    "added": "added",
    "removed": "removed",
    "moved": "moved",
}
"""Section and passage statuses (English msgids)."""


def _status(code: str) -> str:
    """A status in the reader's language."""
    return _(STATUS[code]) if code in STATUS else code


def _plain(segs: list[Segment]) -> str:
    """One side of an unchanged passage as escaped text (a renumbering is not a change)."""
    return fig("".join(seg.text for seg in segs).rstrip("\n"))


def _unchanged(k: int, sp: SectionPair) -> str:
    """An unchanged section, folded: its heading, then its text (the same on both sides)."""
    rows = "".join(
        f'<tr class="same"><td colspan="2">{_plain(pair_segments(pp)[1])}</td></tr>'
        for pp in sp.paragraphs
    )
    return (
        f'<details id="s{k}"><summary>{_e(_title(sp))} '
        f'<span class="status">[{_e(_status(sp.status))}]</span></summary>'
        f"<table>{rows}</table></details>"
    )


def _section(k: int, sp: SectionPair, diff: DocumentDiff) -> str:
    """A heading and the side-by-side table of its changed passages."""
    status = _status(sp.status) + (
        f" + {_('edited')}" if sp.status == "moved" and sp.edited else ""
    )
    rows = [_row(pp, diff) for pp in visible_pairs(sp, diff)]
    for mv in diff.moves:
        if sp.a_path and mv.a_section == sp.a_path and mv.b_section != sp.b_path:
            rows.append(
                f'<tr class="moved"><td colspan="2">{_e(_(mv.kind))} {_e(_("moved out to"))} '
                f"{_e(mv.b_section)}</td></tr>"
            )
    body = "".join(rows) or f'<tr><td colspan="2">{_e(_("(no passage changed)"))}</td></tr>'
    return (
        f'<h2 id="s{k}">{_e(_title(sp))} <span class="status">[{_e(status)}]</span></h2>'
        f'<table><colgroup><col style="width:50%"><col style="width:50%"></colgroup>{body}</table>'
    )


def summary_items(diff: DocumentDiff) -> list[str]:
    """The summary lines in the reader's language (year shifts are listed apart below)."""
    return summary_lines(diff, year_shifts=False)


def render_html(
    diff: DocumentDiff,
    *,
    a_label: str = "A",
    b_label: str = "B",
    title: str = "",
    numbers_only: bool = False,
    head: str = "",
    foot: str = "",
    index: str = "",
) -> str:
    """The whole HTML document as a string (UTF-8, no external resources).

    ``numbers_only`` keeps the summary and the changed-figures table only; ``head`` (the 底稿
    header) and ``foot`` (the footer) are trusted HTML from the caller; ``index`` goes into
    the printed page margins.
    """
    title = title or _("Comparison of two revisions")
    shown = [] if numbers_only else visible_sections(diff)
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{BASE_CSS}{CSS}{page_css(index)}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        head,
        f"<p>{_e(a_label)} → {_e(b_label)}</p>",
    ]
    out.extend(
        f'<p class="warn">{_e(_("Degraded diff"))}: {_e(note)}</p>' for note in diff.degraded
    )
    out.append("<ul>" + "".join(f"<li>{_e(line)}</li>" for line in summary_items(diff)) + "</ul>")
    out.append(
        f'<p class="legend">{_e(_("Legend"))}: <del>{_e(_("deleted"))}</del> '
        f'<ins>{_e(_("inserted"))}</ins> <span class="moved-key">{_e(_("moved"))}</span></p>'
    )
    if not numbers_only:
        out.append(f"<nav><h2>{_e(_('Changed sections'))}</h2><ol>")
        out.extend(
            f'<li><a href="#s{diff.sections.index(sp)}">{_e(_title(sp))}</a> '
            f"[{_e(_status(sp.status))}]</li>"
            for sp in shown
        )
        out.append("</ol></nav>")
    if numbers_only and not diff.figures:
        out.append(f"<p>{_e(_('No figure changed.'))}</p>")
    if diff.figures and (numbers_only or not diff.ignore_numbers):
        out.append(
            f"<h2>{_e(_('Changed figures'))}</h2><table><thead><tr><th>{_e(_('Section'))}</th>"
            f"<th>{_e(_('Figure'))}</th><th>{_e(_('Kind'))}</th><th>{_e(a_label)}</th>"
            f"<th>{_e(b_label)}</th></tr></thead>"
        )
        out.extend(
            f"<tr><td>{_e(fc.section)}</td><td>{_e(fc.label)}</td>"
            f"<td>{_e(_figure_kind(fc.kind, year_shift=bool(fc.year_shift)))}</td>"
            f"<td class='num'><del>{_e(fc.a_raw or '—')}</del></td>"
            f"<td class='num'><ins>{_e(fc.b_raw or '—')}</ins></td></tr>"
            for fc in sorted(diff.figures, key=lambda f: f.year_shift)
        )
        out.append("</table>")
    if numbers_only:
        out.append(f"{foot}</body></html>")
        return "\n".join(out)
    if diff.moves:
        out.append(f"<h2>{_e(_('Moves'))}</h2><ul>")
        out.extend(
            f"<li>{_e(_(mv.kind))}{_e(' (' + _('edited') + ')') if mv.edited else ''}: "
            f"{_e(mv.a_section)} → {_e(mv.b_section)}</li>"
            for mv in diff.moves
        )
        out.append("</ul>")
    out.append(f"<h2>{_e(_('The whole document'))}</h2>")
    out.append(
        f"<p class='meta'>{_e(_('Unchanged sections are folded; click to open them (print shows them).'))}</p>"
    )
    out.append(
        f"<table><thead><tr><th>{_e(a_label)}</th><th>{_e(b_label)}</th></tr></thead></table>"
    )
    visible = {id(sp) for sp in shown}
    out.extend(
        _section(k, sp, diff) if id(sp) in visible else _unchanged(k, sp)
        for k, sp in enumerate(diff.sections)
    )
    out.append(f"{foot}</body></html>")
    return "\n".join(out)
