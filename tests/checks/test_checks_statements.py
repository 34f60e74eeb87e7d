"""Figure statements read as a reader reads them, on passages shaped like the ones that went
wrong on real reports nobody here had seen (issue 13), written anew with other figures — and
a large set of passages that look like problems but are not.

Each passage is a minimal report around one statement, so a test fails for one reason.
"""

from __future__ import annotations

import pytest
from checks_helpers import check_text, described, report

from reportaudit.checks import CheckFinding
from reportaudit.structure import Document


def found(body: str, **kw: object) -> tuple[Document, list[CheckFinding]]:
    """Parse a report around ``body`` and run every check."""
    return check_text(report(body), **kw)


def rules(body: str) -> set[tuple[str, str, str]]:
    """(kind, rule, anchor text) of the findings of ``body``."""
    doc, findings = found(body)
    return described(doc, findings)


# --- the passages of issue 13, rewritten -------------------------------------------------


def test_budget_and_final_pairs_per_line_are_not_parts() -> None:
    """预算数/决算数 of each line after a 其中 are columns of a table, not parts of the
    change before them (which is Σ决算 − Σ预算, consistent here)."""
    body = (
        "一、部门决算情况\n与上年相比，本年支出增加了项目经费412.50万元，其中：田块整治预算数为"
        "305.20万元，决算数为398.75万元，差异率为30.65%；灌排改造预算数为950万元，决算数为"
        "1268.95万元，差异率为33.57%。"
    )
    assert rules(body) == set()


def test_spending_after_a_breakdown_is_not_a_part() -> None:
    """The parts of a budget stop at the spending stated after them; the real slip (the two
    budget lines exceed the budget) is what the finding says."""
    _doc, findings = found(
        "一、部门决算情况\n当年各级预算共1876.40万元，其中：省级预算安排1502.15万元，市级预算"
        "安排406万元；当年支出1655.32万元，执行率88.22%。"
    )
    assert [f.rule for f in findings] == ["sum_mismatch"]
    why = findings[0].explanation
    assert "1502.15万元 + 406万元 = 1908.15万元 exceed the stated total 1876.40万元" in why
    assert "1655.32" not in why and "rounding" in why


@pytest.mark.parametrize("sep", ["，", "。"])
def test_execution_rate_against_an_appropriation(sep: str) -> None:
    """执行率 = 支出 / 拨款 when the budget is called 拨款, in one sentence or two."""
    doc, findings = found(
        f"一、部门决算情况\n当年财政拨款412.86万元{sep}全年支出150.27万元，执行率37.63%。"
    )
    assert [f.rule for f in findings] == ["execution_rate"]
    assert "150.27万元 / 412.86万元 = 36.40%" in findings[0].explanation
    assert [s.text(doc.text) for s in findings[0].spans] == ["412.86万元", "150.27万元", "37.63%"]


def test_rate_against_funds_received() -> None:
    """到位资金 is a budget too: 执行率 = 支出 / 到位资金."""
    assert rules(
        "一、部门决算情况\n项目到位资金80.00万元，实际支出72.00万元，资金执行率95.00%。"
    ) == {("arithmetic", "execution_rate", "95.00%")}


def test_per_line_triples_check_each_line_on_its_own() -> None:
    """年初 / 调整后 / 实际 per line: the rate of each line against either budget of that line."""
    ok = (
        "一、部门决算情况\n东坪片区年初预算200万元，调整后预算240万元，实际支出228万元，执行率95%；"
        "西河片区年初预算100万元，调整后预算80万元，实际支出76万元，执行率95%。"
    )
    assert rules(ok) == set()
    wrong = ok.replace("实际支出76万元，执行率95%", "实际支出76万元，执行率98%")
    assert rules(wrong) == {("arithmetic", "execution_rate", "98%")}


