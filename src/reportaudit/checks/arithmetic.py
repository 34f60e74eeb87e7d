"""Arithmetic inside one report: totals and their parts, one budget line with two amounts,
execution rates (执行率 = 支出 / 预算) and stated difference rates (差异率).

Why: these are the slips haste leaves behind (a part retyped as 9.81 where it was 9.21, a
rate copied from last year), and auditors re-add them by hand today. Every rule here is
conservative: when the prose does not say unambiguously which number is the total and which
are its parts, the check says nothing rather than guessing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from reportaudit.checks.model import CheckFinding, Span, make_finding
from reportaudit.checks.textutil import (
    Amount,
    Sentence,
    amounts_in,
    counts_in,
    fmt_wan,
    paragraph_sentences,
    paren_depths,
    percents_in,
)
from reportaudit.structure.model import Document

KIND = "arithmetic"

# An item whose label says it is a change, a comparison or a deduction is not a part of the
# total; the list of parts ends there (and an incomplete list is never reported short).
_CHANGE = (
    r"较|比上|同比|增加|增长|减少|下降|节约|结余|结转|超支|差额|调减|核减|扣除|收回|退回|占|平均|人均|亩均|标准|"
    r"用于|包含|含"
)
# ... and a sub-total or a nested breakdown ends a list of parts too.
_NOT_A_PART = re.compile(_CHANGE + r"|包括|分别|合计|共计|总计")
# A budget candidate for 执行率 may be a total ("预算收入合计…"), never a change.
_NOT_A_BUDGET = re.compile(_CHANGE)
# A sentence with more figures or 其中 than any real report sentence is not read at all:
# hostile text must not make the checks quadratic, and such a sentence cannot be parsed
# with confidence anyway.
MAX_FIGURES_PER_SENTENCE = 200
MAX_QIZHONG_PER_SENTENCE = 20
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


def _parts(items: list[Amount]) -> list[Amount]:
    """The leading items that can be parts (up to the first change/comparison amount)."""
    out = []
    for item in items:
        if _NOT_A_PART.search(item.label):
            break
        out.append(item)
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


def _prefix_hits(total: Amount, items: list[Amount]) -> bool:
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


def _sum_finding(
    doc: Document,
    total: Amount,
    items: list[Amount],
    *,
    exhaustive: bool,
    how: str,
    unit: str | None = None,
) -> CheckFinding | None:
    """A finding when the parts miss the total: always when they exceed it, when they fall
    short only if the list is known to be complete (``exhaustive``)."""
    if len(items) < 2 or _prefix_hits(total, items):
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
        doc,
        kind=KIND,
        rule="sum_mismatch",
        severity=severity,
        explanation=(
            f"{how}: the parts {parts} = {show(full)} {verdict} the stated total "
            f"{total.raw} (difference {show(abs(full - total.yuan))})"
        ),
        spans=[Span(total.start, total.end), *(Span(i.start, i.end) for i in items)],
    )


def _local(s: Sentence) -> tuple[list[Amount], list[int]]:
    """Amounts of a sentence with sentence-local offsets, and the bracket depth per char."""
    return amounts_in(s.text), paren_depths(s.text)


def _shift(a: Amount, offset: int) -> Amount:
    """The amount with document offsets."""
    return Amount(a.start + offset, a.end + offset, a.raw, a.yuan, a.tolerance, a.label)


def _qizhong_lists(
    sentences: list[Sentence], n: int, amounts: list[Amount], depth: list[int]
) -> Iterator[tuple[list[Amount], list[Amount], bool]]:
    """(candidate totals, amounts after 其中, direct) for every 其中 of sentence ``n``, in
    document offsets; ``direct`` is False when a rate stands between the total and 其中. ``amounts`` and ``depth`` are the sentence's own (sentence-local offsets).

    The total is the last amount before 其中 at the same bracket depth; when 其中 opens the
    sentence ("…支出2,916.62万元，…。其中基本支出…") every amount of the sentence before (same
    paragraph) is a candidate, and the parts must miss all of them to be reported.
    """
    s = sentences[n]
    for m in re.finditer(r"其中[：:]?", s.text):
        d = depth[m.start()]
        before = [a for a in amounts if a.end <= m.start() and depth[a.start] == d]
        after = [a for a in amounts if a.start >= m.end() and depth[a.start] == d]
        nxt = s.text.find("其中", m.end())
        if nxt >= 0:
            after = [a for a in after if a.start < nxt]
        totals: list[Amount] = []
        direct = True
        if before:
            totals = [_shift(before[-1], s.start)]
            # "预算100万元，执行率95%，其中…": a rate between the total and 其中 leaves open
            # whether the parts are of the budget or of the (unstated) spending
            direct = not re.search(r"[%％]|率", s.text[before[-1].end : m.start()])
        elif not s.text[: m.start()].strip() and n > 0:
            prev = sentences[n - 1]
            if prev.paragraph == s.paragraph:
                totals = amounts_in(prev.text, prev.start)
        if totals:
            yield totals, [_shift(a, s.start) for a in after], direct


_SHARE = re.compile(r"[，,]?\s*(?:约)?占(?:比)?(?:为|达)?\s*")


def _shares(doc: Document) -> list[CheckFinding]:
    """ "其中基本支出1,032.58万元，占36.90%": a part's stated share of the total must equal
    part / total (rounded or truncated), for at least one candidate total."""
    found: list[CheckFinding] = []
    sentences = list(paragraph_sentences(doc))
    for n, s in enumerate(sentences):
        if "占" not in s.text or s.text.count("其中") > MAX_QIZHONG_PER_SENTENCE:
            continue
        amounts, depth = _local(s)
        if not amounts or len(amounts) > MAX_FIGURES_PER_SENTENCE:
            continue
        percents = {p.start: p for p in percents_in(s.text, s.start)}
        for totals, after, _direct in _qizhong_lists(sentences, n, amounts, depth):
            for a in after:
                m = _SHARE.match(s.text, a.end - s.start)
                if not m or m.end() == a.end - s.start:
                    continue
                pct = percents.get(s.start + m.end())
                if pct is None or pct.approx:
                    continue
                if any(_rate_ok(pct.value, pct.raw, a, t) for t in totals):
                    continue
                t = min(
                    totals, key=lambda c: abs(a.yuan / c.yuan * 100 - pct.value) if c.yuan else 0
                )
                if not t.yuan:
                    continue
                computed = (a.yuan / t.yuan * 100).quantize(Decimal("0.01"))
                found.append(
                    make_finding(
                        doc,
                        kind=KIND,
                        rule="share",
                        severity=55,
                        explanation=(
                            f"share stated as {pct.raw}, but {a.raw} / {t.raw} = {computed}%"
                        ),
                        spans=[
                            Span(pct.start, pct.end),
                            Span(a.start, a.end),
                            Span(t.start, t.end),
                        ],
                    )
                )
    return found


def _sums(doc: Document) -> list[CheckFinding]:
    """Totals with their parts: "X，其中A…、B…", "X（A…，B…）" and "A…，B…，合计X"."""
    found: list[CheckFinding] = []
    sentences = list(paragraph_sentences(doc))
    for n, s in enumerate(sentences):
        if s.text.count("其中") > MAX_QIZHONG_PER_SENTENCE:
            continue
        amounts, depth = _local(s)
        if not amounts or len(amounts) > MAX_FIGURES_PER_SENTENCE:
            continue
        # 1. 其中 lists
        for totals, after, direct in _qizhong_lists(sentences, n, amounts, depth):
            items = _parts(after)
            if not totals or any(_prefix_hits(t, items) for t in totals):
                continue
            total = max(totals, key=lambda a: a.yuan)
            complete = direct and _partition(items)
            f = _sum_finding(doc, total, items, exhaustive=complete, how="其中 list")
            if f:
                found.append(f)
        # 2. bracketed breakdowns right after an amount
        for a in amounts:
            k = a.end
            if k < len(s.text) and s.text[k] in "（(":
                d = depth[k] + 1
                close = k + 1
                while close < len(s.text) and depth[close] >= d:
                    close += 1
                inner_text = s.text[k + 1 : close]
                if re.match(r"\s*(含|包括|其中)", inner_text):
                    continue
                inner = [b for b in amounts if k < b.start < close and depth[b.start] == d]
                items = _parts([_shift(b, s.start) for b in inner])
                if len(items) != len(inner):
                    continue
                f = _sum_finding(
                    doc, _shift(a, s.start), items, exhaustive=False, how="bracketed breakdown"
                )
                if f:
                    found.append(f)
        # 3. "A…，B…，合计X"
        if "其中" not in s.text:
            for i, a in enumerate(amounts):
                if not _TOTAL_WORD.search(a.label):
                    continue
                d = depth[a.start]
                before = [b for b in amounts[:i] if depth[b.start] == d]
                if len(before) < 2 or any(_NOT_A_PART.search(b.label) for b in before):
                    continue
                items = [_shift(b, s.start) for b in before]
                total = _shift(a, s.start)
                # suffixes: the parts closest to 合计 are the ones it adds up
                if _prefix_hits(total, list(reversed(items))):
                    continue
                f = _sum_finding(doc, total, items, exhaustive=True, how="合计 after its parts")
                if f:
                    found.append(f)
    return found


_PART_END = re.compile(r"[，,、；;。）)]|$")


def _count_sums(doc: Document) -> list[CheckFinding]:
    """Headcounts and other counts: "干部职工56人，其中地级干部9人，县级干部5人，…".

    Only the count right before 其中 is the total, only counts of the same unit that end a
    clause are parts ("8个民主党派支部" counts objects, it is not a part), and only parts
    that exceed the total are reported (a 其中 list of people is usually incomplete).
    """
    found: list[CheckFinding] = []
    for s in paragraph_sentences(doc):
        if s.text.count("其中") > MAX_QIZHONG_PER_SENTENCE:
            continue
        counts = counts_in(s.text)
        if len(counts) < 3 or len(counts) > MAX_FIGURES_PER_SENTENCE:
            continue
        depth = paren_depths(s.text)
        for m in re.finditer(r"其中[：:]?", s.text):
            d = depth[m.start()]
            before = [(a, u) for a, u in counts if a.end <= m.start() and depth[a.start] == d]
            if not before or s.text[before[-1][0].end : m.start()] not in ("，", ",", "", "；"):
                continue
            total, unit = before[-1]
            items = [
                a
                for a, u in counts
                if a.start >= m.end()
                and depth[a.start] == d
                and u == unit
                and _PART_END.match(s.text, a.end)
            ]
            f = _sum_finding(
                doc,
                _shift(total, s.start),
                _parts([_shift(a, s.start) for a in items]),
                exhaustive=False,
                how="其中 list of counts",
                unit=unit,
            )
            if f:
                found.append(f)
    return found


def _one_digit_apart(a: str, b: str) -> bool:
    """True when two written numbers differ in exactly one digit or by swapping two
    neighbours (9.21 / 9.81, 12.45 / 12.54): the signature of a typing slip."""
    a, b = re.sub(r"[^\d.]", "", a), re.sub(r"[^\d.]", "", b)
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


def _line_name(label: str) -> str | None:
    """The budget-line name in an amount's label, or None when it is not a specific line."""
    name = re.sub(
        r"^(?:其中|包括|主要|以及|和|及|为|对|年初|年中|全年|当年|安排|下达|拨付|发放|支付|投入|"
        r"到位|共|计|用于|预算|县级|省级|市级|区级|中央|上级|本级|财政)+",
        "",
        label,
    )
    name = re.sub(r"(为|共计|合计|计|共|达|约)$", "", name)
    if len(name) < 4 or name in _GENERIC_LINES or not _LINE_SUFFIX.search(name):
        return None
    return name


