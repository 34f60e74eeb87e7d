"""The matching package loads its modules on first use: ``check`` (which needs only
``matching.parallel``) must not import numpy and the matcher, and the package's public
names stay what they were."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> str:
    """Run ``code`` in a fresh interpreter and return its output."""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_parallel_alone_does_not_import_numpy() -> None:
    out = _run("import sys, reportaudit.matching.parallel; print('numpy' in sys.modules)")
    assert out == "False"


def test_public_names_are_the_objects_not_the_submodules() -> None:
    out = _run(
        "import reportaudit.matching.scan\n"
        "from reportaudit.matching import ReuseIndex, ScanResult, scan\n"
        "print(callable(scan), type(scan).__name__, ReuseIndex.__name__, ScanResult.__name__)"
    )
    assert out == "True function ReuseIndex ScanResult"
