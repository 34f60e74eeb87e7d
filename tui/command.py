"""``reportaudit tui``: the terminal UI's command, registered through an entry point."""

from __future__ import annotations

from typing import Annotated

import typer


def tui_cmd(
    ctx: typer.Context,
    actor: Annotated[
        str | None, typer.Option(help="Reviewer name [default: $REPORTAUDIT_ACTOR or OS user]")
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            "-s",
            help="SQLite file or postgresql:// URL (same as the global --store)",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Open the keyboard-driven review UI over the store."""
    from reportaudit.cli.context import state
    from reportaudit.services.actor import resolve_actor
    from reportaudit.tui.app import make_app

    app_state = state(ctx)
    if store is not None:
        app_state.store_url = store
    app = make_app(app_state.store(), actor=resolve_actor(actor))
    app.run()


def register(app: typer.Typer) -> None:
    """Add ``tui`` to the main command."""
    app.command("tui")(tui_cmd)
