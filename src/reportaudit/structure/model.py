"""The parsed shape of a report: a flat, ordered list of sections and paragraphs.

Everything here is a frozen dataclass so results can be shared between the CLI, the TUI,
the matcher and the diff without anyone mutating them. Offsets are character offsets into
the *extracted text* of a revision (what ``reportaudit.ingest`` produced and the store keeps),
so any later layer can highlight a span by slicing that text.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

PARSER_VERSION = "structure-3"
"""Bumped whenever parsing changes its output, so stored derivations can be re-derived."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph (or one table cell line) with its span in the extracted text."""

    index: int
    section: int
    start: int
    end: int
    text: str
    cell: bool = False  # a line of a table-form report (tab-indented / tab-separated cells)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the body under it. ``parent`` is the index of the enclosing section.

    ``number`` is the marker as written ("一、", "（1）", "①"); ``style`` names its family
    (cn, paren_cn, arabic, paren_arabic, circled, plain, attachment, root); ``value`` is the
    marker's integer value when it has one. ``path`` is the stable heading path from the root,
    e.g. ("五", "（二）", "4") — marker labels, not titles, so rewording keeps the path.
    ``canonical`` is the section type from the canonical-type table (inherited from the parent
    when the heading itself matches nothing).
    """

    index: int
    parent: int | None
    depth: int
    style: str
    number: str
    value: int | None
    title: str
    path: tuple[str, ...]
    canonical: str
    heading_start: int
    heading_end: int
    end: int  # end of the section including its children (start is heading_start)
    marker_lost: bool = False  # numbering inferred: the list marker was lost in conversion


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed report: its text, title lines and sections/paragraphs in document order.

    ``sections[0]`` is always the root (style "root", the preamble before the first heading).
    """

    text: str
    title: str
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    parser_version: str = PARSER_VERSION
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def children(self, index: int) -> list[Section]:
        """Direct child sections of section ``index``."""
        return [s for s in self.sections if s.parent == index]

    def paragraphs_of(self, index: int) -> list[Paragraph]:
        """Body paragraphs directly under section ``index`` (not its children's)."""
        return [p for p in self.paragraphs if p.section == index]

    def heading_label(self, index: int) -> str:
        """The heading as a reader sees it: marker and title."""
        s = self.sections[index]
        return f"{s.number}{s.title}".strip()

    def section_path_text(self, index: int) -> str:
        """Human-readable path: '五、… › （二）… › 4.偏离…' (titles, for display)."""
        chain: list[str] = []
        cur: int | None = index
        while cur is not None and cur != 0:
            chain.append(self.heading_label(cur))
            cur = self.sections[cur].parent
        return " › ".join(reversed(chain)) or "(preamble)"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the store keeps this; ``from_dict`` reverses it)."""
        return {
            "parser_version": self.parser_version,
            "title": self.title,
            "warnings": list(self.warnings),
            "sections": [
                {**{f: getattr(s, f) for f in _SECTION_FIELDS}, "path": list(s.path)}
                for s in self.sections
            ],
            "paragraphs": [{f: getattr(p, f) for f in _PARAGRAPH_FIELDS} for p in self.paragraphs],
        }

    @classmethod
    def from_dict(cls, text: str, data: dict[str, Any]) -> Document:
        """Rebuild a Document from ``to_dict`` output and the extracted text."""
        # fields spelled out, positional: no dict and no call per field (tests/structure
        # round-trip every field, so a field added to Section or Paragraph is noticed)
        sections = tuple(
            Section(
                s["index"],
                s["parent"],
                s["depth"],
                s["style"],
                s["number"],
                s["value"],
                s["title"],
                tuple(s["path"]),
                s["canonical"],
                s["heading_start"],
                s["heading_end"],
                s["end"],
                s.get("marker_lost", False),
            )
            for s in data["sections"]
        )
        paragraphs = tuple(
            Paragraph(
                p["index"], p["section"], p["start"], p["end"], p["text"], p.get("cell", False)
            )
            for p in data["paragraphs"]
        )
        return cls(
            text=text,
            title=data.get("title", ""),
            sections=sections,
            paragraphs=paragraphs,
            parser_version=data.get("parser_version", PARSER_VERSION),
            warnings=tuple(data.get("warnings", ())),
        )


# Field names in declaration order: ``to_dict`` reads them directly (dataclasses.asdict
# deep-copies recursively and was a third of the time to store an imported report).
_SECTION_FIELDS = tuple(f.name for f in fields(Section))
_PARAGRAPH_FIELDS = tuple(f.name for f in fields(Paragraph))
