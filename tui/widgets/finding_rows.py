"""How a reuse finding reads in a table row: severity, status, kind, family, relation,
where, a snippet of the copied text, similarity and length.

Why apart from the screen: the findings table and the finding screen name statuses and
relations the same way; every document-derived string goes through ``literal``.

Why fixed widths (issue 16): a status that grew from "open" to "confirmed copy" widened its
column and pushed Sim and Len off screen; every column but the snippet has a fixed width,
so Sim and Len are in view at 120 columns and nothing moves after a review. Rows that read
alike are told apart by the snippet and grouped by family (the lead row shows how many
findings the family holds; the others are marked ``↳``).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from ..data.filters import FindingView
from ..data.review import DECISIONS
from ..safe import literal

__all__ = ["COLUMNS", "WIDTHS", "finding_row", "grouped", "relation_text", "status_text"]

STATUS_STYLE = {"open": "bold", "confirmed": "bold red", "template": "cyan", "dismissed": "dim"}
COLUMNS = ("Sev", "Status", "Kind", "Fam", "Relation", "Later", "Snippet", "Sim", "Len")
WIDTHS = (3, 9, 5, 3, 16, 16, 28, 4, 4)
"""Column widths in cells (the snippet's is its least: the screen gives it the rest)."""
CHECK_KINDS = {
    "stale_year": "stale",
    "arithmetic": "arith",
    "score_grade": "score",
    "foreign_name": "name",
    "placeholder": "blank",
    "broken": "broke",
}
"""Kind column: in-report checks (and the stale-year copy) by a five-cell name."""
SHORT_STATUS = {"confirmed": "confirmed", "template": "template", "dismissed": "dismissed"}
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


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis."""
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def finding_row(
    view: FindingView, *, family: int = 1, member: bool = False, later_width: int = WIDTHS[5]
) -> list[Text]:
    """One table row, every document-derived string literal. ``family``: findings in this
    finding's family (shown on its lead row); ``member``: a row under its family's lead."""
    f = view.finding
    sev_style = "bold red" if f.severity >= 70 else "yellow" if f.severity >= 40 else "dim"
    later = f"{f.b.report.unit} {f.b.report.year or '?'}"
    kind = CHECK_KINDS.get(f.kind) or ("tmpl" if f.template else "copy")
    fam = "↳" if member else (f"{family}" if family > 1 else "")
    snippet = " ".join(f.b.text.split())
    return [
        Text(str(f.severity), style=sev_style, justify="right"),
        Text(SHORT_STATUS.get(view.status, view.status), style=STATUS_STYLE.get(view.status, "")),
        Text(
            kind,
            style="cyan"
            if f.template
            else ""
            if kind == "copy"
            else "bold red"
            if kind == "stale"
            else "yellow",
        ),
        Text(fam, style="dim", justify="right"),
        Text(relation_text(f.relation)),
        literal(_fit(later, later_width)),
        literal(_fit(snippet, 60), style="dim"),
        Text(f"{f.similarity:.0%}", justify="right"),
        Text(str(f.chars), justify="right"),
    ]


def grouped(views: list[FindingView]) -> list[tuple[FindingView, int, bool]]:
    """``views`` (already sorted) with each family's findings together, in the order of
    each family's first finding: (view, family size, is a member under the lead)."""
    families: dict[str, list[FindingView]] = {}
    for v in views:
        families.setdefault(v.finding.family or v.finding.id, []).append(v)
    out: list[tuple[FindingView, int, bool]] = []
    for members in families.values():
        for k, v in enumerate(members):
            out.append((v, len(members), k > 0))
    return out
