"""The 复制比 indices as labelled rows and cells: what the CLI, the TUI and the exports show.

Why one module: every surface prints the same figures under the same names in the same
order by calling these functions (labels from ``labels.toml``, percentages to one decimal),
so a report never shows 18.7 % in one place and 18.74 % or an unlabelled count in another.
Values stay plain Python (numbers for spreadsheets, strings for text); escaping for a
terminal, HTML or a cell is the caller's job, since headings are document text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportaudit.ratios.labels import current_lang, label
from reportaudit.ratios.model import SCOPES, VARIANTS, Breakdown, ReportRatios

__all__ = [
    "SUMMARY_COLUMNS",
    "Column",
    "breakdown_cells",
    "breakdown_header",
    "chars",
    "headline",
    "matrix",
    "name",
    "pct",
    "section_rows",
    "source_text",
    "type_rows",
]


def pct(x: float) -> str:
    """A ratio as a percentage with one decimal: '18.7%'."""
    return f"{100 * x:.1f}%"


def chars(n: int) -> str:
    """A character count with thousands separators: '6,611'."""
    return f"{n:,}"


def name(key: str, lang: str | None = None) -> str:
    """The label of ``key`` in ``lang`` (default: ``$REPORTAUDIT_LANG``, Chinese)."""
    return label(key).name(lang or current_lang())


def figure_name(
    scope: str, variant: str = "all", lang: str | None = None, *, wrap: bool = False
) -> str:
    """'总文字复制比', '总文字复制比（去除引用）', 'From other reports (excl. template)';
    ``wrap`` puts the variant on a line of its own (narrow table headers)."""
    base = name(f"scope.{scope}", lang)
    if variant == "all":
        return base
    v = name(f"variant.{variant}", lang)
    gap = "\n" if wrap else ""
    return f"{base}{gap or ' '}({v})" if (lang or current_lang()) == "en" else f"{base}{gap}（{v}）"


def source_text(r: ReportRatios) -> str:
    """The source of 单篇最大文字复制比: '#3 unit year kind', or '' when none."""
    top = r.max_source
    if top is None:
        return ""
    return f"#{top.revision} {top.label}".strip()


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the per-report summary: its label key and how to read its value."""

    key: str
    value: Callable[[ReportRatios], int | float | str]
    kind: str  # "int", "ratio" or "text"
    scope: str = ""
    variant: str = "all"

    def header(self, lang: str | None = None, *, wrap: bool = False) -> str:
        """The column's label (``wrap``: the variant on its own line)."""
        if self.scope:
            return figure_name(self.scope, self.variant, lang, wrap=wrap)
        return name(self.key, lang)

    def text(self, r: ReportRatios) -> str:
        """The value as shown in text (percent, thousands separators)."""
        v = self.value(r)
        if self.kind == "ratio":
            return pct(float(v))
        if self.kind == "int":
            return chars(int(v))
        return str(v)


def _ratio(scope: str, variant: str) -> Column:
    """A ratio column of one scope and variant."""
    return Column(
        f"scope.{scope}", lambda r: r.figures.ratio(scope, variant), "ratio", scope, variant
    )


SUMMARY_COLUMNS: tuple[Column, ...] = (
    Column("figure.revision", lambda r: f"#{r.revision}", "text"),
    Column("figure.report", lambda r: r.label, "text"),
    Column("figure.chars", lambda r: r.chars, "int"),
    Column("figure.reused_chars", lambda r: r.reused_chars, "int"),
    _ratio("total", "all"),
    _ratio("total", "no_citations"),
    _ratio("total", "no_template"),
    _ratio("cross", "all"),
    _ratio("within", "all"),
    Column("figure.max_single", lambda r: r.max_single_ratio, "ratio"),
    Column("figure.max_source", source_text, "text"),
)
"""The summary line of a report, in this order, wherever reports are listed."""


def headline(r: ReportRatios, lang: str | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs: 总字数, 重复字数, the three ratios, 单篇最大 with its source."""
    top = source_text(r)
    return [
        (name("figure.chars", lang), chars(r.chars)),
        (name("figure.reused_chars", lang), chars(r.reused_chars)),
        (figure_name("total", "all", lang), pct(r.figures.ratio("total"))),
        (figure_name("cross", "all", lang), pct(r.figures.ratio("cross"))),
        (figure_name("within", "all", lang), pct(r.figures.ratio("within"))),
        (
            name("figure.max_single", lang),
            pct(r.max_single_ratio) + (f"  {top}" if top else ""),
        ),
        (name("figure.citation_chars", lang), chars(r.citation_chars)),
    ]


def matrix(r: ReportRatios, lang: str | None = None) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one row per scope (总, 跨报告, 报告内), one column per variant,
    each cell 'ratio (chars)'."""
    unit = name("figure.chars_unit", lang)
    header = ["", *(name(f"variant.{v}", lang) for v in VARIANTS)]
    rows = [
        [
            name(f"scope.{scope}", lang),
            *(
                f"{pct(r.figures.ratio(scope, v))} ({chars(r.figures.count(scope, v))} {unit})"
                for v in VARIANTS
            ),
        ]
        for scope in SCOPES
    ]
    return header, rows


BREAKDOWN_FIELDS = (
    ("figure.chars", "", ""),
    ("figure.reused_chars", "", ""),
    ("", "total", "all"),
    ("", "cross", "all"),
    ("", "within", "all"),
    ("", "total", "no_citations"),
    ("", "total", "no_template"),
)
"""The columns a section or section type is shown with."""


def breakdown_header(first: str, lang: str | None = None, *, wrap: bool = False) -> list[str]:
    """Column labels for section rows: ``first`` (a label key), then BREAKDOWN_FIELDS."""
    return [
        name(first, lang),
        *(
            name(k, lang) if k else figure_name(s, v, lang, wrap=wrap)
            for k, s, v in BREAKDOWN_FIELDS
        ),
    ]


def breakdown_cells(b: Breakdown) -> list[str]:
    """A Breakdown's values in BREAKDOWN_FIELDS order, as text."""
    return [
        chars(b.chars),
        chars(b.count("total")),
        *(pct(b.ratio(s, v)) for k, s, v in BREAKDOWN_FIELDS if not k),
    ]


def section_rows(
    r: ReportRatios, *, max_depth: int | None = None, indent: str = "  ", lang: str | None = None
) -> list[tuple[int, str, Breakdown]]:
    """(depth, heading as shown, figures) per section in document order, the text before the
    first heading first; sections deeper than ``max_depth`` left out."""
    out = []
    for s in r.sections:
        if s.index == 0:
            if s.figures.chars:
                out.append((0, name("figure.preamble", lang), s.figures))
            continue
        if max_depth is not None and s.depth > max_depth:
            continue
        out.append((s.depth, indent * (s.depth - 1) + s.heading, s.figures))
    return out


def type_rows(r: ReportRatios, lang: str | None = None) -> list[tuple[str, Breakdown]]:
    """(type as shown, figures) per section type: '偏离原因与改进' in Chinese, '偏离原因与改进
    (deviation)' in English (the code names the type for a reader without Chinese)."""
    if (lang or current_lang()) == "zh":
        return [(t.label, t.figures) for t in r.types]
    return [
        (t.label if t.label == t.section_type else f"{t.label} ({t.section_type})", t.figures)
        for t in r.types
    ]
