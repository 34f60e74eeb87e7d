"""What an amount's label says it measures: a budget, a spending, a change, or a column of a
per-line table (预算数 / 决算数), as a reader tells them apart.

Why: "预算共2,239.71万元，其中省级安排…，市级安排…；当年支出1,880.77万元" lists two parts of the
budget and then the spending — a reader stops the parts at 支出; and "基本支出预算数…，决算数…；
项目支出预算数…，决算数…" is a per-line pair of columns, not four parts of anything. The words
come from ``checks.toml`` ([statements]) so users can add their province's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Words:
    """The word lists of ``[statements]`` in checks.toml (see there for their sources)."""

    budget: tuple[str, ...]
    spend: tuple[str, ...]
    change: tuple[str, ...]
    columns: tuple[str, ...]

    def quantity(self, label: str) -> str | None:
        """'budget', 'spend' or 'change' by the class word nearest the figure (the last one
        in the label: "基本支出预算数" is a budget figure of the 基本支出 line), None when the
        label names none."""
        last = None
        for m in _class_pattern(self).finditer(label):
            last = m.lastgroup
        return last

    def column(self, label: str) -> str | None:
        """The per-line column word in the label (预算数, 决算数 …), None when there is none."""
        m = _column_pattern(self).search(label)
        return m.group(0) if m else None


def _alternation(words: tuple[str, ...]) -> str:
    """Longest first, escaped, so 预算数 wins over 预算."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=8)
def _class_pattern(words: Words) -> re.Pattern[str]:
    """One pattern with a named group per class (compiled once per word list)."""
    return re.compile(
        f"(?P<change>{_alternation(words.change)})"
        f"|(?P<budget>{_alternation(words.budget)})"
        f"|(?P<spend>{_alternation(words.spend)})"
    )


@lru_cache(maxsize=8)
def _column_pattern(words: Words) -> re.Pattern[str]:
    """The column words as one pattern."""
    return re.compile(_alternation(words.columns))
