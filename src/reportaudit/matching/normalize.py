"""Fold report text into the comparison form used by reuse detection, with a map back.

Why: two passages are "the same text" for an auditor when they differ only in whitespace,
full/half-width forms, punctuation variants (，vs , vs 、) and the numbers in them (年份、金额).
Matching runs on a folded string; every folded character remembers which span of the
original text it came from, so findings are always reported as exact original spans.

The fold is a per-code-point lookup table applied with numpy (a Python loop over 150M
characters would take minutes): NFKC width folding and lower-casing, whitespace,
punctuation and control characters dropped, every run of digits (including the decimal
points and thousands separators between them, but never across a line break) collapsed
into one ``#``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

DIGIT = ord("#")
"""The mask symbol for a digit run; '#' itself is punctuation, so it never survives folding."""

_DROP = 0
_NL = ord("\n")


@lru_cache(maxsize=1)
def fold_table() -> np.ndarray:
    """The BMP lookup table: code point -> folded code point, ``0`` to drop, ``#`` for digits.

    Why a table: it makes folding a single vectorised ``take``. Characters whose NFKC form
    is several characters (㍿) keep their own code point unless the form is all digits (⑩).
    """
    table = np.arange(0x10000, dtype=np.uint32)
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            table[cp] = _DROP
            continue
        ch = chr(cp)
        folded = unicodedata.normalize("NFKC", ch).lower()
        if not folded or folded.isspace() or ch.isspace():
            table[cp] = _DROP
            continue
        if folded.isdigit() and all(c.isascii() or unicodedata.digit(c, -1) >= 0 for c in folded):
            table[cp] = DIGIT
            continue
        cat = unicodedata.category(folded[0])
        if cat[0] in "PZ" or cat in ("Cc", "Cf", "Cn", "Co", "Cs"):
            table[cp] = _DROP
            continue
        table[cp] = ord(folded) if len(folded) == 1 else cp
    return table


@dataclass(frozen=True, slots=True, eq=False)
class Folded:
    """A folded string and, per folded character, the original span ``[starts[i], ends[i])``.

    ``starts`` and ``ends`` are strictly increasing and lie inside the original text, so any
    folded span ``[i, j)`` maps to the original span ``[starts[i], ends[j-1])``.
    """

    text: str
    starts: np.ndarray
    ends: np.ndarray

    def original_span(self, i: int, j: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the folded span ``[i, j)`` (``j > i``)."""
        return int(self.starts[i]), int(self.ends[j - 1])


def to_codes(text: str) -> np.ndarray:
    """Code points of ``text`` as uint32 (via UTF-32, no per-character Python work)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def fold_codes(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fold an array of code points; return (folded codes, starts, ends) as arrays.

    Why separate from ``fold``: the scanner folds whole corpora at array level.
    """
    table = fold_table()
    big = codes >= 0x10000
    mapped = table[np.where(big, 0, codes)]
    mapped = np.where(big, codes, mapped)
    kept = np.flatnonzero(mapped != _DROP)
    vals = mapped[kept]
    is_d = vals == DIGIT
    first = np.ones(len(vals), dtype=bool)
    if len(vals) > 1:
        # a line break ends a digit run: numbers of two paragraphs never merge
        lines = np.cumsum(codes == _NL)[kept]
        first[1:] = ~(is_d[1:] & is_d[:-1] & (lines[1:] == lines[:-1]))
    heads = np.flatnonzero(first)
    starts = kept[heads].astype(np.int64)
    # The end of a collapsed digit run is one past its last digit.
    last = np.empty(len(heads), dtype=np.int64)
    if len(heads):
        last[:-1] = heads[1:] - 1
        last[-1] = len(vals) - 1
    ends = kept[last].astype(np.int64) + 1 if len(heads) else np.empty(0, dtype=np.int64)
    return vals[heads], starts, ends


def fold(text: str) -> Folded:
    """Fold ``text`` into its comparison form with the map back to the original."""
    vals, starts, ends = fold_codes(to_codes(text))
    folded = vals.astype("<u4").tobytes().decode("utf-32-le") if len(vals) else ""
    return Folded(text=folded, starts=starts, ends=ends)


@lru_cache(maxsize=1)
def _translate_map() -> dict[int, int | None]:
    """``fold_table`` as a ``str.translate`` map (identity entries left out)."""
    table = fold_table()
    out: dict[int, int | None] = {}
    for cp in np.flatnonzero(table != np.arange(0x10000, dtype=np.uint32)).tolist():
        out[cp] = None if table[cp] == _DROP else int(table[cp])
    return out


@lru_cache(maxsize=1)
def _translate_map_nl() -> dict[int, int | None]:
    """``_translate_map`` keeping line breaks (they end digit runs; removed afterwards)."""
    return {**_translate_map(), _NL: _NL}


_RUNS = re.compile("#+")


def fold_str(text: str) -> str:
    """Just the folded string, without the offset map (same result as ``fold(text).text``).

    Why a second path: short strings (accepted phrases, explanations) are folded often, and
    ``str.translate`` avoids numpy's per-call overhead.
    """
    return _RUNS.sub("#", text.translate(_translate_map_nl())).replace("\n", "")
