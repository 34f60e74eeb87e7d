"""The audit trail: append one chained event, list events.

Why a chain: each event's hash covers its fields and the previous event's hash, so changing
or removing any past event breaks every later link and ``verify`` names the first break.
Appends are serialised (one writer at a time, see ``engine``) so the chain never forks.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from reportaudit.errors import StoreError

from .engine import PG_WRITE_LOCK_KEY, WRITE_OPTION
from .hashing import GENESIS_HASH, canonical_json, event_hash, normalize_json
from .models import AuditEvent
from .results import EventInfo
from .types import utcnow


def require_writer(session: Session) -> None:
    """Make sure ``session`` may write: it must come from ``Store.transaction()``.

    A read session never commits, so a write there would be lost silently. SQLite: only a
    BEGIN IMMEDIATE transaction holds the write lock from the start (a deferred one could
    read the chain head, then lose the race to upgrade its lock). PostgreSQL: the shared
    advisory lock (already held by ``transaction()``; taking it again is harmless).
    """
    conn = session.connection()
    if not conn.get_execution_options().get(WRITE_OPTION, False):
        raise StoreError("store writes must run inside `with store.transaction() as session:`")
    if conn.dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK_KEY})


def _info(row: AuditEvent) -> EventInfo:
    """Freeze an event row."""
    return EventInfo(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=row.action,
        subject=row.subject,
        details=json.loads(row.details),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def append_event(
    session: Session,
    *,
    actor: str,
    action: str,
    subject: str,
    details: dict[str, Any],
) -> EventInfo:
    """Append one event (import, review decision, export, ...) to the audit chain.

    ``details`` must be JSON-representable; it is stored as canonical JSON and hashed in
    exactly the form it reads back. Runs inside the caller's write transaction, so the event
    commits or rolls back together with whatever it records. The time is always "now": an
    audit trail whose times the caller could choose would prove little.
    """
    if not actor.strip() or not action.strip():
        raise ValueError("an audit event needs an actor and an action")
    require_writer(session)
    details = normalize_json(details)
    last = session.exec(select(AuditEvent).order_by(col(AuditEvent.seq).desc()).limit(1)).first()
    seq = last.seq + 1 if last else 1
    prev = last.hash if last else GENESIS_HASH
    at = utcnow()
    digest = event_hash(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        subject=subject,
        details=details,
        prev_hash=prev,
    )
    row = AuditEvent(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        subject=subject,
        details=canonical_json(details),
        prev_hash=prev,
        hash=digest,
    )
    session.add(row)
    session.flush()
    return _info(row)


def events(
    session: Session, limit: int | None = None, *, action: str | None = None
) -> list[EventInfo]:
    """Events in chain order (oldest first); with ``limit``, only the newest ``limit``.

    ``action`` filters to one kind of event (e.g. "import").
    """
    query = select(AuditEvent)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    if limit is not None:
        rows = session.exec(query.order_by(col(AuditEvent.seq).desc()).limit(limit)).all()
        return [_info(r) for r in reversed(rows)]
    return [_info(r) for r in session.exec(query.order_by(col(AuditEvent.seq))).all()]


def head_hash(session: Session) -> str | None:
    """The newest event's hash (None for an empty trail): an anchor to note externally."""
    last = session.exec(select(AuditEvent).order_by(col(AuditEvent.seq).desc()).limit(1)).first()
    return last.hash if last else None


def first_hash(session: Session) -> str | None:
    """The first event's hash (None for an empty trail): it never changes, so it names the
    store (working-paper index numbers are derived from it)."""
    first = session.exec(select(AuditEvent).order_by(col(AuditEvent.seq)).limit(1)).first()
    return first.hash if first else None
