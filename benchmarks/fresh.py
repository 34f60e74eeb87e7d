"""Run one benchmark measurement in a fresh process and keep its JSON line.

Why a fresh process per size: peak RSS (ru_maxrss) only ever grows, so each size must be
measured in a process of its own to report its own memory.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_fresh(module: str, args: list[str], out: Path | None) -> str:
    """Run ``python -m module --one *args``; print its last line and append it to ``out``."""
    res = subprocess.run(
        [sys.executable, "-m", module, "--one", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    line = res.stdout.strip().splitlines()[-1]
    print(line, flush=True)
    if out:
        with out.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    return line
