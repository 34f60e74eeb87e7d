"""Benchmark: how long the ``reportaudit`` command takes to answer, and what each command
imports.

Why a script and not a timed test: start-up time depends on the machine and its load, so
the goal (issue 16: ``--version`` and ``--help`` in ≤ 0.3 s; each command importing only
what it uses) is measured here and the figures go in the README.

Run::

    .venv/bin/python benchmarks/bench_cli_startup.py [--runs 7] [--python .venv/bin/python]

For ``--version``, ``--help`` and ``COMMAND --help`` of every command it prints the median
wall time of ``--runs`` fresh interpreters (``python -m reportaudit …``, one warm-up run
left out), and from one ``python -X importtime`` run the number of modules imported and
which heavy packages were among them (SQLAlchemy, numpy, openpyxl, Textual, RapidOCR …).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from reportaudit.cli.registry import COMMANDS

HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "numpy",
    "openpyxl",
    "textual",
    "rapidocr_onnxruntime",
    "onnxruntime",
    "docx",
    "pypdf",
    "pdfminer",
    "diff_match_patch",
    "reportaudit.matching",
    "reportaudit.checks",
    "reportaudit.ingest",
    "reportaudit.export",
)


def _time(python: str, args: list[str], runs: int) -> float:
    """Median wall seconds of ``runs`` fresh runs (after one warm-up)."""
    cmd = [python, "-m", "reportaudit", *args]
    subprocess.run(cmd, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


_PROBE = """
import json, sys
sys.argv = ["reportaudit", *json.loads(sys.argv[1])]
from reportaudit.cli.main import run
try:
    run()
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


def _imports(python: str, args: list[str]) -> tuple[int, list[str]]:
    """Modules loaded by one run (``sys.modules`` at exit: ``-X importtime`` misses modules
    loaded through ``importlib.import_module``), and the heavy packages among them."""
    done = subprocess.run(
        [python, "-c", _PROBE, json.dumps(args)], capture_output=True, text=True, check=False
    )
    names = json.loads(done.stderr.strip().splitlines()[-1])
    heavy = [h for h in HEAVY if h in names]
    return len(names), heavy


def main() -> None:
    """Print one row per command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--python", default=sys.executable)
    opts = parser.parse_args()
    lines = (
        [["--version"], ["--help"]] + [[c.name, "--help"] for c in COMMANDS] + [["tui", "--help"]]
    )
    print(f"{'command line':<22} {'median s':>8} {'modules':>7}  heavy packages imported")
    for args in lines:
        seconds = _time(opts.python, args, opts.runs)
        count, heavy = _imports(opts.python, args)
        print(f"{' '.join(args):<22} {seconds:8.3f} {count:7d}  {', '.join(heavy) or '-'}")


if __name__ == "__main__":
    main()
