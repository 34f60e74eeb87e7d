"""The one value ingest hands to the rest of the system: the extracted text and how it was read.

Kept in its own module so the store, the CLI and the structure parser can import the type
without pulling in python-docx, pdfplumber, lxml or the OCR engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

Format = Literal["txt", "docx", "pdf", "html", "doc", "wps", "rtf", "image"]
"""The formats ingest can read; anything else is refused with an ``IngestError``. "doc",
"wps" and "rtf" are converted by LibreOffice; "image" (and a PDF without a text layer) is
read by OCR when the ``ocr`` extra is installed."""

PageProgress = Callable[[int, int], None]
"""``on_page(done, total)``: called before the first and after each page read by OCR (the
slow part of an import), so a front end can show progress; the core prints nothing."""


@dataclass(frozen=True, slots=True)
class OcrInfo:
    """How a text came from OCR: the engine and its version, so the revision can say so.

    ``pages`` is the number of pages recognised (not the page count of the file: a PDF may
    mix text-layer and scanned pages), ``dpi`` the resolution PDF pages were rendered at
    (None for images, read at their own resolution), ``confidence`` the mean recognition
    score of the kept lines (0-1).
    """

    engine: str
    version: str
    pages: int
    dpi: int | None
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape stored in the import event and printed by ``show --json``."""
        return {
            "engine": self.engine,
            "version": self.version,
            "pages": self.pages,
            "dpi": self.dpi,
            "confidence": round(self.confidence, 4),
        }


@dataclass(frozen=True, slots=True)
class Extracted:
    """The cleaned text of one file plus the facts an auditor needs to trust it.

    ``text`` is what every later layer slices by offset, so it is never re-normalised after
    this point. ``encoding`` is the codec a .txt or .html file was decoded with (None for
    formats whose containers fix the encoding). ``warnings`` are one-line notes about anything
    lossy or guessed during extraction. ``headings`` lists heading-styled docx paragraphs that
    carry no numbering marker in their text, as ``(line_number, level)`` pairs:
    ``line_number`` is 1-based into ``text.split("\\n")`` and ``level`` is the Word heading
    level (1 = top), so the structure parser can still recognise them as headings. ``ocr`` is
    set when (some of) the text was recognised from page images; ``converter`` names the
    program that converted a legacy format (.doc, .wps, .rtf) before it was read.
    """

    text: str
    format: Format
    encoding: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    headings: tuple[tuple[int, int], ...] = field(default_factory=tuple)
    ocr: OcrInfo | None = None
    converter: str | None = None

    def details(self) -> dict[str, Any] | None:
        """How the text was obtained beyond reading the file, for the import's audit event
        (None when it was read directly)."""
        out: dict[str, Any] = {}
        if self.ocr is not None:
            out["ocr"] = self.ocr.to_dict()
        if self.converter is not None:
            out["converter"] = self.converter
        return out or None