def _significant(raw: str) -> int:
    """Significant digits as written ("9.21万元" -> 3, "8.00万元" -> 1)."""
    digits = re.sub(r"[^\d.]", "", raw)
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return len(digits.replace(".", "").lstrip("0"))


def _repeated_lines(doc: Document) -> list[CheckFinding]:
    """The same budget line given two amounts that differ by one typed digit.

    Why only one-digit slips of figures with three or more significant digits: a line name
    can legitimately carry two amounts (budget and actual, county and provincial money of the
    same name), and "6万元" against "8万元" is as likely two lines as one slip; 9.21 against
    9.81 is a typo. Mentions under different government levels (省级 / 县级) are not compared.
    """
    seen: dict[str, list[tuple[Amount, frozenset[str]]]] = defaultdict(list)
    for s in paragraph_sentences(doc):
        for a in amounts_in(s.text, s.start):
            name = _line_name(a.label)
            if name is None or _significant(a.raw) < 3:
                continue
            local = a.start - s.start
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
        reported: set[tuple[str, str]] = set()
        for i, (a, lv_a) in enumerate(distinct):
            for b, lv_b in distinct[i + 1 :]:
                if a.yuan == b.yuan or not _one_digit_apart(a.raw, b.raw):
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
                        doc,
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


_RATE = re.compile(r"(?:预算)?执行率(?:为|达到|达|是|：|:)?\s*$")
_SPEND = re.compile(r"支出|执行|使用|拨付")
_BUDGET = re.compile(r"预算|下达|安排|到位|收入")
_TOTAL_SPEND = re.compile(r"^(?:全年|实际|累计|全年实际|总|当年|年度|本年)*支出$|^支出合计$")


