"""Measure: how long until the corpus screen of a large store shows its first screen.

Run: /work/venv/bin/python tests/tui/bench_first_screen.py [N_REPORTS] [STORE_PATH]
Builds (once) a store of N synthetic reports through ``import_revision`` (parsing one
template per unit; far faster than the full import service, and the same rows), then starts
the app headless the way ``reportaudit tui`` does (the store opened by the app, the corpus
from the SQLite preview) and reports (1) time to the first screen painted, (2) time until
the matrix is filled with all reports. Not collected by pytest (slow to build). The figure
a user sees, in a real terminal, is benchmarks/bench_tui_first_screen.py.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from textual.strip import Strip
from tui_reports import FOREST_2022

from reportaudit.store import import_revision, open_store, prepare_import, sqlite_overview
from reportaudit.structure import PARSER_VERSION, parse
from reportaudit.tui.app import make_app
from reportaudit.tui.screens.corpus import CorpusScreen
from reportaudit.tui.widgets.matrix import CorpusMatrix

YEARS = (2019, 2020, 2021, 2022, 2023)


def build(path: Path, n: int) -> None:
    """n reports: n/5 units × 5 years, one revision each, in batches of transactions."""
    store = open_store(path)
    with store.session() as session:
        from reportaudit.store import list_reports

        if len(list_reports(session)) >= n:
            return
    units = n // len(YEARS)
    for u in range(units):
        with store.transaction() as session:
            for year in YEARS:
                text = FOREST_2022.replace("松溪县林业局", f"第{u}号单位").replace(
                    "2022", str(year)
                )
                doc = parse(text)
                import_revision(
                    session,
                    prepare_import(
                        data=text.encode(),
                        filename=f"u{u}_{year}.txt",
                        fmt="txt",
                        encoding="utf-8",
                        text=text,
                        document_dict=doc.to_dict(),
                        parser_version=PARSER_VERSION,
                        unit=f"第{u:05d}号单位",
                        year=year,
                        kind="部门整体支出绩效自评报告",
                        region=None,
                        actor="bench",
                    ),
                )


PAINTED: list[float] = []


def _watch_paint() -> None:
    """Record when the matrix first renders a line while holding data (its first frame)."""
    original = CorpusMatrix.render_line

    def render_line(self: CorpusMatrix, y: int) -> Strip:
        if self.row_count and not PAINTED:
            PAINTED.append(time.perf_counter())
        return original(self, y)

    setattr(CorpusMatrix, "render_line", render_line)  # noqa: B010 (patching for the measurement)


async def measure(path: Path) -> tuple[float, float, int]:
    """(seconds to a painted matrix, seconds until every row is in, rows) for a fresh app,
    counted from creating it."""
    PAINTED.clear()
    start = time.perf_counter()
    app = make_app(partial(open_store, path), actor="bench", preview=partial(sqlite_overview, path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, CorpusScreen)
        while screen.corpus is None:
            await pilot.pause(0.005)
        matrix = screen.query_one(CorpusMatrix)
        while not PAINTED:
            await pilot.pause(0.005)
        first = PAINTED[0] - start
        while not matrix.filled:
            await pilot.pause(0.005)
        filled = time.perf_counter() - start
        rows = matrix.row_count
    app.store.close()
    return first, filled, rows


def main() -> None:
    """Build if needed, then measure three times."""
    _watch_paint()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    path = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.gettempdir()) / f"bench{n}.db"
    t0 = time.perf_counter()
    build(path, n)
    print(f"store {path} ready ({time.perf_counter() - t0:.1f} s)")
    for _ in range(3):
        first, filled, rows = asyncio.run(measure(path))
        print(
            f"first screen with data {first * 1000:.0f} ms; all {rows} series in {filled * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
