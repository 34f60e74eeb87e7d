"""The genre reference: outline headings and standard phrases known before any scan.

Why: whether a passage is template text cannot depend on how many reports the store holds;
in a county bureau's store of 10 reports, two units sharing a sentence is a copy, while a
required outline heading or the genre's stock clause is template even if only two reports
exist. The reference is data (``genre_reference.toml``, each group with its source); users
add groups without code through a TOML file of the same shape (``scan --genre-reference``
or ``$REPORTAUDIT_GENRE_REFERENCE``). Its ``version`` (with a digest of any user files) is
stored with each run's parameters, so a result can always be traced to the wording it used.

Matching is on folded text (``normalize.fold_str``): a passage is covered where it contains
a reference entry; entries of at least ``K`` folded characters are found by their ``K``-grams
(a set lookup per position), shorter ones by substring search.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportaudit.errors import ReportAuditError
from reportaudit.matching.normalize import fold_str

ENV = "REPORTAUDIT_GENRE_REFERENCE"
"""Environment variable naming a user TOML file that extends the reference."""

K = 6
"""Folded k-gram length of the coverage test (shorter than the fingerprint's 8: headings
such as 年度总体目标 are 6 characters)."""

_BUILTIN = Path(__file__).with_name("genre_reference.toml")
_KINDS = ("heading", "phrase")


class GenreReferenceError(ReportAuditError):
    """A genre reference file cannot be read; ``str(err)`` names the file and the reason."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One reference item: its wording, folded form, kind and source."""

    text: str
    folded: str
    kind: str
    source: str


@dataclass(frozen=True, slots=True, eq=False)
class GenreReference:
    """The reference in force: entries, a version string and the lookup structures."""

    version: str
    entries: tuple[Entry, ...]
    grams: dict[str, int]  # folded K-gram -> index of the (first) entry holding it
    short: tuple[int, ...]  # entries shorter than K, searched as substrings

    def coverage(self, folded: str) -> tuple[int, Entry | None]:
        """Characters of ``folded`` inside reference entries, and the entry covering most."""
        n = len(folded)
        if n == 0:
            return 0, None
        covered = bytearray(n)
        votes: dict[int, int] = {}
        grams = self.grams
        for i in range(n - K + 1):
            e = grams.get(folded[i : i + K])
            if e is not None:
                covered[i : i + K] = b"\x01" * K
                votes[e] = votes.get(e, 0) + 1
        for e in self.short:
            f = self.entries[e].folded
            at = folded.find(f)
            while at >= 0:
                covered[at : at + len(f)] = b"\x01" * len(f)
                votes[e] = votes.get(e, 0) + len(f)
                at = folded.find(f, at + 1)
        if not votes:
            return 0, None
        best = min(votes, key=lambda e: (-votes[e], e))
        return sum(covered), self.entries[best]


def _read(path: Path) -> tuple[str | None, list[Entry]]:
    """The version (if any) and the entries of one reference file."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise GenreReferenceError(f"{path}: cannot read genre reference ({exc.strerror})") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GenreReferenceError(f"{path}: not a valid TOML genre reference ({exc})") from exc
    out: list[Entry] = []
    groups = data.get("group", [])
    if not isinstance(groups, list):
        raise GenreReferenceError(f"{path}: [[group]] entries expected")
    for n, g in enumerate(groups, 1):
        source, kind, items = g.get("source"), g.get("kind", "phrase"), g.get("items")
        if not isinstance(source, str) or not source.strip():
            raise GenreReferenceError(f"{path}: group {n} has no source")
        if kind not in _KINDS:
            raise GenreReferenceError(f"{path}: group {n}: kind must be heading or phrase")
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise GenreReferenceError(f"{path}: group {n}: items must be a list of strings")
        for text in items:
            folded = fold_str(text)
            if folded:
                out.append(Entry(text, folded, kind, source))
    version = data.get("version")
    return (str(version) if version is not None else None), out


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...], stamps: tuple[float, ...]) -> GenreReference:
    """The built-in reference extended by ``paths`` (cached per file set and mtimes)."""
    version, entries = _read(_BUILTIN)
    digest = hashlib.blake2b(digest_size=6)
    for p in paths:
        _, more = _read(Path(p))
        entries += more
        for e in more:
            digest.update(f"{e.kind}\x00{e.folded}\x00{e.source}\n".encode())
    full = f"{version or 'genre'}" + (f"+user:{digest.hexdigest()}" if paths else "")
    grams: dict[str, int] = {}
    short: list[int] = []
    for i, e in enumerate(entries):
        if len(e.folded) < K:
            short.append(i)
            continue
        for j in range(len(e.folded) - K + 1):
            grams.setdefault(e.folded[j : j + K], i)
    return GenreReference(full, tuple(entries), grams, tuple(short))


def user_files(files: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The user's extension files: ``files`` (the option) then ``$REPORTAUDIT_GENRE_REFERENCE``."""
    env = os.environ.get(ENV)
    return tuple(files) + ((env,) if env and env not in files else ())


def reference(files: tuple[str, ...] = ()) -> GenreReference:
    """The reference in force for ``files`` (the option's files plus the environment's)."""
    paths = user_files(files)
    stamps = tuple(_mtime(p) for p in paths)
    return _load(paths, stamps)


def _mtime(p: str) -> float:
    """A file's modification time (``-1`` when missing: ``_read`` reports it)."""
    try:
        return Path(p).stat().st_mtime
    except OSError:
        return -1.0
