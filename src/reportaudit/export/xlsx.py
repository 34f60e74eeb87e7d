"""The working paper as an Excel workbook auditors can sort, filter and annotate.

Why these sheets: "底稿" (the form: 被审计单位, 审计事项, 索引号, 编制人/复核人 with dates,
审计结论, and the stamp a reader sees), "汇总" (one row per report, sortable by share), "发现"
(one row per finding, both passages in full with the matched characters in red rich text),
"全文" for a one-report export (the report line by line, marks numbered), and a hidden
"Stamp" sheet for ``verify --export``. Sheet names and headers follow the reader's language.
Every data sheet prints on A4 one page wide (landscape for wide tables) with its header row
repeated, 索引号 and 页次 in the page header and footer; it has a frozen header, filters, set
widths, wrapped cells and row heights that show each passage whole. Report text is untrusted: cells that could start a formula are
typed as text with Excel's quote-prefix flag (see ``reportaudit.export.safety``).
"""

from __future__ import annotations

import io
import json
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.styles import Side as Edge
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportaudit.export.html import explanation, totals_line
from reportaudit.export.labels import filters_text, name, section_path, section_type
from reportaudit.export.marks import segments
from reportaudit.export.model import (
    FindingRow,
    MarkedText,
    ReportSummary,
    Side,
    Signature,
    WorkingPaper,
)
from reportaudit.export.safety import is_formula_like, xml_text
from reportaudit.export.stamp import STAMP_NAME, STAMP_SHEET, cells_digest
from reportaudit.i18n import _, language, local_date, local_time
from reportaudit.ratios import Breakdown
from reportaudit.ratios import present as P

__all__ = ["render_xlsx"]

