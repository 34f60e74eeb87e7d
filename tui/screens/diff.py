"""Diff of two revisions: side by side or inline, section navigator, changed figures.

Keys: n/p next/previous change, t side-by-side/inline, i hide figure-only changes,
s section navigator, f figures panel. The diff runs in a worker under a progress indicator.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Header, LoadingIndicator, Static

from reportaudit.diff.view import summary_lines
from reportaudit.i18n import _, local_date

from ..data.diffing import RevisionDiff, diff_revisions
from ..safe import literal
from ..widgets.diffrows import build_rows
from ..widgets.diffview import DiffView
from ..widgets.figures import FiguresTable
from ..widgets.navigator import SectionNavigator
from .base import AuditScreen

__all__ = ["DiffScreen"]


class DiffScreen(AuditScreen):
    """Two revisions of a report (or of two reports), aligned passage by passage."""

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual declares it a ClassVar)
        (0, "-narrow"),
        (100, "-wide"),
    ]
    """Below 100 columns the section navigator starts hidden (s shows it): the text needs
    the room more."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_change", _("Next")),
        Binding("p", "previous_change", _("Prev")),
        Binding("t", "toggle_split", _("Inline/split")),
        Binding("i", "toggle_figures", _("Hide figure-only")),
        Binding("s", "toggle_navigator", _("Sections")),
        Binding("f", "toggle_figures_panel", _("Figures")),
        Binding("escape", "app.pop_screen", _("Back")),
    ]

    class DiffComputed(Message):
        """The diff is ready."""

        def __init__(self, result: RevisionDiff) -> None:
            """Carry the diff and its revisions."""
            super().__init__()
            self.result = result

    def __init__(self, a_id: int, b_id: int) -> None:
        """Diff revision ``a_id`` (left, old) against ``b_id`` (right, new)."""
        super().__init__()
        self.a_id, self.b_id = a_id, b_id
        self.result: RevisionDiff | None = None

    def compose(self) -> ComposeResult:
        """Title, sides header, navigator + diff, figures panel, status, footer."""
        yield Header()
        yield Static(Text("Computing the diff…"), id="diff-title")
        yield LoadingIndicator(id="diff-loading")
        with Horizontal(id="diff-body"):
            yield SectionNavigator(id="navigator")
            with Vertical(id="diff-main"):
                yield Static(id="diff-sides")
                yield DiffView(id="diffview")
        yield FiguresTable(id="figures")
        yield Static(id="diff-status")
        yield Footer()

    def on_mount(self) -> None:
        """Start the diff worker; hide panes until it is done; follow theme changes."""
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.query_one("#diff-body").display = False
        self.query_one(FiguresTable).display = False
        self.compute()

    @work(thread=True, name="computing the diff", exit_on_error=False)
    def compute(self) -> None:
        """Read, parse and diff both revisions."""
        self.post_message(
            self.DiffComputed(diff_revisions(self.audit_app.store, self.a_id, self.b_id))
        )

    def on_diff_screen_diff_computed(self, message: DiffComputed) -> None:
        """Fill every pane."""
        self.result = result = message.result
        diff = result.diff
        self.query_one("#diff-loading").display = False
        self.query_one("#diff-body").display = True
        title = literal(result.b.report_label, style="bold")
        if result.a.report_id != result.b.report_id:
            title = literal(result.a.report_label, style="bold")
            title.append("  ⇄  ")
            title.append_text(literal(result.b.report_label, style="bold"))
        self.query_one("#diff-title", Static).update(title)
        self._update_sides()
        self.query_one(SectionNavigator).show(diff.sections, self.app.current_theme.dark)
        self.query_one(FiguresTable).show(diff.figures)
        view = self.query_one(DiffView)
        view.show(build_rows(diff))
        view.focus()
        self._update_status()

    def _theme_changed(self, _theme: object) -> None:
        """Recolour the navigator's status marks."""
        if self.result is not None:
            navigator = self.query_one(SectionNavigator)
            highlighted = navigator.highlighted
            navigator.show(self.result.diff.sections, self.app.current_theme.dark)
            navigator.highlighted = highlighted

    def _update_sides(self) -> None:
        """'A  #1 2023-01-02 file.txt   │   B  #2 …' over the two columns."""
        if self.result is None:
            return
        a, b = self.result.a, self.result.b
        line = Text()
        for tag, rev, style in (("A", a, "red"), ("B", b, "green")):
            if tag == "B":
                line.append("   →   " if not self.query_one(DiffView).split else "   │   ")
            line.append(
                f"{tag} #{rev.number} {local_date(rev.imported_at)} ", style=f"bold {style}"
            )
            line.append_text(literal(rev.filename, style="dim"))
        self.query_one("#diff-sides", Static).update(line)

    def _update_status(self, position: str = "") -> None:
        """Summary counts and the position among the changes."""
        if self.result is None:
            return
        view = self.query_one(DiffView)
        lines = summary_lines(self.result.diff)
        text = Text(lines[1] if len(lines) > 1 else "")
        text.append(" · " + _("{n} changes").format(n=len(view.change_rows())))
        if position:
            text.append(f" · {position}", style="bold")
        if view.hide_figures:
            text.append(" · " + _("figure-only changes hidden"), style="yellow")
        if self.result.diff.degraded:
            text.append(" · " + _("degraded: ") + "; ".join(self.result.diff.degraded), style="red")
        self.query_one("#diff-status", Static).update(text)

    @on(DiffView.ChangeFocused)
    def _change_focused(self, message: DiffView.ChangeFocused) -> None:
        """Show 'change 3/12' and follow in the navigator."""
        position = (
            _("change {n}/{total}").format(n=message.number, total=message.total)
            if message.number
            else ""
        )
        self._update_status(position)
        navigator = self.query_one(SectionNavigator)
        navigator.highlighted = message.section

    @on(SectionNavigator.SectionChosen)
    def _section_chosen(self, message: SectionNavigator.SectionChosen) -> None:
        """Jump to the section."""
        view = self.query_one(DiffView)
        view.go_to_section(message.index)
        view.focus()

    @on(FiguresTable.FigureChosen)
    def _figure_chosen(self, message: FiguresTable.FigureChosen) -> None:
        """Jump to the passage holding the figure."""
        view = self.query_one(DiffView)
        view.go_to_offset(message.change.b_start, message.change.a_start)
        view.focus()

    def action_next_change(self) -> None:
        """Next change (from anywhere on the screen)."""
        self.query_one(DiffView).action_next_change()

    def action_previous_change(self) -> None:
        """Previous change."""
        self.query_one(DiffView).action_previous_change()

    def action_toggle_split(self) -> None:
        """Side by side <-> inline."""
        view = self.query_one(DiffView)
        view.split = not view.split
        self._update_sides()

    def action_toggle_figures(self) -> None:
        """Hide (or show again) changes that only touch figures."""
        view = self.query_one(DiffView)
        view.hide_figures = not view.hide_figures
        self._update_status()

    def action_toggle_navigator(self) -> None:
        """Show/hide the section navigator; focus it when shown."""
        navigator = self.query_one(SectionNavigator)
        navigator.display = not navigator.display
        (navigator if navigator.display else self.query_one(DiffView)).focus()
        self.query_one(DiffView).refresh_layout()

    def action_toggle_figures_panel(self) -> None:
        """Show/hide the changed-figures panel; focus it when shown."""
        panel = self.query_one(FiguresTable)
        panel.display = not panel.display
        (panel if panel.display else self.query_one(DiffView)).focus()
