"""Stale year: labelled sentences in a 2023 report, measured for precision and recall.

The negatives are the legitimate ways a 2023 report names 2022 (carry-overs, comparisons,
cited documents, history, ranges, dates); every one must stay silent. The positives must
all be found. ``KNOWN_MISSES`` are stale sentences the check deliberately does not flag
(too close to legitimate wording); they are strict xfails, so catching one is noticed.
"""

from __future__ import annotations

import pytest
from checks_helpers import check_text, described, report

POSITIVES = [
    ("我单位对本单位2022年度部门整体支出进行了绩效自评。", "evaluated_year"),
    ("我局对2022年度纳入预算管理的项目支出开展绩效自评，覆盖全部项目。", "evaluated_year"),
    ("按照通知要求，开展2022年度部门整体支出绩效自评工作。", "evaluated_year"),
    ("2022年项目资金实际使用共计120.00万元。", "spending_year"),
    ("2022年度部门预算执行情况良好，执行率98%。", "spending_year"),
    ("截至2022年12月31日，项目资金支出95.00万元，执行率95%。", "cutoff_year"),
    ("２０２２年项目资金实际使用共计120.00万元。", "spending_year"),  # full-width digits
    ("整理相关资料，撰写2022年度绩效自评工作总结。", "evaluated_year"),
]

NEGATIVES = [
    "根据《关于开展2022年度绩效自评工作的通知》要求，我局及时部署。",
    "2022年结转资金30.00万元已在本年度全部支出。",
    "与2022年相比，全年支出增长5%。",
    "较2022年度执行率提高2个百分点。",
    "项目于2022年12月启动建设，已完工验收。",
    "自2021年以来累计投入300万元。",
    "2022年实施的部分工程存在尾款未付问题。",
    "全县实施2022—2024年三年行动计划。",
    "依据（永财发〔2022〕5号）文件精神开展工作。",
    "2022年度绩效自评发现的问题已全部整改到位。",
    "截至2022年底，全县已建成集中供水工程126处。",
    "本报告于2024年2月20日报送县财政局。",
    "对2022年度自评中发现的问题进行了整改。",
    "2022年项目资金实际使用情况详见上年度报告。",
    "2022年度的预算执行率为96%，2023年度为98%。",
    "省财政厅2022年下达的资金在本年度使用完毕。",
    "对2023年度部门整体支出进行了绩效自评。",
    "2023年项目资金实际使用共计120.00万元。",
    "2019年对全县水利设施进行了全面普查评价。",  # beyond max_years_back (3)
    "已按要求报送2022年度绩效自评报告并在门户网站公开。",  # last year's report, sent last year
    "本报告参照2022年度自评报告的格式编写。",
]

KNOWN_MISSES = [
    "2022年，我局认真落实各项惠农政策，全年支出保持平稳。",  # "2022年，" opens much legit history too
    "全年共完成2022年度项目支出120.00万元。",
]


def stale(sentence: str) -> set[tuple[str, str, str]]:
    """The stale-year findings of one sentence in a 2023 report."""
    doc, findings = check_text(
        report(f"一、部门基本情况\n{sentence}", year=2023), kinds=["stale_year"]
    )
    return described(doc, findings)


@pytest.mark.parametrize(("sentence", "rule"), POSITIVES)
def test_positive_sentences_are_found(sentence: str, rule: str) -> None:
    """Each stale sentence is found, at the earlier year."""
    got = stale(sentence)
    assert len(got) == 1
    ((kind, got_rule, text),) = got
    assert (kind, got_rule) == ("stale_year", rule)
    assert text.startswith(("2022", "２０２２"))


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_legitimate_mentions_stay_silent(sentence: str) -> None:
    """Each legitimate mention of an earlier year stays silent."""
    assert stale(sentence) == set()


@pytest.mark.parametrize("sentence", KNOWN_MISSES)
@pytest.mark.xfail(strict=True, reason="known miss: preferred to flooding the list")
def test_known_misses(sentence: str) -> None:
    """Stale sentences deliberately not flagged (strict xfail: catching one is news)."""
    assert stale(sentence)


def test_precision_and_recall_on_the_labelled_set() -> None:
    """Precision 1.0 and the stated recall on the labelled sentences."""
    positives = [s for s, _ in POSITIVES] + KNOWN_MISSES
    tp = sum(bool(stale(s)) for s in positives)
    fp = sum(bool(stale(s)) for s in NEGATIVES)
    assert fp == 0  # precision 1.0
    assert tp == len(POSITIVES)  # recall = 8 / 10 on this set (the two known misses)


def test_headings_count_and_no_year_means_no_finding() -> None:
    """Headings are read too; without a report year nothing is said."""
    text = report("一、部门基本情况\n（一）2022年度预算拨付情况\n全年拨付到位。", year=2023)
    doc, findings = check_text(text, kinds=["stale_year"])
    assert described(doc, findings) == {("stale_year", "spending_year", "2022年度")}
    undated = "松林县测试局\n部门整体支出绩效自评报告\n\n一、部门基本情况\n对2022年度部门整体支出进行了绩效自评。\n"
    from reportaudit.checks import default_config
    from reportaudit.checks.reading import Reading
    from reportaudit.checks.stale_year import check_stale_year
    from reportaudit.structure import parse

    assert check_stale_year(Reading(parse(undated)), year=None, config=default_config()) == []
