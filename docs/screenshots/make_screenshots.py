"""Regenerate the README screenshots (SVG) of every main TUI screen.

Run from the checkout: /work/venv/bin/python docs/screenshots/make_screenshots.py
It imports fixtures/reports (and the planted-problems report of fixtures/checks) into a
temporary store through the real import service (times
frozen, so the pictures only change when the UI does), drives the app headless with Pilot
and saves one SVG per screen next to this file.
"""

from __future__ import annotations

import asyncio
import html
import importlib
import re
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual.pilot import Pilot

from reportaudit.services.importing import collect_files, import_file
from reportaudit.store import Store, open_store, resolve_report
from reportaudit.tui.app import ReportAuditApp, make_app

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parents[1] / "fixtures" / "reports"
PLANTED = HERE.parents[1] / "fixtures" / "checks" / "planted_2023.txt"  # for the checks picture
SIZE = (110, 32)
ACTOR = "auditor"
TEXT = "--text" in sys.argv


def _freeze_clock() -> None:
    """Imports and audit events at fixed, increasing times."""
    now = [datetime(2024, 3, 1, 9, 0, tzinfo=UTC)]

    def clock() -> datetime:
        now[0] += timedelta(minutes=7)
        return now[0]

    for name in ("reportaudit.store.revisions", "reportaudit.store.events"):
        setattr(importlib.import_module(name), "utcnow", clock)  # noqa: B010


def build_store(path: Path) -> Store:
    """The fixture reports, imported in name order."""
    _freeze_clock()
    store = open_store(path)
    files, _skipped = collect_files([FIXTURES, PLANTED])
    for file in files:
        outcome = import_file(store, file, actor="importer")
        print(f"  {outcome.status}: {outcome.message}")
    return store


async def until(pilot: Pilot[Any], condition: Callable[[], object]) -> None:
    """Wait for workers (at most ~20 s)."""
    for _ in range(1000):
        await pilot.pause(0.02)
        if condition():
            return
    raise RuntimeError("timed out waiting for the screen")


Step = Callable[[Pilot[Any], ReportAuditApp], Awaitable[None]]


async def shoot(store: Store, name: str, steps: Step) -> None:
    """Run ``steps`` in a fresh app and save the screen as ``name``.svg."""
    app = make_app(store, actor=ACTOR)
    async with app.run_test(size=SIZE) as pilot:
        app.sub_title = f"reportaudit.db · {ACTOR}"
        await steps(pilot, app)
        await pilot.pause(0.3)
        if TEXT:
            print(_plain(app))
            return
        target = HERE / f"{name}.svg"
        target.write_text(cell_lengths(app.export_screenshot()), encoding="utf-8")
    print(f"  wrote {name}.svg")


_TEXT = re.compile(r'(<text\b[^>]*?\btextLength=")([0-9.]+)("[^>]*>)([^<]*)(</text>)')


def cell_lengths(svg: str) -> str:
    """The SVG with each text run's ``textLength`` measured in terminal cells.

    Why: Rich (``Console.export_svg``, which Textual's screenshots use) sets ``textLength``
    to the character count times a cell's width, so a browser squeezes a run of Chinese,
    two cells per character, into half its room and the glyphs overlap; the x positions are
    in cells already. One cell's width is read off the runs themselves.
    """
    runs = list(_TEXT.finditer(svg))
    widths = [
        float(m.group(2)) / len(text)
        for m in runs
        if (text := html.unescape(m.group(4))) and cell_len(text) == len(text)
    ]
    if not widths:
        return svg
    cell = min(widths)

    def fix(m: re.Match[str]) -> str:
        text = html.unescape(m.group(4))
        length = round(cell * cell_len(text), 2)
        return f"{m.group(1)}{length:g}{m.group(3)}{m.group(4)}{m.group(5)}"

    return _TEXT.sub(fix, svg)


def _plain(app: ReportAuditApp) -> str:
    """The screen as plain text (``--text``: to look at the layout in a terminal)."""
    import io

    from rich.console import Console

    console = Console(width=SIZE[0], file=io.StringIO(), record=True, color_system=None)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def report_id(store: Store, ref: str) -> int:
    """A report id by reference."""
    with store.session() as session:
        return resolve_report(session, ref).id


