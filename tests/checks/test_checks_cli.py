"""``reportaudit check`` end to end on a temporary SQLite store (import, check, JSON, save)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from checks_helpers import FIXTURES
from typer.testing import CliRunner

from reportaudit.cli import check_cmd, store_cmds
from reportaudit.cli import main as cli_main
from reportaudit.store import open_store
from reportaudit.store.checks import check_runs, list_check_findings


@pytest.fixture(autouse=True, scope="module")
def _english() -> Iterator[None]:
    """These tests read the commands' English wording (Chinese is the default; the Chinese
    output is checked in tests/cli/test_cli_language.py)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REPORTAUDIT_LANG", "en")
        yield


def _app() -> typer.Typer:
    """The real global options and store commands plus ``check`` (wired by the lead in main)."""
    app = typer.Typer(rich_markup_mode=None)
    app.callback()(cli_main.main)
    store_cmds.register(app)
    check_cmd.register(app)
    return app


def test_import_check_json_and_saved(tmp_path: Path) -> None:
    """check --all prints the documented JSON, saves runs, re-runs replace them."""
    db = tmp_path / "s.db"
    runner = CliRunner()
    app = _app()
    files = [
        FIXTURES / "checks" / "planted_2023.txt",
        FIXTURES / "checks" / "clean_2023.txt",
        FIXTURES / "reports" / "hewan_eco_2023.txt",
        FIXTURES / "hostile" / "hostile.txt",
    ]
    res = runner.invoke(app, ["--store", str(db), "import", *map(str, files)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["--store", str(db), "check", "--all", "--json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert {r["report"]["unit"] for r in rows} == {"松林县文化广电和旅游局"}
    assert len(rows) == 20  # the planted problems (fixtures/checks/README.md)
    fields = {
        "id",
        "kind",
        "rule",
        "severity",
        "explanation",
        "revision",
        "report",
        "section",
        "spans",
        "anchor",
    }
    assert all(fields <= set(r) for r in rows)
    foreign = next(r for r in rows if r["kind"] == "foreign_name")
    assert (
        foreign["spans"][0]["text"] == "河湾市生态环境局"
    )  # found because that unit is in the store
    store = open_store(db)
    try:
        with store.session() as s:
            assert len(check_runs(s)) == 4
            assert sorted(f.id for f in list_check_findings(s)) == sorted(r["id"] for r in rows)
    finally:
        store.close()
    # a re-run replaces, --kind filters and does not save, the table prints
    res = runner.invoke(app, ["--store", str(db), "check", "--all", "--kind", "stale_year"])
    assert res.exit_code == 0 and "4 finding(s)" not in res.stdout and "2 finding(s)" in res.stdout
    res = runner.invoke(app, ["--store", str(db), "check", str(rows[0]["revision"])])
    assert res.exit_code == 0 and "20 finding(s) in 1 revision(s)" in res.stdout
    store = open_store(db)
    try:
        with store.session() as s:
            assert len(check_runs(s)) == 4
    finally:
        store.close()


def test_stored_findings_are_listed_without_rerunning(tmp_path: Path) -> None:
    """--stored lists what was saved, exactly as the run printed it; --verify passes."""
    db = tmp_path / "s.db"
    runner = CliRunner()
    app = _app()
    planted = FIXTURES / "checks" / "planted_2023.txt"
    runner.invoke(
        app,
        [
            "--store",
            str(db),
            "import",
            str(planted),
            str(FIXTURES / "reports" / "hewan_eco_2023.txt"),
        ],
    )
    fresh = json.loads(runner.invoke(app, ["--store", str(db), "check", "--all", "--json"]).stdout)
    listed = runner.invoke(app, ["--store", str(db), "check", "--all", "--stored", "--json"])
    assert listed.exit_code == 0
    assert json.loads(listed.stdout) == fresh
    ok = runner.invoke(app, ["--store", str(db), "check", "--verify"])
    assert ok.exit_code == 0 and "match the audit trail" in ok.stdout
    only = runner.invoke(
        app, ["--store", str(db), "check", "--all", "--stored", "--kind", "broken", "--json"]
    )
    assert {r["kind"] for r in json.loads(only.stdout)} == {"broken"}


def test_usage_errors(tmp_path: Path) -> None:
    """Neither or both of REVISION and --all, or an unknown kind, is a usage error."""
    runner = CliRunner()
    app = _app()
    db = tmp_path / "s.db"
    runner.invoke(app, ["--store", str(db), "import", str(FIXTURES / "checks" / "clean_2023.txt")])
    assert runner.invoke(app, ["--store", str(db), "check"]).exit_code == 2
    assert runner.invoke(app, ["--store", str(db), "check", "1", "--all"]).exit_code == 2
    bad = runner.invoke(app, ["--store", str(db), "check", "--all", "--kind", "nope"])
    assert bad.exit_code == 2
