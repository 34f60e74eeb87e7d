"""One sanitiser for every string that came from outside, at every kind of output.

Why one module: document text, unit names, file names, notes and actor names are written by
whoever sent the file or ran the command. Each output reads some characters as commands: a
terminal obeys escape sequences and Rich reads ``[blink]`` as markup; U+202E (right-to-left
override) makes a table cell or an HTML page show ``txt.exe`` as ``exe.txt``; a spreadsheet
runs a cell starting with ``=`` as a formula; XML (xlsx, .docx) cannot hold most control
characters at all. Scattered fixes missed some outputs (the import progress bar rendered a
file name as markup; CSV and HTML passed ESC and U+202E through), so every output now goes
through the function here named after it:

- ``visible`` / ``one_line``: control, bidi and line-separator characters replaced one for
  one by visible symbols (ESC shows as ␛, other C0 controls as their control pictures, the
  rest as �), so offsets into the text still hold; ``one_line`` shows newlines and tabs too.
- ``terminal`` (a ``rich.text.Text``, never parsed as markup) and ``markup`` (for the few
  Rich APIs that insist on a markup string, such as progress-bar descriptions).
- ``html_text``, ``csv_cell``, ``xlsx_text`` (+ ``is_formula_like``), ``docx_text``,
  ``json_dumps`` (exact values; the invisible characters escaped as ``\\uXXXX`` so the JSON
  itself is safe to show).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from rich.markup import escape as _rich_escape
from rich.text import Text

__all__ = [
    "FORMULA_STARTS",
    "csv_cell",
    "docx_text",
    "html_text",
    "is_formula_like",
    "json_dumps",
    "markup",
    "one_line",
    "terminal",
    "visible",
    "xlsx_text",
]

_BIDI_AND_SEPARATORS = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
"""Arabic letter mark, LRM/RLM, line/paragraph separators, embeddings/overrides, isolates."""

_INVISIBLE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI_AND_SEPARATORS}]")
_INVISIBLE_ALL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI_AND_SEPARATORS}]")
_JSON_UNSAFE = re.compile(f"[\\x7f-\\x9f{_BIDI_AND_SEPARATORS}]")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make spreadsheet programs read a cell as a formula (a tab or CR
is skipped by some before they read one)."""


def _symbol(match: re.Match[str]) -> str:
    """ESC as ␛, C0 controls as their control pictures, DEL as ␡, everything else as �."""
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def visible(text: object) -> str:
    """``text`` with each control, bidi or separator character replaced by one visible
    symbol (same length); newlines and tabs are kept."""
    return _INVISIBLE.sub(_symbol, "" if text is None else str(text))


def one_line(text: object) -> str:
    """Like ``visible``, and newlines and tabs shown too: a name can never split a line."""
    return _INVISIBLE_ALL.sub(_symbol, "" if text is None else str(text))


def terminal(text: object, style: str = "", *, multiline: bool = True) -> Text:
    """Outside text for a terminal: a Rich Text (no markup is read), invisibles shown."""
    shown = visible(text) if multiline else one_line(text)
    return Text(shown, style=style)


def markup(text: object, *, limit: int | None = None) -> str:
    """Outside text inside a Rich markup string: one line, invisibles shown, brackets
    escaped (``limit`` cuts the visible text before escaping, never an escape in half)."""
    shown = one_line(text)
    if limit is not None and len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return _rich_escape(shown)


def html_text(text: object) -> str:
    """Outside text for HTML element content or a quoted attribute."""
    return html.escape(visible(text), quote=True)


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet program could read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> str:
    """A CSV cell: invisibles shown, and text that could start a formula gets a leading
    apostrophe (the OWASP remedy; Excel hides it when it shows the cell)."""
    text = visible(value)
    return "'" + text if is_formula_like(text) else text


def xlsx_text(text: object) -> str:
    """Outside text for an xlsx cell: invisibles shown (XML cannot hold C0 controls). The
    caller types a formula-like cell as text with the quote prefix (``is_formula_like``)."""
    return visible(text)


def docx_text(text: object) -> str:
    """Outside text for a Word run: invisibles shown; Word fields are never created from
    text (a run's text is literal), so nothing else needs escaping."""
    return visible(text)


def json_dumps(data: Any, **kwargs: Any) -> str:
    """``json.dumps`` (UTF-8, Chinese unescaped) whose text is safe to print: the values are
    exact, and bidi, DEL, C1 and separator characters are written as ``\\uXXXX`` escapes
    (C0 controls already are). They can only occur inside strings, so this is lossless."""
    kwargs.setdefault("ensure_ascii", False)
    out = json.dumps(data, **kwargs)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", out)