MAX_CELL = 32000
"""Excel holds at most 32,767 characters in a cell; longer text is cut with a note."""
_MARK_FONT = InlineFont(color="C00000", b=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")
_WRAP = Alignment(wrap_text=True, vertical="top")
_THIN = Edge(style="thin", color="BBBBBB")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


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


def _height(values: list[Any], widths: list[int]) -> float | None:
    """Row height (points) that shows every wrapped cell whole: lines of each cell at its
    column width (a Chinese character is two width units), 15 pt a line, within Excel's
    409 pt limit; None for one-line rows (the default height)."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if value is None:
            continue
        text = str(value)
        units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
        per_line = max(1, int(width * 0.95))
        count = sum(
            max(1, -(-sum(2 if ord(c) > 0x2E7F else 1 for c in part) // per_line))
            for part in text.split("\n")
        )
        lines = max(lines, count if units else 1)
    return None if lines <= 1 else min(409.0, 15.0 * lines)


def _table(
    ws: Worksheet, header: list[tuple[str, int]], rows: list[list[Any]], *, start: int = 1
) -> None:
    """Header (bold, grey, frozen, filtered, repeated on every printed page), rows, widths
    and heights, A4 landscape one page wide."""
    for c, (title, width) in enumerate(header, 1):
        _put(ws, start, c, title)
        ws.cell(row=start, column=c).font = Font(bold=True)
        ws.cell(row=start, column=c).fill = _HEAD_FILL
        ws.column_dimensions[get_column_letter(c)].width = width
    widths = [w for _n, w in header]
    head_height = _height([t for t, _w in header], widths)
    if head_height:  # a header longer than its column wraps instead of being cut
        ws.row_dimensions[start].height = head_height
    for r, values in enumerate(rows, start + 1):
        for c, value in enumerate(values, 1):
            _put(ws, r, c, value)
            ws.cell(row=r, column=c).border = _GRID
        height = _height(values, widths)
        if height:
            ws.row_dimensions[r].height = height
    ws.freeze_panes = f"A{start + 1}"
    last = get_column_letter(len(header))
    ws.auto_filter.ref = f"A{start}:{last}{max(start, start + len(rows))}"
    _print_setup(ws, landscape=len(header) > 4)
    ws.print_title_rows = f"{start}:{start}"


def _print_setup(ws: Worksheet, *, landscape: bool) -> None:
    """A4, one page wide and as many pages tall as needed, margins, centred."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.page_margins.header = ws.page_margins.footer = 0.3


def _furniture(ws: Worksheet, paper: WorkingPaper) -> None:
    """Page header (title, 索引号) and footer (第 n 页 共 N 页) on every printed page."""
    index = paper.header.index if paper.header else ""
    ws.oddHeader.right.text = _amp(f"{_('Index no.')} {index}")
    ws.oddFooter.center.text = f"{_amp(_('Page'))} &P {_amp(_('of'))} &N {_amp(_('pages'))}"
    ws.oddFooter.right.text = _amp(ws.title)


def _amp(text: str) -> str:
    """Header/footer text with '&' doubled (a single '&' starts a code such as &P)."""
    return xml_text(text).replace("&", "&&")


def _pct(value: float | None) -> float | None:
    """A share as a percentage number (sortable), None when not scanned."""
    return None if value is None else round(100 * value, 1)


STATUSES = ("open", "confirmed", "template", "dismissed")


def _figure(c: P.Column, r: ReportSummary) -> Any:
    """One 复制比 summary value as a cell: a percentage number (sortable, one decimal), a
    count, or text; None when the revision was not scanned."""
    if r.ratios is None:
        return r.chars if c.key == "figure.chars" else None
    v = c.value(r.ratios)
    return _pct(float(v)) if c.kind == "ratio" else v


def _summary(ws: Worksheet, paper: WorkingPaper) -> None:
    """One row per report: the 复制比 columns of ``reportaudit reuse --all`` (labels from the
    same file, ratios as % numbers), findings by band and status, check findings, sources."""
    lang = language()
    cols = P.SUMMARY_COLUMNS[2:]
    header = [
        (_("Revision"), 7),
        (_("Audited unit"), 18),
        (_("Year"), 6),
        (_("Report kind"), 16),
        (_("File"), 18),
        *[(c.header(lang) + (" %" if c.kind == "ratio" else ""), 11) for c in cols],
        (name("band", "high"), 6),
        (name("band", "medium"), 6),
        (name("band", "low"), 6),
        *[(name("status", s), 9) for s in STATUSES],
        (_("Check findings"), 9),
        (_("Main sources"), 32),
    ]
    rows = []
    for r in paper.summaries:
        status = dict(r.by_status)
        rows.append(
            [
                int(r.revision) if r.revision.isdigit() else r.revision,
                r.unit,
                r.year,
                r.kind,
                r.filename,
                *[_figure(c, r) for c in cols],
                *[n for _b, n in r.by_severity],
                *[status.get(s, 0) for s in STATUSES],
                r.checks,
                "；".join(f"{label}（{n}）" for label, n in r.top_sources),
            ]
        )
    _table(ws, header, rows)


def _sections(ws: Worksheet, paper: WorkingPaper) -> None:
    """复制比 per section by its actual heading (every depth) and per section type, one row
    each, the columns of ``reportaudit reuse --sections`` (ratios as % numbers) — a long
    table that prints one page wide and pivots in any spreadsheet."""
    lang = language()
    fields = P.BREAKDOWN_FIELDS
    header = [
        (_("Revision"), 7),
        (P.name("figure.report", lang), 24),
        (f"{P.name('figure.section', lang)}/{P.name('figure.section_type', lang)}", 10),
        (_("Depth"), 5),
        (P.name("figure.section", lang), 34),
        *[(P.name(k, lang) if k else P.figure_name(s, v, lang) + " %", 11) for k, s, v in fields],
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

        for depth, heading, b in P.section_rows(r.ratios, lang=lang, indent=""):
            rows.append(
                [rev, r.ratios.label, P.name("figure.section", lang), depth, heading, *values(b)]
            )
        for title, b in P.type_rows(r.ratios, lang):
            rows.append(
                [rev, r.ratios.label, P.name("figure.section_type", lang), None, title, *values(b)]
            )
    _table(ws, header, rows)


def _where(side: Side | None) -> list[Any]:
    """The location and passage columns of one side (empty for a check's missing side)."""
    if side is None:
        return [None, None]
    where = f"{side.label}\n{section_path(side.section_path)}\n[{section_type(side.section_type)}]"
    return [where, _rich(side.text, side.marks)]


def _signed(f: FindingRow) -> str | None:
    """'编制：张三 2024-05-31；复核：李四 2024-06-01' (None when nobody signed)."""
    parts = [
        f"{label}：{sig.actor} {local_date(sig.at)}"
        for label, sig in ((_("Prepared by"), f.preparer), (_("Reviewed by"), f.reviewer))
        if sig is not None
    ]
    return "；".join(parts) or None


FINDING_COLUMNS = (
    ("No.", 5),
    ("Index no.", 16),
    ("Kind", 9),
    ("Severity", 6),
    ("Relation or rule", 13),
    ("Similarity", 7),
    ("Characters", 6),
    ("Explanation", 30),
    ("A: where", 16),
    ("A: passage", 42),
    ("B: where", 16),
    ("B: passage", 42),
    ("Review status", 9),
    ("Reviewer", 9),
    ("Reviewed at", 11),
    ("Note", 16),
    ("Sign-off", 14),
)
"""Findings sheet columns (English msgids, widths): passages wide, ids and codes narrow."""


def _findings(ws: Worksheet, findings: tuple[FindingRow, ...]) -> None:
    """One row per finding: what, how bad, both passages (marked), the review state."""
    header = [(_(t), w) for t, w in FINDING_COLUMNS]
    rows = [
        [
            f.number,
            f.index or f.id,
            name("kind", f.kind),
            f.severity,
            (name("relation", f.relation) + (f"（{_('template')}）" if f.template else ""))
            if f.source == "reuse"
            else name("rule", f.rule),
            None if f.similarity is None else round(f.similarity, 4),
            f.chars,
            explanation(f),
            *_where(f.a),
            *_where(f.b),
            name("status", f.review.status),
            f.review.reviewer,
            local_time(f.review.at, seconds=False) or None,
            f.review.note,
            _signed(f),
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
        rows.append([n, numbers or None, _rich(line, marks)])
        pos = hi + 1
    _table(ws, [(_("Line"), 6), (_("Marks [n]→findings"), 16), (_("Text"), 90)], rows)
    _print_setup(ws, landscape=False)


def _sig_cells(sig: Signature | None) -> tuple[str, str]:
    """(name, date) cells of a sign-off, 'unsigned at export' when there is none."""
    if sig is None:
        return _("unsigned at export"), ""
    return sig.actor, local_date(sig.at)


def _paper(ws: Worksheet, paper: WorkingPaper) -> None:
    """The 底稿 form: header fields, the totals, and the stamp a reader sees."""
    h = paper.header
    s = paper.stamp
    prep, prep_at = _sig_cells(h.preparer if h else None)
    rev, rev_at = _sig_cells(h.reviewer if h else None)
    rows: list[list[Any]] = [
        [_("Audited unit"), h.unit if h else ""],
        [_("Audit matter"), h.matter if h else paper.title],
        [_("Index no."), h.index if h else ""],
        [_("Period"), h.period if h else ""],
        [_("Prepared by"), prep],
        [_("Date prepared"), prep_at],
        [_("Reviewed by"), rev],
        [_("Date reviewed"), rev_at],
        [_("Audit conclusion"), (h.conclusion if h else None) or _("none yet")],
        [_("Findings"), totals_line(paper.findings)],
        [_("Filters"), filters_text(paper.filters)],
        [_("Reuse scan run"), paper.run],
        [_("Tool"), f"reportaudit {s.version}"],
        [_("Store"), s.store],
        [_("Exported at"), local_time(s.time)],
        [_("Exported by"), s.actor],
        [_("Audit-trail head hash at export"), s.head_hash or _("(empty trail)")],
        [_("Check this file against the store"), "reportaudit verify --export FILE"],
    ]
    ws.cell(row=1, column=1, value=paper.title).font = Font(bold=True, size=14)
    ws.merge_cells("A1:B1")
    _table(ws, [(_("Field"), 20), (_("Value"), 70)], rows, start=2)
    ws.auto_filter.ref = None
    _print_setup(ws, landscape=False)


def render_xlsx(paper: WorkingPaper) -> tuple[bytes, str]:
    """(workbook bytes with a hidden stamp sheet, digest of every other sheet's cells)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Paper")
    _paper(ws, paper)
    _summary(wb.create_sheet(_("Summary")), paper)
    _sections(wb.create_sheet(_("Copy ratio per section")), paper)
    _findings(wb.create_sheet(_("Findings")), paper.findings)
    if paper.text is not None:
        _fulltext(wb.create_sheet(_("Text")), paper.text)
    for sheet in wb.worksheets:
        _furniture(sheet, paper)
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
