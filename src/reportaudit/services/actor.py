"""Who is acting: recorded on every audit event."""

from __future__ import annotations

import getpass
import os

ENV_ACTOR = "REPORTAUDIT_ACTOR"


def resolve_actor(explicit: str | None = None) -> str:
    """--actor, else $REPORTAUDIT_ACTOR, else the OS user (never empty)."""
    for candidate in (explicit, os.environ.get(ENV_ACTOR)):
        if candidate and candidate.strip():
            return candidate.strip()
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):
        return "unknown"
