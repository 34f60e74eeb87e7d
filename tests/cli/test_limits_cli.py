"""`reportaudit import` and the limits: one line per refused file, the batch goes on, and
identical bytes are recognised before they are parsed."""

from __future__ import annotations

import sys
from pathlib import Path

from cli_helpers import cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))
from limit_files import docx_bomb

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "reports"


def test_over_a_limit_is_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bomb.docx").write_bytes(docx_bomb(3 * 1024 * 1024))
    (folder / "ok.txt").write_bytes((FIX / "hewan_eco_2021.txt").read_bytes())
    done = cli(tmp_path / "s.db", "import", str(folder), "--max-part-bytes", "1000000")
    assert done.returncode == 1
    lines = [x for x in done.stderr.splitlines() if "bomb.docx" in x]
    assert (
        len(lines) == 1 and "over the limit of 1,000,000 inflated bytes per .docx part" in lines[0]
    )
    assert "--max-part-bytes" in lines[0]
    assert "1 imported, 0 already stored, 1 failed" in done.stdout


def test_a_stored_file_is_recognised_before_parsing(tmp_path: Path) -> None:
    """Re-imported under a character limit it would now exceed: still "already stored",
    because the sha256 is looked up before the file is read as a report."""
    report = FIX / "hewan_eco_2021.txt"
    store = tmp_path / "s.db"
    assert cli(store, "import", str(report)).returncode == 0
    again = cli(store, "import", str(report), "--max-chars", "10")
    assert again.returncode == 0, again.stderr
    assert "already stored as revision 1" in again.stdout


def test_a_bad_limit_value_is_one_line(tmp_path: Path) -> None:
    done = cli(
        tmp_path / "s.db",
        "import",
        str(FIX / "hewan_eco_2021.txt"),
        extra_env={"REPORTAUDIT_MAX_CHARS": "lots"},
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "REPORTAUDIT_MAX_CHARS" in done.stderr
