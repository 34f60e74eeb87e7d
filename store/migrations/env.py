"""Alembic environment: runs migrations on the connection ``open_store`` hands over.

Why programmatic only: the store decides the transaction and the writer lock (see
``reportaudit.store.migrate``); a stray ``alembic upgrade`` from a shell would bypass both.
``target_metadata`` is the shared ``SQLModel.metadata``, into which both the core models and
the optional reuse-detection models (``reportaudit.store.reuse_models``) register.
"""

from __future__ import annotations

import importlib

from alembic import context
from sqlmodel import SQLModel

import reportaudit.store.models  # noqa: F401  (registers the core tables)

try:  # tables added by later features live in their own modules
    importlib.import_module("reportaudit.store.reuse_models")
except ModuleNotFoundError as exc:
    if exc.name != "reportaudit.store.reuse_models":
        raise

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("run migrations through reportaudit.store.open_store(), not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    transactional_ddl=True,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
