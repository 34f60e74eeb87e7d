"""Stale year: text that names an earlier year as the year this report evaluates.

Why: a report copied from last year's and updated in haste keeps sentences such as
"对单位2022年度…进行绩效自评" or "2022年项目资金实际使用共计…" in a 2023 report. The same
report legitimately names earlier years all the time (carry-overs 结转, comparisons 较上年,
document numbers 〔2022〕, history 自2021年以来) and later ones (report dates 2024年2月), so
this check only speaks when the wording makes the earlier year the subject of this year's
evaluation or spending, and never when the sentence also names the report's own year.
Precision over recall: a missed stale year is cheaper than a list the auditor stops reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reportaudit.checks.config import CheckConfig
from reportaudit.checks.model import CheckFinding, Span, make_finding
from reportaudit.checks.reading import Reading
from reportaudit.checks.textutil import Sentence, heading_text, sentences_of
from reportaudit.figures import fold_digits

KIND = "stale_year"
_OPEN_CITATION = re.compile(r"《[^》]*$|〔[^〕]*$|\[[^\]]*$|【[^】]*$")
_MONTH_AFTER = re.compile(r"\s*\d{1,2}\s*月")

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(度)?")
# Words that make an earlier year legitimate anywhere in the same sentence.
_EXCUSE = re.compile(
    r"结转|结余|上年|去年|上一年|以来|之前|以前|历年|连续|往年|"
    r"(?:[-—~～到]|(?<![截])至)\s*(?:19|20)\d\d|(?:19|20)\d\d\s*年?度?\s*[-—~～至到]|"
    r"跨年|延续|遗留|尾款|欠款|清算|追溯|审计"
)
# Comparison words that excuse a year only next to it ("较2022年", "2022年同期相比").
_NEAR_EXCUSE = re.compile(r"较|比|同期|相比|对比|增长|下降|减少|增加")
# The evaluation itself: "对…2022年度…进行(绩效)自评/评价", "开展2022年度…自评".
_EVALUATES = re.compile(
    r"(?:对|就)[^。；;]{0,30}?{Y}[^。；;]{0,40}?(?:进行|开展|实施)了?(?:绩效)?(?:自评|自我评价|评价)"
    r"|(?:开展|进行|完成|撰写|形成|填报|编制)了?{Y}[^。；;，,]{0,30}?"
    r"(?:绩效自评|自评工作|绩效评价|自评报告|自评表|工作总结)"
)
# This year's money: "2022年项目资金实际使用共计", "2022年度部门预算执行情况", "2022年全年支出".
_SPENDING = re.compile(
    r"{Y}(?:的|全年|度的)?(?:部门|单位|本部门|本单位|我单位|我部|我局|县级|各|全部|整体)?"
    r"(?:预算)?(?:项目)?(?:资金)?(?:的)?"
    r"(?:实际使用|实际支出|全年支出|共支出|支出决算|预算执行|执行情况|到位资金|实际到位|资金到位|"
    r"预算拨付|资金拨付|收支决算|收支情况)"
)
_EXECUTION = re.compile(r"执行|支出|拨付|到位")
_CUTOFF = re.compile(r"截[至止]{Y}(?:12月31日|年底|年末|底|末)")


_ANY_YEAR = re.compile(r"(?:19|20)[0-9０-９]{2}\s*年|(?:１９|２０)[0-9０-９]{2}\s*年")


def _scope(r: Reading) -> Iterator[Sentence]:
    """Closed body sentences and heading lines that name a year ("（一）2022年度预算拨付情况"
    counts too); a sentence cut off at the end of an opening is never read."""
    doc = r.doc
    for n in r.with_digits():
        s = r.sentences[n]
        if "年" in s.text and _ANY_YEAR.search(s.text):  # a substring test first: C speed
            yield s
    for sec in doc.sections[1:]:
        yield from sentences_of(heading_text(doc, sec.index), sec.heading_start, None)


def _quoted(text: str, pos: int) -> bool:
    """True when ``pos`` sits inside 《title》, a document number 〔2022〕/[2022] or an open
    bracket that looks like a citation — years there date other documents. Looks back at
    most 120 characters (titles are shorter; hostile text must not make this quadratic)."""
    head = text[max(0, pos - 120) : pos]
    return bool(_OPEN_CITATION.search(head))


@lru_cache(maxsize=512)
def _patterns(mention: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The cut-off, evaluation and spending patterns for one year mention as written
    (compiled once per distinct mention, e.g. "2022年度")."""
    token = re.escape(mention)
    return (
        re.compile(_CUTOFF.pattern.replace("{Y}", token)),
        re.compile(_EVALUATES.pattern.replace("{Y}", token)),
        re.compile(_SPENDING.pattern.replace("{Y}", token)),
    )


def _stale_mentions(s: Sentence, year: int, back: int) -> Iterator[tuple[int, int, str, int]]:
    """(start, end, rule, severity) for each earlier-year mention that reads as stale.

    Every pattern is tried on a window around the mention, so the work per sentence stays
    linear however many years a (hostile) sentence names.
    """
    text = fold_digits(s.text)
    named = list(_YEAR.finditer(text))
    if not any(year - back <= int(m.group(1)) < year for m in named):
        return  # no earlier year in reach: nothing below could report (most sentences)
    mentions = [m for m in named if not _quoted(text, m.start())]
    if any(int(m.group(1)) == year for m in mentions):
        return  # the sentence names its own year too: a comparison or a timeline
    if _EXCUSE.search(text):
        return
    executes = bool(_EXECUTION.search(text))
    for m in mentions:
        y = int(m.group(1))
        if not (year - back <= y < year):
            continue
        if _NEAR_EXCUSE.search(text[max(0, m.start() - 6) : m.end() + 6]):
            continue
        cutoff, evaluates, spending = _patterns(m.group(0))
        lo = max(0, m.start() - 40)
        window = text[lo : m.end() + 60]
        at = m.start() - lo
        if executes and cutoff.search(window, max(0, at - 2), at + len(m.group(0)) + 6):
            yield m.start(), m.end(), "cutoff_year", 55
            continue
        if _MONTH_AFTER.match(text, m.end()):
            continue  # a date (2022年12月…) places an event, it does not name the year evaluated
        if any(e.start() <= at < e.end() for e in evaluates.finditer(window)):
            yield m.start(), m.end(), "evaluated_year", 80
        elif spending.match(text, m.start()):
            yield m.start(), m.end(), "spending_year", 70


def check_stale_year(r: Reading, *, year: int | None, config: CheckConfig) -> list[CheckFinding]:
    """Findings for earlier years named as the year under evaluation (nothing without a year)."""
    if year is None or year < 1900:
        return []  # unknown year (the store keeps 0): nothing to compare with
    found = []
    doc = r.doc
    seen: set[int] = set()
    for s in _scope(r):
        for start, end, rule, severity in _stale_mentions(s, year, config.max_years_back):
            if s.start + start in seen:
                continue
            seen.add(s.start + start)
            named = fold_digits(s.text[start:end]).strip()
            what = {
                "evaluated_year": "as the year being evaluated",
                "spending_year": "as the year of this report's spending",
                "cutoff_year": "as the cut-off date of this report's execution figures",
            }[rule]
            found.append(
                make_finding(
                    doc,
                    kind=KIND,
                    rule=rule,
                    severity=severity,
                    explanation=f"a {year} report names {named} {what}",
                    spans=[Span(s.start + start, s.start + end)],
                )
            )
    return found
