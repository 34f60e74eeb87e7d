"""Search (F3) at 80×24 (issue 16): the hit is in view in the Where column, and a near copy
in a report that also holds the passage exactly is listed, not hidden by the exact hit."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from tui_helpers import ACTOR, run, screen_text, wait_for

from reportaudit.services.importing import import_file
from reportaudit.services.search import search_corpus
from reportaudit.store import Store, open_store
from reportaudit.tui.app import make_app
from reportaudit.tui.screens.search import SearchScreen

PASSAGE = "针对绩效目标设置不够细化的问题，我局已组织各股室逐项修订绩效目标表并报财政部门审核备案"
NEAR = "针对绩效目标设置不够细化的问题，我局已组织二级单位逐项修订绩效目标表并报财政局审核备案"
LEAD = "本年度部门预算编制过程中，我局按照财政部门要求开展了绩效目标申报工作。" * 3


def _store(tmp_path: Path) -> Store:
    store = open_store(tmp_path / "s.db")
    text = f"""清河县水利局
2023年度部门整体支出绩效自评报告

一、存在的问题
{LEAD}{PASSAGE}。
二、下一步改进措施
今后将持续加强管理。{NEAR}。
"""
    path = tmp_path / "qinghe_2023.txt"
    path.write_text(text, encoding="utf-8")
    assert import_file(store, path, actor="importer").status == "imported"
    return store


def test_near_copy_listed_beside_the_exact_hit(tmp_path: Path) -> None:
    store = _store(tmp_path)
    hits = search_corpus(store, PASSAGE)
    assert [h.similarity == 1.0 for h in hits].count(True) == 1
    near = [h for h in hits if h.similarity < 1.0]
    assert len(near) == 1 and "二级单位" in near[0].match


def test_the_hit_is_in_view_at_80x24(tmp_path: Path) -> None:
    store = _store(tmp_path)

    async def scenario() -> None:
        app = make_app(store, actor=ACTOR)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f3")
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            box = screen.query_one(Input)
            box.value = PASSAGE
            await pilot.press("enter")
            await wait_for(pilot, lambda: screen_text(app).count("针对绩效") >= 2)
            await pilot.pause()
            text = screen_text(app)
            rows = [line for line in text.splitlines() if "针对绩效" in line and "#1" in line]
            assert len(rows) == 2  # the exact hit and the near copy, each with its start

    run(scenario)
