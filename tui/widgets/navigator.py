"""The diff's section navigator: every section pair with its status, Enter jumps there."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reportaudit.diff import SectionPair
from reportaudit.diff.view import section_title
from reportaudit.export.labels import section_path

from ..safe import literal
from .diffrows import Palette

__all__ = ["SectionNavigator"]

GLYPHS = {"same": " ", "changed": "~", "added": "+", "removed": "-", "moved": "↕"}


class SectionNavigator(OptionList):
    """Section pairs in B's order; the glyph and colour say what happened to each."""

    class SectionChosen(Message):
        """Enter on a section: ``index`` into ``DocumentDiff.sections``."""

        def __init__(self, index: int) -> None:
            """Carry the section index."""
            super().__init__()
            self.index = index

    def show(self, sections: tuple[SectionPair, ...], dark: bool) -> None:
        """List the sections."""
        palette = Palette.for_theme(dark)
        self.clear_options()
        options = []
        for index, sp in enumerate(sections):
            path = section_path((sp.a_path if sp.status == "removed" else sp.b_path) or "")
            path = path or section_title(sp)
            parts = path.split(" › ")
            label = Text(f"{GLYPHS.get(sp.status, '?')} ", style=palette.status.get(sp.status, ""))
            label.append("  " * (len(parts) - 1))
            label.append_text(literal(parts[-1]))
            label.no_wrap, label.overflow = True, "ellipsis"
            options.append(Option(label, id=str(index)))
        self.add_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Tell the screen where to jump."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.SectionChosen(int(event.option.id)))
