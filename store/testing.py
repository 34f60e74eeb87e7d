"""Helpers for tests that run against real databases (SQLite files and PostgreSQL).

Why in the package: the store tests and any later feature that adds tables (reuse detection)
must run the same way on both databases, with the same skip-or-fail rule: PostgreSQL tests
skip when $REPORTAUDIT_TEST_PG_URL is unset or unreachable, but FAIL when $CI is "true", so
CI can never go green without having exercised PostgreSQL. Start a server with
``scripts/pg-test-server.sh``. Nothing here runs at import time; pytest is imported lazily.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy.engine import make_url

PG_ENV = "REPORTAUDIT_TEST_PG_URL"


def in_ci() -> bool:
    """True when $CI says we run in continuous integration."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _psycopg_dsn(url: str) -> str:
    """A libpq connection string for a SQLAlchemy PostgreSQL URL."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


@lru_cache(maxsize=4)
def pg_unavailable_reason(url: str | None) -> str | None:
    """Why PostgreSQL tests cannot run (None when the server answers)."""
    if not url:
        return f'${PG_ENV} is not set (start one: eval "$(scripts/pg-test-server.sh)")'
    import psycopg

    try:
        with psycopg.connect(_psycopg_dsn(url), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # any failure to connect means: not available
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"PostgreSQL at ${PG_ENV} is unreachable: {first}"
    return None


def require_pg() -> str:
    """The PostgreSQL test URL, or skip the test (fail it when $CI is true)."""
    import pytest

    url = os.environ.get(PG_ENV)
    reason = pg_unavailable_reason(url)
    if reason is None and url:
        return url
    if in_ci():
        pytest.fail(f"CI=true requires PostgreSQL tests to run: {reason}", pytrace=False)
    pytest.skip(reason or "PostgreSQL unavailable")
    raise AssertionError("unreachable")  # pytest.skip raises


@contextmanager
def pg_schema_url(base_url: str) -> Iterator[str]:
    """A URL whose connections live in a fresh, empty schema, dropped afterwards.

    Why a schema per test: it isolates each test completely (tables, triggers, the trigger
    function, the alembic version table) at a fraction of the cost of a new database.
    """
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:16]}"
    dsn = _psycopg_dsn(base_url)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
