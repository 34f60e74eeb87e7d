"""The facts fixtures/README.md promises still hold, and the generated files are current.

Reuse, diff and check tests elsewhere rely on these planted facts; if someone edits a fixture
without updating the README, this fails first and says which promise broke.
"""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

from reportaudit.ingest import extract

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_fixtures.py"
TEMPLATE = [
    "一、部门基本情况",
    "二、绩效自评工作开展情况",
    "三、预算执行情况",
    "四、绩效目标完成情况",
    "五、存在的问题",
    "六、偏离绩效目标的原因及下一步改进措施",
    "七、绩效自评结果拟应用和公开情况",
]


def _lines(name: str) -> list[str]:
    path = FIXTURES / name
    return extract(path.read_bytes(), path.name).text.split("\n")


def _section_body(lines: list[str], heading: str) -> list[str]:
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i] in TEMPLATE), len(lines))
    return [x for x in lines[start:end] if x.strip()]


def test_all_reports_have_the_template_headings_in_order() -> None:
    for path in sorted((FIXTURES / "reports").iterdir()):
        lines = _lines(f"reports/{path.name}")
        assert [x for x in lines if x in TEMPLATE] == TEMPLATE, path.name


def test_2023_deviation_paragraph_is_the_2022_one_with_the_year_changed() -> None:
    heading = "六、偏离绩效目标的原因及下一步改进措施"
    old = _section_body(_lines("reports/qingchuan_agri_2022.txt"), heading)
    for rev in ("r1", "r2"):
        new = _section_body(_lines(f"reports/qingchuan_agri_2023_{rev}.txt"), heading)
        assert len(old) == len(new) == 1
        assert new[0] != old[0]
        assert new[0] == old[0].replace("2022年", "2023年")


def test_one_problem_sentence_is_shared_by_two_units_and_nobody_else() -> None:
    sentence = (
        "部分绩效指标设定过于笼统，缺少可量化、可考核的评价标准，自评结果难以真实反映资金使用效益。"
    )
    holders = [
        p.name
        for p in sorted((FIXTURES / "reports").iterdir())
        if any(sentence in x for x in _lines(f"reports/{p.name}"))
    ]
    assert holders == ["hewan_eco_2023.txt", "yunling_edu_2023.txt"]
    for name in holders:
        body = _section_body(_lines(f"reports/{name}"), "五、存在的问题")
        assert any(sentence in x for x in body)


def test_closing_sentence_repeats_after_each_project_item() -> None:
    lines = _lines("reports/hewan_eco_2022.txt")
    closing = "该项目资金使用符合财务管理制度规定，未发现截留、挤占、挪用等问题。"
    positions = [i for i, x in enumerate(lines) if x == closing]
    items = [
        i for i, x in enumerate(lines) if x.startswith(("（一）", "（二）", "（三）", "（四）"))
    ]
    assert len(positions) == 4
    # each occurrence closes the item opened two lines earlier (heading, body, closing)
    assert [p - 2 for p in positions] == [i for i in items if i > lines.index(TEMPLATE[3])]


def test_r1_to_r2_changes_exactly_the_documented_lines() -> None:
    r1 = _lines("reports/qingchuan_agri_2023_r1.txt")
    r2 = _lines("reports/qingchuan_agri_2023_r2.txt")
    changed = [
        (a, b)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=r1, b=r2).get_opcodes()
        if tag != "equal"
        for a, b in zip(r1[i1:i2], r2[j1:j2], strict=True)
    ]
    assert len(changed) == 5
    assert "3,012.45" in changed[0][0] and "3,021.45" in changed[0][1]
    assert "96.82%" in changed[1][0] and "96.53%" in changed[1][1]
    assert changed[2][0].startswith("（2）社会效益") and changed[2][1].startswith("（2）社会效益")
    assert "88.5分" in changed[3][0] and "90.5分，自评等级为“优”" in changed[3][1]
    assert (changed[4][0], changed[4][1]) == ("2024年2月26日", "2024年3月8日")


def test_generated_fixtures_are_current_and_deterministic() -> None:
    spec = importlib.util.spec_from_file_location("make_fixtures", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0
