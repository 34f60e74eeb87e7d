"""Tables of reuse detection: the fingerprint index, scan runs, their findings and shares.

Why in the store: the fingerprints of every indexed revision are the index a new revision
is checked against (one SQL lookup by hash instead of re-reading the corpus), and findings
are kept with the parameters that produced them so an auditor's review decisions (audit
events naming a finding id) stay attached across rescans.

Unlike the core tables these are derived data: a re-index or re-scan may replace them; every
save is recorded in the audit chain instead.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Float, ForeignKey, Integer, String, Text
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow


class ReuseIndexed(SQLModel, table=True):
    """One revision fingerprinted with one (k, window, parser version)."""

    __tablename__ = "reuse_indexed"

    revision_id: int = Field(sa_column=Column(Integer, ForeignKey("revision.id"), primary_key=True))
    index_key: str = Field(sa_column=Column(String(64), primary_key=True))
    unit: str = Field(sa_column=Column(Text, nullable=False))
    folded_chars: int = Field(sa_column=Column(Integer, nullable=False))
    fingerprints: int = Field(sa_column=Column(Integer, nullable=False))
    indexed_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )


class ReusePending(SQLModel, table=True):
    """A revision stored but not yet fingerprinted: written by the import's transaction,
    deleted by the one that saves its postings (migration 0006 says why)."""

    __tablename__ = "reuse_pending"

    revision_id: int = Field(sa_column=Column(Integer, ForeignKey("revision.id"), primary_key=True))
    marked_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )


class ReuseKey(SQLModel, table=True):
    """An index key string (``k8w4:structure-2``) and the small id postings carry instead."""

    __tablename__ = "reuse_key"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_column=Column(String(64), nullable=False, unique=True))


class ReusePosting(SQLModel, table=True):
    """One distinct winnowed k-gram hash (signed 64-bit) held by one revision under one key.

    The primary key is the only index (``WITHOUT ROWID`` on SQLite): lookups ask which
    revisions hold given hashes. No foreign key to revision: checking one per row would
    double the cost of a bulk insert, and postings are only written for revisions the same
    transaction records in ``reuse_indexed`` (which has the foreign key).
    """

    __tablename__ = "reuse_posting"
    __table_args__ = ({"sqlite_with_rowid": False},)

    key_id: int = Field(
        sa_column=Column(Integer, ForeignKey("reuse_key.id"), primary_key=True, nullable=False)
    )
    hash: int = Field(sa_column=Column(BigInteger, primary_key=True, nullable=False))
    revision_id: int = Field(sa_column=Column(Integer, primary_key=True, nullable=False))


class ReuseRun(SQLModel, table=True):
    """One scan: its parameters (JSON), digest, which revisions, how many findings."""

    __tablename__ = "reuse_run"

    id: int | None = Field(default=None, primary_key=True)
    params_json: str = Field(sa_column=Column(Text, nullable=False))
    params_digest: str = Field(sa_column=Column(String(32), nullable=False))
    revisions_json: str = Field(sa_column=Column(Text, nullable=False))
    finding_count: int = Field(sa_column=Column(Integer, nullable=False))
    incremental: int = Field(sa_column=Column(Integer, nullable=False))
    actor: str = Field(sa_column=Column(Text, nullable=False))
    ran_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )


class ReuseFindingRow(SQLModel, table=True):
    """One finding of a run; ``data_json`` is the full JSON item as printed by the CLI."""

    __tablename__ = "reuse_finding"

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(
        sa_column=Column(Integer, ForeignKey("reuse_run.id"), nullable=False, index=True)
    )
    finding_id: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    family: str = Field(sa_column=Column(String(64), nullable=False))
    kind: str = Field(sa_column=Column(String(32), nullable=False))
    severity: int = Field(sa_column=Column(Integer, nullable=False))
    template: int = Field(sa_column=Column(Integer, nullable=False))
    a_revision: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    b_revision: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    data_json: str = Field(sa_column=Column(Text, nullable=False))


class ReuseSummaryRow(SQLModel, table=True):
    """Per revision and run: the reuse shares (like 复制比) and the top sources (JSON)."""

    __tablename__ = "reuse_summary"

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(
        sa_column=Column(Integer, ForeignKey("reuse_run.id"), nullable=False, index=True)
    )
    revision: str = Field(sa_column=Column(String(64), nullable=False))
    chars: int = Field(sa_column=Column(Integer, nullable=False))
    share: float = Field(sa_column=Column(Float, nullable=False))
    share_excluding_template: float = Field(sa_column=Column(Float, nullable=False))
    top_sources_json: str = Field(sa_column=Column(Text, nullable=False))
