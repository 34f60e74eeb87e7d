"""Reuse detection: fingerprint index, scan runs, findings and per-revision shares.

Derived data (not append-only): re-indexing or re-scanning may replace rows; every save is
recorded in the audit chain. Chained after 0003 (checks), which had already taken the slot
after 0001, so the history stays a single line.

Revision ID: 0002
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import reportaudit.store.reuse_models  # noqa: F401  (registers the models in SQLModel.metadata)

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the reuse tables."""
    op.create_table(
        "reuse_indexed",
        sa.Column("revision_id", sa.Integer(), sa.ForeignKey("revision.id"), primary_key=True),
        sa.Column("index_key", sa.String(64), primary_key=True),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("folded_chars", sa.Integer(), nullable=False),
        sa.Column("fingerprints", sa.Integer(), nullable=False),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "reuse_fingerprint",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("revision_id", sa.Integer(), sa.ForeignKey("revision.id"), nullable=False),
        sa.Column("index_key", sa.String(64), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.Column("pos", sa.Integer(), nullable=False),
        sa.Column("seg", sa.Integer(), nullable=False),
    )
    op.create_index("ix_reuse_fingerprint_revision_id", "reuse_fingerprint", ["revision_id"])
    op.create_index("ix_reuse_fingerprint_key_hash", "reuse_fingerprint", ["index_key", "hash"])
    op.create_table(
        "reuse_run",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("params_json", sa.Text(), nullable=False),
        sa.Column("params_digest", sa.String(32), nullable=False),
        sa.Column("revisions_json", sa.Text(), nullable=False),
        sa.Column("finding_count", sa.Integer(), nullable=False),
        sa.Column("incremental", sa.Integer(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "reuse_finding",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("reuse_run.id"), nullable=False),
        sa.Column("finding_id", sa.String(64), nullable=False),
        sa.Column("family", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("template", sa.Integer(), nullable=False),
        sa.Column("a_revision", sa.String(64), nullable=False),
        sa.Column("b_revision", sa.String(64), nullable=False),
        sa.Column("data_json", sa.Text(), nullable=False),
    )
    op.create_index("ix_reuse_finding_run_id", "reuse_finding", ["run_id"])
    op.create_index("ix_reuse_finding_finding_id", "reuse_finding", ["finding_id"])
    op.create_index("ix_reuse_finding_a_revision", "reuse_finding", ["a_revision"])
    op.create_index("ix_reuse_finding_b_revision", "reuse_finding", ["b_revision"])
    op.create_table(
        "reuse_summary",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("reuse_run.id"), nullable=False),
        sa.Column("revision", sa.String(64), nullable=False),
        sa.Column("chars", sa.Integer(), nullable=False),
        sa.Column("share", sa.Float(), nullable=False),
        sa.Column("share_excluding_template", sa.Float(), nullable=False),
        sa.Column("top_sources_json", sa.Text(), nullable=False),
    )
    op.create_index("ix_reuse_summary_run_id", "reuse_summary", ["run_id"])


def downgrade() -> None:
    """Drop the reuse tables."""
    for name in ("reuse_summary", "reuse_finding", "reuse_run", "reuse_fingerprint",
                 "reuse_indexed"):
        op.drop_table(name)
