"""Figure extraction: every kind, offsets into the original text, and no false readings."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportaudit.figures import figure_at_start, find_figures, fold_digits, mask_figures


def _one(text: str):
    figs = find_figures(text)
    assert len(figs) == 1, figs
    return figs[0]


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit", "kind", "normalized"),
    [
        ("部门预算收入745.3万元，", "745.3万元", "745.3", "万元", "amount", "7453000"),
        ("支出17300元。", "17300元", "17300", "元", "amount", "17300"),
        ("总投资1.2亿元", "1.2亿元", "1.2", "亿元", "amount", "120000000"),
        ("合计1,234.50元", "1,234.50元", "1234.50", "元", "amount", "1234.50"),
        ("执行率100%", "100%", "100", "%", "percent", "100"),
        ("支出率99.6％", "99.6％", "99.6", "%", "percent", "99.6"),
        ("达到百分之95", "百分之95", "95", "%", "percent", "95"),
        ("项目7个", "7个", "7", "个", "count", "7"),
        ("宣讲5场次", "5场次", "5", "场次", "count", "5"),
        ("培训300人次", "300人次", "300", "人次", "count", "300"),
        ("惠及1万人以上", "1万人", "1", "万人", "count", "10000"),
        ("截至2021年12月31日", "2021年12月31日", "20211231", "年月日", "date", "20211231"),
        ("2021年度", "2021年", "20210000", "年", "date", "20210000"),
        ("于2022年3月完成", "2022年3月", "20220300", "年月", "date", "20220300"),
        ("12月31日前", "12月31日", "1231", "月日", "date", "1231"),
        ("截至2021.12.31", "2021.12.31", "20211231", "年月日", "date", "20211231"),
        ("资金１２３.５万元", "１２３.５万元", "123.5", "万元", "amount", "1235000"),
    ],
)
def test_each_kind(text, raw, value, unit, kind, normalized) -> None:
    f = _one(text)
    assert (f.raw, f.value, f.unit, f.kind) == (raw, Decimal(value), unit, kind)
    assert f.normalized == Decimal(normalized)
    assert text[f.start : f.end] == raw


def test_approximate_amounts_and_counts() -> None:
    figs = find_figures("整合资金100多万元，帮扶3500余名群众")
    assert [(f.raw, f.approx) for f in figs] == [("100多万元", True), ("3500余名", True)]


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        ("连续5年", []),
        ("第2021号文", []),
        ("2021年13月", ["2021年"]),
        ("13月40日", []),
        ("三个项目", []),
        ("2021年3个月", ["2021年", "3个月"]),
        ("附件：1.2021年度报告", ["2021年"]),  # list number glued to a year
        ("全年12月31日前完成", ["12月31日"]),
    ],
)
def test_no_false_readings(text: str, raws: list[str]) -> None:
    """Short years, document numbers, impossible dates and Chinese numerals are not read."""
    assert [f.raw for f in find_figures(text)] == raws


def test_date_not_also_count_or_year() -> None:
    figs = find_figures("截至2021年12月31日，共10个")
    assert [(f.raw, f.kind) for f in figs] == [("2021年12月31日", "date"), ("10个", "count")]


def test_mask_figures_makes_figure_edits_equal() -> None:
    a = "收入745.3万元，执行率100%。"
    b = "收入800万元，执行率93.85%。"
    assert mask_figures(a) == mask_figures(b)
    assert mask_figures(a) != mask_figures("收入745.3万元，支出率100%。")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789０１２３.,%％万元亿个人次场年月日项多余 -", max_size=60))
def test_offsets_always_slice_the_original(text: str) -> None:
    """Whatever the input, figures are sorted, disjoint and ``raw`` is the original slice."""
    figs = find_figures(text)
    assert len(fold_digits(text)) == len(text)
    for f in figs:
        assert text[f.start : f.end] == f.raw
    for x, y in itertools.pairwise(figs):
        assert x.end <= y.start


PROSE = st.text(
    alphabet="资金使用规范完成目标任务管理制度落实情况良好提升效益", min_size=1, max_size=8
)
FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


@st.composite
def figure_and_expectation(draw: st.DrawFn) -> tuple[str, str, Decimal]:
    """A written figure with the kind and value a reader would take from it."""
    kind = draw(st.sampled_from(["amount", "percent", "count", "date"]))
    whole = draw(st.integers(0, 99_999))
    frac = draw(st.sampled_from(["", ".5", ".25", ".01"]))
    number = f"{whole}{frac}"
    if kind == "date":
        y, m, d = draw(st.integers(1990, 2035)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
        return f"{y}年{m}月{d}日", "date", Decimal(y * 10000 + m * 100 + d)
    if draw(st.booleans()):
        number = number.translate(FULLWIDTH)
    value = Decimal(f"{whole}{frac}")
    if kind == "amount":
        return number + draw(st.sampled_from(["元", "万元", "亿元"])), "amount", value
    if kind == "percent":
        return number + draw(st.sampled_from(["%", "％"])), "percent", value
    return number + draw(st.sampled_from(["个", "项", "人次", "场次", "户"])), "count", value


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(PROSE, figure_and_expectation()), min_size=1, max_size=6), PROSE)
def test_figures_in_prose_are_found_exactly(parts, tail: str) -> None:
    """Whatever figures are written into digit-free prose come back, in order, as written."""
    text = "，".join(prose + fig for prose, (fig, _k, _v) in parts) + "，" + tail
    found = [(f.raw, f.kind, f.value) for f in find_figures(text)]
    assert found == [(fig, kind, value) for _p, (fig, kind, value) in parts]


def test_scores_and_measures_are_figures() -> None:
    """A self-evaluation score and physical quantities change between revisions too."""
    found = find_figures(
        "自评得分88.5分，治理河段9.8公里，新增耕地2.4万亩，会议用时5分钟，3个项目分别完成"
    )
    assert [(f.raw, f.kind) for f in found] == [
        ("88.5分", "score"),
        ("9.8公里", "measure"),
        ("2.4万亩", "measure"),
        ("3个", "count"),
    ]
    assert found[2].normalized == 24000


def test_score_change_is_listed_by_the_diff() -> None:
    """88.5分 → 90.5分 is a changed figure, not a prose edit of "88" inside a number."""
    from reportaudit.diff import diff_texts

    a = "一、自评结论\n本局自评得分88.5分，自评等级为良。\n"
    b = "一、自评结论\n本局自评得分90.5分，自评等级为优。\n"
    diff = diff_texts(a, b)
    assert [(f.a_raw, f.b_raw, f.kind) for f in diff.figures] == [("88.5分", "90.5分", "score")]


@pytest.mark.parametrize(
    "text",
    [
        "9.21万元，其中",
        "2021年12月31日前",
        "85%以上",
        "1.2021年度预算",
        "3500余名群众",
        "12.5",
        "百分之九十",
        "１２３４．５６万元",
        "88.5分钟",
        "-3.5%",
    ],
)
def test_figure_at_start_is_find_figures_first_figure_at_zero(text: str) -> None:
    figs = find_figures(text)
    expected = figs[0] if figs and figs[0].start == 0 else None
    assert figure_at_start(text) == expected
