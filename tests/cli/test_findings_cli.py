"""`scan` runs reuse detection and the consistency checks; `findings` lists both kinds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cli_helpers import cli, jcli


def test_scan_and_unified_findings_on_the_real_corpus(corpus_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    cli(store, "import", str(corpus_dir), check=True)
    scanned = json.loads(cli(store, "scan", "--json", check=True).stdout)
    assert scanned["findings"] and scanned["checks"]
    everything = jcli(store, "findings")
    kinds = {f["kind"] for f in everything}
    assert "reuse" in kinds and {"stale_year", "arithmetic"} <= kinds
    assert [f["severity"] for f in everything] == sorted(
        (f["severity"] for f in everything), reverse=True
    )
    assert {f["status"] for f in everything} == {"open"}
    stale = jcli(store, "findings", "--kind", "stale_year")
    assert stale and {f["kind"] for f in stale} == {"stale_year"}
    assert all(f["report"]["year"] == 2023 for f in stale)
    reuse_only = jcli(store, "findings", "--kind", "reuse")
    assert {f["kind"] for f in reuse_only} == {"reuse"}
    # a review decision shows in the listing and filters by status
    target = stale[0]["id"]
    cli(store, "review", target, "--status", "confirmed", "--note", "年度写错", check=True)
    confirmed = jcli(store, "findings", "--status", "confirmed")
    assert [f["id"] for f in confirmed] == [target]
    # the filters: --report, --type, --relation
    party = jcli(store, "findings", "--report", "党群工作部")

    def revisions(f: dict[str, object]) -> set[str]:
        """Revision ids a finding touches (check findings name one, reuse findings two)."""
        if "a" in f:
            return {str(f["a"]["revision"]), str(f["b"]["revision"])}  # type: ignore[index]
        return {str(f["revision"])}

    assert party and all("1" in revisions(f) for f in party)
    deviation = jcli(store, "findings", "--type", "deviation")
    assert deviation and all(
        "deviation" in (f["a"]["section_type"], f["b"]["section_type"]) for f in deviation
    )
    cross = jcli(store, "findings", "--relation", "cross-unit")
    assert cross and all(f["relation"].startswith("across_units") for f in cross)
    units = {(f["a"]["report"]["unit"], f["b"]["report"]["unit"]) for f in cross}
    assert all(a != b for a, b in units)
    bad = cli(store, "findings", "--kind", "nonsense")
    assert bad.returncode == 2 and "unknown kind" in bad.stderr


def test_scan_without_checks(tmp_path: Path) -> None:
    fixtures = Path(__file__).resolve().parents[2] / "fixtures" / "reports"
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("qingchuan_agri_2022.txt", "qingchuan_agri_2023_r1.txt"):
        shutil.copy(fixtures / name, folder / name)
    store = tmp_path / "s.db"
    cli(store, "import", str(folder), check=True)
    scanned = json.loads(cli(store, "scan", "--no-checks", "--json", check=True).stdout)
    assert scanned["checks"] == []
    deviation = [f for f in scanned["findings"] if f["a"]["section_type"] == "deviation"]
    assert deviation and deviation[0]["severity"] >= 80


def test_demo_shows_the_planted_copies_and_the_revision_changes(tmp_path: Path) -> None:
    """README's first command: import the fixtures, scan, diff the revised report."""
    out = cli(tmp_path / "unused.db", "demo", "--demo-store", str(tmp_path / "demo.db"), check=True)
    text = out.stdout
    reports = Path(__file__).resolve().parents[2] / "fixtures" / "reports"
    assert text.count("  imported ") == len(list(reports.iterdir()))
    assert " failed " not in text
    assert "identical except the year (2022→2023)" in text  # planted copy 1 (fixtures/README)
    assert "(4 places)" in text  # planted copy 3: the closing sentence of four projects
    assert "96.82% → 96.53%" in text  # a figure changed between r1 and r2
    assert "audit trail: OK" in text
    # the store named by $REPORTAUDIT_STORE is neither used nor touched, and the user hears so
    assert "--store is not used by demo" in out.stderr
    assert not (tmp_path / "unused.db").exists()
