"""Reuse index as postings: one (index key, hash, revision) row per distinct fingerprint.

Why: the first layout stored every winnowed fingerprint with its position and segment (read
by nothing) under a 64-character key string, in a rowid table with two secondary indexes:
about 90 bytes and three B-tree inserts per fingerprint, which made indexing 10,000 reports
take ten minutes. Lookups only ever ask "which revisions (and units) hold these hashes", so
the index is now one clustered primary key (``WITHOUT ROWID`` on SQLite) over
(key id, hash, revision id), with the key strings in a small table. Existing fingerprints
are carried over (distinct per revision), so no re-index is needed.

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create reuse_key and reuse_posting, copy the old fingerprints, drop their table."""
    op.create_table(
        "reuse_key",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
    )
    op.create_table(
        "reuse_posting",
        sa.Column("key_id", sa.Integer(), sa.ForeignKey("reuse_key.id"), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key_id", "hash", "revision_id"),
        sqlite_with_rowid=False,
    )
    op.execute(
        "INSERT INTO reuse_key (key) SELECT DISTINCT index_key FROM reuse_indexed "
        "ORDER BY index_key"
    )
    op.execute(
        "INSERT INTO reuse_posting (key_id, hash, revision_id) "
        "SELECT DISTINCT k.id, f.hash, f.revision_id FROM reuse_fingerprint f "
        "JOIN reuse_key k ON k.key = f.index_key"
    )
    op.execute(
        "UPDATE reuse_indexed SET fingerprints = (SELECT count(*) FROM reuse_posting p "
        "JOIN reuse_key k ON k.id = p.key_id WHERE k.key = reuse_indexed.index_key "
        "AND p.revision_id = reuse_indexed.revision_id)"
    )
    op.drop_index("ix_reuse_fingerprint_key_hash", "reuse_fingerprint")
    op.drop_index("ix_reuse_fingerprint_revision_id", "reuse_fingerprint")
    op.drop_table("reuse_fingerprint")


def downgrade() -> None:
    """Back to per-fingerprint rows (positions and segments are not kept: stored as 0)."""
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
    op.execute(
        "INSERT INTO reuse_fingerprint (revision_id, index_key, hash, pos, seg) "
        "SELECT p.revision_id, k.key, p.hash, 0, 0 FROM reuse_posting p "
        "JOIN reuse_key k ON k.id = p.key_id"
    )
    op.drop_table("reuse_posting")
    op.drop_table("reuse_key")
