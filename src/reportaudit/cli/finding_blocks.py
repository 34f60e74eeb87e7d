"""Findings printed as blocks of lines instead of wide tables.

Why: a nine-column table at 80 columns wraps Chinese text into towers one word wide and cuts
the finding id that ``review`` needs. A block puts the fields that are short and fixed on
one header line (severity, the whole id, review status, kind or relation, similarity,
length) and lets the passages and the explanation wrap underneath, indented, at any width.
Everything quoted from a report goes through ``safe``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.padding import Padding
from rich.text import Text

from reportaudit.cli.output import console, safe
from reportaudit.export.labels import check_explanation, name, reuse_explanation, section_type
from reportaudit.i18n import _, language

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
    # English shows the code ``review --status`` takes; Chinese its name (待复核 …)
    shown = (name("status", status) if language() == "zh" else status) if status else ""
    line.append(
        shown + " " * max(1, 10 - cell_len(shown)) if status else "", style=_status_style(status)
    )
    line.append_text(safe(f" {rest}"))
    return line


def _side(label: str, p: dict[str, Any]) -> Text:
    """One passage: revision, report, section type and heading."""
    r = p["report"]
    head = f" · {p['heading']}" if p.get("heading") else ""
    line = Text(f"{label}  ", style="bold")
    line.append_text(
        safe(
            f"#{p['revision']} {r['unit']} {r['year'] or ''} · "
            f"{section_type(p['section_type'])}{head}"
        )
    )
    return line


def print_reuse_block(f: dict[str, Any], *, places: int = 2) -> None:
    """One reuse finding (the lead of its family when ``places`` > 2)."""
    rest = _("{relation} similarity {sim:.2f}").format(
        relation=name("relation", f["relation"]), sim=f["similarity"]
    )
    console.print(_header(int(f["severity"]), str(f["id"]), str(f.get("status", "open")), rest))
    extra = [_("{n} characters").format(n=f["chars"])]
    if f.get("template"):
        extra.append(_("template text"))
    if places > 2:
        extra.append(
            _("one family: {n} places (reportaudit findings --family {family})").format(
                n=places, family=f.get("family", "")
            )
        )
    console.print(_under(safe("，".join(extra), "dim")))
    console.print(_under(_side("a", f["a"])))
    console.print(_under(_side("b", f["b"])))
    console.print(_under(safe(f"「{snippet(f['a']['text'])}」", "dim")))
    console.print(_under(safe(reuse_explanation(f))))


def print_check_block(c: CheckedRevision, f: CheckFinding, *, status: str | None) -> None:
    """One in-report check finding: header, where, why, and the text at fault."""
    console.print(
        _header(
            f.severity,
            f.id,
            status or "",
            _("{kind} revision {id}").format(kind=name("kind", f.kind), id=c.revision.id),
        )
    )
    path = _("(preamble)") if f.section_path == "(preamble)" else f.section_path
    console.print(_under(safe(f"{c.report.label} · {path}")))
    console.print(_under(safe(check_explanation(f.explanation))))
    anchor = f.anchor or f.spans[0]
    console.print(_under(safe(f"「{snippet(anchor.text(c.doc.text))}」", "dim")))
