"""``reportaudit checkpoint``: sign the audit chain's head into a witness file.

Keep the file somewhere the store's administrators cannot write (mail it, print it, put it
in the ticket): ``reportaudit verify --against FILE`` later proves the store still holds
everything up to it (``services.checkpoint`` says what that does and does not detect).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reportaudit.atomic import write_atomic
from reportaudit.cli.context import state
from reportaudit.cli.output import console, print_json, safe
from reportaudit.services.actor import resolve_actor
from reportaudit.untrusted import json_dumps


def checkpoint_cmd(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", help="The witness file to write (JSON).")],
    key: Annotated[
        Path | None,
        typer.Option(
            help="ed25519 signing key (PEM) [default: $REPORTAUDIT_KEY or "
            "~/.config/reportaudit/ed25519.pem, created on first use]"
        ),
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Who signs [default: $REPORTAUDIT_ACTOR or OS user]")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the checkpoint as JSON.")] = False,
) -> None:
    """Sign the audit trail's head (event number and hash) into a witness file to keep
    elsewhere; `verify --against FILE` proves the store still holds everything up to it."""
    from reportaudit.services.checkpoint import load_key, make_checkpoint

    store = state(ctx).store(create=False)
    checkpoint = make_checkpoint(store, actor=resolve_actor(actor), key=load_key(key))
    try:
        write_atomic(out, (json_dumps(checkpoint.to_dict(), indent=2) + "\n").encode())
    except OSError as exc:
        from reportaudit.errors import ReportAuditError

        raise ReportAuditError(f"{out}: cannot write: {exc.strerror or exc}") from None
    if as_json:
        print_json(checkpoint.to_dict())
        return
    console.print(
        safe(
            f"checkpoint of events 1..{checkpoint.seq} (head {checkpoint.head_hash[:16]}…) "
            f"signed with key {checkpoint.key_fingerprint}; written to {out}. Keep it "
            "elsewhere; check later with: reportaudit verify --against FILE"
        )
    )


def register(app: typer.Typer) -> None:
    """Add ``checkpoint`` to ``app``."""
    app.command("checkpoint")(checkpoint_cmd)
