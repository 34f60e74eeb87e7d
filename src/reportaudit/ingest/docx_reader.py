"""Read a .docx into lines: body paragraphs and table cells in document order.

Table-form self-evaluation reports keep most of their substance in table cells, so tables
are not optional: each cell paragraph becomes one line indented by a tab, the way such
reports look when converted to text, and cells Word merges (which python-docx would repeat
for every spanned grid column or row) are emitted once. Heading-styled paragraphs whose
numbering Word generates automatically have no marker in their text; their line numbers and
levels are returned so the structure parser can still treat them as headings.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from reportaudit.errors import IngestError
from reportaudit.ingest.clean import normalise_newlines, one_line
from reportaudit.ingest.limits import Budget
from reportaudit.ingest.markers import has_marker

PARTS_PER_LIMIT = 4
"""All XML parts together may inflate to this many times the per-part limit."""
_CHUNK = 1024 * 1024

_W_P, _W_TBL, _W_TR, _W_TC, _W_SDT, _W_SDT_CONTENT = (
    qn("w:p"),
    qn("w:tbl"),
    qn("w:tr"),
    qn("w:tc"),
    qn("w:sdt"),
    qn("w:sdtContent"),
)
_W_T, _W_TAB, _W_BR, _W_CR, _W_NBH = (
    qn("w:t"),
    qn("w:tab"),
    qn("w:br"),
    qn("w:cr"),
    qn("w:noBreakHyphen"),
)
_SKIPPED = frozenset(
    {
        qn("w:pPr"),
        qn("w:rPr"),
        qn("w:del"),  # tracked deletions are not part of the submitted text
        qn("w:txbxContent"),  # text boxes: nested paragraphs, often duplicated in a fallback
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
        qn("w:footnoteReference"),
        qn("w:commentReference"),
    }
)
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


def read_docx(
    data: bytes, filename: str, *, budget: Budget | None = None
) -> tuple[str, tuple[tuple[int, int], ...], tuple[str, ...]]:
    """Return ``(text, headings, warnings)``; ``headings`` as in ``Extracted.headings``.

    ``budget`` (default limits when None) bounds the inflated size of each XML part (checked
    while inflating, before python-docx parses anything), the characters and the time."""
    budget = budget or Budget(filename)
    _check_inflated_size(data, filename, budget)
    try:
        document: Any = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise IngestError(filename, f"corrupt .docx file: {one_line(exc)}") from None
    except ValueError as exc:  # python-docx: not a WordprocessingML main part (.docm, .dotx)
        raise IngestError(
            filename, f"unsupported Word package: {one_line(exc)}; save as .docx"
        ) from None
    except Exception as exc:  # lxml syntax errors and other damage inside the package
        raise IngestError(filename, f"corrupt .docx file: {one_line(exc)}") from None

    reader = _Reader(document, budget)
    reader.walk(document.element.body)
    return "\n".join(reader.lines), tuple(reader.headings), tuple(reader.warnings())


def _check_inflated_size(data: bytes, filename: str, budget: Budget) -> None:
    """Refuse archives whose XML parts inflate beyond the limit (zip bombs).

    Why inflate instead of reading the sizes: the sizes in a zip's directory are whatever
    its maker wrote. Each XML part is inflated in 1 MiB chunks and counted, so a bomb is
    refused after at most the limit, whatever it claims."""
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                inflated = 0
                with zf.open(info) as part:
                    while chunk := part.read(_CHUNK):
                        inflated += len(chunk)
                        budget.check_part(info.filename, inflated)
                        budget.check_part("(all XML parts)", (total + inflated) // PARTS_PER_LIMIT)
                total += inflated
                budget.check_time("inflating the .docx")
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError) as exc:
        raise IngestError(filename, f"corrupt .docx file: {one_line(exc)}") from None


class _Reader:
    """Walks the body XML once, collecting lines, heading hints and counts for warnings."""

    def __init__(self, document: Any, budget: Budget) -> None:
        """Keep the document for style lookups; start with no lines."""
        self._budget = budget
        self._chars = 0
        self._styles = document.styles
        self._style_levels: dict[str, int | None] = {}
        self._style_numbered: dict[str, bool] = {}
        self.lines: list[str] = []
        self.headings: list[tuple[int, int]] = []
        self.numbered = 0
        self.text_boxes = 0

    def walk(self, container: Any, in_table: bool = False) -> None:
        """Visit block items (paragraphs, tables, content controls) in document order."""
        for child in container.iterchildren():
            tag = child.tag
            if tag == _W_P:
                self._paragraph(child, in_table)
            elif tag == _W_TBL:
                self._table(child)
            elif tag == _W_SDT:
                content = child.find(_W_SDT_CONTENT)
                if content is not None:
                    self.walk(content, in_table)

    def _paragraph(self, p: Any, in_table: bool) -> None:
        """Add a paragraph's lines; note heading level when its text has no marker."""
        text = normalise_newlines(_paragraph_text(p, self))
        self._chars += len(text) + 1
        self._budget.check_chars(self._chars, at_least=True)
        if len(self.lines) % 256 == 0:
            self._budget.check_time()
        parts = text.split("\n")
        if in_table:
            for part in parts:
                if part.strip():
                    self.lines.append("\t" + part.strip())
            return
        # A leading tab would make a body line look like a table cell to the parser.
        parts = [part.lstrip("\t") for part in parts]
        first_line = len(self.lines) + 1
        self.lines.extend(parts)
        if self._is_numbered(p):
            self.numbered += 1
        level = self._heading_level(p)
        if level is not None and text.strip() and not has_marker(parts[0]):
            self.headings.append((first_line, level))

    def _table(self, tbl: Any) -> None:
        """Emit each cell once, row by row, skipping the repeats merged cells produce."""
        above: dict[int, Any] = {}  # grid column -> tc covering it in the previous row
        for tr in tbl.iterchildren(_W_TR):
            col = 0
            row_cells: dict[int, Any] = {}
            for tc in _row_cells(tr):
                span = _grid_span(tc)
                if _vmerge(tc) == "continue" and col in above:
                    origin = above[col]
                elif _hmerge_continues(tc):
                    origin = row_cells.get(col - 1, tc)
                else:
                    origin = tc
                    self.walk(tc, in_table=True)
                for c in range(col, col + span):
                    row_cells[c] = origin
                col += span
            above = row_cells

    def _is_numbered(self, p: Any) -> bool:
        """Whether Word numbers this paragraph automatically (directly or via its style)."""
        num = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num is not None:
            num_id = num.find(qn("w:numId"))
            return num_id is None or num_id.get(qn("w:val")) != "0"  # numId 0 = numbering off
        style_el = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style_el is None:
            return False
        style_id = style_el.get(qn("w:val")) or ""
        if style_id not in self._style_numbered:
            style: Any = self._style(style_id)
            found = False
            for _ in range(6):
                if style is None:
                    break
                if style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
                    found = True
                    break
                style = style.base_style
            self._style_numbered[style_id] = found
        return self._style_numbered[style_id]

    def _style(self, style_id: str) -> Any:
        """The paragraph style with this id, or None."""
        return next((s for s in self._styles if s.style_id == style_id), None)

    def _heading_level(self, p: Any) -> int | None:
        """Heading level from a "Heading N"/"标题 N" style or an explicit outline level."""
        outline = p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if outline is not None:
            return _outline_to_level(outline.get(qn("w:val")))
        style_el = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style_el is None:
            return None
        style_id = style_el.get(qn("w:val")) or ""
        if style_id not in self._style_levels:
            self._style_levels[style_id] = self._style_level(style_id)
        return self._style_levels[style_id]

    def _style_level(self, style_id: str) -> int | None:
        """Resolve a style id to a heading level, following based-on styles a few steps."""
        style: Any = self._style(style_id)
        for _ in range(6):
            if style is None:
                return None
            match = _HEADING_STYLE.match((style.name or "").strip())
            if match:
                return int(match.group(1))
            outline = style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            if outline is not None:
                return _outline_to_level(outline.get(qn("w:val")))
            style = style.base_style
        return None

    def warnings(self) -> list[str]:
        """One-line notes about what the text cannot show."""
        notes: list[str] = []
        if self.numbered:
            notes.append(
                f"{self.numbered} paragraph(s) use Word automatic numbering; "
                "their numbers are not in the text"
            )
        if self.text_boxes:
            notes.append(f"{self.text_boxes} text box(es) ignored")
        return notes


