"""Where each ``reportaudit`` command lives, so the CLI imports a command's module only when
that command runs.

Why: importing every command at start-up pulled in SQLAlchemy, numpy, openpyxl and the
parsers for ``--version`` and ``--help`` too (2–3 s on a busy machine). ``LazyGroup`` lists
the commands from this table (name, module, one-line help) and imports a module when its
command is looked up. ``tests/cli/test_registry.py`` checks the table against the commands'
own docstrings, so the help shown here cannot drift from the real one.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from typer.core import TyperGroup

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    import typer
    from typer import _click

__all__ = ["COMMANDS", "CommandEntry", "LazyGroup", "load_command"]


@dataclass(frozen=True)
class CommandEntry:
    """One command: its name, the module whose ``register(app)`` adds it, its one-line help."""

    name: str
    module: str
    help: str


_STORE = "reportaudit.cli.store_cmds"
_REUSE = "reportaudit.cli.reuse_cmd"

COMMANDS: tuple[CommandEntry, ...] = (
    CommandEntry(
        "import",
        _STORE,
        "Import report files as new revisions (identical bytes are recognised and skipped).",
    ),
    CommandEntry(
        "reports", _STORE, "List logical reports (unit + year + kind) with their revision counts."
    ),
    CommandEntry("relabel", _STORE, "File a revision under the right unit, year, kind or project."),
    CommandEntry("log", _STORE, "Revision history of one report, newest first."),
    CommandEntry(
        "show", _STORE, "One revision: metadata, and optionally its section tree or text."
    ),
    CommandEntry(
        "verify",
        _STORE,
        "Check the whole audit trail and every stored original; name the first broken link.",
    ),
    CommandEntry(
        "checkpoint",
        "reportaudit.cli.checkpoint_cmd",
        "Sign the audit trail's head (event number and hash) into a witness file to keep elsewhere; `verify --against FILE` proves the store still holds everything up to it.",
    ),
    CommandEntry(
        "rederive",
        _STORE,
        "Re-derive text and sections of every revision with the current parser version.",
    ),
    CommandEntry(
        "diff",
        "reportaudit.cli.diff_cmd",
        "Section-aware diff of two revisions: summary, changed figures, moves, changes.",
    ),
    CommandEntry(
        "scan",
        _REUSE,
        "Find reused passages (copies, template text, stale years) and store the results; also run and store the in-report consistency checks of the scanned revisions.",
    ),
    CommandEntry(
        "findings",
        _REUSE,
        'List stored findings, highest severity first: reused passages (kind "reuse") and the in-report consistency checks (arithmetic, stale_year, …), with their review status.',
    ),
    CommandEntry(
        "reuse",
        "reportaudit.cli.ratios_cmd",
        "复制比 per report: 总文字复制比 split into 跨报告 and 报告内重复, each also 去除引用 and 去除模板; 单篇最大文字复制比 with its source; 重复字数 and 总字数 (definitions: README).",
    ),
    CommandEntry(
        "search",
        "reportaudit.cli.search_cmd",
        "Find a passage across the corpus: exact hits (ignoring spaces, line breaks and full/half width) and, unless --exact, the closest near copy in each other report.",
    ),
    CommandEntry(
        "check",
        "reportaudit.cli.check_cmd",
        "Run the in-report checks (arithmetic, score/grade, stale year, foreign names, placeholder sections, broken numbering) on one revision or --all, and store the findings.",
    ),
    CommandEntry(
        "review",
        "reportaudit.cli.review_cmd",
        "Record a decision and/or note on a finding; without --status/--note, print its history.",
    ),
    CommandEntry(
        "signoff",
        "reportaudit.cli.signoff_cmd",
        "Sign a working paper or finding off as its preparer or reviewer (reviewer ≠ preparer).",
    ),
    CommandEntry(
        "export",
        "reportaudit.cli.export_cmd",
        "Write working papers (审计工作底稿): HTML, xlsx, CSV, JSON or Word, stamped and audited.",
    ),
    CommandEntry(
        "demo",
        "reportaudit.cli.demo_cmd",
        "Import the bundled example reports into a fresh SQLite store and summarise them.",
    ),
)

_BY_NAME = {c.name: c for c in COMMANDS}


def load_command(module: str, name: str) -> _click.Command | None:
    """Import ``module``, let its ``register`` add its commands to a scratch app, and return
    the click command called ``name``."""
    import typer
    from typer.main import get_group

    scratch = typer.Typer(rich_markup_mode=None)
    import_module(module).register(scratch)
    return _named(scratch, name, get_group)


def _named(app: typer.Typer, name: str, get_group: Any) -> _click.Command | None:
    """The command ``name`` of ``app`` as click sees it (a sub-app is a group)."""
    group = get_group(app)
    return group.commands.get(name)


def _plugin_command(ep: EntryPoint, name: str) -> _click.Command | None:
    """A plugin's command; a plugin whose dependencies are missing gets a warning."""
    import typer
    from typer.main import get_group

    from reportaudit.cli.output import warn

    try:
        register = ep.load()
    except ImportError as exc:
        warn(f"command set {ep.name!r} unavailable: {exc}")
        return None
    scratch = typer.Typer(rich_markup_mode=None)
    register(scratch)
    return _named(scratch, name, get_group)


class LazyGroup(TyperGroup):
    """The top-level group: commands from ``COMMANDS`` and the ``reportaudit.commands`` entry
    point, imported on first lookup; ``--help`` lists them without importing any."""

    plugins: dict[str, EntryPoint] | None = None
    only_plugin: str | None = None

    def _plugins(self) -> dict[str, EntryPoint]:
        """Plugins by name, read once."""
        if self.plugins is None:
            from reportaudit.cli.main import _plugins

            self.plugins = _plugins()
        return self.plugins

    def _core_names(self) -> list[str]:
        """Core command names, unless this app was built for one plugin only."""
        return [] if self.only_plugin is not None else [c.name for c in COMMANDS]

    def list_commands(self, ctx: _click.Context) -> list[str]:
        """Core commands in table order, then plugins."""
        plugins = [n for n in self._plugins() if self.only_plugin is None or n == self.only_plugin]
        return [*self.commands, *self._core_names(), *plugins]

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        """The command, importing its module the first time it is asked for."""
        found = self.commands.get(cmd_name)
        if found is not None:
            return found
        entry = _BY_NAME.get(cmd_name)
        if entry is not None and self.only_plugin is None:
            found = load_command(entry.module, cmd_name)
        elif cmd_name in self._plugins() and self.only_plugin in (None, cmd_name):
            found = _plugin_command(self._plugins()[cmd_name], cmd_name)
        if found is not None:
            self.commands[cmd_name] = found
        return found

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The command list from the table (plugins are loaded for their help: they are
        few and light)."""
        from typer._click.utils import make_default_short_help

        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows: list[tuple[str, str]] = []
        for name in names:
            entry = _BY_NAME.get(name)
            if entry is not None and name not in self.commands:
                rows.append((name, make_default_short_help(entry.help, limit)))
                continue
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)
