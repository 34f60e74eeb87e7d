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
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .labels_sql import CURRENT_SQL
from .results import ReportSummary
from .urls import resolve_url, sqlite_file

if TYPE_CHECKING:
    from .engine import Store

__all__ = ["report_overview", "sqlite_overview"]

# Same rows and order as list_reports: the report rows, and each revision's current report
# (its newest label) with its import time; the counts and the newest revision per report are
# folded in Python (two plain statements, fast on SQLite and PostgreSQL alike).
REPORTS_SQL = """
    SELECT id, unit, year, kind, region, kind_class, project, uncertain
    FROM report ORDER BY unit, year, kind, id
"""
HELD_SQL = f"""
    SELECT p.report_id, v.id, v.imported_at
    FROM ({CURRENT_SQL}) AS p JOIN revision AS v ON v.id = p.revision_id
"""


def _fold(reports: Sequence[Any], held: Sequence[Any], when: Any) -> list[ReportSummary]:
    """ReportSummary rows from the two statements (reports that hold nothing are left out)."""
    counts: dict[int, int] = {}
    latest: dict[int, tuple[Any, int]] = {}
    for report_id, rev_id, at in held:
        counts[report_id] = counts.get(report_id, 0) + 1
        if report_id not in latest or (at, rev_id) > latest[report_id]:
            latest[report_id] = (at, rev_id)
    out = []
    for id_, unit, year, kind, region, kind_class, project, uncertain in reports:
        if id_ not in counts:
            continue
        at, rev_id = latest[id_]
        out.append(
            ReportSummary(
                id_,
                unit,
                year or None,
                kind,
                region,
                counts[id_],
                rev_id,
                when(at),
                kind_class or "other",
                project,
                tuple(filter(None, (uncertain or "").split(","))),
            )
        )
    return out


def report_overview(store: Store) -> list[ReportSummary]:
    """Every logical report, ordered by unit, year, kind, id (like ``list_reports``)."""
    from sqlalchemy import text

    from .types import UTCDateTime

    with store.engine.connect() as conn:
        reports = conn.execute(text(REPORTS_SQL)).all()
        held = conn.execute(text(HELD_SQL).columns(imported_at=UTCDateTime())).all()
    return _fold(reports, held, lambda at: at)


def sqlite_overview(url: str | Path | None = None) -> list[ReportSummary] | None:
    """``report_overview`` of the SQLite store at ``url`` (resolved like ``open_store``),
    read through the sqlite3 driver without opening the store; None when the URL is not
    an existing SQLite file or the read fails in any way (an older schema included)."""
    path = sqlite_file(resolve_url(url))
    if path is None or not path.is_file():
        return None
    try:
        # read-only: never creates the file, never writes; 1 s at most behind a writer
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            reports = conn.execute(REPORTS_SQL).fetchall()
            held = conn.execute(HELD_SQL).fetchall()
        finally:
            conn.close()
        # SQLite keeps times as naive UTC text (``types.UTCDateTime``); parsing them with the
        # offset appended is 5x faster than ``.replace(tzinfo=UTC)`` (10,000 rows); the
        # text sorts like the time it stands for
        return _fold(reports, held, _utc)
    except (sqlite3.Error, ValueError, TypeError):
        return None


def _utc(text: str | None) -> datetime | None:
    """A stored naive-UTC time as an aware datetime."""
    return None if text is None else datetime.fromisoformat(text + "+00:00")
