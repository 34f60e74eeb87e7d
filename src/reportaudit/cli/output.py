"""Printing for the CLI: safe text, JSON with stable fields, one-line errors.

Document text is untrusted: it goes into Rich as ``Text`` objects (never markup strings)
after control and escape characters are removed, so "[bold]" or an ANSI escape inside a
report prints literally and cannot repaint the user's terminal.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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
    """Untrusted text as a Rich Text: no markup, no escapes, no control characters."""
    return Text(_CONTROL.sub("", str(text)), style=style)


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
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")


def error(message: str) -> None:
    """One line on stderr, prefixed so scripts can grep for it."""
    err_console.print(safe(f"error: {message}", style="red"))


def warn(message: str) -> None:
    """One warning line on stderr."""
    err_console.print(safe(f"warning: {message}", style="yellow"))
