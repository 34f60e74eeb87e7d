"""Turn a file's bytes into clean text: .txt (UTF-8/UTF-16/GB18030 detected), .docx, .pdf.

Public API: ``extract(data, filename, *, max_bytes=MAX_BYTES) -> Extracted`` (raises
``IngestError``) and ``clean_text(text) -> str``. This package is the only place that touches
file formats; it imports no UI and no persistence, so it can be used and tested on its own.
"""

from reportaudit.ingest.clean import clean_text
from reportaudit.ingest.extract import MAX_BYTES, extract
from reportaudit.ingest.result import Extracted, Format

__all__ = ["MAX_BYTES", "Extracted", "Format", "clean_text", "extract"]
