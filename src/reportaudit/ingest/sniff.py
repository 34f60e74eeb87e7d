"""Decide what a file is from its bytes, using the filename extension only as a hint.

Auditors receive files renamed, mislabelled or exported by odd tools (a "Word" export that is
really RTF or HTML, a .doc that is a .docx, a web page saved as .txt); trusting the extension
would either refuse good reports or feed binary junk to a text decoder. Content decides; the
extension only sharpens error messages and settles what content cannot (a text file named
.html with a few tags in it). Anything that is not a format we read is refused here with a
reason that tells the user what to do.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from reportaudit.errors import IngestError
from reportaudit.ingest.clean import one_line
from reportaudit.ingest.result import Format

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
PDF_MAGIC = b"%PDF-"
PDF_HEADER_WINDOW = 1024
"""PDF readers accept junk before the header within the first kilobyte; so do we."""

_WORD_MAIN = re.compile(r"word/document\d*\.xml")
"""Some producers number the main part (word/document2.xml); python-docx follows the rels."""

_IMAGE_MAGICS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
"""Page images we OCR (scanners write PNG, JPEG or TIFF; phones JPEG)."""
_OTHER_IMAGES: tuple[tuple[bytes, str], ...] = ((b"GIF87a", "GIF"), (b"GIF89a", "GIF"))

HTML_EXTENSIONS = frozenset({"html", "htm", "xhtml", "shtml"})
_HTML_START = re.compile(
    rb"""^(?:\s|<!--.*?-->|<\?xml[^>]*>)*         # whitespace, comments ("saved from url"), XML decl
        <(?:!doctype\s+html|html|head|meta|title|body)\b""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
"""A document that opens like a web page, whatever its name says."""
_HTML_TAG = re.compile(rb"<(?:html|head|body|div|p|table|br|span|meta|title|h[1-6])\b", re.I)
"""Tags that make a file named .html a page rather than text that happens to be named so."""
_EXECUTABLE_MAGICS: tuple[bytes, ...] = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"\x00asm",
)
_ARCHIVE_MAGICS: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
)


def extension(filename: str) -> str:
    """The lower-cased extension without the dot ("" when there is none)."""
    return PurePath(filename).suffix.lower().lstrip(".")


def sniff(data: bytes, filename: str) -> Format:
    """Return the ``Format`` of ``data``, or raise ``IngestError`` saying why it is none.

    "txt" here only means "not a known binary container and not a web page"; the text
    decoder still has to prove the bytes are text.
    """
    ext = extension(filename)
    head = data[:16]
    if head.startswith(ZIP_MAGICS):
        return _sniff_zip(data, filename, ext)
    if data[:PDF_HEADER_WINDOW].lstrip(b"\x00\t\n\r \xef\xbb\xbf").startswith(PDF_MAGIC) or (
        ext == "pdf" and PDF_MAGIC in data[:PDF_HEADER_WINDOW]
    ):
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        return _sniff_ole2(data, filename, ext)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    for magic, _name in _IMAGE_MAGICS:
        if head.startswith(magic):
            return "image"
    for magic, name in _OTHER_IMAGES:
        if head.startswith(magic):
            raise IngestError(filename, f"unsupported file type: image ({name}); save as PNG")
    if head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise IngestError(filename, "unsupported file type: image (WebP); save as PNG")
    for magic in _EXECUTABLE_MAGICS:
        if head.startswith(magic):
            raise IngestError(filename, "binary file, not a report (executable)")
    for magic, name in _ARCHIVE_MAGICS:
        if head.startswith(magic):
            raise IngestError(filename, f"unsupported file type: {name} archive; unpack it first")
    if looks_like_html(data, ext):
        return "html"
    return "txt"


def looks_like_html(data: bytes, ext: str) -> bool:
    """Whether bytes (not a binary container) are a web page.

    Any file that opens with a doctype, <html>, <head>, <meta>, <title> or <body> (after
    whitespace, comments and an XML declaration) is one. A file named .html/.htm is one when
    it holds such tags or block tags anywhere in its first 64 KB; otherwise it is text that
    was merely named so. UTF-16 pages (old "Unicode" saves) are looked at decoded.
    """
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head[: len(head) // 2 * 2].decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    head = head.removeprefix(b"\xef\xbb\xbf")
    if _HTML_START.match(head[:4096]):
        return True
    return ext in HTML_EXTENSIONS and _HTML_TAG.search(head) is not None


def _sniff_zip(data: bytes, filename: str, ext: str) -> Format:
    """A ZIP is a .docx only if it holds word/document.xml; name the other Office formats."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        kind = f".{ext}" if ext in {"docx", "docm", "xlsx", "pptx", "odt", "zip"} else "zip"
        raise IngestError(
            filename, f"corrupt {kind} file: damaged or truncated zip archive ({one_line(exc)})"
        ) from None
    if "word/document.xml" in names or any(_WORD_MAIN.fullmatch(n) for n in names):
        return "docx"
    if "xl/workbook.xml" in names:
        reason = "unsupported file type: Excel workbook (.xlsx); export the report as .docx"
    elif "ppt/presentation.xml" in names:
        reason = "unsupported file type: PowerPoint (.pptx); export the report as .docx"
    elif "content.xml" in names:
        reason = "unsupported file type: OpenDocument (.odt); save as .docx"
    elif ext == "docx":
        reason = "corrupt .docx file: zip archive has no word/document.xml"
    else:
        reason = "unsupported file type: zip archive; unpack it first"
    raise IngestError(filename, reason)


def _sniff_ole2(data: bytes, filename: str, ext: str) -> Format:
    """Word 97 and WPS documents in an OLE2 compound file; name (and refuse) the rest.

    The main stream decides: "WordDocument" is Word's binary format, which WPS Office also
    writes into its .wps files. Other Office files (.xls, .ppt) are refused by name even
    when renamed, and so is an encrypted document. A .wps without a Word stream (Microsoft
    Works, older WPS) is still offered to LibreOffice, which reads several of those.
    """

    def has_stream(name: str) -> bool:
        """OLE2 directory entries store stream names in UTF-16LE."""
        return name.encode("utf-16-le") in data

    if has_stream("EncryptedPackage"):
        raise IngestError(
            filename, "encrypted Office document: remove the password and save as .docx"
        )
    if has_stream("WordDocument"):
        return "doc"
    if has_stream("Workbook") or has_stream("Book") or ext == "xls":
        raise IngestError(
            filename, "unsupported file type: legacy Excel .xls; export the report as .docx"
        )
    if has_stream("PowerPoint Document") or ext == "ppt":
        raise IngestError(
            filename, "unsupported file type: legacy PowerPoint .ppt; export the report as .docx"
        )
    if ext == "wps":
        return "wps"
    if ext == "doc":
        return "doc"
    raise IngestError(filename, "unsupported file type: legacy Office (OLE2) file; save as .docx")