def _paragraph_text(p: Any, reader: _Reader) -> str:
    """The visible text of a paragraph, including hyperlinks, fields and tracked insertions."""
    out: list[str] = []
    for piece in _iter_text(p, reader):
        out.append(piece)
    return "".join(out)


def _iter_text(el: Any, reader: _Reader) -> Iterator[str]:
    """Yield text pieces of ``el`` in order, not descending into skipped subtrees."""
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str):  # comments, processing instructions
            continue
        if tag in _SKIPPED:
            if tag == qn("w:txbxContent"):
                reader.text_boxes += 1
            continue
        if tag == _W_T:
            yield child.text or ""
        elif tag == _W_TAB:
            yield "\t"
        elif tag in (_W_BR, _W_CR):
            yield "\n"
        elif tag == _W_NBH:
            yield "-"
        else:
            yield from _iter_text(child, reader)


def _row_cells(tr: Any) -> Iterator[Any]:
    """The w:tc elements of a row, looking through content controls around cells."""
    for child in tr.iterchildren():
        if child.tag == _W_TC:
            yield child
        elif child.tag == _W_SDT:
            content = child.find(_W_SDT_CONTENT)
            if content is not None:
                yield from (tc for tc in content.iterchildren(_W_TC))


def _grid_span(tc: Any) -> int:
    """How many grid columns a cell spans (horizontal merge)."""
    span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    try:
        return max(1, int(span.get(qn("w:val")))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _vmerge(tc: Any) -> str | None:
    """ "restart", "continue" or None: Word's vertical merge state of a cell."""
    vm = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    if vm is None:
        return None
    return vm.get(qn("w:val")) or "continue"


def _hmerge_continues(tc: Any) -> bool:
    """Legacy horizontal merge (w:hMerge="continue"): the cell repeats its left neighbour."""
    hm = tc.find(f"{qn('w:tcPr')}/{qn('w:hMerge')}")
    return hm is not None and (hm.get(qn("w:val")) or "continue") == "continue"


def _outline_to_level(value: str | None) -> int | None:
    """Word outline levels are 0-based and 9 means body text."""
    try:
        n = int(value or "")
    except ValueError:
        return None
    return n + 1 if 0 <= n <= 8 else None
