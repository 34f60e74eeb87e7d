"""Is this decoding plausibly a Chinese report? A test that refuses rather than guesses.

Why: EUC-KR (Korean) bytes are valid GB18030 and land in the GB2312 area, so a strict
decoder accepts them and the result is a page of real but meaningless hanzi (대한민국 →
措茄刮惫). Stored, that is wrong text an auditor might quote; with ``--unit/--year`` nothing
else would notice. A right decoding of a Chinese report uses common hanzi (~85 % of its
hanzi are among the 500 most frequent of the genre, ``common_hanzi.txt``), no Hangul, almost
no kana and few replacement characters; a wrong one fails at least one of these. Korean
read as hanzi also keeps its spaces between words, which Chinese text does not have.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources

__all__ = ["implausible"]

MIN_HANZI = 50
"""Below this many hanzi the common-hanzi share says nothing (a short or Latin text)."""

COMMON_SHARE = 0.3
"""Least share of hanzi among the common ones: simplified reports ~0.85, traditional text
read from Big5 0.38-0.62 (the list is simplified; many common characters are the same in
both), Korean misread as GB18030 0.17-0.24."""

DOUBTFUL_SHARE = 0.5
"""Below this share, hanzi words separated by spaces (``SPACED_SHARE``) refuse too."""

SPACED_SHARE = 0.1
"""Share of hanzi followed by a space and another hanzi: Korean words misread ~0.25."""

FOREIGN_SHARE = 0.02
"""Most share of Hangul or kana among the non-ASCII characters."""

REPLACEMENT_SHARE = 0.02
"""Most share of U+FFFD among the non-ASCII characters (a few from old damage are kept)."""

_HAN = re.compile(r"[\u4e00-\u9fff]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_SPACED = re.compile(r"[\u4e00-\u9fff] (?=[\u4e00-\u9fff])")
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
SAMPLE = 400_000
"""Characters looked at: the start of a long text decides as well as all of it."""


@cache
def common_hanzi() -> frozenset[str]:
    """The genre's most frequent hanzi (data file, see its header for the source)."""
    raw = resources.files("reportaudit.ingest").joinpath("common_hanzi.txt").read_text("utf-8")
    return frozenset("".join(line for line in raw.splitlines() if not line.startswith("#")).strip())


def implausible(text: str) -> str | None:
    """Why ``text`` cannot be a right decoding of a Chinese report, or None if it can."""
    sample = text[:SAMPLE]
    # counted in C (a per-character generator took a third of a .txt import's time)
    wide = len(sample) - len(sample.encode("ascii", "ignore"))
    if not wide:
        return None
    bad = sample.count("\ufffd")
    if bad > wide * REPLACEMENT_SHARE:
        return f"{bad} replacement characters"
    hangul = len(_HANGUL.findall(sample))
    if hangul > wide * FOREIGN_SHARE:
        return f"{hangul} Hangul characters"
    kana = len(_KANA.findall(sample))
    if kana > wide * FOREIGN_SHARE:
        return f"{kana} kana characters"
    hanzi = _HAN.findall(sample)
    if len(hanzi) >= MIN_HANZI:
        common = common_hanzi()
        share = sum(n for c, n in Counter(hanzi).items() if c in common) / len(hanzi)
        spaced = len(_SPACED.findall(sample)) / len(hanzi)
        if share < COMMON_SHARE or (share < DOUBTFUL_SHARE and spaced > SPACED_SHARE):
            return f"only {share:.0%} of its hanzi are common ones"
    return None
