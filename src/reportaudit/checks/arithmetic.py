"""Arithmetic inside one report: totals and their parts (sums.py), rates with their
operands (rates.py), counts stated against the items listed (listed.py), and one budget line
stated with two amounts (here).

Why: these are the slips haste leaves behind (a part retyped as 9.81 where it was 9.21, a
rate copied from last year), and auditors re-add them by hand today. Every rule is
conservative: when the prose does not say unambiguously which number is the total and which
are its parts, or which figures a rate is computed from, the check says nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from reportaudit.checks.listed import check_listed_counts
from reportaudit.checks.model import CheckFinding, Span, make_finding
from reportaudit.checks.quantities import Words
from reportaudit.checks.rates import check_difference_rates, check_rates
from reportaudit.checks.reading import Reading
from reportaudit.checks.sums import check_sums
from reportaudit.checks.textutil import Amount, label_before

KIND = "arithmetic"
_NOT_DIGIT = re.compile(r"[^\d.]")
_TRAILING_VERB = re.compile(r"(为|共计|合计|计|共|达|约)$")


def _digits_apart(a: str, b: str) -> bool:
    """True when two written numbers, reduced to their digits and point (``_NOT_DIGIT``
    removed), differ in exactly one digit or by swapping two neighbours (9.21 / 9.81,
    12.45 / 12.54): the signature of a typing slip."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return a[diff[0]] != "." and b[diff[0]] != "."
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


_LINE_SUFFIX = re.compile(
    r"(经费|资金|生活费|补助费|补助|补贴|专项费|工作费|运行费|租赁费|慰问费|奖励)$"
)
# A line name right before a number (the label of an amount ends with one of these).
_LINE_BEFORE_AMOUNT = re.compile(
    r"(?:经费|资金|生活费|补助费|补助|补贴|专项费|工作费|运行费|租赁费|慰问费|奖励)"
    r"(?:为|共计|合计|计|共|达|约)?[0-9０-９]"
)
_GENERIC_LINES = {
    "项目经费",
    "基本经费",
    "专项资金",
    "项目资金",
    "财政资金",
    "上级专项资金",
    "县级资金",
    "市级资金",
    "省级资金",
    "中央资金",
    "配套资金",
    "工作经费",
    "专项经费",
    "补助资金",
    "资金",
    "经费",
    "结余资金",
    "结转资金",
}


_LEVELS = re.compile(r"中央|省级|省|市级|县级|区级|乡级|镇级|上级|本级")


@lru_cache(maxsize=8192)
def _line_name(label: str) -> str | None:
    """The budget-line name in an amount's label, or None when it is not a specific line."""
    name = re.sub(
        r"^(?:其中|包括|主要|以及|和|及|为|对|年初|年中|全年|当年|安排|下达|拨付|发放|支付|投入|"
        r"到位|共|计|用于|预算|县级|省级|市级|区级|中央|上级|本级|财政)+",
        "",
        label,
    )
    name = _TRAILING_VERB.sub("", name)
    if len(name) < 4 or name in _GENERIC_LINES or not _LINE_SUFFIX.search(name):
        return None
    return name


@lru_cache(maxsize=8192)
def _significant(raw: str) -> int:
    """Significant digits as written ("9.21万元" -> 3, "8.00万元" -> 1)."""
    digits = _NOT_DIGIT.sub("", raw)
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return len(digits.replace(".", "").lstrip("0"))


def _repeated_lines(r: Reading) -> list[CheckFinding]:
    """The same budget line given two amounts that differ by one typed digit.

    Why only one-digit slips of figures with three or more significant digits: a line name
    can legitimately carry two amounts (budget and actual, county and provincial money of the
    same name), and "6万元" against "8万元" is as likely two lines as one slip; 9.21 against
    9.81 is a typo. Mentions under different government levels (省级 / 县级) are not compared.
    """
    seen: dict[str, list[tuple[Amount, frozenset[str]]]] = defaultdict(list)
    for n in r.with_digits():
        s = r.sentences[n]
        for m in _LINE_BEFORE_AMOUNT.finditer(s.text):
            local = m.end() - 1  # the number right after the line's name
            # the name first: it is the amount's label, read from the text alone, and most
            # labels name no specific line, so their amount need not be read at all
            name = _line_name(label_before(s.text, local))
            if name is None:
                continue
            a = r.amount_at(n, local)
            if a is None or _significant(a.raw) < 3:
                continue
            levels = frozenset(_LEVELS.findall(s.text[max(0, local - 200) : local]))
            seen[name].append((a, levels))
    found = []
    for name, uses in seen.items():
        # one representative per (amount as written, levels): linear in the mentions even
        # when hostile text repeats a line thousands of times
        first: dict[tuple[str, frozenset[str]], tuple[Amount, frozenset[str]]] = {}
        for a, lv in uses:
            first.setdefault((a.raw, lv), (a, lv))
        distinct = list(first.values())[:50]
        digits = [_NOT_DIGIT.sub("", a.raw) for a, _ in distinct]  # once, not once per pair
        reported: set[tuple[str, str]] = set()
        for i, (a, lv_a) in enumerate(distinct):
            da = digits[i]
            for j in range(i + 1, len(distinct)):
                db = digits[j]
                if len(da) != len(db):
                    continue  # never one digit apart: the cheap test first
                b, lv_b = distinct[j]
                if a.yuan == b.yuan or not _digits_apart(da, db):
                    continue
                if lv_a and lv_b and not lv_a & lv_b:
                    continue
                key = (a.raw, b.raw)
                if key in reported:
                    continue
                reported.add(key)
                agree = sum(1 for u, _ in uses if u.yuan == a.yuan)
                found.append(
                    make_finding(
                        r.doc,
                        kind=KIND,
                        rule="line_two_amounts",
                        severity=70,
                        explanation=(
                            f"the budget line {name} is stated as {a.raw} and as {b.raw} "
                            f"({agree} of {len(uses)} mentions say {a.raw})"
                        ),
                        spans=[Span(a.start, a.end), Span(b.start, b.end)],
                    )
                )
    return found


def check_arithmetic(r: Reading, words: Words) -> list[CheckFinding]:
    """All arithmetic findings of one report (sums, rates, counts, repeated lines)."""
    return [
        *check_sums(r, words),
        *check_rates(r, words),
        *check_difference_rates(r),
        *check_listed_counts(r),
        *_repeated_lines(r),
    ]
