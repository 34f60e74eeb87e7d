"""Parse a report's text into a section tree with offsets: ``parse(text) -> Document``.

How nesting is decided (the genre's numbering is conventional, not enforced):
1. A marker style already open on the stack closes everything below it: a sibling.
2. A list's first item (value 1, or ① …) of a style not open yet is a child of the heading
   above it, whatever its conventional depth: writers put "1." under "(1)" too.
3. Otherwise the conventional rank settles it: close open headings of the same or deeper
   rank ("（二）" after "(1) … 4." is a sibling of "(1)", not a child of "4.").
Unnumbered headings are recognised only when their wording matches a canonical section
type (e.g. a lost "（三）" before "部门整体绩效目标及资金执行情况"). A run of items whose
marker was lost in conversion ("(统战…", "(工商联…" followed by "④…") is numbered back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from reportaudit.structure.canonical import SectionTypes, load_section_types
from reportaudit.structure.frontmatter import scan as scan_front
from reportaudit.structure.headings import (
    CIRCLED,
    STYLE_RANK,
    Marker,
    looks_like_plain_heading,
    match_marker,
    split_run_in,
    split_title,
)
from reportaudit.structure.lines import Line, split_lines
from reportaudit.structure.model import Document, Paragraph, Section

_DECIMAL_START = re.compile(r"^(\d{1,2})[.．](?=\d)")
_LOST = re.compile(r"^[（(](?![一二三四五六七八九十\d]{1,3}\s*[）)])(?=\S)")


@dataclass
class _Open:
    """A section being built (mutable while parsing, frozen into Section at the end)."""

    index: int
    parent: int | None
    depth: int
    style: str
    number: str
    value: int | None
    title: str
    heading_start: int
    heading_end: int
    marker_lost: bool = False
    canonical: str = "other"
    path: tuple[str, ...] = field(default_factory=tuple)


def _recover_lost_markers(lines: list[Line], markers: list[Marker | None]) -> set[int]:
    """Number back list items whose circled marker was lost ("(统战…" before "④…").

    Returns the indices of the lines whose marker was recovered.
    """
    lost: set[int] = set()
    run: list[int] = []
    for i, line in enumerate(lines):
        if not line.text:
            continue
        marker = markers[i]
        if marker is None and _LOST.match(line.text):
            run.append(i)
            continue
        if marker is not None:
            if run and marker.style == "circled" and marker.value == len(run) + 1:
                for k, j in enumerate(run, start=1):
                    title_marker = match_marker(CIRCLED[k - 1] + lines[j].text[1:])
                    if title_marker is not None:
                        markers[j] = Marker(
                            "circled",
                            k,
                            CIRCLED[k - 1],
                            title_marker.title,
                            title_marker.body_offset,
                        )
                        lost.add(j)
            run = []
    return lost


def _label(number: str) -> str:
    """Path component from a marker: "（二）" -> "(二)", "1、" -> "1", "①" -> "①"."""
    folded = unicodedata.normalize("NFKC", number).strip().rstrip("、.:：,，")
    return folded.replace(" ", "")


class _Builder:
    """Accumulates sections and paragraphs while walking lines in order."""

    def __init__(self, text: str, types: SectionTypes) -> None:
        self.text = text
        self.types = types
        root = _Open(0, None, 0, "root", "", None, "", 0, 0, canonical="preamble")
        self.sections: list[_Open] = [root]
        self.paragraphs: list[Paragraph] = []
        self.stack: list[int] = []
        self.last_heading: int | None = None
        self.seen_paths: dict[tuple[str, ...], int] = {}

    @property
    def current(self) -> int:
        """Index of the section new paragraphs go into."""
        return self.stack[-1] if self.stack else 0

    def _parent_for(self, style: str, value: int | None) -> int:
        """Apply the nesting rules in the module docstring; trims the stack."""
        for pos in range(len(self.stack) - 1, -1, -1):
            if self.sections[self.stack[pos]].style == style:
                del self.stack[pos:]
                return self.current
        if value == 1 and self.stack and style != "attachment":
            return self.current
        rank = STYLE_RANK.get(style, 3)
        while self.stack and STYLE_RANK.get(self.sections[self.stack[-1]].style, 3) >= rank:
            self.stack.pop()
        return self.current

    def open_section(self, line: Line, marker: Marker, *, lost: bool = False) -> None:
        """Start a section at ``line``; emit the inline body (if any) as a paragraph."""
        if marker.style == "plain":
            del self.stack[1 if self.stack and self._top_is_cn() else 0 :]
            parent = self.current
        else:
            parent = self._parent_for(marker.style, marker.value)
        index = len(self.sections)
        head_start = line.start + line.lead
        body_at = marker.body_offset
        head_end = line.end if body_at is None else head_start + body_at
        parent_sec = self.sections[parent]
        label = _label(marker.number) if marker.number else marker.title
        path = (*parent_sec.path, label)
        if path in self.seen_paths:
            self.seen_paths[path] += 1
            path = (*parent_sec.path, f"{label}#{self.seen_paths[path]}")
        else:
            self.seen_paths[path] = 1
        if marker.style == "attachment" or parent_sec.canonical == "attachments":
            kind: str | None = "attachments"
        else:
            kind = self.types.classify(marker.title) if marker.title else None
        if kind is None:
            kind = parent_sec.canonical if parent else "other"
        sec = _Open(
            index,
            parent,
            parent_sec.depth + 1,
            marker.style,
            marker.number,
            marker.value,
            marker.title,
            head_start,
            head_end,
            marker_lost=lost,
            canonical=kind,
            path=path,
        )
        self.sections.append(sec)
        self.stack.append(index)
        if body_at is not None:
            self.add_paragraph(
                head_start + body_at, line.start + line.lead + len(line.text), cell=line.cell
            )

    def continuation_marker(self, text: str) -> Marker | None:
        """ "2.65岁以上…" after an open "1." item is item 2, not the decimal 2.65."""
        m = _DECIMAL_START.match(text)
        if not m:
            return None
        value = int(m.group(1))
        for pos in range(len(self.stack) - 1, -1, -1):
            sec = self.sections[self.stack[pos]]
            if sec.style == "arabic":
                if sec.value != value - 1:
                    return None
                title, body = split_title(text[m.end() :])
                return Marker(
                    "arabic",
                    value,
                    text[: m.end()],
                    title,
                    None if body is None else m.end() + body,
                )
        return None

    def has_content(self) -> bool:
        """Whether the current section already has a paragraph or a child section."""
        cur = self.current
        return any(p.section == cur for p in self.paragraphs[-50:]) or any(
            s.parent == cur for s in self.sections[-50:]
        )

    def _top_is_cn(self) -> bool:
        """Whether the outermost open heading is a 一、-level heading."""
        return bool(self.stack) and self.sections[self.stack[0]].style == "cn"

    def add_paragraph(self, start: int, end: int, *, cell: bool) -> None:
        """Add a paragraph span (trimmed of surrounding whitespace) to the current section."""
        chunk = self.text[start:end]
        left = len(chunk) - len(chunk.lstrip(" \t\u3000"))
        right = len(chunk.rstrip(" \t\u3000\r"))
        if right <= left:
            return
        s, e = start + left, start + right
        self.paragraphs.append(
            Paragraph(len(self.paragraphs), self.current, s, e, self.text[s:e], cell)
        )

    def finish(self, title: str) -> Document:
        """Freeze everything, computing each section's end offset."""
        n = len(self.text)
        ends = [n] * len(self.sections)
        for i, sec in enumerate(self.sections[1:], start=1):
            for later in self.sections[i + 1 :]:
                if later.depth <= sec.depth:
                    ends[i] = later.heading_start
                    break
        frozen = tuple(
            Section(
                s.index,
                s.parent,
                s.depth,
                s.style,
                s.number,
                s.value,
                s.title,
                s.path,
                s.canonical,
                s.heading_start,
                s.heading_end,
                ends[s.index],
                s.marker_lost,
            )
            for s in self.sections
        )
        return Document(
            text=self.text, title=title, sections=frozen, paragraphs=tuple(self.paragraphs)
        )


