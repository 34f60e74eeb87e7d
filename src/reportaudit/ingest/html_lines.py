"""Linearise HTML the way the .docx reader linearises Word: lines, and one line per table cell.

Block elements (<p>, <div>, <h1>, <li>, …) end lines, <br> breaks them, each table cell's
lines come out tab-indented in row order (merged cells once, as HTML has them once),
<pre> keeps its lines. Whitespace is collapsed as a browser does, except that a source line
break next to a Chinese character adds nothing: the CMS wrapped its HTML there.
"""

from __future__ import annotations

import re
from typing import Any

_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
        "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "ul",
        "table", "tr", "td", "th", "tbody", "thead", "tfoot", "xmp", "listing", "plaintext",
    }
)  # fmt: skip

_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_CJK_BREAK = re.compile(
    rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*|[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])"
)
"""A source line break next to a Chinese character: the CMS wrapped the source there; a
browser may show a space, but the author never typed one."""
_SPACES = re.compile(r"[ \t\r\n\f]+")


class Lines:
    """Linearise an element like the .docx reader: block lines, one tab-indented line per
    table cell, whitespace collapsed as a browser would (but no space where a source line
    break fell next to a Chinese character)."""

    def __init__(self) -> None:
        """No lines yet."""
        self.lines: list[str] = []
        self._parts: list[str] = []

    @classmethod
    def of(cls, el: Any) -> list[str]:
        """The lines of ``el`` (its tail excluded)."""
        out = cls()
        out.element(el)
        out.flush()
        return out.lines

    def text(self, text: str | None) -> None:
        """Inline text."""
        if text:
            self._parts.append(text)

    def flush(self) -> None:
        """End the current line."""
        if not self._parts:
            return
        text = _CJK_BREAK.sub("", "".join(self._parts))
        text = _SPACES.sub(" ", text).replace("\xa0", " ").strip(" ")
        self._parts = []
        if text.strip():
            self.lines.append(text)

    def element(self, el: Any) -> None:
        """Add an element's content (not its tail)."""
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self._table(el)
            return
        if tag in {"pre", "xmp", "listing", "plaintext"}:
            self.flush()
            for raw in el.text_content().split("\n"):
                if raw.strip():
                    self.lines.append(raw.replace("\xa0", " ").rstrip())
            return
        block = tag in _BLOCKS
        if block:
            self.flush()
        self.text(el.text)
        for child in el:
            if isinstance(child.tag, str):
                self.element(child)
            self.text(child.tail)
        if block:
            self.flush()

    def _table(self, table: Any) -> None:
        """Caption as a line, then every cell once, row by row, as tab-indented lines."""
        for caption in table.xpath("./caption"):
            self.element(caption)
        for cell in table.xpath("./tr/td|./tr/th|./*/tr/td|./*/tr/th"):
            for line in Lines.of_children(cell):
                self.lines.append("\t" + line.lstrip("\t").strip())

    @classmethod
    def of_children(cls, el: Any) -> list[str]:
        """The lines of an element's content, as if it were a block."""
        out = cls()
        out.text(el.text)
        for child in el:
            if isinstance(child.tag, str):
                out.element(child)
            out.text(child.tail)
        out.flush()
        return out.lines
