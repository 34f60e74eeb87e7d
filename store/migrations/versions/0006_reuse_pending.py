"""Revisions stored but not yet fingerprinted for reuse: a durable "to index" mark.

Why: an import stores each file in its own transaction and writes the reuse index in
batches afterwards (one sorted write per batch is what makes importing 10,000 reports take
minutes, not hours). A crash between the two left revisions that no index held and nothing
remembered: the re-run skipped them as duplicates and ``scan --new`` silently missed text
copied from them. Now the import's own transaction adds a ``reuse_pending`` row, the
transaction that writes a revision's postings deletes it, and the next import, scan or
``scan --new`` indexes whatever is still marked first (and says so). ``verify`` reports a
revision that is neither indexed nor marked.

Existing stores: every revision without any index row is marked.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create reuse_pending and mark every revision no index holds yet."""
    op.create_table(
        "reuse_pending",
        sa.Column(
            "revision_id", sa.Integer(), sa.ForeignKey("revision.id"), primary_key=True
        ),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.execute(
        "INSERT INTO reuse_pending (revision_id, marked_at) "
        "SELECT r.id, r.imported_at FROM revision r "
        "WHERE NOT EXISTS (SELECT 1 FROM reuse_indexed i WHERE i.revision_id = r.id)"
    )


def downgrade() -> None:
    """Forget the marks (the next full scan indexes what is missing, as before)."""
    op.drop_table("reuse_pending")
