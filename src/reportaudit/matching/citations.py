"""Citations inside report text: 《…》 titles of policy documents and document numbers.

Why: quoting the title or number of the policy a report implements (《预算法》,
甘发〔2018〕32号) is citing, not copying (去除引用). Such spans stay findable but their
characters are excluded from reuse shares and a passage that is mostly citation ranks low.
"""

from __future__ import annotations

import re

import numpy as np

_TITLE = r"《[^《》\n]{1,120}》"
_DOCNO = r"(?:(?![和与及或的按据照根对在])[\u4e00-\u9fff]){1,10}\s*[〔\[［（(【]\s*[0-9０-９]{4}\s*[〕\]］）)】]\s*[0-9０-９]{1,5}\s*号"
CITATION_RE = re.compile(f"{_TITLE}|{_DOCNO}")
"""Titles in book-title marks, or issuer + 〔year〕 + serial + 号 document numbers."""


def citation_spans(text: str) -> list[tuple[int, int]]:
    """Original ``(start, end)`` of every citation in ``text``, in order."""
    return [m.span() for m in CITATION_RE.finditer(text)]


def citation_mask(text: str, starts: np.ndarray) -> np.ndarray:
    """Boolean per folded position (given their original ``starts``): inside a citation."""
    mask = np.zeros(len(starts), dtype=bool)
    for s, e in citation_spans(text):
        lo, hi = np.searchsorted(starts, [s, e], side="left")
        mask[lo:hi] = True
    return mask
