"""Folding text to a cell width, character by character, with Chinese line-breaking rules.

Why our own: Chinese paragraphs have no spaces to wrap at, and CJK characters take two
cells; folding by cells (never splitting a double-width character across the edge) keeps
both sides of the diff exactly as wide as their column, so the two sides stay aligned.
The line-breaking rules of Chinese typesetting (禁则) are kept too: a line never starts
with closing punctuation (，。、）》…) and never ends with opening punctuation (（《“…); the
character before the break moves down to the next line instead, so no line grows wider.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text

__all__ = ["fold"]

NO_LINE_START = frozenset("，。、；：？！）」』》〉】〕］｝”’…—%％,.;:?!)]}·")
"""Characters a line may not begin with (closing punctuation, enumeration comma, …)."""
NO_LINE_END = frozenset("（「『《〈【〔［｛“‘([{")
"""Characters a line may not end with (opening brackets and quotes)."""
_MAX_SHIFT = 3
"""At most this many characters move down to keep the rules (a run of punctuation)."""
_MAX_WORD = 16
"""A number or Latin word up to this long moves down whole rather than being split."""


def _in_word(char: str) -> bool:
    """Part of a number or Latin word (96.30%, 1,262.35, ABC) that should not be split."""
    return char.isascii() and (char.isalnum() or char in ".,%")


def _break_at(plain: str, i: int, start: int) -> int:
    """Where to break before ``plain[i]`` (which no longer fits) so the rules hold.

    Moves the break back while the next line would start with closing punctuation or this
    one would end with an opening one, then to the start of a number or Latin word it
    would split, never emptying the line.
    """
    cut = i
    for _ in range(_MAX_SHIFT):
        bad = plain[cut] in NO_LINE_START or plain[cut - 1] in NO_LINE_END
        if not bad or cut - 1 <= start:
            break
        cut -= 1
    if plain[cut] in NO_LINE_START or plain[cut - 1] in NO_LINE_END:
        return i  # the rules cannot be kept within reach: break where it was
    word = cut
    while word - 1 > start and cut - word < _MAX_WORD and _in_word(plain[word - 1]):
        if not _in_word(plain[word]):
            break
        word -= 1
    if word != cut and _in_word(plain[word]) and not _in_word(plain[word - 1]):
        return word if plain[word - 1] not in NO_LINE_END else cut
    return cut


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
        start = 0
        column = 0
        for i, char in enumerate(plain):
            size = get_character_cell_size(char)
            if column + size > width and i > start:
                start = _break_at(plain, i, start)
                cuts.append(start)
                column = cell_len(plain[start:i])
            column += size
        out.extend(line.divide(cuts))
    for part in out:
        part.end = ""
    return out or [Text(end="")]
