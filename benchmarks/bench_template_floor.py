"""What the template floor does to a large store: findings, template share, length.

Why: the floor (``templates.template_floor``) decides which shared text is template by
store frequency; it grows with the store, so a corpus of hundreds of units shows its effect
best. Scans a bench-peer corpus (``../shared/bench-peer/gen_corpus.py``; unit = the dNNNN
part of each file name, year = the last part) in memory, once with the default floor and
once with a fixed floor of 6 units (the rule before it), and prints one line for each.

    python -m benchmarks.bench_template_floor /tmp/peer/n1000 300
"""

from __future__ import annotations

import functools
import statistics
import sys
import time
from pathlib import Path

from reportaudit.matching.corpus import IndexedDoc
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.scan import ReuseIndex
from reportaudit.structure import Document, parse


def _load(path: Path) -> Document:
    """The parsed report (read in the scan's worker processes)."""
    return parse(path.read_text("utf-8"))


def main(folder: str, n: int) -> None:
    """Scan the first ``n`` reports of ``folder`` with both floors."""
    files = sorted(Path(folder).glob("r*.txt"))[:n]
    docs = [
        IndexedDoc(
            f.stem,
            f.stem.split("_")[1],
            int(f.stem.split("_")[2]),
            "self_eval",
            f.name,
            loader=functools.partial(_load, f),
        )
        for f in files
    ]
    runs = (
        ("default floor", ReuseParams()),
        ("fixed 6 units", ReuseParams(template_floor_min=6, template_floor_max=6)),
    )
    for name, params in runs:
        t = time.perf_counter()
        res = ReuseIndex(docs, params=params, workers=2).scan()
        took = time.perf_counter() - t
        reuse = [f for f in res.findings if f.kind == "reuse"]
        copies = [f.chars for f in reuse if not f.template]
        print(
            f"{name}: {len(docs)} reports, {len({d.unit for d in docs})} units, "
            f"{len(reuse)} findings, {len(reuse) - len(copies)} template, "
            f"{len(copies)} not template (median {statistics.median(copies or [0])} chars), "
            f"{len(res.families)} families, {took:.1f} s",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 300)
