"""The 复制比 figures of a report in the TUI: a few labelled lines for the corpus's detail
pane, and a panel with the full set (scopes × variants, sources, sections by heading and
by type) for the report's history screen.

Why here and labelled like the CLI: the numbers come from ``reportaudit.ratios`` (the
computation ``reportaudit reuse`` and the exports print) and are rendered through its
``present`` module, so the same report shows the same figures under the same names
everywhere. Headings and report names are document text: they go through ``literal``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ..safe import literal

if TYPE_CHECKING:  # numpy behind it: imported when figures arrive, not for the first paint
    from reportaudit.ratios import ReportRatios

__all__ = ["RatiosPanel", "ratios_lines"]


def ratios_lines(r: ReportRatios, *, sources: int = 2) -> Text:
    """总文字复制比 with 重复字数/总字数, its two parts, 去除引用/去除模板, 单篇最大 and the top
    sources: one figure per line, label first (fits a narrow pane)."""
    from reportaudit.ratios import present as P

    f = r.figures
    unit = P.name("figure.chars_unit")
    text = Text()
    text.append(f"{P.figure_name('total')} ")
    text.append(P.pct(f.ratio("total")), style="bold red" if f.ratio("total") >= 0.3 else "bold")
    text.append(f"  {P.chars(r.reused_chars)}/{P.chars(r.chars)} {unit}", style="dim")
    text.append(
        f"\n  {P.figure_name('cross')} {P.pct(f.ratio('cross'))}"
        f" · {P.figure_name('within')} {P.pct(f.ratio('within'))}"
    )
    text.append(
        f"\n  {P.name('variant.no_citations')} {P.pct(f.ratio('total', 'no_citations'))}"
        f" · {P.name('variant.no_template')} {P.pct(f.ratio('total', 'no_template'))}"
    )
    text.append(f"\n{P.name('figure.max_single')} {P.pct(r.max_single_ratio)}")
    for s in r.sources[:sources]:
        text.append("\n  ")
        text.append_text(literal(f"#{s.revision} {s.label}", style="dim"))
        text.append(f" {P.chars(s.chars)} {unit}", style="dim")
    return text


NARROW = 110
"""Below this width the panel puts counts under their ratios and shows each section with
the first five figures only (总字数 … 报告内重复比), so nothing is cut."""


def _table(header: list[str], rows: list[list[Text]]) -> Table:
    """A compact table: first column left (wrapping), figures right (never wrapped)."""
    table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False)
    for i, h in enumerate(header):
        if i == 0:
            table.add_column(literal(h), justify="left", overflow="fold")
        else:
            table.add_column(literal(h), justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    return table


def ratios_renderable(r: ReportRatios, *, depth: int = 2, width: int = 200) -> Group:
    """What ``reportaudit reuse REV --sections`` prints, laid out for ``width`` cells."""
    from reportaudit.ratios import present as P

    narrow = width < NARROW
    title = literal(f"#{r.revision} {r.label}", style="bold")
    title.end = "\n"
    pairs = [Text.assemble(f"{name}: ", (value, "bold")) for name, value in P.headline(r)]
    if narrow:  # two figures a line
        pairs = [Text("  ").join(pairs[i : i + 2]) for i in range(0, len(pairs), 2)]
    head = Text("\n").join(pairs)
    header, rows = P.matrix(r)
    cells = [[c.replace(" (", "\n(") if narrow else c for c in row] for row in rows]
    matrix = _table(header, [[Text(c) for c in row] for row in cells])
    keep = 6 if narrow else None  # the heading and five figures

    def cut(row: list[Text]) -> list[Text]:
        """The columns shown at this width."""
        return row[:keep] if keep else row

    sec_rows = [
        cut([literal(heading), *(Text(c) for c in P.breakdown_cells(b))])
        for _, heading, b in P.section_rows(r, max_depth=depth)
    ]
    sec_head = P.breakdown_header("figure.section", wrap=True)
    sections = _table(sec_head[:keep] if keep else sec_head, sec_rows)
    type_rows = [
        cut([literal(name), *(Text(c) for c in P.breakdown_cells(b))]) for name, b in P.type_rows(r)
    ]
    type_head = P.breakdown_header("figure.section_type", wrap=True)
    types = _table(type_head[:keep] if keep else type_head, type_rows)
    return Group(title, head, Text(""), matrix, Text(""), sections, Text(""), types)


class RatiosPanel(Static):
    """The 复制比 of one report's scanned revision (or why there is none)."""

    def show(self, ratios: ReportRatios | None, note: str = "") -> None:
        """Show ``ratios``, or ``note`` in dim when there are none."""
        self.ratios = ratios
        if ratios is None:
            self.update(Text(note, style="dim"))
        else:
            width = self.size.width or self.app.size.width
            self.update(ratios_renderable(ratios, width=width))
