"""Labels: where each revision belongs, how sure the import was, and relabels on the record.

Why: an import no longer refuses a report whose unit or year it cannot read for sure; it
stores the report under its best reading and says where each field came from. A person
then moves a revision to the right logical report with ``relabel``, which must never
rewrite a stored row. So each revision gets an append-only history of labels: the import's
label, then one per relabel, each recorded by an audit event; a revision belongs to the
report its newest label names.

Changes:
- ``report`` gains ``kind_class`` (department_overall, project, budget_execution, other),
  ``project`` (the fund or project a project report is about) and ``uncertain`` (the key
  fields read without certainty, comma-separated; such a report holds one import only).
  Existing rows get their class from their kind and their key in the new form
  (["v2", unit, year, kind_class, project]) unless that key is taken. The append-only
  trigger is lifted for this one update and put back.
- ``revision_label`` (append-only): one row per revision for its import, one per relabel.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from reportaudit.store.hashing import canonical_json

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The six kinds earlier versions stored, and their classes.
_OLD_KIND_CLASS = {
    "部门整体支出绩效自评报告": "department_overall",
    "项目支出绩效自评报告": "project",
    "部门预算执行情况自评报告": "budget_execution",
    "绩效自评工作总结": "other",
    "绩效评价报告": "other",
    "绩效自评报告": "department_overall",
}


def _class_of(kind: str) -> str:
    """The class of a kind stored by an earlier version (or of a user's own --kind)."""
    if kind in _OLD_KIND_CLASS:
        return _OLD_KIND_CLASS[kind]
    if "整体" in kind:
        return "department_overall"
    if "预算执行" in kind:
        return "budget_execution"
    if "项目" in kind or "资金" in kind:
        return "project"
    return "other"


def upgrade() -> None:
    """Add the report columns, fill them, create revision_label and fill it."""
    bind = op.get_bind()
    pg = bind.dialect.name == "postgresql"
    op.add_column("report", sa.Column("kind_class", sa.String(32), nullable=True))
    op.add_column("report", sa.Column("project", sa.Text(), nullable=True))
    op.add_column("report", sa.Column("uncertain", sa.Text(), nullable=True))
    rows = bind.execute(sa.text("SELECT id, unit, year, kind FROM report ORDER BY id")).all()
    if rows:
        if pg:
            op.execute("ALTER TABLE report DISABLE TRIGGER report_append_only")
        else:
            op.execute("DROP TRIGGER report_no_update")
        taken = {k for (k,) in bind.execute(sa.text("SELECT key FROM report")).all()}
        for rid, unit, year, kind in rows:
            cls = _class_of(kind)
            key = canonical_json(["v2", unit, year, cls, None])
            params = {"id": rid, "cls": cls}
            if key in taken:
                bind.execute(
                    sa.text("UPDATE report SET kind_class = :cls, uncertain = '' WHERE id = :id"),
                    params,
                )
                continue
            taken.add(key)
            bind.execute(
                sa.text(
                    "UPDATE report SET kind_class = :cls, uncertain = '', key = :key WHERE id = :id"
                ),
                {**params, "key": key},
            )
        if pg:
            op.execute("ALTER TABLE report ENABLE TRIGGER report_append_only")
        else:
            op.execute(
                "CREATE TRIGGER report_no_update BEFORE UPDATE ON report "
                "BEGIN SELECT RAISE(ABORT, 'reportaudit: UPDATE on report is refused "
                "(append-only table)'); END"
            )
    op.create_table(
        "revision_label",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("revision_id", sa.Integer(), sa.ForeignKey("revision.id"), nullable=False),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("report.id"), nullable=False),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("provenance", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_revision_label_revision", "revision_label", ["revision_id", "id"])
    op.create_index("ix_revision_label_report", "revision_label", ["report_id"])
    # Every stored revision's import is its first label (provenance unknown: '{}').
    op.execute(
        "INSERT INTO revision_label (revision_id, report_id, event_seq, action, provenance, "
        "actor, at, note) "
        "SELECT r.id, r.report_id, e.seq, 'import', '{}', r.actor, r.imported_at, NULL "
        "FROM revision r JOIN audit_event e ON e.action = 'import' "
        "AND e.subject = 'revision ' || CAST(r.id AS TEXT) ORDER BY r.id"
    )
    if pg:
        for verb in ("append_only", "no_truncate"):
            event = "UPDATE OR DELETE" if verb == "append_only" else "TRUNCATE"
            each = "ROW" if verb == "append_only" else "STATEMENT"
            op.execute(
                f"CREATE TRIGGER revision_label_{verb} BEFORE {event} ON revision_label "
                f"FOR EACH {each} EXECUTE FUNCTION reportaudit_append_only()"
            )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER revision_label_no_{verb.lower()} BEFORE {verb} ON revision_label "
                f"BEGIN SELECT RAISE(ABORT, 'reportaudit: {verb} on revision_label is refused "
                "(append-only table)'); END"
            )


def downgrade() -> None:
    """An audit store is never downgraded: that would delete evidence."""
    raise NotImplementedError("labels cannot be removed from an audit store")
