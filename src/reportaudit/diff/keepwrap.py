"""Line wrapping that never breaks a figure or a Latin word.

Why: Rich folds a run of Chinese text at the exact cell where the line is full, so at 80
columns an amount is split over two lines (``339.`` / ``57万元``) and reads as two numbers.
``KeepFigures`` wraps a Text itself, moving each break before a protected run (a figure with
its unit, a percentage, a date part, a Latin word, a ``[-``/``{+`` change mark) when the run
would straddle it; a run longer than the line is folded as before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.measure import Measurement
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

__all__ = ["KeepFigures", "protected_spans", "wrap_points"]

_PROTECTED = re.compile(
    r"(?:\[-|\{\+)?"  # a change mark of a plain diff right before it
    r"[-+]?[0-9０-９][0-9０-９.,，．:：/]*[0-9０-９]?"  # the number, with separators
    r"(?:[%％‰]|[万亿千百]?元|[年月日个分人次项户亩座所台套名家处条份]|万|亿)?"  # its unit
    r"(?:-\]|\+\})?"  # and right after it
    r"|\[-|-\]|\{\+|\+\}"  # change marks of a plain diff
    r"|[A-Za-z][A-Za-z0-9_.'’\-]*"  # a Latin word
)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges a line must not be broken inside."""
    return [(m.start(), m.end()) for m in _PROTECTED.finditer(text) if m.end() - m.start() > 1]


def wrap_points(text: str, width: int) -> list[int]:
    """Offsets at which to break ``text`` (its own newlines aside) so that each line fits
    ``width`` cells and no protected run is split when it fits a line of its own."""
    width = max(width, 1)
    inside: dict[int, int] = {}
    for start, end in protected_spans(text):
        for k in range(start + 1, end):
            inside[k] = start
    points: list[int] = []
    line_start, used = 0, 0
    k = 0
    while k < len(text):
        ch = text[k]
        if ch == "\n":
            line_start, used = k + 1, 0
            k += 1
            continue
        w = cell_len(ch)
        if used + w > width and k > line_start:
            brk = k
            run_start = inside.get(k)
            if run_start is not None and run_start > line_start:
                brk = run_start
            points.append(brk)
            line_start = brk
            used = cell_len(text[brk:k])
        used += w
        k += 1
    return points


class KeepFigures:
    """A Text that wraps to the available width without splitting figures."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The text with explicit breaks at our wrap points (each line then fits)."""
        points = wrap_points(self.text.plain, options.max_width)
        if not points:
            yield self.text
            return
        yield Text("\n").join(self.text.divide(points))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """At least the widest protected run; at most the longest line."""
        plain = self.text.plain
        widest = max(
            (cell_len(plain[a:b]) for a, b in protected_spans(plain)),
            default=1,
        )
        longest = max((cell_len(line) for line in plain.split("\n")), default=1)
        return Measurement(min(widest, longest), longest).clamp(max_width=options.max_width)
