"""Exports of the working paper (审计工作底稿): HTML, xlsx, CSV and JSON.

Why a package of pure renderers: ``reportaudit.services.workpaper`` loads findings, reviews
and the audit-trail head from the store into a frozen ``WorkingPaper``; each renderer turns
that value into bytes and the digest its stamp carries, and never touches the store, so what
the export event records is what the file shows.

Public API: ``FORMATS``; ``render(paper, fmt) -> (bytes, sha256)``; ``read_stamp(data) ->
(stamp dict, sha256 recomputed from the content)`` for ``verify --export``; the model in
``reportaudit.export.model``.
"""

from __future__ import annotations

import io
import json as jsonlib
from collections.abc import Callable

from reportaudit.export.csv import render_csv
from reportaudit.export.html import render_html
from reportaudit.export.json import render_json
from reportaudit.export.model import WorkingPaper
from reportaudit.export.stamp import (
    STAMP_NAME,
    STAMP_SHEET,
    StampError,
    cells_digest,
    csv_split,
    html_split,
    json_digest,
    sha256,
    sidecar_read,
)
from reportaudit.export.word import render_docx
from reportaudit.export.xlsx import render_xlsx

__all__ = ["FORMATS", "StampError", "WorkingPaper", "read_stamp", "render", "sniff_format"]

FORMATS: dict[str, Callable[[WorkingPaper], tuple[bytes, str]]] = {
    "html": render_html,
    "xlsx": render_xlsx,
    "csv": render_csv,
    "json": render_json,
    "docx": render_docx,
}
"""Format name -> renderer returning (file bytes with the stamp, digest of the content)."""


def render(paper: WorkingPaper, fmt: str) -> tuple[bytes, str]:
    """The exported file's bytes and its content digest, in format ``fmt``."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}") from None
    return renderer(paper)


def sniff_format(data: bytes) -> str:
    """Which of our formats ``data`` is, from its first bytes (a file may be renamed)."""
    head = data[:64].lstrip()
    if data.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:4096] or _zip_has(data, "word/document.xml") else "xlsx"
    if head.startswith(b"{"):
        return "json"
    if head.lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return "csv"


def _zip_has(data: bytes, member: str) -> bool:
    """Whether the zip in ``data`` holds ``member``."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return member in z.namelist()
    except zipfile.BadZipFile:
        return False


def read_stamp(data: bytes, *, sidecar: bytes | None = None) -> tuple[dict[str, object], str]:
    """(the embedded stamp, sha256 recomputed from the content without it).

    ``sidecar``: the bytes of a CSV's ``.stamp.json`` file (a CSV carries no stamp itself;
    CSVs from before the sidecar have it as their last line). The two digests agree only
    when the file is as exported; raises StampError when the file carries no stamp.
    """
    fmt = sniff_format(data)
    if fmt == "html":
        content, stamp = html_split(data)
        return stamp, sha256(content)
    if fmt == "docx":
        from reportaudit.export.docx import docx_stamp

        return docx_stamp(data)
    if fmt == "csv":
        if sidecar is not None:
            return sidecar_read(sidecar), sha256(data)
        try:
            content, stamp = csv_split(data)
        except StampError:
            raise StampError("no stamp sidecar (FILE.stamp.json) beside this CSV file") from None
        return stamp, sha256(content)
    if fmt == "json":
        try:
            doc = jsonlib.loads(data.decode("utf-8"))
        except ValueError as exc:
            raise StampError(f"not a JSON export: {exc}") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("stamp"), dict):
            raise StampError("no reportaudit stamp in this JSON file")
        return doc["stamp"], json_digest(doc)
    return _xlsx_stamp(data)


def _xlsx_stamp(data: bytes) -> tuple[dict[str, object], str]:
    """Stamp and digest of a workbook: the hidden Stamp sheet, the other sheets' cells."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data))
    except Exception as exc:  # openpyxl raises many kinds on damaged zips
        raise StampError(f"not a readable workbook: {exc}") from None
    if STAMP_SHEET not in wb.sheetnames or wb[STAMP_SHEET]["A1"].value != STAMP_NAME:
        raise StampError("no reportaudit stamp sheet in this workbook")
    stamp = jsonlib.loads(str(wb[STAMP_SHEET]["B1"].value))
    sheets = [
        (ws.title, [list(r) for r in ws.iter_rows(values_only=True)])
        for ws in wb.worksheets
        if ws.title != STAMP_SHEET
    ]
    return stamp, cells_digest(sheets)
