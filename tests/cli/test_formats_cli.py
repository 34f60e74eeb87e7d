"""`reportaudit import` of the newer formats: web pages, legacy Word, OCR progress and counts."""

from __future__ import annotations

import io
from pathlib import Path

from cli_helpers import cli, jcli
from page_builders import saved_page
from rich.console import Console
from rich.progress import Progress

from reportaudit.cli.page_progress import OcrPages, extraction_lines

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_folder_import_takes_web_pages_and_says_what_legacy_files_need(tmp_path: Path) -> None:
    source = (FIXTURES / "sources" / "songxi_town_2022.txt").read_text(encoding="utf-8")
    unit, title, *body = source.split("\n")
    inbox = tmp_path / "收文"
    inbox.mkdir()
    (inbox / "松溪镇.html").write_bytes(saved_page([unit, title], body, charset="gb2312"))
    (inbox / "旧报告.doc").write_bytes((FIXTURES / "broken" / "legacy.doc").read_bytes())
    (inbox / "说明.xls").write_bytes(b"not a report")
    env_path = tmp_path / "bin"  # no LibreOffice on this PATH: the .doc must say so
    env_path.mkdir()
    proc = cli(tmp_path / "s.db", "import", str(inbox), extra_env={"PATH": f"{env_path}"})
    assert proc.returncode == 1
    assert "说明.xls: skipped (not a report file:" in proc.stderr
    assert "旧报告.doc: Word 97 .doc needs LibreOffice to read: install LibreOffice" in proc.stderr
    assert "1 imported, 0 already stored, 1 failed" in proc.stdout
    assert "read by OCR" not in proc.stdout
    rev = jcli(tmp_path / "s.db", "log", "松溪镇")["revisions"][0]
    assert (rev["format"], rev["encoding"]) == ("html", "gb18030")
    shown = jcli(tmp_path / "s.db", "show", str(rev["id"]), "--text")
    assert shown["extraction"] is None
    assert [x.strip() for x in shown["text"].split("\n") if x.strip()] == [
        x.strip() for x in source.split("\n") if x.strip()
    ]


def test_ocr_progress_is_a_row_per_page_on_a_terminal() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    batch = Progress(console=console, disable=True)  # one file: the batch bar is off
    pages = OcrPages(batch, console, enabled=True)
    on_page = pages.for_file("扫描件.pdf")
    assert on_page is not None
    for done in range(4):
        on_page(done, 3)
    pages.finish()
    assert "OCR 扫描件.pdf" in out.getvalue() and "3/3" in out.getvalue()
    assert OcrPages(batch, console, enabled=False).for_file("x.pdf") is None  # JSON, a pipe


def test_show_says_how_the_text_was_obtained() -> None:
    assert extraction_lines(None) == []
    ocr = {"engine": "rapidocr-onnxruntime", "version": "1.4.4", "pages": 3, "dpi": 150}
    assert extraction_lines({"ocr": ocr | {"confidence": 0.97}}) == [
        "text by OCR: rapidocr-onnxruntime 1.4.4, 3 page(s) at 150 dpi, mean confidence 0.97"
    ]
    assert extraction_lines({"converter": "LibreOffice 7.4.7.2"}) == [
        "converted by LibreOffice 7.4.7.2"
    ]
