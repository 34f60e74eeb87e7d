"""Score and grade: a stated self-evaluation score must fall in the band of its stated grade.

Why: "自评得分88.5分，自评等级为“优”" is what a half-updated copy looks like (the score was
changed, the grade was not). The bands (优 >= 90, 良 80-90, 中 60-80, 差 < 60 by default)
come from the configurable table in ``checks.toml``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from reportaudit.checks.config import CheckConfig
from reportaudit.checks.model import CheckFinding, Span, make_finding
from reportaudit.checks.reading import Reading
from reportaudit.figures import fold_digits

KIND = "score_grade"

# "自评得分95", "综合得分：88.5分", "得分为90分"; not "得分率", not "加权平均得分" of items
# (those are scores too, so they are included: the grade next to them must still agree).
_SCORE = re.compile(
    r"(?:自评|综合|总|评价|最终)?(?:得分|评分|总分)(?:为|是|：|:)?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分?(?![\d.%％])"
)
_GRADE = re.compile(
    r"(?:自评|评价|绩效|综合)?(?:结果|等级|等次|评级|级别)(?:均)?(?:为|是|：|:|评定为|定为)?\s*"
    r"[“\"「『‘]?(优秀|良好|中等|合格|不合格|较差|一般|优|良|中|差)[”\"」』’]?(?:等级|等次|级)?"
)
_WINDOW = 40
# "得分90分以上的为优", "低于60分为差": a band being described, not a score being given.
_RANGE_AFTER = re.compile(
    r"\s*(?:分)?\s*(?:及|或)?(?:以上|以下|以内|以外|至|到|[-—~～]|之间|（含）|\(含\))"
)
_PARTIAL = re.compile(r"满分|分值|权重|占比")
_RANGE_BEFORE = re.compile(
    r"(?:低于|高于|不足|超过|不低于|不高于|达到|满)\s*$"
)  # the grade must follow the score closely (same sentence, within this many chars)


def check_score_grade(r: Reading, *, config: CheckConfig) -> list[CheckFinding]:
    """Findings where a score and the grade stated right after it disagree with the bands.

    Why "right after": a paragraph can give an item's score and then the overall grade; only
    a grade in the same sentence, within a few words of the score, belongs to it.
    """
    found = []
    doc = r.doc
    for n in r.with_digits():
        s = r.sentences[n]
        if "分" not in s.text:
            continue
        folded = fold_digits(s.text)
        if _PARTIAL.search(folded):
            continue  # an indicator's score out of its own weight, not the 100-point total
        for m in _SCORE.finditer(folded):
            try:
                score = Decimal(m.group(1))
            except InvalidOperation:
                continue
            if _RANGE_AFTER.match(folded, m.end(1)) or _RANGE_BEFORE.search(folded, 0, m.start(1)):
                continue
            g = _GRADE.search(folded, m.end(), min(len(folded), m.end() + _WINDOW))
            if g is None or _SCORE.search(folded, m.end(), g.start()):
                continue
            stated = config.grade_named(g.group(1))
            expected = config.band_for(score)
            if stated is None or expected is None or stated.grade == expected.grade:
                continue
            hi = "" if expected.high >= 1000 else f" and below {expected.high}"
            found.append(
                make_finding(
                    doc,
                    kind=KIND,
                    rule="grade_band",
                    severity=85,
                    explanation=(
                        f"score {score} belongs to grade “{expected.grade}” "
                        f"(≥ {expected.low}{hi}), but the report states “{g.group(1)}”"
                    ),
                    spans=[
                        Span(s.start + m.start(1), s.start + m.end(1)),
                        Span(s.start + g.start(1), s.start + g.end(1)),
                    ],
                )
            )
    return found