def test_difference_rate_per_line() -> None:
    """差异率 is checked against the two figures of its own line."""
    body = (
        "一、部门决算情况\n其中：人员经费预算数为120.00万元，决算数为132.00万元，差异率为10.00%；"
        "公用经费预算数为40.00万元，决算数为36.00万元，差异率为12.00%。"
    )
    doc, findings = found(body)
    assert described(doc, findings) == {("arithmetic", "difference_rate", "12.00%")}
    assert "|36.00万元 − 40.00万元| / 40.00万元 = 10.00%" in findings[0].explanation


def test_completion_against_budget() -> None:
    """ "完成预算的X%" is a rate of the spending stated before it."""
    assert rules("一、部门决算情况\n全年预算数为400万元，执行数为380万元，完成预算的90%。") == {
        ("arithmetic", "execution_rate", "90%")
    }


# --- counts stated against the items listed ----------------------------------------------


def test_count_stated_against_items_listed() -> None:
    """ "有4个项目结果为“优”，分别是…" naming three is a finding; the right count is not."""
    wrong = "一、部门基本情况\n通过自评，有4个项目结果为“优”，分别是春耕补助、农机购置补贴、种业发展资金。"
    doc, findings = found(wrong)
    assert described(doc, findings) == {("arithmetic", "count_listed", "4个")}
    assert "lists 3" in findings[0].explanation and "春耕补助" in findings[0].explanation
    assert rules(wrong.replace("有4个", "有3个")) == set()
    assert rules("一、部门基本情况\n单位包括办公室、财务股、业务股3个股室。") == set()
    assert rules("一、部门基本情况\n单位包括办公室、财务股、业务股4个股室。") == {
        ("arithmetic", "count_listed", "4个")
    }


@pytest.mark.parametrize(
    "body",
    [
        "内设5个科室，分别是办公室、人事科、规划科、共青团和妇联工作科、信息科。",  # 和 inside a name
        "涉及3个乡镇，分别是东坪镇、西河乡和北岭镇。",  # 和 joining the last two
        "共实施6个项目，包括田块整治、灌排改造、田间道路等。",  # 等: an open list
        "纳入决算的单位共10个，分别是：",  # the list follows as lines
        "共有3个项目，分别是甲项目、乙项目，涉及资金50万元。",  # cut at a comma: more may follow
    ],
)
def test_counts_that_agree_or_cannot_be_counted(body: str) -> None:
    """Lists that agree with their count, or whose end is open, say nothing."""
    assert rules("一、部门基本情况\n" + body) == set()


# --- the scoring sheet ---------------------------------------------------------------------


def test_item_scores_add_up_to_the_total() -> None:
    """分项得分之和 = 总分: more is always reported, less only for a complete list."""
    ok = "一、自评结论\n项目自评得分93.5分，其中：决策14分、过程18.5分、产出38分、效益23分。"
    assert rules(ok) == set()
    more = ok.replace("效益23分", "效益25分")
    doc, findings = found(more)
    assert described(doc, findings) == {("score_grade", "score_sum", "93.5分")}
    assert "= 95.5分 exceed the total score 93.5分 by 2分" in findings[0].explanation
    less = ok.replace("效益23分", "效益21分")
    assert rules(less) == {("score_grade", "score_sum", "93.5分")}
    partial = "一、自评结论\n项目自评得分93.5分，其中：产出38分、效益23分。"
    assert rules(partial) == set()  # two dimensions only: the list is not complete


def test_score_within_its_maximum() -> None:
    """得分 ≤ 分值, whichever order they are written in."""
    assert rules("一、自评结论\n满意度指标分值10分，得分9.5分。") == set()
    assert rules("一、自评结论\n满意度指标分值10分，得分12分。") == {
        ("score_grade", "score_over_max", "12")
    }
    assert rules("一、自评结论\n满意度指标得分12分（分值10分）。") == {
        ("score_grade", "score_over_max", "12")
    }


# --- passages that look like problems but are not ----------------------------------------

