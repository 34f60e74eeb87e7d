"""Configurable tables for the checks: grade bands, required outlines, small thresholds.

Why TOML and not constants: bands and outlines differ between provinces and years (some use
优 >= 90, others 优 >= 85; a 项目支出 report has a different outline from a 工作总结). The
defaults ship in ``checks.toml``; a user TOML of the same shape replaces whole tables.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from reportaudit.checks.quantities import Words
from reportaudit.errors import ReportAuditError

ENV_VAR = "REPORTAUDIT_CHECKS_CONFIG"


class CheckConfigError(ReportAuditError):
    """A checks TOML that cannot be used (why a type: the CLI prints it as one line)."""


@dataclass(frozen=True, slots=True)
class GradeBand:
    """Scores in ``[low, high)`` earn ``grade``; ``names`` are the words used for it."""

    grade: str
    low: Decimal
    high: Decimal
    names: tuple[str, ...]


@dataclass(frozen=True)
class CheckConfig:
    """All tables the checks read; built by ``load_config`` (frozen so runs are repeatable)."""

    grade_bands: tuple[GradeBand, ...]
    outline: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    none_is_answer: frozenset[str] = frozenset()
    max_years_back: int = 3
    outline_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kind_classes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    third_party_words: tuple[str, ...] = ()
    words: Words = field(default_factory=lambda: Words((), (), (), ()))

    def band_for(self, score: Decimal) -> GradeBand | None:
        """The band a score falls in (None when outside every band)."""
        for band in self.grade_bands:
            if band.low <= score < band.high:
                return band
        return None

    def grade_named(self, word: str) -> GradeBand | None:
        """The band a grade word ("优秀", "良") names, None for unknown words."""
        for band in self.grade_bands:
            if word in band.names or word == band.grade:
                return band
        return None

    def outline_for(self, kind: str, kind_class: str = "other") -> tuple[tuple[str, ...], ...]:
        """Required canonical types (alternatives per requirement): the entry of the kind
        phrase when there is one, else of the kind class, else "default", else none."""
        for key in (kind, kind_class, "default"):
            if key in self.outline:
                return self.outline[key]
        return ()


def _bands(raw: Any) -> tuple[GradeBand, ...]:
    """Parse and validate ``[[grade_bands]]`` (why: a typo must fail loudly, not grade wrongly)."""
    if not isinstance(raw, list) or not raw:
        raise CheckConfigError("grade_bands must be a non-empty array of tables")
    bands = []
    for item in raw:
        try:
            low, high = Decimal(str(item["low"])), Decimal(str(item["high"]))
            grade = str(item["grade"])
            names = tuple(str(n) for n in item.get("names", [grade]))
        except (KeyError, TypeError, ArithmeticError) as exc:
            raise CheckConfigError(f"bad grade band {item!r}: {exc}") from exc
        if low >= high:
            raise CheckConfigError(f"grade band {grade}: low must be below high")
        bands.append(GradeBand(grade, low, high, names))
    return tuple(bands)


def _outline(raw: Any) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Parse ``[outline]``: kind -> list of requirements, each a list of alternative types."""
    if not isinstance(raw, dict):
        raise CheckConfigError("outline must be a table")
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for kind, reqs in raw.items():
        if not isinstance(reqs, list):
            raise CheckConfigError(f"outline.{kind} must be a list")
        out[str(kind)] = tuple(
            tuple(str(x) for x in (r if isinstance(r, list) else [r])) for r in reqs
        )
    return out


def _str_lists(raw: Any, name: str) -> dict[str, tuple[str, ...]]:
    """A table of string lists (``[outline_words]``, ``[kind_classes]``), validated."""
    if not isinstance(raw, dict):
        raise CheckConfigError(f"{name} must be a table of lists")
    out: dict[str, tuple[str, ...]] = {}
    for key, values in raw.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise CheckConfigError(f"{name}.{key} must be a list of strings")
        out[str(key)] = tuple(values)
    return out


def _words(raw: Any) -> Words:
    """``[statements]``: the word lists that tell budgets, spendings, changes and columns."""
    table = _str_lists(raw, "statements")
    return Words(
        budget=table.get("budget", ()),
        spend=table.get("spend", ()),
        change=table.get("change", ()),
        columns=table.get("columns", ()),
    )


def _read(path: Path) -> dict[str, Any]:
    """Read one TOML file, turning every failure into a CheckConfigError."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CheckConfigError(f"cannot read checks config {path}: {exc}") from exc


def load_config(path: str | Path | None = None) -> CheckConfig:
    """The shipped tables, with the tables of ``path`` (or $REPORTAUDIT_CHECKS_CONFIG) on top."""
    data = _shipped()
    user = path or os.environ.get(ENV_VAR)
    if user:
        data.update(_read(Path(user)))
    return _build(data)


def _shipped() -> dict[str, Any]:
    """The package's own checks.toml as a dict."""
    text = resources.files("reportaudit.checks").joinpath("checks.toml").read_text("utf-8")
    return tomllib.loads(text)


def _build(data: dict[str, Any]) -> CheckConfig:
    """A CheckConfig from merged TOML data."""
    placeholder = data.get("placeholder", {})
    stale = data.get("stale_year", {})
    return CheckConfig(
        grade_bands=_bands(data.get("grade_bands")),
        outline=_outline(data.get("outline", {})),
        none_is_answer=frozenset(placeholder.get("none_is_answer", [])),
        max_years_back=int(stale.get("max_years_back", 3)),
        outline_words=_str_lists(data.get("outline_words", {}), "outline_words"),
        kind_classes=tuple(_str_lists(data.get("kind_classes", {}), "kind_classes").items()),
        third_party_words=_str_lists(data.get("third_party", {}), "third_party").get("words", ()),
        words=_words(data.get("statements", {})),
    )


@lru_cache(maxsize=1)
def default_config() -> CheckConfig:
    """The shipped tables only (no environment), loaded once: the default of ``run_checks``."""
    return _build(_shipped())
