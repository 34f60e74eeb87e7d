"""Broken documents: Word field errors, numbering that skips or repeats, lost markers."""

from __future__ import annotations

import pytest
from checks_helpers import check_text, described

HEAD = "青川县农业农村局\n2023年度部门整体支出绩效自评报告\n\n"


def broken(body: str) -> set[tuple[str, str, str]]:
    """The broken-document findings of a report with ``body``."""
    doc, findings = check_text(HEAD + body, kinds=["broken"])
    return described(doc, findings)


@pytest.mark.parametrize(
    "error",
    [
        "错误！未定义书签。",
        "错误!未找到引用源。",
        "Error! Bookmark not defined.",
        "错误！超链接引用无效。",
    ],
)
def test_field_errors(error: str) -> None:
    """Word's field error messages (Chinese and English) are found where they stand."""
    assert broken(f"一、部门基本情况\n详见第三部分{error}全年工作完成。\n") == {
        ("broken", "field_error", error)
    }


def test_clean_numbering_is_silent() -> None:
    """Consecutive numbering at every level is not reported."""
    body = "一、部门基本情况\n（一）职能\n负责。\n（二）人员\n在编50人。\n二、绩效自评工作开展情况\n1.组织\n成立小组。\n2.范围\n全部项目。\n三、预算执行情况\n执行良好。\n"
    assert broken(body) == set()


def test_skip_repeat_and_restart() -> None:
    """A skipped or repeated number is reported at the heading after the gap."""
    skip = "一、部门基本情况\n负责。\n二、绩效自评工作开展情况\n开展。\n四、预算执行情况\n执行。\n"
    assert broken(skip) == {("broken", "numbering_skip", "四、预算执行情况")}
    repeat = (
        "一、部门基本情况\n负责。\n二、绩效自评工作开展情况\n开展。\n二、预算执行情况\n执行。\n"
    )
    assert broken(repeat) == {("broken", "numbering_repeat", "二、预算执行情况")}
    nested = "一、部门基本情况\n（一）职能\n负责。\n（二）人员\n在编。\n二、绩效自评工作开展情况\n（一）组织\n成立。\n（三）范围\n全部。\n"
    assert broken(nested) == {("broken", "numbering_skip", "（三）范围")}


def test_marker_run_into_a_paragraph_is_not_a_skip() -> None:
    """A marker that lost only its line break is not a skip."""
    body = "一、部门基本情况\n负责。\n二、绩效自评工作开展情况\n开展自评。三、预算执行情况：全年执行良好。\n四、存在的问题\n无。\n"
    assert broken(body) == set()


def test_lost_markers_one_finding_per_run() -> None:
    """A run of markers lost in conversion is one finding with one span each."""
    body = "一、部门基本情况\n1.项目绩效目标\n(甲项目。完成培训10次。\n(乙项目。完成检查5次。\n③丙项目。完成宣传3次。\n"
    doc, findings = check_text(HEAD + body, kinds=["broken"])
    assert [(f.rule, len(f.spans)) for f in findings] == [("marker_lost", 2)]
    assert all(s.text(doc.text).startswith("(") for s in findings[0].spans)


def test_attachment_lists_are_not_numbering() -> None:
    """Attachment lists number freely ("附件：1.…" then "3.…")."""
    body = "一、部门基本情况\n负责。\n附件：1.整体支出绩效自评表\n3.项目支出绩效自评表\n"
    assert broken(body) == set()
