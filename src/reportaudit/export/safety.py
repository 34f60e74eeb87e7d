"""Untrusted report text in spreadsheet cells: no formulas, no characters Excel rejects.

Why: a report is written by the audited unit. A cell beginning with = + - @ (or a tab / CR,
which some programs skip before reading a formula) is run as a formula by Excel and
LibreOffice when the file is opened or a cell is edited (CSV injection, e.g. ``=HYPERLINK``
leaking data, ``=cmd|...`` running programs). CSV has no cell types, so a CSV cell gets the
OWASP remedy: a leading apostrophe (which Excel hides when it shows the cell). In xlsx the
cell is typed as a string with the "quote prefix" flag Excel itself sets for '=..., so the
visible text is unchanged and editing the cell does not turn it into a formula.

The rules themselves live in ``reportaudit.untrusted`` (one sanitiser for every output);
these names stay for the export renderers.
"""

from __future__ import annotations

from reportaudit.untrusted import FORMULA_STARTS, csv_cell, is_formula_like
from reportaudit.untrusted import xlsx_text as xml_text

__all__ = ["FORMULA_STARTS", "csv_cell", "is_formula_like", "xml_text"]
