"""Citations inside report text: 《…》 titles of policy documents and document numbers.

Why: quoting the title or number of the policy a report implements (《预算法》,
甘发〔2018〕32号) is citing, not copying (去除引用). Such spans stay findable but their
characters are excluded from reuse shares and a passage that is mostly citation ranks low.
The document-number pattern is anchored on its bracketed year (fast to find); the issuer
abbreviation before it is then taken backwards, stopping at function words.
"""

from __future__ import annotations

import re

import numpy as np

TITLE_RE = re.compile(r"《[^《》\n]{1,120}》")
"""A title in book-title marks."""

DOCNO_RE = re.compile(r"[〔\[［（(【]\s*[0-9０-９]{4}\s*[〕\]］）)】]\s*[0-9０-９]{1,5}\s*号")
"""The 〔year〕serial号 tail of a document number."""

_STOP = set("和与及或的按据照根对在于为将由是等、，。；：“”")
_MAX_ISSUER = 10


def _issuer_start(text: str, at: int) -> int:
    """Start of the issuer abbreviation (CJK characters) ending at ``at``."""
    i = at
    while i > 0 and at - i < _MAX_ISSUER:
        ch = text[i - 1]
        if ch in _STOP or not ("\u4e00" <= ch <= "\u9fff"):
            break
        i -= 1
    return i


def citation_spans(text: str) -> list[tuple[int, int]]:
    """Original ``(start, end)`` of every citation in ``text``, in order."""
    spans = [m.span() for m in TITLE_RE.finditer(text)]
    for m in DOCNO_RE.finditer(text):
        s = _issuer_start(text, m.start())
        if s < m.start():
            spans.append((s, m.end()))
    return sorted(spans)


def citation_mask(text: str, starts: np.ndarray) -> np.ndarray:
    """Boolean per folded position (given their original ``starts``): inside a citation."""
    mask = np.zeros(len(starts), dtype=bool)
    for s, e in citation_spans(text):
        lo, hi = np.searchsorted(starts, [s, e], side="left")
        mask[lo:hi] = True
    return mask
