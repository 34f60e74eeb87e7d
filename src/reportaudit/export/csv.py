"""The findings as CSV: one row per finding, for any spreadsheet or script.

Why UTF-8 with a BOM and CRLF: Excel on Chinese Windows opens a BOM-less UTF-8 CSV as GBK and
shows mojibake. Every cell goes through ``csv_cell`` (formula-like text gets a leading
apostrophe) because report text is untrusted. The stamp is the last line.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from reportaudit.export.model import FindingRow, Side, WorkingPaper
from reportaudit.export.safety import csv_cell
from reportaudit.export.stamp import csv_embed, sha256

__all__ = ["COLUMNS", "render_csv"]

COLUMNS = (
    "no",
    "kind",
    "severity",
    "band",
    "relation_or_rule",
    "template",
    "similarity",
    "chars",
    "explanation",
    "a_revision",
    "a_unit",
    "a_year",
    "a_section",
    "a_section_type",
    "a_start",
    "a_end",
    "a_text",
    "b_revision",
    "b_unit",
    "b_year",
    "b_section",
    "b_section_type",
    "b_start",
    "b_end",
    "b_text",
    "status",
    "reviewer",
    "reviewed_at",
    "note",
    "id",
)
"""The header row; marks cannot be shown in CSV, so passages are plain text."""


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
        f.kind,
        f.severity,
        f.band,
        f.relation if f.source == "reuse" else f.rule,
        "yes" if f.template else "",
        "" if f.similarity is None else f"{f.similarity:.4f}",
        f.chars,
        f.explanation,
        *_side(f.a),
        *_side(f.b),
        f.review.status,
        f.review.reviewer,
        f.review.at,
        f.review.note,
        f.id,
    ]


def render_csv(paper: WorkingPaper) -> tuple[bytes, str]:
    """(UTF-8-with-BOM bytes ending in the stamp line, digest of the bytes before it)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for f in paper.findings:
        writer.writerow([csv_cell(v) for v in _row(f)])
    content = "\ufeff".encode() + buf.getvalue().encode()
    digest = sha256(content)
    return csv_embed(content, {**paper.stamp.to_dict(), "sha256": digest}), digest
