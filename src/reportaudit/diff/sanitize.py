"""Make untrusted document text safe to print in a terminal.

Why: report text comes from files anyone can craft. An escape sequence inside a paragraph
could recolour, hide or rewrite what the auditor sees (or set the window title), so before
text reaches a terminal we drop ANSI/OSC sequences and other control characters, keeping
only newlines and tabs. (Rich markup is never interpreted: renderers build rich.text.Text.)
"""

from __future__ import annotations

import re

__all__ = ["clean_terminal"]

_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL / ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[@-Z\\-_]"  # other two-character escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_terminal(text: str) -> str:
    """``text`` without escape sequences, control or bidi-override characters."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))
