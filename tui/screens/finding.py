"""One finding: both passages side by side in context, and the review keys.

c confirmed copy · C confirmed with a note (one step) · t acceptable template · x dismissed ·
n note · a / b open the earlier / later report at the passage · d diffs the two revisions ·
p / r sign the finding off as its preparer (编制) / reviewer (复核, not the preparer).
Every decision is appended to the audit trail with the actor; a copy and its stale-year
finding on the same passages are decided together (see ``ReviewingScreen``).

Why this layout (issue 16, at 80×24): one title line and the explanation, one line naming
each side, and the rest for the passages, which start at the copied text (a few characters
of context before it, the next paragraph after). Both sides scroll together (↑ ↓ PgUp PgDn
Home End, and the mouse wheel on either side), so the same part of both is always in view.
The decision history takes room only once there is one. A year the later passage still
names from the earlier report is painted in its own colour.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, LoadingIndicator, Static

from reportaudit.i18n import _, p_
from reportaudit.matching.results import Finding, Passage
from reportaudit.matching.scoring import stale_year
from reportaudit.services.signoff import SignOff
from reportaudit.structure import Document

from ..data.report import load_document
from ..data.review import DECISIONS, Decision, current_status
from ..safe import literal, visible
from ..widgets.finding_rows import relation_text, status_text
from ..widgets.passage import STALE_STYLE, matched_spans, passage_text
from .reviewing import ReviewingScreen

__all__ = ["FindingScreen"]


def side_title(label: str, passage: Passage) -> Text:
    """'Earlier · 松溪县林业局 2022 · 五、下一步改进措施' on one line (the heading the
    passage sits under, not its whole path; an ellipsis where it does not fit)."""
    text = Text(f"{label} · ", style="bold", no_wrap=True, overflow="ellipsis")
    text.append_text(literal(f"{passage.report.unit} {passage.report.year or '?'}", style="bold"))
    heading = passage.section_path.split(" › ")[-1] if passage.section_path else ""
    if heading:
        text.append(" · ")
        text.append_text(literal(heading, style="dim"))
    return text


class FindingScreen(ReviewingScreen):
    """Review one finding."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "decide('confirmed')", _("Confirmed copy")),
        Binding("C", "decide_with_note('confirmed')", _("Confirm + note")),
        Binding("t", "decide('template')", _("Template")),
        Binding("x", "decide('dismissed')", _("Dismiss")),
        Binding("n", "note", _("Note")),
        Binding("a", "open_side('a')", _("Open earlier")),
        Binding("b", "open_side('b')", _("Open later")),
        Binding("d", "diff", _("Diff reports")),
        Binding("p", "signoff('preparer')", _("Sign as preparer")),
        Binding("r", "signoff('reviewer')", _("Sign as reviewer")),
        Binding("escape", "app.pop_screen", _("Back")),
        Binding("down,j", "scroll_both(1)", _("Scroll"), show=False),
        Binding("up,k", "scroll_both(-1)", _("Scroll"), show=False),
        Binding("pagedown,space", "scroll_both('page')", p_("binding", "Page"), show=False),
        Binding("pageup", "scroll_both('-page')", p_("binding", "Page"), show=False),
        Binding("home", "scroll_both('home')", _("Top"), show=False),
        Binding("end", "scroll_both('end')", _("End"), show=False),
    ]

    class PassagesLoaded(Message):
        """Both revisions were read."""

        def __init__(self, a: Document, b: Document) -> None:
            """Carry both documents."""
            super().__init__()
            self.a, self.b = a, b

    def __init__(self, finding: Finding) -> None:
        """The finding to review."""
        super().__init__()
        self.finding = finding
        self.signoffs: list[SignOff] = []
        self._single = finding.a.key == finding.b.key

    def compose(self) -> ComposeResult:
        """Title, explanation, two passages, decision history, footer."""
        yield Header()
        yield Static(id="finding-title")
        yield LoadingIndicator(id="finding-loading")
        with Horizontal(id="side-titles"):
            first = "In" if self.finding.a.key == self.finding.b.key else "Earlier"
            yield Static(side_title(first, self.finding.a), classes="side-title")
            yield Static(side_title("Later", self.finding.b), classes="side-title")
        with Horizontal(id="passages"):
            with VerticalScroll(id="scroll-a", classes="passage-side", can_focus=False):
                yield Static(id="passage-a")
            with VerticalScroll(id="scroll-b", classes="passage-side", can_focus=False):
                yield Static(id="passage-b")
        table: DataTable[Text] = DataTable(id="decisions", cursor_type="none")
        table.can_focus = False  # the scroll keys belong to the passages
        table.add_columns("When (UTC)", "Who", "Decision", "Note")
        yield table
        yield Footer()

    def on_mount(self) -> None:
        """Show what is known now; read both texts in the background."""
        from reportaudit.services.signoff import load_signoffs

        subject = f"finding:{self.finding.id}"
        self.signoffs = list(load_signoffs(self.audit_app.store).get(subject, []))
        self.query_one("#passages").display = False
        self.query_one("#side-titles").display = False
        if self._single:  # an in-report check: one statement, shown once
            self.query_one("#scroll-b").display = False
            self.query_one("#side-titles").query(".side-title").last().display = False
        self._show_title()
        a, b = self.query_one("#scroll-a"), self.query_one("#scroll-b")
        self.watch(a, "scroll_y", lambda y: self._mirror(b, y), init=False)
        self.watch(b, "scroll_y", lambda y: self._mirror(a, y), init=False)
        self._show_history()
        self.load()

    def _history(self) -> list[Decision]:
        """This finding's review events (oldest first)."""
        return self.audit_app.decisions.get(self.finding.id, [])

    def _show_title(self) -> None:
        """Severity, kind, relation, similarity, status; the matcher's explanation."""
        f = self.finding
        title = Text(f"{f.severity} ", style="bold")
        kind = (
            "stale year"
            if f.kind == "stale_year"
            else f.kind.replace("_", " ")
            if f.kind != "reuse"
            else "template"
            if f.template
            else "copy"
        )
        title.append(kind, style="cyan" if f.template else "bold")
        title.append(f" · {relation_text(f.relation)} · {f.similarity:.0%} alike · ")
        title.append_text(status_text(current_status(self._history())))
        for so in self.signoffs:
            title.append(f" · {so.role} ")
            title.append_text(literal(so.actor))
        for sibling in self.same_passages(f):
            title.append(" · with ")
            title.append("stale year" if sibling.kind == "stale_year" else "copy", style="bold")
            title.append(" ")
            title.append_text(status_text(current_status(self.audit_app.decisions.get(sibling.id))))
        title.append(f" · {f.id}", style="dim")
        title.append("\n")
        title.append_text(literal(f.explanation, style="dim"))
        year = stale_year(f.a, f.b)
        if year is not None:
            title.append("  ")
            title.append(f"{year}", style=STALE_STYLE)
            title.append(" = stale year", style="dim")
        self.query_one("#finding-title", Static).update(title)

    def _show_history(self) -> None:
        """The decision history table, newest first."""
        table: DataTable[Text] = self.query_one("#decisions", DataTable)
        table.clear()
        table.display = bool(self._history())
        for d in reversed(self._history()):
            table.add_row(
                Text(f"{d.at:%Y-%m-%d %H:%M}"),
                literal(d.actor),
                Text(DECISIONS.get(d.decision, "note") if d.decision else "note"),
                literal(d.note or ""),
            )

    @work(thread=True, name="reading the two passages", exit_on_error=False)
    def load(self) -> None:
        """Read both revisions."""
        store = self.audit_app.store
        a = load_document(store, int(self.finding.a.revision))
        b = load_document(store, int(self.finding.b.revision))
        self.post_message(self.PassagesLoaded(a, b))

    def on_finding_screen_passages_loaded(self, message: PassagesLoaded) -> None:
        """Render both sides; render again when the theme changes (highlight colours)."""
        self._documents = (message.a, message.b)
        self._render_passages()
        self.query_one("#finding-loading").display = False
        self.query_one("#passages").display = True
        self.query_one("#side-titles").display = True
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._render_passages())

    def _render_passages(self) -> None:
        """Both passages in context, the shared characters highlighted for the theme."""
        a, b = self._documents
        f = self.finding
        left, right = matched_spans(f.a.text, f.b.text)
        dark = self.app.current_theme.dark
        year = stale_year(f.a, f.b)
        later_is_b = (f.b.report.year or 0) >= (f.a.report.year or 0)
        self.query_one("#passage-a", Static).update(
            passage_text(a, f.a, left, dark, stale=None if later_is_b else year)
        )
        self.query_one("#passage-b", Static).update(
            passage_text(b, f.b, right, dark, stale=year if later_is_b else None)
        )

    def _mirror(self, other: Widget, y: float) -> None:
        """Keep the other side at the same line (synced scrolling)."""
        if abs(other.scroll_y - y) >= 1:
            other.scroll_to(y=y, animate=False)

    def action_scroll_both(self, how: int | str) -> None:
        """Scroll both passages together by a line, a page, or to either end."""
        a = self.query_one("#scroll-a", VerticalScroll)
        b = self.query_one("#scroll-b", VerticalScroll)
        page = max(a.scrollable_content_region.height - 1, 1)
        for side in (a, b):
            if how == "home":
                y = 0.0
            elif how == "end":
                y = float(side.max_scroll_y)
            elif how in ("page", "-page"):
                y = side.scroll_y + (page if how == "page" else -page)
            else:
                y = side.scroll_y + int(how)
            side.scroll_to(y=y, animate=False)

    def review_target(self) -> Finding:
        """The keys act on this screen's finding."""
        return self.finding

    def reviewed(self, decision: Decision) -> None:
        """Show the new status and the history."""
        self._show_title()
        self._show_history()

    @work(thread=True, name="signing the finding off", exit_on_error=False)
    def action_signoff(self, role: str) -> None:
        """Sign the finding off in ``role`` through the same service as ``reportaudit
        signoff``; a refusal (the reviewer is the preparer) is said, nothing is stored."""
        from reportaudit.services.signoff import SignOffError, record_signoff

        app = self.audit_app
        try:
            so = record_signoff(app.store, self.finding.id, role=role, actor=app.actor)
        except SignOffError as exc:
            self.app.call_from_thread(
                self.notify, str(exc), severity="error", timeout=6, markup=False
            )
            return
        self.signoffs.append(so)
        self.app.call_from_thread(self._show_title)
        self.app.call_from_thread(
            self.notify,
            f"{so.index}: {so.role} {visible(so.actor)}",
            timeout=4,
            markup=False,
        )

    def action_diff(self) -> None:
        """Diff the two revisions the passages come from (earlier on the left)."""
        from .diff import DiffScreen

        a, b = int(self.finding.a.revision), int(self.finding.b.revision)
        if a != b:
            self.app.push_screen(DiffScreen(a, b))

    def action_open_side(self, side: str) -> None:
        """Read the earlier or later report at the passage."""
        from .document import DocumentScreen

        passage = self.finding.a if side == "a" else self.finding.b
        self.app.push_screen(
            DocumentScreen(int(passage.revision), span=(passage.start, passage.end))
        )