def _rate_ok(rate: Decimal, raw: str, spend: Amount, budget: Amount) -> bool:
    """Does the stated rate equal spend / budget within the rounding of all three figures
    (rounded or truncated)?"""
    if budget.yuan <= 0:
        return True
    computed = spend.yuan / budget.yuan * 100
    decimals = len(raw.split(".")[1].rstrip("%％ ")) if "." in raw else 0
    unit = Decimal(10) ** -decimals
    prop = computed * (
        spend.tolerance / max(spend.yuan, Decimal(1)) + budget.tolerance / budget.yuan
    )
    return rate - unit / 2 - prop <= computed <= rate + unit + prop


def _rates(doc: Document) -> list[CheckFinding]:
    """执行率 statements checked against the spending and budget they are stated with.

    The spending is the amount labelled 支出/执行/使用 nearest before the rate in the same
    sentence. The budget is a 预算/下达/安排 amount earlier in that sentence; failing that
    (e.g. "全年实际支出2,916.62万元，预算执行率96.82%" after a paragraph on income), every
    budget or income amount earlier in the same top-level section is a candidate, and the
    rate passes when any one of them explains it.
    """
    found = []
    top_of: dict[int, int] = {}
    for sec in doc.sections:
        cur = sec.index
        while doc.sections[cur].parent not in (None, 0):
            cur = doc.sections[cur].parent  # type: ignore[assignment]
        top_of[sec.index] = cur
    para_section = {p.index: p.section for p in doc.paragraphs}
    earlier: dict[int, list[Amount]] = defaultdict(list)  # top section -> budget amounts seen
    for s in paragraph_sentences(doc):
        top = top_of[para_section[s.paragraph]] if s.paragraph is not None else 0
        amounts = amounts_in(s.text, s.start)
        if len(amounts) > MAX_FIGURES_PER_SENTENCE:
            continue
        depth = paren_depths(s.text)
        for pct in percents_in(s.text, s.start):
            head = s.text[: pct.start - s.start]
            if not _RATE.search(head[-12:]):
                continue
            level = depth[pct.start - s.start]
            before = [
                a for a in amounts if a.end <= pct.start and depth[a.start - s.start] == level
            ]
            spends = [a for a in before if _SPEND.search(a.label)]
            if not spends:
                continue
            spend = spends[-1]
            budgets = [a for a in before if a.end <= spend.start and _BUDGET.search(a.label)]
            if not budgets:
                if not _TOTAL_SPEND.search(spend.label) or before[0] is not spend:
                    continue
                budgets = earlier[top][-50:]  # the nearest budget statements only
            if not budgets or any(_rate_ok(pct.value, pct.raw, spend, b) for b in budgets):
                continue
            b = min(budgets, key=lambda c: abs(spend.yuan / c.yuan * 100 - pct.value))
            computed = (spend.yuan / b.yuan * 100).quantize(Decimal("0.01"))
            found.append(
                make_finding(
                    doc,
                    kind=KIND,
                    rule="execution_rate",
                    severity=75,
                    explanation=(
                        f"执行率 stated as {pct.raw}, but {spend.raw} / {b.raw} = {computed}%"
                    ),
                    spans=[
                        Span(pct.start, pct.end),
                        Span(spend.start, spend.end),
                        Span(b.start, b.end),
                    ],
                )
            )
        earlier[top].extend(
            a for a in amounts if _BUDGET.search(a.label) and not _NOT_A_BUDGET.search(a.label)
        )
    return found


