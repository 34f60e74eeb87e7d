"""clean_text removes what is unsafe or invisible and nothing a reader would miss."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reportaudit.ingest import clean_text


def test_newlines_are_normalised_to_lf() -> None:
    assert clean_text("一、基本情况\r\n（一）职能\r二、绩效\u2028三、问题") == (
        "一、基本情况\n（一）职能\n二、绩效\n三、问题"
    )


def test_bookmark_artefacts_are_dropped_anywhere_on_a_line() -> None:
    text = "[bookmark: _GoBack]一、基本情况\n年末在编人员68人。[bookmark: _Toc12345]合计"
    assert clean_text(text) == "一、基本情况\n年末在编人员68人。合计"


def test_nested_artefacts_do_not_survive() -> None:
    assert clean_text("a[book[bookmark: x]mark: y]b") == "ab"


def test_ansi_escape_sequences_are_removed_but_their_text_kept() -> None:
    text = "\x1b[31m自评得分\x1b[0m91分\x1b]8;;http://x\x07链接\x1b]8;;\x07\x1bc"
    assert clean_text(text) == "自评得分91分链接"


def test_controls_and_invisible_characters_are_removed() -> None:
    text = "预算\x00执行\x07率\u200b98%\ufeff，\u202e等级\u202c“优”\x7f\x85"
    assert clean_text(text) == "预算执行率98%，等级“优”"


def test_tabs_are_kept_inside_and_at_line_start() -> None:
    assert clean_text("\t项目名称\n\t一级指标\t二级指标") == "\t项目名称\n\t一级指标\t二级指标"


def test_full_width_text_is_not_normalised() -> None:
    text = "（一）部门职能：１２３，ＡＢ　全角空格保留"
    assert clean_text(text) == text


def test_trailing_spaces_and_trailing_blank_lines_go_leading_lines_stay() -> None:
    assert clean_text("\n\n标题  \u3000\n正文\t \n\n\n") == "\n\n标题\n正文"


_TRICKY = ["\x1b", "\x1b[", "[bookmark: x]", "[bookmark:", "]", "\u200b", "\ufeff", "\x00"]
_report_chars = st.sampled_from(
    [*"一二（）()①1.、，。%万元\t\n\r ", *_TRICKY, "\u2028", "\x9b", "\x7f", "m", "[", "3"]
)


@given(st.lists(_report_chars, max_size=60).map("".join))
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@given(st.text(max_size=200))
def test_clean_output_has_no_controls_or_carriage_returns(text: str) -> None:
    cleaned = clean_text(text)
    assert "\r" not in cleaned
    assert all(c in "\t\n" or not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) for c in cleaned)
    assert "\u200b" not in cleaned and "\ufeff" not in cleaned


@given(
    st.lists(st.sampled_from(["正文", "[bookmark: _GoBack]", "\x1b[1m", "  ", "\t"]), max_size=8)
)
def test_line_count_is_preserved_except_trailing_blank_lines(parts: list[str]) -> None:
    text = "\n".join(parts) + "\n尾行"
    assert clean_text(text).count("\n") == text.count("\n")
