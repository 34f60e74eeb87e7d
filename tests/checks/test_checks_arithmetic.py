"""Arithmetic checks: sums, one budget line with two amounts, 执行率, 差异率.

Mutation tests change one figure of a consistent fixture and expect exactly that slip; the
unchanged fixture must stay silent, so none of these can pass by accident.
"""

from __future__ import annotations

import pytest
from checks_helpers import FIXTURES, check_text, described, report

KINDS = ["arithmetic"]
R1 = (FIXTURES / "reports" / "qingchuan_agri_2023_r1.txt").read_text(encoding="utf-8")


def rules(text: str) -> set[tuple[str, str, str]]:
    """The arithmetic findings of ``text`` as (kind, rule, anchor text)."""
    doc, findings = check_text(text, kinds=KINDS)
    return described(doc, findings)


def test_consistent_fixture_is_silent() -> None:
    """The unchanged fixture adds up: anything reported would be a false alarm."""
    assert rules(R1) == set()


def test_part_retyped_so_parts_exceed_total() -> None:
    """One part retyped larger: the 其中 parts now exceed the stated income."""
    got = rules(R1.replace("政府性基金预算拨款252.30万元", "政府性基金预算拨款292.30万元"))
    assert got == {("arithmetic", "sum_mismatch", "3,012.45万元")}


def test_complete_pair_short_of_total_after_sentence_break() -> None:
    """基本支出 + 项目支出 is complete, so falling short of the total counts too."""
    # "…支出2,916.62万元，…。其中基本支出…，项目支出…": 基本 + 项目 is a complete pair.
    got = rules(R1.replace("项目支出1,811.25万元", "项目支出1,801.25万元"))
    assert got == {("arithmetic", "sum_mismatch", "2,916.62万元")}


def test_rate_against_budget_stated_in_an_earlier_paragraph() -> None:
    """The rate is checked against the income stated a paragraph earlier."""
    got = rules(R1.replace("预算执行率96.82%", "预算执行率97.82%"))
    _doc, findings = check_text(R1.replace("预算执行率96.82%", "预算执行率97.82%"), kinds=KINDS)
    assert [f.rule for f in findings] == ["execution_rate"]
    assert "96.82%" in findings[0].explanation and got


@pytest.mark.parametrize(
    "stated,flagged",
    [("96.82%", False), ("96.81%", False), ("96.8%", False), ("96.7%", True), ("96.90%", True)],
)
def test_rate_rounding_and_truncation_accepted(stated: str, flagged: bool) -> None:
    """Rounded and truncated rates pass; a rate off by more than its rounding does not."""
    _doc, findings = check_text(R1.replace("96.82%", stated), kinds=KINDS)
    assert bool(findings) is flagged


def test_incomplete_qizhong_list_is_not_reported_short() -> None:
    """A 其中 list may name only some parts: short is not an error."""
    text = report(
        "一、部门基本情况\n全年支出100.00万元，其中人员经费60.00万元，公用经费10.00万元。"
    )
    assert rules(text) == set()


def test_full_width_digits_and_mixed_magnitudes() -> None:
    """Full-width digits, 亿元 against 万元 and 元 amounts are read and compared."""
    text = report("一、部门基本情况\n预算收入５００万元，其中甲项目３００万元，乙项目２５０万元。")
    assert rules(text) == {("arithmetic", "sum_mismatch", "５００万元")}
    mixed = report(
        "一、部门基本情况\n项目总投资1.2亿元，其中中央资金8,000万元，地方资金5,000万元。"
    )
    assert rules(mixed) == {("arithmetic", "sum_mismatch", "1.2亿元")}
    ok = report("一、部门基本情况\n项目总投资1.2亿元，其中中央资金8,000万元，地方资金4,000万元。")
    assert rules(ok) == set()
    yuan = report("一、部门基本情况\n支出合计12,500元，其中印刷费8,000元，邮电费4,000元。")
    assert rules(yuan) == set()  # 12,000 < 12,500 and the list is not known to be complete


def test_unparseable_or_approximate_amounts_say_nothing() -> None:
    """A check that cannot know the number says nothing."""
    assert rules(report("一、部门基本情况\n收入100多万元，其中甲80万元，乙40万元。")) == set()
    assert rules(report("一、部门基本情况\n收入若干万元，其中甲八十万元，乙四十万元。")) == set()


