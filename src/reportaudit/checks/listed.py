"""Counts stated against the items listed with them: "内设7个科室，分别是A、B、…" and
"包括A、B、C3个二级单位" must name as many items as they say.

Why: a count left from last year's report ("有4个项目结果为“优”，分别是…" with three names)
is what an auditor counts by hand. Read as a reader does: only lists introduced by 分别是 /
分别为 / 即 / 包括 / a colon, items separated by 、 outside brackets, never a list ending in
等 (open by definition) and never one cut off at a comma with fewer items than stated. "和"
inside an item may join two items or be part of one name (共青团和妇联工作科), so a count
within that range is accepted.
"""

from __future__ import annotations

import re

from reportaudit.checks.model import CheckFinding, Span, make_finding, quote
from reportaudit.checks.reading import Reading

KIND = "arithmetic"

_UNITS = "个|项|家|所|名|类|条|处|座|支|批|户"
# "内设7个科室，分别是：" — the count, what is counted, then the list's introduction.
_COUNT_THEN_LIST = re.compile(
    # (?=\d): no match changes; the scan skips non-digits at C speed (the lookbehind
    # that follows defeats the regex engine's own prefix scan)
    rf"(?=\d)(?:(?<![\d.])(\d{{1,3}})\s*({_UNITS})([\u4e00-\u9fff“”\"（）()]{{0,16}}?)[，,]?"
    r"(?:分别是|分别为|分别有|即|具体是|具体为|具体包括|包括)[：:]?|"
    rf"(?<![\d.])(\d{{1,3}})\s*({_UNITS})([\u4e00-\u9fff“”\"]{{0,16}}?)[：:])"
)
# "包括A、B、C3个二级单位": the list ends right before the count.
_LIST_THEN_COUNT = re.compile(
    rf"(?:包括|分别是|分别为|即)[：:]?([^，,；;。：:]{{2,400}}?)(?:共|计|合计)?(?<![\d.])(\d{{1,3}})\s*"
    rf"(?:{_UNITS})"
)
_INTRO = re.compile(r"分别|即|包括|具体|[：:]")
_LIST_STOP = re.compile(r"[，,；;。！？!?]|$")
_JOINERS = re.compile(r"和|及|与|以及")
_OPEN_END = re.compile(r"等\s*$|其他\s*$|其它\s*$|…\s*$")


def _items(text: str) -> list[str] | None:
    """Top-level 、-separated items of ``text`` (brackets and quotes kept inside an item);
    None when the text does not look like a list of names."""
    items: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in text:
        if ch in "（(《“[【":
            depth += 1
        elif ch in "）)》”]】":
            depth = max(0, depth - 1)
        if ch == "、" and depth == 0:
            items.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur).strip())
    if len(items) < 2 or any(not i or len(i) > 40 for i in items):
        return None
    return items


def _range(items: list[str]) -> tuple[int, int]:
    """Fewest and most items the list can be read as (和 joining two or part of a name)."""
    joins = sum(len(_JOINERS.findall(re.sub(r"[（(][^）)]*[）)]", "", i))) for i in items)
    return len(items), len(items) + joins


def _finding(
    r: Reading, start: int, end: int, stated: int, unit: str, items: list[str]
) -> CheckFinding:
    """One count_listed finding over the count at ``start:end``."""
    lo, hi = _range(items)
    named = "、".join(quote(i, 12) for i in items)
    counted = f"{lo}" if lo == hi else f"{lo} (or {hi} if 和/及 joins two)"
    return make_finding(
        r.doc,
        kind=KIND,
        rule="count_listed",
        severity=55,
        explanation=f"the text states {stated}{unit} but lists {counted}: {named}",
        spans=[Span(start, end)],
    )


def check_listed_counts(r: Reading) -> list[CheckFinding]:
    """Counts that disagree with the items listed in the same clause."""
    found: list[CheckFinding] = []
    for n in r.with_digits():
        s = r.sentences[n]
        text = s.text
        if "、" not in text or len(text) > 2000 or not _INTRO.search(text):
            continue
        for m in _COUNT_THEN_LIST.finditer(text):
            stated = int(m.group(1) or m.group(4))
            unit = m.group(2) or m.group(5)
            rest = text[m.end() :]
            stop = _LIST_STOP.search(rest)
            assert stop is not None
            body = rest[: stop.start()]
            closed = stop.group(0) not in ("，", ",")
            items = _items(body)
            if items is None or _OPEN_END.search(body):
                continue
            lo, hi = _range(items)
            if lo <= stated <= hi or (not closed and len(items) < stated):
                continue
            if stop.group(0) == "" and not r.closed(n):
                continue
            c = 1 if m.group(1) else 4
            found.append(
                _finding(r, s.start + m.start(c), s.start + m.end(c + 1), stated, unit, items)
            )
        for m in _LIST_THEN_COUNT.finditer(text):
            body = m.group(1)
            items = _items(body)
            if items is None or _OPEN_END.search(body) or "等" in body[-3:]:
                continue
            stated = int(m.group(2))
            lo, hi = _range(items)
            if lo <= stated <= hi:
                continue
            unit = text[m.end(2) : m.end()].strip()
            found.append(_finding(r, s.start + m.start(2), s.start + m.end(), stated, unit, items))
    return found
