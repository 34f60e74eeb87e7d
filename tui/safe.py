"""Showing untrusted report text literally.

Why: report text comes from files anyone can craft. Textual interprets markup in plain
strings handed to many widgets ("[bold]", "[link=…]"), and a terminal obeys escape
sequences. Every piece of document text therefore goes through ``literal``: control and
bidi characters become visible symbols *one for one* (so character offsets from the diff and
the matcher still point at the same places; the rules are ``reportaudit.untrusted``'s, the
one sanitiser of every output), and the result is a ``rich.text.Text``, which no widget
parses as markup.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from reportaudit.untrusted import visible

__all__ = ["literal", "visible"]


def literal(text: str, style: str | Style = "") -> Text:
    """A Text that shows ``text`` exactly as written: no markup, no escape sequences."""
    return Text(visible(text), style=style, end="")
