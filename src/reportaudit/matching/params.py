"""The tunable parameters of reuse detection, in one frozen, printable, storable record.

Why one record: findings are only reproducible together with the parameters that produced
them, so the scanner stores ``ReuseParams.to_dict()`` beside every result set and prints it
with them. The defaults are justified by the measurements in ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

ALGORITHM_VERSION = "reuse-4"
"""Bumped when the algorithm changes its output for the same parameters."""


@dataclass(frozen=True, slots=True)
class ReuseParams:
    """Options of fingerprinting, candidate generation, verification and ranking.

    k, window: folded k-gram length and winnowing window; any shared exact run of
    ``k + window - 1`` folded characters is guaranteed to produce a candidate.
    min_chars: shortest passage reported, in folded characters.
    similarity_floor: minimum alignment similarity (2·matched / (len_a + len_b)).
    max_gap: largest unmatched stretch (a clause inserted/dropped) inside one passage.
    min_seeds / min_shared: a segment (paragraph) pair is verified when it shares at least
    ``min_shared`` fingerprints of at most ``pair_docs`` documents (one held by at most 3
    documents counts twice), or, when its shorter segment is short, one per ``window + 1``
    of its k-grams but at least ``min_seeds`` (a shared heading).
    pair_docs / pair_docs_sqrt: a fingerprint held by more documents than
    ``max(pair_docs, ceil(pair_docs_sqrt * sqrt(documents)))`` (``pairing.pair_cap``) pairs
    nobody: it is template or chance-common text, decided before verification (the
    incremental check pairs one held by more than ``pair_docs`` star-wise with one
    representative). The cap grows with the corpus because chance-common text does: a
    fixed cap makes most k-grams of a copied paragraph "too common" in a large store.
    stock_shared: a candidate pair sharing fewer fingerprints than this, every one of them
    held by at least ``template_floor_min`` units, is a stock phrase (template) and is not
    verified (``ReuseIndex._without_stock_phrases``).
    template_units / template_share: a fingerprint held by at least this many distinct
    units, or this share of all units (when there are at least ``template_units`` units), is
    *common* (the share of a verified passage in common text marks it), never a label by
    itself.
    template_floor_min / template_floor_max / template_short_chars: store frequency makes a
    passage template only when it is in at least ``clamp(ceil(2 * sqrt(units)), min, max)``
    distinct units, or ``min`` units for a passage shorter than ``template_short_chars``
    folded characters (``templates.template_floor``): never 2 or 3 units.
    genre_files: user TOML files extending the genre reference (``genre``); the reference's
    version (with their digest) is stored with the parameters as ``genre_reference``
    (empty here: computed from the files in force; set when read back from a stored run).
    accepted_phrases: user-accepted phrases (folded on use) that count as template too.
    """

    k: int = 8
    window: int = 4
    min_chars: int = 20
    similarity_floor: float = 0.8
    max_gap: int = 24
    min_seeds: int = 2
    min_shared: int = 4
    anchor_min: int = 3
    margin: int = 40
    pair_docs: int = 50
    pair_docs_sqrt: float = 4.75
    stock_shared: int = 6
    template_units: int = 6
    template_share: float = 0.3
    template_floor_min: int = 5
    template_floor_max: int = 40
    template_short_chars: int = 50
    genre_files: tuple[str, ...] = field(default_factory=tuple)
    genre_reference: str = ""
    accepted_phrases: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, including the algorithm version."""
        d = asdict(self)
        d["accepted_phrases"] = list(self.accepted_phrases)
        d["genre_files"] = list(self.genre_files)
        d["genre_reference"] = self.genre_version()
        d["algorithm"] = ALGORITHM_VERSION
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReuseParams:
        """Inverse of ``to_dict`` (unknown keys such as ``algorithm`` are ignored)."""
        names = set(cls.__dataclass_fields__)
        kw = {k: v for k, v in data.items() if k in names}
        for name in ("accepted_phrases", "genre_files"):
            if name in kw:
                kw[name] = tuple(kw[name])
        return cls(**kw)

    def genre_version(self) -> str:
        """Version of the genre reference these parameters use (built-in + user files), or
        the one recorded with a stored run."""
        if self.genre_reference:
            return self.genre_reference
        from reportaudit.matching.genre import reference

        return reference(self.genre_files).version

    def digest(self) -> str:
        """Short stable digest of the parameters (to tag stored results)."""
        raw = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False).encode()
        return hashlib.blake2b(raw, digest_size=8).hexdigest()

    def describe(self) -> str:
        """One line for printing beside results."""
        return (
            f"k={self.k} window={self.window} min_chars={self.min_chars} "
            f"floor={self.similarity_floor} max_gap={self.max_gap} min_seeds={self.min_seeds} "
            f"min_shared={self.min_shared} "
            f"pair_docs={self.pair_docs}|{self.pair_docs_sqrt}*sqrt(docs) "
            f"stock_shared={self.stock_shared} "
            f"common_units={self.template_units} common_share={self.template_share} "
            f"template_floor={self.template_floor_min}..{self.template_floor_max} "
            f"(short<{self.template_short_chars}: {self.template_floor_min}) "
            f"genre={self.genre_version()} [{ALGORITHM_VERSION}]"
        )
