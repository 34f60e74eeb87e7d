"""``corpusgen``'s reports as one JSON-lines file, for corpora too large for a file per report.

Why: 100,000 reports as three files each (text, Document JSON, pickle) is 300,000 files and
~13 GB; the store benchmarks only need each report's name, metadata, text and Document dict
once, in order. The generator is prefix-stable (report i depends on i and earlier reports
only), so the first 20,000 lines of the 100,000-report file are the 20,000-report corpus.

Usage: python -m benchmarks.genstream OUT.jsonl N [SEED]   (prints reports/s to stderr)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from benchmarks.corpusgen import generate


def write_stream(out: Path, n: int, seed: int = 7) -> float:
    """Write ``n`` reports to ``out`` (``out.part`` until complete); seconds taken."""
    t0 = time.perf_counter()
    part = out.with_suffix(out.suffix + ".part")
    with part.open("wb") as fh:
        for i, rep in enumerate(generate(n, seed)):
            row = {
                "name": rep.name,
                "unit": rep.unit,
                "year": rep.year,
                "kind": rep.kind,
                "text": rep.text,
                "document": rep.document.to_dict(),
            }
            fh.write(orjson.dumps(row) + b"\n")
            if (i + 1) % 5000 == 0:
                rate = (i + 1) / (time.perf_counter() - t0)
                print(f"genstream: {i + 1} reports, {rate:.1f}/s", file=sys.stderr, flush=True)
    part.rename(out)
    return time.perf_counter() - t0


def read_stream(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The reports of a stream file in order (the first ``limit`` only)."""
    with path.open("rb") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            yield orjson.loads(line)


if __name__ == "__main__":
    took = write_stream(
        Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 7
    )
    print(f"genstream: done in {took:.1f} s", file=sys.stderr)
