"""Large and table-shaped inputs: pairing stays cheap, and a limit hit is reported.

Why: table-form reports put every cell line in one section, so a section can hold
thousands of passages; all-against-all comparison must not be the normal path, and when it
is cut short the diff must say so rather than silently show worse pairs.
"""

from __future__ import annotations

import pytest

from reportaudit.diff import align_paragraphs, apply_ops, check_ops, diff_documents
from reportaudit.structure import parse

HEAD = "某单位\n2022年度项目支出绩效自评表\n一、项目支出明细\n"


def table(rows: list[str]) -> str:
    return HEAD + "\n".join(rows) + "\n"


def test_table_with_every_figure_changed_pairs_row_by_row() -> None:
    rows = [f"第{k}号项目经费\t{k * 3 + 1}.5万元\t{50 + k % 50}%" for k in range(400)]
    later = [r.replace(".5万元", ".8万元") for r in rows]
    a, b = table(rows), table(later)
    d = diff_documents(parse(a), parse(b))
    assert apply_ops(a, d) == b
    s = d.summary
    assert (s.paragraphs_changed, s.paragraphs_added, s.paragraphs_removed) == (400, 0, 0)
    assert s.figure_changes == 400 and d.degraded == ()
    quiet = diff_documents(parse(a), parse(b), ignore_numbers=True)
    assert quiet.summary.paragraphs_changed == 0


def test_comparison_limit_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(align_paragraphs, "MAX_CELLS", 10)
    monkeypatch.setattr(align_paragraphs, "BAND", 2)
    rows = [f"第{k}项工作：按照计划推进，完成阶段任务。" for k in range(12)]
    edited = [r.replace("推进", "稳步推进") for r in rows]
    a, b = table(rows), table(edited)
    d = diff_documents(parse(a), parse(b))
    assert apply_ops(a, d) == b and check_ops(a, b, d.ops) == []
    assert any("comparison limit" in note for note in d.degraded)
    assert d.summary.paragraphs_changed == 12  # the band still finds the neighbours


def test_no_limit_note_below_the_limit() -> None:
    rows = [f"第{k}项工作：按照计划推进，完成阶段任务。" for k in range(12)]
    edited = [r.replace("推进", "稳步推进") for r in rows]
    d = diff_documents(parse(table(rows)), parse(table(edited)))
    assert d.degraded == ()
    assert d.summary.paragraphs_changed == 12


def test_time_budget_is_reported() -> None:
    """With no budget left every changed pair is diffed coarsely, exactly, and said so."""
    rows = [
        "".join(f"第{k}{i}项工作按计划推进，投入{i}万元；" for i in range(150)) for k in range(3)
    ]
    edited = [r.replace("按计划推进", "基本按计划推进") for r in rows]
    a, b = table(rows), table(edited)
    d = diff_documents(parse(a), parse(b), budget=0.0)
    assert apply_ops(a, d) == b and check_ops(a, b, d.ops) == []
    assert any("time budget" in note for note in d.degraded)
    assert diff_documents(parse(a), parse(b)).degraded == ()
