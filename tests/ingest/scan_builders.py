"""Make "scans" for OCR tests: report text rendered to page images with a CJK font.

A scanned report is a PDF of page images with no text layer; we make one by drawing our own
(or a ../shared corpus) text onto A4 pages with PIL, like a printout fed through a scanner,
and saving the images as a PDF. Needs a Chinese font from the system (Debian:
fonts-wqy-zenhei or fonts-noto-cjk); ``cjk_font()`` returns None when there is none, and the
tests skip.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

KNOWN_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)


def cjk_font() -> Path | None:
    """A font file that draws Chinese, or None."""
    for known in KNOWN_FONTS:
        if Path(known).is_file():
            return Path(known)
    if shutil.which("fc-list"):
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False
        ).stdout
        for line in out.splitlines():
            path = Path(line.split(":")[0].strip())
            if path.suffix.lower() in {".ttf", ".ttc", ".otf"} and path.is_file():
                return path
    return None


def render_pages(text: str, font_path: Path, *, dpi: int = 110, size_pt: float = 12.0) -> list[Any]:
    """Draw ``text`` on A4 pages (PIL images, greyscale), wrapping at the margins.

    Each line of ``text`` is a paragraph; body paragraphs get a two-character indent, like
    a printed report; headings and short lines are drawn flush left.
    """
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_path), round(size_pt / 72 * dpi))
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    margin = round(0.9 * dpi)
    step = round(font.size * 1.7)
    pages: list[Any] = []
    draw: Any = None
    y = height

    def new_line() -> None:
        nonlocal draw, y
        if draw is None or y + step > height - margin:
            page = Image.new("L", (width, height), 255)
            pages.append(page)
            draw = ImageDraw.Draw(page)
            y = margin

    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        indent = 2 * font.size if len(paragraph) > 30 else 0
        line = ""
        for ch in paragraph:
            if font.getlength(line + ch) > width - 2 * margin - indent:
                new_line()
                draw.text((margin + indent, y), line, font=font, fill=0)
                y += step
                line, indent = "", 0
            line += ch
        new_line()
        draw.text((margin + indent, y), line, font=font, fill=0)
        y += step
    return pages


def image_pdf(pages: list[Any], *, dpi: int = 110) -> bytes:
    """The page images as an image-only PDF (no text layer), as a scanner writes."""
    buf = io.BytesIO()
    first, *rest = pages
    first.save(buf, format="PDF", save_all=True, append_images=rest, resolution=dpi)
    return buf.getvalue()


def png_bytes(page: Any) -> bytes:
    """One page image as PNG bytes."""
    buf = io.BytesIO()
    page.save(buf, format="PNG")
    return buf.getvalue()
