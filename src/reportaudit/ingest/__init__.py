"""Turn a file's bytes into clean text: .txt (UTF-8/UTF-16/GB18030 detected), .docx, .pdf,
saved web pages (.html/.htm), .doc/.wps/.rtf (through LibreOffice) and scans (OCR extra).

Public API: ``extract(data, filename, *, limits=Limits(), on_page=None) -> Extracted`` (raises
``IngestError``; ``LimitExceeded`` for a file over a limit) and ``clean_text(text) -> str``. This package is the only place that touches
file formats; it imports no UI and no persistence, so it can be used and tested on its own.
"""

from reportaudit.ingest.clean import clean_text
from reportaudit.ingest.extract import MAX_BYTES, extract
from reportaudit.ingest.limits import Budget, LimitExceeded, Limits
from reportaudit.ingest.result import Extracted, Format, OcrInfo, PageProgress

__all__ = [
    "MAX_BYTES",
    "Budget",
    "Extracted",
    "Format",
    "LimitExceeded",
    "Limits",
    "OcrInfo",
    "PageProgress",
    "clean_text",
    "extract",
]
