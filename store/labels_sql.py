"""Each revision's current report as plain SQL (no SQLAlchemy import: the TUI's quick read
uses it through the stdlib sqlite3 driver before the store layer is loaded)."""

CURRENT_SQL = (
    "SELECT l.revision_id, l.report_id FROM revision_label AS l JOIN "
    "(SELECT revision_id, MAX(id) AS top FROM revision_label GROUP BY revision_id) AS t "
    "ON t.revision_id = l.revision_id AND t.top = l.id"
)
"""(revision_id, report_id) for every revision: the report its newest label names."""
