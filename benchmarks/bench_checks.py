"""Benchmark: the in-report checks (issue 13's goals: ≤ 5 ms per report on average for
reports like ../shared/corpus; ``check --all`` on 1,000 bench-peer reports in ≤ 10 s).

Why a script and not a timed test: timings depend on the machine and on what else runs on
it; the test suite must stay deterministic. Run from the checkout:

    .venv/bin/python benchmarks/bench_checks.py                 # both parts
    .venv/bin/python benchmarks/bench_checks.py --corpus-only
    .venv/bin/python benchmarks/bench_checks.py --store /tmp/peer.db   # reuse an imported store

Part 1 runs ``run_checks`` in this process over the real reports of ../shared/corpus (warm:
parsed once, checked ``--repeat`` times; the figure cache is cleared before each round so
figures are extracted every time) and prints the mean wall and CPU time per report.

Part 2 generates 1,000 reports with ../shared/bench-peer/gen_corpus.py (``--reports 1000
--seed 1 --source ../shared/corpus``), imports them into a fresh SQLite store (not timed),
and times ``reportaudit check --all`` end to end as a user runs it (a subprocess, output to
/dev/null): wall time and CPU time (user + system of the child and its workers), with the
default number of workers and with one (``REPORTAUDIT_WORKERS=1``), ``--runs`` times each
(median printed, with the CPU range). The load average is printed beside the figures: on a
shared machine wall time rises with it, CPU time much less — CPU time with one worker is the
figure to compare across machines and days.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RA = Path(sys.executable).with_name("reportaudit")


def corpus_part(repeat: int) -> None:
    """Mean milliseconds per report of run_checks over ../shared/corpus."""
    from reportaudit.checks import run_checks
    from reportaudit.figures import clear_figure_cache
    from reportaudit.metadata import infer
    from reportaudit.services.derive import derive

    files = sorted((SHARED / "corpus").glob("*.txt"))
    if not files:
        print("../shared/corpus not found: part 1 skipped")
        return
    docs = [derive(p.read_bytes(), p.name)[1] for p in files]
    metas = [infer(d) for d in docs]
    units = [m.unit for m in metas]
    run_checks(docs[0], meta=metas[0])  # load the tables once
    rounds, cpu_rounds = [], []
    for _ in range(repeat):
        clear_figure_cache()
        t, c = time.perf_counter(), time.process_time()
        for doc, meta in zip(docs, metas, strict=True):
            run_checks(doc, meta=meta, other_units=units)
        rounds.append((time.perf_counter() - t) / len(docs) * 1000)
        cpu_rounds.append((time.process_time() - c) / len(docs) * 1000)
    chars = sum(len(d.text) for d in docs) // len(docs)
    print(
        f"corpus: {len(docs)} reports, {chars:,} characters on average: "
        f"{statistics.mean(rounds):.2f} ms per report wall, {statistics.mean(cpu_rounds):.2f} ms "
        f"CPU (medians of rounds {statistics.median(rounds):.2f} / "
        f"{statistics.median(cpu_rounds):.2f} ms, {repeat} rounds; load average "
        f"{os.getloadavg()[0]:.1f}; goal ≤ 5 ms)"
    )


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def peer_part(store: Path | None, reports: int, runs: int) -> None:
    """Time ``reportaudit check --all`` on a store of bench-peer reports."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-checks-"))
    try:
        env = dict(os.environ, REPORTAUDIT_ACTOR="bench")
        if store is None:
            gen = SHARED / "bench-peer" / "gen_corpus.py"
            if not gen.exists():
                print("../shared/bench-peer not found: part 2 skipped")
                return
            out = tmp / "corpus"
            subprocess.run(
                [sys.executable, str(gen), "--reports", str(reports), "--seed", "1",
                 "--out", str(out), "--source", str(SHARED / "corpus"), "--quiet"],
                check=True,
            )  # fmt: skip
            store = tmp / "s.db"
            print(f"importing {reports} generated reports (not timed) …", flush=True)
            subprocess.run(
                [str(RA), "--store", str(store), "import", str(out)],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        cmd = [str(RA), "--store", str(store), "check", "--all"]
        for label, extra in (("default workers", {}), ("1 worker", {"REPORTAUDIT_WORKERS": "1"})):
            walls, cpus, loads = [], [], []
            for _ in range(runs):
                loads.append(os.getloadavg()[0])
                wall, cpu = _run(cmd, {**env, **extra})
                walls.append(wall)
                cpus.append(cpu)
            print(
                f"check --all, {label}: {statistics.median(walls):.1f} s wall, "
                f"{statistics.median(cpus):.1f} s CPU, median of {runs} "
                f"(CPU {min(cpus):.1f}–{max(cpus):.1f} s; load average before: "
                f"{min(loads):.1f}–{max(loads):.1f}; goal ≤ 10 s wall)"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    """Parse arguments and run the parts asked for."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=30, help="rounds over the corpus")
    ap.add_argument("--reports", type=int, default=1000, help="bench-peer reports")
    ap.add_argument("--store", type=Path, help="an imported store to check instead")
    ap.add_argument("--runs", type=int, default=3, help="runs of check --all per setting")
    ap.add_argument("--corpus-only", action="store_true")
    args = ap.parse_args()
    corpus_part(args.repeat)
    if not args.corpus_only:
        peer_part(args.store, args.reports, args.runs)


if __name__ == "__main__":
    main()
