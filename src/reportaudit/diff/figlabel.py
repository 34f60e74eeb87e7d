"""What a figure is: the words before it in its clause (年初预算财政拨款数为5257.66万元 →
"年初预算财政拨款数"), and whether a change is only the report year moving on.

Why: a figures list that says "amount 5257.66万元 → 5480.12万元" under a section path makes
the auditor reopen the text to learn which amount it is; the clause's own words say it. And
in a year-over-year diff nearly every "figure change" is 2023年 → 2024年: those are year
shifts, reported apart so the one real change is not lost among them.
"""

from __future__ import annotations

import re

from reportaudit.figures import fold_digits

__all__ = ["figure_label", "is_year_shift"]

LABEL_CHARS = 16
_CLAUSE_END = re.compile(r"[，,。；;：:、！？!?（）()\n\t]")
_LINKS = (
    "共计",
    "合计",
    "总计",
    "累计",
    "分别为",
    "分别",
    "达到",
    "达",
    "约为",
    "约",
    "为",
    "是",
    "的",
)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def figure_label(text: str, start: int) -> str:
    """The words right before the figure at ``start``, back to the clause's start, without
    linking words (为, 达到, 共计 …); at most ``LABEL_CHARS`` characters (the end kept)."""
    window = text[max(0, start - 60) : start]
    ends = list(_CLAUSE_END.finditer(window))
    words = window[ends[-1].end() :] if ends else window
    words = words.strip()
    changed = True
    while changed and words:
        changed = False
        for link in _LINKS:
            if words.endswith(link) and len(words) > len(link):
                words = words[: -len(link)].rstrip()
                changed = True
    digits = re.search(r"[\d.%％]+$", words)
    if digits:  # another figure right before this one: no words of its own
        words = words[: digits.start()]
    return words[-LABEL_CHARS:]


def is_year_shift(kind: str, a_raw: str | None, b_raw: str | None) -> bool:
    """A date figure whose only difference is its year (2023年 → 2024年, 2023年12月31日 →
    2024年12月31日)."""
    if kind != "date" or not a_raw or not b_raw:
        return False
    a, b = fold_digits(a_raw), fold_digits(b_raw)
    ya, yb = _YEAR.search(a), _YEAR.search(b)
    if ya is None or yb is None or ya.group(1) == yb.group(1):
        return False
    return _YEAR.sub(yb.group(1), a, count=1) == b
