"""``reportaudit demo``: import the bundled fixtures into a fresh store and show the result.

The first thing a new user runs: it proves the install works end to end and shows what the
tool does on reports written in the genre's style, without touching any real store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from reportaudit.cli.context import state
from reportaudit.cli.output import console, safe, warn
from reportaudit.cli.store_cmds import outcome_line, verify_summary
from reportaudit.diff import diff_documents
from reportaudit.diff.view import figure_line, summary_lines
from reportaudit.errors import ReportAuditError
from reportaudit.export.labels import reuse_explanation
from reportaudit.i18n import _, n_
from reportaudit.matching.results import Finding
from reportaudit.services.actor import resolve_actor
from reportaudit.services.importing import collect_files, import_paths
from reportaudit.services.reuse import scan_store
from reportaudit.store import Store, list_reports, open_store, report_log, revision_text, verify
from reportaudit.store.results import ReportSummary
from reportaudit.structure import Document

DEFAULT_DEMO_STORE = Path("reportaudit-demo.db")


def fixtures_root() -> Path:
    """fixtures/ of the checkout this package was installed from (editable install)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "fixtures" / "reports").is_dir():
            return parent / "fixtures"
    raise ReportAuditError("fixtures/ not found: run the demo from a checkout, or pass --fixtures")


def demo_cmd(
    ctx: typer.Context,
    fixtures: Annotated[
        Path | None,
        typer.Option(help="Folder of reports [default: the checkout's fixtures/reports]"),
    ] = None,
    store: Annotated[
        Path, typer.Option("--demo-store", help="SQLite file to (re)create.")
    ] = DEFAULT_DEMO_STORE,
) -> None:
    """Import the bundled example reports into a fresh SQLite store and summarise them."""
    folder = fixtures or fixtures_root() / "reports"
    if state(ctx).store_url:  # demo deletes its file first: never the user's real store
        warn(
            _(
                "--store is not used by demo; it (re)creates {store} (choose with --demo-store)"
            ).format(store=store)
        )
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    files, _skipped = collect_files([folder])
    console.print(
        safe(
            _("Importing {n} files from {folder} into {store} …").format(
                n=len(files), folder=folder, store=store
            ),
            "bold",
        )
    )
    with open_store(store) as st:
        outcomes = import_paths(st, files, actor=resolve_actor("demo"))
        for o in outcomes:
            console.print(Text("  ").append_text(outcome_line(o)), soft_wrap=True)
        with st.session() as s:
            reports = list_reports(s)
        console.print(safe("\n" + _("{n} reports:").format(n=len(reports)), "bold"))
        for r in reports:
            console.print(
                safe(
                    f"  [{r.id}] {r.label}："
                    + n_("{n} revision", "{n} revisions", r.revision_count).format(
                        n=r.revision_count
                    )
                )
            )
        _show_reuse_and_checks(st)
        _show_revision_diff(st, reports)
        with st.session() as s:
            check = verify(s)
        console.print(
            safe("\n" + _("audit trail: {summary}").format(summary=verify_summary(check)))
        )
    console.print(
        safe(
            "\n"
            + _("Next: reportaudit --store {store} findings   |   … diff 7 8   |   … tui").format(
                store=store
            )
        )
    )


def _show_reuse_and_checks(store: Store) -> None:
    """Scan the demo store and show the strongest copies and what the checks found."""
    outcome = scan_store(store, actor=resolve_actor("demo"))
    families = [f for f in outcome.result.families if not f.template]
    templates = len(outcome.result.families) - len(families)
    console.print(
        safe(
            "\n"
            + _("Reuse scan: {copies} copied passages, {templates} template. Top:").format(
                copies=len(families), templates=templates
            ),
            "bold",
        )
    )
    strongest: dict[str, Finding] = {}
    for f in outcome.result.findings:
        if f.family not in strongest or f.severity > strongest[f.family].severity:
            strongest[f.family] = f
    for fam in sorted(families, key=lambda fam: -fam.severity)[:5]:
        lead = strongest.get(fam.id)
        if lead is not None:
            n = len(fam.occurrences)
            places = _(" ({n} places)").format(n=n) if n > 2 else ""
            console.print(
                safe(f"  [{lead.severity:3}] {reuse_explanation(lead.to_dict())}{places}")
            )
    checks = sum(len(c.findings) for c in outcome.checked)
    console.print(
        safe(
            _("Consistency checks: {n} findings in {reports} reports").format(
                n=checks, reports=len(outcome.checked)
            )
        )
    )


def _show_revision_diff(store: Store, reports: list[ReportSummary]) -> None:
    """Diff the two revisions of the report that has two, and list its changed figures."""
    twice = next((r for r in reports if r.revision_count >= 2), None)
    if twice is None:
        return
    with store.session() as s:
        new, old = report_log(s, twice.id)[:2]
        a, b = (Document.from_dict(*revision_text(s, r.id)) for r in (old, new))
    diff = diff_documents(a, b)
    console.print(
        safe(
            "\n"
            + _("What changed in {label}, revision {old} → {new}:").format(
                label=twice.label, old=old.id, new=new.id
            ),
            "bold",
        )
    )
    for line in summary_lines(diff):
        console.print(safe(f"  {line}"))
    for fc in diff.figures:
        console.print(safe(f"  {fc.section}: {figure_line(fc)}"))


def register(app: typer.Typer) -> None:
    """Add ``demo`` to the app."""
    app.command("demo")(demo_cmd)
