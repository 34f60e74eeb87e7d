"""Reading many revisions' derived text fast, from any process (scan workers).

Why: a full scan reads every revision twice (to fingerprint it, then to map its passages
back to the original), 20,000 reads at 10,000 reports, in forked worker processes that
must not use the parent's connections. On SQLite a plain read-only ``sqlite3`` connection
per process does each read in a fraction of a SQLAlchemy session's overhead; any other
database gets a store of its own per process and the usual ``revision_text``.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any

import orjson

from reportaudit.errors import NotFoundError

from .engine import Store, open_store
from .revisions import revision_text
from .urls import sqlite_file

_LATEST_SQL = (
    "SELECT text, document_json FROM derivation WHERE revision_id = ? "
    "ORDER BY created_at DESC, parser_version DESC LIMIT 1"
)
"""The newest derivation of a revision: the same choice as ``revision_text``."""

_OPEN: dict[tuple[int, str, int], sqlite3.Connection | Store] = {}


def _handle(store: Store) -> sqlite3.Connection | Store:
    """This process's reader of ``store``: a read-only sqlite3 connection or a Store.

    Keyed by process, URL and (for a file) its inode, so a store file deleted and created
    again at the same path (``demo`` does) is never read through a stale connection.
    """
    path = sqlite_file(store.url)
    inode = path.stat().st_ino if path is not None and path.exists() else 0
    key = (os.getpid(), store.url, inode)
    if key not in _OPEN:
        if path is not None:
            uri = f"{path.resolve().as_uri()}?mode=ro"
            _OPEN[key] = sqlite3.connect(uri, uri=True, timeout=30.0, check_same_thread=False)
        else:
            _OPEN[key] = open_store(store.url, create=False)
    return _OPEN[key]


def read_revision(store: Store, revision_id: int) -> tuple[str, dict[str, Any]]:
    """(extracted text, Document dict) of the newest derivation, like ``revision_text``,
    safe to call in a process forked from the one that opened ``store``."""
    handle = _handle(store)
    if isinstance(handle, Store):
        with handle.session() as s:
            return revision_text(s, revision_id)
    row = handle.execute(_LATEST_SQL, (revision_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"revision {revision_id} has no derivation")
    return row[0], orjson.loads(row[1])  # 3x json.loads: 20,000 documents in a scan


def close_readers(store: Store) -> None:
    """Close this process's readers of ``store``.

    Why it matters: an open read-only connection keeps SQLite from checkpointing the
    write-ahead log when the store closes, so the newest writes would stay in
    ``store.db-wal`` and a copy of ``store.db`` alone would miss them.
    """
    pid = os.getpid()
    for key in [k for k in _OPEN if k[0] == pid and k[1] == store.url]:
        handle = _OPEN.pop(key)
        handle.close()
