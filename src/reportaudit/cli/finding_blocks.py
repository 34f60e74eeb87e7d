"""Findings printed as blocks of lines instead of wide tables.

Why: a nine-column table at 80 columns wraps Chinese text into towers one word wide and cuts
the finding id that ``review`` needs. A block puts the fields that are short and fixed on
one header line (severity, the whole id, review status, kind or relation, similarity,
length) and lets the passages and the explanation wrap underneath, indented, at any width.
Everything quoted from a report goes through ``safe``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.padding import Padding
from rich.text import Text

from reportaudit.cli.output import console, safe

if TYPE_CHECKING:
    from reportaudit.checks import CheckFinding
    from reportaudit.services.checks import CheckedRevision

__all__ = ["INDENT", "print_check_block", "print_reuse_block", "snippet"]

INDENT = 5
SNIPPET = 60


def snippet(text: str, limit: int = SNIPPET) -> str:
    """The start of a passage on one line, whitespace folded, cut with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _under(text: Text) -> Padding:
    """A line indented under the header; wrapped lines keep the indent."""
    return Padding(text, (0, 0, 0, INDENT), expand=False)


def _status_style(status: str) -> str:
    """Colour of a review status (open findings stand out)."""
    return {"open": "bold", "confirmed": "red", "template": "dim", "dismissed": "dim"}.get(
        status, ""
    )


def _header(severity: int, finding_id: str, status: str, rest: str) -> Text:
    """``sev  id  status  rest``: the id is never cut (the line may wrap after it)."""
    line = Text(f"{severity:>3} ", style="bold")
    line.append(finding_id, style="cyan")
    line.append(" ")
    line.append(f"{status:<9}" if status else "", style=_status_style(status))
    line.append_text(safe(f" {rest}"))
    return line


def _side(label: str, p: dict[str, Any]) -> Text:
    """One passage: revision, report, section type and heading."""
    r = p["report"]
    head = f" · {p['heading']}" if p.get("heading") else ""
    line = Text(f"{label}  ", style="bold")
    line.append_text(
        safe(f"#{p['revision']} {r['unit']} {r['year'] or ''} · {p['section_type']}{head}")
    )
    return line


def print_reuse_block(f: dict[str, Any], *, places: int = 2) -> None:
    """One reuse finding (the lead of its family when ``places`` > 2)."""
    rest = f"{f['relation']} sim {f['similarity']:.2f}"
    console.print(_header(int(f["severity"]), str(f["id"]), str(f.get("status", "open")), rest))
    extra = [f"{f['chars']} chars"]
    if f.get("template"):
        extra.append("template text")
    if places > 2:
        extra.append(f"one family: {places} places (findings --family {f.get('family', '')})")
    console.print(_under(safe(", ".join(extra), "dim")))
    console.print(_under(_side("a", f["a"])))
    console.print(_under(_side("b", f["b"])))
    console.print(_under(safe(f"「{snippet(f['a']['text'])}」", "dim")))
    console.print(_under(safe(f["explanation"])))


def print_check_block(c: CheckedRevision, f: CheckFinding, *, status: str | None) -> None:
    """One in-report check finding: header, where, why, and the text at fault."""
    console.print(_header(f.severity, f.id, status or "", f"{f.kind} rev {c.revision.id}"))
    console.print(_under(safe(f"{c.report.label} · {f.section_path}")))
    console.print(_under(safe(f.explanation)))
    anchor = f.anchor or f.spans[0]
    console.print(_under(safe(f"「{snippet(anchor.text(c.doc.text))}」", "dim")))
