"""``reportaudit tui``: the terminal UI's command, registered through an entry point.

The plain command lines (``reportaudit [-s STORE] tui [-s STORE] [--actor NAME]``) are also
run by ``run_directly``, without typer's parsing (it imports pydantic and builds a validator
per option, ~0.1 s): the first screen of a 10,000-report store in under a second (issue 5).
Anything else (``--help``, ``--version``, a repeated or unknown option) goes through typer.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from reportaudit.cli.context import AppState
    from reportaudit.store.results import ReportSummary

STORE_OPTIONS = ("--store", "-s")
ACTOR_OPTION = "--actor"


def tui_cmd(
    ctx: typer.Context,
    actor: Annotated[
        str | None, typer.Option(help="Reviewer name [default: $REPORTAUDIT_ACTOR or OS user]")
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            *STORE_OPTIONS,
            help="SQLite file or postgresql:// URL (same as the global --store)",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Open the keyboard-driven review UI over the store."""
    from reportaudit.cli.context import state

    app_state = state(ctx)
    if store is not None:
        app_state.store_url = store
    launch(app_state, actor)


def launch(app_state: AppState, actor: str | None) -> None:
    """Run the app over the store of ``app_state``; a store that cannot be opened is
    reported like any store error (raised again here: one line, exit status 2).

    The app opens the store in a worker, after its first screen shows the corpus read by
    the preview (SQLite, without SQLAlchemy)."""
    from reportaudit.services.actor import resolve_actor
    from reportaudit.tui.app import make_app

    app = make_app(
        app_state.store,
        actor=resolve_actor(actor),
        preview=partial(_preview, app_state.store_url),
    )
    app.run()
    if app.open_error is not None:
        raise app.open_error


def _preview(url: str | None) -> list[ReportSummary] | None:
    """The store's report list read without opening it (None: wait for the store)."""
    from reportaudit.store.overview import sqlite_overview

    return sqlite_overview(url)


def plain_options(argv: list[str]) -> tuple[str | None, str | None] | None:
    """(store, actor) of a plain ``tui`` command line, or None for any other: a store
    option before or after ``tui`` (the later one wins, as with typer), ``--actor`` after
    it, each at most once per side, values as the next word or after ``=``."""
    seen: dict[tuple[bool, str], str] = {}  # (after "tui", option) -> value
    after = False
    words = iter(argv)
    for word in words:
        if word == "tui" and not after:
            after = True
            continue
        name, eq, value = word.partition("=")
        if name in STORE_OPTIONS:
            name = STORE_OPTIONS[0]
        if name not in (STORE_OPTIONS[0], ACTOR_OPTION) or (name == ACTOR_OPTION and not after):
            return None
        if eq and not word.startswith("--"):
            return None  # -s=x: leave click's reading of it to click
        if not eq:
            value = next(words, "")
        if not value or value.startswith("-") or (after, name) in seen:
            return None
        seen[(after, name)] = value
    if not after:
        return None
    store = seen.get((True, STORE_OPTIONS[0]), seen.get((False, STORE_OPTIONS[0])))
    return store, seen.get((True, ACTOR_OPTION))


def run_directly(argv: list[str]) -> bool:
    """Run a plain ``tui`` command line without typer (see the module's docstring); False
    when ``argv`` is anything else, for typer to parse."""
    options = plain_options(argv)
    if options is None:
        return False
    from reportaudit.cli.context import AppState

    store, actor = options
    app_state = AppState(store_url=store)  # None: $REPORTAUDIT_STORE, else ./reportaudit.db
    try:
        launch(app_state, actor)
    finally:
        app_state.close()
    return True


def register(app: typer.Typer) -> None:
    """Add ``tui`` to the main command."""
    app.command("tui")(tui_cmd)
