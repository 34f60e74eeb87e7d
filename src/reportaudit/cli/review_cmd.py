"""``reportaudit review FINDING_ID``: record a review decision, or show a finding's history.

Why a CLI beside the TUI: an auditor working from an exported paper, or a script, decides
on findings by id; the decision is the same audit event the TUI writes
(``reportaudit.services.review``), so both show the same history and exports pick it up.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from reportaudit.cli.context import state
from reportaudit.cli.output import console, error, print_json, safe
from reportaudit.errors import AmbiguousError, NotFoundError
from reportaudit.export.labels import name
from reportaudit.i18n import _, local_time, n_
from reportaudit.services.actor import resolve_actor
from reportaudit.services.review import (
    DECISIONS,
    current_status,
    find_finding,
    load_decisions,
    record_decision,
    resolve_finding_id,
)
from reportaudit.services.signoff import resolve_subject, split_index


class Decision(StrEnum):
    """The decisions an auditor can take (``DECISIONS``)."""

    confirmed = "confirmed"
    template = "template"
    dismissed = "dismissed"


def review_cmd(
    ctx: typer.Context,
    finding_id: Annotated[
        str,
        typer.Argument(
            help="Finding id, a unique start of one, or its index number (索引号) from an export."
        ),
    ],
    status: Annotated[
        Decision | None,
        typer.Option(
            "--status", help="Decision: " + ", ".join(f"{k} ({v})" for k, v in DECISIONS.items())
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="A note (alone or with --status).")
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Who decides [default: $REPORTAUDIT_ACTOR or OS user]")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the history as JSON.")] = False,
) -> None:
    """Record a decision and/or note on a finding; without --status/--note, print its history."""
    store = state(ctx).store(create=False)
    if split_index(finding_id) is not None:  # a 索引号 printed on a working paper
        subject = resolve_subject(store, finding_id)
        if subject.finding_id is None:
            error(f"{finding_id} names a working paper, not a finding; see `reportaudit signoff`")
            raise typer.Exit(1)
        finding_id = subject.finding_id
    try:
        finding_id = resolve_finding_id(store, finding_id)
    except (NotFoundError, AmbiguousError) as exc:
        error(str(exc))
        raise typer.Exit(1) from None
    if status is not None or note is not None:
        finding = find_finding(store, finding_id)
        if finding is None:
            error(f"no stored finding {finding_id!r}; see `reportaudit findings`")
            raise typer.Exit(1)
        try:
            d = record_decision(
                store,
                finding,
                actor=resolve_actor(actor),
                decision=status.value if status else None,
                note=note,
            )
        except ValueError as exc:
            error(str(exc))
            raise typer.Exit(2) from None
        console.print(
            safe(
                _("recorded review event #{seq}: {id} -> {decision}").format(
                    seq=d.seq, id=finding_id, decision=name("status", d.decision) or _("note")
                ),
                "green",
            )
        )
        return
    history = load_decisions(store).get(finding_id, [])
    if as_json:
        print_json(
            {
                "finding": finding_id,
                "status": current_status(history),
                "history": [
                    {
                        "seq": d.seq,
                        "at": d.at,
                        "actor": d.actor,
                        "decision": d.decision,
                        "note": d.note,
                    }
                    for d in history
                ],
            }
        )
        return
    console.print(
        safe(
            n_(
                "{id}: {status} ({n} review event)",
                "{id}: {status} ({n} review events)",
                len(history),
            ).format(id=finding_id, status=name("status", current_status(history)), n=len(history))
        )
    )
    if history:
        table = Table()
        for col in (_("event"), _("time"), _("decided by"), _("decision"), _("note")):
            table.add_column(col)
        for d in history:
            table.add_row(
                str(d.seq),
                local_time(d.at),
                safe(d.actor),
                name("status", d.decision),
                safe(d.note or ""),
            )
        console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``review`` to ``app`` (wired in by cli/main.py)."""
    app.command("review")(review_cmd)
