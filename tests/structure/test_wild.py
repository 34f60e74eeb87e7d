"""The real report openings in ../shared/wild, scored against their hand-checked truth.

The same scoring as ../shared/wild/score_wild.py (which runs the CLI per file), done in
process so the suite stays fast. The thresholds are the ones the genre asks of us on
reports we have never seen; skipped when ../shared/wild is absent.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from reportaudit.ingest import extract
from reportaudit.metadata import UNKNOWN_UNIT, infer
from reportaudit.structure import Document, parse

ROOT = Path(__file__).resolve().parents[2]
WILD = Path(os.environ.get("REPORTAUDIT_WILD", ROOT.parent / "shared" / "wild"))

pytestmark = pytest.mark.corpus


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


@pytest.fixture(scope="module")
def wild() -> list[tuple[dict[str, Any], Document]]:
    truth_file = WILD / "truth.json"
    if not truth_file.is_file():
        pytest.skip(f"real report openings not found at {WILD}")
    out = []
    for entry in json.loads(truth_file.read_text(encoding="utf-8")):
        path = WILD / entry["file"]
        extracted = extract(path.read_bytes(), path.name)
        out.append((entry, parse(extracted.text)))
    return out


def _reports(wild: list[tuple[dict[str, Any], Document]]) -> list[tuple[dict[str, Any], Document]]:
    return [(e, d) for e, d in wild if e["type"] == "report"]


def test_templates_stay_without_a_unit(wild: list[tuple[dict[str, Any], Document]]) -> None:
    templates = [(e, d) for e, d in wild if e["type"] == "template"]
    assert templates
    for entry, doc in templates:
        assert infer(doc, filename=entry["file"]).unit == UNKNOWN_UNIT, entry["file"]


def test_unit_year_and_class(wild: list[tuple[dict[str, Any], Document]]) -> None:
    reports = _reports(wild)
    unit = year = cls = 0
    misses = []
    for entry, doc in reports:
        meta = infer(doc, filename=entry["file"])
        names = {_norm(entry["unit"]), *(_norm(a) for a in entry.get("unit_aliases", []))}
        unit += _norm(meta.unit) in names
        year += meta.year == entry.get("year")
        cls += meta.kind_class in {entry["kind_class"], *entry.get("kind_class_alt", [])}
        if _norm(meta.unit) not in names or meta.year != entry.get("year"):
            misses.append((entry["file"], meta.unit, meta.year))
    n = len(reports)
    assert unit / n >= 0.95, misses
    assert year / n >= 0.97, misses
    assert cls / n >= 0.95


def test_heading_recall(wild: list[tuple[dict[str, Any], Document]]) -> None:
    found = total = 0
    for entry, doc in _reports(wild):
        got = {_norm(f"{s.number}{s.title}").rstrip("。．.：:，,；;、 ") for s in doc.sections[1:]}
        for heading in entry["headings"]:
            total += 1
            found += _norm(heading).rstrip("。．.：:，,；;、 ") in got
    assert total and found / total >= 0.95, (found, total)
