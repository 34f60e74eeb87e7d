"""The ingest entry point: bytes and a filename in, one ``Extracted`` (or ``IngestError``) out.

It enforces the size limit, lets the content decide the format, dispatches to the reader for
that format and applies the shared cleaning, so every caller (CLI import, TUI, tests) gets the
same text for the same file. Legacy word-processor files (.doc, .wps, .rtf) are converted to
.docx by LibreOffice and read by the .docx reader; page images and scanned PDF pages are read
by OCR (the ``ocr`` extra), reporting per-page progress through ``on_page``.
"""

from __future__ import annotations

from dataclasses import replace

from reportaudit.errors import IngestError
from reportaudit.ingest.clean import clean_text
from reportaudit.ingest.layout import reflow, strip_furniture
from reportaudit.ingest.limits import Budget, Limits
from reportaudit.ingest.result import Extracted, Format, OcrInfo, PageProgress
from reportaudit.ingest.sniff import extension, sniff

MAX_BYTES = Limits().max_bytes
"""Default size limit: real self-evaluation reports are well under 10 MB, even as PDF."""

BYTES_PER_CHAR_MAX = 4
"""No encoding we read (UTF-8, UTF-16, GB18030) spends more bytes on one character, so a
text file of more than 4 x max_chars bytes is over the character limit before decoding."""

_HINTED: dict[str, Format] = {
    "txt": "txt",
    "text": "txt",
    "docx": "docx",
    "pdf": "pdf",
    "html": "html",
    "htm": "html",
    "doc": "doc",
    "wps": "doc",
    "rtf": "rtf",
    "png": "image",
    "jpg": "image",
    "jpeg": "image",
    "tif": "image",
    "tiff": "image",
}
_SAME = {("wps", "wps"), ("doc", "wps")}
"""Extension/content pairs that are not worth a warning (WPS writes Word's format)."""


def extract(
    data: bytes,
    filename: str,
    *,
    max_bytes: int | None = None,
    on_page: PageProgress | None = None,
    limits: Limits | None = None,
    budget: Budget | None = None,
) -> Extracted:
    """Read ``data`` (the bytes of ``filename``) as a report and return its cleaned text.

    Raises ``IngestError(filename, reason)`` with a one-line reason for anything that is not a
    readable report: too large, empty, binary, unsupported, corrupt, encrypted, or needing a
    program or extra that is not installed (LibreOffice, OCR). ``on_page(done, total)`` hears
    about pages read by OCR. ``limits`` (or the ``budget`` of a caller that started the
    clock earlier) bound bytes, inflated .docx parts, pages, characters and time; a file over
    one raises ``LimitExceeded`` naming it. ``max_bytes`` overrides the byte limit.
    """
    if budget is None:
        budget = Budget(filename, limits or Limits())
    if max_bytes is not None:
        budget.limits = replace(budget.limits, max_bytes=max_bytes)
    budget.check_bytes(len(data))
    if not data:
        raise IngestError(filename, "empty: no text")
    fmt = sniff(data, filename)
    ext = extension(filename)
    warnings: list[str] = []
    hinted = _HINTED.get(ext)
    if hinted is not None and hinted != fmt and (hinted, fmt) not in _SAME:
        warnings.append(f"file is named .{ext} but its content is {fmt}")

    encoding: str | None = None
    headings: tuple[tuple[int, int], ...] = ()
    ocr: OcrInfo | None = None
    converter: str | None = None
    # Readers are imported on first use: python-docx, pdfplumber, lxml and the OCR engine are
    # slow to import and a plain-text import (the common case in scripts and tests) should not
    # pay for them.
    on_page = _timed(on_page, budget)
    if fmt == "docx":
        from reportaudit.ingest.docx_reader import read_docx

        raw, headings, notes = read_docx(data, filename, budget=budget)
    elif fmt in ("doc", "wps", "rtf"):
        from reportaudit.ingest.convert import to_docx
        from reportaudit.ingest.docx_reader import read_docx

        converted, converter = to_docx(data, filename, fmt)
        raw, headings, notes = read_docx(converted, filename, budget=budget)
        notes = (f"converted to .docx by {converter}", *notes)
    elif fmt == "pdf":
        from reportaudit.ingest.pdf_reader import read_pdf

        raw, notes, ocr = read_pdf(data, filename, on_page=on_page, budget=budget)
    elif fmt == "image":
        from reportaudit.ingest.ocr import read_image

        pages, ocr, notes = read_image(data, filename, on_page=on_page)
        kept, dropped = strip_furniture(pages)
        raw = "\n".join(reflow(kept))
        if dropped:
            notes = (*notes, f"dropped {dropped} page header/footer/page-number line(s)")
    elif fmt == "html":
        from reportaudit.ingest.html_reader import read_html

        raw, encoding, notes = read_html(data, filename)
    else:
        from reportaudit.ingest.text_reader import decode_text

        budget.check_chars(-(-len(data) // BYTES_PER_CHAR_MAX), at_least=True)
        try:
            raw, encoding, notes = decode_text(data, filename)
        except IngestError as exc:
            if ext in {"docx", "pdf", "doc", "wps", "png", "jpg", "jpeg", "tif", "tiff"}:
                raise IngestError(
                    filename, f"corrupt .{ext} file: not a {ext.upper()} at all ({exc.reason})"
                ) from None
            raise
    warnings.extend(notes)

    budget.check_chars(len(raw))
    budget.check_time()
    text = clean_text(raw)
    if not text.strip():
        raise IngestError(filename, "empty: no text" if ocr is None else "no text found by OCR")
    lines = text.split("\n")
    headings = tuple((n, lvl) for n, lvl in headings if n <= len(lines) and lines[n - 1].strip())
    return Extracted(
        text=text,
        format=fmt,
        encoding=encoding,
        warnings=tuple(warnings),
        headings=headings,
        ocr=ocr,
        converter=converter,
    )


def _timed(on_page: PageProgress | None, budget: Budget) -> PageProgress:
    """``on_page`` that also refuses the file once it has taken too long (OCR is slow)."""

    def timed(done: int, total: int) -> None:
        """Report the page, then check the clock."""
        if on_page is not None:
            on_page(done, total)
        budget.check_time("OCR")

    return timed
