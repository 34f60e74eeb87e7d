"""Showing untrusted report text literally.

Why: report text comes from files anyone can craft. Textual interprets markup in plain
strings handed to many widgets ("[bold]", "[link=…]"), and a terminal obeys escape
sequences. Every piece of document text therefore goes through ``literal``: control
characters become visible placeholders *one for one* (so character offsets from the diff and
the matcher still point at the same places), and the result is a ``rich.text.Text``, which
no widget parses as markup.
"""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

__all__ = ["literal", "visible"]

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ESC_SYMBOL = "\u241b"  # ␛
_OTHER_SYMBOL = "\ufffd"  # �


def _placeholder(match: re.Match[str]) -> str:
    """ESC shows as ␛, every other control or bidi override as �."""
    return _ESC_SYMBOL if match.group(0) == "\x1b" else _OTHER_SYMBOL


def visible(text: str) -> str:
    """``text`` with each control character replaced by one visible symbol (same length)."""
    return _CONTROLS.sub(_placeholder, text)


def literal(text: str, style: str | Style = "") -> Text:
    """A Text that shows ``text`` exactly as written: no markup, no escape sequences."""
    return Text(visible(text), style=style, end="")
