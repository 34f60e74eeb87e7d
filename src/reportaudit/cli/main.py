"""The ``reportaudit`` command: a thin layer over reportaudit.services and the store.

Global options pick the store; every command opens it lazily, so ``--help`` never
touches a database. Typed errors from below become one line on stderr and exit code 2;
commands that process batches exit 1 when some item failed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from reportaudit import __version__
from reportaudit.cli import (
    check_cmd,
    demo_cmd,
    diff_cmd,
    export_cmd,
    reuse_cmd,
    review_cmd,
    store_cmds,
)
from reportaudit.cli.context import AppState
from reportaudit.cli.output import error, warn
from reportaudit.errors import ReportAuditError

app = typer.Typer(
    name="reportaudit",
    help=(
        "Versioned store, section-aware diff and reuse detection for budget-performance "
        "self-evaluation reports (预算绩效自评报告).\n\n"
        "The store is one SQLite file (./reportaudit.db) unless --store or "
        "$REPORTAUDIT_STORE names another file or a postgresql:// URL."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    """Print the version and stop."""
    if value:
        typer.echo(f"reportaudit {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            "-s",
            envvar="REPORTAUDIT_STORE",
            help="SQLite file or postgresql:// URL [default: ./reportaudit.db]",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Pick the store for the command that follows."""
    state = AppState(store_url=store)
    ctx.obj = state
    ctx.call_on_close(state.close)


store_cmds.register(app)
diff_cmd.register(app)
reuse_cmd.register(app)
check_cmd.register(app)
review_cmd.register(app)
export_cmd.register(app)
demo_cmd.register(app)


def _register_plugins() -> None:
    """Commands from layers above the core (the TUI) arrive through the
    ``reportaudit.commands`` entry point, so src/ never imports them."""
    from importlib.metadata import entry_points

    for ep in entry_points(group="reportaudit.commands"):
        try:
            register = ep.load()
        except ImportError as exc:  # a layer whose dependencies are missing
            warn(f"command set {ep.name!r} unavailable: {exc}")
            continue
        register(app)


_register_plugins()


def run() -> None:
    """Console-script entry point: click handles usage errors and exit codes; our typed
    errors become one line on stderr and exit code 2."""
    try:
        app()
    except ReportAuditError as exc:
        error(str(exc))
        sys.exit(2)
    except KeyboardInterrupt:
        error("interrupted")
        sys.exit(130)


__all__ = ["Path", "app", "run"]
