"""Run the Alembic migrations programmatically (no alembic.ini needed at run time).

Why: every ``open_store`` brings the schema to ``head``, so a store written by an older
version opens with a newer one. The upgrade runs inside one writer transaction (SQLite
BEGIN IMMEDIATE, PostgreSQL advisory lock), so two processes opening a fresh store at the
same time do not both create the tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from reportaudit.errors import StoreError

if TYPE_CHECKING:
    from .engine import Store

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """An Alembic Config pointing at this package's migrations (for tools and tests too)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    return cfg


def head_revision() -> str:
    """The newest migration id shipped with this code."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations found"
    return head


def current_revision(store: Store) -> str | None:
    """The migration id recorded in the store (None for an empty database)."""
    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(store: Store, *, target: str = "head") -> None:
    """Upgrade the store's schema to ``target`` (default head) unless it is already there.

    ``target`` exists for tests that build an old-version store and then upgrade it.
    """
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
