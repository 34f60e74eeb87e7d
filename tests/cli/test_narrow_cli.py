"""The CLI at 80 columns (issue 16): ids whole, units whole, figures never split across
lines, a status on every finding, an id on consistency findings, counts after a scan, and a
unique id prefix accepted by ``review``. Run in a child process with ``COLUMNS=80``, on the
reports in fixtures/reports and a planted check report (our own)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.cli_helpers import cli, jcli

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "reports"
NARROW = {"COLUMNS": "80"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("narrow") / "s.db"
    cli(path, "import", str(FIXTURES), str(FIXTURES.parent / "checks" / "planted_2023.txt"))
    return path


@pytest.fixture(scope="module")
def scan_output(store: Path) -> str:
    return cli(store, "scan", "--limit", "5", check=True, extra_env=NARROW).stdout


def _fits(text: str, width: int = 80) -> None:
    from rich.cells import cell_len

    for line in text.splitlines():
        assert cell_len(line.rstrip()) <= width, line


def test_scan_prints_counts_and_the_next_step(store: Path, scan_output: str) -> None:
    _fits(scan_output)
    counted = re.search(r"scanned (\d+) revision\(s\): (\d+) reuse finding", scan_output)
    assert counted, scan_output
    findings = jcli(store, "findings", "--kind", "reuse")
    assert int(counted.group(2)) == len(findings)
    assert "consistency finding(s)" in scan_output
    assert "next: reportaudit findings" in scan_output


def test_findings_show_whole_ids_and_status_at_80_columns(store: Path, scan_output: str) -> None:
    out = cli(store, "findings", check=True, extra_env=NARROW).stdout
    _fits(out)
    listed = jcli(store, "findings")
    reuse = [f for f in listed if "a" in f]
    checks = [f for f in listed if "spans" in f]
    assert reuse and checks
    ids = {f["id"] for f in listed}
    headers = re.findall(r"^ *\d+ (\w{16,}) (open|confirmed|template|dismissed) ", out, re.M)
    shown = {i for i, _ in headers}
    assert shown <= ids  # whole ids, never cut
    assert {f["id"] for f in checks} <= shown  # consistency findings carry their id too
    assert len(shown & {f["id"] for f in reuse}) >= 1


def test_review_takes_a_unique_prefix_and_names_the_candidates_of_an_ambiguous_one(
    store: Path, scan_output: str
) -> None:
    ids = sorted(f["id"] for f in jcli(store, "findings"))
    target = ids[0]
    prefix = next(
        target[:n] for n in range(2, len(target)) if sum(i.startswith(target[:n]) for i in ids) == 1
    )
    done = cli(store, "review", prefix, "--status", "confirmed", "--note", "同上年", check=True)
    assert target in done.stdout
    history = jcli(store, "review", target)
    assert history["status"] == "confirmed" and history["history"][0]["note"] == "同上年"
    out = cli(store, "findings", extra_env=NARROW).stdout
    assert re.search(rf"{target} confirmed", out)
    shared = next((p for p in (i[:1] for i in ids) if sum(i.startswith(p) for i in ids) > 1), None)
    if shared is not None:
        bad = cli(store, "review", shared, "--note", "x")
        assert bad.returncode == 1 and "is the start of" in bad.stderr
    missing = cli(store, "review", "zzzz", "--note", "x")
    assert missing.returncode == 1 and "no stored finding" in missing.stderr


def test_reports_keep_unit_names_whole_at_80_columns(store: Path) -> None:
    out = cli(store, "reports", check=True, extra_env=NARROW).stdout
    _fits(out)
    for r in jcli(store, "reports"):
        assert r["unit"] in out


def test_diff_never_splits_a_figure_at_80_columns(store: Path) -> None:
    a, b = "青川县农业农村局 2023@1", "青川县农业农村局 2023@2"
    for extra in ((), ("--side-by-side",)):
        out = cli(store, "diff", a, b, *extra, check=True, extra_env=NARROW).stdout
        _fits(out)
        for figure in ("3,012.45万元", "3,021.45万元", "2,769.15万元", "96.53%", "90.5分"):
            assert figure in out, (extra, figure)
    side = cli(store, "diff", a, b, "--side-by-side", check=True, extra_env=NARROW).stdout
    labelled = [ln for ln in side.splitlines() if ln.count("(paragraph changed)") == 2]
    assert labelled  # both columns say what happened to the paragraph


def test_log_fits_80_columns_with_whole_hashes(store: Path) -> None:
    ref = "青川县农业农村局 2023"
    out = cli(store, "log", ref, check=True, extra_env=NARROW).stdout
    _fits(out)
    for rev in jcli(store, "log", ref)["revisions"]:
        assert rev["sha256"][:12] in out and rev["filename"][:10] in out
