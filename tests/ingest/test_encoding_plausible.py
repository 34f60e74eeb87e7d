"""Encoding detection refuses rather than guesses (issue 14): a decoding that cannot be a
Chinese report is an error naming every encoding tried."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import cli

from reportaudit.errors import IngestError
from reportaudit.ingest import extract
from reportaudit.ingest.plausible import implausible

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "reports"
KOREAN = (
    "대한민국 정부 예산 성과 자체평가 보고서\n"
    + "이 보고서는 2023년도 사업의 목표 달성 정도와 예산 집행률을 분석하고, 문제점과 개선 방안을 제시합니다.\n"
    * 30
)
JAPANESE = (
    "令和5年度 予算執行の自己評価報告書\n"
    + "本報告書は、事業の目標達成度と予算の執行状況について分析したものです。\n" * 30
)


def test_euc_kr_is_refused_naming_the_encodings_tried() -> None:
    with pytest.raises(IngestError) as err:
        extract(KOREAN.encode("euc-kr"), "korean.txt")
    reason = err.value.reason
    assert reason.startswith("cannot determine text encoding: tried utf-8 (invalid)")
    assert "gb18030 (only" in reason and "common ones" in reason


def test_shift_jis_and_korean_utf8_are_refused() -> None:
    with pytest.raises(IngestError, match="cannot determine text encoding: tried"):
        extract(JAPANESE.encode("shift_jis"), "jp.txt")
    with pytest.raises(IngestError, match=r"utf-8 \(\d+ Hangul characters\)"):
        extract(KOREAN.encode("utf-8"), "ko.txt")
    with pytest.raises(IngestError, match=r"kana characters"):
        extract(JAPANESE.encode("utf-8"), "jp8.txt")


def test_real_encodings_still_read() -> None:
    for name in ("songxi_town_2022_gbk.txt", "hewan_culture_2023_bom.txt", "hewan_eco_2021.txt"):
        text = extract((FIX / name).read_bytes(), name).text
        assert implausible(text) is None
    text = (FIX / "hewan_eco_2021.txt").read_text("utf-8")
    assert extract(text.encode("utf-16"), "u16.txt").encoding == "utf-16-le"
    assert extract(text.encode("gb18030"), "gb.txt").encoding == "gb18030"


def test_import_with_overrides_stores_no_mojibake(tmp_path: Path) -> None:
    src = tmp_path / "korean.txt"
    src.write_bytes(KOREAN.encode("euc-kr"))
    store = tmp_path / "s.db"
    done = cli(store, "import", str(src), "--unit", "某单位", "--year", "2023")
    assert done.returncode == 1
    assert "cannot determine text encoding: tried" in done.stderr
    assert "cannot tell the year" not in done.stderr
    assert "0 imported" in done.stdout


# These tests read the CLI's English wording (Chinese is the default).
pytestmark = pytest.mark.usefixtures("english_output")
