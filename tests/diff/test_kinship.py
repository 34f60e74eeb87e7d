"""Kinship: how much text a new file shares with the report its label names."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reportaudit.diff.kinship import kinship

REPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "reports"

chinese = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), max_size=200)


@given(chinese, chinese)
def test_share_is_a_symmetric_fraction(a: str, b: str) -> None:
    one, other = kinship(a, b), kinship(b, a)
    assert 0.0 <= one.share <= 1.0
    assert one.share == other.share


@given(chinese)
def test_a_text_is_kin_to_itself(a: str) -> None:
    assert kinship(a, a).share == 1.0


def test_figures_and_layout_do_not_count_against_kinship() -> None:
    a = "项目年初预算100万元，全年执行95.5万元，执行率95.5%，较上年提高3个百分点。"
    b = "项目年初预算\n120万元，全年执行 118万元，执行率98.3%，较上年提高 1 个百分点。"
    assert kinship(a, b).share == 1.0


def test_the_two_revisions_of_a_fixture_report_are_kin() -> None:
    r1 = (REPORTS / "qingchuan_agri_2023_r1.txt").read_text(encoding="utf-8")
    r2 = (REPORTS / "qingchuan_agri_2023_r2.txt").read_text(encoding="utf-8")
    assert kinship(r1, r2).share > 0.8


def test_different_reports_of_the_genre_are_not_kin() -> None:
    # They share the genre's headings and phrases, not their text.
    for a, b in (("hewan_eco_2021", "qingchuan_agri_2022"), ("hewan_eco_2021", "hewan_eco_2022")):
        one = (REPORTS / f"{a}.txt").read_text(encoding="utf-8")
        other = (REPORTS / f"{b}.txt").read_text(encoding="utf-8")
        assert not kinship(one, other).kin, (a, b)
