"""Builds report text and its Document (sections, paragraphs, offsets) side by side.

Why: the benchmark must not pay for (or depend on) the heading parser; the generator knows
the structure it writes, so it records exactly the Document the parser is meant to produce.
"""

from __future__ import annotations

from reportaudit.structure.model import Document, Paragraph, Section


class Builder:
    """Append headings and paragraphs; ``document()`` returns the finished Document."""

    def __init__(self, title: str) -> None:
        """Start with the title lines and the root section."""
        self.parts: list[str] = [title]
        self.len = len(title)
        self.title = title.strip()
        self.sections: list[dict] = [
            dict(
                index=0,
                parent=None,
                depth=0,
                style="root",
                number="",
                value=None,
                title="",
                path=(),
                canonical="preamble",
                heading_start=0,
                heading_end=0,
                end=0,
            )
        ]
        self.paragraphs: list[Paragraph] = []
        self.stack: list[int] = [0]

    @property
    def text(self) -> str:
        """The text so far."""
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0]

    def _line(self, line: str) -> tuple[int, int]:
        """Append one line; return its (start, end) without the newline."""
        start = self.len
        self.parts.append(line + "\n")
        self.len += len(line) + 1
        return start, start + len(line)

    def heading(
        self, depth: int, style: str, number: str, value: int, title: str, canonical: str
    ) -> int:
        """Add a heading line at ``depth`` (1 = top level) and open its section."""
        while len(self.stack) > depth:
            self.stack.pop()
        parent = self.stack[-1]
        s, e = self._line(number + title)
        label = number.strip("、.（）()")
        path = (*self.sections[parent]["path"], label if style != "paren_cn" else f"({label})")
        idx = len(self.sections)
        self.sections.append(
            dict(
                index=idx,
                parent=parent,
                depth=depth,
                style=style,
                number=number,
                value=value,
                title=title,
                path=path,
                canonical=canonical,
                heading_start=s,
                heading_end=e,
                end=e,
            )
        )
        self.stack.append(idx)
        return idx

    def para(self, text: str) -> tuple[int, int]:
        """Add a body paragraph to the current section; return its (start, end)."""
        s, e = self._line(text)
        self.paragraphs.append(Paragraph(len(self.paragraphs), self.stack[-1], s, e, text))
        return s, e

    def document(self) -> Document:
        """The finished Document (section ends computed from the final text)."""
        text = self.text
        secs = self.sections
        for i in range(len(secs) - 1, -1, -1):
            nxt = next(
                (
                    s["heading_start"]
                    for s in secs[i + 1 :]
                    if s["depth"] <= secs[i]["depth"] and s["index"] != 0
                ),
                len(text),
            )
            secs[i]["end"] = nxt if i else len(text)
        return Document(
            text=text,
            title=self.title,
            sections=tuple(Section(**s) for s in secs),
            paragraphs=tuple(self.paragraphs),
        )
