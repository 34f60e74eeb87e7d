"""Limits on what one file may cost, checked while it is read, not after.

Why: a file is accepted or refused by what it costs to read. A 417 KB .docx whose XML
inflates to 240 MB took 6.9 GiB to import and became an 80-million-character revision that
made every later scan take minutes; a 2,000-page PDF or a 45 MB text file did the same. Each
limit is checked at the point where the cost would be paid (bytes before reading the file,
inflated bytes while decompressing each .docx part, pages before the first page is parsed,
characters before and after decoding, time between pages and steps), so a hostile file is
refused in well under a second and a few megabytes of memory.

The defaults are far above any real self-evaluation report (tens of pages, tens of
thousands of characters) and far below what hurts. Each can be raised per import
(``reportaudit import --max-chars …``) or for every command by an environment variable;
the refusal names both.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, fields, replace

from reportaudit.errors import IngestError

__all__ = ["LIMIT_HELP", "Budget", "LimitExceeded", "Limits"]

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one file may cost. All positive; see the module docstring."""

    max_bytes: int = 50 * MiB
    max_part_bytes: int = 64 * MiB
    max_chars: int = 1_000_000
    max_pages: int = 500
    max_seconds: float = 600.0

    @classmethod
    def from_env(cls, **overrides: float | None) -> Limits:
        """Defaults, then ``$REPORTAUDIT_MAX_…`` variables, then ``overrides`` not None."""
        values: dict[str, float] = {}
        for f in fields(cls):
            raw = os.environ.get(f"REPORTAUDIT_{f.name.upper()}")
            if raw:
                try:
                    values[f.name] = float(raw) if f.name == "max_seconds" else int(raw)
                except ValueError:
                    raise ValueError(
                        f"${'REPORTAUDIT_' + f.name.upper()} is not a number: {raw!r}"
                    ) from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        for name, value in values.items():
            if value <= 0:
                raise ValueError(f"--{name.replace('_', '-')} must be positive, not {value}")
        return replace(cls(), **values)  # type: ignore[arg-type]


LIMIT_HELP = {
    "max_bytes": "bytes per file",
    "max_part_bytes": "inflated bytes per .docx part",
    "max_chars": "characters per revision",
    "max_pages": "pages per PDF",
    "max_seconds": "seconds per file",
}
"""What each limit bounds, for the one-line refusal."""


class LimitExceeded(IngestError):
    """A file over one of the limits; the reason names the limit and how to raise it."""

    def __init__(self, filename: str, limit: str, value: float, found: str) -> None:
        option = "--" + limit.replace("_", "-")
        shown = f"{value:,.0f}" if limit != "max_seconds" else f"{value:g}"
        super().__init__(
            filename,
            f"refused: {found}, over the limit of {shown} {LIMIT_HELP[limit]} "
            f"(raise it with `import {option} N` or ${'REPORTAUDIT_' + limit.upper()})",
        )
        self.limit = limit


@dataclass
class Budget:
    """The limits of one file being read, with its clock started."""

    filename: str
    limits: Limits = field(default_factory=Limits)
    started: float = field(default_factory=time.monotonic)

    def check_time(self, doing: str = "reading") -> None:
        """Refuse the file when it has taken longer than ``max_seconds`` so far."""
        spent = time.monotonic() - self.started
        if spent > self.limits.max_seconds:
            raise LimitExceeded(
                self.filename, "max_seconds", self.limits.max_seconds, f"{doing} took {spent:.0f} s"
            )

    def check_bytes(self, size: int) -> None:
        """Refuse a file larger than ``max_bytes`` (before it is read)."""
        if size > self.limits.max_bytes:
            raise LimitExceeded(
                self.filename, "max_bytes", self.limits.max_bytes, f"{size:,} bytes"
            )

    def check_chars(self, count: int, *, at_least: bool = False) -> None:
        """Refuse text of more than ``max_chars`` characters (``at_least``: a lower bound
        known before decoding, from the byte count)."""
        if count > self.limits.max_chars:
            found = f"{'at least ' if at_least else ''}{count:,} characters"
            raise LimitExceeded(self.filename, "max_chars", self.limits.max_chars, found)

    def check_pages(self, count: int) -> None:
        """Refuse a PDF of more than ``max_pages`` pages (before any page is read)."""
        if count > self.limits.max_pages:
            raise LimitExceeded(self.filename, "max_pages", self.limits.max_pages, f"{count} pages")

    def check_part(self, part: str, inflated: int) -> None:
        """Refuse a .docx part that inflates beyond ``max_part_bytes`` (while inflating)."""
        if inflated > self.limits.max_part_bytes:
            raise LimitExceeded(
                self.filename,
                "max_part_bytes",
                self.limits.max_part_bytes,
                f"part {part} inflates beyond {inflated:,} bytes (zip bomb?)",
            )
