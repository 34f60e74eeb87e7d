"""``reportaudit export findings|report`` and ``verify --export``: working papers out of the tool.

Why thin: ``reportaudit.services.workpaper`` builds the paper from the store, renders it and
records the export (with the file's content digest) in the audit trail; this layer parses
options and prints one line. ``verify_export_cmd`` is meant to be attached to the existing
``verify`` command as ``--export FILE`` (or registered on its own).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from reportaudit.cli.context import state
from reportaudit.cli.output import console, error, safe, warn
from reportaudit.export.model import WorkingPaper
from reportaudit.i18n import _
from reportaudit.services.actor import resolve_actor
from reportaudit.services.workpaper import (
    ExportResult,
    Filters,
    build_findings_paper,
    build_report_paper,
    export_paper,
    verify_export,
)
from reportaudit.store import Store


class FindingsFormat(StrEnum):
    """Formats of the findings export."""

    html = "html"
    xlsx = "xlsx"
    csv = "csv"
    json = "json"
    docx = "docx"


class ReportFormat(StrEnum):
    """Formats of the one-report export (the marked full text needs HTML, a workbook or Word)."""

    html = "html"
    xlsx = "xlsx"
    docx = "docx"


class Status(StrEnum):
    """Review statuses a findings export can keep."""

    open = "open"
    confirmed = "confirmed"
    template = "template"
    dismissed = "dismissed"


export_app = typer.Typer(
    help="Write working papers (审计工作底稿): HTML, xlsx, CSV, JSON or Word, stamped and audited.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

OutOpt = Annotated[Path, typer.Option("--output", "-o", help="File to write.")]
ActorOpt = Annotated[
    str | None, typer.Option(help="Who exports [default: $REPORTAUDIT_ACTOR or OS user]")
]


SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".json": "json",
    ".docx": "docx",
}
"""File suffix -> format, for an export without --format."""


def _format(fmt: StrEnum | None, output: Path, allowed: type[StrEnum]) -> str:
    """The format asked for, else the one -o's suffix names, else HTML (no suffix)."""
    if fmt is not None:
        return str(fmt.value)
    names = [f.value for f in allowed]
    guess = SUFFIXES.get(output.suffix.lower())
    if guess in names:
        return str(guess)
    if output.suffix:
        raise typer.BadParameter(
            f"cannot tell the format from {output.name!r}; give --format ({', '.join(names)})"
        )
    return "html"


def _wrote(r: ExportResult) -> str:
    """The one line every export prints."""
    return _("wrote {path} ({fmt}, {n} findings); audit event #{seq}; sha256 {digest}").format(
        path=r.path, fmt=r.format, n=r.findings, seq=r.event_seq, digest=r.digest
    )


def _write(store: Store, paper: WorkingPaper, fmt: str, output: Path) -> None:
    """Export, then print the one line every export prints (a file that cannot be written
    is one error line and exit 1; nothing is recorded then)."""
    if paper.run is None:
        warn("no stored reuse scan: the paper lists check findings only (run `scan` first)")
    try:
        r = export_paper(store, paper, fmt, output)
    except OSError as exc:
        error(f"cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(1) from None
    console.print(safe(_wrote(r), "green"))


@export_app.command("findings")
def export_findings_cmd(
    ctx: typer.Context,
    output: OutOpt,
    fmt: Annotated[
        FindingsFormat | None,
        typer.Option(
            "--format", "-f", help="Output format [default: from -o's suffix, else html]."
        ),
    ] = None,
    report: Annotated[
        str | None, typer.Option("--report", help="Only findings touching this report.")
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Only reports whose unit contains this.")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Only reports of this year.")] = None,
    status: Annotated[
        Status | None, typer.Option("--status", help="Only findings with this review status.")
    ] = None,
    actor: ActorOpt = None,
) -> None:
    """Every stored finding (reuse and checks) with summaries, review state and a stamp."""
    name = _format(fmt, output, FindingsFormat)
    store = state(ctx).store(create=False)
    filters = Filters(report, unit, year, status.value if status else None)
    paper = build_findings_paper(store, actor=resolve_actor(actor), filters=filters)
    _write(store, paper, name, output)


@export_app.command("report")
def export_report_cmd(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Revision id, sha256 prefix or REPORT@N.")],
    output: OutOpt,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format", "-f", help="Output format [default: from -o's suffix, else html]."
        ),
    ] = None,
    actor: ActorOpt = None,
) -> None:
    """One report's reuse report: its full text, every reused passage marked and numbered."""
    name = _format(fmt, output, ReportFormat)
    store = state(ctx).store(create=False)
    paper = build_report_paper(store, revision, actor=resolve_actor(actor))
    _write(store, paper, name, output)


class CompareFormat(StrEnum):
    """Formats of the 全文对照."""

    html = "html"
    docx = "docx"


@export_app.command("compare")
def export_compare_cmd(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Revision id, sha256 prefix or REPORT@N.")],
    output: OutOpt,
    source: Annotated[
        str | None,
        typer.Option("--source", help="The source revision [default: the main source found]."),
    ] = None,
    fmt: Annotated[
        CompareFormat | None,
        typer.Option("--format", "-f", help="html or docx [default: from -o's suffix]."),
    ] = None,
    actor: ActorOpt = None,
) -> None:
    """全文对照: the report beside its main source, shared passages marked with findings."""
    from reportaudit.services.compare import build_compare, export_compare

    name = _format(fmt, output, CompareFormat)
    store = state(ctx).store(create=False)
    paper = build_compare(store, revision, source=source, actor=resolve_actor(actor))
    try:
        r = export_compare(store, paper, name, output)
    except OSError as exc:
        error(f"cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(1) from None
    console.print(safe(_wrote(r), "green"))


def verify_export_cmd(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An exported working paper.")],
) -> None:
    """Whether an exported file is unchanged and recorded in this store's verifying trail
    (exit 1 when not). Attach as ``reportaudit verify --export FILE``."""
    ok, message = verify_export(state(ctx).store(create=False), file)
    if not ok:
        error(message)
        raise typer.Exit(1)
    console.print(safe(message, "green"))


def register(app: typer.Typer) -> None:
    """Add ``export findings`` / ``export report`` to ``app`` (wired in by cli/main.py).

    ``verify_export_cmd`` is not registered here: the lead attaches it to ``verify``.
    """
    app.add_typer(export_app, name="export")
