"""Placeholder sections: missing/repeated required sections, filler-only sections, headings
with nothing under them, template instructions — and 无 where 无 is the normal answer."""

from __future__ import annotations

from pathlib import Path

from checks_helpers import FIXTURES, check_text, described

from reportaudit.checks import load_config

R1 = (FIXTURES / "reports" / "qingchuan_agri_2023_r1.txt").read_text(encoding="utf-8")
HEAD = "青川县农业农村局\n2023年度部门整体支出绩效自评报告\n\n"


def placeholders(text: str, **kw: object) -> set[tuple[str, str, str]]:
    """The placeholder findings of ``text`` as (kind, rule, anchor text)."""
    doc, findings = check_text(text, kinds=["placeholder"], **kw)
    return described(doc, findings)


def test_complete_fixture_is_silent() -> None:
    """A complete report has no placeholder findings."""
    assert placeholders(R1) == set()


def test_filler_under_a_content_section_is_found_but_not_under_other() -> None:
    """暂无 under 部门职能 is a placeholder; 无 under 其他需要说明的问题 is an answer."""
    text = R1.replace(
        "按照县级机构改革方案，我局在原有农业行业管理职责基础上，新增承担农村宅基地管理和乡村建设行动牵头协调职责，负责统筹全县乡村振兴重点任务的推进落实。",
        "暂无。",
    )
    assert placeholders(text) == {("placeholder", "filler_only", "暂无。")}
    other = R1.rstrip() + "\n八、其他需要说明的问题\n无。\n"
    assert placeholders(other) == set()
    other_copied = R1.rstrip() + "\n八、其他需要说明的问题\n同上。\n"
    assert placeholders(other_copied) == {("placeholder", "filler_only", "同上。")}


def test_missing_required_section_per_kind_and_configurable(tmp_path: Path) -> None:
    """A required section missing is reported, and the outline table decides what is required."""
    start = R1.index("七、绩效自评结果拟应用和公开情况")
    end = R1.index("\n", R1.index("\n", start) + 1)
    without = R1[:start] + R1[end + 1 :]
    got = placeholders(without)
    assert {(k, r) for k, r, _ in got} == {("placeholder", "missing_section")}
    toml = tmp_path / "outline.toml"
    toml.write_text(
        '[outline]\n"部门整体支出绩效自评报告" = [["basic_info"], ["accounts"]]\n', encoding="utf-8"
    )
    assert placeholders(without, config=load_config(toml)) == set()


def test_heading_only_and_repeated_sections() -> None:
    """A heading with nothing under it and a repeated sibling title are reported."""
    text = (
        HEAD
        + "一、部门基本情况\n（一）部门职能\n负责全县农业农村工作。\n（二）部门职能\n负责全县农业农村工作。\n（三）人员情况\n二、绩效自评工作开展情况\n按要求开展。\n"
    )
    got = placeholders(text)
    assert ("placeholder", "repeated_section", "（二）部门职能") in got
    assert ("placeholder", "heading_only", "（三）人员情况") in got


def test_template_instructions() -> None:
    """The template's instruction left in place is reported; a real answer is not."""
    text = (
        HEAD
        + "一、部门基本情况\n负责全县农业农村工作。\n二、绩效自评工作开展情况\n包括本单位自评工作组织、自评范围、审核机制等情况。\n"
    )
    assert (
        "placeholder",
        "template_instruction",
        "包括本单位自评工作组织、自评范围、审核机制等情况。",
    ) in placeholders(text)
    answer = text.replace(
        "包括本单位自评工作组织、自评范围、审核机制等情况。",
        "本单位自评工作由财务股牵头，覆盖全部项目，审核机制健全。",
    )
    assert not any(r == "template_instruction" for _, r, _ in placeholders(answer))


def test_none_under_problems_is_an_answer_unless_configured(tmp_path: Path) -> None:
    """无 under 存在的问题 states there are none (an answer, by default); a table that does
    not list deviation among the answers-by-无 makes it a placeholder."""
    start = R1.index("一是部分新增职责")
    end = R1.index("\n", start)
    text = R1[:start] + "无。" + R1[end:]
    assert placeholders(text) == set()
    toml = tmp_path / "none.toml"
    toml.write_text('[placeholder]\nnone_is_answer = ["other"]\n', encoding="utf-8")
    assert placeholders(text, config=load_config(toml)) == {("placeholder", "filler_only", "无。")}


def test_each_missing_section_is_its_own_finding() -> None:
    """Several missing sections of a complete report are several findings with distinct ids."""
    text = (
        HEAD
        + "一、部门基本情况\n负责全县农业农村工作。\n（一）部门职能\n负责。\n（二）人员情况\n在编50人。\n"
        + "二、其他需要说明的问题\n无。\n\n青川县农业农村局\n2024年3月1日\n"
    )
    _doc, findings = check_text(text, kinds=["placeholder"])
    missing = [f for f in findings if f.rule == "missing_section"]
    # 部门整体支出: accounts, goals, deviation and result_use are all absent
    assert len(missing) == 4 and len({f.id for f in missing}) == 4
    assert all("no heading or table row names it" in f.explanation for f in missing)


def test_missing_sections_are_not_reported_for_a_cut_off_opening() -> None:
    """An opening that stops mid-sentence is not missing the sections it never reached."""
    text = HEAD + "一、部门基本情况\n负责全县农业农村工作。\n（一）部门职能\n负责全县农田水利建设和"
    assert placeholders(text) == set()
