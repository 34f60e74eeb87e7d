"""Limits checked while reading (issue 14): bombs, huge PDFs and texts refused early, with
one line naming the limit and how to raise it; a stored file recognised before parsing."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest
from limit_files import big_text, docx_bomb, lying_sizes, many_page_pdf

from reportaudit.errors import IngestError
from reportaudit.ingest import LimitExceeded, Limits, extract

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "reports"
REPORT = (FIX / "hewan_eco_2021.txt").read_bytes()


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_docx_bomb_is_refused_while_inflating() -> None:
    bomb = docx_bomb(8 * 1024 * 1024)
    assert len(bomb) < 200_000
    with pytest.raises(LimitExceeded, match=r"inflated bytes per \.docx part") as err:
        extract(bomb, "bomb.docx", limits=Limits(max_part_bytes=2 * 1024 * 1024))
    assert "word/document.xml" in err.value.reason and "--max-part-bytes" in err.value.reason


def test_docx_with_lying_sizes_is_refused() -> None:
    bomb = lying_sizes(docx_bomb(8 * 1024 * 1024))
    with pytest.raises(IngestError) as err:
        extract(bomb, "liar.docx", limits=Limits(max_part_bytes=2 * 1024 * 1024))
    assert err.value.reason.startswith(("refused:", "corrupt .docx file"))


def test_pdf_pages_are_counted_before_any_page_is_read() -> None:
    data = many_page_pdf(600)
    start = time.monotonic()
    with pytest.raises(LimitExceeded, match="600 pages, over the limit of 500 pages per PDF"):
        extract(data, "long.pdf")
    assert many_page_pdf(3) and time.monotonic() - start < 10  # generous: a shared machine


def test_text_over_the_character_limit_is_refused_before_decoding(tmp_path: Path) -> None:
    path = big_text(tmp_path / "big.txt", 5 * 1024 * 1024, REPORT)
    with pytest.raises(LimitExceeded, match=r"at least 1,3\d\d,\d\d\d characters"):
        extract(path.read_bytes(), "big.txt")
    with pytest.raises(LimitExceeded, match="characters per revision"):
        extract(REPORT, "r.txt", limits=Limits(max_chars=500))
    assert extract(REPORT, "r.txt", limits=Limits(max_chars=len(REPORT))).text


def test_time_limit_names_itself() -> None:
    with pytest.raises(LimitExceeded, match=r"seconds per file \(raise it with `import --max-sec"):
        extract(REPORT, "r.txt", limits=Limits(max_seconds=1e-9))


def test_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTAUDIT_MAX_CHARS", "1234")
    assert Limits.from_env().max_chars == 1234
    assert Limits.from_env(max_chars=99).max_chars == 99
    monkeypatch.setenv("REPORTAUDIT_MAX_PAGES", "many")
    with pytest.raises(ValueError, match="REPORTAUDIT_MAX_PAGES"):
        Limits.from_env()


def test_bomb_costs_little_memory() -> None:
    """A 64 MiB-inflating bomb under the default limit of 64 MiB per part is refused
    without holding more than the limit (peak RSS grows by < 200 MiB)."""
    bomb = docx_bomb(100 * 1024 * 1024)
    before = _peak_mib()
    with pytest.raises(LimitExceeded):
        extract(bomb, "bomb.docx")
    assert _peak_mib() - before < 200