def parse(
    text: str,
    *,
    types: SectionTypes | None = None,
    heading_lines: Iterable[tuple[int, int]] = (),
) -> Document:
    """Parse extracted report text into a Document (sections, paragraphs, offsets).

    ``heading_lines`` are (1-based line number, level) pairs of lines the source format
    marked as headings without a numbering marker (Word heading styles); they become
    sections of style "h<level>" nested by level.
    """
    types = types or load_section_types()
    lines = split_lines(text)
    styled = _styled_lines(lines, heading_lines)
    front = scan_front(lines, is_heading=lambda t: match_marker(t) is not None)
    title_idx = set(front.title) - set(styled)
    skip = title_idx | front.chrome
    markers: list[Marker | None] = [
        None if i in skip or not ln.text or (ln.cell and "\t" in ln.text) else match_marker(ln.text)
        for i, ln in enumerate(lines)
    ]
    for i, ln in enumerate(lines):
        if ln.virtual and markers[i] is not None:
            markers[i] = _run_in(ln.text, markers[i])
    lost = _recover_lost_markers(lines, markers)
    builder = _Builder(text, types)
    seen_cn = False
    for i, line in enumerate(lines):
        if not line.text or i in title_idx:
            continue
        marker = markers[i]
        if marker is None:
            marker = builder.continuation_marker(line.text)
        if marker is None and i in styled:
            marker = Marker(f"h{styled[i]}", None, "", line.text, None)
        if marker is not None and marker.style == "attachment" and not seen_cn:
            marker = None  # "附件2：" above the title labels the whole report
        if marker is None and not line.cell and looks_like_plain_heading(line.text):
            kind = types.classify(line.text)
            if kind is not None and seen_cn and _numbered_after(lines, i) and builder.has_content():
                marker = Marker("plain", None, "", line.text, None)
        if marker is None:
            builder.add_paragraph(line.start, line.end, cell=line.cell)
            continue
        seen_cn = seen_cn or marker.style in ("cn", "h1")
        builder.open_section(line, marker, lost=i in lost)
    title = _title_text(lines, sorted(title_idx))
    return builder.finish(title)


