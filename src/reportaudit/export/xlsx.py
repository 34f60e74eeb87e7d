"""The working paper as an Excel workbook auditors can sort, filter and annotate.

Why these sheets: "Summary" (one row per report, sortable by share), "Findings" (one row per
finding, both passages with the matched characters in red rich text), "Text" for a one-report
export (the report line by line, marks numbered), "About" (the footer a reader sees), and a
hidden "Stamp" sheet for ``verify --export``. Every data sheet has a frozen header, filters,
set widths and wrapped text. Report text is untrusted: cells that could start a formula are
typed as text with Excel's quote-prefix flag (see ``reportaudit.export.safety``).
"""

from __future__ import annotations

import io
import json
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportaudit.export.marks import segments
from reportaudit.export.model import (
    FindingRow,
    MarkedText,
    ReportSummary,
    Side,
    WorkingPaper,
    totals,
)
from reportaudit.export.safety import is_formula_like, xml_text
from reportaudit.export.stamp import STAMP_NAME, STAMP_SHEET, cells_digest
from reportaudit.ratios import Breakdown
from reportaudit.ratios import present as P

__all__ = ["render_xlsx"]

MAX_CELL = 32000
"""Excel holds at most 32,767 characters in a cell; longer text is cut with a note."""
_MARK_FONT = InlineFont(color="C00000", b=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _text(value: str) -> str:
    """Cell-safe text: no control characters, within Excel's cell limit."""
    clean = xml_text(value)
    return clean if len(clean) <= MAX_CELL else clean[:MAX_CELL] + "…[truncated]"


def _put(ws: Worksheet, row: int, col: int, value: Any) -> None:
    """Write one cell; text that could start a formula stays text (quote prefix)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = _text(value)
        cell.value = value
        if is_formula_like(value):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
        if isinstance(value, CellRichText) and is_formula_like(str(value)):
            cell.quotePrefix = True
    cell.alignment = _WRAP


def _rich(text: str, marks: tuple[tuple[int, int], ...]) -> CellRichText | str:
    """``text`` with its marked characters in bold red (plain text when nothing is marked)."""
    parts = [(_text(p), on) for p, on in segments(text, marks) if p]
    if not any(on for _, on in parts):
        return _text(text)
    return CellRichText([TextBlock(_MARK_FONT, p) if on else p for p, on in parts])


def _table(ws: Worksheet, header: list[tuple[str, int]], rows: list[list[Any]]) -> None:
    """Header (bold, grey, frozen, filtered), rows, column widths."""
    for c, (name, width) in enumerate(header, 1):
        _put(ws, 1, c, name)
        ws.cell(row=1, column=c).font = Font(bold=True)
        ws.cell(row=1, column=c).fill = _HEAD_FILL
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            _put(ws, r, c, value)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(rows) + 1)}"
    ws.page_setup.orientation = "landscape"  # printed on A4, one page wide, header repeated
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _pct(value: float | None) -> float | None:
    """A share as a percentage number (sortable), None when not scanned."""
    return None if value is None else round(100 * value, 1)


def _figure(c: P.Column, r: ReportSummary) -> Any:
    """One 复制比 summary value as a cell: a percentage number (sortable, one decimal), a
    count, or text; None when the revision was not scanned."""
    if r.ratios is None:
        return r.chars if c.key == "figure.chars" else None
    v = c.value(r.ratios)
    return _pct(float(v)) if c.kind == "ratio" else v


def _summary(ws: Worksheet, paper: WorkingPaper) -> None:
    """One row per report: the 复制比 columns of ``reportaudit reuse --all`` (labels from the
    same file, ratios as % numbers), findings by band and status, 复制比 per section type."""
    titles = {s.section_type: s.title for r in paper.summaries for s in r.sections}
    types = sorted(titles)
    cols = P.SUMMARY_COLUMNS[2:]
    header = [
        ("Revision", 9),
        ("Unit 单位", 24),
        ("Year", 7),
        ("Kind 类型", 22),
        ("File", 24),
        *[(c.header("zh") + (" %" if c.kind == "ratio" else ""), 14) for c in cols],
        ("High", 7),
        ("Medium", 8),
        ("Low", 7),
        *[(f"Status: {s}", 10) for s in ("open", "confirmed", "template", "dismissed")],
        ("Check findings", 10),
        (P.name("figure.sources", "zh"), 40),
        *[(f"% {titles[t]}", 14) for t in types],
    ]
    rows = []
    for r in paper.summaries:
        status = dict(r.by_status)
        by_type = {s.section_type: s for s in r.sections}
        rows.append(
            [
                int(r.revision) if r.revision.isdigit() else r.revision,
                r.unit,
                r.year,
                r.kind,
                r.filename,
                *[_figure(c, r) for c in cols],
                *[n for _, n in r.by_severity],
                *[status.get(s, 0) for s in ("open", "confirmed", "template", "dismissed")],
                r.checks,
                "; ".join(f"{label} ({n})" for label, n in r.top_sources),
                *[_pct(by_type[t].share) if t in by_type else None for t in types],
            ]
        )
    _table(ws, header, rows)


def _sections(ws: Worksheet, paper: WorkingPaper) -> None:
    """复制比 per section by its actual heading (every depth) and per section type, one row
    each, the columns of ``reportaudit reuse --sections`` (ratios as % numbers)."""
    fields = P.BREAKDOWN_FIELDS
    header = [
        ("Revision", 9),
        (P.name("figure.report", "zh"), 30),
        (f"{P.name('figure.section', 'zh')}/{P.name('figure.section_type', 'zh')}", 10),
        ("Depth", 6),
        (P.name("figure.section", "zh"), 40),
        *[(P.name(k, "zh") if k else P.figure_name(s, v, "zh") + " %", 14) for k, s, v in fields],
    ]
    rows: list[list[Any]] = []
    for r in paper.summaries:
        if r.ratios is None:
            continue
        rev = int(r.revision) if r.revision.isdigit() else r.revision

        def values(b: Breakdown) -> list[Any]:
            """The figures of one row, in BREAKDOWN_FIELDS order."""
            return [
                b.chars if k == "figure.chars" else b.count("total") if k else _pct(b.ratio(s, v))
                for k, s, v in fields
            ]

        for depth, heading, b in P.section_rows(r.ratios, lang="zh", indent=""):
            rows.append(
                [rev, r.ratios.label, P.name("figure.section", "zh"), depth, heading, *values(b)]
            )
        for name, b in P.type_rows(r.ratios, "zh"):
            rows.append(
                [rev, r.ratios.label, P.name("figure.section_type", "zh"), None, name, *values(b)]
            )
    _table(ws, header, rows)


def _where(side: Side | None) -> list[Any]:
    """The location columns of one passage (empty for a check finding's missing side)."""
    if side is None:
        return [None, None, None, None]
    return [side.label, side.section_path, side.section_type, _rich(side.text, side.marks)]


def _findings(ws: Worksheet, findings: tuple[FindingRow, ...]) -> None:
    """One row per finding: what, how bad, both passages (marked), the review state."""
    header = [
        ("No.", 6),
        ("Kind", 11),
        ("Severity", 9),
        ("Band", 8),
        ("Relation / rule", 20),
        ("Template", 9),
        ("Similarity", 10),
        ("Chars", 7),
        ("Explanation", 40),
        ("A report", 20),
        ("A section", 20),
        ("A type", 11),
        ("A passage", 50),
        ("B report", 20),
        ("B section", 20),
        ("B type", 11),
        ("B passage", 50),
        ("Status", 11),
        ("Reviewer", 12),
        ("Reviewed at", 20),
        ("Note", 30),
        ("Finding id", 20),
    ]
    rows = [
        [
            f.number,
            f.kind,
            f.severity,
            f.band,
            f.relation if f.source == "reuse" else f.rule,
            "yes" if f.template else "",
            None if f.similarity is None else round(f.similarity, 4),
            f.chars,
            f.explanation,
            *_where(f.a),
            *_where(f.b),
            f.review.status,
            f.review.reviewer,
            f.review.at,
            f.review.note,
            f.id,
        ]
        for f in findings
    ]
    _table(ws, header, rows)


def _fulltext(ws: Worksheet, mt: MarkedText) -> None:
    """The report line by line; each line lists the mark numbers that touch it."""
    rows = []
    pos = 0
    for n, line in enumerate(mt.text.split("\n"), 1):
        lo, hi = pos, pos + len(line)
        here = [m for m in mt.marks if m.start < hi and m.end > lo]
        marks = tuple((max(m.start, lo) - lo, min(m.end, hi) - lo) for m in here)
        numbers = ", ".join(f"[{m.number}]→" + ",".join(str(x) for x in m.findings) for m in here)
        rows.append([n, numbers, _rich(line, marks)])
        pos = hi + 1
    _table(ws, [("Line", 7), ("Marks [n]→findings", 22), ("Text", 100)], rows)


def _about(ws: Worksheet, paper: WorkingPaper) -> None:
    """The footer as a sheet: title, scope, filters, tool, store, time, actor, head hash."""
    s = paper.stamp
    rows: list[list[Any]] = [
        ["Title", paper.title],
        ["Scope", paper.scope],
        ["Filters", "; ".join(f"{k}={v}" for k, v in paper.filters) or "all"],
        ["Reuse run", paper.run],
        ["Findings", totals(paper.findings)],
        ["Tool", f"reportaudit {s.version}"],
        ["Store", s.store],
        ["Exported at", s.time],
        ["Exported by", s.actor],
        ["Audit-trail head hash", s.head_hash or "(empty trail)"],
        ["Check", "reportaudit verify --export FILE"],
    ]
    _table(ws, [("Field", 22), ("Value", 80)], rows)


def render_xlsx(paper: WorkingPaper) -> tuple[bytes, str]:
    """(workbook bytes with a hidden stamp sheet, digest of every other sheet's cells)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Summary"
    _summary(ws, paper)
    _sections(wb.create_sheet("Sections"), paper)
    _findings(wb.create_sheet("Findings"), paper.findings)
    if paper.text is not None:
        _fulltext(wb.create_sheet("Text"), paper.text)
    _about(wb.create_sheet("About"), paper)
    digest = cells_digest(
        [(sheet.title, [list(r) for r in sheet.iter_rows(values_only=True)]) for sheet in wb]
    )
    wb.properties.title = paper.title
    wb.properties.creator = paper.stamp.actor
    stamp_ws = wb.create_sheet(STAMP_SHEET)
    stamp_ws.sheet_state = "hidden"
    stamp_ws["A1"] = STAMP_NAME
    stamp_ws["B1"] = json.dumps({**paper.stamp.to_dict(), "sha256": digest}, ensure_ascii=False)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), digest
