"""Read page images by OCR (scanned PDFs, .png/.jpg/.tif), in the optional ``ocr`` extra.

Reports reach auditors as scans often enough (a signed and stamped copy, a photo of the
paper) that refusing them leaves a hole in the record. RapidOCR on ONNX Runtime
(``rapidocr-onnxruntime``) ships the Chinese PP-OCR detection and recognition models inside
its wheel, so it runs offline on a plain CPU; it is an extra because it weighs ~150 MB.

The engine returns text boxes; this module rebuilds lines from them (boxes whose vertical
extents overlap form one line, read left to right) as ``layout.Line`` values, so the same
furniture removal and paragraph reflow as for a PDF text layer apply. The orientation
classifier is off: it only flips single boxes it thinks are upside down, and on upright
report pages it did more harm than good in our measurements. OCR text is never certain: the
import says it came from OCR, with the engine, its version and the mean confidence.
"""

from __future__ import annotations

import functools
import io
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from reportaudit.errors import IngestError
from reportaudit.ingest.clean import one_line
from reportaudit.ingest.layout import Line
from reportaudit.ingest.result import OcrInfo, PageProgress

ENGINE = "rapidocr-onnxruntime"
"""The distribution name: what ``pip`` installs and what the revision records."""

EXTRA_HINT = "pip install 'reportaudit[ocr]'"
"""How to get OCR; every refusal that OCR would have avoided names it."""

PDF_DPI = 150
"""Resolution PDF pages are rendered at: 10.5-12 pt body text is 22-25 px high, which the
recogniser (48 px input) reads well, and an A4 page (1240 x 1754) stays under the engine's
2000 px limit, so nothing is scaled twice."""

MAX_IMAGE_PIXELS = 60_000_000
"""An image larger than this (e.g. 7,000 x 9,000) is not a page scan; refuse, don't allocate."""

LOW_CONFIDENCE = 0.85
"""Mean recognition score under which the import warns that the text needs checking."""


@dataclass(frozen=True, slots=True)
class Box:
    """One recognised text box: its text, extent (pixels) and recognition score."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    score: float


def available() -> bool:
    """Whether the ``ocr`` extra is installed (the engine imports)."""
    try:
        _engine()
    except ImportError:
        return False
    return True


def engine_version() -> str:
    """The installed engine's version ("unknown" when its metadata is missing)."""
    try:
        return metadata.version(ENGINE)
    except metadata.PackageNotFoundError:
        return "unknown"


def _engine() -> Any:
    """The RapidOCR engine (raises ImportError without the extra)."""
    from rapidocr_onnxruntime import RapidOCR  # checked on every call: cheap once imported

    return _create(RapidOCR)


@functools.cache
def _create(factory: Any) -> Any:
    """One engine per process: loading the models takes ~0.3 s."""
    return factory(use_cls=False)


def engine_or_error(filename: str, what: str) -> Any:
    """The engine, or an ``IngestError`` saying ``what`` needs the extra."""
    try:
        return _engine()
    except ImportError:
        raise IngestError(filename, f"{what}; to read it by OCR: {EXTRA_HINT}") from None


def recognise(engine: Any, image: Any) -> list[Box]:
    """OCR one page image (PIL) into text boxes, in no particular order."""
    result, _elapsed = engine(image.convert("RGB"))
    boxes: list[Box] = []
    for points, text, score in result or ():
        text = str(text).strip()
        if not text:
            continue
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        boxes.append(Box(text, min(xs), max(xs), min(ys), max(ys), float(score)))
    return boxes


