"""The ``reportaudit`` command: a thin layer over reportaudit.services and the store.

Global options pick the store; every command opens it lazily, so ``--help`` never
touches a database. Typed errors from below become one line on stderr and exit code 2;
commands that process batches exit 1 when some item failed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reportaudit import __version__
from reportaudit.cli.context import AppState
from reportaudit.cli.output import error
from reportaudit.cli.registry import LazyGroup
from reportaudit.errors import ReportAuditError

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

PLUGIN_GROUP = "reportaudit.commands"
HELP = (
    "Versioned store, section-aware diff and reuse detection for budget-performance "
    "self-evaluation reports (预算绩效自评报告).\n\n"
    "The store is one SQLite file (./reportaudit.db) unless --store or "
    "$REPORTAUDIT_STORE names another file or a postgresql:// URL."
)


def _new_app(
    *, only_plugin: str | None = None, plugins: dict[str, EntryPoint] | None = None
) -> typer.Typer:
    """The app with the global options; its commands are found through ``LazyGroup`` (the
    core's from ``registry.COMMANDS``, the plugins' from the entry point), each imported
    only when it runs."""
    group = type("ReportAuditGroup", (LazyGroup,), {"plugins": plugins, "only_plugin": only_plugin})
    app = typer.Typer(
        name="reportaudit",
        help=HELP,
        cls=group,
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(main)
    return app


def _version(value: bool) -> None:
    """Print the version and stop."""
    if value:
        typer.echo(f"reportaudit {__version__}")
        raise typer.Exit()


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
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            envvar="REPORTAUDIT_LANG",
            help="Language of output and exports: zh (default) or en.",
            show_default=False,
        ),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(
            "--tz",
            envvar="REPORTAUDIT_TZ",
            help="Time zone times are shown in [default: Asia/Shanghai]; stored times are UTC.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Pick the store, the language and the time zone for the command that follows."""
    from reportaudit.i18n import set_language, set_timezone

    try:
        set_language(lang)
        set_timezone(tz)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    state = AppState(store_url=store)
    ctx.obj = state
    ctx.call_on_close(state.close)


def _plugins() -> dict[str, EntryPoint]:
    """Commands from layers above the core (the TUI) by name: they arrive through the
    ``reportaudit.commands`` entry point, so src/ never imports them."""
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=PLUGIN_GROUP)}


def build_app(
    *, only_plugin: str | None = None, plugins: dict[str, EntryPoint] | None = None
) -> typer.Typer:
    """The full command, or (``only_plugin``) just the global options and that plugin's
    command. Nothing is imported for a command until it is looked up (``LazyGroup``), so
    ``--version`` and ``--help`` answer at once. ``plugins``: from ``_plugins()``, if
    already read."""
    return _new_app(only_plugin=only_plugin, plugins=plugins)


_APP: typer.Typer | None = None


def __getattr__(name: str) -> typer.Typer:
    """``reportaudit.cli.main.app``: the full app, built on first use (tests, embedding)."""
    global _APP
    if name != "app":
        raise AttributeError(name)
    if _APP is None:
        _APP = build_app()
    return _APP


def _command_name(argv: list[str]) -> str | None:
    """The subcommand in ``argv``, skipping global options and the --store value."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--store", "-s", "--lang", "--tz"):
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _run_directly(ep: EntryPoint, argv: list[str]) -> bool:
    """Let a plugin run its command line itself, without typer, if it can.

    A plugin module may define ``run_directly(argv: list[str]) -> bool``: run the whole
    command line (global options included) and return True, or return False to have typer
    parse it (help, unusual options, usage errors). Why: typer's parsing imports pydantic
    and builds a validator per option (~0.1 s); the TUI's first screen cannot afford it.
    """
    from importlib import import_module

    try:
        module = import_module(ep.module)
    except ImportError:
        return False  # build_app warns about it
    direct = getattr(module, "run_directly", None)
    return direct is not None and bool(direct(argv))


def run() -> None:
    """Console-script entry point: click handles usage errors and exit codes; our typed
    errors become one line on stderr and exit code 2."""
    argv = sys.argv[1:]
    name = _command_name(argv)
    plugins = _plugins()
    try:
        if name in plugins and _run_directly(plugins[name], argv):
            return
        only = name if name in plugins else None
        app = build_app(only_plugin=only, plugins=plugins)
        app()
    except ReportAuditError as exc:
        error(str(exc))
        sys.exit(2)
    except KeyboardInterrupt:
        error("interrupted")
        sys.exit(130)
    except Exception as exc:  # disk full, permission denied …: one line, not a traceback
        from reportaudit.oserrors import describe, is_fault

        if not is_fault(exc):
            raise
        error(describe(exc))
        sys.exit(1)


__all__ = ["Path", "build_app", "run"]