_DIFF_RATE = re.compile(r"差异率(?:为|是|：|:)?\s*$")


def _difference_rates(doc: Document) -> list[CheckFinding]:
    """差异率 stated with exactly two amounts in its sentence: it must equal their
    difference over either amount (signed or not; reports use both conventions)."""
    found = []
    for s in paragraph_sentences(doc):
        if "差异率" not in s.text:
            continue
        amounts = amounts_in(s.text, s.start)
        if len(amounts) > MAX_FIGURES_PER_SENTENCE:
            continue
        for pct in percents_in(s.text, s.start):
            if not _DIFF_RATE.search(s.text[: pct.start - s.start][-8:]):
                continue
            before = [a for a in amounts if a.end <= pct.start]
            if len(before) != 2:
                continue
            x, y = before
            decimals = len(pct.raw.split(".")[1].rstrip("%％ ")) if "." in pct.raw else 0
            unit = Decimal(10) ** -decimals
            ok = False
            for base in (x, y):
                if base.yuan == 0:
                    continue
                value = abs(y.yuan - x.yuan) / base.yuan * 100
                prop = value * (x.tolerance + y.tolerance) / max(abs(y.yuan - x.yuan), Decimal(1))
                if abs(pct.value) - unit / 2 - prop <= value <= abs(pct.value) + unit + prop:
                    ok = True
            if ok:
                continue
            shown = (
                (abs(y.yuan - x.yuan) / x.yuan * 100).quantize(Decimal("0.01")) if x.yuan else None
            )
            found.append(
                make_finding(
                    doc,
                    kind=KIND,
                    rule="difference_rate",
                    severity=60,
                    explanation=(
                        f"差异率 stated as {pct.raw}, but |{y.raw} − {x.raw}| / {x.raw} = {shown}%"
                    ),
                    spans=[Span(pct.start, pct.end), Span(x.start, x.end), Span(y.start, y.end)],
                )
            )
    return found


def check_arithmetic(doc: Document) -> list[CheckFinding]:
    """All arithmetic findings of one report (sums, repeated lines, 执行率, 差异率)."""
    return [
        *_sums(doc),
        *_count_sums(doc),
        *_shares(doc),
        *_repeated_lines(doc),
        *_rates(doc),
        *_difference_rates(doc),
    ]
