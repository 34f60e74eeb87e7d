"""The command palette reaches export, the year-over-year diff and verify (issue 16), at
80×24, each doing what its CLI command does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import ACTOR, run, wait_for

from reportaudit.services.workpaper import verify_export
from reportaudit.store import Store, events
from reportaudit.tui.app import make_app
from reportaudit.tui.dialogs.export import ExportDialog
from reportaudit.tui.dialogs.verify import VerifyDialog
from reportaudit.tui.screens.diff import DiffScreen


async def _palette(pilot: Pilot[Any], words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause(0.2)
    await pilot.press(*words)
    await pilot.pause(0.5)
    await pilot.press("enter")


def test_export_from_the_palette_is_a_recorded_export(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "底稿.xlsx"

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            await _palette(pilot, "Export findings")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
            app.screen.query_one(Input).value = str(target)
            await pilot.press("enter")
            await wait_for(pilot, target.exists)
            await pilot.pause(0.2)

    run(scenario)
    ok, message = verify_export(store, target)
    assert ok, message
    with store.session() as s:
        assert events(s)[-1].actor == ACTOR


def test_year_over_year_diff_and_verify_from_the_palette(store: Store) -> None:
    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            await _palette(pilot, "last year 松溪")
            await wait_for(pilot, lambda: isinstance(app.screen, DiffScreen))
            screen = app.screen
            assert isinstance(screen, DiffScreen)
            with store.session() as s:
                from reportaudit.store import get_revision

                a, b = get_revision(s, str(screen.a_id)), get_revision(s, str(screen.b_id))
            assert a.report_label.startswith("松溪县林业局 2022")
            assert b.report_label.startswith("松溪县林业局 2023") and b.number == 2
            await pilot.press("escape")
            await _palette(pilot, "Verify store")
            await wait_for(pilot, lambda: isinstance(app.screen, VerifyDialog))

    run(scenario)
