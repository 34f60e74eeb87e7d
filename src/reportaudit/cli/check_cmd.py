"""``reportaudit check``: run the in-report checks over stored revisions and save the results.

Why the checks run on the stored text: spans must index the exact text the store keeps
(and the TUI highlights), and a saved run must name the parser and checks versions that
produced it. Document text is untrusted: everything quoted from it goes through ``safe``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.text import Text

from reportaudit.checks import (
    CHECKS_VERSION,
    KINDS,
    CheckFinding,
    load_config,
)
from reportaudit.cli.context import state
from reportaudit.cli.finding_blocks import print_check_block
from reportaudit.cli.output import console, err_console, error, print_json, safe
from reportaudit.export.labels import check_explanation, name
from reportaudit.i18n import _
from reportaudit.services.actor import resolve_actor
from reportaudit.services.checks import (
    CheckedRevision,
    check_revisions,
    finding_json,
    stored_results,
)
from reportaudit.store.checks import (
    verify_check_runs,
)


def _kinds(values: list[str] | None) -> list[str] | None:
    """Validate --kind values against the known check kinds."""
    if not values:
        return None
    bad = [v for v in values if v not in KINDS]
    if bad:
        raise typer.BadParameter(f"unknown kind {bad[0]!r}; choose from {', '.join(KINDS)}")
    return values


def check_cmd(
    ctx: typer.Context,
    revision: Annotated[
        str | None, typer.Argument(help="Revision id, sha256 prefix or REPORT@N.")
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Check the newest revision of every report.")
    ] = False,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", help=f"Only these kinds ({', '.join(KINDS)}); repeatable."),
    ] = None,
    min_severity: Annotated[
        int, typer.Option("--min-severity", help="Hide findings below this severity (0-100).")
    ] = 0,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="TOML overriding grade bands / outlines (see checks.toml)."),
    ] = None,
    no_save: Annotated[
        bool,
        typer.Option("--no-save", help="Print only; do not store (runs with --kind never store)."),
    ] = False,
    stored: Annotated[
        bool, typer.Option("--stored", help="List the stored findings; do not run the checks.")
    ] = False,
    verify: Annotated[
        bool,
        typer.Option("--verify", help="Check stored results against the audit trail and stop."),
    ] = False,
    actor: Annotated[
        str | None, typer.Option(help="Who runs it [default: $REPORTAUDIT_ACTOR or OS user]")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (stable field names).")
    ] = False,
) -> None:
    """Run the in-report checks (arithmetic, score/grade, stale year, foreign names,
    placeholder sections, broken numbering) on one revision or --all, and store the findings."""
    if verify:
        with state(ctx).store(create=False).session() as s:
            problems = verify_check_runs(s)
        for problem in problems:
            error(problem)
        if problems:
            raise typer.Exit(1)
        console.print(safe(_("stored check results match the audit trail"), "green"))
        return
    if (revision is None) == (not all_):
        error(_("give one REVISION or --all"))
        raise typer.Exit(2)
    cfg = load_config(config) if config else None
    kinds = _kinds(kind)
    store = state(ctx).store(create=False)
    refs = None if all_ else [revision or ""]
    if stored:
        checked = stored_results(store, refs, kinds=kinds)
        no_save = True
    else:
        progress = Progress(
            TextColumn(_("checking")),
            BarColumn(),
            MofNCompleteColumn(),
            console=err_console,
            transient=True,
            disable=as_json or not err_console.is_terminal,
        )
        with progress:
            task = progress.add_task("", total=None)

            def advance(done: int, total: int) -> None:
                """Move the bar (only a terminal sees it)."""
                progress.update(task, completed=done, total=total)

            checked = check_revisions(
                store,
                refs,
                actor=resolve_actor(actor),
                config=cfg,
                kinds=kinds,
                save=not no_save,
                progress=advance,
            )
    rows = [(c, f) for c in checked for f in c.findings if f.severity >= min_severity]
    if as_json:
        print_json([finding_json(f, c) for c, f in rows])
        return
    print_check_table(rows)
    console.print(
        safe(
            _("{n} finding(s) in {revisions} revision(s)").format(
                n=len(rows), revisions=len(checked)
            )
            + ("" if no_save or kinds else _("; saved as {version}").format(version=CHECKS_VERSION))
        )
    )


TABLE_ROWS = 200
"""Above this many findings the listing is one plain line per finding: a Rich table
measures every cell first, which took longer than checking 1,000 reports."""


def print_check_table(
    rows: Sequence[tuple[CheckedRevision, CheckFinding]],
    *,
    statuses: Mapping[str, str] | None = None,
) -> None:
    """Check findings as blocks (shared with ``findings``: id, status, kind and report on
    one line, the section, why and the text at fault under it); many findings as plain
    lines. ``statuses``: review status by finding id, when known."""
    if len(rows) > TABLE_ROWS:
        lines = Text()
        for c, f in rows:
            quoted = " ".join((f.anchor or f.spans[0]).text(c.doc.text)[:40].split())
            lines.append_text(
                safe(
                    f"{c.revision.id:>6}  {f.id}  {name('kind', f.kind)}  {f.severity:>3}  "
                    f"{f.section_path[:30]}  {check_explanation(f.explanation)}  「{quoted}」\n"
                )
            )
        console.print(lines, soft_wrap=True, end="")
        return
    for c, f in rows:
        print_check_block(c, f, status=None if statuses is None else statuses.get(f.id, "open"))


def register(app: typer.Typer) -> None:
    """Add ``check`` to ``app`` (the lead wires this into cli/main.py)."""
    app.command("check")(check_cmd)
