"""One cleaning pass shared by every format, so offsets mean the same thing for all inputs.

Document text is untrusted: it may carry terminal escapes, invisible characters that defeat
copy detection or spoof what an auditor sees, and converter artefacts such as
"[bookmark: _GoBack]". Cleaning removes exactly those and nothing else: no NFKC, no width
folding, no re-wrapping, because offsets and faithful display of the report matter. The
number of lines is preserved (apart from trailing blank lines), so line numbers computed by a
reader before cleaning stay valid after it.
"""

from __future__ import annotations

import re

_NEWLINES = re.compile(r"\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
"""Every character Python's ``str.splitlines`` treats as a line break, mapped to ``\\n``."""

_ANSI = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                 # CSI: ESC [ params intermediates final
  | \x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?    # OSC: ESC ] ... BEL or ST (hyperlinks, titles)
  | \x1b[PX^_][^\x1b\n]*(?:\x1b\\)?         # DCS / SOS / PM / APC strings
  | \x1b[ -/]*[0-~]                         # two-character escapes (ESC c, ESC ( B, ...)
  | \x9b[0-?]*[ -/]*[@-~]                   # 8-bit CSI
    """,
    re.VERBOSE,
)
"""Terminal escape sequences: a report must never recolour or retitle the auditor's terminal."""

_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""C0 controls except tab and the line breaks handled above, DEL, and C1 controls."""

_INVISIBLE = re.compile(
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
"""Zero-width characters, bidi overrides and the BOM: invisible, yet they break matching."""

_ARTEFACT = re.compile(r"\[bookmark:[^\]\n]*\]", re.IGNORECASE)
"""Bookmark markers that docx-to-text converters leave behind, e.g. "[bookmark: _GoBack]"."""

_TRAILING_SPACE = re.compile(r"[ \t\u3000\u00a0]+$", re.MULTILINE)


def normalise_newlines(text: str) -> str:
    """Map every line-break character to ``\\n``; readers call this before counting lines."""
    return _NEWLINES.sub("\n", text)


def clean_text(text: str) -> str:
    """Return ``text`` with artefacts, controls, escapes and invisible characters removed.

    The order matters for idempotence: escapes go before lone controls (so a stray ESC left by
    a removed sequence is itself removed), and artefact removal repeats until nothing changes
    (so nested "[book[bookmark: x]mark: y]" cannot survive). Trailing spaces on each line
    and trailing blank lines are dropped; leading lines are kept so line numbers hold.
    """
    text = normalise_newlines(text)
    text = _ANSI.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _INVISIBLE.sub("", text)
    while True:
        stripped = _ARTEFACT.sub("", text)
        if stripped == text:
            break
        text = stripped
    text = _TRAILING_SPACE.sub("", text)
    return text.rstrip("\n")


def one_line(message: object, limit: int = 160) -> str:
    """An exception message made safe for an error reason: one line, no controls, bounded.

    Library errors can quote names from inside the (untrusted) file, such as a zip member
    name, so they get the same treatment as document text before reaching a terminal.
    """
    text = _INVISIBLE.sub("", _CONTROLS.sub(" ", _ANSI.sub("", str(message))))
    text = " ".join(text.split()) or type(message).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
