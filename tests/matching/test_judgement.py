"""What a reuse finding means: template by the genre reference or an absolute unit floor,
copies between two units in a small store, repeats inside one table cell, connected families.

The store is fixtures/reuse/ (six invented units of one county, see fixtures/README.md)
imported into a real SQLite store and scanned through the CLI, as an auditor would.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reportaudit.cli.main import app
from reportaudit.cli.reuse_cmd import family_places, register
from reportaudit.matching.families import group
from reportaudit.matching.genre import ENV, GenreReferenceError, reference
from reportaudit.matching.normalize import fold_str
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.results import Match, Passage, ReportRef
from reportaudit.matching.templates import template_floor

if "scan" not in {c.name for c in app.registered_commands}:
    register(app)

REUSE = Path(__file__).resolve().parents[2] / "fixtures" / "reuse"
PASTED = "受汛期持续降雨影响，部分工程施工窗口期缩短"
CELL = "各项绩效指标总体完成较好，但受县级财力紧张影响"
STANDARD = "将自评结果作为以后年度预算安排的重要依据"
FIVE_UNITS = "各股室按照职责分工逐项收集佐证材料"
THREE_UNITS = "自评结果将用于改进本单位项目管理"


def _run(args: list[str], env: dict[str, str] | None = None) -> Any:
    res = CliRunner().invoke(app, args, env=env)
    assert res.exit_code == 0, res.output
    return res


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("judge") / "s.db"
    _run(["--store", str(db), "import", str(REUSE)])
    return db


@pytest.fixture(scope="module")
def scanned(store: Path) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(_run(["--store", str(store), "scan", "--json"]).output)
    return out


def _with(findings: list[dict[str, Any]], phrase: str) -> list[dict[str, Any]]:
    key = fold_str(phrase)
    return [f for f in findings if key in fold_str(f["a"]["text"] + f["b"]["text"])]


def _connected(findings: list[dict[str, Any]]) -> tuple[int, bool]:
    """Places of a family's findings and whether every place reaches every other."""
    places = family_places(findings)

    def place(p: dict[str, Any]) -> int:
        """The place a passage belongs to (same revision, overlapping by half)."""
        for n, q in enumerate(places):
            inter = min(p["end"], q["end"]) - max(p["start"], q["start"])
            longer = max(p["end"] - p["start"], q["end"] - q["start"])
            if str(q["revision"]) == str(p["revision"]) and 2 * inter >= longer:
                return n
        raise AssertionError(p)

    adj: dict[int, set[int]] = defaultdict(set)
    for f in findings:
        a, b = place(f["a"]), place(f["b"])
        adj[a].add(b)
        adj[b].add(a)
    start = next(iter(adj))
    seen, todo = {start}, [start]
    while todo:
        for y in adj[todo.pop()] - seen:
            seen.add(y)
            todo.append(y)
    return len(adj), len(seen) == len(adj)


def test_floor_is_absolute_and_grows_with_the_store() -> None:
    p = ReuseParams()
    assert [template_floor(n, params=p) for n in (1, 2, 3, 6, 10, 40, 100, 400, 20000)] == [
        5,
        5,
        5,
        5,
        7,
        13,
        20,
        40,
        40,
    ]
    # a clause of twenty-odd characters in five units is a stock phrase in any store
    assert template_floor(1000, params=p, chars=30) == 5
    assert template_floor(1000, params=p, chars=50) == 40
    assert template_floor(3, params=p, chars=30) == 5  # more units than the store holds


def test_pasted_deviation_between_two_units_is_a_copy(scanned: dict[str, Any]) -> None:
    hits = _with(scanned["findings"], PASTED)
    assert len(hits) == 1
    f = hits[0]
    assert f["relation"] == "across_units_same_year" and not f["template"]
    assert f["template_reason"] == "" and f["a"]["section_type"] == "deviation"
    assert f["chars"] >= 100 and 0.95 <= f["similarity"] < 1.0  # three characters changed
    assert f["severity"] >= 70


def test_sentence_of_three_units_stays_a_copy(scanned: dict[str, Any]) -> None:
    hits = _with(scanned["findings"], THREE_UNITS)
    assert len(hits) == 2 and not any(f["template"] for f in hits)
    assert len({f["family"] for f in hits}) == 1


def test_standard_phrase_is_template_whatever_the_store(scanned: dict[str, Any]) -> None:
    hits = _with(scanned["findings"], STANDARD)
    assert len(hits) == 1  # only two units use it: frequency says nothing
    f = hits[0]
    assert f["template"] and f["template_reason"].startswith("standard phrase")
    assert "template: standard phrase" in f["explanation"]


def test_text_in_five_of_six_units_is_template_by_frequency(scanned: dict[str, Any]) -> None:
    hits = _with(scanned["findings"], FIVE_UNITS)
    assert hits and all(f["template"] for f in hits)
    assert {f["template_reason"] for f in hits} == {"in 5 of 6 units (template from 5)"}


def test_every_template_finding_says_why(scanned: dict[str, Any]) -> None:
    assert any(f["template"] for f in scanned["findings"])
    for f in scanned["findings"]:
        assert bool(f["template_reason"]) == f["template"], f


def test_five_repeats_inside_one_table_cell_are_one_family(scanned: dict[str, Any]) -> None:
    hits = _with(scanned["findings"], CELL)
    assert hits and all(f["a"]["revision"] == f["b"]["revision"] for f in hits)
    assert all(f["relation"] == "within_report" and not f["template"] for f in hits)
    assert len({f["family"] for f in hits}) == 1
    places, connected = _connected(hits)
    assert places == 5 and connected and len(hits) == 4
    # five places of one cell line, none overlapping another
    spans = sorted((p["start"], p["end"]) for p in family_places(hits))
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert len({f["a"]["section_path"] for f in hits}) == 1


