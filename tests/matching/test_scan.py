"""Scan behaviour on hand-written reports and on a small generated corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from matching_helpers import make, report

from reportaudit.matching.corpus import IndexedDoc
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.scan import ReuseIndex, scan

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.corpusgen import generate
from benchmarks.evaluate import evaluate

DEV_2021 = (
    "2021年，受疫情影响部分采购合同签订滞后，示范项目建设进度较计划推迟两个月，"
    "下一步将提前启动招标程序并按月通报执行进度，确保资金及时发挥效益。"
)
GOAL = (
    "全年完成示范点改造十二处，带动周边群众参与文体活动三千余人次，"
    "设施使用率和群众满意度均达到年初设定的绩效目标。"
)


def _fresh(tag: str) -> str:
    """Text unrelated to every other test paragraph (distinct characters per tag)."""
    words = {"a": "甲乙丙丁戊己庚辛", "b": "子丑寅卯辰巳午未", "c": "东南西北上下左右"}[tag]
    return "".join(words[(i * 5 + j) % 8] for i in range(9) for j in range(7)) + "。"


def test_same_unit_across_years_with_stale_year() -> None:
    old = make("r1", "示例县文化馆", 2021, report(2021, DEV_2021, GOAL))
    new = make("r2", "示例县文化馆", 2022, report(2022, DEV_2021, _fresh("a")))
    res = scan([old, new], workers=1)
    reuse = [f for f in res.findings if f.kind == "reuse"]
    stale = [f for f in res.findings if f.kind == "stale_year"]
    dev = [f for f in reuse if f.a.section_type == "deviation"]
    assert len(dev) == 1
    assert dev[0].relation == "same_unit_across_years"
    assert dev[0].a.revision == "r1" and dev[0].b.revision == "r2"
    assert "identical" in dev[0].explanation
    assert len(stale) == 1 and "2021" in stale[0].explanation
    assert stale[0].id != dev[0].id and stale[0].severity >= dev[0].severity


def test_year_updated_copy_is_not_stale_but_explained() -> None:
    old = make("r1", "示例县文化馆", 2021, report(2021, DEV_2021, GOAL))
    new = make("r2", "示例县文化馆", 2022, report(2022, DEV_2021.replace("2021", "2022"), GOAL))
    res = scan([old, new], workers=1)
    assert not [f for f in res.findings if f.kind == "stale_year"]
    dev = next(f for f in res.findings if f.a.section_type == "deviation")
    assert "except the year (2021→2022)" in dev.explanation
    assert dev.similarity == 1.0


def test_deviation_ranks_above_basic_info_and_long_above_short() -> None:
    body = report(2021, DEV_2021, GOAL)
    a = make("r1", "甲单位", 2021, body)
    b = make("r2", "乙单位", 2021, body)
    res = scan([a, b], workers=1)
    by_type = {f.a.section_type: f for f in res.findings}
    assert by_type["deviation"].severity > by_type["process"].severity
    assert by_type["deviation"].severity > by_type["basic_info"].severity
    assert by_type["deviation"].relation == "across_units_same_year"


def test_light_edits_still_match_with_exact_spans() -> None:
    edited = DEV_2021.replace("部分采购合同", "部分政府采购合同").replace("两个月", "约两月")
    edited = edited.replace("，确保资金", "，进一步加强统筹调度，确保资金")
    a = make("r1", "甲单位", 2021, report(2021, DEV_2021, _fresh("a")))
    b = make("r2", "乙单位", 2021, report(2021, edited, _fresh("b")))
    res = scan([a, b], workers=1)
    dev = [f for f in res.findings if f.a.section_type == "deviation"]
    assert len(dev) == 1
    f = dev[0]
    assert 0.8 <= f.similarity < 1.0
    assert f.b.text.startswith("2021年，受疫情影响") and f.b.text.endswith("发挥效益")
    assert b.load().text[f.b.start : f.b.end] == f.b.text


def test_unrelated_reports_share_nothing() -> None:
    a = make("r1", "甲单位", 2021, report(2021, _fresh("a"), _fresh("b"), "甲"))
    b = make("r2", "乙单位", 2021, report(2021, _fresh("c"), GOAL, "乙"))
    res = scan([a, b], workers=1)
    assert not [f for f in res.findings if "deviation" in (f.a.section_type, f.b.section_type)]


def test_citations_do_not_count_as_reuse() -> None:
    cites = "依据《中华人民共和国预算法实施条例》《项目支出绩效评价管理办法》和甘财绩〔2021〕15号文件精神"
    a = make("r1", "甲单位", 2021, report(2021, cites + "开展工作。", _fresh("a")))
    b = make("r2", "乙单位", 2021, report(2021, cites + "组织实施。", _fresh("b")))
    res = scan([a, b], workers=1)
    hit = [f for f in res.findings if "预算法" in f.a.text]
    assert hit and hit[0].citation_chars >= 0.8 * hit[0].chars
    assert "citation" in hit[0].explanation
    summary = {s.revision: s for s in res.summaries}["r2"]
    mine = sum(f.chars for f in res.findings if "r2" in (f.a.revision, f.b.revision))
    assert summary.covered <= mine - hit[0].citation_chars


def test_accepted_phrases_make_template() -> None:
    body = report(2021, DEV_2021, _fresh("a"))
    docs = [make("r1", "甲单位", 2021, body), make("r2", "乙单位", 2021, body)]
    plain = scan(docs, workers=1)
    assert not any(f.template for f in plain.findings if f.a.section_type == "deviation")
    phrase = "受疫情影响部分采购合同签订滞后"
    res = scan(docs, params=ReuseParams(accepted_phrases=(phrase,)), workers=1)
    dev = [f for f in res.findings if f.a.section_type == "deviation"]
    assert dev and all(f.template for f in dev)
    assert max(f.severity for f in dev) < min(
        f.severity for f in plain.findings if f.a.section_type == "deviation"
    )
    s = {x.revision: x for x in res.summaries}["r2"]
    assert s.share_excluding_template < s.share


@pytest.fixture(scope="module")
def small_corpus() -> tuple[list[IndexedDoc], dict]:
    reps = list(generate(70, seed=11))
    docs = [IndexedDoc(r.name, r.unit, r.year, r.kind, r.name, r.document) for r in reps]
    truth = {"planted": [p for r in reps[:69] for p in r.planted]}
    return docs, truth


def test_generated_corpus_quality(small_corpus: tuple[list[IndexedDoc], dict]) -> None:
    docs, truth = small_corpus
    res = scan(docs[:69], workers=1)
    q = evaluate(res, truth, {d.revision: d.revision for d in docs})
    assert q["planted"] > 50
    assert q["recall"] >= 0.95 and q["precision"] >= 0.95, q
    assert res.params == ReuseParams()
    # widespread template sentences are grouped into a few large template families
    big = [f for f in res.families if f.template and len(f.occurrences) >= 10]
    assert big and all(f.severity <= 20 for f in big)


def test_rescan_ids_stable_and_incremental_check(
    small_corpus: tuple[list[IndexedDoc], dict],
) -> None:
    docs, _ = small_corpus
    full = scan(docs, workers=1)
    again = scan(list(reversed(docs)), workers=2)
    assert [f.to_dict() for f in full.findings] == [f.to_dict() for f in again.findings]
    copied = [
        f.b.revision for f in full.findings if not f.template and f.relation != "within_report"
    ]
    last = max(copied)
    target = next(d for d in docs if d.revision == last)
    index = ReuseIndex([d for d in docs if d is not target], workers=1)
    inc = index.check(target)
    want = {f.id for f in full.findings if not f.template and last in (f.a.revision, f.b.revision)}
    got = {f.id for f in inc.findings if not f.template}
    assert want and want <= got
    assert all(last in (f.a.revision, f.b.revision) for f in inc.findings)


def test_a_scanned_revision_sharing_nothing_has_a_zero_summary() -> None:
    """Every scanned revision gets a summary: 0 % when nothing of it is found elsewhere."""
    docs = [
        make("1", "甲单位", 2022, report(2022, DEV_2021, GOAL)),
        make("2", "乙单位", 2022, report(2022, DEV_2021, "乙单位全年完成业务培训九期。")),
        make("3", "丙单位", 2022, "一、基本情况\n" + _fresh("c") + "\n"),
    ]
    result = scan(docs, params=ReuseParams(), workers=1)
    shares = {s.revision: s for s in result.summaries}
    assert set(shares) == {"1", "2", "3"}
    assert shares["3"].share == 0.0 and shares["3"].chars > 0 and shares["3"].top_sources == ()
    assert shares["1"].share > 0 and shares["2"].share > 0
    # an incremental check reports the checked revision, even when it shares nothing
    ix = ReuseIndex(docs[:2], params=ReuseParams(), workers=1)
    alone = ix.check(docs[2])
    assert [s.revision for s in alone.summaries] == ["3"] and alone.summaries[0].share == 0.0
