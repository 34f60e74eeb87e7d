"""In-report checks: one run per (revision, checks version) and its findings.

Not append-only (unlike the core tables): a re-run of the same checks version replaces its
own earlier result; every save is recorded in the audit chain instead.

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Register the CheckRun / CheckFindingRow models in SQLModel.metadata whenever migrations are
# loaded (every open_store), so schema comparisons see these tables even in a process that
# never imported reportaudit.store.checks (migrations/env.py only imports the core models).
import reportaudit.store.checks  # noqa: F401

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create check_run and check_finding."""
    op.create_table(
        "check_run",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("revision_id", sa.Integer(), sa.ForeignKey("revision.id"), nullable=False),
        sa.Column("checks_version", sa.String(64), nullable=False),
        sa.Column("parser_version", sa.String(64), nullable=False),
        sa.Column("config_digest", sa.String(64), nullable=False),
        sa.Column("finding_count", sa.Integer(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("revision_id", "checks_version", name="uq_check_run_revision_version"),
    )
    op.create_index("ix_check_run_revision_id", "check_run", ["revision_id"])
    op.create_table(
        "check_finding",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("check_run.id"), nullable=False),
        sa.Column("revision_id", sa.Integer(), sa.ForeignKey("revision.id"), nullable=False),
        sa.Column("finding_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("rule", sa.String(64), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("spans", sa.Text(), nullable=False),
        sa.Column("anchor_start", sa.Integer(), nullable=True),
        sa.Column("anchor_end", sa.Integer(), nullable=True),
        sa.Column("section", sa.Integer(), nullable=True),
        sa.Column("section_path", sa.Text(), nullable=False),
        sa.Column("section_type", sa.String(32), nullable=False),
        sa.UniqueConstraint("run_id", "finding_id", name="uq_check_finding_run_finding"),
    )
    op.create_index("ix_check_finding_run_id", "check_finding", ["run_id"])
    op.create_index("ix_check_finding_revision_id", "check_finding", ["revision_id"])
    op.create_index("ix_check_finding_finding_id", "check_finding", ["finding_id"])
    op.create_index("ix_check_finding_kind", "check_finding", ["kind"])


def downgrade() -> None:
    """Drop the checks tables."""
    op.drop_table("check_finding")
    op.drop_table("check_run")
