"""The ``diff`` command end to end: store in, rendered diff out, export recorded.

Why through the CLI: the command is where revisions are loaded, parser versions reconciled,
formats chosen and the audit trail written; each of those is asserted here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from reportaudit.cli import diff_cmd, store_cmds
from reportaudit.cli.context import AppState
from reportaudit.store import events, open_store, report_log

FIX = Path(__file__).parent / "fixtures"


def make_app() -> typer.Typer:
    """A small app with the store commands and ``diff`` (the lead wires the real one)."""
    app = typer.Typer()

    @app.callback()
    def main(ctx: typer.Context, store: str = typer.Option(None, "--store")) -> None:
        state = AppState(store_url=store)
        ctx.obj = state
        ctx.call_on_close(state.close)

    store_cmds.register(app)
    diff_cmd.register(app)
    return app


@pytest.fixture
def store_with_revisions(tmp_path: Path) -> tuple[Path, list[int], list[int]]:
    """Two revisions of the 2021 report and one 2022 report of the same unit."""
    db = tmp_path / "audit.db"
    runner = CliRunner()
    app = make_app()
    unit = ["--unit", "某某县农业技术示范中心", "--kind", "部门整体"]
    for name, year in [
        ("center_2021_v1.txt", "2021"),
        ("center_2021_v2.txt", "2021"),
        ("center_2022.txt", "2022"),
    ]:
        src = tmp_path / name
        src.write_bytes((FIX / name).read_bytes())
        res = runner.invoke(app, ["--store", str(db), "import", str(src), "--year", year, *unit])
        assert res.exit_code == 0, res.output
    store = open_store(str(db))
    with store.session() as s:
        r2021 = [r.id for r in report_log(s, "示范中心 2021")]
        r2022 = [r.id for r in report_log(s, "示范中心 2022")]
    store.close()
    return db, sorted(r2021), r2022


def diff_events(db: Path) -> list:
    store = open_store(str(db))
    with store.session() as s:
        found = events(s, action="diff.export")
    store.close()
    return found


def test_text_diff_is_not_an_export(store_with_revisions) -> None:
    db, (a, b), _ = store_with_revisions
    res = CliRunner().invoke(make_app(), ["--store", str(db), "diff", str(a), str(b)])
    assert res.exit_code == 0, res.output
    assert "745.3万元 → 800万元" in res.output
    assert "{+分管+}" in res.output  # plain when not a terminal
    assert diff_events(db) == []


def test_json_export_appends_event(store_with_revisions, tmp_path: Path) -> None:
    db, (a, b), _ = store_with_revisions
    out = tmp_path / "d.json"
    res = CliRunner().invoke(
        make_app(), ["--store", str(db), "diff", str(a), str(b), "--format", "json", "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["a_revision"] == a and data["meta"]["b_revision"] == b
    assert data["summary"]["sections"]["added"] == 1
    (event,) = diff_events(db)
    assert event.subject == f"revision {a}..{b}"
    assert event.details["format"] == "json" and event.details["output"] == str(out)
    assert event.details["output_sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()


def test_html_to_stdout_is_an_export_too(store_with_revisions) -> None:
    db, (a, b), _ = store_with_revisions
    res = CliRunner().invoke(make_app(), ["--store", str(db), "diff", str(a), str(b), "-f", "html"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("<!DOCTYPE html>")
    assert [e.details["format"] for e in diff_events(db)] == ["html"]


def test_year_over_year_and_flags(store_with_revisions) -> None:
    db, revs2021, (r2022,) = store_with_revisions
    app = make_app()
    base = ["--store", str(db), "diff", "示范中心 2022", "--year-over-year"]
    res = CliRunner().invoke(app, [*base, "--numbers-only"])
    assert res.exit_code == 0, res.output
    assert "812.4万元" in res.output and "== " not in res.output
    assert f"#{max(revs2021)} " in res.output and f"#{r2022} " in res.output
    quiet = CliRunner().invoke(app, [*base, "--ignore-numbers"])
    assert quiet.exit_code == 0, quiet.output
    # The latest 2021 revision is v2: its new section and reworded heading are real prose
    # changes and stay; the figure list and figure-only passages go.
    assert "Figure changes" not in quiet.output and "资金管理情况" in quiet.output
    loud = CliRunner().invoke(app, base)
    assert "[-860人次-]{+920人次+}" in loud.output  # 产出指标: a figure-only passage change ...
    assert "920" not in quiet.output  # ... hidden by --ignore-numbers


def test_usage_errors(store_with_revisions) -> None:
    db, (a, _b), _ = store_with_revisions
    res = CliRunner().invoke(make_app(), ["--store", str(db), "diff", str(a)])
    assert res.exit_code != 0
    res = CliRunner().invoke(
        make_app(), ["--store", str(db), "diff", "示范中心 2021", "--year-over-year"]
    )
    assert res.exit_code != 0  # no 2020 report
