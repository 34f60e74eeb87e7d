"""Hostile files for the limit tests and the limit benchmark: built, never stored.

A zip bomb .docx (one XML part inflating to ``inflated`` bytes of repeated runs), the same
with sizes in the zip directory that lie, a PDF of many pages, and a large text file.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bomb(inflated: int) -> bytes:
    """A .docx whose document.xml inflates to about ``inflated`` bytes (deflate, ~1000:1)."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'
    para = "<w:p><w:r><w:t>" + "预算绩效自评" * 40 + "</w:t></w:r></w:p>"
    tail = "</w:body></w:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head.encode())
            block = (para * 1000).encode()
            written = 0
            while written < inflated:
                part.write(block)
                written += len(block)
            part.write(tail.encode())
    return buf.getvalue()


def lying_sizes(data: bytes, claimed: int = 1000) -> bytes:
    """``data`` (a zip) with every uncompressed size in its headers replaced by ``claimed``."""
    out = bytearray(data)
    pos = 0
    while (pos := out.find(b"PK\x03\x04", pos)) != -1:  # local headers: size at +22
        struct.pack_into("<I", out, pos + 22, claimed)
        pos += 4
    pos = 0
    while (pos := out.find(b"PK\x01\x02", pos)) != -1:  # central directory: size at +24
        struct.pack_into("<I", out, pos + 24, claimed)
        pos += 4
    return bytes(out)


def many_page_pdf(pages: int) -> bytes:
    """A valid PDF of ``pages`` pages with a line of text each (written by hand: fast)."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for i in range(pages):
        stream = f"BT /F1 12 Tf 72 720 Td (page {i + 1}) Tj ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % content
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        pages,
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def big_text(path: Path, size: int, seed_report: bytes) -> Path:
    """A UTF-8 text file of about ``size`` bytes: a real report repeated."""
    with path.open("wb") as fh:
        written = 0
        while written < size:
            fh.write(seed_report)
            written += len(seed_report)
    return path
