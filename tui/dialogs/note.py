"""A one-line note input for a review decision; returns the text or None (cancelled)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from reportaudit.i18n import _

__all__ = ["NoteDialog"]


class NoteDialog(ModalScreen[str | None]):
    """Asks for a note; Enter saves, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", _("Cancel"))]

    def __init__(self, title: str = "Note on this finding") -> None:
        """The prompt to show."""
        super().__init__()
        self._title = title

    def compose(self) -> ComposeResult:
        """Prompt and input."""
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title")
            yield Input(placeholder=_("Enter saves · Escape cancels"), id="note")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Save a non-empty note."""
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Nothing saved."""
        self.dismiss(None)
