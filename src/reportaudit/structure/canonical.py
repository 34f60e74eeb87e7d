"""Map a heading's wording to a canonical section type (deviation, accounts, …).

Units word the same required heading a dozen ways ("存在的问题及改进措施", "偏离绩效目标的原因
及下一步改进措施", "改进建议"), so matching is fuzzy (rapidfuzz) against a phrase table that
users extend with a TOML file rather than code. The matcher compares folded text (no
whitespace or punctuation, half-width forms) so bracket and spacing variants don't matter.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz

from reportaudit.errors import ReportAuditError

ENV_VAR = "REPORTAUDIT_SECTION_TYPES"
_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)


def fold_heading(text: str) -> str:
    """Comparison form of a heading: NFKC, no whitespace or punctuation."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class SectionTypes:
    """The phrase table: type name -> (label, folded phrases)."""

    types: Mapping[str, tuple[str, tuple[str, ...]]]
    # Folded heading -> type. Headings repeat across a corpus (every project has its
    # 偏离原因 heading) and fuzzy scoring against every phrase was two thirds of parse time.
    _memo: dict[tuple[str, float], str | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    def label(self, kind: str) -> str:
        """Chinese display label of a type (the type name itself when unknown)."""
        entry = self.types.get(kind)
        return entry[0] if entry else kind

    def classify(self, heading: str, *, cutoff: float = 86.0) -> str | None:
        """Best-matching type for ``heading``, or None when nothing scores ``cutoff``.

        Ties go to the longer phrase (more specific wording wins).
        """
        title = fold_heading(heading)
        if len(title) < 2:
            return None
        memo_key = (title, cutoff)
        if memo_key not in self._memo:
            if len(self._memo) > 100_000:  # a hostile file of unique headings stays bounded
                self._memo.clear()
            self._memo[memo_key] = self._score(title, cutoff)
        return self._memo[memo_key]

    def _score(self, title: str, cutoff: float) -> str | None:
        """The uncached classification of a folded title."""
        best: tuple[float, int, str] | None = None
        for kind, (_label, phrases) in self.types.items():
            for phrase in phrases:
                if len(phrase) < 4 and len(title) > len(phrase) + 4:
                    score = 100.0 if title.startswith(phrase) else 0.0
                else:
                    score = fuzz.WRatio(phrase, title)
                key = (score, len(phrase), kind)
                if score >= cutoff and (best is None or key[:2] > best[:2]):
                    best = key
        return best[2] if best else None


def _parse_table(data: Mapping[str, object], source: str) -> dict[str, tuple[str, list[str]]]:
    """Validate one TOML table of types; raise a one-line error naming ``source``."""
    out: dict[str, tuple[str, list[str]]] = {}
    for kind, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("phrases", []), list):
            raise ReportAuditError(f"{source}: [{kind}] needs a 'phrases' list")
        phrases = [str(p) for p in entry.get("phrases", [])]
        out[kind] = (str(entry.get("label", kind)), phrases)
    return out


@lru_cache(maxsize=8)
def load_section_types(extra: str | None = None) -> SectionTypes:
    """The built-in table, extended by ``extra`` (a TOML path) or $REPORTAUDIT_SECTION_TYPES."""
    text = (
        resources.files("reportaudit.structure")
        .joinpath("section_types.toml")
        .read_text(encoding="utf-8")
    )
    table = _parse_table(tomllib.loads(text), "section_types.toml")
    extra = extra or os.environ.get(ENV_VAR) or None
    if extra:
        path = Path(extra)
        try:
            user = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ReportAuditError(f"{path}: cannot read section types: {exc}") from exc
        for kind, (label, phrases) in _parse_table(user, str(path)).items():
            base_label, base = table.get(kind, (label, []))
            table[kind] = (label or base_label, base + phrases)
    return SectionTypes(
        {
            k: (label, tuple(dict.fromkeys(fold_heading(p) for p in ps if p)))
            for k, (label, ps) in table.items()
        }
    )
