"""HTML rendering of a DocumentDiff: one self-contained, printable, side-by-side file.

Why this shape: auditors attach the diff to working papers and print it, often offline, so
the file carries its own CSS (no scripts, fonts or network), wraps Chinese anywhere
(``word-break: break-all`` / ``overflow-wrap: anywhere``: there are no spaces to break at),
prints on A4, and every piece of document text goes through ``html.escape``.
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
from reportaudit.untrusted import html_text

__all__ = ["render_html"]

CSS = """
:root { --del: #ffe0e0; --ins: #d9f7d9; --mov: #e0ecff; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "SimSun", sans-serif; margin: 1.5em; color: #111; line-height: 1.6; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
.warn { background: #fff3cd; border: 2px solid #c00; padding: .5em 1em; font-weight: bold; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
td, th { border: 1px solid #bbb; padding: .3em .5em; vertical-align: top;
  word-break: break-all; overflow-wrap: anywhere; white-space: pre-wrap; }
th { background: #f0f0f0; text-align: left; }
del { background: var(--del); color: #900; text-decoration: line-through; }
ins { background: var(--ins); color: #060; text-decoration: none; font-weight: bold; }
.status { font-size: .85em; color: #555; font-weight: normal; }
.moved td { background: var(--mov); }
.added-row td:last-child { background: var(--ins); }
.removed-row td:first-child { background: var(--del); }
.moved-key { background: var(--mov); padding: 0 .3em; }
.label { display: block; font-size: .8em; color: #666; }
nav ol { columns: 2; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; font-size: 10pt; }
  nav { page-break-after: always; }
  tr, .warn { page-break-inside: avoid; }
  del, ins, .moved td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _e(text: str) -> str:
    """Escape untrusted text for element content and attributes."""
    return html_text(text)


def _cell(segs: list[Segment]) -> str:
    """One side of a passage pair as escaped HTML with <del>/<ins> around changes."""
    parts = []
    for seg in segs:
        body = _e(seg.text.rstrip("\n") if seg is segs[-1] else seg.text)
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
    what = "heading" if pp.heading else "paragraph"
    label = f"{what} {'unchanged (figures only)' if ignore else pp.status}"
    if pp.status == "moved":
        src = next((m.a_section for m in diff.moves if m.a_start == pp.a_start), "")
        label = f"{what} moved from {src}" if src else f"{what} moved"
    cls = {"moved": "moved", "added": "added-row", "removed": "removed-row"}.get(pp.status, "")
    return (
        f'<tr class="{cls}"><td><span class="label">{_e(label)}</span>{_cell(left)}</td>'
        f"<td>{_cell(right)}</td></tr>"
    )


def _section(k: int, sp: SectionPair, diff: DocumentDiff) -> str:
    """A heading and the side-by-side table of its changed passages."""
    status = sp.status + (" + edited" if sp.status == "moved" and sp.edited else "")
    rows = [_row(pp, diff) for pp in visible_pairs(sp, diff)]
    for mv in diff.moves:
        if sp.a_path and mv.a_section == sp.a_path and mv.b_section != sp.b_path:
            rows.append(
                f'<tr class="moved"><td colspan="2">{_e(mv.kind)} moved out to '
                f"{_e(mv.b_section)}</td></tr>"
            )
    body = "".join(rows) or '<tr><td colspan="2">(no passage changed)</td></tr>'
    return (
        f'<h2 id="s{k}">{_e(section_title(sp))} <span class="status">[{_e(status)}]</span></h2>'
        f'<table><colgroup><col style="width:50%"><col style="width:50%"></colgroup>{body}</table>'
    )


def render_html(
    diff: DocumentDiff,
    *,
    a_label: str = "A",
    b_label: str = "B",
    title: str = "reportaudit diff",
    numbers_only: bool = False,
) -> str:
    """The whole HTML document as a string (UTF-8, no external resources).

    ``numbers_only`` keeps the summary and the changed-figures table only.
    """
    shown = [] if numbers_only else visible_sections(diff)
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}: {_e(a_label)} → {_e(b_label)}</h1>",
    ]
    out.extend(f'<p class="warn">Degraded diff: {_e(note)}</p>' for note in diff.degraded)
    out.append("<ul>" + "".join(f"<li>{_e(line)}</li>" for line in summary_lines(diff)) + "</ul>")
    out.append(
        '<p class="legend">Legend: <del>deleted</del> <ins>inserted</ins> '
        '<span class="moved-key">moved</span></p>'
    )
    if not numbers_only:
        out.append("<nav><h2>Changed sections</h2><ol>")
        out.extend(
            f'<li><a href="#s{k}">{_e(section_title(sp))}</a> [{_e(sp.status)}]</li>'
            for k, sp in enumerate(shown)
        )
        out.append("</ol></nav>")
    if numbers_only and not diff.figures:
        out.append("<p>No figure changed.</p>")
    if diff.figures and (numbers_only or not diff.ignore_numbers):
        out.append(
            "<h2>Changed figures</h2><table><tr><th>Section</th><th>Figure</th><th>Kind</th>"
            f"<th>{_e(a_label)}</th><th>{_e(b_label)}</th></tr>"
        )
        out.extend(
            f"<tr><td>{_e(fc.section)}</td><td>{_e(fc.label)}</td>"
            f"<td>{_e('year shift' if fc.year_shift else fc.kind)}</td>"
            f"<td><del>{_e(fc.a_raw or '—')}</del></td><td><ins>{_e(fc.b_raw or '—')}</ins></td></tr>"
            for fc in sorted(diff.figures, key=lambda f: f.year_shift)
        )
        out.append("</table>")
    if numbers_only:
        out.append("</body></html>")
        return "\n".join(out)
    if diff.moves:
        out.append("<h2>Moves</h2><ul>")
        out.extend(
            f"<li>{_e(mv.kind)}{' (edited)' if mv.edited else ''}: {_e(mv.a_section)} → "
            f"{_e(mv.b_section)}</li>"
            for mv in diff.moves
        )
        out.append("</ul>")
    out.append(f"<table><tr><th>{_e(a_label)}</th><th>{_e(b_label)}</th></tr></table>")
    out.extend(_section(k, sp, diff) for k, sp in enumerate(shown))
    hidden = len(diff.sections) - len(shown)
    out.append(f"<p>{hidden} unchanged section(s) not shown.</p></body></html>")
    return "\n".join(out)
