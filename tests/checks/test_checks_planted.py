"""The planted fixture: every planted problem is found, and nothing else (fixtures/checks/README.md)."""

from __future__ import annotations

from checks_helpers import FIXTURES, check_file, described

from reportaudit.checks import run_checks
from reportaudit.metadata import infer
from reportaudit.services.derive import derive

OTHER_UNITS = ("河湾市生态环境局", "青川县农业农村局", "云岭区教育局", "松林县水务局")

PLANTED = {
    ("placeholder", "filler_only", "同上。"),
    ("placeholder", "repeated_section", "（三）机构设置及人员情况"),
    ("arithmetic", "sum_mismatch", "40人"),
    ("stale_year", "evaluated_year", "2022年度"),
    ("foreign_name", "subject", "河湾市生态环境局"),
    ("arithmetic", "sum_mismatch", "500.00万元"),
    ("arithmetic", "execution_rate", "98.00%"),
    ("arithmetic", "sum_mismatch", "480.00万元"),
    ("arithmetic", "share", "60.00%"),
    ("stale_year", "spending_year", "2022年"),
    ("arithmetic", "line_two_amounts", "12.45万元"),
    ("arithmetic", "difference_rate", "15%"),
    ("broken", "marker_lost", "("),
    ("broken", "field_error", "错误！未定义书签。"),
    ("broken", "numbering_skip", "（四）自评结论"),
    ("score_grade", "grade_band", "86"),
    ("placeholder", "heading_only", "（五）满意度指标完成情况"),
    (
        "placeholder",
        "template_instruction",
        "主要包括本部门绩效目标设定、指标完成及资金使用等情况。",
    ),
    ("broken", "numbering_skip", "七、其他需要说明的问题"),
    ("placeholder", "missing_section", "松林县文化广电和旅游局\n2023年度部门整体支出绩效自评报告"),
}


def test_every_planted_problem_is_found_and_nothing_else() -> None:
    """Recall and precision 1.0 on the planted fixture."""
    doc, findings = check_file(FIXTURES / "checks" / "planted_2023.txt", other_units=OTHER_UNITS)
    assert described(doc, findings) == PLANTED
    assert len(findings) == len(PLANTED)


def test_findings_carry_spans_sections_and_one_line_explanations() -> None:
    """Every finding is well-formed and in document order."""
    doc, findings = check_file(FIXTURES / "checks" / "planted_2023.txt", other_units=OTHER_UNITS)
    for f in findings:
        assert f.spans and all(0 <= s.start < s.end <= len(doc.text) for s in f.spans)
        assert "\n" not in f.explanation and f.explanation
        assert 0 <= f.severity <= 100
        assert f.section is not None and doc.sections[f.section].canonical == f.section_type
    starts = [f.start for f in findings]
    assert starts == sorted(starts)


def test_arithmetic_finding_points_at_total_and_parts() -> None:
    """A sum finding spans the total and each part it added."""
    doc, findings = check_file(
        FIXTURES / "checks" / "planted_2023.txt", other_units=OTHER_UNITS, kinds=["arithmetic"]
    )
    exceed = next(f for f in findings if f.anchor and f.anchor.text(doc.text) == "500.00万元")
    assert [s.text(doc.text) for s in exceed.spans] == ["500.00万元", "420.00万元", "90.00万元"]
    assert "10万元" in exceed.explanation
    assert {f.kind for f in findings} == {"arithmetic"}


def test_clean_fixture_and_shared_fixtures_produce_nothing(fixtures_dir) -> None:
    """False alarms count as failures: 16 consistent reports stay silent."""
    files = [
        fixtures_dir / "checks" / "clean_2023.txt",
        *sorted((fixtures_dir / "reports").iterdir()),
        fixtures_dir / "hostile" / "hostile.txt",
    ]
    docs = [(p.name, derive(p.read_bytes(), p.name)[1]) for p in files]
    units = [infer(doc).unit for _, doc in docs] + list(OTHER_UNITS)
    assert len(set(units)) >= 10  # every report sees many foreign names it must not flag
    false_alarms = []
    for name, doc in docs:
        findings = run_checks(doc, meta=infer(doc), other_units=units)
        false_alarms += [(name, *t) for t in described(doc, findings)]
    assert false_alarms == []


PLANTED_PROJECT = {
    ("arithmetic", "count_listed", "4个"),
    ("arithmetic", "sum_mismatch", "860.40万元"),
    ("arithmetic", "execution_rate", "56.32%"),
    ("arithmetic", "difference_rate", "35.57%"),
    ("score_grade", "score_sum", "92分"),
    ("score_grade", "score_over_max", "42"),
}


def test_planted_project_report_each_kind_with_its_figures() -> None:
    """The project fixture: each planted kind is found, with the right figures and arithmetic
    in its explanation, and none of its look-alikes (fixtures/checks/README.md)."""
    doc, findings = check_file(FIXTURES / "checks" / "planted_project_2023.txt")
    assert described(doc, findings) == PLANTED_PROJECT
    why = {f.rule: f.explanation for f in findings}
    assert "states 4个 but lists 3" in why["count_listed"]
    assert (
        "602.15万元 + 276万元 = 878.15万元 exceed the stated total 860.40万元 by 17.75万元"
        in (why["sum_mismatch"])
    )
    assert "812.50" not in why["sum_mismatch"]  # the spending after the breakdown is no part
    assert "150.27万元 / 276万元 = 54.45%" in why["execution_rate"]
    assert "between" in why["execution_rate"]  # the rounding tolerance is stated
    assert "|1268.95万元 − 950万元| / 950万元 = 33.57%" in why["difference_rate"]
    assert "15分 + 18分 + 38分 + 24分 = 95分 exceed the total score 92分 by 3分" in why["score_sum"]
    assert "42分 exceeds its maximum (分值) of 40分" in why["score_over_max"]


def test_tableform_third_party_evaluation_is_silent() -> None:
    """A third-party evaluation in table form (score table, 目录 with page numbers, a list
    of cited rules, no 自评/结果应用 sections) has nothing to report."""
    doc, findings = check_file(FIXTURES / "checks" / "tableform_eval_2022.txt")
    assert described(doc, findings) == set()
