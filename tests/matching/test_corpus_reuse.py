"""Reuse detection on the real reports (skipped when ../shared/corpus is absent)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reportaudit.matching.corpus import IndexedDoc
from reportaudit.matching.normalize import fold_str
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.results import ScanResult
from reportaudit.matching.scan import scan
from reportaudit.structure import parse

pytestmark = pytest.mark.corpus
ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("REPORTAUDIT_CORPUS", ROOT.parent / "shared" / "corpus"))

# Test inputs: which unit/year each real file belongs to (read off the reports' title lines).
META = {
    "000": ("兰州新区党群工作部", 2021),
    "001": ("永昌县委统战部", 2023),
    "003": ("兰州新区管委会办公室", 2021),
}


@pytest.fixture(scope="module")
def docs() -> list[IndexedDoc]:
    if not CORPUS.is_dir() or not any(CORPUS.glob("*.txt")):
        pytest.skip(f"real corpus not found at {CORPUS}")
    corpus: Path = CORPUS
    out = []
    for f in sorted(corpus.glob("*.txt")):
        if f.name[:3] in META:
            unit, year = META[f.name[:3]]
            out.append(
                IndexedDoc(f.name[:3], unit, year, "self_eval", f.name, parse(f.read_text()))
            )
    if len(out) < 3:
        pytest.skip("the three reference reports are not all present")
    return out


@pytest.fixture(scope="module")
def result(docs: list[IndexedDoc]) -> ScanResult:
    return scan(docs, workers=1)


def _doc(docs: list[IndexedDoc], rev: str) -> IndexedDoc:
    return next(d for d in docs if d.revision == rev)


def test_spans_are_exact_original_text(docs: list[IndexedDoc], result: ScanResult) -> None:
    assert result.findings
    for f in result.findings:
        for p in (f.a, f.b):
            assert _doc(docs, p.revision).load().text[p.start : p.end] == p.text


def test_repeated_deviation_paragraph_in_000(docs: list[IndexedDoc], result: ScanResult) -> None:
    doc = _doc(docs, "000").load()
    devs = [p for p in doc.paragraphs if doc.sections[p.section].canonical == "deviation"]
    assert len(devs) == 2
    hits = [
        f
        for f in result.findings
        if f.a.revision == f.b.revision == "000"
        and f.a.section_type == f.b.section_type == "deviation"
    ]
    assert len(hits) == 1
    f = hits[0]
    for p, para in zip(sorted((f.a, f.b), key=lambda x: x.start), devs, strict=True):
        assert p.start >= para.start and p.end <= para.end
        assert len(fold_str(p.text)) >= 0.9 * len(fold_str(para.text))
    assert f.relation == "within_report_across_funds"
    assert not f.template
    others = [
        x.severity
        for x in result.findings
        if {x.a.section_type, x.b.section_type}.isdisjoint({"deviation", "overall_goal"})
    ]
    assert f.severity >= 90 and f.severity > max(others)


def test_closing_sentence_of_001_is_one_family(result: ScanResult) -> None:
    key = fold_str("项目经费支出确保专款专用")
    fams = [
        fam
        for fam in result.families
        if sum(key in fold_str(p.text) and p.revision == "001" for p in fam.occurrences) >= 2
    ]
    assert len(fams) == 1
    fam = fams[0]
    closings = {p.section_path for p in fam.occurrences if key in fold_str(p.text)}
    assert len(closings) >= 7  # one per project item
    listed = [f for f in result.findings if f.family == fam.id and f.kind == "reuse"]
    assert len(listed) == len(fam.occurrences) - 1  # a spanning tree, not every pair


@pytest.mark.parametrize(
    "phrase",
    [
        "对项目支出情况、绩效指标情况、结果运用情况进行了自评",
        "强化财政预算资金管理，针对不同",
        "交办的其他任务",
    ],
)
def test_sentences_shared_by_000_and_003(result: ScanResult, phrase: str) -> None:
    key = fold_str(phrase)
    hits = [
        f
        for f in result.findings
        if {f.a.revision, f.b.revision} == {"000", "003"}
        and key in fold_str(f.a.text)
        and key in fold_str(f.b.text)
    ]
    assert hits, phrase
    assert all(f.relation == "across_units_same_year" for f in hits)


def test_shared_headings_are_template_not_copies(docs: list[IndexedDoc]) -> None:
    # Required headings are short; lower the passage floor so they are matched at all.
    res = scan(docs, params=ReuseParams(min_chars=10), workers=1)
    shared = [
        f for f in res.findings if f.a.heading and f.b.heading and f.a.revision != f.b.revision
    ]
    titles = {fold_str(f.a.text) for f in shared}
    assert fold_str("绩效自评工作组织开展情况") in titles
    assert all(f.template for f in shared), [f.a.text for f in shared if not f.template]
    # at the default floor they are not reported as copies either
    heading = fold_str("绩效自评工作组织开展情况")
    assert not [
        f
        for f in scan(docs, workers=1).findings
        if not f.template and fold_str(f.a.text) == heading
    ]


def test_json_fields_and_determinism(docs: list[IndexedDoc], result: ScanResult) -> None:
    again = scan(list(reversed(docs)), workers=1)
    a = json.dumps([f.to_dict() for f in result.findings], ensure_ascii=False, sort_keys=True)
    b = json.dumps([f.to_dict() for f in again.findings], ensure_ascii=False, sort_keys=True)
    assert a == b
    item = result.findings[0].to_dict()
    for k in (
        "id",
        "family",
        "severity",
        "relation",
        "template",
        "similarity",
        "chars",
        "explanation",
        "a",
        "b",
    ):
        assert k in item
    for k in (
        "revision",
        "report",
        "filename",
        "section_path",
        "section_type",
        "start",
        "end",
        "text",
    ):
        assert k in item["a"]
    assert set(item["a"]["report"]) == {"unit", "year", "kind"}
    assert 0 <= item["severity"] <= 100 and 0 <= item["similarity"] <= 1


def test_summary_counts_other_reports_only(result: ScanResult) -> None:
    by = {s.revision: s for s in result.summaries}
    assert by["003"].top_sources and by["003"].top_sources[0][0] == "000"
    assert 0 < by["003"].share_excluding_template <= by["003"].share < 0.5
    # 001 repeats its closing sentence many times, but only text found in other reports counts
    repeated = sum(f.chars for f in result.findings if f.a.revision == f.b.revision == "001")
    assert repeated > 300
    assert by["001"].covered < 0.2 * repeated
