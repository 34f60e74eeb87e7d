"""What the checks find on the real reports (../shared/corpus), each verified by reading.

Only rules and figures are written here, never the reports' sentences. 001 (a 2023 总结):
the evaluation sentence names 2022年度 and the spending paragraph "2022年…实际使用", the
宗教人士生活费 line is 9.21万元 twice and 9.81万元 once, and the bracketed breakdown of
29.21万元 adds up to 29.81万元 (because of that 9.81); （二）→（四） with the （三） heading
unnumbered; two runs of ①②③ rendered "(". 000: "(1）" then "（二）", and a template
instruction left under 五（二）2. 003: nothing.
"""

from __future__ import annotations

from pathlib import Path

from checks_helpers import check_file, described

from reportaudit.metadata import infer
from reportaudit.services.derive import derive


def _units(corpus: Path) -> list[str]:
    """The units of the corpus reports, as other units of a store holding them all."""
    return [infer(derive(p.read_bytes(), p.name)[1]).unit for p in sorted(corpus.glob("*.txt"))]


def _find(corpus: Path, prefix: str) -> list[tuple[str, str, str]]:
    """The findings of one corpus report as (kind, rule, anchor text), in text order."""
    path = next(corpus.glob(f"{prefix}_*.txt"))
    doc, findings = check_file(path, other_units=_units(corpus))
    assert len(described(doc, findings)) <= len(findings)
    return [(f.kind, f.rule, (f.anchor or f.spans[0]).text(doc.text)) for f in findings]


def test_001_findings(corpus_dir: Path) -> None:
    """The 2023 总结: stale years, the 9.21/9.81 slip and its sum, numbering, lost markers."""
    got = _find(corpus_dir, "001")
    rules = sorted((k, r) for k, r, _ in got)
    assert rules == sorted(
        [
            ("stale_year", "evaluated_year"),
            ("stale_year", "spending_year"),
            ("arithmetic", "line_two_amounts"),
            ("arithmetic", "sum_mismatch"),
            ("broken", "numbering_skip"),
            ("broken", "marker_lost"),
            ("broken", "marker_lost"),
        ]
    )
    anchors = {(k, r): t for k, r, t in got}
    assert anchors[("stale_year", "evaluated_year")] == "2022年度"
    assert anchors[("stale_year", "spending_year")] == "2022年"
    assert anchors[("arithmetic", "line_two_amounts")] == "9.21万元"
    assert anchors[("arithmetic", "sum_mismatch")] == "29.21万元"
    assert anchors[("broken", "numbering_skip")].startswith("（四）")


def test_000_findings(corpus_dir: Path) -> None:
    """The 2021 report: mixed (1）/（二） numbering and a template instruction left in place."""
    got = _find(corpus_dir, "000")
    assert sorted((k, r) for k, r, _ in got) == [
        ("broken", "numbering_style"),
        ("placeholder", "template_instruction"),
    ]
    anchors = {r: t for _, r, t in got}
    assert anchors["numbering_style"].startswith("（二）")
    assert anchors["template_instruction"].startswith("包括") and anchors[
        "template_instruction"
    ].endswith("等情况。")


def test_003_has_no_findings(corpus_dir: Path) -> None:
    """The consistent 2021 report stays silent (its figures add up)."""
    assert _find(corpus_dir, "003") == []
