"""The papers printed as a user prints them: Chromium's A4 print of the HTML, read back.

Skipped without ``chromium`` on PATH (CI installs it; see scripts/paper_images.py)."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import lxml.html
import pdfplumber
import pytest
from export_helpers import run

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium on PATH"),
]
FIGURE = re.compile(r"\d[\d,]*\.\d+(?:万元|亿元|元|%)|\d{2,}(?:万元|亿元|%)")


def _print(html: Path) -> Path:
    """Chromium's A4 PDF of ``html`` (the paper's own @page rules)."""
    pdf = html.with_suffix(".pdf")
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf


def _lines(pdf: Path) -> tuple[list[str], list[tuple[float, float]]]:
    """Every printed line (spaces removed) and every page's (width, height) in points."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    lines, sizes = [], []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            sizes.append((float(page.width), float(page.height)))
            text = unicodedata.normalize("NFKC", page.extract_text() or "")
            lines += [x.replace(" ", "") for x in text.split("\n")]
    return lines, sizes


@pytest.mark.parametrize("kind", ["report", "findings", "diff"])
def test_printed_figures_are_never_split(store_path: Path, tmp_path: Path, kind: str) -> None:
    """Every figure with its unit (1,811.25万元, 96.53%) printed on one line; A4 portrait
    pages; 页次 and 索引号 on each page."""
    out = tmp_path / f"{kind}.html"
    rev = "青川县农业农村局 2023@latest"
    args = {
        "report": ("export", "report", rev),
        "findings": ("export", "findings"),
        "diff": ("diff", "青川县农业农村局 2022@latest", rev, "-f", "html"),
    }[kind]
    run(store_path, *args, "-o", str(out))
    doc = lxml.html.fromstring(out.read_bytes())
    for el in doc.xpath("//style | //title | //footer"):
        el.drop_tree()
    figures = set(FIGURE.findall(doc.text_content()))
    assert figures
    lines, sizes = _lines(_print(out))
    split = sorted(f for f in figures if not any(f in line for line in lines))
    assert split == []
    assert {(round(w), round(h)) for w, h in sizes} == {(595, 842)}  # A4 portrait
    n = len(sizes)  # PDF fonts may map 页 to the radical ⻚: match the numbers
    assert [
        int(m.group(1)) for line in lines if (m := re.fullmatch(rf"第(\d+)\S共{n}\S", line))
    ] == list(range(1, n + 1))
    assert sum(1 for line in lines if "索引号RA" in line) >= n
