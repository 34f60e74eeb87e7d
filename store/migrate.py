"""Run the Alembic migrations programmatically (no alembic.ini needed at run time).

Why: every ``open_store`` brings the schema to ``head``, so a store written by an older
version opens with a newer one. The upgrade runs inside one writer transaction (SQLite
BEGIN IMMEDIATE, PostgreSQL advisory lock), so two processes opening a fresh store at the
same time do not both create the tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from reportaudit.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

    from .engine import Store

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SCHEMA_HEAD = "0006"
"""The newest migration id shipped (a test keeps it equal to Alembic's head). Opening a store
that is already there skips importing Alembic, which keeps start-up (the TUI's first screen)
fast."""


def alembic_config() -> Config:
    """An Alembic Config pointing at this package's migrations (for tools and tests too)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    return cfg


def head_revision() -> str:
    """The newest migration id shipped with this code."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations found"
    return head


def current_revision(store: Store) -> str | None:
    """The migration id recorded in the store (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(store: Store, *, target: str = "head") -> None:
    """Upgrade the store's schema to ``target`` (default head) unless it is already there.

    ``target`` exists for tests that build an old-version store and then upgrade it.
    """
    if target == "head" and _recorded_version(store) == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    wanted = script.get_current_head() if target == "head" else target
    current = current_revision(store)
    if current == wanted:
        return
    if current is not None and current not in {s.revision for s in script.walk_revisions()}:
        raise StoreError(
            f"store {store.display_url} has schema version {current!r}, unknown to this "
            f"reportaudit (newest known: {script.get_current_head()}); upgrade reportaudit"
        )
    from .engine import PG_WRITE_LOCK_KEY, WRITE_OPTION

    writer = store.engine.execution_options(**{WRITE_OPTION: True})
    with writer.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK_KEY})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def _recorded_version(store: Store) -> str | None:
    """The store's schema version read with plain SQL (None when not recorded yet)."""
    try:
        with store.engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return None
