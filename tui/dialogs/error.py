"""A modal that says what went wrong, instead of a traceback over the UI."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from reportaudit.i18n import _

from ..safe import literal

__all__ = ["ErrorDialog"]


class ErrorDialog(ModalScreen[None]):
    """Shows a title and an error message (which may quote document text: literal)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "dismiss_dialog", _("Close")),
    ]

    def __init__(self, title: str, message: str) -> None:
        """Keep what to show."""
        super().__init__()
        self._title = title
        self._message = message

    def compose(self) -> ComposeResult:
        """Title, message, a button."""
        with Vertical(classes="dialog error-dialog"):
            yield Label(literal(self._title), classes="dialog-title")
            yield Static(literal(self._message), classes="dialog-body")
            yield Button("OK", variant="error", id="ok")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close on OK."""
        event.stop()
        self.dismiss(None)

    def action_dismiss_dialog(self) -> None:
        """Close on escape/enter."""
        self.dismiss(None)
