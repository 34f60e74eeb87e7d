"""The changed-figures panel of the diff screen: every number that differs, and where.

Why this column order (issue 16): at 80 columns only the first columns fit, so they say
what the figure is (the words before it, 年初预算财政拨款数) and old → new; the section
comes last. Year shifts (2023年 → 2024年) follow the real changes, marked as such.
"""

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
        """The columns, most telling first."""
        self.add_columns("Figure", "Old → New", "Kind", "Section")

    def show(self, changes: tuple[FigureChange, ...]) -> None:
        """One row per figure change, year shifts after the others."""
        self.changes = tuple(sorted(changes, key=lambda c: c.year_shift))
        self.clear()
        for change in self.changes:
            values = literal(change.a_raw or "—", style="red")
            values.append(" → ")
            values.append_text(literal(change.b_raw or "—", style="green"))
            self.add_row(
                literal(change.label or "·", style="bold"),
                values,
                Text("year shift" if change.year_shift else change.kind, style="dim"),
                literal(change.section.split(" › ")[-1], style="dim"),
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Tell the screen which change to show."""
        event.stop()
        if 0 <= event.cursor_row < len(self.changes):
            self.post_message(self.FigureChosen(self.changes[event.cursor_row]))
