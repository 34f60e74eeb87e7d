"""``reportaudit search``: exact hits up to spacing and width, near copies via the index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportaudit.cli.main import build_app
from reportaudit.services.importing import Overrides, import_file
from reportaudit.store import open_store

PARAGRAPH = (
    "针对灌区渠系老化渗漏严重的问题，我局已委托设计单位编制改造方案，"
    "计划分两年完成干渠衬砌和节制闸更换，确保灌溉保证率稳步提高。"
)
# the same paragraph reused elsewhere with light edits (a clause changed, words dropped)
EDITED = (
    "针对灌区渠系老化渗漏的问题，我局已委托设计单位编制改造方案，"
    "计划分三年完成干渠衬砌和节制闸更换，确保灌溉保证率逐步提高。"
)
MARKUP = "详见[link=http://example.invalid]附件[/link]说明"
OTHER = "全年组织开展农机安全培训六期，参训人员覆盖所有乡镇农机站。"


def _report(path: Path, unit: str, body: str) -> Path:
    """A small report file of ``unit`` for 2023 holding ``body``."""
    path.write_text(
        f"{unit}2023年度部门整体支出绩效自评报告\n一、基本情况\n{body}\n二、其他\n{OTHER}\n",
        "utf-8",
    )
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Three reports through ``reportaudit import`` (indexed): exact, edited, unrelated;
    and one imported without indexing (as by an older version), holding the exact text."""
    folder = tmp_path / "in"
    folder.mkdir()
    _report(folder / "a.txt", "示例县水利局", PARAGRAPH)
    _report(folder / "b.txt", "示例县农业农村局", EDITED)
    _report(folder / "c.txt", "示例县林业局", "全年完成植树造林三千亩，成活率达到百分之九十。")
    _report(folder / "e.txt", "示例县科技局", f"[bold]{MARKUP}[/bold]\x1b[31m")
    store_path = tmp_path / "s.db"
    res = CliRunner().invoke(build_app(), ["--store", str(store_path), "import", str(folder)])
    assert res.exit_code == 0, res.output
    store = open_store(store_path)
    try:
        late = _report(tmp_path / "d.txt", "示例县水务局", "前言。" + PARAGRAPH.replace("，", ", "))
        over = Overrides(unit="示例县水务局", year=2023, kind="部门整体")
        assert import_file(store, late, actor="t", overrides=over).status == "imported"
    finally:
        store.close()
    return store_path


def _search(db: Path, *args: str) -> list[dict[str, object]]:
    """Run ``search --json`` and parse its output."""
    res = CliRunner().invoke(build_app(), ["--store", str(db), "search", *args, "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_exact_and_near_copies_are_found(db: Path) -> None:
    hits = _search(db, PARAGRAPH)
    by_report = {str(h["report"]).split(" ")[0]: h for h in hits}
    assert set(by_report) == {"示例县水利局", "示例县农业农村局", "示例县水务局"}
    assert by_report["示例县水利局"]["exact"] is True
    assert by_report["示例县水利局"]["text"] == PARAGRAPH
    # found although never indexed, and although its commas are half-width
    assert by_report["示例县水务局"]["exact"] is True
    near = by_report["示例县农业农村局"]
    assert near["exact"] is False and 0.8 <= float(str(near["similarity"])) < 1.0
    assert "委托设计单位编制改造方案" in str(near["text"])


def test_exact_only_and_no_hits(db: Path) -> None:
    exact = _search(db, PARAGRAPH, "--exact")
    assert {str(h["report"]).split(" ")[0] for h in exact} == {"示例县水利局", "示例县水务局"}
    assert _search(db, "这句话在任何报告里都没有出现过的测试文本内容") == []
    blank = CliRunner().invoke(build_app(), ["--store", str(db), "search", "  \n"])
    assert blank.exit_code == 2 and "give the text to look for" in blank.output
    # too short to fingerprint: still searched exactly in every report
    short = _search(db, "农机安全")
    assert len(short) == 5 and all(h["exact"] for h in short)


def test_text_output_is_literal(db: Path) -> None:
    """Report text that looks like markup is printed as written; escapes are dropped."""
    res = CliRunner().invoke(
        build_app(), ["--store", str(db), "search", MARKUP], env={"COLUMNS": "200"}
    )
    assert res.exit_code == 0, res.output
    assert "[link=http://example.invalid]附件[/link]" in res.output
    assert "\x1b" not in res.output
