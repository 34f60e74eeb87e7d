"""The Textual application: global keys, theme, command palette, worker errors.

Why a factory: the store is opened by the command (``reportaudit tui``) or by a test and
handed in; nothing here creates a database engine at import time.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker

from reportaudit.store import Store

from .commands import ReportsProvider
from .data.reuse import ReuseStats

if TYPE_CHECKING:  # the matcher (numpy) is imported when the findings screen needs it
    from .data.findings import CorpusScan
    from .data.review import Decision
from .dialogs.error import ErrorDialog
from .screens.corpus import CorpusScreen

__all__ = ["ReportAuditApp", "make_app"]

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


class ReportAuditApp(App[None]):
    """Keyboard-driven review of the report store; holds the store and the actor."""

    TITLE = "reportaudit"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {ReportsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+t", "toggle_theme", "Theme"),
        Binding("f2", "findings", "Findings"),
        Binding("f3", "search", "Search"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, store: Store, *, actor: str) -> None:
        """Keep the store (opened by the caller) and who is reviewing."""
        super().__init__()
        self.store = store
        self.actor = actor
        self.theme = DARK_THEME
        self.scan: CorpusScan | None = None  # the newest stored reuse run, once read
        self.decisions: dict[str, list[Decision]] = {}  # finding id -> review events

    def reuse_stats(self) -> dict[int, ReuseStats]:
        """Report id -> reuse figures from the newest stored run (empty before one is read)."""
        if self.scan is None:
            return {}
        from .data.findings import stats_from_scan
        from .data.review import OPEN, current_status

        open_ids = {
            f.id for f in self.scan.findings if current_status(self.decisions.get(f.id)) == OPEN
        }
        return stats_from_scan(self.scan, open_ids)

    def on_mount(self) -> None:
        """Start on the corpus."""
        self.sub_title = f"{self.store.display_url} · {self.actor}"
        self.push_screen(CorpusScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The app's own commands, listed in the command palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("Corpus", "Back to the corpus of all reports", self.action_corpus)
        yield SystemCommand(
            "Findings", "Reuse findings: filter, sort, review", self.action_findings
        )
        yield SystemCommand(
            "Review log", "Every review decision in the audit trail", self.action_review_log
        )
        yield SystemCommand("Search corpus", "Where else does a passage occur?", self.action_search)
        yield SystemCommand("Help", "Keys of every screen", self.action_help)
        yield SystemCommand(
            "Toggle light/dark theme", "Switch between light and dark", self.action_toggle_theme
        )
        yield SystemCommand("Import files", "Import report files or a folder", self.action_import)
        yield SystemCommand("Verify store", "Check the audit chain and hashes", self.action_verify)

    def action_toggle_theme(self) -> None:
        """Light <-> dark."""
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME

    def action_help(self) -> None:
        """Show the keys of the current screen and the app."""
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_corpus(self) -> None:
        """Pop back to the corpus screen."""
        while len(self.screen_stack) > 2 and not isinstance(self.screen, CorpusScreen):
            self.pop_screen()

    def action_findings(self) -> None:
        """Open the findings table."""
        from .screens.findings import FindingsScreen

        self.push_screen(FindingsScreen())

    def action_review_log(self) -> None:
        """Open the log of review decisions."""
        from .screens.review_log import ReviewLogScreen

        self.push_screen(ReviewLogScreen())

    def action_search(self, query: str = "") -> None:
        """Open corpus search."""
        from .screens.search import SearchScreen

        self.push_screen(SearchScreen(query))

    def action_verify(self) -> None:
        """Verify the store in a worker and report the outcome."""
        from .dialogs.verify import VerifyDialog

        self.push_screen(VerifyDialog())

    def action_import(self) -> None:
        """Import files; afterwards the corpus is read again and the scan is outdated."""
        from .dialogs.importing import ImportDialog

        def done(added: int | None) -> None:
            if added:
                self.scan = None
                for screen in self.screen_stack:
                    if isinstance(screen, CorpusScreen):
                        screen.load()

        self.push_screen(ImportDialog(), done)

    def open_report(self, report_id: int) -> None:
        """Show a report's revision history (used by the palette and search)."""
        from .screens.history import HistoryScreen

        self.push_screen(HistoryScreen(report_id))

    def report_worker_error(self, worker: Worker[object]) -> None:
        """The ONE place failed workers end up: an error dialog naming the job."""
        error = worker.error
        what = worker.name or "background job"
        message = f"{type(error).__name__}: {error}" if error else "unknown error"
        self.push_screen(ErrorDialog(f"{what} failed", message))


def make_app(store: Store, *, actor: str) -> ReportAuditApp:
    """The app over an open store, acting as ``actor``."""
    return ReportAuditApp(store, actor=actor)
