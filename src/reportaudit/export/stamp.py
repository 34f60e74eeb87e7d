"""The machine-readable stamp of an export, and the digest of what it stamps.

Why: a working paper leaves the tool and must be checkable against the store later
(``reportaudit verify --export FILE``). Every export embeds one stamp (tool version, store,
time, actor, audit-trail head hash, sha256 of the content without the stamp), and the export's
audit event records the same digest. Each format has one place for the stamp, cut out exactly
before hashing:

- HTML: one line ``<meta name="reportaudit-stamp" content="…">`` after ``<meta charset>``; the digest is
  over the file's bytes without that line.
- CSV: a sidecar file ``NAME.csv.stamp.json`` beside it (a stamp row inside the data would be
  read as data by spreadsheets and csv readers); the digest is over the CSV's bytes.
- Word (.docx): a custom document property ``reportaudit-stamp``; the digest is over the
  canonical JSON of the document's paragraphs, tables, tracked changes and comments.
- JSON: the top-level "stamp" field; the digest is over the canonical JSON of the rest.
- xlsx: a hidden "Stamp" sheet (a zip's bytes change with every save, so bytes cannot be
  hashed); the digest is over the canonical JSON of every other sheet's cell values.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from typing import Any

STAMP_NAME = "reportaudit-stamp"
STAMP_SHEET = "Stamp"
_HTML_STAMP = re.compile(rb'<meta name="reportaudit-stamp" content="([^"<>]*)">\n')


class StampError(ValueError):
    """The file carries no readable stamp (not an export of this tool, or damaged)."""


def sha256(data: bytes) -> str:
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def canonical(value: Any) -> bytes:
    """Canonical JSON bytes (sorted keys, no spaces, UTF-8) so equal values hash alike."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def html_embed(content: bytes, stamp: dict[str, Any]) -> bytes:
    """Insert the stamp line right after the ``<meta charset>`` line of ``content`` (the
    charset must stay within the first 1024 bytes)."""
    line = f'<meta name="{STAMP_NAME}" content="{html.escape(json.dumps(stamp), quote=True)}">\n'
    anchor = b'<meta charset="utf-8">\n'
    at = content.index(anchor) + len(anchor)
    return content[:at] + line.encode() + content[at:]


def html_split(data: bytes) -> tuple[bytes, dict[str, Any]]:
    """(content without the stamp line, stamp) of an exported HTML file."""
    found = list(_HTML_STAMP.finditer(data))
    if len(found) != 1:
        raise StampError("no reportaudit stamp in this HTML file" if not found else "two stamps")
    m = found[0]
    stamp = json.loads(html.unescape(m.group(1).decode()))
    return data[: m.start()] + data[m.end() :], stamp


def csv_embed(content: bytes, stamp: dict[str, Any]) -> bytes:
    """Append the stamp as the last CSV line."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow([STAMP_NAME, json.dumps(stamp)])
    return content + buf.getvalue().encode()


def csv_split(data: bytes) -> tuple[bytes, dict[str, Any]]:
    """(content before the stamp line, stamp) of an exported CSV file."""
    body = data[:-2] if data.endswith(b"\r\n") else data
    cut = body.rfind(b"\r\n") + 2 if b"\r\n" in body else 0
    row = next(csv.reader(io.StringIO(body[cut:].decode("utf-8-sig"))), [])
    if len(row) != 2 or row[0] != STAMP_NAME:
        raise StampError("no reportaudit stamp on the last line of this CSV file")
    return data[:cut], json.loads(row[1])


SIDECAR_SUFFIX = ".stamp.json"


def sidecar_path(path: str) -> str:
    """Where the stamp of the CSV file ``path`` lives."""
    return path + SIDECAR_SUFFIX


def sidecar_bytes(stamp: dict[str, Any]) -> bytes:
    """The sidecar file's bytes: the stamp as JSON."""
    return (json.dumps({STAMP_NAME: stamp}, ensure_ascii=False, indent=2) + "\n").encode()


def sidecar_read(data: bytes) -> dict[str, Any]:
    """The stamp in a sidecar file's bytes (StampError when it holds none)."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except ValueError as exc:
        raise StampError(f"unreadable stamp sidecar: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get(STAMP_NAME), dict):
        raise StampError("no reportaudit stamp in the sidecar file")
    out: dict[str, Any] = doc[STAMP_NAME]
    return out


def json_digest(document: dict[str, Any]) -> str:
    """The digest of a JSON export: canonical JSON of everything but its "stamp"."""
    return sha256(canonical({k: v for k, v in document.items() if k != "stamp"}))


def cells_digest(sheets: list[tuple[str, list[list[Any]]]]) -> str:
    """The digest of an xlsx export: canonical JSON of (sheet, rows of cell values), with
    trailing empty cells and rows dropped (a reader may see a wider sheet than was written)."""
    norm = []
    for name, rows in sheets:
        out_rows = []
        for row in rows:
            cells = [_cell(v) for v in row]
            while cells and cells[-1] is None:
                cells.pop()
            out_rows.append(cells)
        while out_rows and not out_rows[-1]:
            out_rows.pop()
        norm.append([name, out_rows])
    return sha256(canonical(norm))


def _cell(value: Any) -> Any:
    """A cell value in the digest's terms: text as text, numbers as short strings."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return repr(round(float(value), 9))
    return str(value)
