"""Snapshot tests (pytest-textual-snapshot) of the main screens at 100×30 on fixed data.

Update after an intended change: pytest tests/tui/test_tui_snapshots.py --snapshot-update
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import ACTOR, freeze_store_clock, wait_for

from reportaudit.store import Store, open_store, resolve_report
from reportaudit.tui.app import ReportAuditApp, make_app
from reportaudit.tui.screens.corpus import CorpusScreen
from reportaudit.tui.screens.diff import DiffScreen
from reportaudit.tui.screens.history import HistoryScreen

SIZE = (100, 30)


@pytest.fixture
def fixed_store(
    tmp_path: Path, frozen_template_store: Path, monkeypatch: pytest.MonkeyPatch
) -> Store:
    """A copy of the store imported at fixed times; review events get fixed times too."""
    path = tmp_path / "store.db"
    shutil.copyfile(frozen_template_store, path)
    freeze_store_clock(monkeypatch.setattr)
    return open_store(path)


def _app(store: Store) -> ReportAuditApp:
    """The app with a subtitle that does not name the temporary path."""
    return make_app(store, actor=ACTOR)


async def _corpus_ready(pilot: Pilot[Any]) -> None:
    """Wait for the matrix and the detail of the report under the cursor."""
    app = pilot.app
    app.sub_title = f"store.db · {ACTOR}"
    screen = app.screen
    assert isinstance(screen, CorpusScreen)
    await wait_for(pilot, lambda: screen.settled)  # the reuse scan looked for
    await pilot.press("down", "right", "right")
    await wait_for(pilot, lambda: screen.detail_current)
    await pilot.pause()


def _report_id(store: Store, ref: str) -> int:
    """A report's id by reference."""
    with store.session() as session:
        return resolve_report(session, ref).id


def test_corpus_snapshot(fixed_store: Store, snap_compare: Any) -> None:
    """Corpus matrix with the detail pane of the two-revision report."""
    assert snap_compare(_app(fixed_store), terminal_size=SIZE, run_before=_corpus_ready)


def test_history_snapshot(fixed_store: Store, snap_compare: Any) -> None:
    """Revision history with one revision marked."""
    report = _report_id(fixed_store, "松溪县林业局 2023")

    async def before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        app.sub_title = f"store.db · {ACTOR}"
        app.open_report(report)  # type: ignore[attr-defined]
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await wait_for(pilot, lambda: len(screen.revisions) == 2)
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.outline_current)
        await pilot.pause()

    assert snap_compare(_app(fixed_store), terminal_size=SIZE, run_before=before)


@pytest.mark.parametrize("keys", [(), ("t",)], ids=["split", "inline"])
def test_diff_snapshot(fixed_store: Store, snap_compare: Any, keys: tuple[str, ...]) -> None:
    """The diff of the two revisions at the first change, side by side and inline."""

    async def before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        app.sub_title = f"store.db · {ACTOR}"
        await app.push_screen(DiffScreen(2, 3))
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        await wait_for(pilot, lambda: screen.result is not None)
        await pilot.pause()  # the first change is focused (a message) before any key
        await pilot.press(*keys)  # it opens at the first change
        await pilot.pause()

    assert snap_compare(_app(fixed_store), terminal_size=SIZE, run_before=before)


def test_help_snapshot(fixed_store: Store, snap_compare: Any) -> None:
    """Help over the corpus screen."""

    async def before(pilot: Pilot[Any]) -> None:
        await _corpus_ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(_app(fixed_store), terminal_size=SIZE, run_before=before)


def test_corpus_light_theme_80x24(fixed_store: Store, snap_compare: Any) -> None:
    """The smallest supported size, in the light theme."""

    async def before(pilot: Pilot[Any]) -> None:
        await _corpus_ready(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(_app(fixed_store), terminal_size=(80, 24), run_before=before)


async def _findings_ready(pilot: Pilot[Any]) -> None:
    """Open the findings and wait for the scan."""
    from reportaudit.tui.screens.findings import FindingsScreen

    app = pilot.app
    app.sub_title = f"store.db · {ACTOR}"
    await pilot.press("f2")
    screen = app.screen
    assert isinstance(screen, FindingsScreen)
    await wait_for(pilot, lambda: screen.shown)
    await pilot.pause()


@pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["100x30", "80x24"])
def test_findings_snapshot(fixed_store: Store, snap_compare: Any, size: tuple[int, int]) -> None:
    """The findings table of the test corpus (also at 80×24: the snippet still shows)."""
    assert snap_compare(_app(fixed_store), terminal_size=size, run_before=_findings_ready)


@pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["100x30", "80x24"])
def test_finding_snapshot(fixed_store: Store, snap_compare: Any, size: tuple[int, int]) -> None:
    """The cross-unit finding, confirmed, passages side by side (also at 80×24: both
    passages whole, the history in three lines)."""
    from reportaudit.tui.screens.finding import FindingScreen

    async def before(pilot: Pilot[Any]) -> None:
        await _findings_ready(pilot)
        await pilot.press("slash")
        pilot.app.screen.query_one("#findings-filter", Input).value = "rel:across_units"
        await pilot.press("enter", "enter")
        screen = pilot.app.screen
        assert isinstance(screen, FindingScreen)
        await wait_for(pilot, lambda: screen.query_one("#passages").display)
        await pilot.press("c")
        await wait_for(pilot, lambda: screen.query_one("#decisions").row_count == 1)  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(_app(fixed_store), terminal_size=size, run_before=before)
