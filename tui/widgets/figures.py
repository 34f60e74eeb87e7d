"""The changed-figures panel of the diff screen: every number that differs, and where."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from reportaudit.diff import FigureChange

from ..safe import literal

__all__ = ["FiguresTable"]


class FiguresTable(DataTable[Text]):
    """Section, old value, new value, kind; Enter jumps the diff to that passage."""

    class FigureChosen(Message):
        """Enter on a figure change."""

        def __init__(self, change: FigureChange) -> None:
            """Carry the change."""
            super().__init__()
            self.change = change

    def __init__(self, *, id: str | None = None) -> None:
        """Empty until ``show``."""
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.changes: tuple[FigureChange, ...] = ()

    def on_mount(self) -> None:
        """The four columns."""
        self.add_columns("Section", "Old", "New", "Kind")

    def show(self, changes: tuple[FigureChange, ...]) -> None:
        """One row per figure change."""
        self.changes = changes
        self.clear()
        for change in changes:
            self.add_row(
                literal(change.section),
                literal(change.a_raw or "—", style="red"),
                literal(change.b_raw or "—", style="green"),
                Text(change.kind, style="dim"),
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Tell the screen which change to show."""
        event.stop()
        if 0 <= event.cursor_row < len(self.changes):
            self.post_message(self.FigureChosen(self.changes[event.cursor_row]))
