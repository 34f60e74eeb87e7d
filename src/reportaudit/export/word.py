"""The working paper (findings or one report) as a Word document.

Why: see ``reportaudit.export.docx``. A one-report paper is the report's full text with every
reused passage highlighted and carrying a Word comment (批注) that names its source, the
relation and the finding's 索引号 — the unit opens it in Word or WPS and sees each remark
where it applies. A findings paper lists the findings with both passages marked.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument

from reportaudit.export.docx import (
    DocxMark,
    add_footer,
    add_header_table,
    add_stamp_line,
    marked_paragraph,
    new_document,
    save_stamped,
)
from reportaudit.export.html import explanation, totals_line
from reportaudit.export.labels import name, section_path, section_type
from reportaudit.export.model import FindingRow, MarkedText, Side, WorkingPaper
from reportaudit.i18n import _, language
from reportaudit.ratios import present as P

__all__ = ["render_docx"]


def _pct(value: float | None) -> str:
    """A share as a percentage ('—' when not scanned)."""
    return "—" if value is None else f"{100 * value:.1f}%"


def _where(side: Side) -> str:
    """Where a passage is, in one line."""
    return (
        f"{side.label} · {side.filename} · {section_path(side.section_path)} "
        f"[{section_type(side.section_type)}] · {side.start}–{side.end}"
    )


def _comment(f: FindingRow, mt: MarkedText) -> str:
    """A reused passage's comment: the finding, its source, relation and index number."""
    if f.b is None:
        return f"{_('finding {n}').format(n=f.number)} · {f.index}\n{explanation(f)}"
    here = f.a if f.a.revision == mt.revision else f.b
    other = f.b if here is f.a else f.a
    return (
        f"{_('finding {n}').format(n=f.number)} · {_('Index no.')} {f.index}\n"
        f"{_('Source')}: {_where(other)}\n"
        f"{_('Relation')}: {name('relation', f.relation)} · {_('similarity')} "
        f"{(f.similarity or 0):.2f}\n{explanation(f)}"
    )


def _fulltext(doc: DocxDocument, paper: WorkingPaper, mt: MarkedText) -> None:
    """The report paragraph by paragraph, marks highlighted, a comment on each mark."""
    by_number = {f.number: f for f in paper.findings}
    pos = 0
    for line in mt.text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        if not line.strip():
            continue
        marks = []
        for m in mt.marks:
            if m.start < hi and m.end > lo:
                first = m.start >= lo  # the comment goes where the mark begins
                comments = [_comment(by_number[n], mt) for n in m.findings if n in by_number]
                marks.append(
                    DocxMark(
                        max(m.start, lo) - lo,
                        min(m.end, hi) - lo,
                        label=str(m.number) if m.end <= hi else "",
                        comment="\n\n".join(comments) if first and comments else None,
                    )
                )
        marked_paragraph(doc, line, marks)


def render_docx(paper: WorkingPaper) -> tuple[bytes, str]:
    """(the .docx bytes with the stamp, digest of its content)."""
    doc = new_document()
    add_header_table(doc, paper.title, paper.header)
    add_footer(doc, paper.header.index if paper.header else "")
    doc.add_heading(_("1. Summary"), level=2)
    doc.add_paragraph(totals_line(paper.findings))
    for r in paper.summaries:
        doc.add_paragraph(
            f"#{r.revision} {r.unit} {r.year or ''} {r.kind}：{_('Total copy ratio')} "
            f"{_pct(r.share)}，{_('Excluding template')} {_pct(r.share_excluding_template)}"
        )
        if r.ratios is not None:  # the 复制比 figures, as `reuse` prints them
            for label, value in P.headline(r.ratios, language()):
                doc.add_paragraph(f"{label}：{value}", style="List Bullet")
    if paper.text is not None:
        doc.add_heading(f"{_('2. Full text with marks')}: {paper.text.label}", level=2)
        _fulltext(doc, paper, paper.text)
    doc.add_heading(_("3. Findings") if paper.text else _("2. Findings"), level=2)
    for f in paper.findings:
        what = name("relation", f.relation) if f.source == "reuse" else name("rule", f.rule)
        doc.add_heading(
            f"{f.number}. [{name('kind', f.kind)}] {name('band', f.band)} {f.severity} · {what}",
            level=3,
        )
        doc.add_paragraph(explanation(f))
        for side in (f.a, f.b):
            if side is None:
                continue
            doc.add_paragraph(_where(side)).runs[0].font.italic = True
            marked_paragraph(doc, side.text, [DocxMark(a, b) for a, b in side.marks])
        doc.add_paragraph(
            f"{_('Index no.')} {f.index} · {_('Review')}：{name('status', f.review.status)}"
        )
    if not paper.findings:
        doc.add_paragraph(_("No findings."))
    add_stamp_line(doc, paper.stamp)
    return save_stamped(doc, paper.stamp.to_dict(), title=paper.title)
