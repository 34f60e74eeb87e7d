"""Language and time zone of everything a person reads: Chinese first, English on request.

Why one module: auditors in China read working papers, the CLI and the TUI in Chinese, and
their clock is Beijing time, while the store keeps UTC (an audit trail needs one clock).
Every label, explanation, column header and message goes through ``_()`` with the English
text as its gettext msgid; the Chinese is in the message catalog
``locale/zh_CN/LC_MESSAGES/reportaudit.po`` (compiled to ``.mo`` by
``scripts/compile_catalogs.py``; both ship as package data), so a translator edits a data
file, never code. English is the msgid itself (``--lang en`` or ``REPORTAUDIT_LANG=en``).

Times: ``local_time`` shows a stored UTC time in ``--tz`` / ``REPORTAUDIT_TZ`` (default
Asia/Shanghai; the ``tzdata`` package supplies the zone database where the OS has none).
"""

from __future__ import annotations

import gettext
import os
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "DEFAULT_LANG",
    "DEFAULT_TZ",
    "LANGUAGES",
    "_",
    "language",
    "local_date",
    "local_time",
    "n_",
    "p_",
    "set_language",
    "set_timezone",
    "timezone",
]

LANGUAGES = ("zh", "en")
DEFAULT_LANG = "zh"
DEFAULT_TZ = "Asia/Shanghai"
DOMAIN = "reportaudit"
LOCALE_DIR = Path(__file__).parent / "locale"
_CATALOG = {"zh": "zh_CN"}
"""Language code -> catalog folder (English needs none: the msgids are English)."""

_state: dict[str, str | None] = {"lang": None, "tz": None}


def _normalise(lang: str) -> str:
    """'zh_CN.UTF-8', 'zh-cn', 'ZH' -> 'zh'; 'en_US' -> 'en'; anything else raises."""
    code = lang.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGUAGES)}")
    return code


def set_language(lang: str | None) -> None:
    """Use ``lang`` from now on (None: back to ``$REPORTAUDIT_LANG`` or Chinese)."""
    _state["lang"] = None if lang is None else _normalise(lang)


def language() -> str:
    """The language in use: set_language's, else ``$REPORTAUDIT_LANG``, else Chinese."""
    if _state["lang"]:
        return _state["lang"]
    env = os.environ.get("REPORTAUDIT_LANG")
    if env:
        try:
            return _normalise(env)
        except ValueError:
            return DEFAULT_LANG
    return DEFAULT_LANG


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang`` (English: the msgids themselves)."""
    folder = _CATALOG.get(lang)
    if folder is None:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[folder], fallback=True)


def _(msgid: str) -> str:
    """``msgid`` (English) in the language in use."""
    return _translations(language()).gettext(msgid)


def p_(context: str, msgid: str) -> str:
    """``msgid`` where the same English word needs another translation (gettext's msgctxt):
    ``p_("import status", "imported")`` is 已导入 while the column header "imported" is 导入时间."""
    return _translations(language()).pgettext(context, msgid)


def n_(singular: str, plural: str, n: int) -> str:
    """The plural-aware form of a message (Chinese has one form)."""
    return _translations(language()).ngettext(singular, plural, n)


def set_timezone(name: str | None) -> None:
    """Show times in zone ``name`` from now on (None: ``$REPORTAUDIT_TZ`` or Asia/Shanghai);
    an unknown zone raises ValueError naming it."""
    if name is not None:
        _zone(name)
    _state["tz"] = name


@cache
def _zone(name: str) -> ZoneInfo:
    """The zone called ``name`` (ValueError when the zone database does not know it)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (e.g. Asia/Shanghai, UTC)") from None


def timezone() -> ZoneInfo:
    """The zone times are shown in."""
    name = _state["tz"] or os.environ.get("REPORTAUDIT_TZ") or DEFAULT_TZ
    try:
        return _zone(name)
    except ValueError:
        return _zone(DEFAULT_TZ)


def _aware(value: datetime | str) -> datetime:
    """A stored time (naive values are UTC, as the store writes them) as an aware datetime."""
    dt = datetime.fromisoformat(value) if isinstance(value, str) else value
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


def local_time(value: datetime | str | None, *, seconds: bool = True) -> str:
    """'2024-05-31 17:02:11 +08:00': a stored UTC time in the reader's zone ('' for None)."""
    if value is None or value == "":
        return ""
    dt = _aware(value).astimezone(timezone())
    stamp = dt.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    offset = dt.strftime("%z")
    return f"{stamp} {offset[:3]}:{offset[3:]}" if offset else stamp


def local_date(value: datetime | str | None) -> str:
    """'2024-05-31': the date of a stored UTC time in the reader's zone ('' for None)."""
    if value is None or value == "":
        return ""
    return _aware(value).astimezone(timezone()).strftime("%Y-%m-%d")
