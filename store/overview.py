"""Every report with its revision count and newest revision, in one SQL statement.

Why not ``queries.list_reports``: that goes through the ORM (rows of every revision, then a
summary per report). This is what the TUI's first screen waits for on a 10,000-report store,
so it is one aggregated query on a plain connection: no Session, no SQLModel or ORM import.

Why ``sqlite_overview`` as well: SQLAlchemy's own import takes ~0.25 s, a quarter of the
first screen's budget (issue 5). For a SQLite file the same statement through the stdlib
driver shows the corpus while the store is still being opened. It only reads, never
creates or migrates, and gives up (None) on anything unusual; the caller then waits for
``open_store``, which reports real problems. This module imports no SQLAlchemy itself.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .results import ReportSummary
from .urls import resolve_url, sqlite_file

if TYPE_CHECKING:
    from .engine import Store

__all__ = ["report_overview", "sqlite_overview"]

# Same rows and order as list_reports; the newest revision is the one with the top number.
# Only tables and columns of the first schema version: it reads a store of any version.
OVERVIEW_SQL = """
    SELECT r.id, r.unit, r.year, r.kind, r.region, COALESCE(c.n, 0) AS n,
           latest.id AS latest_id, latest.imported_at AS latest_at
    FROM report AS r
    LEFT OUTER JOIN (
        SELECT report_id, COUNT(*) AS n, MAX(number) AS top FROM revision GROUP BY report_id
    ) AS c ON c.report_id = r.id
    LEFT OUTER JOIN revision AS latest ON latest.report_id = r.id AND latest.number = c.top
    ORDER BY r.unit, r.year, r.kind, r.id
"""


def report_overview(store: Store) -> list[ReportSummary]:
    """Every logical report, ordered by unit, year, kind, id (like ``list_reports``)."""
    from sqlalchemy import text

    from .types import UTCDateTime

    statement = text(OVERVIEW_SQL).columns(latest_at=UTCDateTime())
    with store.engine.connect() as conn:
        rows = conn.execute(statement).all()
    return [ReportSummary(*row) for row in rows]


def sqlite_overview(url: str | Path | None = None) -> list[ReportSummary] | None:
    """``report_overview`` of the SQLite store at ``url`` (resolved like ``open_store``),
    read through the sqlite3 driver without opening the store; None when the URL is not
    an existing SQLite file or the read fails in any way."""
    path = sqlite_file(resolve_url(url))
    if path is None or not path.is_file():
        return None
    try:
        # read-only: never creates the file, never writes; 1 s at most behind a writer
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            rows = conn.execute(OVERVIEW_SQL).fetchall()
        finally:
            conn.close()
        # SQLite keeps times as naive UTC text (``types.UTCDateTime``); parsing them with the
        # offset appended is 5x faster than ``.replace(tzinfo=UTC)`` (10,000 rows)
        return [
            ReportSummary(id_, unit, year, kind, region, n, latest, _utc(at))
            for id_, unit, year, kind, region, n, latest, at in rows
        ]
    except (sqlite3.Error, ValueError, TypeError):
        return None


def _utc(text: str | None) -> datetime | None:
    """A stored naive-UTC time as an aware datetime."""
    return None if text is None else datetime.fromisoformat(text + "+00:00")
