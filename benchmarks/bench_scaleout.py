"""Benchmark of issue 17: the scan through local workers and through a 2-worker Dask
LocalCluster, with peak memory of the whole process tree, time and the findings digest.

Why a process per run: peak memory is sampled (psutil, every 0.1 s) over the run's process
and all its descendants (forked local workers, the LocalCluster's nanny and worker
processes), so each run starts from a fresh interpreter. The corpus is ``corpusgen``'s
(cached in ``/tmp/reportaudit-bench`` by ``bench_reuse``), read from pickled Documents as a
store would hand them over; the store itself (import, saving the run) is not part of it.

Modes: ``local`` (the default scan: unsharded candidate stage, forked workers), ``sharded``
(candidate stage as hash-range shards within ``--memory`` on forked workers) and ``dask``
(the same shards on ``--cluster local:2``). The digest must be the same for all three.

Usage: python -m benchmarks.bench_scaleout N [--memory 2GiB] [--modes local,sharded,dask]
       [--out FILE]
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

MODES = ("local", "sharded", "dask")


def run_one(n: int, mode: str, memory: str) -> dict[str, Any]:
    """One scan in this process (called in a child by ``measure``); prints JSON."""
    from benchmarks.bench_reuse import _doc, corpus_dir, digest
    from reportaudit.matching.executor import make_executor
    from reportaudit.matching.scan import ReuseIndex
    from reportaudit.matching.shards import parse_memory

    d = corpus_dir(n)
    names = json.loads((d / "truth.json").read_text("utf-8"))["reports"][:n]
    metas = json.loads((d / "meta.json").read_text("utf-8")) if (d / "meta.json").exists() else {}
    docs = [_doc(d, nm, tuple(metas[nm]) if nm in metas else None) for nm in names]
    stages: list[tuple[str, float]] = []
    t0 = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        if done == total:
            stages.append((stage, round(time.perf_counter() - t0, 2)))

    ex = None
    if mode != "local":
        ex = make_executor("local:2" if mode == "dask" else None, progress=progress)
    startup = time.perf_counter() - t0
    try:
        ix = ReuseIndex(docs, executor=ex, memory=parse_memory(memory) if mode != "local" else None)
        result = ix.scan()
    finally:
        if ex is not None:
            ex.close()
    return {
        "n": n,
        "mode": mode,
        "memory": memory if mode != "local" else None,
        "cluster_start_s": round(startup, 2),
        "scan_s": round(time.perf_counter() - t0, 2),
        "findings": len(result.findings),
        "digest": digest(result),
        "stages_done_at_s": stages,
        "stats": {k: round(v, 3) for k, v in result.stats.items()},
    }


def measure(n: int, mode: str, memory: str) -> dict[str, Any]:
    """Run ``run_one`` in a child process, sampling the RSS of its whole process tree."""
    import psutil

    cmd = [sys.executable, "-m", "benchmarks.bench_scaleout", "--child", str(n), mode, memory]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(proc.pid)
        while not stop.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, _ = proc.communicate()
    stop.set()
    th.join()
    got: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    got["wall_s"] = round(time.perf_counter() - t0, 2)
    got["peak_tree_mib"] = round(peak / 2**20)
    return got


def main(argv: list[str]) -> None:
    """Parse the command line and print (and optionally save) one JSON line per mode."""
    if argv and argv[0] == "--child":
        print(json.dumps(run_one(int(argv[1]), argv[2], argv[3])))
        return
    n = int(argv[0])
    memory = "2GiB"
    modes = list(MODES)
    out: Path | None = None
    rest = argv[1:]
    while rest:
        flag, val, rest = rest[0], rest[1], rest[2:]
        if flag == "--memory":
            memory = val
        elif flag == "--modes":
            modes = val.split(",")
        elif flag == "--out":
            out = Path(val)
    rows = []
    for mode in modes:
        row = measure(n, mode, memory)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        rows.append(row)
    same = len({r["digest"] for r in rows}) == 1
    print(json.dumps({"same_digest": same}))
    if out is not None:
        out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
