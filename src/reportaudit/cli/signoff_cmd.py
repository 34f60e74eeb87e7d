"""``reportaudit signoff PAPER|FINDING --role preparer|reviewer``: two-person sign-off.

Why a command: the preparer (编制人) and the reviewer (复核人) of a working paper are two
different people who each sign, on the record; the rule and the audit event live in
``reportaudit.services.signoff`` (the TUI calls the same function). Without --role it lists
the sign-offs of the paper or finding.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from reportaudit.cli.context import state
from reportaudit.cli.output import console, error, print_json, safe
from reportaudit.i18n import _, local_time
from reportaudit.services.actor import resolve_actor
from reportaudit.services.signoff import (
    SignOffError,
    load_signoffs,
    record_signoff,
    resolve_subject,
)


class Role(StrEnum):
    """编制人 (preparer) or 复核人 (reviewer)."""

    preparer = "preparer"
    reviewer = "reviewer"


def signoff_cmd(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(
            help="Paper or finding: an index number (索引号, e.g. RA1A2B3C-R12), a finding id, "
            "or a revision (its report paper)."
        ),
    ],
    role: Annotated[
        Role | None, typer.Option("--role", help="Sign as preparer (编制) or reviewer (复核).")
    ] = None,
    conclusion: Annotated[
        str | None, typer.Option("--conclusion", help="The audit conclusion (审计结论).")
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Who signs [default: $REPORTAUDIT_ACTOR or OS user]")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="List the sign-offs as JSON.")] = False,
) -> None:
    """Sign a working paper or finding off as its preparer or reviewer (reviewer ≠ preparer)."""
    store = state(ctx).store(create=False)
    if role is not None:
        try:
            so = record_signoff(
                store, ref, role=role.value, actor=resolve_actor(actor), conclusion=conclusion
            )
        except SignOffError as exc:
            error(str(exc))
            raise typer.Exit(1) from None
        role_name = _("preparer") if so.role == "preparer" else _("reviewer")
        console.print(
            safe(
                _("{index}: signed as {role} by {actor} at {at} (audit event #{seq})").format(
                    index=so.index, role=role_name, actor=so.actor, at=local_time(so.at), seq=so.seq
                ),
                "green",
            )
        )
        return
    subject = resolve_subject(store, ref)
    history = load_signoffs(store).get(subject.subject, [])
    if as_json:
        print_json(
            {
                "index": subject.index,
                "signoffs": [
                    {
                        "seq": x.seq,
                        "role": x.role,
                        "actor": x.actor,
                        "at": x.at,
                        "conclusion": x.conclusion,
                    }
                    for x in history
                ],
            }
        )
        return
    console.print(safe(f"{_('Index no.')} {subject.index}", "bold"))
    if not history:
        console.print(safe(_("not signed yet")))
    for x in history:
        role_name = _("preparer") if x.role == "preparer" else _("reviewer")
        line = f"#{x.seq} {local_time(x.at)} {role_name} {x.actor}"
        if x.conclusion:
            line += f" — {x.conclusion}"
        console.print(safe(line))


def register(app: typer.Typer) -> None:
    """Add ``signoff`` to ``app`` (wired in by cli/main.py)."""
    app.command("signoff")(signoff_cmd)
