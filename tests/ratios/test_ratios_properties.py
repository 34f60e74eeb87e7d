"""Invariants of the 复制比 indices on random texts and findings (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reportaudit.ratios import SCOPES, VARIANTS, ReusedSpan, compute
from reportaudit.ratios.chars import counted_mask

ALPHABET = "甲乙丙丁戊己庚辛壬癸0123456789，。 \n《》〔〕号财预ab、"


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, list[ReusedSpan]]:
    """A text and spans over it (some overlapping, some beyond its end)."""
    text = draw(st.text(alphabet=ALPHABET, max_size=120))
    n = len(text) + 5
    spans = []
    for _ in range(draw(st.integers(0, 12))):
        s = draw(st.integers(0, n))
        e = draw(st.integers(s, n))
        other = draw(st.sampled_from(["1", "2", "3"]))
        spans.append(ReusedSpan("1", s, e, other, draw(st.booleans())))
    return text, spans


def _covered(text: str, spans: list[ReusedSpan]) -> int:
    """Counted characters in the union of the spans, by brute force."""
    mask = counted_mask(text)
    hit = {i for sp in spans for i in range(sp.start, min(sp.end, len(text))) if mask[i]}
    return len(hit)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_bounds_variants_and_union(case: tuple[str, list[ReusedSpan]]) -> None:
    text, spans = case
    r = compute("1", text, spans)
    f = r.figures
    for scope in SCOPES:
        for v in VARIANTS:
            assert 0 <= f.count(scope, v) <= f.chars == r.chars
            assert 0.0 <= f.ratio(scope, v) <= 1.0
        # removing citations or template never adds characters
        assert f.count(scope, "no_citations") <= f.count(scope)
        assert f.count(scope, "no_template") <= f.count(scope)
        assert f.count(scope, "no_citations_no_template") <= min(
            f.count(scope, "no_citations"), f.count(scope, "no_template")
        )
    # total is the union of cross and within: at least each, at most their sum
    assert max(f.count("cross"), f.count("within")) <= f.count("total")
    assert f.count("total") <= f.count("cross") + f.count("within")
    # union, not sum: exactly the brute-force union of every span
    assert r.reused_chars == _covered(text, spans)
    assert f.count("within") == _covered(text, [s for s in spans if s.within])
    assert f.count("total", "no_template") == _covered(text, [s for s in spans if not s.template])
    assert f.count("total") - f.count("total", "no_citations") <= r.citation_chars
    # the largest single source is at most the cross-report share
    assert r.max_single_ratio <= f.ratio("cross") + 1e-12
    for s in r.sources:
        assert s.chars_no_template <= s.chars <= f.count("cross")


DOC_TEXT = (
    "示例县文化馆2023年度部门整体支出绩效自评报告\n"
    "一、基本情况\n（一）部门职能\n负责全县群众文化活动，《公共文化服务保障法》规定的职责。\n"
    "（二）机构设置\n内设办公室、活动部。\n"
    "二、偏离绩效目标的原因和下一步改进措施\n受疫情影响部分活动延期，财预〔2020〕10号要求加快进度。\n"
    "三、其他需要说明的问题\n无。\n"
)


@st.composite
def doc_spans(draw: st.DrawFn) -> list[ReusedSpan]:
    """Spans over DOC_TEXT."""
    n = len(DOC_TEXT)
    out = []
    for _ in range(draw(st.integers(0, 8))):
        s = draw(st.integers(0, n))
        e = draw(st.integers(s, n))
        out.append(ReusedSpan("1", s, e, draw(st.sampled_from(["1", "2"])), draw(st.booleans())))
    return out


@settings(max_examples=150, deadline=None)
@given(doc_spans())
def test_sections_and_types_partition_the_report(spans: list[ReusedSpan]) -> None:
    from reportaudit.structure import parse

    doc = parse(DOC_TEXT)
    assert len(doc.sections) > 4
    r = compute("1", DOC_TEXT, spans, document=doc)
    top = [s.figures for s in r.sections if s.depth <= 1]
    for scope in SCOPES:
        for v in VARIANTS:
            want = r.figures.count(scope, v)
            assert sum(t.figures.count(scope, v) for t in r.types) == want
            assert sum(b.count(scope, v) for b in top) == want
    assert sum(t.figures.chars for t in r.types) == r.chars == sum(b.chars for b in top)
    for s in r.sections:  # a section holds its subsections
        kids = [c.figures for c in r.sections if doc.sections[c.index].parent == s.index]
        if s.index:
            assert sum(k.chars for k in kids) <= s.figures.chars
            assert sum(k.count("total") for k in kids) <= s.figures.count("total")
