"""Foreign names: another unit's name as this report's subject, title or signature — and
never for partners, authorities, the unit's own name or shortened generic names."""

from __future__ import annotations

import re

import pytest
from checks_helpers import check_text, described
from hypothesis import given, settings
from hypothesis import strategies as st

from reportaudit.checks.foreign_names import _trie_pattern

OTHERS = ("河湾市生态环境局", "中共青川县委组织部", "青川县财政局")


def own_report(body: str, *, signature: str = "松林县水务局") -> str:
    """A report of 松林县水务局 with ``body`` under its first heading and a signature."""
    return f"松林县水务局\n2023年度部门整体支出绩效自评报告\n\n一、部门基本情况\n{body}\n\n{signature}\n2024年2月1日\n"


def foreign(text: str) -> set[tuple[str, str, str]]:
    """The foreign-name findings of ``text`` against the other units."""
    doc, findings = check_text(text, other_units=OTHERS, kinds=["foreign_name"])
    return described(doc, findings)


@pytest.mark.parametrize(
    "body",
    [
        "河湾市生态环境局高度重视绩效自评工作，成立了领导小组。",
        "河湾市生态环境局2023年度部门整体支出自评得分92分。",
        "青川县委组织部内设6个科室。",  # without the leading 中共
        "全年，河湾市生态环境局严格按照预算管理要求组织实施。",
    ],
)
def test_subject_of_own_work_is_found(body: str) -> None:
    """Another unit doing this report's own work is reported."""
    got = foreign(own_report(body))
    assert len(got) == 1 and next(iter(got))[:2] == ("foreign_name", "subject")


@pytest.mark.parametrize(
    "body",
    [
        "我局会同河湾市生态环境局对跨界河道开展联合核查。",
        "根据青川县财政局的通知要求，我局及时部署自评工作。",
        "自评结果已报送青川县财政局。",
        "配合河湾市生态环境局做好水质监测工作。",
        "县财政局高度重视，组织各部门开展自评。",  # shortened name: never matched
        "松林县水务局高度重视绩效自评工作。",  # the report's own unit
        "在青川县财政局指导下完成自评。",
        "青川县财政局对我局2023年度项目支出开展了重点评价。",  # acting on this unit
    ],
)
def test_partners_authorities_and_own_name_are_silent(body: str) -> None:
    """Partners, authorities, shortened names and the own unit are not findings."""
    assert foreign(own_report(body)) == set()


def test_title_block_and_signature() -> None:
    """Another unit in the title lines or the signature is reported as such."""
    text = own_report("我局高度重视绩效自评工作。", signature="河湾市生态环境局")
    assert foreign(text) == {("foreign_name", "signature", "河湾市生态环境局")}
    copied = text.replace("松林县水务局\n2023年度", "河湾市生态环境局\n2023年度", 1)
    from reportaudit.checks import run_checks
    from reportaudit.metadata import Metadata
    from reportaudit.structure import parse

    doc = parse(copied)
    meta = Metadata(unit="松林县水务局", year=2023, kind="部门整体支出绩效自评报告")
    rules = {f.rule for f in run_checks(doc, meta=meta, other_units=OTHERS, kinds=["foreign_name"])}
    assert rules == {"title", "signature"}


def test_no_other_units_no_findings() -> None:
    """Without other units from the store there is nothing to compare with."""
    _doc, findings = check_text(
        own_report("河湾市生态环境局高度重视绩效自评工作。"), kinds=["foreign_name"]
    )
    assert findings == []


def test_the_same_unit_named_more_fully_is_not_foreign() -> None:
    """One unit written with and without its region is one unit."""
    text = own_report("我局高度重视绩效自评工作。", signature="甘南州松林县水务局")
    _doc, findings = check_text(text, other_units=["甘南州松林县水务局"], kinds=["foreign_name"])
    assert findings == []


def test_opening_sentence_before_the_first_heading_is_not_the_title() -> None:
    """The authority named in the opening sentence is not in the title block."""
    text = (
        "松林县水务局\n2023年度绩效自评工作总结\n\n县财政局：\n"
        "根据青川县财政局统一部署，现将自评情况报告如下：\n一、部门基本情况\n负责全县水务工作。\n"
    )
    _doc, findings = check_text(text, other_units=OTHERS, kinds=["foreign_name"])
    assert findings == []
    copied = text.replace("根据青川县财政局统一部署", "青川县财政局高度重视")
    _doc, findings = check_text(copied, other_units=OTHERS, kinds=["foreign_name"])
    assert [f.rule for f in findings] == ["subject"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="甲乙丙局县", min_size=1, max_size=5), min_size=1, max_size=12),
    st.text(alphabet="甲乙丙局县，", max_size=40),
)
def test_the_trie_finds_what_longest_first_alternation_finds(words: list[str], text: str) -> None:
    longest_first = sorted(set(words), key=len, reverse=True)
    alternation = re.compile("|".join(map(re.escape, longest_first)))
    assert re.findall(_trie_pattern(words), text) == alternation.findall(text)
