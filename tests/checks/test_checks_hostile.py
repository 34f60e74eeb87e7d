"""Document text is untrusted: pathological input must neither hang the checks nor break
the findings (offsets stay inside the text, explanations stay one line)."""

from __future__ import annotations

import time

import pytest
from checks_helpers import FIXTURES, check_file, check_text

H = "某局\n2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
CASES = {
    "many amounts, brackets and years": H
    + "1万元，" * 10000
    + "其中"
    + "（" * 5000
    + "2022年" * 1000,
    "many 其中": H + "（1万元，其中" * 5000,
    "many short lists": H + ("（1万元，其中2人，" * 100 + "。\n") * 200,
    "one line repeated": H
    + "文物保护专项经费9.21万元，文物保护专项经费9.81万元，执行率96%，差异率5%，自评得分88分，等级为优，"
    * 1000,
    "many headings": "某局\n2023年度部门整体支出绩效自评报告\n" + "一、部门基本情况\n" * 1000,
}


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_text_is_checked_quickly(name: str) -> None:
    """Hostile text is checked in bounded time and yields well-formed findings."""
    started = time.perf_counter()
    doc, findings = check_text(CASES[name], other_units=[f"第{i}县财政局" for i in range(3000)])
    assert time.perf_counter() - started < 5
    for f in findings:
        assert all(0 <= s.start < s.end <= len(doc.text) for s in f.spans)
        assert "\n" not in f.explanation


def test_hostile_fixture_produces_no_findings_and_no_markup_in_explanations() -> None:
    """The hostile fixture is a consistent report: payloads are not findings."""
    _doc, findings = check_file(
        FIXTURES / "hostile" / "hostile.txt", other_units=["河湾市生态环境局"]
    )
    assert findings == []
