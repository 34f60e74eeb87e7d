"""Opening a store: engine set-up per dialect, sessions and the one write-transaction
helper (URLs are resolved in ``urls``).

Why here and nowhere else: the concurrency guarantees (one writer at a time, so the audit
chain never forks) depend on how connections begin transactions. SQLite gets WAL, a 30 s
busy timeout and ``BEGIN IMMEDIATE`` for writers (the SQLAlchemy pysqlite recipe: disable the
driver's own BEGIN, emit ours); PostgreSQL writers take a transaction-scoped advisory lock.
No engine is ever created at import time, and opening needs SQLAlchemy Core only: SQLModel's
Session is imported with the first session (the TUI's first screen does without it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from reportaudit.errors import NotFoundError, StoreError

from .urls import resolve_url

if TYPE_CHECKING:  # imported when a session is first asked for: opening needs Core only
    from sqlmodel import Session

WRITE_OPTION = "reportaudit_write"
"""Execution option marking a connection as a writer (SQLite: BEGIN IMMEDIATE)."""
PG_WRITE_LOCK_KEY = 0x52415544_49540001  # 'RAUDIT' + 1: the advisory lock all writers share
SQLITE_BUSY_SECONDS = 30.0


def _install_sqlite_hooks(engine: Engine) -> None:
    """WAL + busy timeout + foreign keys per connection; our own BEGIN per transaction."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        """Per new DBAPI connection: take BEGIN away from the driver; set the pragmas."""
        dbapi_connection.isolation_level = None  # the driver must not emit BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_SECONDS * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # 64 MiB page cache: the fingerprint index takes random-order inserts (default 2 MiB)
        cursor.execute("PRAGMA cache_size = -65536")
        if engine.url.database:  # a file, not :memory:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        """Per transaction: BEGIN IMMEDIATE for writers (take the lock now), else BEGIN."""
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str) -> Engine:
    """Create the engine for ``url`` with the dialect's concurrency set-up."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        kwargs: dict[str, Any] = {"connect_args": {"timeout": SQLITE_BUSY_SECONDS}}
        if not parsed.database:
            kwargs["poolclass"] = StaticPool
            kwargs["connect_args"]["check_same_thread"] = False
        engine = create_engine(parsed, **kwargs)
        _install_sqlite_hooks(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    raise StoreError(
        f"unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL"
    )


@dataclass
class Store:
    """An open store: an engine plus the ways to talk to it.

    ``session()`` is for reading; ``transaction()`` is the one way to write (commit or
    roll back as a whole). Close with ``close()`` or use the store as a context manager.
    """

    url: str
    engine: Engine
    _writer: Engine = field(init=False, repr=False)

    def __post_init__(self) -> None:
        """The writer shares the pool and hooks; it only marks its connections as writers."""
        self._writer = self.engine.execution_options(**{WRITE_OPTION: True})

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (deferred BEGIN). Store writers refuse to run inside it on SQLite."""
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: all or nothing, one writer at a time.

        SQLite: BEGIN IMMEDIATE (waits up to 30 s for another writer). PostgreSQL: a
        transaction-scoped advisory lock shared by every writer.
        """
        from sqlmodel import Session

        with Session(self._writer, expire_on_commit=False) as session, session.begin():
            if self.dialect == "postgresql":
                session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK_KEY})
            yield session

    def close(self) -> None:
        """Release every pooled connection (the SQLite file can then be moved or deleted)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        """Use as ``with open_store(...) as store:``."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close on leaving the block."""
        self.close()


def open_store(url: str | Path | None = None, *, create: bool = True) -> Store:
    """Open (and create/upgrade to the newest schema) the store at ``url``.

    ``url``: explicit, else $REPORTAUDIT_STORE, else ./reportaudit.db. With ``create=False``
    a missing SQLite file raises NotFoundError instead of being created (for read-only
    commands). Raises StoreError when the database cannot be reached or migrated.
    """
    from .migrate import upgrade_to_head  # late: keeps alembic off the import path

    resolved = resolve_url(url)
    parsed = make_url(resolved)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        path = Path(parsed.database)
        if not path.exists():
            if not create:
                raise NotFoundError(f"no store at {path}")
            path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(url=resolved, engine=make_engine(resolved))
    try:
        upgrade_to_head(store)
    except SQLAlchemyError as exc:
        store.close()
        first = str(exc).strip().splitlines()[0]
        raise StoreError(f"cannot open store {store.display_url}: {first}") from exc
    except BaseException:
        store.close()
        raise
    return store
