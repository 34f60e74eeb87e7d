"""OCR of scans (the ``ocr`` extra): page images and image-only PDFs read back as their text.

The scans are made here: text drawn on A4 pages with a system CJK font, saved as PNG or as an
image-only PDF. Tests that run the engine skip without the extra or the font (CI installs
both); what must hold without the extra (the one-line errors naming it) always runs.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rapidfuzz import fuzz
from scan_builders import png_bytes, render_pages

from reportaudit.errors import IngestError
from reportaudit.ingest import extract
from reportaudit.ingest.ocr import ENGINE, EXTRA_HINT, Box, lines_from_boxes


def similarity(expected: str, got: str) -> float:
    """Share of characters right (rapidfuzz ratio, 0-100) on whitespace-stripped text."""
    return fuzz.ratio("".join(expected.split()), "".join(got.split()))


@pytest.mark.ocr
def test_page_image_of_our_report_reads_back_as_its_text(
    source_text: Callable[[str], str], ocr_font: Path
) -> None:
    source = "\n".join(source_text("songxi_town_2022.txt").split("\n")[:14])
    pages = render_pages(source, ocr_font)
    assert len(pages) == 1
    seen: list[tuple[int, int]] = []
    result = extract(png_bytes(pages[0]), "扫描件.png", on_page=lambda d, n: seen.append((d, n)))
    assert result.format == "image"
    assert seen == [(0, 1), (1, 1)]
    assert similarity(source, result.text) >= 95
    # Paragraphs wrapped over several printed lines are one line again.
    assert len(result.text.split("\n")) == len([x for x in source.split("\n") if x.strip()])
    assert result.ocr is not None
    assert (result.ocr.engine, result.ocr.pages, result.ocr.dpi) == (ENGINE, 1, None)
    assert result.ocr.version[0].isdigit() and 0.9 <= result.ocr.confidence <= 1
    assert any(w.startswith(f"text read by OCR ({ENGINE} ") for w in result.warnings)


@pytest.mark.ocr
def test_blank_image_is_one_line_saying_no_text_was_found(ocr_font: Path) -> None:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (800, 1100), 255).save(buf, format="JPEG")
    with pytest.raises(IngestError) as err:
        extract(buf.getvalue(), "blank.jpg")
    assert str(err.value) == "blank.jpg: no text found by OCR (blank page or not a document?)"


@pytest.mark.ocr
def test_damaged_image_is_one_line(ocr_font: Path) -> None:
    with pytest.raises(IngestError, match=r"^bad\.png: corrupt image file: "):
        extract(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "bad.png")


@pytest.mark.ocr
def test_pdf_mixing_text_and_scanned_pages_reads_both_in_page_order(ocr_font: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    scanned_text = "七、绩效自评结果拟应用和公开情况\n自评结果将在门户网站公开。"
    image = render_pages(scanned_text, ocr_font)[0]
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("STSong-Light", 12)
    c.drawString(72, 760, "六、偏离绩效目标的原因及下一步改进措施")
    c.showPage()
    c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])  # a signed, scanned page
    c.showPage()
    c.save()
    seen: list[tuple[int, int]] = []
    result = extract(buf.getvalue(), "mixed.pdf", on_page=lambda d, n: seen.append((d, n)))
    assert seen == [(0, 1), (1, 1)]  # only the page without a text layer went through OCR
    assert result.text.split("\n")[0] == "六、偏离绩效目标的原因及下一步改进措施"
    assert similarity(scanned_text, "".join(result.text.split("\n")[1:])) >= 95
    assert result.ocr is not None and result.ocr.pages == 1 and result.ocr.dpi == 150


@pytest.mark.ocr
def test_scan_without_any_text_is_refused(
    fixture_bytes: Callable[[str], bytes], ocr_font: Path
) -> None:
    with pytest.raises(IngestError) as err:
        extract(fixture_bytes("broken/scanned.pdf"), "scanned.pdf")  # drawn shapes only
    assert str(err.value) == "scanned.pdf: no text layer, and no text found by OCR"


def test_without_the_extra_scans_name_the_extra(
    monkeypatch: pytest.MonkeyPatch, fixture_bytes: Callable[[str], bytes]
) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails: no extra
    with pytest.raises(IngestError) as err:
        extract(fixture_bytes("broken/scanned.pdf"), "scanned.pdf")
    assert str(err.value) == (
        f"scanned.pdf: no text layer (scanned PDF?); to read it by OCR: {EXTRA_HINT}"
    )
    with pytest.raises(IngestError) as err:
        extract(fixture_bytes("broken/image.png"), "image.png")
    assert str(err.value) == (
        f"image.png: page image (scan or photo); to read it by OCR: {EXTRA_HINT}"
    )
    assert EXTRA_HINT == "pip install 'reportaudit[ocr]'"


def test_gif_and_webp_are_refused_with_what_to_do() -> None:
    with pytest.raises(IngestError, match=r"unsupported file type: image \(GIF\); save as PNG"):
        extract(b"GIF89a" + bytes(40), "scan.gif")


def test_boxes_become_lines_in_reading_order() -> None:
    # Two printed lines; the engine returns boxes in any order, a line may come in pieces.
    boxes = [
        Box("完成率95%。", 300, 400, 52, 74, 0.99),
        Box("一、部门基本情况", 100, 260, 10, 32, 0.98),
        Box("年初预算100万元，", 100, 280, 50, 72, 0.97),
        Box("第1页", 700, 740, 12, 30, 0.99),
    ]
    lines = lines_from_boxes(boxes, scale=2.0)
    assert [x.text for x in lines] == ["一、部门基本情况 第1页", "年初预算100万元， 完成率95%。"]
    assert lines[0].x0 == 50 and lines[0].x1 == 370 and lines[0].top == 5


@pytest.mark.ocr
@pytest.mark.slow
@pytest.mark.usefixtures("english_output")
def test_image_only_pdf_of_a_real_report_imports_through_ocr(
    corpus_dir: Path, tmp_path: Path, ocr_font: Path
) -> None:
    """../shared/corpus 003 printed and "scanned": >= 95 % of its characters come back.

    Goes through the real command, so the revision, its import event and ``show`` are
    checked too.
    """
    from cli_helpers import cli, jcli
    from scan_builders import image_pdf

    source_path = next(corpus_dir.glob("003_*.txt"), None)
    if source_path is None:
        pytest.skip("corpus report 003 not found")
    source = source_path.read_text(encoding="utf-8")
    pdf = tmp_path / "003-scan.pdf"
    pdf.write_bytes(image_pdf(render_pages(source, ocr_font)))
    store = tmp_path / "s.db"
    proc = cli(store, "import", str(pdf), check=True)
    assert "1 imported, 0 already stored, 0 failed; 1 read by OCR" in proc.stdout
    assert "text read by OCR" in proc.stderr
    rev = jcli(store, "log", "1")["revisions"][0]["id"]
    shown = jcli(store, "show", str(rev), "--text")
    assert shown["format"] == "pdf"
    ocr = shown["extraction"]["ocr"]
    assert ocr["engine"] == ENGINE and ocr["dpi"] == 150 and ocr["pages"] >= 2
    score = similarity(source, shown["text"])
    print(f"OCR of 003: {score:.2f} % of characters right over {ocr['pages']} pages")
    assert score >= 95
    assert "text by OCR: rapidocr-onnxruntime" in cli(store, "show", str(rev)).stdout
    assert cli(store, "verify").returncode == 0
