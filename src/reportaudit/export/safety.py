"""Untrusted report text in spreadsheet cells: no formulas, no characters Excel rejects.

Why: a report is written by the audited unit. A cell beginning with = + - @ (or a tab / CR,
which some programs skip before reading a formula) is run as a formula by Excel and
LibreOffice when the file is opened or a cell is edited (CSV injection, e.g. ``=HYPERLINK``
leaking data, ``=cmd|...`` running programs). CSV has no cell types, so a CSV cell gets the
OWASP remedy: a leading apostrophe (which Excel hides when it shows the cell). In xlsx the
cell is typed as a string with the "quote prefix" flag Excel itself sets for '=..., so the
visible text is unchanged and editing the cell does not turn it into a formula.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make spreadsheet programs read a cell as a formula."""

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters XML 1.0 (and so xlsx) cannot hold."""


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet program could read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> str:
    """A CSV cell: text that could start a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if is_formula_like(text) else text


def xml_text(text: str) -> str:
    """``text`` without the control characters an xlsx file cannot store."""
    return _ILLEGAL.sub("", text)
