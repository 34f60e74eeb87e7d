"""What counts as a character (字) in every 复制比 figure: one definition, one lookup table.

Why its own module: 总字数 shown in the TUI, the CLI and the exports used to be three
different counts (extracted characters with blanks, folded characters with digit runs
collapsed, non-blank characters). Here a character counts when it carries text: a Chinese
character, a letter, a digit (each digit of 2021 counts, unlike the matcher's folded form)
or a symbol such as ￥ or ％'s full-width cousins in category S. Whitespace, punctuation
(，。、；：“”《》（）…), separators and invisible control/format characters do not.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np

_SKIP = ("P", "Z", "C")
"""Unicode category initials that never count: punctuation, separators, control/format."""


@lru_cache(maxsize=1)
def counted_table() -> np.ndarray:
    """Per BMP code point: 1 when the character counts, else 0 (uint8)."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for cp in range(0x10000):
        ch = chr(cp)
        if not ch.isspace() and unicodedata.category(ch)[0] not in _SKIP:
            table[cp] = 1
    return table


def counted_mask(text: str) -> np.ndarray:
    """Boolean per character of ``text``: does it count as a character (字)?

    Code points beyond the BMP (rare CJK extensions) count unless unassigned or private.
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    big = codes >= 0x10000
    out = counted_table()[np.where(big, 0, codes)].astype(bool)
    if big.any():
        for i in np.flatnonzero(big).tolist():
            out[i] = unicodedata.category(text[i])[0] not in _SKIP
    return out


def count_chars(text: str) -> int:
    """Characters of ``text`` that count (see the module docstring)."""
    return int(counted_mask(text).sum())
