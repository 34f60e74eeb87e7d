"""In-report check findings are in F2's queue (issue 16): the same keys decide them, and the
audit event is the one ``reportaudit review`` writes for a check finding."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from tui_helpers import ACTOR, run, wait_for

from reportaudit.services.checks import check_revisions
from reportaudit.services.importing import import_file
from reportaudit.services.review import find_finding
from reportaudit.store import events, open_store
from reportaudit.tui.app import make_app
from reportaudit.tui.data.review import ACTION
from reportaudit.tui.screens.finding import FindingScreen
from reportaudit.tui.screens.findings import FindingsScreen

PLANTED = Path(__file__).resolve().parents[2] / "fixtures" / "checks" / "planted_2023.txt"


def test_a_check_finding_is_reviewed_from_f2_like_a_copy(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    assert import_file(store, PLANTED, actor="importer").status == "imported"
    check_revisions(store, None, actor="checker", save=True)
    decided: list[str] = []

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f2")
            screen = app.screen
            assert isinstance(screen, FindingsScreen)
            await wait_for(pilot, lambda: any(v.kind == "arithmetic" for v in screen.views))
            await pilot.press("slash")
            screen.query_one("#findings-filter", Input).value = "kind:arithmetic"
            await pilot.press("enter")
            target = screen.shown[0].finding
            await pilot.press("enter")
            assert isinstance(app.screen, FindingScreen)
            await pilot.press("x")
            await wait_for(pilot, lambda: app.decisions.get(target.id))
            decided.append(target.id)

    run(scenario)
    (finding_id,) = decided
    with store.session() as s:
        event = events(s, action=ACTION)[-1]
    expected = find_finding(store, finding_id)  # what `reportaudit review` records
    assert expected is not None
    assert event.subject == f"finding:{finding_id}"
    assert event.details["decision"] == "dismissed"
    assert event.details["rule"] == expected["rule"]
    assert event.details["revision"] == expected["revision"]
    assert event.details["spans"] == [[s["start"], s["end"]] for s in expected["spans"]]
