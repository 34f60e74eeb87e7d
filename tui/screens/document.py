"""Reading one revision's text, optionally at a section or with a span highlighted.

Why a read-only TextArea: it renders text literally (no markup), wraps long Chinese
paragraphs by cell width, and can select a span by offsets, which is how a finding or a
search hit is shown in its report. Control characters are made visible one for one, so
offsets from the store still point at the same characters.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Header, LoadingIndicator, Static, TextArea
from textual.widgets.text_area import Document as TextDocument
from textual.widgets.text_area import Selection

from reportaudit.i18n import _
from reportaudit.store import get_revision
from reportaudit.store.results import RevisionInfo
from reportaudit.structure import Document

from ..data.report import load_document
from ..safe import literal, visible
from ..widgets.outline import OutlineTree
from .base import AuditScreen

__all__ = ["DocumentScreen"]


class DocumentScreen(AuditScreen):
    """The text of one revision with its outline; jumps to a section or a span."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", _("Back")),
        Binding("o", "toggle_outline", _("Outline")),
        Binding("tab", "focus_next", _("Switch pane"), show=False),
    ]

    class DocumentLoaded(Message):
        """The revision's metadata and text were read."""

        def __init__(self, revision: RevisionInfo, document: Document) -> None:
            """Carry revision and parsed text."""
            super().__init__()
            self.revision = revision
            self.document = document

    def __init__(
        self, revision_id: int, *, section: int | None = None, span: tuple[int, int] | None = None
    ) -> None:
        """Which revision, and where to land: a section index or a (start, end) span."""
        super().__init__()
        self.revision_id = revision_id
        self.section = section
        self.span = span
        self.document: Document | None = None

    def compose(self) -> ComposeResult:
        """Title line, outline and text side by side, footer."""
        yield Header()
        yield Static(Text("Reading…"), id="document-title")
        yield LoadingIndicator()
        with Horizontal(id="document-body"):
            yield OutlineTree(id="document-outline")
            yield TextArea(
                "", read_only=True, soft_wrap=True, id="document-text", highlight_cursor_line=False
            )
        yield Footer()

    def on_mount(self) -> None:
        """Read in the background."""
        self.query_one("#document-body").display = False
        self.load()

    @work(thread=True, name="reading a revision", exit_on_error=False)
    def load(self) -> None:
        """Read the revision's metadata and parsed text."""
        store = self.audit_app.store
        with store.session() as session:
            revision = get_revision(session, self.revision_id)
        self.post_message(self.DocumentLoaded(revision, load_document(store, self.revision_id)))

    def on_document_screen_document_loaded(self, message: DocumentLoaded) -> None:
        """Show the text and land on the wanted place."""
        self.document = message.document
        rev = message.revision
        title = literal(rev.report_label, style="bold")
        title.append(f"  ·  revision #{rev.number} ({rev.imported_at:%Y-%m-%d}) ")
        title.append_text(literal(rev.filename, style="dim"))
        self.query_one("#document-title", Static).update(title)
        self.query_one(LoadingIndicator).display = False
        self.query_one("#document-body").display = True
        self.query_one(OutlineTree).show(message.document)
        area = self.query_one(TextArea)
        area.load_text(visible(message.document.text))
        area.focus()
        if self.span is not None:
            self.call_after_refresh(self._select, *self.span)
        elif self.section is not None:
            self.call_after_refresh(self._go_to_section, self.section)

    def _select(self, start: int, end: int) -> None:
        """Select ``[start, end)`` and scroll it into view."""
        area = self.query_one(TextArea)
        doc = area.document
        assert isinstance(doc, TextDocument)
        a, b = doc.get_location_from_index(start), doc.get_location_from_index(end)
        area.selection = Selection(a, b)
        area.scroll_cursor_visible(center=True)

    def _go_to_section(self, index: int) -> None:
        """Put the cursor on a section's heading, near the top of the view."""
        if self.document is None or not 0 <= index < len(self.document.sections):
            return
        section = self.document.sections[index]
        self._select(section.heading_start, section.heading_end)
        self.query_one(TextArea).focus()

    @on(OutlineTree.SectionChosen)
    def _section_chosen(self, message: OutlineTree.SectionChosen) -> None:
        """Enter in the outline jumps there."""
        self._go_to_section(message.index)

    def action_toggle_outline(self) -> None:
        """Show or hide the outline (more room for text at 80 columns)."""
        outline = self.query_one(OutlineTree)
        outline.display = not outline.display
