"""Rates with their operands: 执行率 / 支出率 / 使用率 / 完成率 = spending / budget (预算, 拨款,
下达, 到位资金 …), "完成预算的X%", and 差异率 = |决算 − 预算| / 预算, read the way a reader reads
them: the spending is the figure stated right before the rate, the budget a budget figure
before that, in the same sentence or the sentences just before it in the same paragraph.

Why so strict about operands: a rate checked against the wrong figure is a false alarm an
auditor must dismiss. When no figure before the rate is a spending, or no budget is stated
with it, nothing is said; when several budgets are stated (年初 / 调整后), the rate passes if
any of them explains it. A stated 100% for spending above the budget is the genre's capped
convention, not a slip.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from reportaudit.checks.model import CheckFinding, Span, make_finding
from reportaudit.checks.quantities import Words
from reportaudit.checks.reading import Reading
from reportaudit.checks.sums import MAX_FIGURES_PER_SENTENCE
from reportaudit.checks.textutil import Amount
from reportaudit.checks.tolerance import pct, rate_bounds, rate_ok, relative_error
from reportaudit.figures import Figure
from reportaudit.structure.model import Document

KIND = "arithmetic"

# The rate's name right before the figure: "预算执行率为", "资金使用率", "完成预算的".
# Indicator rates (指标完成率, 目标完成率, 好路率 …) are not money rates.
_RATE = re.compile(
    r"(?:(?<!指标)(?<!目标)(?<!任务)(?:预算|资金|项目|支出|总体|整体|财政资金)?(执行率|支出率|使用率)"
    r"|(?:预算|资金|支出|投资)(完成率))(?:为|达到|达|是|：|:)?\s*$"
    r"|完成(?:全年|年度)?预算(?:数)?的\s*$"
)
_RATE_WORD = re.compile(r"执行率|支出率|使用率|完成率|完成(?:全年|年度)?预算")
_CLAUSE_GROUP = re.compile(r"[；;]|其中")
_DIFF_RATE = re.compile(r"差异率(?:为|是|：|:)?\s*$")
_TOTAL_SPEND = re.compile(r"^(?:全年|实际|累计|全年实际|总|当年|年度|本年)*支出$|^支出合计$")
# A neutral amount in the rate's own sentence may be its budget ("项目资金共2179万元，已拨付…").
_NEUTRAL_BUDGET = re.compile(r"(?:资金|经费|总额|金额|总投资)(?:共|共计|合计|为|总额)?$")
LOOK_BACK = 2  # sentences of the same paragraph a statement may span


def _top_sections(doc: Document) -> dict[int, int]:
    """Section index -> index of its top-level ancestor."""
    top: dict[int, int] = {}
    for sec in doc.sections:
        cur = sec.index
        while doc.sections[cur].parent not in (None, 0):
            cur = doc.sections[cur].parent  # type: ignore[assignment]
        top[sec.index] = cur
    return top


def _window(r: Reading, n: int, pct_start: int) -> list[Amount]:
    """The amounts a rate at ``pct_start`` in sentence ``n`` may be computed from: those of
    up to LOOK_BACK earlier sentences of the same paragraph and of its own sentence before
    it, at the rate's bracket depth, after the last percentage stated before it (a rate
    closes the statement before it: "A预算…，执行率…；B预算…")."""
    s = r.sentences[n]
    depth = r.depth(n)
    level = depth[pct_start - s.start]
    own = [a for a in r.amounts(n) if a.end <= pct_start and depth[a.start - s.start] == level]
    earlier: list[Amount] = []
    for k in range(max(0, n - LOOK_BACK), n):
        if r.sentences[k].paragraph == s.paragraph:
            d = r.depth(k)
            earlier += [a for a in r.amounts(k) if d[a.start - r.sentences[k].start] == 0]
    window = earlier + own
    cut = max(
        (
            p.end
            for k in range(max(0, n - LOOK_BACK), n + 1)
            for p in r.percents(k)
            if p.end <= pct_start
        ),
        default=-1,
    )
    return [a for a in window if a.start >= cut]


def _explain(name: str, p: Figure, spend: Amount, budget: Amount) -> str:
    """The finding's one line: stated, computed, and the band the rounding allows."""
    computed = spend.yuan / budget.yuan * 100
    lo, hi = rate_bounds(p.value, p.raw, computed, relative_error(spend, budget))
    return (
        f"{name} stated as {p.raw}, but {spend.raw} / {budget.raw} = {pct(computed)} "
        f"(given the rounding of the figures, a stated {p.raw} fits a result between "
        f"{pct(lo)} and {pct(hi)})"
    )


