"""What reuse findings mean on the real reports, imported into one store and scanned
(skipped when ../shared/corpus is absent): copies between units stay copies in a small
store, 001's closing sentence is one connected family, no required heading is a copy."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reportaudit.cli.main import app
from reportaudit.cli.reuse_cmd import family_places, register
from reportaudit.matching.genre import reference
from reportaudit.matching.normalize import fold_str

if "scan" not in {c.name for c in app.registered_commands}:
    register(app)

pytestmark = pytest.mark.corpus
ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("REPORTAUDIT_CORPUS", ROOT.parent / "shared" / "corpus"))
CLOSING = "项目经费支出确保专款专用"


def _run(args: list[str]) -> str:
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if len(files) < 3:
        pytest.skip(f"real corpus not found at {CORPUS}")
    db = tmp_path_factory.mktemp("corpus") / "c.db"
    _run(["--store", str(db), "import", *map(str, files)])
    return db


@pytest.fixture(scope="module")
def scanned(store: Path) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(_run(["--store", str(store), "scan", "--json"]))
    return out


def _rev(scanned: dict[str, Any], prefix: str) -> str:
    """The revision imported from the corpus file starting with ``prefix``."""
    for f in scanned["findings"]:
        for p in (f["a"], f["b"]):
            if p["filename"].startswith(prefix):
                return str(p["revision"])
    raise AssertionError(prefix)


@pytest.mark.parametrize(
    "phrase",
    ["强化财政预算资金管理，针对不同", "对项目支出情况、绩效指标情况、结果运用情况进行了自评"],
)
def test_sentences_of_000_and_003_are_copies(scanned: dict[str, Any], phrase: str) -> None:
    pair = {_rev(scanned, "000"), _rev(scanned, "003")}
    key = fold_str(phrase)
    hits = [
        f
        for f in scanned["findings"]
        if {str(f["a"]["revision"]), str(f["b"]["revision"])} == pair
        and key in fold_str(f["a"]["text"])
    ]
    assert hits and not any(f["template"] for f in hits), hits
    assert all(f["relation"] == "across_units_same_year" for f in hits)


def test_closing_sentence_of_001_is_one_connected_family(
    store: Path, scanned: dict[str, Any]
) -> None:
    rev = _rev(scanned, "001")
    key = fold_str(CLOSING)
    fams = {
        f["family"]
        for f in scanned["findings"]
        if str(f["a"]["revision"]) == rev and key in fold_str(f["a"]["text"] + f["b"]["text"])
    }
    assert len(fams) == 1
    fam = fams.pop()
    out = json.loads(_run(["--store", str(store), "findings", "--family", fam, "--json"]))
    places, findings = out["places"], [f for f in out["findings"] if f["kind"] == "reuse"]
    closings = [p for p in places if key in fold_str(p["text"])]
    assert len(closings) >= 7 and len(places) >= 9 and not out["template"]
    assert len(findings) == len(places) - 1  # a spanning tree
    # the seven identical closings are paired with each other, not only with an outsider
    identical = [
        f for f in findings if key in fold_str(f["a"]["text"]) and key in fold_str(f["b"]["text"])
    ]
    assert len(identical) >= 6
    # every place reaches every other through listed findings
    index = {(str(p["revision"]), p["start"]): n for n, p in enumerate(places)}

    def place(p: dict[str, Any]) -> int:
        if (str(p["revision"]), p["start"]) in index:
            return index[(str(p["revision"]), p["start"])]
        return next(
            n
            for n, q in enumerate(places)
            if 2 * (min(p["end"], q["end"]) - max(p["start"], q["start"]))
            >= max(p["end"] - p["start"], q["end"] - q["start"])
        )

    parent = list(range(len(places)))

    def root(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for f in findings:
        parent[root(place(f["a"]))] = root(place(f["b"]))
    assert len({root(n) for n in range(len(places))}) == 1
    assert len(family_places(findings)) == len(places)


def test_no_required_heading_is_a_copy(scanned: dict[str, Any]) -> None:
    ref = reference()
    for f in scanned["findings"]:
        if f["template"]:
            continue
        for p in (f["a"], f["b"]):
            folded = fold_str(p["text"])
            covered, _ = ref.coverage(folded)
            assert 2 * covered < len(folded), p["text"]
        assert not (f["a"]["heading"] and f["b"]["heading"]), f


def test_shared_outline_headings_are_template_with_their_source(store: Path) -> None:
    # Headings are short; lower the passage floor so that they are matched at all.
    out = json.loads(_run(["--store", str(store), "scan", "--min-chars", "10", "--json"]))
    headings = [f for f in out["findings"] if f["a"]["heading"] and f["b"]["heading"]]
    titles = {fold_str(f["a"]["text"]): f for f in headings}
    for title in ("偏离绩效目标的原因及下一步改进措施", "绩效自评工作组织开展情况"):
        f = titles[fold_str(title)]
        assert f["template"] and f["template_reason"].startswith("standard outline heading")
        assert "甘肃省" in f["template_reason"]
    assert all(f["template"] for f in headings)
    # three units: the store's frequency never makes anything template
    assert not [f for f in out["findings"] if " units" in f["template_reason"]]


def test_corpus_reruns_are_byte_identical(store: Path, scanned: dict[str, Any]) -> None:
    again = json.loads(_run(["--store", str(store), "scan", "--json"]))
    strip = [[{**f, "run": 0} for f in x["findings"]] for x in (scanned, again)]
    assert json.dumps(strip[0], ensure_ascii=False) == json.dumps(strip[1], ensure_ascii=False)
