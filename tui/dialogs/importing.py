"""Import report files (a file or a folder) from inside the UI, like ``reportaudit import``.

Why in the TUI too: an auditor who receives a corrected report mid-session imports it and
diffs it against the previous revision without leaving the review. Files are imported one
transaction each in a worker, with a progress bar and one line per outcome; a scan read by
OCR shows its pages as they are recognised (seconds each).
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
from textual.widgets import Input, Label, ProgressBar, RichLog
from textual.worker import Worker, WorkerState

from reportaudit.i18n import _
from reportaudit.services.importing import ImportOutcome, collect_files, import_file
from reportaudit.services.indexing import FingerprintBatch, complete_pending

from ..safe import literal

if TYPE_CHECKING:
    from ..app import ReportAuditApp

__all__ = ["ImportDialog"]

STYLE = {"imported": "green", "duplicate": "yellow", "failed": "bold red"}


class ImportDialog(ModalScreen[int]):
    """Asks for a path, imports, reports; dismisses with the number of new revisions."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", _("Close"))]

    class PageRead(Message):
        """OCR of one file reached page ``done`` of ``total``."""

        def __init__(self, name: str, done: int, total: int) -> None:
            """Carry the file name and the page position."""
            super().__init__()
            self.name, self.done, self.total = name, done, total

    class FileImported(Message):
        """One file was handled (``done`` of ``total``)."""

        def __init__(self, outcome: ImportOutcome, done: int, total: int) -> None:
            """Carry the outcome and the position."""
            super().__init__()
            self.outcome, self.done, self.total = outcome, done, total

    def __init__(self) -> None:
        """Nothing imported yet."""
        super().__init__()
        self.imported = 0
        self.running = False

    def compose(self) -> ComposeResult:
        """Prompt, path, progress, outcomes."""
        with Vertical(classes="dialog import-dialog"):
            yield Label(
                "Import report files (.txt .docx .pdf .html .doc .wps, scans; or a folder)",
                classes="dialog-title",
            )
            yield Input(placeholder=_("path, then Enter · Escape closes"), id="import-path")
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Label("", id="import-pages")
            yield RichLog(id="import-log", wrap=True, markup=False, max_lines=500)

    def on_mount(self) -> None:
        """Focus the path box."""
        self.query_one(ProgressBar).display = False
        self.query_one(Input).focus()

    @on(Input.Submitted, "#import-path")
    def _submitted(self, event: Input.Submitted) -> None:
        """Import what the path names."""
        path = event.value.strip()
        if path and not self.running:
            self.running = True
            self.query_one(ProgressBar).display = True
            self.run_import(Path(path).expanduser())

    @work(thread=True, name="importing files", exit_on_error=False)
    def run_import(self, path: Path) -> None:
        """Collect the files and import them one by one."""
        app = cast("ReportAuditApp", self.app)
        files, _skipped = collect_files([path])
        complete_pending(app.store)  # what an interrupted import left unindexed
        with FingerprintBatch(app.store) as indexer:
            for done, file in enumerate(files, 1):

                def on_page(page: int, pages: int, name: str = file.name) -> None:
                    """Tell the dialog (thread-safe) how far OCR of this file is."""
                    self.post_message(self.PageRead(name, page, pages))

                outcome = import_file(
                    app.store, file, actor=app.actor, indexer=indexer, on_page=on_page
                )
                if done == len(files):
                    indexer.flush()  # before the last message: the dialog reports done
                self.post_message(self.FileImported(outcome, done, len(files)))
        if not files:
            self.post_message(
                self.FileImported(ImportOutcome(path, "failed", f"{path}: no report files"), 0, 0)
            )

    def on_import_dialog_page_read(self, message: PageRead) -> None:
        """Show OCR progress of the current file (cleared when the file is done)."""
        self.query_one("#import-pages", Label).update(
            literal(f"OCR {message.name}: page {message.done}/{message.total}")
        )

    def on_import_dialog_file_imported(self, message: FileImported) -> None:
        """Advance the bar and log the outcome."""
        self.query_one("#import-pages", Label).update("")
        outcome = message.outcome
        self.imported += outcome.status == "imported"
        self.query_one(ProgressBar).update(total=max(message.total, 1), progress=message.done)
        line = Text(f"{outcome.status:<9} ", style=STYLE.get(outcome.status, ""))
        line.append_text(literal(outcome.message))
        self.query_one(RichLog).write(line)
        if message.done == message.total:
            self.running = False

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Failures go to the app's error handler."""
        if event.state == WorkerState.ERROR:
            self.running = False
            cast("ReportAuditApp", self.app).report_worker_error(event.worker)

    def action_close(self) -> None:
        """Close, telling the caller how many revisions were added."""
        self.dismiss(self.imported)
