"""The 复制比 summary indices of a report, as the lines every export's summary shows.

Why a seam of its own: the indices a CNKI-style reader looks for (总文字复制比, 去除引用文献
复制比, 单篇最大文字复制比, 重复字数, the share per actual section) are computed by the ratios
package; the exports only need (label, value) lines. ``indices_lines`` takes one report's
indices as a mapping from the index's key to its value, so whichever module computes them
hands the mapping over and every format (HTML, xlsx, CSV, JSON, Word) lists them alike.
Unknown keys are shown under their own name, so a new index needs no change here.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportaudit.i18n import _

__all__ = ["INDEX_LABELS", "indices_lines"]

INDEX_LABELS = {
    "total_ratio": "Total copy ratio",
    "ratio_excluding_quotes": "Copy ratio excluding quotations",
    "ratio_excluding_template": "Copy ratio excluding template",
    "max_single_ratio": "Largest copy ratio from one source",
    "max_single_source": "Largest source",
    "repeated_chars": "Repeated characters",
    "total_chars": "Total characters",
}
"""Index key -> English label (the Chinese is in the message catalog)."""


def _value(value: object) -> str:
    """A ratio (0-1 float) as a percentage, counts as integers, text as it is."""
    if value is None:
        return "—"
    if isinstance(value, float) and 0.0 <= value <= 1.0:
        return f"{100 * value:.1f}%"
    if isinstance(value, int | float):
        return f"{value:,.0f}"
    return str(value)


def indices_lines(indices: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """(label, value) lines of one report's indices, known indices first in a fixed order;
    a "by_section" mapping (section name -> ratio) becomes one line per section."""
    lines = [
        (_(label), _value(indices[key])) for key, label in INDEX_LABELS.items() if key in indices
    ]
    for key, value in indices.items():
        if key in INDEX_LABELS:
            continue
        if key == "by_section" and isinstance(value, Mapping):
            lines += [
                (f"{_('Copy ratio of section')} {name}", _value(v)) for name, v in value.items()
            ]
        else:
            lines.append((key, _value(value)))
    return tuple(lines)
