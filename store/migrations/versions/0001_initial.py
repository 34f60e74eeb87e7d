"""Initial schema: reports, content-addressed originals, revisions, derivations, audit chain.

Also installs the append-only triggers: the database itself refuses UPDATE and DELETE on
revisions, originals, derivations, reports and audit events (SQLite: RAISE(ABORT);
PostgreSQL: a plpgsql function raising an exception, also on TRUNCATE).

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("report", "original", "revision", "derivation", "audit_event")


def _ts() -> sa.DateTime:
    """Timestamps: timestamptz on PostgreSQL, UTC text on SQLite."""
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the tables, then the triggers that make them append-only."""
    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.Text(), nullable=False, unique=True),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("created_at", _ts(), nullable=False),
    )
    op.create_table(
        "original",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("stored_at", _ts(), nullable=False),
    )
    op.create_table(
        "revision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("report.id"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("revision.id"), nullable=True),
        sa.Column(
            "original_sha256",
            sa.String(64),
            sa.ForeignKey("original.sha256"),
            nullable=False,
            unique=True,
        ),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("format", sa.String(32), nullable=False),
        sa.Column("encoding", sa.String(64), nullable=True),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("imported_at", _ts(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.UniqueConstraint("report_id", "number", name="uq_revision_report_number"),
    )
    op.create_index("ix_revision_report_id", "revision", ["report_id"])
    op.create_index("ix_revision_imported_at", "revision", ["imported_at"])
    op.create_table(
        "derivation",
        sa.Column("revision_id", sa.Integer(), sa.ForeignKey("revision.id"), primary_key=True),
        sa.Column("parser_version", sa.String(64), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("document_json", sa.Text(), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("created_at", _ts(), nullable=False),
    )
    op.create_table(
        "audit_event",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("at", _ts(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_audit_event_action", "audit_event", ["action"])

    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION reportaudit_append_only() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'reportaudit: % on % is refused (append-only table)',
                    TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'restrict_violation';
            END
            $$
            """
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION reportaudit_append_only()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION reportaudit_append_only()"
            )
    else:
        for table in APPEND_ONLY:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'reportaudit: {verb} on {table} is refused "
                    "(append-only table)'); END"
                )


def downgrade() -> None:
    """An audit store is never downgraded: that would delete evidence."""
    raise NotImplementedError("the initial schema of an audit store cannot be downgraded")
