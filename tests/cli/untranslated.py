"""Find English words left in output that should be Chinese.

Why a helper: the CLI, TUI and export tests all ask the same question of their Chinese
output — does any English word remain that a translator should have covered? What may stay
English is listed here, once: ids and hashes, file names and paths, format and unit names,
and what a user types (``reportaudit review ID --status confirmed``, option names, the
matcher's ``key=value`` parameters and version tags).
"""

from __future__ import annotations

import re

__all__ = ["ALLOWED", "english_words"]

ALLOWED = frozenset(
    {
        # formats, encodings, units and standard abbreviations
        "html",
        "csv",
        "json",
        "xlsx",
        "docx",
        "doc",
        "pdf",
        "txt",
        "rtf",
        "wps",
        "png",
        "jpg",
        "tif",
        "word",
        "utf",
        "gbk",
        "gb18030",
        "ocr",
        "dpi",
        "sha256",
        "mib",
        "kib",
        "gib",
        "url",
        "a4",
        "pdfs",
        "id",
        "ids",
        "tui",
        "sqlite",
        "postgresql",
        "ascii",
        "docx's",
        # the command and what the user types after it
        "reportaudit",
        "rev",
        "revision",
        "report",
        "unit",
        "year",
        "kind",
        "note",
        "folder",
        "all",
        "confirmed",
        "template",
        "dismissed",
        "open",
        "status",
        "family",
        # key names printed on the keyboard (key bar, help)
        "esc",
        "escape",
        "space",
        "enter",
        "ctrl",
        "tab",
    }
)
"""Lower-case words allowed in Chinese output (see the module docstring for why each kind)."""

_STRIP = [
    re.compile(r"\b\w+=\S+"),  # matcher parameters k=8 window=4
    re.compile(r"\(short<\d+: \d+\)"),  # the template floor of short passages, a parameter
    re.compile(r"(?:[\w.-]*/)+[^\s：:，,；;）)」]*"),  # paths
    re.compile(r"[\w.-]+\.(?:txt|docx?|pdf|html?|csv|xlsx|json|wps|rtf|png|jpe?g|tiff?|db)\b"),
    re.compile(r"\b[0-9a-f]{8,}\b"),  # ids and hashes
    re.compile(r"\b[\w.+-]*\d[\w.+-]*\b"),  # version tags: ingest-2+structure-3, checks-2
    re.compile(r"--?[a-z][\w-]*"),  # options the user types
    re.compile(r"\b[A-Z][A-Z_]+\b"),  # placeholders the user replaces: REV, ID, UNIT
    re.compile(r"reportaudit(?: [a-z]+)+"),  # a command line to type
]
_WORD = re.compile(r"[A-Za-z][A-Za-z']{2,}")


def english_words(text: str, *, allowed: frozenset[str] = ALLOWED) -> list[str]:
    """The English words of ``text`` a Chinese reader should not see (in order, repeated)."""
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    return [w for w in _WORD.findall(text) if w.lower() not in allowed]
