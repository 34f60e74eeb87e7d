"""The store's tables as SQLModel classes, registered in the shared ``SQLModel.metadata``.

Why SQLModel: one set of classes serves SQLite and PostgreSQL. The schema itself is owned by
the Alembic migrations in ``migrations/versions`` (hand-written, so that a model edit never
silently changes an existing store); these classes must mirror them.

Extending the schema (e.g. reuse detection): define ``table=True`` SQLModel classes in a
sibling module ``reportaudit/store/reuse_models.py`` (they land in the same
``SQLModel.metadata``, which ``migrations/env.py`` imports for autogenerate), and add a
migration ``versions/0002_<name>.py`` with ``down_revision = "0001"``. ``open_store`` runs
``upgrade head``, so every existing store picks the new tables up when next opened.

Rows of ``revision``, ``original``, ``derivation``, ``audit_event`` and ``report`` are
append-only: the migration installs database triggers that abort any UPDATE or DELETE.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow

APPEND_ONLY_TABLES = (
    "report",
    "original",
    "revision",
    "derivation",
    "audit_event",
    "revision_label",
)
"""Tables whose rows the database refuses to update or delete."""


class Report(SQLModel, table=True):
    """A logical report: unit + year + kind class (+ project). ``key`` makes them unique
    (``labels.report_key``); a report whose unit, year or project was read without
    certainty gets a key of its own (``uncertain`` names those fields) and holds that one
    import until someone relabels it. ``year`` 0 stands for "not stated" (the column
    predates unknown years; ``results`` turns it into None). ``kind`` is the document's own
    kind phrase, as first imported."""

    __tablename__ = "report"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    unit: str = Field(sa_column=Column(Text, nullable=False))
    year: int = Field(sa_column=Column(Integer, nullable=False))
    kind: str = Field(sa_column=Column(Text, nullable=False))
    region: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )
    kind_class: str | None = Field(default=None, sa_column=Column(String(32), nullable=True))
    project: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    uncertain: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class Original(SQLModel, table=True):
    """The exact bytes of an imported file, addressed by their sha256 (stored once)."""

    __tablename__ = "original"

    sha256: str = Field(sa_column=Column(String(64), primary_key=True))
    size: int = Field(sa_column=Column(Integer, nullable=False))
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    stored_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )


class Revision(SQLModel, table=True):
    """One immutable import of new content into a report, linked to its parent revision.

    ``original_sha256`` is unique: the same bytes are never a second revision.
    """

    __tablename__ = "revision"
    __table_args__ = (UniqueConstraint("report_id", "number", name="uq_revision_report_number"),)

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(
        sa_column=Column(Integer, ForeignKey("report.id"), nullable=False, index=True)
    )
    number: int = Field(sa_column=Column(Integer, nullable=False))
    parent_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("revision.id"), nullable=True)
    )
    original_sha256: str = Field(
        sa_column=Column(String(64), ForeignKey("original.sha256"), nullable=False, unique=True)
    )
    filename: str = Field(sa_column=Column(Text, nullable=False))
    format: str = Field(sa_column=Column(String(32), nullable=False))
    encoding: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    actor: str = Field(sa_column=Column(Text, nullable=False))
    imported_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class Derivation(SQLModel, table=True):
    """Text and structure derived from a revision by one parser version.

    Keyed by (revision, parser_version) so a better parser adds a row and never touches the
    revision. The hashes are recorded in the audit trail when the row is written.
    """

    __tablename__ = "derivation"

    revision_id: int = Field(sa_column=Column(Integer, ForeignKey("revision.id"), primary_key=True))
    parser_version: str = Field(sa_column=Column(String(64), primary_key=True))
    text: str = Field(sa_column=Column(Text, nullable=False))
    text_sha256: str = Field(sa_column=Column(String(64), nullable=False))
    document_json: str = Field(sa_column=Column(Text, nullable=False))
    document_sha256: str = Field(sa_column=Column(String(64), nullable=False))
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )


class AuditEvent(SQLModel, table=True):
    """One link of the tamper-evident audit chain (``hash`` covers the fields + prev_hash)."""

    __tablename__ = "audit_event"

    seq: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    actor: str = Field(sa_column=Column(Text, nullable=False))
    action: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    subject: str = Field(sa_column=Column(Text, nullable=False))
    details: str = Field(sa_column=Column(Text, nullable=False))  # canonical JSON
    prev_hash: str = Field(sa_column=Column(String(64), nullable=False))
    hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))


class RevisionLabel(SQLModel, table=True):
    """Which logical report a revision belongs to, from its import or a relabel.

    Append-only: a relabel adds a row (and an audit event, ``event_seq``), so the history of
    where a revision was filed is kept; the newest row of a revision decides. ``provenance``
    is canonical JSON: for each field its value, source (title, cover, preamble, body,
    signature, filename, option, default) and certainty; '{}' for revisions imported before
    labels existed.
    """

    __tablename__ = "revision_label"
    __table_args__ = (
        Index("ix_revision_label_revision", "revision_id", "id"),
        Index("ix_revision_label_report", "report_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    revision_id: int = Field(sa_column=Column(Integer, ForeignKey("revision.id"), nullable=False))
    report_id: int = Field(sa_column=Column(Integer, ForeignKey("report.id"), nullable=False))
    event_seq: int = Field(sa_column=Column(Integer, nullable=False))
    action: str = Field(sa_column=Column(String(16), nullable=False))
    provenance: str = Field(sa_column=Column(Text, nullable=False))
    actor: str = Field(sa_column=Column(Text, nullable=False))
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
