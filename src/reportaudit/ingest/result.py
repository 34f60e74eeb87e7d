"""The one value ingest hands to the rest of the system: the extracted text and how it was read.

Kept in its own module so the store, the CLI and the structure parser can import the type
without pulling in python-docx or pdfplumber.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Format = Literal["txt", "docx", "pdf"]
"""The formats ingest can read; anything else is refused with an ``IngestError``."""


@dataclass(frozen=True, slots=True)
class Extracted:
    """The cleaned text of one file plus the facts an auditor needs to trust it.

    ``text`` is what every later layer slices by offset, so it is never re-normalised after
    this point. ``encoding`` is the codec a .txt file was decoded with (None for docx/pdf,
    whose containers fix the encoding). ``warnings`` are one-line notes about anything lossy
    or guessed during extraction. ``headings`` lists heading-styled docx paragraphs that carry
    no numbering marker in their text, as ``(line_number, level)`` pairs: ``line_number`` is
    1-based into ``text.split("\\n")`` and ``level`` is the Word heading level (1 = top), so
    the structure parser can still recognise them as headings.
    """

    text: str
    format: Format
    encoding: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    headings: tuple[tuple[int, int], ...] = field(default_factory=tuple)