LOOK_ALIKES = [
    # consistent sums, with rounding
    "部门预算收入69.06万元，其中年初预算57.28万元，调整追加11.78万元。",
    "支出100.00万元，其中甲33.33万元，乙33.33万元，丙33.33万元。",
    "本年支出7,993.51万元。基本支出1,747.16万元，项目支出6,246.35万元。",
    "项目资金133.71万元，其中县级资金79.21万元（统战6万元，宗教73.21万元），上级专项54.5万元。",
    # rates within rounding, truncated, or the capped convention
    "全年预算2179万元，截至年底已拨付2113.63万元，执行率97%。",
    "下达资金10441万元，实际执行9265.35万元，项目执行率88.74%。",
    "基本支出预算1576.26万元，实际支出1747.16万元，支出率100%（伙食补助未纳入基本预算）。",
    "预算安排30万元，截至12月31日共执行30万元，预算执行率100%。",
    "举办宣传活动3次，支出1.73万元，指标完成率100%。",
    "资金到位率100%，项目完成率100%。",
    "人员经费1587.5万元，占基本支出89.9%；其中工资福利支出1457万元。",
    # other years legitimately named
    "与2022年相比，本年支出增加12.30万元。",
    "根据《关于开展2023年度绩效自评工作的通知》要求，我局开展了自评。",
    "2022年结转资金15.00万元已于本年全部支出。",
    "截至2022年底，累计建成高标准农田1.2万亩。",
    # scores and grades at the band edges
    "项目自评得分90分，自评等级为“优”。",
    "项目自评得分89.5分，自评等级为“良”。",
    "总分值为100分，自评分为100分。",
]


@pytest.mark.parametrize("body", LOOK_ALIKES)
def test_look_alikes_are_silent(body: str) -> None:
    """Consistent figures, rates within rounding, legitimate years: no finding."""
    assert rules("一、部门决算情况\n" + body) == set()


def test_none_under_other_matters_and_cited_rules_are_not_findings() -> None:
    """无 under 其他需要说明的问题 is an answer; a numbered list of cited rules is a list."""
    body = (
        "一、部门基本情况\n负责全县档案工作。\n二、评价依据\n1.《中华人民共和国预算法》\n"
        "2.《项目支出绩效评价管理办法》（财预〔2020〕10号）\n3.《松林县档案馆财务管理制度》\n"
        "三、存在的问题\n数字化进度偏慢。\n四、其他需要说明的问题\n无。\n"
    )
    assert {r for _, r, _ in rules(body)} <= {"missing_section"}


def test_lists_and_tables_of_contents_are_not_empty_headings() -> None:
    """Units listed as (1)(2)… after a colon, and the entries of a 目录, are not headings."""
    body = (
        "一、部门基本情况\n纳入决算编报的单位共3个，分别是：\n(1)松林县人民政府\n(2)松林县人大\n"
        "(3)松林县财政所\n二、存在的问题\n数字化进度偏慢。\n"
    )
    assert not any(r == "heading_only" for _, r, _ in rules(body))
    toc = (
        "目 录\n一、部门概况\n（一）机构设置\n二、评价结论\n三、存在的问题\n"
        "一、部门概况\n（一）机构设置\n内设3个股室。\n二、评价结论\n评价等级为良。\n"
        "三、存在的问题\n数字化进度偏慢。\n"
    )
    assert {r for _, r, _ in rules(toc)} <= {"missing_section"}


@pytest.mark.parametrize(
    "tail",
    [
        "当年各级预算共1876.40万元，其中：省级预算安排1502.15万元，市级预算安排406",
        "当年财政拨款412.86万元，全年支出150.27万元，执行率37.6",
        "有4个项目结果为“优”，分别是春耕补助、农机购置补贴、种业",
        "（三）部门资金来源及使用情况",
        "对本局2022年度部门整体支出进行了绩效",
    ],
)
def test_a_statement_cut_off_at_the_end_of_an_opening_is_never_read(tail: str) -> None:
    """Openings stop mid-sentence: the cut statement (and the outline) says nothing."""
    text = (
        "松林县测试局\n2023年度部门整体支出绩效自评报告\n\n一、部门基本情况\n负责全县工作。\n"
        + tail
    )
    doc, findings = check_text(text)
    assert described(doc, findings) == set()
