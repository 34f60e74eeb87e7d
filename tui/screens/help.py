"""The help screen: what this tool shows, and the keys of the screen it was opened over."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from reportaudit.i18n import _

__all__ = ["HelpScreen"]

INTRO = (
    "reportaudit keeps every revision of every self-evaluation report, with who imported it "
    "and when, and a tamper-evident audit trail. Screens: Corpus (series × years) → History "
    "(revisions of a report) → Diff (two revisions). Findings lists reused passages to review; "
    "Search finds where a passage occurs. Report text is always shown literally."
)

GLOBAL_KEYS = [
    ("?", "this help"),
    ("ctrl+p", "command palette: app commands and 'open report …'"),
    ("F2", "findings"),
    ("F3", "search the corpus"),
    ("ctrl+t", "light / dark theme"),
    ("i (corpus)", "import report files or a folder"),
    ("escape", "back"),
    ("ctrl+q", "quit"),
]


def _keys_table(title: str, rows: list[tuple[str, str]]) -> Table:
    """A two-column table of keys and what they do."""
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True)
    table.add_column("key", style="bold", width=14, no_wrap=True)
    table.add_column("does", ratio=1)
    for key, does in rows:
        table.add_row(key, does)
    return table


def screen_keys(screen: Screen[object]) -> list[tuple[str, str]]:
    """The bindings the given screen (and its focused widget) declares, with descriptions."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for binding in getattr(screen, "BINDINGS", []):
        if isinstance(binding, Binding) and binding.description and binding.key not in seen:
            seen.add(binding.key)
            key = binding.key_display or binding.key.replace("_", " ")
            rows.append((key, binding.description))
    return rows


class HelpScreen(Screen[None]):
    """Keys of the screen below and of the whole app."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "app.pop_screen", _("Close help")),
    ]

    def __init__(self, below: Screen[object]) -> None:
        """Remember which screen's keys to list."""
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        """Intro, this screen's keys, global keys."""
        yield Header()
        with VerticalScroll(id="help-body"):
            yield Static(Text(INTRO), id="help-intro")
            name = type(self.below).__name__.removesuffix("Screen")
            yield Static(_keys_table(f"{name} screen", screen_keys(self.below)))
            yield Static(_keys_table("Everywhere", GLOBAL_KEYS))
        yield Footer()
