"""Build small .docx/.pdf files in memory for ingest tests.

Building documents inside the tests (rather than only reading committed fixtures) lets each
test plant exactly the feature it checks: a style name, a merged cell, a footer.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any


def docx_bytes(build: Callable[[Any], None]) -> bytes:
    """Create a .docx with python-docx, let ``build(document)`` fill it, return its bytes."""
    import docx

    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def pdf_bytes(pages: list[list[tuple[float, float, str]]], *, size: float = 11.0) -> bytes:
    """A PDF whose pages hold strings drawn at (x, y) in the Chinese CID font STSong-Light."""
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A5, invariant=1)
    for page in pages:
        c.setFont("STSong-Light", size)
        for x, y, text in page:
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return buf.getvalue()
