"""Search across the corpus: paste a passage, see every report (and revision) holding it.

The scan reads every stored text, so it runs in a worker with a progress bar; Enter on a
hit opens that revision with the occurrence selected.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Input, ProgressBar, Static
from textual.worker import get_current_worker

from reportaudit.i18n import _

from ..data.search import MAX_HITS, SearchHit, search_corpus
from ..safe import literal
from .base import AuditScreen

__all__ = ["SearchScreen"]


REPORT_CELLS = 24
"""The Report column's width: unit and year; the kind is cut (Enter opens the report)."""
LEAD = 6
"""Characters of context shown before the hit: the hit itself must be in view in the Where
column (it is cut at the right edge of the screen), so only a few words precede it."""


def hit_row(hit: SearchHit) -> list[Text]:
    """Report, revision, exact or near (similarity) and the match in its context (match
    highlighted), literal."""
    lead = hit.before.replace("\n", " ")[-LEAD:]
    context = literal(("…" if len(hit.before) > LEAD else "") + lead, style="dim")
    context.append_text(literal(hit.match.replace("\n", " "), style="bold reverse"))
    context.append_text(literal(hit.after.replace("\n", " "), style="dim"))
    sim = Text("exact") if hit.similarity >= 1.0 else Text(f"{hit.similarity:.0%}", style="yellow")
    return [
        literal(_fit(hit.report_label, REPORT_CELLS)),
        Text(f"#{hit.revision_number}"),
        sim,
        context,
    ]


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis (the report's unit and year come
    first in its label, so they stay)."""
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


class SearchScreen(AuditScreen):
    """A passage in, its occurrences out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+a", "toggle_all", _("All revisions")),
        Binding("slash", "focus_query", _("New search"), key_display="/"),
        Binding("escape", "app.pop_screen", _("Back")),
    ]

    class Progressed(Message):
        """``done`` of ``total`` texts searched."""

        def __init__(self, done: int, total: int) -> None:
            """Carry the counts."""
            super().__init__()
            self.done, self.total = done, total

    class Searched(Message):
        """The search finished."""

        def __init__(self, passage: str, hits: list[SearchHit]) -> None:
            """Carry the passage and its hits."""
            super().__init__()
            self.passage, self.hits = passage, hits

    def __init__(self, query: str = "") -> None:
        """Optionally start with a passage (from a finding or the palette)."""
        super().__init__()
        self.initial = query
        self.latest_only = True
        self.hits: list[SearchHit] = []
        self.searching = False

    def compose(self) -> ComposeResult:
        """Query box, progress, results, status."""
        yield Header()
        yield Input(placeholder=_("Paste a passage and press Enter"), id="query")
        yield ProgressBar(id="search-progress", show_eta=False)
        table: DataTable[Text] = DataTable(id="hits", cursor_type="row", zebra_stripes=True)
        table.add_columns("Report", "Rev", "Match", "Where")
        yield table
        yield Static(self._scope(), id="search-status")
        yield Footer()

    def _scope(self) -> Text:
        """Which revisions are searched."""
        scope = "newest revision of each report" if self.latest_only else "every revision"
        return Text(f"Searching the {scope} · ctrl+a toggles", style="dim")

    def on_mount(self) -> None:
        """Focus the box; run the initial query if there is one."""
        self.query_one(ProgressBar).display = False
        box = self.query_one(Input)
        box.focus()
        if self.initial:
            box.value = self.initial
            self._start(self.initial)

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        """Search for what was typed."""
        self._start(event.value)

    def _start(self, passage: str) -> None:
        """Show the progress bar and start the worker."""
        if not passage.strip():
            return
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.searching = True
        self.search(passage, self.latest_only)

    @work(
        thread=True,
        exclusive=True,
        group="search",
        name="searching the corpus",
        exit_on_error=False,
    )
    def search(self, passage: str, latest_only: bool) -> None:
        """Scan the stored texts."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            """Report progress to the screen (thread-safe)."""
            self.post_message(self.Progressed(done, total))

        hits = search_corpus(
            self.audit_app.store,
            passage,
            latest_only=latest_only,
            progress=progress,
            cancelled=lambda: worker.is_cancelled,
        )
        if not worker.is_cancelled:
            self.post_message(self.Searched(passage, hits))

    def on_search_screen_progressed(self, message: Progressed) -> None:
        """Advance the bar."""
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def on_search_screen_searched(self, message: Searched) -> None:
        """List the hits."""
        self.searching = False
        self.hits = message.hits
        self.query_one(ProgressBar).display = False
        table = self.query_one("#hits", DataTable)
        table.clear()
        for hit in message.hits:
            table.add_row(*hit_row(hit))
        reports = len({h.report_id for h in message.hits})
        near = sum(h.similarity < 1.0 for h in message.hits)
        status = Text(f"{len(message.hits)} occurrence(s) in {reports} report(s)")
        if near:
            status.append(f", {near} of them near copies", style="yellow")
        if len(message.hits) >= MAX_HITS:
            status.append(f" (first {MAX_HITS} shown)", style="yellow")
        status.append(" · ")
        status.append_text(self._scope())
        self.query_one("#search-status", Static).update(status)
        if message.hits:
            table.focus()

    @on(DataTable.RowSelected, "#hits")
    def _hit_chosen(self, event: DataTable.RowSelected) -> None:
        """Open the revision with the occurrence selected."""
        from .document import DocumentScreen

        if 0 <= event.cursor_row < len(self.hits):
            hit = self.hits[event.cursor_row]
            self.app.push_screen(DocumentScreen(hit.revision_id, span=(hit.start, hit.end)))

    def action_toggle_all(self) -> None:
        """Newest revisions only <-> every revision; searches again."""
        self.latest_only = not self.latest_only
        self.query_one("#search-status", Static).update(self._scope())
        value = self.query_one(Input).value
        if value.strip():
            self._start(value)

    def action_focus_query(self) -> None:
        """Back to the query box."""
        self.query_one(Input).focus()
