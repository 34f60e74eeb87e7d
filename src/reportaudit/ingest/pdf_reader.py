"""Read a PDF's text layer page by page, without the page furniture; OCR scanned pages.

Page furniture (running headers, page numbers) is dropped and wrapped lines are rejoined by
``layout``. A page without a text layer is a scan: with the ``ocr`` extra it is rendered and
recognised (so a wholly scanned report, or a text report with a scanned signature page, reads
whole); without it a wholly scanned PDF is refused with the install hint rather than stored
as empty, and a partly scanned one imports with a warning naming the pages left out.
"""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from reportaudit.errors import IngestError
from reportaudit.ingest.clean import normalise_newlines, one_line
from reportaudit.ingest.layout import Line, is_page_number, reflow, strip_furniture
from reportaudit.ingest.limits import Budget
from reportaudit.ingest.result import OcrInfo, PageProgress

__all__ = ["Line", "is_page_number", "read_pdf", "reflow", "strip_furniture"]


def _page_count(data: bytes) -> int | None:
    """The page count from pdfium (milliseconds even for thousands of pages; pdfminer
    builds every page object first), or None when pdfium cannot open the file."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except Exception:  # pdfplumber gets its chance to explain the damage
        return None
    try:
        return len(document)
    finally:
        document.close()


def read_pdf(
    data: bytes,
    filename: str,
    *,
    on_page: PageProgress | None = None,
    budget: Budget | None = None,
) -> tuple[str, tuple[str, ...], OcrInfo | None]:
    """Return ``(text, warnings, ocr)`` from the PDF's text layer and OCR of its scanned
    pages (``ocr`` is None when none was needed), or raise ``IngestError``. ``budget``
    (default limits when None) bounds pages (before any is read), characters and time."""
    budget = budget or Budget(filename)
    counted = _page_count(data)
    if counted is not None:
        budget.check_pages(counted)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            budget.check_pages(len(pdf.pages))
            pages = []
            chars = 0
            for page in pdf.pages:
                lines = _page_lines(page)
                page.close()
                pages.append(lines)
                chars += sum(len(x.text) + 1 for x in lines)
                budget.check_chars(chars, at_least=True)
                budget.check_time()
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise IngestError(
                filename, "encrypted PDF: needs a password; remove it first"
            ) from None
        if isinstance(cause, PDFEncryptionError):
            raise IngestError(
                filename, f"encrypted PDF: cannot decrypt ({one_line(cause)})"
            ) from None
        raise IngestError(filename, f"corrupt .pdf file: {one_line(cause)}") from None
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise IngestError(filename, f"corrupt .pdf file: {one_line(exc)}") from None

    warnings: list[str] = []
    scanned = [i for i, lines in enumerate(pages) if not any(x.text.strip() for x in lines)]
    ocr: OcrInfo | None = None
    if scanned:
        from reportaudit.ingest import ocr as ocr_module

        if len(scanned) == len(pages) or ocr_module.available():
            what = "no text layer (scanned PDF?)"
            engine = ocr_module.engine_or_error(filename, what)
            reader = ocr_module.Recogniser(engine, len(scanned), on_page)
            for i, image in zip(scanned, _render(data, filename, scanned), strict=True):
                pages[i] = reader.page(image, scale=ocr_module.PDF_DPI / 72)
            ocr = reader.info(ocr_module.PDF_DPI)
            warnings.extend(reader.notes())
            if not any(line.text.strip() for lines in pages for line in lines):
                raise IngestError(filename, "no text layer, and no text found by OCR")
        else:
            warnings.append(
                f"{len(scanned)} page(s) have no text layer (scanned pages?), left out; "
                f"to read them by OCR: {ocr_module.EXTRA_HINT}"
            )
    kept, dropped = strip_furniture(pages)
    if dropped:
        warnings.append(f"dropped {dropped} page header/footer/page-number line(s)")
    return "\n".join(reflow(kept)), tuple(warnings), ocr


def _render(data: bytes, filename: str, indices: list[int]) -> Any:
    """Yield the given pages rendered as PIL images at the OCR resolution."""
    import pypdfium2

    from reportaudit.ingest.ocr import PDF_DPI

    try:
        document = pypdfium2.PdfDocument(data)
    except Exception as exc:  # pdfium raises its own PdfiumError on damaged files
        raise IngestError(filename, f"corrupt .pdf file: {one_line(exc)}") from None
    try:
        for i in indices:
            page = document[i]
            try:
                yield page.render(scale=PDF_DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
    finally:
        document.close()


def _page_lines(page: Any) -> list[Line]:
    """The visual lines of one page, in reading order, with their extents."""
    lines: list[Line] = []
    for raw in page.extract_text_lines(return_chars=True):
        text = normalise_newlines(raw.get("text") or "").replace("\n", " ")
        chars = raw.get("chars") or []
        widths = sorted(float(c["x1"]) - float(c["x0"]) for c in chars) or [10.0]
        median = widths[len(widths) // 2]
        lines.append(Line(text, float(raw["x0"]), float(raw["x1"]), median, float(raw["top"])))
    return lines
