"""The reuse scan against the winnow peer on the second, independent corpus generator.

Why: our own generator is what the engine was tuned on; ``../shared/bench-peer`` writes
Markov prose from the real reports with planted whole and partial copies and templates,
and holds the simplest peer (winnowed 8-grams, df cap, rapidfuzz). For each size the corpus
is generated once (cached under /tmp), then the peer and ``reportaudit`` (import, then
``scan --no-checks`` and ``check --all`` timed apart, through the peer folder's own
``project_method.py``) run one after the other on it, so the ratio is measured under the
same load. Needs the ``bench`` extra (psutil) besides numpy and rapidfuzz.

Usage:
  python -m benchmarks.bench_peer 1000 [5000 20000] [--seed 1] [--sources DIR]
      [--peer DIR] [--out FILE.jsonl]

Prints one JSON line per size and a table: peer and scan seconds, their ratio, recall on
eligible planted pairs per kind, findings per report, template share, scan peak memory.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

CACHE = Path("/tmp/reportaudit-bench")
DEFAULT_PEER = Path(__file__).resolve().parents[2] / "shared" / "bench-peer"
DEFAULT_SOURCES = Path(__file__).resolve().parents[2] / "shared" / "corpus"
if not DEFAULT_PEER.exists():  # a worktree beside the main checkout
    DEFAULT_PEER = Path("/work/shared/bench-peer")
    DEFAULT_SOURCES = Path("/work/shared/corpus")


def corpus(peer: Path, n: int, seed: int, sources: Path) -> Path:
    """Generate (once) the peer generator's corpus of ``n`` reports."""
    d = CACHE / f"peer-n{n}-s{seed}"
    if not (d / "truth.jsonl").exists():
        cmd = [sys.executable, str(peer / "gen_corpus.py"), "--reports", str(n)]
        cmd += ["--seed", str(seed), "--out", str(d), "--source", str(sources), "--quiet"]
        subprocess.run(cmd, check=True)
    return d


def _last_json(out: str) -> dict[str, Any]:
    """The last JSON line a peer script printed."""
    lines = [x for x in out.splitlines() if x.startswith("{")]
    return json.loads(lines[-1])


def findings_mix(store: Path) -> tuple[int, int]:
    """(findings, template findings) of the newest reuse run in a SQLite store."""
    with sqlite3.connect(store) as con:
        row = con.execute(
            "SELECT count(*), coalesce(sum(template), 0) FROM reuse_finding "
            "WHERE run_id = (SELECT max(id) FROM reuse_run)"
        ).fetchone()
    return int(row[0]), int(row[1])


def measure(peer: Path, d: Path, ra: str) -> dict[str, Any]:
    """Run the winnow peer, then reportaudit, on corpus ``d``; one record."""
    py = sys.executable
    base = subprocess.run(
        [py, str(peer / "baselines.py"), "--corpus", str(d), "--method", "winnow"],
        check=True,
        capture_output=True,
        text=True,
    )
    w = _last_json(base.stdout)
    tmp = Path(tempfile.mkdtemp(prefix="ra-peer-"))
    store = tmp / "s.db"
    cmd = [py, str(peer / "project_method.py"), "--corpus", str(d), "--ra", ra]
    cmd += ["--split-checks", "--store", str(store)]
    ours = _last_json(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    total, template = findings_mix(store)
    shutil.rmtree(tmp, ignore_errors=True)
    reports = int(ours.get("reports") or 1)
    return {
        "reports": reports,
        "peer_s": w["total_s"],
        "peer_peak_mib": round(w["peak_rss_mb"]),
        "peer_recall": w["recall_eligible_by_kind"],
        "import_s": ours.get("import_s"),
        "scan_s": ours["scan_s"],
        "scan_peak_mib": round(ours["scan_peak_mb"]),
        "check_s": ours.get("check_s"),
        "ratio": round(w["total_s"] / max(ours["scan_s"], 1e-9), 2),
        "recall": ours["recall_eligible_by_kind"],
        "findings": total,
        "findings_per_report": round(total / reports, 1),
        "template_share": round(template / max(total, 1), 3),
        "peer": w,
        "reportaudit": ours,
    }


def main(argv: list[str] | None = None) -> None:
    """Command line: sizes, then options (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="+", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    ap.add_argument("--peer", type=Path, default=DEFAULT_PEER)
    ap.add_argument("--ra", default=str(Path(sys.executable).with_name("reportaudit")))
    ap.add_argument("--out", type=Path)
    a = ap.parse_args(argv)
    if not (a.peer / "baselines.py").exists():
        sys.exit(f"bench_peer: no peer scripts in {a.peer} (pass --peer DIR)")
    rows = []
    for n in a.sizes:
        rec = {
            "n": n,
            "seed": a.seed,
            **measure(a.peer, corpus(a.peer, n, a.seed, a.sources), a.ra),
        }
        line = json.dumps(rec, ensure_ascii=False)
        print(line, flush=True)
        if a.out:
            with a.out.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")
        rows.append(rec)
    print(
        "| N | peer s | scan s | ratio | recall full / partial (peer) | findings/report | template | scan MiB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        rc, pr = r["recall"], r["peer_recall"]
        print(
            f"| {r['n']:,} | {r['peer_s']:.1f} | {r['scan_s']:.1f} | {r['ratio']} | "
            f"{rc.get('copy/full', 0):.3f} / {rc.get('copy/partial', 0):.3f} "
            f"({pr.get('copy/full', 0):.3f} / {pr.get('copy/partial', 0):.3f}) | "
            f"{r['findings_per_report']} | {r['template_share']:.0%} | {r['scan_peak_mib']:,} |"
        )


if __name__ == "__main__":
    main()
