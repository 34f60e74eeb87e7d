"""Run per-document work over a corpus in worker processes (fork), in deterministic order.

Why: loading and folding every revision dominates a large scan and is embarrassingly
parallel. Workers inherit the document list through fork (loaders are closures and need
not be picklable); only small results come back. Results are returned in input order, so
the output does not depend on the number of workers.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Sequence
from typing import Any

_STATE: dict[str, Any] = {}


def _call(args: tuple[int, int]) -> list[Any]:
    """Worker body: apply the registered function to items ``lo..hi``."""
    lo, hi = args
    fn = _STATE["fn"]
    items = _STATE["items"]
    return [fn(items[i]) for i in range(lo, hi)]


def default_workers() -> int:
    """Workers to use: the CPUs this process may run on, at most 2 unless asked otherwise."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - non-Linux
        n = os.cpu_count() or 1
    return max(1, min(n, int(os.environ.get("REPORTAUDIT_WORKERS", "2"))))


def map_ordered(fn: Callable[[Any], Any], items: Sequence[Any], *, workers: int) -> list[Any]:
    """``[fn(x) for x in items]``, split into chunks over ``workers`` forked processes."""
    n = len(items)
    if workers <= 1 or n < 64 or "fork" not in mp.get_all_start_methods():
        return [fn(x) for x in items]
    _STATE["fn"], _STATE["items"] = fn, items
    try:
        chunk = max(16, n // (workers * 8))
        bounds = [(lo, min(n, lo + chunk)) for lo in range(0, n, chunk)]
        with mp.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_call, bounds, chunksize=1)
    finally:
        _STATE.clear()
    return [x for part in parts for x in part]
