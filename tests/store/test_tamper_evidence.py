"""Everything that is evidence is in the chain (issue 14): an insider's direct edits of the
database that `verify` did not notice before — the importer's name, reuse findings deleted
or rewritten, consistency findings deleted — are caught and named now.

The store is built by the real commands (import, scan) once, copied per test, then changed
behind the tool's back (append-only triggers dropped first, as an attacker with the database
would). SQLite only: the same checks run on PostgreSQL in test_verify.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cli_helpers import cli
from store_helpers import tamper

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "reports"
REPORTS = ("hewan_eco_2021.txt", "hewan_eco_2022.txt", "hewan_eco_2023.txt")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three related reports imported and scanned once (reuse findings and check runs)."""
    path = tmp_path_factory.mktemp("tamper") / "template.db"
    url = f"sqlite:///{path}"
    args = [str(FIX / name) for name in REPORTS]
    assert _cli(url, "import", *args).returncode == 0
    done = _cli(url, "scan")
    assert done.returncode == 0, done.stderr
    assert _cli(url, "verify").returncode == 0
    return path


@pytest.fixture
def scanned(template: Path, tmp_path: Path) -> str:
    """A private copy of the scanned store, as a URL."""
    copy = tmp_path / "s.db"
    shutil.copy(template, copy)
    return f"sqlite:///{copy}"


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command on the store at ``url`` (SQLite or PostgreSQL)."""
    return cli(Path("unused"), *args, extra_env={"REPORTAUDIT_STORE": url})


def _broken(url: str) -> str:
    done = _cli(url, "verify")
    assert done.returncode == 1, done.stdout
    return done.stderr


def test_changed_importer_is_caught(scanned: str) -> None:
    tamper(scanned, "UPDATE revision SET actor = 'mallory' WHERE id = 2")
    assert "revision 2 (file hewan_eco_2022.txt): actor differ" in _broken(scanned)


def test_deleted_reuse_findings_are_caught(scanned: str) -> None:
    tamper(scanned, "DELETE FROM reuse_finding WHERE id IN (SELECT min(id) FROM reuse_finding)")
    assert "reuse run 1: its stored findings or shares differ" in _broken(scanned)


def test_rewritten_severity_and_explanation_are_caught(scanned: str) -> None:
    tamper(
        scanned,
        "UPDATE reuse_finding SET severity = 1, "
        "data_json = replace(data_json, 'identical', 'similar') "
        "WHERE id IN (SELECT min(id) FROM reuse_finding)",
    )
    assert "reuse run 1: its stored findings or shares differ" in _broken(scanned)


def test_deleted_reuse_run_is_caught(scanned: str) -> None:
    tamper(
        scanned,
        "DELETE FROM reuse_finding",
        "DELETE FROM reuse_summary",
        "DELETE FROM reuse_run",
    )
    assert "reuse run 1: recorded by the audit trail but missing" in _broken(scanned)


def test_deleted_consistency_findings_are_caught_by_verify(scanned: str) -> None:
    tamper(
        scanned,
        "DELETE FROM check_finding",
        "DELETE FROM check_run WHERE id IN (SELECT min(id) FROM check_run)",
    )
    err = _broken(scanned)
    assert "recorded by the audit trail as the current result but missing" in err


def test_changed_original_size_is_caught(scanned: str) -> None:
    tamper(scanned, "UPDATE original SET size = size + 1")
    assert "original size" in _broken(scanned)
