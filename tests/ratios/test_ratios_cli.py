"""``reportaudit reuse`` on a real SQLite store built from fixtures/reports: the figures agree
with a brute-force count over the stored findings and texts, labels are Chinese first, and
bad requests get one clear line."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from cli_helpers import cli
from typer.testing import CliRunner

from reportaudit.cli.main import app
from reportaudit.services.importing import collect_files, import_paths
from reportaudit.store import open_store

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "reports"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """fixtures/reports imported and scanned once."""
    path = tmp_path_factory.mktemp("ratios") / "store.db"
    store = open_store(path)
    files, _ = collect_files([FIXTURES])
    assert all(o.status == "imported" for o in import_paths(store, files, actor="t"))
    store.close()
    res = CliRunner().invoke(app, ["--store", str(path), "scan", "--no-checks", "--json"])
    assert res.exit_code == 0, res.output
    return path


@pytest.fixture
def store_path(tmp_path: Path, built: Path) -> Path:
    """This test's copy."""
    shutil.copyfile(built, tmp_path / "s.db")
    return tmp_path / "s.db"


def _run(store: Path, *args: str) -> tuple[int, str]:
    res = CliRunner().invoke(app, ["--store", str(store), *args])
    return res.exit_code, res.output


def _counts(ch: str) -> bool:
    """The README's definition of a character, written out independently."""
    return not ch.isspace() and unicodedata.category(ch)[0] not in "PZC"


def test_figures_match_a_brute_force_count(store_path: Path) -> None:
    code, out = _run(store_path, "reuse", "--all", "--json")
    assert code == 0, out
    items = {r["revision"]: r for r in json.loads(out)}
    findings = json.loads(_run(store_path, "findings", "--kind", "reuse", "--json")[1])
    assert len(items) == 13  # the newest revision of each of the 13 reports
    some_cross = some_within = False
    for rev, r in items.items():
        shown = json.loads(_run(store_path, "show", rev, "--json", "--text")[1])
        text = shown["text"]
        cross: set[int] = set()
        within: set[int] = set()
        for f in findings:
            a, b = f["a"], f["b"]
            if a["revision"] == b["revision"] == rev:
                later = max((a["start"], a["end"]), (b["start"], b["end"]))
                within.update(range(*later))
            for side, other in ((a, b), (b, a)):
                if side["revision"] == rev and other["revision"] != rev:
                    cross.update(range(side["start"], side["end"]))
        keep = {i for i, ch in enumerate(text) if _counts(ch)}
        assert r["chars"] == len(keep)
        assert r["cross"]["all"]["chars"] == len(cross & keep)
        assert r["within"]["all"]["chars"] == len(within & keep)
        assert r["reused_chars"] == r["total"]["all"]["chars"] == len((cross | within) & keep)
        some_cross |= bool(cross & keep)
        some_within |= bool(within & keep)
        for scope in ("total", "cross", "within"):
            for v in ("no_citations", "no_template", "no_citations_no_template"):
                assert r[scope][v]["chars"] <= r[scope]["all"]["chars"]
    assert some_cross and some_within
    # copies across the years of 青川县农业农村局: the largest source is another year of it
    agri = next(r for r in items.values() if "农业农村局 2023" in r["report"])
    assert agri["cross"]["all"]["ratio"] > 0.1
    assert "青川县农业农村局" in agri["max_single"]["source_report"]
    assert 0 < agri["max_single"]["ratio"] <= agri["cross"]["all"]["ratio"]


def test_one_report_with_sections_in_chinese(store_path: Path) -> None:
    code, out = _run(store_path, "reuse", "青川县农业农村局 2023@latest", "--sections")
    assert code == 0, out
    for label in ("总字数", "重复字数", "总文字复制比", "跨报告复制比", "报告内重复比", "去除引用"):
        assert label in out
    assert "去除模板" in out and "单篇最大文字复制比" in out and "章节类型" in out
    assert "一、" in out  # sections by their actual heading
    data = json.loads(
        _run(store_path, "reuse", "青川县农业农村局 2023@latest", "--sections", "--json")[1]
    )
    (r,) = data
    assert r["sections"] and r["types"]
    top = [s for s in r["sections"] if s["depth"] <= 1]
    assert sum(s["chars"] for s in top) == r["chars"]
    assert sum(t["total"]["all"]["chars"] for t in r["types"]) == r["reused_chars"]
    code, out = _run(store_path, "reuse", "青川县农业农村局 2023@latest", "--lang", "en")
    assert "Overall copy ratio" in out and "总文字复制比" not in out


def test_bad_requests_get_one_line(store_path: Path) -> None:
    # the real command in a child process: typed errors become one line and exit code 2
    for args, says in (
        (["reuse"], "--all"),
        (["reuse", "9999"], "9999"),
        (["reuse", "青川县农业农村局 2023@1"], "not in reuse run"),  # older, not scanned
    ):
        proc = cli(store_path, *args)
        assert proc.returncode == 2 and says in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and proc.stdout == ""


def test_no_scan_yet(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    open_store(path).close()
    proc = cli(path, "reuse", "--all")
    assert proc.returncode == 2 and "reportaudit scan" in proc.stderr


def test_figures_stay_whole_at_80_columns(store_path: Path) -> None:
    """At 80 columns ``--all`` and ``--sections`` print blocks: every line fits, every figure
    is whole and labelled."""
    from rich.cells import cell_len

    items = json.loads(_run(store_path, "reuse", "--all", "--json")[1])
    narrow = {"COLUMNS": "80"}
    out = cli(store_path, "reuse", "--all", check=True, extra_env=narrow).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    for r in items:
        assert f"总文字复制比 {100 * r['total']['all']['ratio']:.1f}%" in out
        assert f"总字数 {r['chars']:,}" in out and f"重复字数 {r['reused_chars']:,}" in out
    agri = next(r for r in items if "农业农村局 2023" in r["report"])
    out = cli(
        store_path, "reuse", agri["revision"], "--sections", check=True, extra_env=narrow
    ).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    assert f"{100 * agri['within']['all']['ratio']:.1f}%" in out and "章节类型" in out


def test_scan_json_summaries_are_the_same_figures(store_path: Path) -> None:
    code, out = _run(store_path, "scan", "--no-checks", "--json")
    assert code == 0, out
    scan = json.loads(out)
    listed = {x["revision"]: x for x in json.loads(_run(store_path, "reuse", "--all", "--json")[1])}
    assert {s["revision"] for s in scan["summaries"]} == set(listed)
    for s in scan["summaries"]:
        want = {k: v for k, v in listed[s["revision"]].items() if k != "run"}
        assert s["ratios"] == want
        assert s["chars"] == want["chars"] and s["share"] == want["total"]["all"]["ratio"]
        assert s["share_excluding_template"] == want["total"]["no_template"]["ratio"]
