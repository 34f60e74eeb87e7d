"""In-report checks of one revision (figures that do not add up, scores against grades,
stale years, other units' names, placeholders, broken text), like ``reportaudit check``.

The checks run in a worker through ``reportaudit.services.checks`` (the code path of
``reportaudit check``) and the run is saved with the actor;
Enter on a finding opens the revision at the statement at fault.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, LoadingIndicator, Static

from reportaudit.checks import CheckFinding
from reportaudit.i18n import _

from ..safe import literal
from .base import AuditScreen

__all__ = ["ChecksScreen"]


def check_row(finding: CheckFinding) -> list[Text]:
    """Severity, kind, rule, section and the explanation (which quotes the text: literal)."""
    style = "bold red" if finding.severity >= 70 else "yellow" if finding.severity >= 40 else "dim"
    return [
        Text(str(finding.severity), style=style, justify="right"),
        Text(finding.kind),
        Text(finding.rule, style="dim"),
        literal(finding.section_path.split(" › ")[-1]),
        literal(finding.explanation),
    ]


class ChecksScreen(AuditScreen):
    """The check findings of one revision."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", _("Back"))]

    class Checked(Message):
        """The checks ran (and their run was saved)."""

        def __init__(self, label: str, findings: list[CheckFinding]) -> None:
            """Carry the revision's label and its findings."""
            super().__init__()
            self.label, self.findings = label, findings

    def __init__(self, revision_id: int) -> None:
        """The revision to check."""
        super().__init__()
        self.revision_id = revision_id
        self.findings: list[CheckFinding] = []

    def compose(self) -> ComposeResult:
        """Title, spinner, table, status."""
        yield Header()
        yield Static(Text("Running the checks…"), id="checks-title")
        yield LoadingIndicator()
        table: DataTable[Text] = DataTable(id="checks", cursor_type="row", zebra_stripes=True)
        table.add_columns("Sev", "Kind", "Rule", "Section", "What is wrong")
        yield table
        yield Static(id="check-detail")
        yield Footer()

    def on_mount(self) -> None:
        """Start the checks."""
        self.query_one(DataTable).display = False
        self.run_checks()

    @work(thread=True, name="running the checks", exit_on_error=False)
    def run_checks(self) -> None:
        """Check the revision and save the run (the shared checks service)."""
        from reportaudit.services.checks import check_revisions

        app = self.audit_app
        [checked] = check_revisions(app.store, [f"#{self.revision_id}"], actor=app.actor)
        label = f"{checked.report.label} · revision #{checked.revision.number}"
        self.post_message(self.Checked(label, checked.findings))

    def on_checks_screen_checked(self, message: Checked) -> None:
        """Fill the table, most severe first."""
        self.findings = sorted(message.findings, key=lambda f: (-f.severity, f.start))
        self.query_one(LoadingIndicator).display = False
        table: DataTable[Text] = self.query_one(DataTable)
        table.display = True
        table.add_rows(check_row(f) for f in self.findings)
        table.focus()
        title = literal(message.label, style="bold")
        title.append(f"  ·  {len(self.findings)} check finding(s), run saved")
        self.query_one("#checks-title", Static).update(title)

    @on(DataTable.RowHighlighted, "#checks")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole explanation of the highlighted finding, wrapped."""
        if 0 <= event.cursor_row < len(self.findings):
            finding = self.findings[event.cursor_row]
            text = literal(finding.section_path, style="bold")
            text.append("\n")
            text.append_text(literal(finding.explanation))
            self.query_one("#check-detail", Static).update(text)

    @on(DataTable.RowSelected, "#checks")
    def _open(self, event: DataTable.RowSelected) -> None:
        """Open the revision at the statement at fault."""
        from .document import DocumentScreen

        if 0 <= event.cursor_row < len(self.findings):
            finding = self.findings[event.cursor_row]
            span = finding.anchor or (finding.spans[0] if finding.spans else None)
            where = (span.start, span.end) if span else None
            self.app.push_screen(DocumentScreen(self.revision_id, span=where))
