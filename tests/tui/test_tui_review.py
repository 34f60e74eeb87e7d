"""Findings → review a finding → restart the app → the decision is still there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input
from tui_helpers import ACTOR, run, wait_for

from reportaudit.store import Store, events, open_store, verify
from reportaudit.store.reuse import runs
from reportaudit.tui.app import ReportAuditApp, make_app
from reportaudit.tui.data.filters import FindingView, parse_filter
from reportaudit.tui.data.review import ACTION
from reportaudit.tui.dialogs.note import NoteDialog
from reportaudit.tui.screens.document import DocumentScreen
from reportaudit.tui.screens.finding import FindingScreen
from reportaudit.tui.screens.findings import FindingsScreen
from reportaudit.tui.screens.review_log import ReviewLogScreen


async def _open_findings(pilot: Pilot[Any], app: ReportAuditApp) -> FindingsScreen:
    """F2, then wait for the scan and the decisions."""
    await pilot.press("f2")
    screen = app.screen
    assert isinstance(screen, FindingsScreen)
    await wait_for(pilot, lambda: screen.shown)
    return screen


def test_review_survives_restart(store: Store, store_path: Path) -> None:
    """Confirm the cross-unit copy with a note; a new app on the reopened store shows it."""

    async def review() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(100, 30)) as pilot:
            findings = await _open_findings(pilot, app)
            await pilot.press("slash")
            findings.query_one("#findings-filter", Input).value = "rel:across_units"
            await pilot.press("enter")
            assert len(findings.shown) == 1
            cross = findings.shown[0].finding
            assert {cross.a.report.unit, cross.b.report.unit} == {
                "松溪县林业局",
                "东坪区卫生健康局",
            }
            await pilot.press("enter")
            detail = app.screen
            assert isinstance(detail, FindingScreen)
            await pilot.press("c")
            await wait_for(pilot, lambda: app.decisions.get(cross.id))
            await pilot.press("n")
            assert isinstance(app.screen, NoteDialog)
            app.screen.query_one(Input).value = "两单位措施段落雷同"
            await pilot.press("enter")
            await wait_for(pilot, lambda: len(app.decisions.get(cross.id, [])) == 2)
            assert detail.query_one("#decisions", DataTable).row_count == 2
            await pilot.press("b")  # jump to the later report at the passage
            assert isinstance(app.screen, DocumentScreen)
            await pilot.press("escape", "escape")
            assert app.screen is findings
            await pilot.pause()
            assert findings.shown[0].status == "confirmed"

    run(review)
    store.close()

    async def restart() -> None:
        reopened = open_store(store_path)
        app = make_app(reopened, actor="someone-else")
        async with app.run_test(size=(100, 30)) as pilot:
            findings = await _open_findings(pilot, app)
            assert app.scan is not None and app.scan.run_id == 1  # the stored run, not a rescan
            confirmed = [v for v in findings.views if v.status == "confirmed"]
            assert len(confirmed) == 1
            history = app.decisions[confirmed[0].finding.id]
            assert [(d.decision, d.note, d.actor) for d in history] == [
                ("confirmed", None, ACTOR),
                (None, "两单位措施段落雷同", ACTOR),
            ]
            findings.query_one("#findings-filter", Input).value = "status:open"
            await pilot.pause()
            assert all(v.status == "open" for v in findings.shown)
            assert len(findings.shown) == len(findings.views) - 1
            await pilot.press("L")  # the review log, from the audit trail
            log = app.screen
            assert isinstance(log, ReviewLogScreen)
            await wait_for(pilot, lambda: log.entries)
            assert [e.decision.decision for e in log.entries] == [None, "confirmed"]
            assert {log.entries[0].earlier.split()[0], log.entries[0].later.split()[0]} == {
                "松溪县林业局",
                "东坪区卫生健康局",
            }
            await pilot.press("down", "enter")
            assert isinstance(app.screen, FindingScreen)
        with reopened.session() as session:
            trail = events(session, action=ACTION)
            assert [e.actor for e in trail] == [ACTOR, ACTOR]
            assert [r.actor for r in runs(session)] == [ACTOR]  # the first session's scan
            assert verify(session).ok

    run(restart)


def test_filter_words() -> None:
    """The filter language on a hand-made view (no scan needed)."""
    from reportaudit.matching.results import Finding, Passage, ReportRef

    def passage(unit: str, year: int) -> Passage:
        return Passage(
            "1", ReportRef(unit, year, "k"), "f", 0, 4, "文字内容", 4, "五、措施", "deviation"
        )

    finding = Finding(
        id="r1",
        family="f1",
        kind="reuse",
        relation="across_units_same_year",
        template=False,
        similarity=0.95,
        chars=40,
        severity=72,
        explanation="",
        a=passage("甲单位", 2022),
        b=passage("乙单位", 2023),
        unit_df=2,
    )
    view = FindingView(finding, "open")
    for line, expected in [
        ("", True),
        ("sev:70 copy status:open", True),
        ("sev:80", False),
        ("template", False),
        ("unit:乙 year:2022 type:devi", True),
        ("rel:same_unit", False),
        ("措施", True),
        ("status:dismissed", False),
    ]:
        assert parse_filter(line)(view) is expected, line


def test_findings_of_a_cli_scan_are_shown(store: Store, store_path: Path) -> None:
    """`reportaudit scan` stores a run; the TUI shows that run instead of scanning again."""
    from typer.testing import CliRunner

    from reportaudit.cli.main import app as cli
    from reportaudit.cli.reuse_cmd import register

    if "scan" not in {c.name for c in cli.registered_commands}:
        register(cli)
    store.close()
    result = CliRunner().invoke(cli, ["--store", str(store_path), "scan", "--actor", "cli-user"])
    assert result.exit_code == 0, result.output

    async def scenario() -> None:
        reopened = open_store(store_path)
        app = make_app(reopened, actor=ACTOR)
        async with app.run_test(size=(100, 30)) as pilot:
            findings = await _open_findings(pilot, app)
            assert app.scan is not None and app.scan.actor == "cli-user"
            await wait_for(pilot, lambda: app.checks is not None)
            await pilot.pause()
            checks = app.checks.findings if app.checks is not None else ()
            # the scan's reuse findings and the check findings it stored, in one queue
            assert len(findings.views) == len(app.scan.findings) + len(checks)
            assert len(app.scan.findings) > 0
        with reopened.session() as session:
            assert len(runs(session)) == 1

    run(scenario)


def test_decide_straight_from_the_table(store: Store) -> None:
    """x on the table row dismisses that finding without opening it."""

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(100, 30)) as pilot:
            findings = await _open_findings(pilot, app)
            first = findings.shown[0].finding
            await pilot.press("x")
            await wait_for(pilot, lambda: app.decisions.get(first.id))
            await pilot.pause()
            status = {v.finding.id: v.status for v in findings.shown}
            assert status[first.id] == "dismissed"

    run(scenario)


def test_sign_off_a_finding_as_preparer_then_reviewer(store: Store) -> None:
    """p signs as preparer; r by the same person is refused (nothing stored); r by another
    actor signs as reviewer — the same audit events as `reportaudit signoff`."""
    from reportaudit.services.signoff import SIGNOFF_ACTION, signoff_problems

    async def sign() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(100, 30)) as pilot:
            await _open_findings(pilot, app)
            await pilot.press("enter")
            detail = app.screen
            assert isinstance(detail, FindingScreen)
            await pilot.press("p")
            await wait_for(pilot, lambda: len(detail.signoffs) == 1)
            await pilot.press("r")  # the preparer cannot review
            await pilot.pause(0.3)
            assert len(detail.signoffs) == 1
            app.actor = "复核员乙"
            await pilot.press("r")
            await wait_for(pilot, lambda: len(detail.signoffs) == 2)
            assert [(s.role, s.actor) for s in detail.signoffs] == [
                ("preparer", ACTOR),
                ("reviewer", "复核员乙"),
            ]

    run(sign)
    with store.session() as session:
        trail = events(session, action=SIGNOFF_ACTION)
        assert [(e.details["role"], e.actor) for e in trail] == [
            ("preparer", ACTOR),
            ("reviewer", "复核员乙"),
        ]
    assert signoff_problems(store) == []
