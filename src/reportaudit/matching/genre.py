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
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from reportaudit.errors import ReportAuditError
from reportaudit.matching.fingerprint import kgram_hashes
from reportaudit.matching.normalize import fold_str, to_codes

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
    grams: dict[str, tuple[int, ...]]  # folded K-gram -> the entries holding it
    short: dict[str, int]  # folded entries shorter than K -> their (first) entry
    short_re: re.Pattern[str]  # all of them, longest first
    gram_hashes: np.ndarray  # sorted ``kgram_hashes`` of every key of ``grams``

    def covered_many(self, folded: Sequence[str]) -> np.ndarray:
        """``coverage(t)[0]`` for many folded texts at once, vectorised.

        Why: a scan decides template text for every family; one pass of numpy over all
        representatives costs less than a Python loop over their characters.
        """
        out = np.zeros(len(folded), dtype=np.int64)
        if not folded:
            return out
        joined = "\x00".join(folded)  # NUL is never in folded text: no gram spans two
        codes = to_codes(joined)
        n = len(codes)
        mark = np.zeros(n + 1, dtype=np.int64)
        h = kgram_hashes(codes, K)
        gh = self.gram_hashes
        if len(h) and len(gh):
            # a 64 Ki-entry table of the low bits rules out most positions before the search
            low = np.zeros(1 << 16, dtype=bool)
            low[(gh & np.uint64(0xFFFF)).astype(np.int64)] = True
            cand = np.flatnonzero(low[(h & np.uint64(0xFFFF)).astype(np.int64)])
            at = np.minimum(np.searchsorted(gh, h[cand]), len(gh) - 1)
            hit = cand[gh[at] == h[cand]]
            mark += np.bincount(hit, minlength=n + 1)
            mark -= np.bincount(hit + K, minlength=n + K + 1)[: n + 1]
        for m in self.short_re.finditer(joined):
            mark[m.start()] += 1
            mark[m.end()] -= 1
        covered = (np.cumsum(mark[:n]) > 0).astype(np.int64)
        lengths = np.array([len(t) for t in folded], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
        csum = np.concatenate([[0], np.cumsum(covered)])
        return csum[starts + lengths] - csum[starts]

    def coverage(self, folded: str) -> tuple[int, Entry | None]:
        """Characters of ``folded`` inside reference entries, and the entry that explains it
        best: the longest entry found whole in it, else the one sharing most K-grams.

        Why list comprehensions and one regular expression: this runs once per family, and
        a large scan has hundreds of thousands of them, most without any reference text.
        """
        n = len(folded)
        grams = self.grams
        hits = [i for i in range(n - K + 1) if folded[i : i + K] in grams]
        shorts = [(m.start(), m.end()) for m in self.short_re.finditer(folded)] if n else []
        if not hits and not shorts:
            return 0, None
        covered = bytearray(n)
        votes: dict[int, int] = {}
        for i in hits:
            covered[i : i + K] = b"\x01" * K
            for e in grams[folded[i : i + K]]:
                votes[e] = votes.get(e, 0) + 1
        for a, b in shorts:
            covered[a:b] = b"\x01" * (b - a)
            e = self.short[folded[a:b]]
            votes[e] = votes.get(e, 0) + (b - a)
        entries = self.entries
        whole = [e for e in votes if entries[e].folded in folded]
        if whole:
            best = min(whole, key=lambda e: (-len(entries[e].folded), e))
        else:
            best = min(votes, key=lambda e: (-votes[e], e))
        return sum(covered), entries[best]


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
    holders: dict[str, list[int]] = {}
    short: dict[str, int] = {}
    for i, e in enumerate(entries):
        if len(e.folded) < K:
            short.setdefault(e.folded, i)
            continue
        for j in range(len(e.folded) - K + 1):
            at = holders.setdefault(e.folded[j : j + K], [])
            if not at or at[-1] != i:
                at.append(i)
    grams = {g: tuple(v) for g, v in holders.items()}
    alts = sorted(short, key=lambda f: (-len(f), f))
    pattern = re.compile("|".join(map(re.escape, alts)) if alts else "(?!)")
    hashed = [kgram_hashes(to_codes(g), K) for g in grams]
    gh = np.unique(np.concatenate(hashed)) if hashed else np.empty(0, dtype=np.uint64)
    return GenreReference(full, tuple(entries), grams, short, pattern, gh)


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
