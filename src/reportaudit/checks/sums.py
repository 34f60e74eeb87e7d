"""Totals and their parts as a reader finds them: "X，其中A…、B…", "X（A…，B…）", "A…，B…，
合计X", headcounts "56人，其中…", and a part's stated share "占36.90%".

Why a reader's rules: the parts of a total are the figures after 其中 that measure the same
thing as the total (a budget's parts are budget lines; the spending stated after them is not
one), that are not changes or details ("较上年增加", "用于…"), and that are not the columns of
a per-line table ("基本支出预算数…，决算数…"). When the prose leaves that open, nothing is
said. Parts that exceed the total are always reported; parts that fall short only when the
list is known to be complete (基本支出 + 项目支出).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reportaudit.checks.model import CheckFinding, Span, make_finding
from reportaudit.checks.quantities import Words
from reportaudit.checks.reading import Reading
from reportaudit.checks.textutil import Amount, fmt_wan
from reportaudit.checks.tolerance import rate_ok

KIND = "arithmetic"

# An item whose label says it is a change, a comparison or a deduction is not a part of the
# total; the list of parts ends there (and an incomplete list is never reported short).
_CHANGE = (
    r"较|比上|同比|增加|增长|减少|下降|节约|结余|结转|超支|差额|调减|核减|扣除|收回|退回|占|平均|人均|亩均|标准|"
    r"用于|包含|含"
)
# ... and a sub-total or a nested breakdown ends a list of parts too.
NOT_A_PART = re.compile(_CHANGE + r"|包括|分别|合计|共计|总计")
# A sentence with more figures or 其中 than any real report sentence is not read at all:
# hostile text must not make the checks quadratic, and such a sentence cannot be parsed
# with confidence anyway.
MAX_FIGURES_PER_SENTENCE = 200
MAX_QIZHONG_PER_SENTENCE = 20
_QIZHONG = re.compile(r"其中[：:]?")
_RATE_MARK = re.compile(r"[%％]|率")
_INCLUDES = re.compile(r"\s*(含|包括|其中)")
_TOTAL_WORD = re.compile(r"(?:合计|共计|总计|累计)(?:为|达|金额)?$")
# Pairs of labels that together make up their total (a complete partition): reported short too.
_PARTITIONS = (
    ("基本支出", "项目支出"),
    ("基本经费", "项目经费"),
    ("基本支出", "项目资金支出"),
)


def _partition(items: list[Amount]) -> bool:
    """True when the items are exactly a known complete partition (基本支出 + 项目支出)."""
    if len(items) != 2:
        return False
    labels = [i.label for i in items]
    return any(
        (labels[0].endswith(a) and labels[1].endswith(b))
        or (labels[0].endswith(b) and labels[1].endswith(a))
        for a, b in _PARTITIONS
    )


def parts_of(total: Amount, items: list[Amount], words: Words) -> list[Amount]:
    """The leading items that are parts of ``total``, as a reader takes them.

    The list stops at the first change/detail item and at the first item that measures
    something else than the total (a spending after a budget's parts). A list whose items
    are columns of a per-line table (预算数 and 决算数 of each line) has no parts at all.
    """
    kind = words.quantity(total.label)
    if kind is None and items:
        kind = words.quantity(items[0].label)  # "资金共…，其中：省级安排…": the parts say it
    out: list[Amount] = []
    for item in items:
        if NOT_A_PART.search(item.label):
            break
        q = words.quantity(item.label)
        if kind == "change" and q != "change":
            break  # the parts of a change are changes
        if kind in ("budget", "spend") and q in ("budget", "spend") and q != kind:
            break
        out.append(item)
    if len({c for c in (words.column(i.label) for i in out) if c}) >= 2:
        return []
    return out


def _group_tolerance(total: Amount, items: list[Amount]) -> Decimal:
    """How far rounding may move the sum of ``items`` away from ``total``.

    Why the finest precision of the group: reports write "6万元" next to "9.21万元" and mean
    6.00; taking each integer's own half-万 slack would hide real slips. Every figure written
    with decimals adds one half-unit; a group of integers is allowed one.
    """
    finest = min(a.tolerance for a in (total, *items))
    rounded = sum(1 for a in (total, *items) if "." in a.raw)
    return finest * max(1, rounded)


def prefix_hits(total: Amount, items: list[Amount]) -> bool:
    """True when the first k items add up to the total for some k (within rounding).

    Why prefixes: a sentence often goes on after the parts ("…50万元；上级专项54.5万元"),
    so reaching the total at some point means the parts agree. Linear: the tolerance of
    ``_group_tolerance`` is kept up to date item by item (hostile text may list thousands).
    """
    running = Decimal(0)
    finest = total.tolerance
    rounded = 1 if "." in total.raw else 0
    for item in items:
        running += item.yuan
        finest = min(finest, item.tolerance)
        rounded += 1 if "." in item.raw else 0
        if abs(running - total.yuan) <= finest * max(1, rounded):
            return True
    return False


def sum_finding(
    r: Reading,
    total: Amount,
    items: list[Amount],
    *,
    exhaustive: bool,
    how: str,
    unit: str | None = None,
) -> CheckFinding | None:
    """A finding when the parts miss the total: always when they exceed it, when they fall
    short only if the list is known to be complete (``exhaustive``)."""
    if len(items) < 2 or prefix_hits(total, items):
        return None
    full = sum((i.yuan for i in items), Decimal(0))
    tol = _group_tolerance(total, items)
    if full > total.yuan + tol:
        severity, verdict = 80, "exceed"
    elif exhaustive and full < total.yuan - tol:
        severity, verdict = 65, "fall short of"
    else:
        return None
    parts = " + ".join(i.raw for i in items)

    def show(value: Decimal) -> str:
        """Amounts in 万元, counts with their unit (a difference of 10人 is not 10万元)."""
        return f"{value.normalize():f}{unit}" if unit else fmt_wan(value)

    return make_finding(
        r.doc,
        kind=KIND,
        rule="sum_mismatch",
        severity=severity,
        explanation=(
            f"{how}: the parts {parts} = {show(full)} {verdict} the stated total "
            f"{total.raw} by {show(abs(full - total.yuan))} (rounding of the figures as "
            f"written allows {show(tol)})"
        ),
        spans=[Span(total.start, total.end), *(Span(i.start, i.end) for i in items)],
    )


def _qizhong_lists(r: Reading, n: int) -> Iterator[tuple[list[Amount], list[Amount], bool]]:
    """(candidate totals, amounts after 其中, direct) for every 其中 of sentence ``n``;
    ``direct`` is False when a rate stands between the total and 其中.

    The total is the last amount before 其中 at the same bracket depth; when 其中 opens the
    sentence ("…支出2,916.62万元，…。其中基本支出…") every amount of the sentence before (same
    paragraph) is a candidate, and the parts must miss all of them to be reported.
    """
    s = r.sentences[n]
    amounts = r.amounts(n)
    depth = r.depth(n)
    for m in _QIZHONG.finditer(s.text):
        d = depth[m.start()]
        at, after_at = s.start + m.start(), s.start + m.end()
        before = [a for a in amounts if a.end <= at and depth[a.start - s.start] == d]
        after = [a for a in amounts if a.start >= after_at and depth[a.start - s.start] == d]
        nxt = s.text.find("其中", m.end())
        if nxt >= 0:
            after = [a for a in after if a.start < s.start + nxt]
        totals: list[Amount] = []
        direct = True
        if before:
            totals = [before[-1]]
            # "预算100万元，执行率95%，其中…": a rate between the total and 其中 leaves open
            # whether the parts are of the budget or of the (unstated) spending
            direct = not _RATE_MARK.search(r.doc.text, before[-1].end, at)
        elif (
            not s.text[: m.start()].strip()
            and n > 0
            and r.sentences[n - 1].paragraph == s.paragraph
        ):
            totals = r.amounts(n - 1)
        if totals:
            yield totals, after, direct


_SHARE = re.compile(r"[，,]?\s*(?:约)?占(?:比)?(?:为|达)?\s*")


def _shares(r: Reading, n: int) -> list[CheckFinding]:
    """ "其中基本支出1,032.58万元，占36.90%": a part's stated share of the total must equal
    part / total (rounded or truncated), for at least one candidate total."""
    s = r.sentences[n]
    found: list[CheckFinding] = []
    percents = {p.start: p for p in r.percents(n)}
    for totals, after, _direct in _qizhong_lists(r, n):
        for a in after:
            m = _SHARE.match(s.text, a.end - s.start)
            if not m or m.end() == a.end - s.start:
                continue
            pct = percents.get(s.start + m.end())
            if pct is None or pct.approx:
                continue
            if any(rate_ok(pct.value, pct.raw, a, t) for t in totals):
                continue
            t = min(totals, key=lambda c: abs(a.yuan / c.yuan * 100 - pct.value) if c.yuan else 0)
            if not t.yuan:
                continue
            computed = (a.yuan / t.yuan * 100).quantize(Decimal("0.01"))
            found.append(
                make_finding(
                    r.doc,
                    kind=KIND,
                    rule="share",
                    severity=55,
                    explanation=(
                        f"share stated as {pct.raw}, but {a.raw} / {t.raw} = {computed}% "
                        f"(beyond the rounding of the figures as written)"
                    ),
                    spans=[Span(pct.start, pct.end), Span(a.start, a.end), Span(t.start, t.end)],
                )
            )
    return found


def _brackets(r: Reading, n: int, words: Words) -> list[CheckFinding]:
    """Bracketed breakdowns right after an amount: "79.21万元（统战6万元，…）"."""
    s = r.sentences[n]
    amounts = r.amounts(n)
    depth = r.depth(n)
    found = []
    for a in amounts:
        k = a.end - s.start
        if k >= len(s.text) or s.text[k] not in "（(":
            continue
        d = depth[k] + 1
        close = k + 1
        while close < len(s.text) and depth[close] >= d:
            close += 1
        if _INCLUDES.match(s.text, k + 1, close):
            continue
        inner = [
            b for b in amounts if k < b.start - s.start < close and depth[b.start - s.start] == d
        ]
        items = parts_of(a, inner, words)
        if len(items) != len(inner):
            continue
        f = sum_finding(r, a, items, exhaustive=False, how="bracketed breakdown")
        if f:
            found.append(f)
    return found


def _totals_after(r: Reading, n: int) -> list[CheckFinding]:
    """ "A…，B…，合计X": the parts before a 合计 must add up to it (suffixes count)."""
    s = r.sentences[n]
    if "其中" in s.text:
        return []
    amounts = r.amounts(n)
    depth = r.depth(n)
    found = []
    for i, a in enumerate(amounts):
        if not _TOTAL_WORD.search(a.label):
            continue
        d = depth[a.start - s.start]
        before = [b for b in amounts[:i] if depth[b.start - s.start] == d]
        if len(before) < 2 or any(NOT_A_PART.search(b.label) for b in before):
            continue
        # suffixes: the parts closest to 合计 are the ones it adds up
        if prefix_hits(a, list(reversed(before))):
            continue
        f = sum_finding(r, a, before, exhaustive=True, how="合计 after its parts")
        if f:
            found.append(f)
    return found


_PART_END = re.compile(r"[，,、；;。）)]|$")


def _count_sums(r: Reading, n: int) -> list[CheckFinding]:
    """Headcounts and other counts: "干部职工56人，其中地级干部9人，县级干部5人，…".

    Only the count right before 其中 is the total, only counts of the same unit that end a
    clause are parts ("8个民主党派支部" counts objects, it is not a part), and only parts
    that exceed the total are reported (a 其中 list of people is usually incomplete).
    """
    s = r.sentences[n]
    counts = r.counts(n)
    if len(counts) < 3:
        return []
    depth = r.depth(n)
    found = []
    for m in _QIZHONG.finditer(s.text):
        d = depth[m.start()]
        at = s.start + m.start()
        before = [(a, u) for a, u in counts if a.end <= at and depth[a.start - s.start] == d]
        if not before or r.doc.text[before[-1][0].end : at] not in ("，", ",", "", "；"):
            continue
        total, unit = before[-1]
        items = [
            a
            for a, u in counts
            if a.start >= s.start + m.end()
            and depth[a.start - s.start] == d
            and u == unit
            and _PART_END.match(s.text, a.end - s.start)
        ]
        parts = []
        for item in items:
            if NOT_A_PART.search(item.label):
                break
            parts.append(item)
        f = sum_finding(r, total, parts, exhaustive=False, how="其中 list of counts", unit=unit)
        if f:
            found.append(f)
    return found


_AMOUNT_THEN_BRACKET = re.compile(r"元\s*[（(]")


def check_sums(r: Reading, words: Words) -> list[CheckFinding]:
    """Every total-and-parts finding of one report (money, counts, shares)."""
    found: list[CheckFinding] = []
    for n in r.with_digits():
        text = r.sentences[n].text
        qizhong = "其中" in text
        brackets = bool(_AMOUNT_THEN_BRACKET.search(text))
        total_word = "计" in text and not qizhong
        if not (qizhong or brackets or total_word):
            continue  # cheap tests first: most sentences state no total with parts
        if text.count("其中") > MAX_QIZHONG_PER_SENTENCE:
            continue
        amounts = r.amounts(n)
        if len(amounts) > MAX_FIGURES_PER_SENTENCE:
            continue
        if qizhong:
            found += _count_sums(r, n)
        if not amounts:
            continue
        if qizhong:
            for totals, after, direct in _qizhong_lists(r, n):
                items = parts_of(max(totals, key=lambda a: a.yuan), after, words)
                if not totals or any(prefix_hits(t, items) for t in totals):
                    continue
                total = max(totals, key=lambda a: a.yuan)
                complete = direct and _partition(items)
                f = sum_finding(r, total, items, exhaustive=complete, how="其中 list")
                if f:
                    found.append(f)
            if "占" in text:
                found += _shares(r, n)
        if brackets:
            found += _brackets(r, n, words)
        if total_word:
            found += _totals_after(r, n)
    return found
