"""Per-invocation state: the store URL and the store, opened on first use.

The store package is imported when the store is first asked for, not with this module:
``reportaudit tui`` hands ``AppState.store`` to the app, which calls it after its first
screen is up, so SQLAlchemy's import does not hold the terminal set-up back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from reportaudit.store import Store


@dataclass
class AppState:
    """Carried in ``ctx.obj``; opens the store only when a command needs it."""

    store_url: str | None = None
    _store: Store | None = field(default=None, repr=False)

    def store(self, *, create: bool = True) -> Store:
        """The open store (created and migrated on first use when ``create``)."""
        if self._store is None:
            from reportaudit.store import open_store

            self._store = open_store(self.store_url, create=create)
        return self._store

    def close(self) -> None:
        """Close the store if it was opened."""
        if self._store is not None:
            self._store.close()
            self._store = None


def state(ctx: typer.Context) -> AppState:
    """The AppState of this invocation (set by the main callback)."""
    obj = ctx.find_root().obj
    assert isinstance(obj, AppState)
    return obj
