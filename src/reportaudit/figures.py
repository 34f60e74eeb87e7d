"""Find the figures in Chinese report prose: amounts, percentages, counts and dates.

Why a module of its own: the diff lists "changed figures" (745.3万元 → 800万元), and later
consistency checks (does the total equal the sum of its parts? is 执行率 consistent with
支出/预算?) need the very same extraction. Both need exact character offsets into the
original text so a finding can be highlighted, so extraction never rewrites the text it
scans: full-width digits are folded through a same-length translation table.

Scope (deliberately conservative, an auditor prefers a missed figure to a wrong one):

* amounts: a number followed by 元, 千元, 万元, 百万元, 亿元, 万亿元 (optionally 多/余 between);
* percentages: a number followed by % or ％, or 百分之 followed by a number;
* counts: a number followed by a counting unit (个, 项, 人, 次, 场次, 人次, 户, 名, 期, 处 ...),
  optionally with 万/千/亿 magnitude (1万人, 3500多名);
* dates: 2021年12月31日, 2021年12月, 2021年, 12月31日, 2021.12.31, 2021-12-31 (years
  1900-2099 only, so 5年 is not a date).

Numbers written in Chinese numerals (三个, 百分之九十) are not extracted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

__all__ = ["Figure", "clear_figure_cache", "find_figures", "fold_digits", "mask_figures"]

_FULLWIDTH = {
    ord(c): ord(h) for c, h in zip("０１２３４５６７８９．％－＋", "0123456789.%-+", strict=True)
}


def fold_digits(text: str) -> str:
    """Map full-width digits, point, sign and percent to ASCII, keeping the length.

    Why: offsets must stay valid in the original text, so the fold is 1:1 per character.
    """
    return text.translate(_FULLWIDTH)


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure as written: ``text[start:end] == raw``.

    ``value`` is the number as written (745.3 for "745.3万元"); ``unit`` is the unit as
    written ("万元", "%", "人次", "万人", "年月日"); ``kind`` is amount, percent, count or
    date. For dates ``value`` is YYYYMMDD with 0 for missing parts (2021年 -> 20210000) so
    dates compare and sort as numbers. ``approx`` is set for "100多万元", "3500余人".
    """

    start: int
    end: int
    raw: str
    value: Decimal
    unit: str
    kind: str
    approx: bool = False

    @property
    def normalized(self) -> Decimal:
        """The value in the base unit (元, 1, percent points, YYYYMMDD).

        Why: 745.3万元 and 7453000元 are the same amount; consistency checks compare these.
        """
        factor = Decimal(1)
        for prefix, mult in _MAGNITUDES.items():
            if self.kind in ("amount", "count") and self.unit.startswith(prefix):
                factor = mult
                break
        return self.value * factor


_MAGNITUDES: dict[str, Decimal] = {
    "万亿": Decimal(10) ** 12,
    "百万": Decimal(10) ** 6,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
}

