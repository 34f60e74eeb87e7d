"""Which database a store reference names: an explicit URL or path, $REPORTAUDIT_STORE, or
./reportaudit.db.

Why its own module: resolving needs no database library, and the TUI resolves the URL to
read a SQLite store's corpus before SQLAlchemy is imported (``overview.sqlite_overview``).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_STORE = "REPORTAUDIT_STORE"
DEFAULT_STORE = "reportaudit.db"
SQLITE_PREFIX = "sqlite:///"


def resolve_url(url: str | Path | None = None) -> str:
    """The SQLAlchemy URL to open: explicit argument, else $REPORTAUDIT_STORE, else
    ./reportaudit.db. A plain path means SQLite; ``postgresql://`` means psycopg 3."""
    raw: str | Path = url if url is not None else os.environ.get(ENV_STORE) or DEFAULT_STORE
    if isinstance(raw, Path):
        return f"{SQLITE_PREFIX}{raw.expanduser().resolve()}"
    if raw == ":memory:":
        return "sqlite://"
    if "://" not in raw:
        return f"{SQLITE_PREFIX}{Path(raw).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix) :]
    return raw


def sqlite_file(url: str) -> Path | None:
    """The file of a resolved ``sqlite:///PATH`` URL without options; None for anything else
    (PostgreSQL, in-memory, URLs with query options)."""
    if not url.startswith(SQLITE_PREFIX) or "?" in url or len(url) == len(SQLITE_PREFIX):
        return None
    return Path(url[len(SQLITE_PREFIX) :])
