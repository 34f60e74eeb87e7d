"""What counts as page chrome on a government web page: the rules, read from a data file.

The HTML reader decides chrome by structure first (link density, where the text mass is) and
by the genre's fixed vocabulary second: every government site frames a document with the same
labelled metadata box, breadcrumbs, page tools and footer (see ``html_chrome.toml`` for the
sources). The vocabulary lives in that file, not in code, so an auditor who meets a new label
adds it to a TOML file named by ``$REPORTAUDIT_HTML_CHROME`` instead of waiting for a release.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reportaudit.errors import ReportAuditError

_LISTS = ("box_labels", "line_labels", "controls", "markers", "class_words", "tags")

SHORT_LINE = 120
"""Longest line the label rules look at: chrome lines are short, report paragraphs are not."""

MARKER_LINE = 160
"""Longest line a footer/navigation marker makes chrome (footers run several items together)."""

_SEPARATORS = re.compile(r"[\s【】\[\]〔〕()（）|｜·•/、，,:：]+")
_DATE = r"\s*\d{4}\s*[-/.年]\s*\d{1,2}"
_TIMESTAMP = re.compile(r"(?:^|\s)时间\s*[:：]\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}")
"""A bare 时间 label counts only with a clock time: reports end with dates, pages with stamps."""
_HOME = re.compile(r"^\s*(?:网站)?首页\s*[>＞»›→/]")
"""A breadcrumb trail without its label (首页 > 政务公开 > …)."""


@dataclass(frozen=True)
class Chrome:
    """The compiled rules. ``box_label`` and ``line_label`` match a label and its colon."""

    box_label: re.Pattern[str]
    line_label: re.Pattern[str]
    line_label_date: re.Pattern[str]
    controls: frozenset[str]
    markers: tuple[str, ...]
    class_words: frozenset[str]
    tags: frozenset[str]

    def is_box_label(self, text: str) -> bool:
        """Whether a text segment starts with a metadata-box label and its colon."""
        return self.box_label.match(text) is not None

    def is_chrome_line(self, line: str) -> bool:
        """Whether one output line is page chrome (labels, page tools, footer, breadcrumb)."""
        in_table = line.startswith("\t")
        text = line.strip()
        if not text:
            return False
        if len(text) <= MARKER_LINE and any(m in text for m in self.markers):
            return True
        if len(text) > SHORT_LINE:
            return False
        if _HOME.match(text) or _TIMESTAMP.search(text):
            return True
        labels = self.line_label.findall(text)
        if labels and (
            self.line_label.match(text) or len(labels) >= 2 or self.line_label_date.search(text)
        ):
            return True
        words = [w for w in _SEPARATORS.split(text) if w]
        if words and all(w in self.controls for w in words):
            return len(words) >= 2 or (len(words[0]) >= 2 and not in_table)
        return False

    def is_chrome_element(self, tag: str, classes: str) -> bool:
        """Whether an element is page frame by its tag or its class/id words."""
        if tag in self.tags:
            return True
        words = re.split(r"[\s_\-]+", classes.lower())
        return any(w in self.class_words for w in words if w)


def _label_pattern(labels: list[str], *, anywhere: bool, then: str = "") -> re.Pattern[str]:
    """Labels (longest first, spaces inside allowed: 名　　称) followed by a colon."""
    alternatives = "|".join(
        r"\s*".join(map(re.escape, label)) for label in sorted(set(labels), key=len, reverse=True)
    )
    lead = r"(?:^|(?<=[\s|｜【\[•·]))" if anywhere else r"^[\s【\[•·]*"
    return re.compile(rf"{lead}(?:{alternatives})\s*[】\]]?\s*[:：]{then}")


def _read(path: Path | None) -> dict[str, list[str]]:
    """The lists of one TOML file (the package's own when ``path`` is None)."""
    try:
        if path is None:
            text = (
                resources.files("reportaudit.ingest")
                .joinpath("html_chrome.toml")
                .read_text("utf-8")
            )
        else:
            text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ReportAuditError(f"{path}: cannot read page-chrome rules: {exc}") from None
    out: dict[str, list[str]] = {}
    for key in _LISTS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ReportAuditError(f"{path or 'html_chrome.toml'}: {key} must be a list of strings")
        out[key] = value
    return out


@functools.cache
def _compiled(extra: str | None) -> Chrome:
    """The package rules plus the user's file (cached per file name)."""
    lists = _read(None)
    if extra:
        for key, values in _read(Path(extra)).items():
            lists[key] = lists[key] + values
    return Chrome(
        box_label=_label_pattern(lists["box_labels"], anywhere=False),
        line_label=_label_pattern(lists["line_labels"], anywhere=True),
        line_label_date=_label_pattern(lists["line_labels"], anywhere=True, then=_DATE),
        controls=frozenset(lists["controls"]),
        markers=tuple(lists["markers"]),
        class_words=frozenset(w.lower() for w in lists["class_words"]),
        tags=frozenset(t.lower() for t in lists["tags"]),
    )


def chrome_rules() -> Chrome:
    """The rules in force: the package's, extended by ``$REPORTAUDIT_HTML_CHROME`` if set."""
    return _compiled(os.environ.get("REPORTAUDIT_HTML_CHROME") or None)