_NUM = r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_COUNT_UNITS = (
    "场次|人次|户次|个月|个|项|人|次|场|户|名|期|处|家|所|块|件|篇|份|条|批|辆|套|座|间|台|册|本"
)
_DATE_PATTERNS = [
    re.compile(r"(?<!\d)(19\d\d|20\d\d)年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"(?<!\d)(19\d\d|20\d\d)年(\d{1,2})月(?!\d)"),
    re.compile(r"(?<!\d)(19\d\d|20\d\d)年(?!年)"),
    re.compile(r"(?<![\d年.])(\d{1,2})月(\d{1,2})日"),
    re.compile(r"(?<![\d.])(19\d\d|20\d\d)([.\-/])(\d{1,2})\2(\d{1,2})(?![\d.])"),
]
_ANY_DIGIT = re.compile(r"\d")
_AMOUNT = re.compile(rf"(?<![\d.])({_NUM})(多|余)?(万亿|百万|亿|万|千)?(多|余)?元")
_PERCENT = re.compile(rf"(?<![\d.])({_NUM})\s?[%％]|百分之({_NUM})")
_COUNT = re.compile(rf"(?<![\d.])({_NUM})(多|余)?(万|千|亿)?(多|余)?({_COUNT_UNITS})")


def _decimal(number: str) -> Decimal | None:
    """Parse a matched number; None when it is not a number after all."""
    try:
        return Decimal(number.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None


def _valid_date(year: int, month: int, day: int) -> bool:
    """Reject 2021年13月 and 2月40日; 0 means the part is absent."""
    return 0 <= month <= 12 and 0 <= day <= 31 and not (month == 0 and day)


def _dates(folded: str, text: str) -> list[Figure]:
    """Date figures, longest forms first so 2021年12月31日 is not also 2021年."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for index, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(folded):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            g = m.groups()
            if index == 0:
                y, mo, d, unit = int(g[0]), int(g[1]), int(g[2]), "年月日"
            elif index == 1:
                y, mo, d, unit = int(g[0]), int(g[1]), 0, "年月"
            elif index == 2:
                y, mo, d, unit = int(g[0]), 0, 0, "年"
            elif index == 3:
                y, mo, d, unit = 0, int(g[0]), int(g[1]), "月日"
            else:
                y, mo, d, unit = int(g[0]), int(g[2]), int(g[3]), "年月日"
            if not _valid_date(y, mo, d) or (index in (0, 3, 4) and (mo == 0 or d == 0)):
                continue
            value = Decimal(y * 10000 + mo * 100 + d)
            found.append(Figure(m.start(), m.end(), text[m.start() : m.end()], value, unit, "date"))
            taken.append((m.start(), m.end()))
    return found


def find_figures(text: str) -> list[Figure]:
    """All figures in ``text`` in order of position, never overlapping.

    Why one pass per kind with a priority order (date, percent, amount, count): "2021年" must
    not be read as a count and "100%" must win over any other reading of "100".
    """
    return list(_find_cached(text))


@lru_cache(maxsize=4096)
def _find_cached(text: str) -> tuple[Figure, ...]:
    """Memoised extraction (why: the diff asks about the same passage several times)."""
    folded = fold_digits(text)
    if not _ANY_DIGIT.search(folded):
        return ()
    figures = _dates(folded, text)
    taken = [(f.start, f.end) for f in figures]

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for m in _PERCENT.finditer(folded):
        number = m.group(1) or m.group(2)
        value = _decimal(number)
        if value is None or not free(m.start(), m.end()):
            continue
        figures.append(Figure(m.start(), m.end(), text[m.start() : m.end()], value, "%", "percent"))
        taken.append((m.start(), m.end()))
    for m in _AMOUNT.finditer(folded):
        value = _decimal(m.group(1))
        if value is None or not free(m.start(), m.end()):
            continue
        unit = (m.group(3) or "") + "元"
        approx = bool(m.group(2) or m.group(4))
        raw = text[m.start() : m.end()]
        figures.append(Figure(m.start(), m.end(), raw, value, unit, "amount", approx))
        taken.append((m.start(), m.end()))
    for m in _COUNT.finditer(folded):
        value = _decimal(m.group(1))
        if value is None or not free(m.start(), m.end()):
            continue
        unit = (m.group(3) or "") + m.group(5)
        approx = bool(m.group(2) or m.group(4))
        raw = text[m.start() : m.end()]
        figures.append(Figure(m.start(), m.end(), raw, value, unit, "count", approx))
        taken.append((m.start(), m.end()))
    figures.sort(key=lambda f: f.start)
    return tuple(figures)


def clear_figure_cache() -> None:
    """Forget memoised extractions (why: honest cold timings in benchmarks; memory)."""
    _find_cached.cache_clear()


def mask_figures(text: str, *, placeholder: str = "#") -> str:
    """``text`` with every figure replaced by one placeholder of the figure's kind.

    Why: "is this change only a change of figures?" becomes "are the masked texts equal?",
    which is what ``--ignore-numbers`` needs.
    """
    out: list[str] = []
    pos = 0
    for f in find_figures(text):
        out.append(text[pos : f.start])
        out.append(f"{placeholder}{f.kind}{placeholder}")
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
