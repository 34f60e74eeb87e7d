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

ALGORITHM_VERSION = "reuse-2"
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
    ``min_shared`` fingerprints of at most ``pair_docs`` documents (one held by only the two
    reports counts twice), or, when its shorter segment is short, one per ``window + 1``
    of its k-grams but at least ``min_seeds`` (a shared heading).
    pair_docs: a fingerprint held by more documents than this pairs nobody: it is template
    or chance-common text, decided before verification (the incremental check pairs it
    star-wise with one representative).
    template_units / template_share: a passage found in at least this many distinct units,
    or in this share of all units (when there are at least ``template_units`` units), is
    template text.
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
    template_units: int = 6
    template_share: float = 0.3
    accepted_phrases: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, including the algorithm version."""
        d = asdict(self)
        d["accepted_phrases"] = list(self.accepted_phrases)
        d["algorithm"] = ALGORITHM_VERSION
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReuseParams:
        """Inverse of ``to_dict`` (unknown keys such as ``algorithm`` are ignored)."""
        names = set(cls.__dataclass_fields__)
        kw = {k: v for k, v in data.items() if k in names}
        if "accepted_phrases" in kw:
            kw["accepted_phrases"] = tuple(kw["accepted_phrases"])
        return cls(**kw)

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
            f"pair_docs={self.pair_docs} "
            f"template_units={self.template_units} template_share={self.template_share} "
            f"[{ALGORITHM_VERSION}]"
        )
