"""The findings list (issue 16): a snippet tells rows apart, families are grouped, the
status column keeps its width after a review, and Len is in view at 120 columns."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from tui_helpers import ACTOR, run, screen_text, wait_for

from reportaudit.store import Store
from reportaudit.tui.app import make_app
from reportaudit.tui.screens.findings import FindingsScreen


async def _findings(pilot: Pilot[Any], app: Any) -> FindingsScreen:
    await pilot.press("f2")
    screen = app.screen
    assert isinstance(screen, FindingsScreen)
    await wait_for(pilot, lambda: screen.shown)
    await pilot.pause()
    return screen


def _row(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


def test_len_in_view_at_120_and_columns_stay_after_a_review(store: Store) -> None:
    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _findings(pilot, app)
            top = screen.shown[0].finding
            snippet = "".join(top.b.text.split())[:6]
            before = _row(screen_text(app), snippet)
            assert before.rstrip().endswith(str(top.chars))
            await pilot.press("c")
            await wait_for(pilot, lambda: app.decisions.get(top.id))
            await pilot.pause()
            after = _row(screen_text(app), snippet)
            assert "confirmed" in after
            assert after.rstrip().endswith(str(top.chars))
            assert after.index(snippet) == before.index(snippet)  # nothing moved

    run(scenario)


def test_families_are_grouped_and_snippets_show_at_80(store: Store) -> None:
    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _findings(pilot, app)
            families = [v.finding.family or v.finding.id for v in screen.shown]
            seen: list[str] = []
            for fam in families:  # each family's rows are together
                if not seen or seen[-1] != fam:
                    assert fam not in seen
                    seen.append(fam)
            text = screen_text(app)
            top = screen.shown[0].finding
            assert "".join(top.b.text.split())[:4] in _row(text, f" {top.severity} ")

    run(scenario)