def _run_in(text: str, marker: Marker | None) -> Marker | None:
    """In text that lost its line breaks, a heading's body runs on after its title with no
    punctuation: end the title at a heading word when the usual split found none."""
    if marker is None or marker.body_offset is None or not marker.number:
        return marker
    at = text.find(marker.number) + len(marker.number)
    found = split_run_in(text[at:])
    if found is None:
        return marker
    title, body = found
    if marker.title == title:
        return marker
    return Marker(
        marker.style, marker.value, marker.number, title, None if body is None else at + body
    )


def _title_text(lines: list[Line], idx: list[int]) -> str:
    """The title lines, a line repeated by a document site's rendering kept once."""
    out: list[str] = []
    for i in idx:
        text = lines[i].text
        if not out or out[-1] != text:
            out.append(text)
    return "\n".join(out)


def _styled_lines(lines: list[Line], heading_lines: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Line index -> heading level for the (1-based physical line, level) pairs a source
    format marked (virtual lines never carry a Word style)."""
    wanted = dict(heading_lines)
    if not wanted:
        return {}
    return {
        i: wanted[ln.row + 1]
        for i, ln in enumerate(lines)
        if not ln.virtual and ln.row + 1 in wanted
    }


def _numbered_after(lines: list[Line], i: int) -> bool:
    """True when the next non-empty line after ``i`` starts a numbered list (an unnumbered
    heading is only believed when a list follows it)."""
    for ln in lines[i + 1 :]:
        if ln.text:
            marker = match_marker(ln.text)
            return marker is not None and marker.value == 1
    return False
