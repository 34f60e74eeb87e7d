"""The Textual application: global keys, theme, command palette, worker errors.

Why a factory: the store is handed in by the command (``reportaudit tui``) or by a test;
nothing here creates a database engine at import time.

Why the store may arrive unopened: importing SQLAlchemy and opening a store take ~0.3 s, a
third of the first screen's budget on a 10,000-report store (issue 5). The command hands in
a callable that opens the store, plus a ``preview`` that reads the report list without
SQLAlchemy (``store.sqlite_overview``, ~0.05 s). The first frame shows the corpus from the
preview; the store is opened by the first worker that needs it, after that first paint.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar, TypeAlias

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker

from reportaudit.i18n import _

from .commands import ReportsProvider, YearOverYearProvider
from .data.reuse import ReuseStats
from .dialogs.error import ErrorDialog
from .screens.corpus import CorpusScreen

if TYPE_CHECKING:  # the store (SQLAlchemy) and the matcher (numpy) load in workers
    from reportaudit.store import ReportSummary, Store

    from .data.checks_queue import CheckQueue
    from .data.findings import CorpusScan
    from .data.review import Decision

__all__ = ["ReportAuditApp", "StoreFailed", "StoreNotOpen", "StoreOpened", "make_app"]

StoreSource: TypeAlias = "Store | Callable[[], Store]"
"""An open store, or a callable that opens one (called once, by the first worker to ask)."""
Preview: TypeAlias = "Callable[[], list[ReportSummary] | None]"
"""Every report, read before the store is open; None when that cannot be done."""


class StoreNotOpen(RuntimeError):
    """The store could not be opened; the app is closing with the reason (``open_error``)."""


class StoreOpened(Message):
    """The store was opened (posted from the worker that opened it)."""


class StoreFailed(Message):
    """Opening the store failed; ``ReportAuditApp.open_error`` says why."""


DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


class ReportAuditApp(App[None]):
    """Keyboard-driven review of the report store; holds the store and the actor."""

    TITLE = "reportaudit"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {ReportsProvider, YearOverYearProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", _("Help"), key_display="?"),
        Binding("ctrl+t", "toggle_theme", _("Theme")),
        Binding("f2", "findings", _("Findings")),
        Binding("f3", "search", _("Search")),
        Binding("ctrl+q", "quit", _("Quit"), priority=True),
        # Textual's own palette binding is worded "palette"; ours says it in the catalog
        Binding("ctrl+p", "command_palette", _("Commands"), show=False, priority=True),
    ]

    def __init__(self, store: StoreSource, *, actor: str, preview: Preview | None = None) -> None:
        """Keep the store (or how to open it), the preview and who is reviewing."""
        super().__init__()
        self._store: Store | None = None
        self._opener: Callable[[], Store] | None = None
        self._opening = threading.Lock()  # one opener; other threads wait for it
        self._preview = preview
        self.open_error: BaseException | None = None  # why the store could not be opened
        if callable(store):
            self._opener = store
        else:
            self._store = store
        self.actor = actor
        self.theme = DARK_THEME
        self.scan: CorpusScan | None = None  # the newest stored reuse run, once read
        self.decisions: dict[str, list[Decision]] = {}  # finding id -> review events
        self.checks: CheckQueue | None = None  # stored check findings, once F2 read them

    @property
    def store(self) -> Store:
        """The open store, opened here by the first caller (a worker: it blocks) while
        others wait. After a failed opening: StoreNotOpen, and the app is closing."""
        if self._store is None:
            with self._opening:
                if self._store is None and self.open_error is None:
                    self._open()
        if self._store is None:
            raise StoreNotOpen(f"the store could not be opened: {self.open_error}")
        return self._store

    def _open(self) -> None:
        """Call the opener; on failure keep the error and have the app close (the command
        then reports it as the CLI reports any store error: one line, exit status 2)."""
        assert self._opener is not None
        try:
            self._store = self._opener()
        except Exception as exc:
            self.open_error = exc
            self.post_message(StoreFailed())
        else:
            self.post_message(StoreOpened())

    def preview_reports(self) -> list[ReportSummary] | None:
        """The preview's report list, once and only while the store is not open yet (a
        reload reads the store)."""
        preview, self._preview = self._preview, None
        if preview is None or self._store is not None:
            return None
        return preview()

    def on_store_opened(self) -> None:
        """Name the store in the header."""
        self.sub_title = f"{self.store.display_url} · {self.actor}"

    def on_store_failed(self) -> None:
        """Close; the command reports ``open_error``."""
        self.exit(return_code=2)

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
        """Start on the corpus (the store, if not open yet, opens in its workers)."""
        self.sub_title = self.actor
        if self._store is not None:
            self.on_store_opened()
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
        yield SystemCommand(
            "Export findings",
            "Working paper (审计工作底稿) of every finding: .xlsx, .html, .csv or .json",
            self.action_export,
        )

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

    def action_export(self) -> None:
        """Export the findings working paper (a dialog asks for the file)."""
        from .dialogs.export import ExportDialog

        self.push_screen(ExportDialog())

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
        if self.open_error is not None:
            return  # the app is closing; the command reports why
        error = worker.error
        what = worker.name or "background job"
        message = f"{type(error).__name__}: {error}" if error else "unknown error"
        self.push_screen(ErrorDialog(f"{what} failed", message))


def make_app(store: StoreSource, *, actor: str, preview: Preview | None = None) -> ReportAuditApp:
    """The app over a store, acting as ``actor``: an open Store, or a callable that opens
    one (then the first screen shows before the store is open, from ``preview`` when
    given; a failed opening closes the app with ``open_error`` set)."""
    return ReportAuditApp(store, actor=actor, preview=preview)
