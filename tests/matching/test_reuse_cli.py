"""The reuse commands end to end against a real SQLite store (in-process CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from matching_helpers import report
from typer.testing import CliRunner

from reportaudit.cli.main import app
from reportaudit.cli.reuse_cmd import register
from reportaudit.store import events, open_store
from reportaudit.store.reuse import indexed_revisions

if "scan" not in {c.name for c in app.registered_commands}:
    register(app)

DEV = (
    "2021年，受疫情影响部分采购合同签订滞后，示范项目建设进度较计划推迟两个月，"
    "下一步将提前启动招标程序并按月通报执行进度，确保资金及时发挥效益。"
)


def _write(folder: Path, name: str, unit: str, year: int, body: str) -> None:
    (folder / name).write_text(f"{unit}\n{year}年度部门整体支出绩效自评报告\n\n{body}", "utf-8")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    _write(
        folder, "a2021.txt", "示例县文化馆", 2021, report(2021, DEV, "全年开展文体活动四十余场。")
    )
    _write(
        folder,
        "b2021.txt",
        "示例县图书馆",
        2021,
        report(2021, "因馆舍改造，流动借阅点建设延后至次年一季度完成。", "全年新增藏书八千册。"),
    )
    db = tmp_path / "s.db"
    runner = CliRunner()
    res = runner.invoke(app, ["--store", str(db), "import", str(folder), "--kind", "部门整体"])
    assert res.exit_code == 0, res.output
    return db


def test_scan_findings_reuse_and_incremental(tmp_path: Path, store_path: Path) -> None:
    runner = CliRunner()
    base = ["--store", str(store_path)]
    res = runner.invoke(app, [*base, "scan", "--json"])
    assert res.exit_code == 0, res.output
    first = json.loads(res.output)
    assert first["params"]["k"] == 8 and first["params"]["algorithm"]
    # the two units share only the report() boilerplate
    assert all(f["a"]["section_type"] != "deviation" for f in first["findings"])

    # a new year of 文化馆 copies last year's deviation reason, still naming 2021
    new = tmp_path / "new"
    new.mkdir()
    _write(new, "a2022.txt", "示例县文化馆", 2022, report(2022, DEV, "全年开展文体活动五十余场。"))
    assert runner.invoke(app, [*base, "import", str(new), "--kind", "部门整体"]).exit_code == 0
    res = runner.invoke(app, [*base, "scan", "--new", "示例县文化馆 2022@latest", "--json"])
    assert res.exit_code == 0, res.output
    inc = json.loads(res.output)
    kinds = {(f["kind"], f["a"]["section_type"]) for f in inc["findings"]}
    assert ("reuse", "deviation") in kinds and ("stale_year", "deviation") in kinds
    stale = next(f for f in inc["findings"] if f["kind"] == "stale_year")
    assert stale["relation"] == "same_unit_across_years" and "2021" in stale["explanation"]

    # a full rescan finds the same finding ids (stable ids) and stores them
    res = runner.invoke(app, [*base, "scan", "--json"])
    full = json.loads(res.output)
    dev_ids = {f["id"] for f in inc["findings"] if f["a"]["section_type"] == "deviation"}
    assert len(dev_ids) == 2 and dev_ids <= {f["id"] for f in full["findings"]}
    listed = json.loads(runner.invoke(app, [*base, "findings", "--json"]).output)
    assert isinstance(listed, list)
    assert {f["id"] for f in listed} == {f["id"] for f in full["findings"]}
    for key in (
        "id",
        "family",
        "severity",
        "relation",
        "template",
        "similarity",
        "chars",
        "explanation",
        "a",
        "b",
    ):
        assert key in listed[0]
    shares = json.loads(runner.invoke(app, [*base, "reuse", "--all", "--json"]).output)
    assert {s["revision"] for s in shares} >= {stale["b"]["revision"]}
    table = runner.invoke(app, [*base, "findings"])
    assert "parameters: k=8" in table.output

    store = open_store(str(store_path))
    with store.session() as s:
        assert len(indexed_revisions(s, next(iter(_keys(s))))) == 3
        assert [e.action for e in events(s, action="reuse_scan")]
    store.close()


def _keys(session: object) -> set[str]:
    from sqlmodel import select

    from reportaudit.store.reuse_models import ReuseIndexed

    return set(session.exec(select(ReuseIndexed.index_key)).all())  # type: ignore[attr-defined]


# These tests read the CLI's English wording (Chinese is the default).
pytestmark = pytest.mark.usefixtures("english_output")
