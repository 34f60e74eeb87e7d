"""Relabel from the TUI: r on a revision in the history files it elsewhere, on the record."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import ACTOR, run, wait_for

from reportaudit.store import Store, resolve_report, verify
from reportaudit.store.labels import chain
from reportaudit.tui.app import make_app
from reportaudit.tui.dialogs.relabel import RelabelDialog
from reportaudit.tui.screens.history import HistoryScreen


async def open_relabel_dialog(app: Any, pilot: Pilot[Any], report_id: int) -> HistoryScreen:
    """Open the report's history, wait for its revisions, press r; the history screen."""
    app.open_report(report_id)
    await pilot.pause()
    history = app.screen
    assert isinstance(history, HistoryScreen)
    await wait_for(pilot, lambda: history.revisions)
    await pilot.press("r")
    await wait_for(pilot, lambda: isinstance(app.screen, RelabelDialog))
    return history


def test_relabel_moves_the_revision_and_verify_checks_it(store: Store) -> None:
    """At 80×24: r, change the year, type a note, Enter — the revision joins the 2022
    report, the history follows it, the audit trail has the event and verifies."""
    with store.session() as session:
        report = resolve_report(session, "松溪县林业局 2023")
        before = [r.id for r in chain(session, report.id)]
    moved = before[-1]

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            history = await open_relabel_dialog(app, pilot, report.id)
            dialog = app.screen
            assert dialog.query_one("#relabel-unit", Input).value == "松溪县林业局"
            assert dialog.query_one("#relabel-year", Input).value == "2023"
            year = dialog.query_one("#relabel-year", Input)
            year.value = "1899"
            await pilot.press("ctrl+s")
            assert isinstance(app.screen, RelabelDialog)  # refused: not a year
            year.value = "2022"
            dialog.query_one("#relabel-note", Input).focus()
            await pilot.press(*"封面写明2022年度", "enter")
            await wait_for(pilot, lambda: app.screen is history and history.report_id != report.id)
            await wait_for(pilot, lambda: history.report and history.report.year == 2022)
            assert moved in [r.id for r in history.revisions]

    run(scenario)
    with store.session() as session:
        assert moved not in [r.id for r in chain(session, report.id)]
        moved_to = resolve_report(session, "松溪县林业局 2022")
        assert moved in [r.id for r in chain(session, moved_to.id)]
    with store.session() as session:
        assert verify(session).ok


def test_escape_changes_nothing(store: Store) -> None:
    """r then Escape: no event, the revision stays where it was."""
    with store.session() as session:
        report = resolve_report(session, "松溪县林业局 2023")
        before = [r.id for r in chain(session, report.id)]

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            history = await open_relabel_dialog(app, pilot, report.id)
            await pilot.press("escape")
            assert app.screen is history

    run(scenario)
    with store.session() as session:
        assert [r.id for r in chain(session, report.id)] == before
