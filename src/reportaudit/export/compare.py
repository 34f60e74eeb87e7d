"""全文对照: a report beside its main source, shared passages marked with their findings.

Why: a CNKI-style check report shows the checked text and its main source side by side, the
copied passages highlighted and numbered, so a reader sees at a glance what was taken and
what was changed. Rows are the two texts aligned paragraph by paragraph (the section-aware
diff pairs them), so the same passage sits on the same line; every mark carries the number
of its finding, and the list under the table gives each number's 索引号, relation and
similarity. Renders to HTML (landscape print) and Word (a two-column table).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from reportaudit.export.docx import (
    DocxMark,
    add_footer,
    add_header_table,
    add_stamp_line,
    marked_paragraph,
    new_document,
    save_stamped,
)
from reportaudit.export.furniture import e, fig, footer_html, header_html, snap_to_figures
from reportaudit.export.html import document, stamped
from reportaudit.export.labels import name
from reportaudit.export.model import PaperHeader, Stamp
from reportaudit.i18n import _

__all__ = ["CompareFinding", "ComparePaper", "CompareRow", "render_compare"]


@dataclass(frozen=True, slots=True)
class CompareFinding:
    """A finding shared by the two revisions, numbered as its marks are."""

    number: int
    index: str
    id: str
    relation: str
    similarity: float
    chars: int


@dataclass(frozen=True, slots=True)
class CompareRow:
    """One aligned pair of paragraphs: the report's (left) and the source's (right); marks
    are (start, end, finding number) in the row's own text."""

    report: str
    source: str
    report_marks: tuple[tuple[int, int, int], ...] = ()
    source_marks: tuple[tuple[int, int, int], ...] = ()
    heading: bool = False


@dataclass(frozen=True, slots=True)
class ComparePaper:
    """Everything the 全文对照 shows."""

    title: str
    report_label: str
    source_label: str
    rows: tuple[CompareRow, ...]
    findings: tuple[CompareFinding, ...]
    shared_chars: int
    report_chars: int
    header: PaperHeader
    stamp: Stamp


def _cell(text: str, marks: tuple[tuple[int, int, int], ...]) -> str:
    """Escaped text with each mark highlighted and followed by its finding number."""
    out, pos = [], 0
    for start, end, number in sorted(marks):
        ((start, end),) = snap_to_figures(text, ((start, end),))
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        out.append(fig(text[pos:start]))
        out.append(f"<mark>{fig(text[start:end])}</mark><sup class='num'>[{number}]</sup>")
        pos = end
    out.append(fig(text[pos:]))
    return "".join(out)


def render_compare_html(p: ComparePaper) -> tuple[bytes, str]:
    """(HTML bytes with the stamp, digest)."""
    share = p.shared_chars / p.report_chars if p.report_chars else 0.0
    rows = "".join(
        f"<tr{' class=h' if r.heading else ''}><td>{_cell(r.report, r.report_marks)}</td>"
        f"<td>{_cell(r.source, r.source_marks)}</td></tr>"
        for r in p.rows
    )
    items = "".join(
        f"<tr><td class='n'>[{f.number}]</td><td><code class='id'>{e(f.index)}</code></td>"
        f"<td>{e(name('relation', f.relation))}</td><td class='n num'>{f.similarity:.2f}</td>"
        f"<td class='n num'>{f.chars}</td></tr>"
        for f in p.findings
    )
    body = [
        f"<h1>{e(p.title)}</h1>",
        header_html(p.header),
        f"<p>{e(_('Shared with the source'))}: <span class='num'>{p.shared_chars}</span> / "
        f"<span class='num'>{p.report_chars}</span> {e(_('characters'))} "
        f"(<span class='num'>{100 * share:.1f}%</span>)</p>",
        "<div class='wide'><table class='cmp'><colgroup><col style='width:50%'>"
        "<col style='width:50%'></colgroup>"
        f"<thead><tr><th>{e(_('This report'))}: {e(p.report_label)}</th>"
        f"<th>{e(_('Main source'))}: {e(p.source_label)}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>",
        f"<h2>{e(_('Shared passages'))}</h2>",
        f"<table><thead><tr><th class='n'>{e(_('No.'))}</th><th>{e(_('Index no.'))}</th>"
        f"<th>{e(_('Relation'))}</th><th class='n'>{e(_('Similarity'))}</th>"
        f"<th class='n'>{e(_('Characters'))}</th></tr></thead><tbody>{items}</tbody></table>",
        footer_html(p.stamp),
    ]
    css = "table.cmp tr.h td { font-weight: bold; background: #f7f7f7; }"
    content = document(p.title, body, index=p.header.index, extra_css=css)
    return stamped(content, p.stamp.to_dict())


def render_compare_docx(p: ComparePaper) -> tuple[bytes, str]:
    """(Word bytes with the stamp, digest): landscape, a two-column table."""
    doc = new_document(landscape=True)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    add_header_table(doc, p.title, p.header)
    add_footer(doc, p.header.index)
    doc.add_paragraph(
        f"{_('Shared with the source')}: {p.shared_chars} / {p.report_chars} {_('characters')}"
    )
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = f"{_('This report')}: {p.report_label}"
    table.cell(0, 1).text = f"{_('Main source')}: {p.source_label}"
    for r in p.rows:
        cells = table.add_row().cells
        for cell, text, marks in (
            (cells[0], r.report, r.report_marks),
            (cells[1], r.source, r.source_marks),
        ):
            marked_paragraph(
                doc,
                text,
                [DocxMark(s, t, label=str(n)) for s, t, n in sorted(marks)],
                paragraph=cell.paragraphs[0],
            )
            if r.heading:
                for run in cell.paragraphs[0].runs:
                    run.font.bold = True
    doc.add_heading(_("Shared passages"), level=2)
    for f in p.findings:
        doc.add_paragraph(
            f"[{f.number}] {f.index} · {name('relation', f.relation)} · "
            f"{_('similarity')} {f.similarity:.2f} · {_('{n} characters').format(n=f.chars)}"
        )
    add_stamp_line(doc, p.stamp)
    return save_stamped(doc, p.stamp.to_dict(), title=p.title)


def render_compare(p: ComparePaper, fmt: str) -> tuple[bytes, str]:
    """The 全文对照 as ``fmt`` ("html" or "docx")."""
    if fmt == "docx":
        return render_compare_docx(p)
    if fmt == "html":
        return render_compare_html(p)
    raise ValueError(f"unknown format {fmt!r} for a 全文对照; html or docx")
