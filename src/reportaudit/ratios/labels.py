"""Labels of the 复制比 indices, read from ``labels.toml`` (Chinese first, English beside).

Why a data file: the same words must appear in the CLI, the TUI and every export, and users
reword them (or add a language) without code: ``$REPORTAUDIT_RATIO_LABELS`` names a TOML of
the same shape whose entries replace the shipped ones.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from reportaudit.errors import ReportAuditError

ENV_VAR = "REPORTAUDIT_RATIO_LABELS"
LANG_VAR = "REPORTAUDIT_LANG"


@dataclass(frozen=True, slots=True)
class Label:
    """One figure's name and definition in Chinese and English."""

    zh: str
    en: str
    definition_zh: str
    definition_en: str

    def name(self, lang: str = "zh") -> str:
        """The name in ``lang`` ("zh" or "en")."""
        return self.en if lang == "en" else self.zh

    def definition(self, lang: str = "zh") -> str:
        """The definition in ``lang``."""
        return self.definition_en if lang == "en" else self.definition_zh


def _read(data: dict[str, object], into: dict[str, Label], where: str) -> None:
    """Add the ``[group.key]`` tables of ``data`` to ``into`` as "group.key" labels."""
    for group, entries in data.items():
        if not isinstance(entries, dict):
            raise ReportAuditError(f"{where}: [{group}] must be a table")
        for key, e in entries.items():
            if not isinstance(e, dict) or not isinstance(e.get("zh"), str):
                raise ReportAuditError(f"{where}: [{group}.{key}] needs a zh string")
            into[f"{group}.{key}"] = Label(
                e["zh"],
                str(e.get("en", e["zh"])),
                str(e.get("definition_zh", "")),
                str(e.get("definition_en", e.get("definition_zh", ""))),
            )


@lru_cache(maxsize=4)
def load_labels(extra: str | None = None) -> dict[str, Label]:
    """Shipped labels, then those of ``extra`` (default: ``$REPORTAUDIT_RATIO_LABELS``)."""
    out: dict[str, Label] = {}
    shipped = resources.files("reportaudit.ratios").joinpath("labels.toml").read_text("utf-8")
    _read(tomllib.loads(shipped), out, "labels.toml")
    path = extra if extra is not None else os.environ.get(ENV_VAR)
    if path:
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ReportAuditError(f"{path}: cannot read ratio labels: {exc}") from exc
        _read(data, out, path)
    return out


def label(key: str) -> Label:
    """The label of "scope.total", "variant.no_template", "figure.chars", …"""
    return load_labels()[key]


def current_lang() -> str:
    """The language of ``reportaudit.i18n`` (``--lang`` or ``$REPORTAUDIT_LANG``; Chinese by
    default), so the 复制比 figures follow the same switch as every other label."""
    from reportaudit.i18n import language

    return language()
