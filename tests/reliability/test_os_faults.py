"""Disk full and permission denied (issue 14): one line per problem and a summary, never a
traceback; the store stays whole, and a re-run finishes the job.

Disk full needs a small file system: a tmpfs mounted for the test (root with CAP_SYS_ADMIN),
else a file-size limit (RLIMIT_FSIZE) on the child, else the test is skipped with the
reason. Permission denied needs a process that permissions apply to: as root the child runs
without CAP_DAC_OVERRIDE (setpriv), else chmod suffices.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rel_helpers import env_for, invariants, run, write_reports


@contextlib.contextmanager
def small_disk(where: Path, size: str) -> Iterator[bool]:
    """A tmpfs of ``size`` at ``where`` (yields True), or nothing mounted (yields False)."""
    where.mkdir()
    mounted = False
    if os.geteuid() == 0 and shutil.which("mount"):
        mounted = (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                capture_output=True,
            ).returncode
            == 0
        )
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", str(where)], check=False)


def _limit_file_size(limit: int) -> None:
    """In the child: files may not grow beyond ``limit`` bytes (EFBIG, no signal)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _one_line_each(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err
    for line in err.splitlines():
        assert line.startswith(("error:", "warning:", "failed ", "  ")), line


def test_disk_full_mid_import(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_reports(folder, 40, seed=11)
    for path in folder.iterdir():  # make each file big enough to fill 2 MB in a few dozen
        path.write_text(path.read_text("utf-8") + "附注：" + "本段为独有说明。" * 600, "utf-8")
    disk = tmp_path / "disk"
    with small_disk(disk, "2m") as mounted:
        store = f"sqlite:///{disk / 's.db'}"
        if mounted:
            done = run(store, "import", str(folder))
        else:
            try:
                probe = subprocess.run(
                    [sys.executable, "-c", "pass"], preexec_fn=lambda: _limit_file_size(1 << 30)
                )
            except OSError as exc:  # pragma: no cover - platform without rlimits
                pytest.skip(f"neither a tmpfs mount nor RLIMIT_FSIZE available ({exc})")
            assert probe.returncode == 0
            done = subprocess.run(
                [sys.executable, "-m", "reportaudit", "import", str(folder)],
                capture_output=True,
                text=True,
                encoding="utf-8",
                env=env_for(store),
                timeout=300,
                preexec_fn=lambda: _limit_file_size(2 * 1024 * 1024),
            )
        assert done.returncode == 1
        _one_line_each(done.stderr)
        summary = done.stdout.strip().splitlines()[-1]
        assert "failed" in summary and "stopped: the store takes no more writes" in summary
        if mounted:  # scan on the full disk: one line too, not a traceback
            scan = run(store, "scan")
            assert scan.returncode != 0
            _one_line_each(scan.stderr)
            # an export onto the full disk leaves no partial file and no export event
            other = f"sqlite:///{tmp_path / 'other.db'}"
            assert run(other, "import", str(folder / "r000.txt")).returncode == 0
            paper = disk / "paper.html"
            export = run(other, "export", "findings", "-o", str(paper))
            assert export.returncode != 0
            _one_line_each(export.stderr)
            assert not paper.exists() and not list(disk.glob(".paper.html.tmp-*"))
            assert invariants(other)["problems"] == []
            subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        state = invariants(store)
        assert state["problems"] == [] and state["duplicates"] == [] and state["lost"] == []
        again = run(store, "import", str(folder))
        assert again.returncode == 0, again.stderr
        state = invariants(store)
        assert len(state["names"]) == 40 and state["pending"] == [] and state["problems"] == []


def _without_dac() -> list[str]:
    """A command prefix under which file permissions apply to this process's children."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def test_unreadable_files_and_folders(tmp_path: Path) -> None:
    prefix = _without_dac()
    root = tmp_path / "in"
    write_reports(root / "ok", 1, seed=3)
    write_reports(root / "locked", 1, seed=4)
    secret = tmp_path / "secret.txt"
    secret.write_bytes((root / "ok" / "r000.txt").read_bytes() + b"\n")
    inside = root / "locked" / "r000.txt"
    (root / "locked").chmod(0)
    secret.chmod(0)
    try:
        done = subprocess.run(
            [
                *prefix,
                sys.executable,
                "-m",
                "reportaudit",
                "import",
                str(root),
                str(secret),
                str(inside),
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env_for(f"sqlite:///{tmp_path / 's.db'}"),
            timeout=120,
        )
    finally:
        (root / "locked").chmod(0o755)
        secret.chmod(0o644)
    assert done.returncode == 1
    _one_line_each(done.stderr)
    err = done.stderr
    assert f"{root / 'locked'}: cannot read folder: Permission denied" in err
    assert f"{inside}: cannot read: Permission denied" in err
    assert f"{secret}: cannot read: Permission denied" in err
    assert "1 imported, 0 already stored, 3 failed" in done.stdout


# These tests read the CLI's English wording (Chinese is the default).
pytestmark = pytest.mark.usefixtures("english_output")
