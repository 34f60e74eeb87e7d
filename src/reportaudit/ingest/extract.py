"""The ingest entry point: bytes and a filename in, one ``Extracted`` (or ``IngestError``) out.

It enforces the size limit, lets the content decide the format, dispatches to the reader for
that format and applies the shared cleaning, so every caller (CLI import, TUI, tests) gets the
same text for the same file.
"""

from __future__ import annotations

from reportaudit.errors import IngestError
from reportaudit.ingest.clean import clean_text
from reportaudit.ingest.result import Extracted
from reportaudit.ingest.sniff import extension, sniff

MAX_BYTES = 50 * 1024 * 1024
"""Default size limit: real self-evaluation reports are well under 10 MB, even as PDF."""

_HINTED = {"txt": "txt", "text": "txt", "docx": "docx", "pdf": "pdf"}


def extract(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> Extracted:
    """Read ``data`` (the bytes of ``filename``) as a report and return its cleaned text.

    Raises ``IngestError(filename, reason)`` with a one-line reason for anything that is not a
    readable report: too large, empty, binary, unsupported, corrupt, encrypted or scanned.
    """
    if len(data) > max_bytes:
        raise IngestError(
            filename, f"file too large: {_size(len(data))} (limit {_size(max_bytes)})"
        )
    if not data:
        raise IngestError(filename, "empty: no text")
    fmt = sniff(data, filename)
    ext = extension(filename)
    warnings: list[str] = []
    hinted = _HINTED.get(ext)
    if hinted is not None and hinted != fmt:
        warnings.append(f"file is named .{ext} but its content is {fmt}")

    encoding: str | None = None
    headings: tuple[tuple[int, int], ...] = ()
    # Readers are imported on first use: python-docx and pdfplumber are slow to import and a
    # plain-text import (the common case in scripts and tests) should not pay for them.
    if fmt == "docx":
        from reportaudit.ingest.docx_reader import read_docx

        raw, headings, notes = read_docx(data, filename)
    elif fmt == "pdf":
        from reportaudit.ingest.pdf_reader import read_pdf

        raw, notes = read_pdf(data, filename)
    else:
        from reportaudit.ingest.text_reader import decode_text

        try:
            raw, encoding, notes = decode_text(data, filename)
        except IngestError as exc:
            if ext in {"docx", "pdf"}:
                raise IngestError(
                    filename, f"corrupt .{ext} file: not a {ext.upper()} at all ({exc.reason})"
                ) from None
            raise
    warnings.extend(notes)

    text = clean_text(raw)
    if not text.strip():
        raise IngestError(filename, "empty: no text")
    lines = text.split("\n")
    headings = tuple((n, lvl) for n, lvl in headings if n <= len(lines) and lines[n - 1].strip())
    return Extracted(
        text=text,
        format=fmt,
        encoding=encoding,
        warnings=tuple(warnings),
        headings=headings,
    )


def _size(n: int) -> str:
    """A byte count for messages: megabytes with one decimal, or bytes when small."""
    if n >= 100 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{n} bytes"
