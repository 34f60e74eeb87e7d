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


def intro() -> str:
    """What the tool shows, in the reader's language (read when the help opens)."""
    return _(
        "reportaudit keeps every revision of every self-evaluation report, with who imported it "
        "and when, and a tamper-evident audit trail. Screens: Corpus (series × years) → History "
        "(revisions of a report) → Diff (two revisions). Findings lists reused passages to "
        "review; Search finds where a passage occurs. Report text is always shown literally."
    )


def global_keys() -> list[tuple[str, str]]:
    """The keys that work on every screen, described in the reader's language."""
    return [
        ("?", _("this help")),
        ("ctrl+p", _("command palette: app commands and 'open report …'")),
        ("F2", _("findings")),
        ("F3", _("search the corpus")),
        ("ctrl+t", _("light / dark theme")),
        (_("i (corpus)"), _("import report files or a folder")),
        ("escape", _("back")),
        ("ctrl+q", _("quit")),
    ]


def screen_name(code: str) -> str:
    """The reader's name of a screen, from its class name without "Screen"."""
    names = {
        "Corpus": _("Corpus"),
        "History": _("History"),
        "Diff": _("Diff"),
        "Findings": _("Findings"),
        "Finding": _("Finding"),
        "Search": _("Search"),
        "Document": _("Document"),
        "Checks": _("Checks"),
        "ReviewLog": _("Review log"),
        "Reviewing": _("Reviewing"),
    }
    return names.get(code, code)


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
            yield Static(Text(intro()), id="help-intro")
            code = type(self.below).__name__.removesuffix("Screen")
            title = _("{screen} screen").format(screen=screen_name(code))
            yield Static(_keys_table(title, screen_keys(self.below)))
            yield Static(_keys_table(_("Everywhere"), global_keys()))
        yield Footer()
