"""How long the 复制比 computation takes on the findings of a whole corpus.

Why a benchmark: ``reportaudit reuse --all``, the TUI's corpus cells and every export
compute the indices from the stored findings each time they are shown (nothing is cached
in the store), so the computation must stay small next to the scan that made the findings.

Generates (once, cached in /tmp/reportaudit-bench like ``bench_reuse``) a corpus of N
reports with planted copies and template text, scans it in memory to get real findings,
then times, three times each (median reported):

- ``totals``: every report's indices without sections (what the TUI's corpus cells need);
- ``sections``: with every section by heading and by type (``reuse --all --sections``,
  exports).

Run: ``python -m benchmarks.bench_ratios [N ...]`` (default 1000). Prints one JSON line per N.
"""

from __future__ import annotations

import json
import pickle
import resource
import sys
import time
from typing import Any

from benchmarks.bench_reuse import _doc, _pickles, _unpack, corpus_dir
from reportaudit.matching.scan import ReuseIndex
from reportaudit.ratios import compute, spans_from_findings
from reportaudit.structure import load_section_types


def _rss_mib() -> float:
    """Peak resident memory of this process so far (MiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(n: int) -> dict[str, Any]:
    """Scan N generated reports, then time the indices over their findings."""
    d = corpus_dir(n)
    truth = json.loads((d / "truth.json").read_text("utf-8"))
    names = truth["reports"][:n]
    _pickles(d, names)
    docs = {nm: _unpack(pickle.loads((d / f"{nm}.pk2").read_bytes())[3]) for nm in names}
    t0 = time.perf_counter()
    result = ReuseIndex([_doc(d, nm) for nm in names], params=None).scan()
    scan_s = time.perf_counter() - t0
    types = load_section_types()
    before = _rss_mib()
    out: dict[str, Any] = {
        "n": n,
        "chars": sum(len(doc.text) for doc in docs.values()),
        "findings": len(result.findings),
        "scan_s": round(scan_s, 2),
    }
    for mode in ("totals", "sections"):
        runs = []
        for _ in range(3):  # the machine is shared: judge by the median
            t1 = time.perf_counter()
            spans = spans_from_findings(result.findings)
            got = [
                compute(
                    nm,
                    doc.text,
                    spans.get(nm, ()),
                    document=doc if mode == "sections" else None,
                    type_label=types.label,
                )
                for nm, doc in docs.items()
            ]
            runs.append(time.perf_counter() - t1)
        med = sorted(runs)[1]
        out[mode] = {
            "total_s": round(med, 3),
            "per_report_ms": round(1000 * med / n, 3),
            "runs_s": [round(r, 3) for r in runs],
            "reports_with_reuse": sum(1 for r in got if r.reused_chars),
            "mean_total_ratio": round(sum(r.figures.ratio("total") for r in got) / n, 4),
        }
    out["peak_rss_mib"] = round(_rss_mib())
    out["rss_added_by_ratios_mib"] = round(_rss_mib() - before)
    return out


def main(argv: list[str]) -> None:
    """Measure each requested size (default 1000) and print a JSON line for each."""
    for n in [int(a) for a in argv] or [1000]:
        print(json.dumps(measure(n), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
