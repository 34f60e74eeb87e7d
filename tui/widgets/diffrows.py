"""The diff as a list of display rows: section banners and aligned passage pairs.

Why a separate, pure step: the diff view lays rows out line by line for whatever width the
terminal has; deciding what a row says (and whether it counts as a change, given the
"hide figure-only changes" toggle) is independent of the widget and easy to test.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from reportaudit.diff import DocumentDiff, ParagraphPair
from reportaudit.diff.view import (
    Segment,
    inline_segments,
    pair_segments,
    section_title,
    status_name,
)

from ..safe import literal

__all__ = ["DiffRow", "Palette", "build_rows", "segments_text"]

CHANGE_STATUSES = frozenset({"changed", "added", "removed", "moved"})


@dataclass(frozen=True, slots=True)
class Palette:
    """Styles for deletions, insertions and banners, chosen per light/dark theme. Deletions
    are struck through as well as coloured, so ``93.85%95.12%`` reads as old and new even
    without colour."""

    delete: Style
    insert: Style
    banner: Style
    status: dict[str, Style]

    @classmethod
    def for_theme(cls, dark: bool) -> Palette:
        """Readable backgrounds on either theme (colour is not the only cue: see marks)."""
        if dark:
            delete, insert = Style(bgcolor="#6b2222", strike=True), Style(bgcolor="#1f5a2e")
            banner = Style(bold=True, bgcolor="#2b3440")
        else:
            delete, insert = Style(bgcolor="#ffc8c8", strike=True), Style(bgcolor="#c6f2c6")
            banner = Style(bold=True, bgcolor="#dde4ee")
        status = {
            "added": Style(color="green", bold=True),
            "removed": Style(color="red", bold=True),
            "changed": Style(color="yellow" if dark else "#9a6700", bold=True),
            "moved": Style(color="cyan" if dark else "#0a6c8c", bold=True),
            "renumbered": Style(color="magenta"),
            "same": Style(dim=True),
        }
        return cls(delete, insert, banner, status)


@dataclass(frozen=True, slots=True)
class DiffRow:
    """A section banner (``pair`` is None) or one aligned passage pair."""

    section: int  # index into DocumentDiff.sections
    status: str
    title: str = ""
    pair: ParagraphPair | None = None
    figures_only: bool = False

    def is_change(self, hide_figures: bool) -> bool:
        """Does next/previous-change stop here?"""
        if self.pair is None or self.status not in CHANGE_STATUSES:
            return False
        return not (hide_figures and self.figures_only and self.status == "changed")


def build_rows(diff: DocumentDiff) -> list[DiffRow]:
    """Every section banner followed by its passage pairs, in B's reading order.

    Unchanged heading chunks are left out (the banner names the section already).
    """
    rows: list[DiffRow] = []
    for si, sp in enumerate(diff.sections):
        rows.append(DiffRow(si, sp.status, title=section_title(sp), figures_only=sp.figures_only))
        for pp in sp.paragraphs:
            if pp.heading and pp.status == "same":
                continue
            rows.append(DiffRow(si, pp.status, pair=pp, figures_only=pp.figures_only))
    return rows


def segments_text(segments: list[Segment], palette: Palette) -> Text:
    """Runs as one literal Text, changes styled; trailing blank lines of the chunk dropped."""
    text = Text(end="")
    for k, seg in enumerate(segments):
        body = seg.text.rstrip("\n") if k == len(segments) - 1 else seg.text
        style = {"delete": palette.delete, "insert": palette.insert}.get(seg.kind, "")
        text.append_text(literal(body, style=style))
    return text


def pair_texts(row: DiffRow, palette: Palette, hide_figures: bool) -> tuple[Text, Text]:
    """Left (A) and right (B) sides of a passage pair."""
    assert row.pair is not None
    ignore = hide_figures and row.figures_only
    left, right = pair_segments(row.pair, ignore=ignore)
    return segments_text(left, palette), segments_text(right, palette)


def inline_text(row: DiffRow, palette: Palette, hide_figures: bool) -> Text:
    """One interleaved side: deletions then insertions, in place."""
    assert row.pair is not None
    if hide_figures and row.figures_only:
        _left, right = pair_segments(row.pair, ignore=True)
        return segments_text(right, palette)
    return segments_text(inline_segments(row.pair.ops), palette)


def banner_text(row: DiffRow, palette: Palette) -> Text:
    """'changed  二、预算执行情况' with the status coloured."""
    word = status_name(row.status)
    pad = " " * max(1, 9 - cell_len(word))
    text = Text(f" {word}{pad}", style=palette.status.get(row.status, Style()), end="")
    text.append_text(literal(row.title))
    return text
