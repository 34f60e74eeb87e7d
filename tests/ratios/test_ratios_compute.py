"""The 复制比 computation on hand-built findings: unions, within vs cross, citations,
template, sources and sections."""

from __future__ import annotations

import pytest

from reportaudit.ratios import ReusedSpan, compute, spans_by_revision
from reportaudit.ratios.chars import count_chars
from reportaudit.structure import parse

TEN = "甲乙丙丁戊己庚辛壬癸"


def _finding(a: tuple[str, int, int], b: tuple[str, int, int], template: bool = False) -> dict:
    """A stored finding's shape, reduced to what the computation reads."""
    side = lambda s: {"revision": s[0], "start": s[1], "end": s[2]}  # noqa: E731
    return {"a": side(a), "b": side(b), "template": template}


def test_what_counts_as_a_character() -> None:
    # CJK, letters, each digit and symbols count; blanks and punctuation do not
    assert count_chars("资金 100.5万元，ＡＢ￥。\n\t“”《》") == 2 + 4 + 2 + 2 + 1
    assert count_chars("") == 0


def test_overlapping_findings_count_each_character_once() -> None:
    text = TEN * 2
    spans = spans_by_revision(
        [_finding(("1", 0, 5), ("2", 0, 5)), _finding(("1", 3, 8), ("3", 10, 15))]
    )
    r = compute("1", text, spans["1"])
    assert r.chars == 20
    assert r.reused_chars == 8  # [0, 8), not 5 + 5
    assert r.figures.count("cross") == 8 and r.figures.count("within") == 0
    assert r.figures.ratio("total") == pytest.approx(0.4)
    # per source, and the largest single source
    assert [(s.revision, s.chars) for s in r.sources] == [("2", 5), ("3", 5)]
    assert r.max_source is not None and r.max_source.revision == "2"
    assert r.max_single_ratio == pytest.approx(0.25)


def test_within_counts_the_later_occurrence_only() -> None:
    text = TEN + "，" + TEN + "。" + TEN
    # a family of three places: pairs (0,11) (0,22) (11,22)
    items = [
        _finding(("1", 0, 10), ("1", 11, 21)),
        _finding(("1", 22, 32), ("1", 0, 10)),  # the later one may come first in a finding
        _finding(("1", 11, 21), ("1", 22, 32)),
    ]
    r = compute("1", text, spans_by_revision(items)["1"])
    assert r.chars == 30
    assert r.figures.count("within") == 20  # two repeats of ten characters, not three
    assert r.figures.count("cross") == 0 and r.reused_chars == 20
    assert r.sources == () and r.max_single_ratio == 0.0


def test_within_and_cross_on_the_same_characters_count_once_in_total() -> None:
    text = TEN * 3
    items = [_finding(("1", 0, 10), ("1", 10, 20)), _finding(("1", 5, 15), ("9", 0, 10))]
    r = compute("1", text, spans_by_revision(items)["1"])
    assert r.figures.count("within") == 10  # [10, 20)
    assert r.figures.count("cross") == 10  # [5, 15)
    assert r.reused_chars == 15  # [5, 20): union, not 20


def test_citations_are_left_out_of_the_no_citation_variant() -> None:
    text = "根据《预算法》和财预〔2020〕10号文件执行"
    r = compute("1", text, [ReusedSpan("1", 0, len(text), "2")])
    assert r.chars == count_chars(text) == 2 + 3 + 1 + 2 + 4 + 2 + 1 + 4
    assert r.citation_chars == 3 + 2 + 4 + 2 + 1  # 预算法, 财预 2020 10 号
    assert r.figures.count("total", "no_citations") == r.chars - r.citation_chars
    assert r.figures.count("cross", "no_citations") == r.chars - r.citation_chars
    assert r.figures.count("total", "no_template") == r.chars


def test_template_findings_are_left_out_of_the_no_template_variant() -> None:
    text = TEN * 2
    items = [
        _finding(("1", 0, 10), ("2", 0, 10), template=True),
        _finding(("1", 5, 12), ("3", 0, 7)),  # a real copy overlapping template text
        _finding(("1", 12, 20), ("1", 0, 8), template=True),
    ]
    r = compute("1", text, spans_by_revision(items)["1"])
    assert r.reused_chars == 20
    assert r.figures.count("total", "no_template") == 7  # only [5, 12) is not template
    assert r.figures.count("within", "no_template") == 0
    assert r.figures.count("within") == 8
    src = {s.revision: (s.chars, s.chars_no_template) for s in r.sources}
    assert src == {"2": (10, 0), "3": (7, 7)}


def test_spans_of_other_revisions_and_out_of_range_are_ignored() -> None:
    text = TEN
    spans = [ReusedSpan("2", 0, 10, "1"), ReusedSpan("1", 8, 99, "3"), ReusedSpan("1", 5, 5, "3")]
    r = compute("1", text, spans)
    assert r.reused_chars == 2


def test_empty_text_has_zero_ratios() -> None:
    r = compute("1", "", [ReusedSpan("1", 0, 4, "2")])
    assert r.chars == 0 and r.figures.ratio("total") == 0.0 and r.max_single_ratio == 0.0


def test_sections_by_heading_and_by_type() -> None:
    body = "本单位严格执行预算管理制度，资金使用规范。"
    dev = "受疫情影响部分项目进度滞后，下一步将加快实施进度。"
    text = (
        "示例县文化馆2023年度部门整体支出绩效自评报告\n"
        f"一、基本情况\n{body}\n"
        f"二、偏离绩效目标的原因和下一步改进措施\n（一）原因分析\n{dev}\n（二）改进措施\n{dev}\n"
    )
    doc = parse(text)
    first = text.index(dev)
    second = text.index(dev, first + 1)
    spans = spans_by_revision(
        [_finding(("1", first, first + len(dev)), ("1", second, second + len(dev)))]
    )
    r = compute("1", text, spans["1"], document=doc)
    by_heading = {s.heading: s.figures for s in r.sections if s.index}
    dev_chars = count_chars(dev)
    top = next(h for h in by_heading if h.startswith("二、"))
    assert by_heading[top].count("within") == dev_chars  # the section includes its children
    assert by_heading["（二）改进措施"].count("within") == dev_chars
    assert by_heading["（一）原因分析"].count("within") == 0
    assert by_heading["一、基本情况"].count("total") == 0
    # sections of depth 1 and the preamble partition the text
    parts = [s.figures.chars for s in r.sections if s.depth <= 1]
    assert sum(parts) == r.chars
    # per type: every character in exactly one type
    types = {t.section_type: t.figures for t in r.types}
    assert sum(t.chars for t in types.values()) == r.chars
    assert types["deviation"].count("within") == dev_chars
    assert sum(t.count("total") for t in types.values()) == r.reused_chars
