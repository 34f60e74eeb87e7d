"""The findings as CSV: one row per finding, for any spreadsheet or script.

Why UTF-8 with a BOM and CRLF: Excel on Chinese Windows opens a BOM-less UTF-8 CSV as GBK and
shows mojibake. Every cell goes through ``csv_cell`` (formula-like text gets a leading
apostrophe) because report text is untrusted. The stamp is not inside the data (a spreadsheet
would show it as one more row): it is a sidecar file ``NAME.csv.stamp.json`` written beside
the CSV (see ``reportaudit.export.stamp.csv_sidecar``). Column headers follow the reader's
language; ``COLUMNS`` are the stable English names (``--lang en``).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from reportaudit.export.html import explanation
from reportaudit.export.labels import name
from reportaudit.export.model import FindingRow, Side, WorkingPaper
from reportaudit.export.safety import csv_cell
from reportaudit.export.stamp import sha256
from reportaudit.i18n import _

__all__ = ["COLUMNS", "render_csv"]

COLUMNS = (
    "No.",
    "Index no.",
    "Kind",
    "Severity",
    "Band",
    "Relation or rule",
    "Template",
    "Similarity",
    "Characters",
    "Explanation",
    "A revision",
    "A unit",
    "A year",
    "A section",
    "A section type",
    "A start",
    "A end",
    "A text",
    "B revision",
    "B unit",
    "B year",
    "B section",
    "B section type",
    "B start",
    "B end",
    "B text",
    "Review status",
    "Reviewer",
    "Reviewed at (UTC)",
    "Note",
    "Finding id",
)
"""The header row (English msgids); marks cannot be shown in CSV, so passages are plain text.
Codes (kind, band, relation, status) stay codes so scripts can filter on them."""


def _side(side: Side | None) -> list[Any]:
    """The passage columns (empty for a check finding's missing side)."""
    if side is None:
        return [""] * 8
    return [
        side.revision,
        side.unit,
        side.year,
        side.section_path,
        side.section_type,
        side.start,
        side.end,
        side.text,
    ]


def _row(f: FindingRow) -> list[Any]:
    """One finding as CSV values, in COLUMNS order."""
    return [
        f.number,
        f.index,
        f.kind,
        f.severity,
        f.band,
        f.relation if f.source == "reuse" else f.rule,
        "yes" if f.template else "",
        "" if f.similarity is None else f"{f.similarity:.4f}",
        f.chars,
        explanation(f),
        *_side(f.a),
        *_side(f.b),
        f.review.status,
        f.review.reviewer,
        f.review.at,
        f.review.note,
        f.id,
    ]


def render_csv(paper: WorkingPaper) -> tuple[bytes, str]:
    """(UTF-8-with-BOM bytes, their digest); the stamp goes to the sidecar file."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([_(c) for c in COLUMNS])
    for f in paper.findings:
        writer.writerow([csv_cell(v) for v in _row(f)])
    content = "\ufeff".encode() + buf.getvalue().encode()
    return content, sha256(content)


def kind_name(code: str) -> str:
    """The reader's name of a finding kind (for scripts that want the label)."""
    return name("kind", code)
