"""Golden tests on small reports written for these tests (tests/diff/fixtures/).

center_2021_v1 -> v2 was edited by hand in known ways: one new section (三、资金管理情况,
which renumbers four later headings), two figure changes (745.3万元 → 800万元, 100% →
93.85%), the two paragraphs of 预算执行情况 swapped, one word of prose (主要 → 分管), and
one reworded heading (（二）效益指标 → （二）效益指标完成情况). center_2022 is next year's
report: only figures changed. The assertions below restate those edits; the JSON snapshot
guards the exported structure (regenerate with REPORTAUDIT_UPDATE_GOLDEN=1 after review).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reportaudit.diff import DocumentDiff, apply_ops, check_ops, diff_documents, diff_texts
from reportaudit.diff.render_json import diff_to_dict
from reportaudit.structure import parse

HERE = Path(__file__).parent
FIX = HERE / "fixtures"
GOLDEN = HERE / "golden"


def load(name: str) -> str:
    return (FIX / name).read_text(encoding="utf-8")


def diff_of(a: str, b: str, **kw) -> DocumentDiff:
    ta, tb = load(a), load(b)
    d = diff_documents(parse(ta), parse(tb), **kw)
    assert apply_ops(ta, d) == tb
    assert check_ops(ta, tb, d.ops) == []
    return d


@pytest.fixture(scope="module")
def revision() -> DocumentDiff:
    return diff_of("center_2021_v1.txt", "center_2021_v2.txt")


def test_revision_summary(revision: DocumentDiff) -> None:
    s = revision.summary
    assert (s.sections_added, s.sections_removed, s.sections_moved) == (1, 0, 0)
    assert s.sections_renumbered == 4  # 三四五六 -> 四五六七
    assert s.sections_changed == 3  # prose edit, figures + swap, reworded heading
    assert (s.paragraphs_added, s.paragraphs_changed, s.paragraphs_moved) == (1, 2, 1)
    assert revision.degraded == ()


def test_revision_figures(revision: DocumentDiff) -> None:
    got = [(f.section, f.kind, f.a_raw, f.b_raw) for f in revision.figures]
    assert got == [
        ("四、预算执行情况", "amount", "745.3万元", "800万元"),
        ("四、预算执行情况", "percent", "100%", "93.85%"),
    ]
    ta, tb = load("center_2021_v1.txt"), load("center_2021_v2.txt")
    for f in revision.figures:
        assert ta[f.a_start : f.a_end] == f.a_raw
        assert tb[f.b_start : f.b_end] == f.b_raw


def test_revision_pairs_renumbered_and_reworded_headings(revision: DocumentDiff) -> None:
    by_b = {sp.b_path: sp for sp in revision.sections if sp.b_path}
    assert by_b["四、预算执行情况"].a_path == "三、预算执行情况"
    reworded = by_b["五、绩效目标完成情况 › （二）效益指标完成情况"]
    assert reworded.a_path == "四、绩效目标完成情况 › （二）效益指标"
    assert reworded.status == "changed"
    assert by_b["七、其他需要说明的问题"].status == "same"
    assert by_b["三、资金管理情况"].status == "added"


def test_revision_prose_change_is_one_word(revision: DocumentDiff) -> None:
    sp = next(sp for sp in revision.sections if sp.b_path == "二、绩效自评工作开展情况")
    changed = [pp for pp in sp.paragraphs if pp.status == "changed"]
    assert len(changed) == 1
    edits = [(op.kind, op.text) for op in changed[0].ops if op.kind != "equal"]
    assert edits == [("delete", "主要"), ("insert", "分管")]


def test_revision_move(revision: DocumentDiff) -> None:
    assert len(revision.moves) == 1
    mv = revision.moves[0]
    assert (mv.kind, mv.a_section, mv.b_section, mv.edited) in {
        ("paragraph", "三、预算执行情况", "四、预算执行情况", False),
        ("paragraph", "三、预算执行情况", "四、预算执行情况", True),
    }
    ta, tb = load("center_2021_v1.txt"), load("center_2021_v2.txt")
    moved_ops = [op for op in revision.ops if op.move == 0]
    assert moved_ops and all(
        ta[op.a_start : op.a_end] == op.text for op in moved_ops if op.kind != "insert"
    )
    assert tb[mv.b_start : mv.b_end].strip() in ta


def test_year_over_year_only_figures() -> None:
    d = diff_of("center_2021_v1.txt", "center_2022.txt")
    pairs = {(f.a_raw, f.b_raw) for f in d.figures}
    assert {
        ("745.3万元", "812.4万元"),
        ("745.3万元", "790.1万元"),
        ("100%", "97.25%"),
        ("2021年12月31日", "2022年12月31日"),
        ("12场次", "15场次"),
        ("860人次", "920人次"),
        ("95%", "96%"),
        ("32人", "30人"),
        ("18人", "19人"),
    } <= pairs
    assert ("100%", "100%") not in pairs  # the unchanged 完成率100% is not listed
    quiet = diff_of("center_2021_v1.txt", "center_2022.txt", ignore_numbers=True)
    assert quiet.summary.sections_changed == 0
    assert quiet.summary.paragraphs_changed == 0
    assert d.summary.sections_changed > 0


def test_json_snapshot(revision: DocumentDiff) -> None:
    data = diff_to_dict(revision, a_label="v1", b_label="v2")
    path = GOLDEN / "center_2021_v1_v2.json"
    if os.environ.get("REPORTAUDIT_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert data == json.loads(path.read_text(encoding="utf-8"))


def test_diff_texts_is_diff_documents_of_parses() -> None:
    ta, tb = load("center_2021_v1.txt"), load("center_2021_v2.txt")
    assert diff_texts(ta, tb) == diff_documents(parse(ta), parse(tb))
