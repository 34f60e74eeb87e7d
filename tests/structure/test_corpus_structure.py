"""The real reports in ../shared/corpus: metadata and headings as a reader sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportaudit.metadata import infer
from reportaudit.structure import parse

pytestmark = pytest.mark.corpus

# (unit, year, the kind phrase as the title writes it, its class, region)
EXPECTED_META = {
    "000_07793994578fbebf.txt": (
        "新区党群工作部",
        2021,
        "预算执行情况绩效自评报告",
        "budget_execution",
        "兰州新区",
    ),
    "001_b4ab608cd910311d.txt": ("中共永昌县委统战部", 2023, "绩效自评工作总结", "other", "永昌县"),
    "003_1c1f475138a8d773.txt": (
        "兰州新区管委会办公室",
        2021,
        "部门预算执行情况的自评报告",
        "budget_execution",
        "兰州新区",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED_META))
def test_metadata(corpus_dir: Path, name: str) -> None:
    meta = infer(parse((corpus_dir / name).read_text(encoding="utf-8")))
    got = (meta.unit, meta.year, meta.kind, meta.kind_class, meta.region)
    assert got == EXPECTED_META[name]
    assert meta.sources["unit"] == meta.sources["year"] == "title"
    assert meta.uncertain == ()


def _numbered_lines(text: str) -> list[str]:
    """Lines that open with 一、 or （一）-style markers: every one must become a heading."""
    import re

    pat = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
    return [ln.strip() for ln in text.splitlines() if pat.match(ln)]


@pytest.mark.parametrize("name", sorted(EXPECTED_META))
def test_every_top_and_second_level_heading_is_found(corpus_dir: Path, name: str) -> None:
    text = (corpus_dir / name).read_text(encoding="utf-8")
    doc = parse(text)
    starts = {s.heading_start for s in doc.sections}
    offsets = {}
    pos = 0
    for line in text.split("\n"):
        offsets[line.strip()] = pos + len(line) - len(line.lstrip())
        pos += len(line) + 1
    for line in _numbered_lines(text):
        assert offsets[line] in starts, line[:20]
    for p in doc.paragraphs:
        assert text[p.start : p.end] == p.text


def test_deviation_sections_and_inline_bodies(corpus_dir: Path) -> None:
    doc = parse((corpus_dir / "000_07793994578fbebf.txt").read_text(encoding="utf-8"))
    devs = [s for s in doc.sections if s.canonical == "deviation"]
    assert len(devs) == 2
    bodies = [doc.paragraphs_of(s.index)[0].text for s in devs]
    assert all(b.startswith("2021年") for b in bodies)
    assert devs[0].path[0] == "五" and devs[1].path[0] == "五"


def test_lost_circled_markers_recovered(corpus_dir: Path) -> None:
    doc = parse((corpus_dir / "001_b4ab608cd910311d.txt").read_text(encoding="utf-8"))
    lost = [s for s in doc.sections if s.marker_lost]
    assert [s.value for s in lost] == [1, 2, 3, 1, 2, 3]
    plain = [s for s in doc.sections if s.style == "plain"]
    assert len(plain) == 1 and plain[0].canonical == "overall_goal"