def _most_checked(store: Store) -> int:
    """The newest revision with the most check findings (for the checks picture)."""
    from reportaudit.services.checks import check_revisions

    checked = check_revisions(store, None, actor=ACTOR, save=False)
    return max(checked, key=lambda c: len(c.findings)).revision.id


async def main() -> None:
    """Every main screen, one picture each."""
    from reportaudit.tui.screens.corpus import CorpusScreen
    from reportaudit.tui.screens.diff import DiffScreen
    from reportaudit.tui.screens.finding import FindingScreen
    from reportaudit.tui.screens.findings import FindingsScreen
    from reportaudit.tui.screens.history import HistoryScreen
    from reportaudit.tui.screens.search import SearchScreen

    tmp = Path(tempfile.mkdtemp())
    store = build_store(tmp / "shots.db")
    agri = report_id(store, "青川县农业农村局 2023")
    most_checked = _most_checked(store)

    async def corpus(pilot: Pilot[Any], app: ReportAuditApp, light: bool = False) -> None:
        await pilot.press("f2")
        findings = app.screen
        assert isinstance(findings, FindingsScreen)
        await until(pilot, lambda: findings.shown)
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, CorpusScreen)
        await until(pilot, lambda: screen.settled)
        await pilot.press("down", "down", "down", "right", "right", "right")
        await until(pilot, lambda: screen.detail_current)
        if light:
            await pilot.press("ctrl+t")

    async def corpus_light(pilot: Pilot[Any], app: ReportAuditApp) -> None:
        await corpus(pilot, app, light=True)

    async def history(pilot: Pilot[Any], app: ReportAuditApp) -> None:
        app.open_report(agri)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await until(pilot, lambda: screen.revisions)
        await pilot.press("space", "down", "space")
        await until(pilot, lambda: screen.outline_current)

    async def diff(pilot: Pilot[Any], app: ReportAuditApp, inline: bool = False) -> None:
        await history(pilot, app)
        await pilot.press("d")
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        await until(pilot, lambda: screen.result is not None)
        await pilot.press("n")  # it opens at the first change: show the second
        if inline:
            await pilot.press("t")

    async def diff_inline(pilot: Pilot[Any], app: ReportAuditApp) -> None:
        await diff(pilot, app, inline=True)

    async def diff_figures(pilot: Pilot[Any], app: ReportAuditApp) -> None:
        await diff(pilot, app)
        await pilot.press("f")

    async def findings(pilot: Pilot[Any], app: ReportAuditApp) -> None:
        await pilot.press("f2")
        screen = app.screen
        assert isinstance(screen, FindingsScreen)
        await until(pilot, lambda: screen.shown)

    async def finding(pilot: Pilot[Any], app: ReportAuditApp) -> None:
        await findings(pilot, app)
        await pilot.press("slash", *"rel:across_units copy", "enter", "enter")
        screen = app.screen
        assert isinstance(screen, FindingScreen)
        await until(pilot, lambda: screen.query_one("#passages").display)

    async def search(pilot: Pilot[Any], app: ReportAuditApp) -> None:
        await pilot.press("f3")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"绩效目标", "enter")
        await until(pilot, lambda: screen.hits)

    async def checks(pilot: Pilot[Any], app: ReportAuditApp) -> None:
        from reportaudit.tui.screens.checks import ChecksScreen

        await app.push_screen(ChecksScreen(most_checked))
        screen = app.screen
        assert isinstance(screen, ChecksScreen)
        await until(pilot, lambda: screen.query_one("#checks").display)

    async def help_screen(pilot: Pilot[Any], app: ReportAuditApp) -> None:
        await history(pilot, app)
        await pilot.press("question_mark")

    shots: list[tuple[str, Step]] = [
        ("corpus", corpus),
        ("corpus-light", corpus_light),
        ("history", history),
        ("diff", diff),
        ("diff-inline", diff_inline),
        ("diff-figures", diff_figures),
        ("findings", findings),
        ("finding", finding),
        ("search", search),
        ("checks", checks),
        ("help", help_screen),
    ]
    only = set(sys.argv[1:]) - {"--text"}
    for name, steps in shots:
        if not only or name in only:
            await shoot(store, name, steps)


if __name__ == "__main__":
    asyncio.run(main())
