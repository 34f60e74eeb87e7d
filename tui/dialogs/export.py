"""Export the findings working paper (审计工作底稿) from inside the UI.

Why: exporting was only reachable from the CLI; an auditor who has just reviewed findings
wants the paper now. The file name's suffix picks the format (.html .xlsx .csv .json), as
``reportaudit export findings -o FILE`` does; the same service builds and records it, so
the export is the same audit event and ``reportaudit verify --export FILE`` accepts it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from reportaudit.i18n import _

from ..safe import literal

if TYPE_CHECKING:
    from reportaudit.services.workpaper import ExportResult

    from ..app import ReportAuditApp

__all__ = ["FORMATS", "ExportDialog"]

FORMATS = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".csv": "csv", ".json": "json"}
"""File suffix -> export format (the CLI's ``export findings`` reads suffixes the same way)."""


class ExportDialog(ModalScreen[None]):
    """Asks for a file name, exports every stored finding there, says what was written."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", _("Close"))]

    class Exported(Message):
        """The paper was written and recorded."""

        def __init__(self, result: ExportResult) -> None:
            """Carry the result."""
            super().__init__()
            self.result = result

    def __init__(self, default: str = "reportaudit-findings.xlsx") -> None:
        """``default``: the file name offered."""
        super().__init__()
        self._default = default

    def compose(self) -> ComposeResult:
        """Title, file input, outcome line."""
        with Vertical(classes="dialog"):
            yield Label("Export findings (working paper)", classes="dialog-title")
            yield Input(value=self._default, id="export-path")
            yield Static(
                Text("Enter exports · .html .xlsx .csv .json · Escape closes", style="dim"),
                id="export-outcome",
            )

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        """Check the suffix, then export in a worker."""
        path = Path(event.value.strip()).expanduser()
        fmt = FORMATS.get(path.suffix.lower())
        outcome = self.query_one("#export-outcome", Static)
        if fmt is None:
            outcome.update(Text("Name a .html, .xlsx, .csv or .json file.", style="red"))
            return
        outcome.update(Text("Exporting…"))
        self.export(path, fmt)

    @work(thread=True, name="exporting the findings", exit_on_error=False)
    def export(self, path: Path, fmt: str) -> None:
        """Build the paper from the store and write it (one audit event)."""
        from reportaudit.services.workpaper import build_findings_paper, export_paper

        app = cast("ReportAuditApp", self.app)
        try:
            paper = build_findings_paper(app.store, actor=app.actor)
            result = export_paper(app.store, paper, fmt, path)
        except OSError as exc:
            self.app.call_from_thread(
                self.query_one("#export-outcome", Static).update,
                literal(f"Cannot write {path}: {exc.strerror or exc}", style="red"),
            )
            return
        self.post_message(self.Exported(result))

    def on_export_dialog_exported(self, message: Exported) -> None:
        """Say what was written and where it is recorded."""
        r = message.result
        self.query_one("#export-outcome", Static).update(
            literal(
                f"Wrote {r.path.resolve()} ({r.format}, {r.findings} finding(s)); audit event "
                f"#{r.event_seq}; sha256 {r.digest[:16]}…",
                style="green",
            )
        )

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)
