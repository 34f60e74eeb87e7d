"""Run the real `reportaudit` command in a child process against a store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def cli(
    store: Path, *args: str, check: bool = False, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command in a child process against ``store`` (``extra_env`` added)."""
    env = {**os.environ, "REPORTAUDIT_STORE": str(store), "REPORTAUDIT_ACTOR": "审计员甲"}
    env.update(extra_env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "reportaudit", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}")
    return proc


def jcli(store: Path, *args: str) -> Any:
    """Run a --json command and decode its output."""
    return json.loads(cli(store, *args, "--json", check=True).stdout)
