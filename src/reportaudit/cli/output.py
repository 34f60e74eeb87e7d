"""Printing for the CLI: safe text, JSON with stable fields, one-line errors.

Document text, unit, file and actor names are untrusted: they go into Rich as ``Text``
objects (never markup strings) with control, escape and bidi characters shown as visible
symbols (``reportaudit.untrusted``), so "[bold]", an ANSI escape or U+202E inside a report
prints literally and cannot repaint the user's terminal. Errors and warnings are one line
each: a newline in a file name is shown, never obeyed. JSON escapes the same characters.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from reportaudit.untrusted import json_dumps, terminal


def _console(*, stderr: bool) -> Console:
    """A console that never re-highlights text; wide when piped so tables don't truncate
    (unless $COLUMNS says how wide: tests and ``script`` sessions set it)."""
    probe = Console(stderr=stderr)
    columns = os.environ.get("COLUMNS", "")
    width = None if probe.is_terminal else int(columns) if columns.isdigit() else 200
    return Console(stderr=stderr, highlight=False, width=width)


console = _console(stderr=False)
err_console = _console(stderr=True)


def safe(text: object, style: str = "") -> Text:
    """Untrusted text as a Rich Text: no markup; escapes, controls and bidi shown."""
    return terminal(text, style)


def safe_line(text: object, style: str = "") -> Text:
    """Like ``safe``, on one line: newlines and tabs in names are shown, not obeyed."""
    return terminal(text, style, multiline=False)


def _default(obj: Any) -> Any:
    """JSON encoding for our value types."""
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, Path):
        return str(obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    if isinstance(obj, set | frozenset | tuple):
        return list(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def print_json(data: Any) -> None:
    """Print ``data`` as UTF-8 JSON (Chinese unescaped) on stdout."""
    sys.stdout.write(json_dumps(data, indent=2, default=_default) + "\n")


def error(message: str) -> None:
    """One line on stderr, prefixed so scripts can grep for it."""
    err_console.print(safe_line(f"error: {message}", style="red"), soft_wrap=True)


def warn(message: str) -> None:
    """One warning line on stderr."""
    err_console.print(safe_line(f"warning: {message}", style="yellow"), soft_wrap=True)
