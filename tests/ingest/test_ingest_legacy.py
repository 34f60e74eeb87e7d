""".doc, .wps and .rtf through headless LibreOffice: the same text as the .docx they came from.

The legacy files are made inside the tests by converting our own .docx fixture with soffice,
so the tests that need LibreOffice skip when it is not installed (CI installs it). What must
hold without LibreOffice (routing, the one-line errors) is tested without it.
"""

from __future__ import annotations

import os
import stat
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reportaudit.errors import IngestError
from reportaudit.ingest import extract

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DOCX = FIXTURES / "reports" / "yunling_health_2023.docx"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def lines(text: str) -> list[str]:
    """Normalised lines: stripped, blank lines dropped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


@pytest.fixture(scope="module")
def legacy_files(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Our .docx fixture saved by LibreOffice as Word 97 (.doc) and as RTF."""
    work = tmp_path_factory.mktemp("legacy")
    source = work / "report.docx"
    source.write_bytes(DOCX.read_bytes())
    out: dict[str, bytes] = {}
    for ext, target in (("doc", "doc:MS Word 97"), ("rtf", "rtf:Rich Text Format")):
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(work),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        out[ext] = (work / f"report.{ext}").read_bytes()
    return out


@pytest.mark.soffice
def test_doc_imports_to_the_same_text_as_the_docx(legacy_files: dict[str, bytes]) -> None:
    data = legacy_files["doc"]
    assert data.startswith(OLE2)
    docx = extract(DOCX.read_bytes(), "report.docx")
    doc = extract(data, "report.doc")
    assert doc.format == "doc"
    assert lines(doc.text) == lines(docx.text)
    assert doc.converter is not None and doc.converter.startswith("LibreOffice")
    assert f"converted to .docx by {doc.converter}" in doc.warnings
    assert doc.details() == {"converter": doc.converter}
    # Heading styles survive the round trip, so unnumbered headings are still reported.
    assert doc.headings == docx.headings


@pytest.mark.soffice
def test_wps_file_is_read_like_the_word_document_it_is(legacy_files: dict[str, bytes]) -> None:
    wps = extract(legacy_files["doc"], "报告.wps")
    assert wps.format == "doc"
    assert not any("named" in w for w in wps.warnings)  # WPS writes Word's format
    assert lines(wps.text) == lines(extract(DOCX.read_bytes(), "report.docx").text)


@pytest.mark.soffice
def test_rtf_and_a_doc_that_is_really_rtf(legacy_files: dict[str, bytes]) -> None:
    expected = lines(extract(DOCX.read_bytes(), "report.docx").text)
    rtf = extract(legacy_files["rtf"], "report.rtf")
    assert rtf.format == "rtf" and lines(rtf.text) == expected
    renamed = extract(legacy_files["rtf"], "report.doc")
    assert "file is named .doc but its content is rtf" in renamed.warnings


@pytest.mark.soffice
def test_corrupt_doc_is_one_line_naming_the_file(soffice: str) -> None:
    data = OLE2 + "WordDocument".encode("utf-16-le") + bytes(range(256)) * 8
    with pytest.raises(IngestError) as err:
        extract(data, "损坏.doc")
    assert str(err.value).startswith("损坏.doc: corrupt Word 97 .doc file: LibreOffice could not")
    assert "\n" not in str(err.value)


def test_doc_that_is_really_a_docx_is_read_as_docx() -> None:
    result = extract(DOCX.read_bytes(), "report.doc")
    assert result.format == "docx"
    assert "file is named .doc but its content is docx" in result.warnings


def test_without_libreoffice_the_error_names_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_bytes: Callable[[str], bytes]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no soffice, no libreoffice
    monkeypatch.delenv("REPORTAUDIT_SOFFICE", raising=False)
    for name, what in (("legacy.doc", "Word 97 .doc"), ("legacy.wps", "Word 97 .doc")):
        with pytest.raises(IngestError) as err:
            extract(fixture_bytes("broken/legacy.doc"), name)
        assert str(err.value) == (
            f"{name}: {what} needs LibreOffice to read: install LibreOffice "
            "(apt-get install libreoffice-writer) or save it as .docx"
        )
    with pytest.raises(IngestError, match=r"^a\.rtf: RTF needs LibreOffice"):
        extract(b"{\\rtf1\\ansi report}", "a.rtf")


def test_non_word_ole_files_are_still_refused_by_name() -> None:
    sheet = OLE2 + "Workbook".encode("utf-16-le") + bytes(64)
    for name in ("budget.xls", "budget.doc", "budget.wps"):
        with pytest.raises(IngestError, match=r"legacy Excel \.xls; export the report as \.docx"):
            extract(sheet, name)
    with pytest.raises(IngestError, match=r"legacy PowerPoint"):
        extract(OLE2 + "PowerPoint Document".encode("utf-16-le"), "slides.doc")


def test_a_hanging_conversion_is_killed_after_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_bytes: Callable[[str], bytes]
) -> None:
    pid_file = tmp_path / "child.pid"
    fake = tmp_path / "fake-soffice"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {pid_file}\nwait\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("REPORTAUDIT_SOFFICE", str(fake))
    monkeypatch.setenv("REPORTAUDIT_SOFFICE_TIMEOUT", "1")
    started = time.monotonic()
    with pytest.raises(IngestError) as err:
        extract(fixture_bytes("broken/legacy.doc"), "slow.doc")
    assert time.monotonic() - started < 20
    assert str(err.value) == (
        "slow.doc: LibreOffice did not convert the Word 97 .doc file within 1 s "
        "(set $REPORTAUDIT_SOFFICE_TIMEOUT to allow longer)"
    )
    child = int(pid_file.read_text())  # the sleep the fake started: its group was killed
    for _ in range(50):
        if not _running(child):
            break
        time.sleep(0.1)
    assert not _running(child)


def _running(pid: int) -> bool:
    """Whether a process exists and is not a zombie waiting to be reaped."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not status.exists() or status.read_text().split(")")[-1].split()[0] != "Z"
