"""The name tables of ``names.toml``: organisation endings, regions, kind words, classes.

Why a data file: every province names its units and reports its own way; an auditor who
meets a new ending (…服务站, …保障中心) or a new kind phrase adds it without code.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from reportaudit.errors import ReportAuditError

ENV_VAR = "REPORTAUDIT_NAMES"
_CJK = "\u4e00-\u9fff"
_NAME_CHARS = re.compile(rf"[{_CJK}（）()“”·]+")
_NOT_FIRST = ("我", "本", "该", "各", "全", "其", "此", "贵")
"""A name never starts with a pronoun or a determiner (我局, 本单位, 该中心)."""
_FUNCTION = "为的对在和及与是于由将把被等了从向按据经"
"""Characters that never occur inside a place name (they join words in a sentence)."""
_NOT_REGION = ("社区", "小区", "园区", "景区", "校区", "片区", "辖区")
"""Words ending in 区 that are not administrative divisions."""


@dataclass(frozen=True)
class ClassRule:
    """One kind-class rule: a pattern over the kind phrase, or 'names a project'."""

    kind_class: str
    pattern: re.Pattern[str] | None
    project: bool
    unit: bool

    def holds(self, kind: str, *, has_project: bool, named_unit: bool) -> bool:
        """Whether this rule decides the class of ``kind``."""
        if self.pattern is not None and not self.pattern.search(kind):
            return False
        return (has_project or not self.project) and (named_unit or not self.unit)


@dataclass(frozen=True)
class Names:
    """The tables, with the regular expressions built from them."""

    version: str
    unit_suffixes: tuple[str, ...]
    town_suffixes: tuple[str, ...]
    region_suffixes: tuple[str, ...]
    not_unit_endings: tuple[str, ...]
    evaluator_suffixes: tuple[str, ...]
    placeholders: tuple[str, ...]
    kind_tokens: tuple[str, ...]
    class_rules: tuple[ClassRule, ...]
    word_continuations: tuple[str, ...] = ()
    region_continuations: tuple[str, ...] = ()

    @cached_property
    def region_re(self) -> re.Pattern[str]:
        """One or more region names at the start of a string (昆明市五华区, 楚雄州武定县)."""
        suffix = "|".join(sorted(map(re.escape, self.region_suffixes), key=len, reverse=True))
        char = rf"(?:(?![{_FUNCTION}])[{_CJK}])"
        return re.compile(rf"^(?:{char}{{1,8}}?(?:{suffix}))(?:{char}{{1,8}}?(?:{suffix}))?")

    @cached_property
    def unit_end_re(self) -> re.Pattern[str]:
        """An organisation's ending at the end of a string."""
        ends = self.unit_suffixes + self.town_suffixes
        alt = "|".join(sorted(map(re.escape, ends), key=len, reverse=True))
        return re.compile(rf"(?:{alt})$")

    @cached_property
    def org_re(self) -> re.Pattern[str]:
        """Candidate organisation names in running text: a region, then words, then an ending."""
        suffix = "|".join(sorted(map(re.escape, self.region_suffixes), key=len, reverse=True))
        ends = "|".join(sorted(map(re.escape, self.unit_suffixes), key=len, reverse=True))
        return re.compile(
            rf"(?:中共)?[{_CJK}]{{1,8}}?(?:{suffix})[{_CJK}（）()]{{1,24}}?(?:{ends})(?![{_CJK}]*?(?:{ends}))"
        )

    @cached_property
    def tokens_by_length(self) -> tuple[str, ...]:
        """Kind words, longest first (the backward scan tries the longest)."""
        return tuple(sorted(set(self.kind_tokens), key=len, reverse=True))

    def mid_word(self, text: str, cut: int) -> bool:
        """Whether ``cut`` falls inside a word ("…推进乡|村振兴", "…工作部|门")."""
        return any(
            text.startswith(w, cut - i) for w in self.word_continuations for i in range(1, len(w))
        )

    def unit_at_start(self, text: str) -> str | None:
        """The organisation name running text starts with: the first prefix that is one,
        lengthened while a longer one follows within three characters (妇女联 → 妇女联合会,
        管委 → 管委会, 省委 → 省委宣传部)."""
        best: int | None = None
        for cut in range(4, min(len(text), 30) + 1):
            if best is not None and cut - best > 3:
                break
            if re.search(r"[\d，,。；;：:、]", text[cut - 1]):
                break
            if cut >= 4 and self.is_unit(text[:cut]) and not self.mid_word(text, cut):
                best = cut
        return text[:best] if best is not None and best >= 4 else None

    def is_placeholder(self, value: str) -> bool:
        """A masked or blank template value (****, XX单位, （单位名称）)."""
        return not value.strip() or any(p in value for p in self.placeholders)

    def is_evaluator(self, value: str) -> bool:
        """A third-party evaluator's name (…公司, …事务所), never the evaluated unit."""
        return value.endswith(self.evaluator_suffixes)

    def is_unit(self, value: str) -> bool:
        """An organisation's name: a known ending, not a fund or project."""
        if len(value) < 2 or self.is_placeholder(value) or value.endswith(self.not_unit_endings):
            return False
        if not _NAME_CHARS.fullmatch(value) or value.startswith(_NOT_FIRST):
            return False
        return bool(self.unit_end_re.search(value))

    def region_prefix(self, value: str) -> str | None:
        """The region a name starts with (云南省, 昆明市五华区, 津市市), if any."""
        text = value[2:] if value.startswith("中共") else value
        m = self.region_re.match(text)
        if not m:
            return None
        end = m.end()
        # "津市市": a one-character suffix doubled belongs to the name — unless the second one
        # begins a word of the unit's own name ("孝感市市级", "河湾市市场监督管理局").
        if (
            end < len(text)
            and text[end] in "市县区"
            and text[end - 1] == text[end]
            and not text.startswith(self.region_continuations, end)
        ):
            end += 1
        region = text[:end]
        while region.endswith(_NOT_REGION):
            m2 = self.region_re.match(region[:-2])
            if not m2:
                return None
            region = region[: m2.end()]
        return region if len(region) >= 2 else None


