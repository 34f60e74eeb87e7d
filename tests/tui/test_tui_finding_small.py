"""The finding screen at 80×24 (issue 16): the common job — open the worst finding, read
both passages, confirm with a note — in ≤ 5 keys plus the note; both passages in view
without scrolling; both sides scroll together; a stale year in its own colour; a copy and
its stale-year finding decided in one step, each with its own audit event."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import ACTOR, run, screen_text, wait_for

from reportaudit.store import Store, events
from reportaudit.structure import parse
from reportaudit.tui.app import make_app
from reportaudit.tui.data.review import ACTION
from reportaudit.tui.dialogs.note import NoteDialog
from reportaudit.tui.screens.finding import FindingScreen
from reportaudit.tui.screens.findings import FindingsScreen
from reportaudit.tui.widgets.passage import STALE_STYLE, passage_text

COPIED = (
    "2022年，受汛期持续降雨影响，部分水毁修复工程开工推迟，灌区渠系配套项目实施进度"
    "滞后于计划，个别绩效目标未能按期实现。下一步，我局将加强项目前期论证，细化分解"
    "绩效目标，强化执行监控，确保资金按期发挥效益。"
)
AFTER = "、".join(f"第{n}项整改措施已落实到具体股室和责任人" for n in range(1, 30)) + "。"


def _report(year: int, deviation: str) -> str:
    return f"""清河县水利局
{year}年度部门整体支出绩效自评报告

一、部门基本情况
负责全县水资源管理、水利工程建设与运行维护，年末在编人员46人。
二、预算执行情况
{year}年度部门预算收入2,350.80万元，全年支出2,210.45万元，预算执行率94.03%。
三、偏离绩效目标的原因和下一步改进措施
{deviation}
四、其他需要说明的问题
{AFTER}
"""


REPORTS = {
    "qinghe_water_2022.txt": _report(2022, COPIED),
    "qinghe_water_2023.txt": _report(2023, COPIED),
}


@pytest.fixture
def copy_store(tmp_path: Path) -> Store:
    from reportaudit.services.importing import import_file
    from reportaudit.store import open_store

    store = open_store(tmp_path / "s.db")
    for name, text in REPORTS.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert import_file(store, path, actor="importer").status == "imported"
    return store


def _columns(text: str) -> tuple[str, str]:
    """The left and right passage columns of the screen, whitespace and scroll bars removed."""
    bars = str.maketrans("", "", "▁▂▃▄▅▆▇█▔▏▎▍▌▋▊▉")
    text = text.translate(bars)
    left, right = [], []
    for line in text.splitlines():
        if "▕" in line:
            a, b = line.split("▕", 1)
            left.append(a)
            right.append(b)
    return "".join("".join(left).split()), "".join("".join(right).split())


def test_common_job_in_four_keys_at_80x24(copy_store: Store) -> None:
    async def scenario() -> None:
        app = make_app(copy_store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            await _job(pilot, app, copy_store)

    run(scenario)


async def _job(pilot: Pilot[Any], app: Any, store: Store) -> None:
    with store.session() as s:
        before = len(events(s, action=ACTION))
    await pilot.press("f2")  # key 1
    findings = app.screen
    assert isinstance(findings, FindingsScreen)
    await wait_for(pilot, lambda: findings.shown)
    top = findings.shown[0].finding
    assert top.severity == max(v.finding.severity for v in findings.views)
    await pilot.press("enter")  # key 2
    screen = app.screen
    assert isinstance(screen, FindingScreen)
    await wait_for(pilot, lambda: screen.query_one("#passages").display)
    await pilot.pause()
    shown = screen_text(app)
    left, right = _columns(shown)
    assert "".join(top.a.text.split()) in left  # both passages whole, nothing scrolled
    assert "".join(top.b.text.split()) in right
    assert "stale year" in shown
    siblings = screen.same_passages(top)
    assert [f.kind for f in siblings] in (["reuse"], ["stale_year"])

    # the two sides scroll together
    a, b = (
        screen.query_one("#scroll-a", VerticalScroll),
        screen.query_one("#scroll-b", VerticalScroll),
    )
    await pilot.press("pagedown")
    await pilot.pause()
    assert a.scroll_y > 0 and a.scroll_y == b.scroll_y
    await pilot.press("home")
    await pilot.pause()
    assert a.scroll_y == b.scroll_y == 0

    await pilot.press("C")  # key 3: confirm with a note
    assert isinstance(app.screen, NoteDialog)
    app.screen.query_one(Input).value = "偏离原因照抄上年"
    await pilot.press("enter")  # key 4
    both = [top, *siblings]
    await wait_for(pilot, lambda: all(app.decisions.get(f.id) for f in both))
    for f in both:
        (d,) = app.decisions[f.id]
        assert (d.decision, d.note, d.actor) == ("confirmed", "偏离原因照抄上年", ACTOR)
    with store.session() as s:
        logged = events(s, action=ACTION)
    assert len(logged) == before + 2
    assert {e.subject for e in logged[-2:]} == {f"finding:{f.id}" for f in both}
    assert "confirmed" in screen_text(app)


def test_the_stale_year_has_its_own_colour() -> None:
    from reportaudit.matching.results import Passage, ReportRef

    text = _report(2023, COPIED)
    doc = parse(text)
    start = text.index(COPIED)
    passage = Passage(
        revision="2",
        report=ReportRef(unit="清河县水利局", year=2023, kind="部门整体"),
        filename="x.txt",
        start=start,
        end=start + len(COPIED),
        text=COPIED,
        section_path="三、偏离绩效目标的原因和下一步改进措施",
        section_type="deviation",
        heading=False,
        chars=len(COPIED),
        citation_chars=0,
    )
    rendered = passage_text(doc, passage, [(0, len(COPIED))], dark=True, stale=2022)
    year_at = rendered.plain.index("2022年")
    styles = [s.style for s in rendered.spans if s.start <= year_at and s.end >= year_at + 5]
    assert STALE_STYLE in styles
    plain = passage_text(doc, passage, [(0, len(COPIED))], dark=True)
    assert STALE_STYLE not in [s.style for s in plain.spans]
    assert rendered.plain.index(COPIED) <= 30  # the passage starts on the first line
