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
* measures: a number followed by 亩, 公里, 平方米, 吨 … (万亩 counts as 10,000 亩);
* scores: a number followed by 分 ("自评得分88.5分"), not 分钟 or 分别;
* dates: 2021年12月31日, 2021年12月, 2021年, 12月31日, 2021.12.31, 2021-12-31 (years
  1900-2099 only, so 5年 is not a date).

Numbers written in Chinese numerals (三个, 百分之九十) are not extracted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

__all__ = [
    "Figure",
    "clear_figure_cache",
    "figure_at_start",
    "find_figures",
    "fold_digits",
    "mask_figures",
    "unit_factor",
]

_FULLWIDTH = {
    ord(c): ord(h) for c, h in zip("０１２３４５６７８９．％－＋", "0123456789.%-+", strict=True)
}


def fold_digits(text: str) -> str:
    """Map full-width digits, point, sign and percent to ASCII, keeping the length.

    Why: offsets must stay valid in the original text, so the fold is 1:1 per character.
    """
    if not _HAS_FULLWIDTH.search(text):
        return text  # the common case; translate() is slow on non-ASCII text
    return text.translate(_FULLWIDTH)


_HAS_FULLWIDTH = re.compile("[０-９．％－＋]")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure as written: ``text[start:end] == raw``.

    ``value`` is the number as written (745.3 for "745.3万元"); ``unit`` is the unit as
    written ("万元", "%", "人次", "万人", "年月日", "亩", "分"); ``kind`` is amount, percent,
    count, measure (亩, 公里, 吨 …), score (88.5分) or date. For dates ``value`` is YYYYMMDD with 0 for missing parts (2021年 -> 20210000) so
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
        return self.value * unit_factor(self.kind, self.unit)


def unit_factor(kind: str, unit: str) -> Decimal:
    """What a value of ``kind`` written in ``unit`` is multiplied by to reach the base
    unit (万元 -> 10,000; % and dates -> 1). Memoised: the units are few."""
    got = _FACTORS.get((kind, unit))
    if got is None:
        got = Decimal(1)
        for prefix, mult in _MAGNITUDES.items():
            if kind in ("amount", "count", "measure") and unit.startswith(prefix):
                got = mult
                break
        _FACTORS[(kind, unit)] = got
    return got


_FACTORS: dict[tuple[str, str], Decimal] = {}


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
# Every figure starts with a number, so one scan finds the numbers and the patterns below
# are tried only at those positions (anchored with .match): fast on long prose. The
# lookahead changes no match; it lets the scan skip a non-number position at C speed
# before the lookbehind is tried (half the time of the scan).
_NUMBER = re.compile(rf"(?=[-+−\d])(?<![\d.]){_NUM}")
_BARE_NUMBER = re.compile(_NUM)
_DATES_AT = [
    (re.compile(r"(19\d\d|20\d\d)年(\d{1,2})月(\d{1,2})日"), "年月日"),
    (re.compile(r"(19\d\d|20\d\d)([.\-/])(\d{1,2})\2(\d{1,2})(?![\d.])"), "年月日."),
    (re.compile(r"(19\d\d|20\d\d)年(\d{1,2})月(?!\d)"), "年月"),
    (re.compile(r"(19\d\d|20\d\d)年(?!年)"), "年"),
    (re.compile(r"(\d{1,2})月(\d{1,2})日"), "月日"),
]
_PERCENT_AFTER = re.compile(r"\s?[%％]")
_AMOUNT_AFTER = re.compile(r"(多|余)?(万亿|百万|亿|万|千)?(多|余)?元")
_COUNT_AFTER = re.compile(rf"(多|余)?(万|千|亿)?(多|余)?({_COUNT_UNITS})")
_PER_CENT_WORDS = re.compile(rf"百分之({_NUM})")
# A score ("自评得分88.5分"), not minutes (分钟) or "分别/分配/分类…" after a bare number.
_SCORE_AFTER = re.compile(r"分(?![钟之别配类析解布期批成局担摊项])")
# Physical measures (亩, 公里, 吨 …): quantities an auditor compares across revisions too.
_MEASURE_UNITS = "平方公里|平方米|立方米|公里|千米|公顷|千瓦时|千瓦|亩|吨|米"
_MEASURE_AFTER = re.compile(rf"(多|余)?(万|千)?(多|余)?({_MEASURE_UNITS})")


