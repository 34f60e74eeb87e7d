"""Score and grade against the configurable bands (优 >= 90, 良 80-90, 中 60-80, 差 < 60)."""

from __future__ import annotations

from pathlib import Path

import pytest
from checks_helpers import check_text, described, report

from reportaudit.checks import CheckConfigError, load_config


def grade_findings(sentence: str, **kw: object) -> set[tuple[str, str, str]]:
    """The score/grade findings of one sentence in a minimal report."""
    doc, findings = check_text(
        report(f"一、部门基本情况\n{sentence}"),
        kinds=["score_grade"],
        **kw,
    )
    return described(doc, findings)


@pytest.mark.parametrize(
    "sentence",
    [
        "本局自评得分95分，自评等级为“优”。",
        "综合自评得分90分，等级为“优”。",  # band edge: 90 is 优
        "自评得分89.9分，自评结果为“良”。",
        "自评得分80，自评结果为良好。",
        "项目自评得分72.5分，评价等级为“中”。",
        "自评得分59分，等级为“差”。",
        "自评得分９５，自评结果为“优秀”。",  # full-width digits, synonym
        "自评得分86分。整体支出绩效自评结果为优。",  # grade in another sentence: not this score's
        "自评得分率95%，等级为“良”。",  # a rate, not a score
        "综合得分80分以下的为“差”。",  # a band described, not a score given
        "自评得分低于60分的项目，评价结果为“差”并压减预算。",
        "得分在80至90分之间的，等级为“良”。",
        "产出指标得分28分（满分30分），评价结果为“优”。",  # an indicator's own scale
    ],
)
def test_consistent_or_unrelated_pairs_are_silent(sentence: str) -> None:
    """Agreeing pairs, band descriptions, rates and far-away grades are silent."""
    assert grade_findings(sentence) == set()


@pytest.mark.parametrize(
    "sentence,score",
    [
        ("本局自评得分88.5分，自评等级为“优”。", "88.5"),
        ("自评得分90分，自评结果为“良”。", "90"),
        ('自评得分95，自评结果为"中"。', "95"),
        ("综合得分：58分，评价结果为合格。", "58"),
        ("水源保护工作经费绩效自评分84.71分，自评结果为优。", "84.71"),
    ],
)
def test_mismatches_are_found_at_the_score(sentence: str, score: str) -> None:
    """A score outside its stated grade's band is reported at the score."""
    assert grade_findings(sentence) == {("score_grade", "grade_band", score)}


def test_bands_are_configurable(tmp_path: Path) -> None:
    """A user TOML changes the bands and keeps the other tables."""
    toml = tmp_path / "bands.toml"
    toml.write_text(
        "[[grade_bands]]\ngrade='优'\nlow=85\nhigh=1000\nnames=['优','优秀']\n"
        "[[grade_bands]]\ngrade='良'\nlow=70\nhigh=85\nnames=['良','良好']\n"
        "[[grade_bands]]\ngrade='差'\nlow=0\nhigh=70\nnames=['差']\n",
        encoding="utf-8",
    )
    cfg = load_config(toml)
    sentence = "自评得分86分，自评等级为“优”。"
    assert grade_findings(sentence) == {("score_grade", "grade_band", "86")}
    assert grade_findings(sentence, config=cfg) == set()
    assert grade_findings("自评得分84分，自评等级为“优”。", config=cfg) == {
        ("score_grade", "grade_band", "84")
    }
    # tables not given in the user file keep their defaults
    assert cfg.outline == load_config().outline


def test_bad_config_fails_loudly(tmp_path: Path) -> None:
    """An unusable bands table is an error, never a silent misgrading."""
    bad = tmp_path / "bad.toml"
    bad.write_text("[[grade_bands]]\ngrade='优'\nlow=90\nhigh=80\n", encoding="utf-8")
    with pytest.raises(CheckConfigError, match="low must be below high"):
        load_config(bad)
    broken = tmp_path / "broken.toml"
    broken.write_text("grade_bands = [", encoding="utf-8")
    with pytest.raises(CheckConfigError):
        load_config(broken)


def test_environment_variable_names_the_user_config(tmp_path: Path, monkeypatch) -> None:
    """$REPORTAUDIT_CHECKS_CONFIG is read when no path is given."""
    toml = tmp_path / "c.toml"
    toml.write_text("[stale_year]\nmax_years_back = 1\n", encoding="utf-8")
    monkeypatch.setenv("REPORTAUDIT_CHECKS_CONFIG", str(toml))
    assert load_config().max_years_back == 1
