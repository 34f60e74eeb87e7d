"""Benchmark of ``reportaudit scan`` through the store: N stored reports, phase by phase.

Why beside ``bench_reuse``: that benchmark hands the matcher Documents from a binary cache
(the matching engine's own speed); this one runs ``services.reuse.scan_store`` exactly as
``reportaudit scan --no-checks`` does, on a store built by the import benchmark, so
reading the revisions from SQLite and saving the run's findings are counted too.

Usage (the store is built once, about 4 minutes for 10,000):
  python -m benchmarks.bench_import --one 10000 --keep /tmp/ra-store10k.db
  python -m benchmarks.bench_scan_store /tmp/ra-store10k.db [--workers N]
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main(argv: list[str]) -> None:
    """Scan the store at ``argv[0]`` once and print one JSON line of timings and memory."""
    import reportaudit.services.reuse as reuse
    from benchmarks.bench_import import timed_into
    from reportaudit.store.engine import open_store

    path = argv[0]
    workers = int(argv[argv.index("--workers") + 1]) if "--workers" in argv else None
    phases: dict[str, float] = {}
    reuse.ReuseIndex.__init__ = timed_into(phases, "read_fold_index_s", reuse.ReuseIndex.__init__)  # type: ignore[method-assign]
    reuse.ReuseIndex.scan = timed_into(phases, "match_s", reuse.ReuseIndex.scan)  # type: ignore[method-assign]
    reuse.save_run = timed_into(phases, "save_run_s", reuse.save_run)  # type: ignore[attr-defined]
    store = open_store(f"sqlite:///{path}", create=False)
    t = time.perf_counter()
    out = reuse.scan_store(store, actor="bench", checks=False, workers=workers)
    total = time.perf_counter() - t
    stats = {k: round(v, 1) for k, v in out.result.stats.items() if k.endswith("_s")}
    print(
        json.dumps(
            {
                "revisions": len(out.run.revisions),
                "findings": len(out.result.findings),
                "total_s": round(total, 1),
                **{k: round(v, 1) for k, v in phases.items()},
                "engine_stats": stats,
                "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "peak_rss_child_mib": round(
                    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
                ),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
