"""Folding text to a cell width, character by character.

Why our own: Chinese paragraphs have no spaces to wrap at, and CJK characters take two
cells; folding by cells (never splitting a double-width character across the edge) keeps
both sides of the diff exactly as wide as their column, so the two sides stay aligned.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text

__all__ = ["fold"]


def fold(text: Text, width: int) -> list[Text]:
    """``text`` cut into lines of at most ``width`` cells (newlines start a new line)."""
    width = max(width, 2)
    out: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        plain = line.plain
        if cell_len(plain) <= width:
            out.append(line)
            continue
        cuts: list[int] = []
        column = 0
        for i, char in enumerate(plain):
            size = get_character_cell_size(char)
            if column + size > width:
                cuts.append(i)
                column = 0
            column += size
        out.extend(line.divide(cuts))
    for part in out:
        part.end = ""
    return out or [Text(end="")]
