"""What a report-quality scoring sheet checks in the self-evaluation's own scores: the item
scores add up to the total (分项得分之和 = 总分), and no score exceeds its maximum (得分 ≤ 分值).
(The grade against the score's band is score_grade.py.)

Why: scores are retyped when a report is copied or revised ("决策15分、过程18分、产出38分、
效益28分" under a total that was changed to 95), and the scoring sheet an auditor fills in asks
exactly these questions. Read conservatively: a total is a score labelled 得分/总分/评分, its
items are the scores after 其中 / 分别 in the same sentence that are not maxima (满分, 分值,
权重); items that fall short of the total are only reported when they name at least three of
the standard dimensions (决策, 过程, 产出, 效益, 满意度, 成本), i.e. when the list is complete.
"""

from __future__ import annotations

import re
from decimal import Decimal

from reportaudit.checks.model import CheckFinding, Span, make_finding
from reportaudit.checks.reading import Reading
from reportaudit.checks.textutil import label_before
from reportaudit.figures import Figure, fold_digits

KIND = "score_grade"

_TOTAL_LABEL = re.compile(r"(?:总分|得分|评分|自评分)(?:为|是|：|:|达)?$")
_MAX_LABEL = re.compile(r"满分|分值|权重|标准分|总分值")
_BREAKDOWN = re.compile(r"其中[：:]?|分别(?:为|是)?[：:]?")
_DIMENSIONS = ("决策", "过程", "产出", "效益", "满意度", "成本")
_NUM = r"(\d{1,3}(?:\.\d{1,2})?)"
_MAX_THEN_SCORE = re.compile(
    rf"(?:分值|满分|权重分?|标准分值?)(?:为|是|：|:)?\s*{_NUM}\s*分"
    rf"(?P<gap>[^。；;]{{0,30}}?)(?:实际)?(?:自评得分|得分|自评分|评分|得)(?:为|是|：|:)?\s*{_NUM}\s*分"
)
_SCORE_THEN_MAX = re.compile(
    rf"(?:自评得分|得分|自评分|评分)(?:为|是|：|:)?\s*{_NUM}\s*分\s*[（(](?:分值|满分|权重)(?:为|：|:)?\s*{_NUM}\s*分"
)


def _half_unit(figs: list[Figure]) -> Decimal:
    """Half a unit of the finest decimal written among the scores."""
    decimals = max((len(f.raw.split(".")[1].rstrip("分 ")) if "." in f.raw else 0) for f in figs)
    return Decimal(5) * Decimal(10) ** (-decimals - 1)


def _sums(r: Reading, n: int) -> list[CheckFinding]:
    """Item scores after 其中/分别 against the total score before it."""
    s = r.sentences[n]
    scores = [f for f in r.figures(n) if f.kind == "score" and not f.approx]
    if len(scores) < 3:
        return []
    found = []
    for m in _BREAKDOWN.finditer(s.text):
        before = [f for f in scores if f.end <= m.start()]
        if not before:
            continue
        total = before[-1]
        if not _TOTAL_LABEL.search(label_before(s.text, total.start)):
            continue
        nxt = _BREAKDOWN.search(s.text, m.end())
        limit = nxt.start() if nxt else len(s.text)
        items = [
            f
            for f in scores
            if m.end() <= f.start < limit and not _MAX_LABEL.search(label_before(s.text, f.start))
        ]
        if len(items) < 2:
            continue
        labels = [label_before(s.text, f.start) for f in items]
        dims = sum(1 for d in _DIMENSIONS if any(d in lb for lb in labels))
        full = sum((f.value for f in items), Decimal(0))
        written = [total, *items]
        tol = _half_unit(written) * max(1, sum(1 for f in written if "." in f.raw))
        if full > total.value + tol:
            verdict = "exceed"
        elif dims >= 3 and full < total.value - tol:
            verdict = "fall short of"
        else:
            continue
        found.append(
            make_finding(
                r.doc,
                kind=KIND,
                rule="score_sum",
                severity=70,
                explanation=(
                    f"the item scores {' + '.join(f.raw for f in items)} = {full.normalize():f}分 "
                    f"{verdict} the total score {total.raw} by {abs(full - total.value).normalize():f}分 "
                    f"(rounding allows {tol.normalize():f}分)"
                ),
                spans=[Span(s.start + total.start, s.start + total.end)]
                + [Span(s.start + f.start, s.start + f.end) for f in items],
            )
        )
    return found


def _over_max(r: Reading, n: int) -> list[CheckFinding]:
    """A score above its own maximum: "分值10分，得分12分", "得分12分（分值10分）"."""
    s = r.sentences[n]
    folded = fold_digits(s.text)
    found = []
    for m in _MAX_THEN_SCORE.finditer(folded):
        if _MAX_LABEL.search(m.group("gap")):
            continue
        found += _over(r, s.start, m, top=1, got=3)
    for m in _SCORE_THEN_MAX.finditer(folded):
        found += _over(r, s.start, m, top=2, got=1)
    return found


def _over(r: Reading, offset: int, m: re.Match[str], *, top: int, got: int) -> list[CheckFinding]:
    """One score_over_max finding when group ``got`` exceeds group ``top``."""
    maximum, score = Decimal(m.group(top)), Decimal(m.group(got))
    if score <= maximum:
        return []
    return [
        make_finding(
            r.doc,
            kind=KIND,
            rule="score_over_max",
            severity=75,
            explanation=f"a score of {score}分 exceeds its maximum (分值) of {maximum}分",
            spans=[
                Span(offset + m.start(got), offset + m.end(got)),
                Span(offset + m.start(top), offset + m.end(top)),
            ],
        )
    ]


def check_scoring(r: Reading) -> list[CheckFinding]:
    """Score sums and scores above their maximum, in closed sentences."""
    found: list[CheckFinding] = []
    for n in r.with_digits():
        text = r.sentences[n].text
        if "分" not in text:
            continue
        if _BREAKDOWN.search(text):
            found += _sums(r, n)
        if _MAX_LABEL.search(text):
            found += _over_max(r, n)
    return found