def test_params_record_the_genre_reference(scanned: dict[str, Any]) -> None:
    p = scanned["params"]
    assert p["genre_reference"] == reference().version and p["genre_reference"].startswith("genre-")
    assert p["template_floor_min"] == 5 and p["template_floor_max"] == 40


def test_family_view_lists_every_place(store: Path, scanned: dict[str, Any]) -> None:
    fam = _with(scanned["findings"], CELL)[0]["family"]
    out = json.loads(_run(["--store", str(store), "findings", "--family", fam, "--json"]).output)
    assert out["family"] == fam and len(out["places"]) == 5 and len(out["findings"]) == 4
    assert not out["template"]
    starts = [p["start"] for p in out["places"]]
    assert starts == sorted(starts)
    text = _run(["--store", str(store), "findings", "--family", fam[:8]]).output
    assert "5 places" in text


def test_reruns_are_byte_identical(store: Path, scanned: dict[str, Any]) -> None:
    again = json.loads(_run(["--store", str(store), "scan", "--json"]).output)
    dump = [
        json.dumps([{**f, "run": 0} for f in x["findings"]], ensure_ascii=False)
        for x in (scanned, again)
    ]
    assert dump[0] == dump[1]
    assert again["params"] == scanned["params"]


def test_user_genre_reference_extends_without_code(store: Path, tmp_path: Path) -> None:
    extra = tmp_path / "county.toml"
    extra.write_text(
        '[[group]]\nsource = "松岭县财政局 2023年自评报告模板"\nkind = "phrase"\n'
        f'items = ["{THREE_UNITS}，并在单位网站公开"]\n',
        "utf-8",
    )
    res = _run(["--store", str(store), "scan", "--json"], env={ENV: str(extra)})
    out = json.loads(res.output)
    assert "+user:" in out["params"]["genre_reference"]
    hits = _with(out["findings"], THREE_UNITS)
    assert hits and all(f["template"] for f in hits)
    assert all("松岭县财政局" in f["template_reason"] for f in hits)
    # the same through the option
    opt = _run(["--store", str(store), "scan", "--json", "--genre-reference", str(extra)])
    assert json.loads(opt.output)["params"]["genre_files"] == [str(extra)]


def test_bad_genre_reference_is_one_line_naming_the_file(store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[group]]\nkind = "phrase"\nitems = ["x"]\n', "utf-8")
    res = CliRunner().invoke(app, ["--store", str(store), "scan", "--genre-reference", str(bad)])
    # the entry point prints a ReportAuditError as one line and exits 2
    assert isinstance(res.exception, GenreReferenceError)
    assert str(res.exception) == f"{bad}: group 1 has no source"
    with pytest.raises(GenreReferenceError, match=r"bad\.toml"):
        reference((str(bad),))


def test_builtin_reference_entries_have_sources() -> None:
    ref = reference()
    assert ref.version.startswith("genre-") and len(ref.entries) > 150
    assert all(e.source.strip() and e.folded for e in ref.entries)
    kinds = {e.kind for e in ref.entries}
    assert kinds == {"heading", "phrase"}
    for heading in ("偏离绩效目标的原因和下一步改进措施", "绩效自评结果拟应用和公开情况"):
        covered, entry = ref.coverage(fold_str(heading))
        assert covered == len(fold_str(heading)) and entry is not None


def _passage(start: int, text: str) -> Passage:
    ref = ReportRef("示例单位", 2023, "self_eval")
    return Passage("r1", ref, "r1.txt", start, start + len(text), text, len(text), "五", "other")


def test_family_tree_pairs_the_closest_copies_not_an_outsider() -> None:
    outsider = _passage(0, "整体支出绩效自评结果为优，确保专款专用，无截留无挪用等现象。")
    same = [
        _passage(100 * n, "项目支出自评结果为优，确保专款专用，无截留无挪用等现象。")
        for n in (1, 2, 3)
    ]
    rel = "within_report_across_funds"
    matches = [Match(outsider, p, 0.85, 3, 1, rel) for p in same]
    matches += [Match(a, b, 1.0, 5, 1, rel) for a, b in itertools.combinations(same, 2)]
    [(places, tree)] = group(matches)
    assert places[0] == outsider and len(places) == 4 and len(tree) == 3
    between_same = [m for m in tree if m.a in same and m.b in same]
    assert len(between_same) == 2  # the three identical closings are linked to each other
    assert sum(outsider in (m.a, m.b) for m in tree) == 1  # the outsider joins once


def test_incremental_check_finds_repeats_inside_a_cell(
    store: Path, scanned: dict[str, Any]
) -> None:
    rev = next(
        str(f["a"]["revision"])
        for f in scanned["findings"]
        if fold_str(CELL) in fold_str(f["a"]["text"])
    )
    out = json.loads(_run(["--store", str(store), "scan", "--new", rev, "--json"]).output)
    hits = _with(out["findings"], CELL)
    places, connected = _connected(hits)
    assert places == 5 and connected and len({f["family"] for f in hits}) == 1


def test_stored_runs_describe_the_reference_they_used() -> None:
    stored = {**ReuseParams().to_dict(), "genre_reference": "genre-2025.9+user:abc"}
    again = ReuseParams.from_dict(stored)
    assert again.genre_version() == "genre-2025.9+user:abc"
    assert "genre=genre-2025.9+user:abc" in again.describe()
    assert ReuseParams().to_dict()["genre_reference"] == reference().version


# These tests read the CLI's English wording (Chinese is the default).
pytestmark = pytest.mark.usefixtures("english_output")
