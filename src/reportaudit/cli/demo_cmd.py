"""``reportaudit demo``: import the bundled fixtures into a fresh store and show the result.

The first thing a new user runs: it proves the install works end to end and shows what the
tool does on reports written in the genre's style, without touching any real store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reportaudit.cli.output import console, safe
from reportaudit.errors import ReportAuditError
from reportaudit.services.actor import resolve_actor
from reportaudit.services.importing import collect_files, import_paths
from reportaudit.store import list_reports, open_store, verify

DEFAULT_DEMO_STORE = Path("reportaudit-demo.db")


def fixtures_root() -> Path:
    """fixtures/ of the checkout this package was installed from (editable install)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "fixtures" / "reports").is_dir():
            return parent / "fixtures"
    raise ReportAuditError("fixtures/ not found: run the demo from a checkout, or pass --fixtures")


def demo_cmd(
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
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    files, _ = collect_files([folder])
    console.print(safe(f"Importing {len(files)} files from {folder} into {store} …", "bold"))
    with open_store(store) as st:
        outcomes = import_paths(st, files, actor=resolve_actor("demo"))
        for o in outcomes:
            console.print(safe(f"  {o.status:9} {o.message}"))
        with st.session() as s:
            reports = list_reports(s)
            check = verify(s)
        console.print(safe(f"\n{len(reports)} reports:", "bold"))
        for r in reports:
            console.print(safe(f"  [{r.id}] {r.label}: {r.revision_count} revision(s)"))
        console.print(safe(f"\naudit trail: {check.summary()}"))
    console.print(safe(f"\nTry: reportaudit --store {store} reports"))


def register(app: typer.Typer) -> None:
    """Add ``demo`` to the app."""
    app.command("demo")(demo_cmd)