def test_parts_within_rounding_agree() -> None:
    """Rounded parts may miss the total by their rounding, not by more."""
    # 33.33 + 33.33 + 33.33 = 99.99 against 100.00: within three half-cents of 万元
    assert (
        rules(
            report("一、部门基本情况\n支出100.00万元，其中甲33.33万元，乙33.33万元，丙33.33万元。")
        )
        == set()
    )
    assert rules(
        report("一、部门基本情况\n支出100.00万元，其中甲33.33万元，乙33.33万元，丙34.33万元。")
    ) == {("arithmetic", "sum_mismatch", "100.00万元")}


def test_change_amounts_are_not_parts() -> None:
    """A change against last year is not a part of this year's total."""
    text = report("一、部门基本情况\n支出100.00万元，其中甲60.00万元，较上年增加50.00万元。")
    assert rules(text) == set()


def test_detail_of_a_part_is_not_another_part() -> None:
    """What a part is "used for" details that part; it is not one more part."""
    text = report(
        "一、部门基本情况\n支出100.00万元，其中人员经费60.00万元，公用经费30.00万元，用于购置设备20.00万元。"
    )
    assert rules(text) == set()


def test_ambiguous_or_nested_lists_say_nothing() -> None:
    """When the text leaves open what the parts belong to, nothing is reported."""
    # parts of the budget or of the (unstated) spending? not reported short
    rate_between = report(
        "一、部门基本情况\n预算100.00万元，执行率95%，其中基本支出60.00万元，项目支出35.00万元。"
    )
    assert rules(rate_between) == set()
    nested = report(
        "一、部门基本情况\n收入100.00万元，其中财政拨款80.00万元，包括甲项目50.00万元、乙项目30.00万元，"
        "其他收入20.00万元。"
    )
    assert rules(nested) == set()


def test_heji_after_parts() -> None:
    """ "A, B, 合计X": the parts before 合计 must add up to it."""
    bad = report("一、部门基本情况\n甲经费20.00万元，乙经费35.00万元，合计65.00万元。")
    assert rules(bad) == {("arithmetic", "sum_mismatch", "65.00万元")}
    assert rules(bad.replace("65.00", "55.00")) == set()


def test_same_line_two_amounts_one_digit_apart() -> None:
    """One line typed as 9.21 and 9.81 is found; other levels or other sums are not."""
    text = report(
        "一、部门基本情况\n县级安排档案数字化专项经费9.21万元。\n二、绩效自评工作开展情况\n"
        "县级年初预算档案数字化专项经费9.81万元。"
    )
    doc, findings = check_text(text, kinds=KINDS)
    assert [(f.rule, [s.text(doc.text) for s in f.spans]) for f in findings] == [
        ("line_two_amounts", ["9.21万元", "9.81万元"])
    ]
    # different levels, or a different amount that is not a typing slip: not reported
    assert rules(text.replace("县级年初", "省级年初")) == set()
    assert rules(text.replace("9.81万元", "19.50万元")) == set()


def test_difference_rate() -> None:
    """差异率 must match the two amounts it is stated with (either sign)."""
    ok = report("一、部门基本情况\n预算数200.00万元，决算数180.00万元，差异率10%。")
    assert rules(ok) == set()
    assert rules(ok.replace("差异率10%", "差异率-10%")) == set()
    assert rules(ok.replace("差异率10%", "差异率12%")) == {
        ("arithmetic", "difference_rate", "差异率12%"[3:])
    }


def test_headcounts_exceeding_their_total() -> None:
    """Counts add up like money, but only listed parts and only when they exceed."""
    text = report(
        "一、部门基本情况\n年末共有干部职工56人，其中地级干部9人，县级干部5人，科级干部17人，"
        "科员12人，工勤6人，聘用人员7人。"
    )
    assert rules(text) == set()  # 56 exactly
    assert rules(text.replace("县级干部5人", "县级干部15人")) == {
        ("arithmetic", "sum_mismatch", "56人")
    }
    # an incomplete list of people is not reported short; counted objects are not parts
    assert rules(text.replace("县级干部5人，", "")) == set()
    objects = report(
        "一、部门基本情况\n全年开展培训3次，其中为全县8个支部开展培训2次，为4个社区开展培训1次。"
    )
    assert rules(objects) == set()


def test_shares_of_the_total() -> None:
    """占X% must be the part over the 其中 total."""
    r2021 = (FIXTURES / "reports" / "qingchuan_agri_2021.txt").read_text(encoding="utf-8")
    assert rules(r2021) == set()
    assert rules(r2021.replace("占36.90%", "占39.60%")) == {("arithmetic", "share", "39.60%")}
    edu = (FIXTURES / "reports" / "yunling_edu_2022.txt").read_text(encoding="utf-8")
    assert rules(edu) == set()
    assert rules(edu.replace("占74.75%", "占75.74%")) == {("arithmetic", "share", "75.74%")}
