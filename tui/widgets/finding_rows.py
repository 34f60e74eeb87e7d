"""How a reuse finding reads in a table row: severity, status, kind, relation, places.

Why apart from the screen: the findings table and the finding screen name statuses and
relations the same way; every document-derived string goes through ``literal``.
"""

from __future__ import annotations

from rich.text import Text

from ..data.filters import FindingView
from ..data.review import DECISIONS
from ..safe import literal

__all__ = ["COLUMNS", "finding_row", "relation_text", "status_text"]

STATUS_STYLE = {"open": "bold", "confirmed": "bold red", "template": "cyan", "dismissed": "dim"}
COLUMNS = ("Sev", "Status", "Kind", "Relation", "Section", "Earlier", "Later", "Sim", "Len")
RELATIONS = {
    "within_report": "same report",
    "within_report_across_funds": "same rep., funds",
    "same_unit_same_year": "unit, same year",
    "same_unit_across_years": "unit, years",
    "across_units_same_year": "units, same year",
    "across_units_across_years": "units, years",
}
"""Short names for the relation column (the filter still matches the full code)."""


def relation_text(code: str) -> str:
    """A short readable name for a relation code."""
    return RELATIONS.get(code, code.replace("_", " "))


def status_text(status: str) -> Text:
    """'open', 'confirmed copy', … styled by status."""
    return Text(DECISIONS.get(status, status), style=STATUS_STYLE.get(status, ""))


def finding_row(view: FindingView) -> list[Text]:
    """One table row, every document-derived string literal."""
    f = view.finding
    sev_style = "bold red" if f.severity >= 70 else "yellow" if f.severity >= 40 else "dim"
    earlier = literal(f"{f.a.report.unit} {f.a.report.year or '?'}")
    later = literal(f"{f.b.report.unit} {f.b.report.year or '?'}")
    return [
        Text(str(f.severity), style=sev_style, justify="right"),
        status_text(view.status),
        Text(view.kind, style="cyan" if f.template else ""),
        Text(relation_text(f.relation)),
        literal(view.section_type),
        earlier,
        later,
        Text(f"{f.similarity:.0%}", justify="right"),
        Text(str(f.chars), justify="right"),
    ]
