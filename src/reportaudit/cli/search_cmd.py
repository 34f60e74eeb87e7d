"""``reportaudit search PASSAGE``: where else does a passage occur, exactly or nearly?

Thin: ``services.search`` finds the hits (the TUI's search screen uses the same function);
this prints them, quoting report text through ``safe``.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from reportaudit.cli.context import state
from reportaudit.cli.output import console, err_console, print_json, safe
from reportaudit.services.search import MAX_HITS, NEAR_FLOOR, search_corpus


def search_cmd(
    ctx: typer.Context,
    passage: Annotated[str, typer.Argument(help="Text to look for (paste it; quote it).")],
    all_revisions: Annotated[
        bool, typer.Option("--all-revisions", help="Every revision, not only each report's newest.")
    ] = False,
    exact: Annotated[
        bool, typer.Option("--exact", help="Exact occurrences only (up to spaces and width).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Find a passage across the corpus: exact hits (ignoring spaces, line breaks and full/half
    width) and, unless --exact, the closest near copy in each other report."""
    if not passage.strip():
        raise typer.BadParameter("give the text to look for", param_hint="PASSAGE")
    store = state(ctx).store(create=False)
    hits = search_corpus(store, passage, latest_only=not all_revisions, near=not exact)
    if as_json:
        print_json(
            [
                {
                    "revision": h.revision_id,
                    "report": h.report_label,
                    "revision_number": h.revision_number,
                    "start": h.start,
                    "end": h.end,
                    "similarity": h.similarity,
                    "exact": h.similarity >= 1.0,
                    "text": h.match,
                    "before": h.before,
                    "after": h.after,
                }
                for h in hits
            ]
        )
        return
    table = Table(show_lines=False)
    for name in ("report", "rev", "match", "where"):
        table.add_column(name)
    for h in hits:
        where = safe(h.before.replace("\n", " "), "dim")
        where.append_text(safe(h.match.replace("\n", " "), "bold reverse"))
        where.append_text(safe(h.after.replace("\n", " "), "dim"))
        sim = "exact" if h.similarity >= 1.0 else f"{h.similarity:.0%}"
        table.add_row(safe(h.report_label), f"#{h.revision_id}", sim, where)
    console.print(table)
    near = sum(h.similarity < 1.0 for h in hits)
    reports = len({h.report_id for h in hits})
    line = f"{len(hits)} occurrence(s) in {reports} report(s)"
    if near:
        line += f", {near} near copies (similarity >= {NEAR_FLOOR:.0%})"
    if len(hits) >= MAX_HITS:
        line += f"; only the first {MAX_HITS} shown"
    err_console.print(line)


def register(app: typer.Typer) -> None:
    """Add ``search`` to ``app`` (wired in by cli/main.py)."""
    app.command("search")(search_cmd)