def check_rates(r: Reading, words: Words) -> list[CheckFinding]:
    """执行率-type statements checked against the spending and budget stated with them."""
    doc = r.doc
    found = []
    top_of = _top_sections(doc)
    para_section = {p.index: p.section for p in doc.paragraphs}
    earlier: dict[int, list[int]] = defaultdict(list)  # top section -> its sentences so far

    def budgets_before(top: int) -> list[Amount]:
        """The last 50 budget amounts stated earlier in the top section (read on demand:
        only a rate without its own budget needs them)."""
        out: list[Amount] = []
        for k in reversed(earlier[top]):
            out[:0] = [a for a in r.amounts(k) if words.quantity(a.label) == "budget"]
            if len(out) >= 50:
                break
        return out[-50:]

    for n in r.with_digits():
        s = r.sentences[n]
        top = top_of[para_section[s.paragraph]] if s.paragraph is not None else 0
        if not ("率" in s.text or "完成" in s.text) or not _RATE_WORD.search(s.text):
            earlier[top].append(n)
            continue
        amounts = r.amounts(n)
        if len(amounts) > MAX_FIGURES_PER_SENTENCE:
            continue
        for p in r.percents(n):
            m = _RATE.search(s.text[max(0, p.start - s.start - 14) : p.start - s.start])
            if not m or p.approx:
                continue
            window = _window(r, n, p.start)
            if not window or words.quantity(window[-1].label) != "spend":
                continue  # the figure right before the rate is not a spending: unreadable
            spend = window[-1]
            budgets = [a for a in window[:-1] if words.quantity(a.label) == "budget"]
            if not budgets:
                budgets = [
                    a
                    for a in amounts
                    if a.end <= spend.start
                    and _NEUTRAL_BUDGET.search(a.label)
                    and words.quantity(a.label) is None
                ]
            if not budgets and _TOTAL_SPEND.search(spend.label) and window[0] is spend:
                budgets = budgets_before(top)  # the nearest budget statements only
            budgets = [b for b in budgets if b.yuan > 0]
            if not budgets or any(rate_ok(p.value, p.raw, spend, b) for b in budgets):
                continue
            if p.value == 100 and any(spend.yuan >= b.yuan for b in budgets):
                continue  # spending above the budget stated as 100%: the capped convention
            b = min(budgets, key=lambda c: abs(spend.yuan / c.yuan * 100 - p.value))
            name = m.group(1) or m.group(2) or "完成预算的"
            found.append(
                make_finding(
                    doc,
                    kind=KIND,
                    rule="execution_rate",
                    severity=75,
                    explanation=_explain(name, p, spend, b),
                    spans=[
                        Span(p.start, p.end),
                        Span(spend.start, spend.end),
                        Span(b.start, b.end),
                    ],
                )
            )
        earlier[top].append(n)
    return found


def check_difference_rates(r: Reading) -> list[CheckFinding]:
    """差异率 with exactly two amounts in its clause group (since the previous rate, 其中 or
    ；): it must equal their difference over either amount (reports use both)."""
    found = []
    for n in r.with_digits():
        s = r.sentences[n]
        if "差异率" not in s.text:
            continue
        amounts = r.amounts(n)
        if len(amounts) > MAX_FIGURES_PER_SENTENCE:
            continue
        for p in r.percents(n):
            local = p.start - s.start
            if not _DIFF_RATE.search(s.text[max(0, local - 8) : local]) or p.approx:
                continue
            cut = max(
                [s.start + m.end() for m in _CLAUSE_GROUP.finditer(s.text, 0, local)]
                + [q.end for q in r.percents(n) if q.end <= p.start],
                default=s.start,
            )
            x_y = [a for a in amounts if cut <= a.start and a.end <= p.start]
            if len(x_y) != 2:
                continue
            x, y = x_y
            diff = abs(y.yuan - x.yuan)
            ok = False
            for base in (x, y):
                if base.yuan == 0:
                    continue
                value = diff / base.yuan * 100
                rel = (x.tolerance + y.tolerance) / max(diff, Decimal(1))
                lo, hi = rate_bounds(abs(p.value), p.raw, value, rel)
                ok = ok or lo <= value <= hi
            if ok or not x.yuan:
                continue
            value = diff / x.yuan * 100
            lo, hi = rate_bounds(
                abs(p.value), p.raw, value, (x.tolerance + y.tolerance) / max(diff, Decimal(1))
            )
            found.append(
                make_finding(
                    r.doc,
                    kind=KIND,
                    rule="difference_rate",
                    severity=60,
                    explanation=(
                        f"差异率 stated as {p.raw}, but |{y.raw} − {x.raw}| / {x.raw} = "
                        f"{pct(value)} (over {y.raw}: {pct(diff / y.yuan * 100) if y.yuan else '—'}; "
                        f"given the rounding, a stated {p.raw} fits a result between {pct(lo)} "
                        f"and {pct(hi)})"
                    ),
                    spans=[Span(p.start, p.end), Span(x.start, x.end), Span(y.start, y.end)],
                )
            )
    return found