def _decimal(number: str) -> Decimal | None:
    """Parse a matched number; None when it is not a number after all."""
    try:
        return Decimal(number.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None


def _valid_date(year: int, month: int, day: int) -> bool:
    """Reject 2021年13月 and 2月40日; 0 means the part is absent."""
    return 0 <= month <= 12 and 0 <= day <= 31 and not (month == 0 and day)


def _date_at(folded: str, text: str, pos: int) -> Figure | None:
    """The longest valid date starting at ``pos`` (2021年12月31日 before 2021年)."""
    for pattern, form in _DATES_AT:
        m = pattern.match(folded, pos)
        if not m:
            continue
        g = m.groups()
        if form == "年月日":
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
        elif form == "年月日.":
            y, mo, d = int(g[0]), int(g[2]), int(g[3])
        elif form == "年月":
            y, mo, d = int(g[0]), int(g[1]), 0
        elif form == "年":
            y, mo, d = int(g[0]), 0, 0
        else:
            y, mo, d = 0, int(g[0]), int(g[1])
        if not _valid_date(y, mo, d) or (form in ("年月日", "年月日.", "月日") and not (mo and d)):
            continue
        value = Decimal(y * 10000 + mo * 100 + d)
        unit = form.rstrip(".")
        return Figure(m.start(), m.end(), text[m.start() : m.end()], value, unit, "date")
    return None


# The unit after a number, every reading in one pattern tried once per number; the
# alternatives are in priority order (percent, amount, count, measure, score), so the first
# that matches is the reading the separate patterns above, tried in turn, would give.
# ``lastindex`` names it: 1 percent, 2 amount, 6 count, 11 measure, 16 score.
_UNIT_PATTERNS = (_PERCENT_AFTER, _AMOUNT_AFTER, _COUNT_AFTER, _MEASURE_AFTER, _SCORE_AFTER)
# Every reading starts with one of these characters or a space: a number followed by
# anything else ("，", "年") fails at once instead of trying each reading in turn.
_UNIT_FIRST = "".join(
    sorted(
        set("%％多余万百亿千元分")
        | {u[0] for u in _COUNT_UNITS.split("|")}
        | {u[0] for u in _MEASURE_UNITS.split("|")}
    )
)
_UNIT_AFTER = re.compile(
    rf"(?=[\s{_UNIT_FIRST}])(?:" + "|".join(f"({p.pattern})" for p in _UNIT_PATTERNS) + ")"
)


def _figure_at(folded: str, text: str, m: re.Match[str]) -> Figure | None:
    """The figure that the number ``m`` starts, if any: date, percent, amount or count."""
    start = m.start()
    digit = start + (1 if folded[start] in "-+−" else 0)
    if (
        "年" in folded[digit : digit + 5]
        or "月" in folded[digit : digit + 3]
        or folded[digit + 4 : digit + 5] in (".", "-", "/")
    ):
        date = _date_at(folded, text, digit)
        if date is not None:
            return date
    u = _UNIT_AFTER.match(folded, m.end())
    if u is None:
        return None
    value = _decimal(m.group())
    if value is None:
        return None
    end = u.end()
    raw = text[start:end]
    which = u.lastindex
    if which == 1:
        return Figure(start, end, raw, value, "%", "percent")
    if which == 2:
        approx = u.group(3) is not None or u.group(5) is not None
        return Figure(start, end, raw, value, (u.group(4) or "") + "元", "amount", approx)
    if which == 6:
        approx = u.group(7) is not None or u.group(9) is not None
        return Figure(start, end, raw, value, (u.group(8) or "") + u.group(10), "count", approx)
    if which == 11:
        approx = u.group(12) is not None or u.group(14) is not None
        return Figure(start, end, raw, value, (u.group(13) or "") + u.group(15), "measure", approx)
    return Figure(start, end, raw, value, "分", "score")


def find_figures(text: str) -> list[Figure]:
    """All figures in ``text`` in order of position, never overlapping.

    Why a priority order at each number (date, percent, amount, count): "2021年" must not
    be read as a count and "100%" must win over any other reading of "100".
    """
    return list(_find_cached(text))


@lru_cache(maxsize=4096)
def _find_cached(text: str) -> tuple[Figure, ...]:
    """Memoised extraction (why: the diff asks about the same passage several times)."""
    folded = fold_digits(text)
    figures: list[Figure] = []
    last_end = 0
    for m in _NUMBER.finditer(folded):
        if m.start() < last_end:
            continue
        fig = _figure_at(folded, text, m)
        if fig is None and (dot := m.group().find(".")) > 0:
            # "1.2021年度": a list number glued to a year
            inner = _BARE_NUMBER.match(folded, m.start() + dot + 1)
            fig = _figure_at(folded, text, inner) if inner else None
        if fig is not None:
            figures.append(fig)
            last_end = fig.end
    if "百分之" in folded:
        for m in _PER_CENT_WORDS.finditer(folded):
            value = _decimal(m.group(1))
            clash = any(f.start < m.end() and m.start() < f.end for f in figures)
            if value is not None and not clash:
                figures.append(
                    Figure(m.start(), m.end(), text[m.start() : m.end()], value, "%", "percent")
                )
        figures.sort(key=lambda f: f.start)
    return tuple(figures)


def figure_at_start(text: str) -> Figure | None:
    """The figure that starts at offset 0 of ``text``, exactly when ``find_figures(text)``
    would list one there first; else None.

    Why: a check that wants the amount right after a label ("…经费9.21万元") needs one
    reading, not every figure of the passage (nor a cache entry for each such window).
    """
    folded = fold_digits(text)
    m = _NUMBER.match(folded)
    return _figure_at(folded, text, m) if m is not None else None


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
