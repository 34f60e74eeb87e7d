"""``reportaudit reuse REV|--all``: the 复制比 indices of stored revisions.

Why its own module: the figures are computed by ``reportaudit.services.ratios`` and rendered
by ``reportaudit.ratios.present``, the same functions the TUI and the exports use, so this
layer only picks revisions and prints. Headings and report names are document text and go
through ``safe``.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from reportaudit.cli.context import state
from reportaudit.cli.output import console, error, print_json, safe
from reportaudit.i18n import _, local_time
from reportaudit.ratios import Breakdown, ReportRatios
from reportaudit.ratios import present as P
from reportaudit.ratios.labels import current_lang
from reportaudit.services.ratios import report_ratios

RIGHT = {"int", "ratio"}
WIDE = 150
"""Below this many columns ``--all`` prints one block per report instead of a table, and
the matrix puts each count under its ratio, so no figure is ever cut or wrapped."""


def _table(header: list[str], rows: list[list[str]], *, title: str = "") -> Table:
    """A table of plain strings, numbers right-aligned and never wrapped (every cell literal)."""
    table = Table(title=safe(title) if title else None, title_justify="left")
    for i, h in enumerate(header):
        table.add_column(safe(h), justify="left" if i == 0 else "right", no_wrap=i > 0)
    for row in rows:
        table.add_row(*(safe(c) for c in row))
    return table


def _pairs(pairs: list[str], per_line: int = 2) -> None:
    """ "label value" pairs, a few to an indented line (whole, never cut)."""
    for i in range(0, len(pairs), per_line):
        console.print(safe("  " + " · ".join(pairs[i : i + per_line])))


def _summary_blocks(items: list[ReportRatios], lang: str) -> None:
    """Narrow terminals: per report its name, then the SUMMARY_COLUMNS figures."""
    for r in items:
        console.print(safe(f"#{r.revision} {r.label}", style="bold"))
        _pairs([f"{c.header(lang)} {c.text(r)}" for c in P.SUMMARY_COLUMNS[2:] if c.text(r)])


def _breakdown_blocks(first: str, rows: list[tuple[str, Breakdown]], lang: str) -> None:
    """Narrow terminals: sections (or types) as a heading line and its figures below."""
    console.print(safe(P.name(first, lang), style="bold"))
    labels = P.breakdown_header(first, lang)[1:]
    for title, b in rows:
        console.print(safe(title))
        _pairs([f"{k} {v}" for k, v in zip(labels, P.breakdown_cells(b), strict=True)], 3)


def _summary_table(items: list[ReportRatios], lang: str) -> Table:
    """One line per report, columns as every surface lists them (SUMMARY_COLUMNS)."""
    table = Table()
    for c in P.SUMMARY_COLUMNS:
        table.add_column(
            safe(c.header(lang, wrap=True)),
            justify="right" if c.kind in RIGHT else "left",
            no_wrap=c.kind in RIGHT,
        )
    for r in items:
        table.add_row(*(safe(c.text(r)) for c in P.SUMMARY_COLUMNS))
    return table


def _print_report(r: ReportRatios, lang: str, *, sections: bool, depth: int | None) -> None:
    """One report: headline figures, the scope × variant matrix, sources, sections."""
    console.print(safe(f"#{r.revision} {r.label}", style="bold"))
    for name, value in P.headline(r, lang):
        console.print(safe(f"  {name}: {value}"))
    header, rows = P.matrix(r, lang)
    if console.width < WIDE:
        rows = [[row[0], *(c.replace(" (", "\n(") for c in row[1:])] for row in rows]
    console.print(_table(header, rows))
    if r.sources:
        unit = P.name("figure.chars_unit", lang)
        src_rows = [
            [
                f"#{s.revision} {s.label}",
                f"{P.chars(s.chars)} {unit}",
                P.pct(s.chars / r.chars if r.chars else 0.0),
                f"{P.chars(s.chars_no_template)} {unit}",
            ]
            for s in r.sources[:10]
        ]
        head = [
            P.name("figure.sources", lang),
            P.name("figure.reused_chars", lang),
            P.name("scope.cross", lang),
            P.name("variant.no_template", lang),
        ]
        console.print(_table(head, src_rows))
    if sections and console.width < WIDE:
        heads = [(h, b) for _, h, b in P.section_rows(r, max_depth=depth, lang=lang)]
        _breakdown_blocks("figure.section", heads, lang)
        _breakdown_blocks("figure.section_type", P.type_rows(r, lang), lang)
    elif sections:
        rows = [
            [heading, *P.breakdown_cells(b)]
            for _, heading, b in P.section_rows(r, max_depth=depth, lang=lang)
        ]
        console.print(_table(P.breakdown_header("figure.section", lang, wrap=True), rows))
        rows = [[name, *P.breakdown_cells(b)] for name, b in P.type_rows(r, lang)]
        console.print(_table(P.breakdown_header("figure.section_type", lang, wrap=True), rows))


def reuse_cmd(
    ctx: typer.Context,
    revisions: Annotated[
        list[str] | None,
        typer.Argument(
            help="Revisions (id, sha256 prefix, REPORT@N); or --all.", show_default=False
        ),
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Every revision of the newest full scan.")
    ] = False,
    sections: Annotated[
        bool, typer.Option("--sections", help="Also per section (actual heading) and type.")
    ] = False,
    depth: Annotated[
        int | None, typer.Option(help="With --sections: headings down to this depth.")
    ] = None,
    run: Annotated[
        int | None, typer.Option(help="Reuse run id (default: newest full scan).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="zh (default, or $REPORTAUDIT_LANG) or en.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """复制比 per report: 总文字复制比 split into 跨报告 and 报告内重复, each also 去除引用 and
    去除模板; 单篇最大文字复制比 with its source; 重复字数 and 总字数 (definitions: README)."""
    if not revisions and not all_:
        error("name a revision (id, sha256 prefix or REPORT@N) or pass --all")
        raise typer.Exit(2)
    if revisions and all_:
        error("name revisions or pass --all, not both")
        raise typer.Exit(2)
    lang = "en" if (lang or current_lang()).lower().startswith("en") else "zh"
    store = state(ctx).store(create=False)
    result = report_ratios(store, None if all_ else revisions, run_id=run, sections=sections)
    items = list(result.items)
    if all_:
        items.sort(key=lambda r: (-r.figures.ratio("total"), int(r.revision)))
    if as_json:
        print_json([{"run": result.run, **r.to_dict()} for r in items])
        return
    console.print(
        safe(
            _("reuse run {id} ({at})").format(
                id=result.run, at=local_time(result.ran_at, seconds=False)
            )
        )
    )
    if all_:
        if console.width < WIDE:
            _summary_blocks(items, lang)
        else:
            console.print(_summary_table(items, lang))
        if not sections:
            return
    for r in items:
        _print_report(r, lang, sections=sections, depth=depth)


def register(app: typer.Typer) -> None:
    """Add ``reuse`` to ``app`` (wired in by cli/main.py)."""
    app.command("reuse")(reuse_cmd)