def _rules(entries: list[dict[str, Any]]) -> tuple[ClassRule, ...]:
    """Kind-class rules in order."""
    out = []
    for e in entries:
        pattern = e.get("pattern")
        compiled = re.compile(pattern) if pattern else None
        out.append(
            ClassRule(str(e["class"]), compiled, bool(e.get("project")), bool(e.get("unit")))
        )
    return tuple(out)


@lru_cache(maxsize=4)
def _load(path: str | None) -> Names:
    """Read the table (the packaged one, or ``path``)."""
    try:
        if path is None:
            raw = (
                resources.files("reportaudit.metadata")
                .joinpath("names.toml")
                .read_text(encoding="utf-8")
            )
        else:
            raw = Path(path).read_text(encoding="utf-8")
        data: dict[str, Any] = tomllib.loads(raw)
        return Names(
            version=str(data.get("version", "custom")),
            unit_suffixes=tuple(data["unit_suffixes"]),
            town_suffixes=tuple(data["town_suffixes"]),
            region_suffixes=tuple(data["region_suffixes"]),
            not_unit_endings=tuple(data["not_unit_endings"]),
            evaluator_suffixes=tuple(data["evaluator_suffixes"]),
            placeholders=tuple(data["placeholders"]),
            kind_tokens=tuple(data["kind_tokens"]),
            class_rules=_rules(data["kind_classes"]),
            word_continuations=tuple(data.get("word_continuations", ())),
            region_continuations=tuple(data.get("region_continuations", ())),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, re.error) as exc:
        where = path or "the packaged names.toml"
        raise ReportAuditError(f"{where}: not a valid names table ({exc})") from exc


def load_names() -> Names:
    """The table in force: ``$REPORTAUDIT_NAMES`` or the packaged one."""
    return _load(os.environ.get(ENV_VAR) or None)