def lines_from_boxes(boxes: Iterable[Box], *, scale: float = 1.0) -> list[Line]:
    """Group boxes into visual lines in reading order; coordinates divided by ``scale``.

    A box joins the line whose vertical extent it overlaps by at least half of the smaller
    height (top to bottom, so a slightly skewed scan still groups right); each line reads left
    to right. Boxes on one line more than one character apart are joined with a space (a
    table row, a signature and its date), closer ones directly (Chinese has no spaces).
    """
    rows: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        row = rows[-1] if rows else None
        if row is not None and _same_line(row, box):
            row.append(box)
        else:
            rows.append([box])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda b: b.x0)
        widths = sorted((b.x1 - b.x0) / max(len(b.text), 1) for b in row)
        char = widths[len(widths) // 2]
        text = row[0].text
        for prev, box in itertools.pairwise(row):
            text += (" " if box.x0 - prev.x1 > char else "") + box.text
        lines.append(
            Line(
                text,
                row[0].x0 / scale,
                row[-1].x1 / scale,
                char / scale,
                min(b.top for b in row) / scale,
            )
        )
    return lines


def _same_line(row: list[Box], box: Box) -> bool:
    """Whether ``box`` overlaps the row's vertical extent by half the smaller height."""
    top = min(b.top for b in row)
    bottom = max(b.bottom for b in row)
    overlap = min(bottom, box.bottom) - max(top, box.top)
    return overlap >= 0.5 * min(bottom - top, box.bottom - box.top)


class Recogniser:
    """OCR of several pages of one file, reporting progress and collecting the scores."""

    def __init__(self, engine: Any, total: int, on_page: PageProgress | None) -> None:
        """Start at page 0 of ``total``; tell ``on_page`` so before the first (slow) page."""
        self._engine = engine
        self.total = total
        self.done = 0
        self._scores: list[float] = []
        self._on_page = on_page
        if on_page is not None:
            on_page(0, total)

    def page(self, image: Any, *, scale: float = 1.0) -> list[Line]:
        """OCR one page image into lines (coordinates divided by ``scale``)."""
        boxes = recognise(self._engine, image)
        self._scores.extend(b.score for b in boxes)
        self.done += 1
        if self._on_page is not None:
            self._on_page(self.done, self.total)
        return lines_from_boxes(boxes, scale=scale)

    def info(self, dpi: int | None) -> OcrInfo:
        """What the revision records about this OCR run."""
        mean = sum(self._scores) / len(self._scores) if self._scores else 0.0
        return OcrInfo(ENGINE, engine_version(), self.done, dpi, mean)

    def notes(self) -> tuple[str, ...]:
        """One-line warnings for the import: it was OCR, and whether confidence is low."""
        info = self.info(None)
        notes = [
            f"text read by OCR ({info.engine} {info.version}) from {info.pages} page "
            f"image(s), mean confidence {info.confidence:.2f}: check figures against the scan"
        ]
        if self._scores and info.confidence < LOW_CONFIDENCE:
            notes.append(f"OCR confidence is low ({info.confidence:.2f}): poor scan?")
        return tuple(notes)


def read_image(
    data: bytes, filename: str, *, on_page: PageProgress | None = None
) -> tuple[list[list[Line]], OcrInfo, tuple[str, ...]]:
    """OCR a page image (PNG, JPEG, TIFF with one or more pages) into lines per page.

    Returns ``(pages of lines, OCR info, notes)``; raises ``IngestError`` when the extra is
    missing, the image is damaged or too large, or no text is found.
    """
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    engine = engine_or_error(filename, "page image (scan or photo)")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise IngestError(
                    filename,
                    f"refused: image of {image.width} x {image.height} pixels is not a page",
                )
            frames = [ImageOps.exif_transpose(f.copy()) for f in ImageSequence.Iterator(image)]
    except IngestError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise IngestError(filename, f"corrupt image file: {one_line(exc)}") from None
    reader = Recogniser(engine, len(frames), on_page)
    pages = [reader.page(frame) for frame in frames]
    if not any(line.text.strip() for lines in pages for line in lines):
        raise IngestError(filename, "no text found by OCR (blank page or not a document?)")
    return pages, reader.info(None), reader.notes()
