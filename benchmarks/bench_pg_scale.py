"""Benchmark of issue 17's store goals: bulk import rate on SQLite and PostgreSQL, and the
incremental check of one new report against N stored ones (goal: <= 1 s at 100,000 on
PostgreSQL).

The reports are ``corpusgen``'s, streamed from ``benchmarks.genstream``'s JSON-lines file
(``python -m benchmarks.genstream /tmp/scaleout/n100000.jsonl 100001``), so nothing is
parsed here: each report is stored with its generated text and Document as
``reportaudit import`` stores a parsed .txt file (original bytes = the UTF-8 text, a
derivation, an import event, a label, its reuse fingerprints).

Modes:
  import URL STREAM N [--batch B] [--single] [--skip K]
      store the first N reports (from the K-th on, to grow a store) at URL and index them;
      ``--single``: one transaction per file (``import_revision``), as ``import`` did
      before; else ``services.bulkimport`` batches of B (default 500). Prints one JSON line:
      reports/s, seconds per phase, postings written.
  check URL STREAM N [--repeat R]
      import report N+1 of the stream (one transaction, indexed), then time
      ``scan_store(new=...)`` (what ``reportaudit scan --new`` runs) R times (default 3),
      and ``check_one`` on 10 stored revisions spread over the store. Prints JSON.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.genstream import read_stream


def _prepared(rep: dict[str, Any]) -> tuple[Any, Any]:
    """(PreparedImport, Document) of one generated report, as ``import`` would store it."""
    from reportaudit.services.derive import DERIVATION_VERSION
    from reportaudit.store.bulk import prepare_import
    from reportaudit.structure import Document

    doc_dict = {**rep["document"], "parser_version": DERIVATION_VERSION}
    prepared = prepare_import(
        data=rep["text"].encode("utf-8"),
        filename=f"{rep['name']}.txt",
        fmt="txt",
        encoding="utf-8",
        text=rep["text"],
        document_dict=doc_dict,
        parser_version=DERIVATION_VERSION,
        unit=rep["unit"],
        year=rep["year"],
        kind=rep["kind"],
        region=None,
        actor="bench",
        provenance={"unit": {"value": rep["unit"], "source": "option", "certain": True}},
    )
    return prepared, Document.from_dict(rep["text"], doc_dict)


def _single(store: Any, prepared: Any, indexer: Any, document: Any) -> None:
    """One file in one transaction through ``import_revision`` (the per-file path)."""
    from reportaudit.matching.corpus import IndexedDoc
    from reportaudit.store import import_revision

    with store.transaction() as s:
        res = import_revision(s, prepared)
    rep = res.report
    indexer.add(
        IndexedDoc(str(res.revision.id), rep.unit, rep.year, rep.kind, prepared.filename, document)
    )


def do_import(
    url: str, stream: Path, n: int, *, batch: int, single: bool, skip: int = 0
) -> dict[str, Any]:
    """Import the first ``n`` reports; phase times and rates."""
    import reportaudit.services.bulkimport as bulkimport
    from reportaudit.services.indexing import FingerprintBatch
    from reportaudit.store import open_store

    t: dict[str, float] = defaultdict(float)
    orig_flush = FingerprintBatch.flush

    def timed_flush(self: FingerprintBatch) -> int:
        """``FingerprintBatch.flush``, timed."""
        t0 = time.perf_counter()
        try:
            return orig_flush(self)
        finally:
            t["index_write_s"] += time.perf_counter() - t0

    FingerprintBatch.flush = timed_flush  # type: ignore[method-assign]
    store = open_store(url)
    start = time.perf_counter()
    statuses: dict[str, int] = defaultdict(int)
    if single:
        with FingerprintBatch(store) as indexer:
            for rep in read_stream(stream, n, skip=skip):
                t0 = time.perf_counter()
                prepared, document = _prepared(rep)
                t["read_prepare_s"] += time.perf_counter() - t0
                t0 = time.perf_counter()
                _single(store, prepared, indexer, document)
                t["store_and_fingerprint_s"] += time.perf_counter() - t0
                statuses["imported"] += 1
        postings = indexer._stored or 0
    else:
        with bulkimport.BulkImporter(store, batch=batch) as bulk:
            for rep in read_stream(stream, n, skip=skip):
                t0 = time.perf_counter()
                prepared, document = _prepared(rep)
                t["read_prepare_s"] += time.perf_counter() - t0
                t0 = time.perf_counter()
                for o in bulk.add(rep["name"], prepared, document):
                    statuses[o.status] += 1
                t["store_and_fingerprint_s"] += time.perf_counter() - t0
            for o in bulk.flush():
                statuses[o.status] += 1
        assert bulk.indexer is not None
        postings = bulk.indexer._stored or 0
    total = time.perf_counter() - start
    store.close()
    fingerprint_and_store = total - t["read_prepare_s"] - t["index_write_s"]
    return {
        "n": n,
        "dialect": url.split(":", 1)[0],
        "mode": "single" if single else f"bulk:{batch}",
        "statuses": dict(statuses),
        "total_s": round(total, 1),
        "skip": skip,
        "reports_per_s": round((n - skip) / total, 1),
        "read_prepare_s": round(t["read_prepare_s"], 1),
        "rows_and_fingerprints_s": round(fingerprint_and_store, 1),
        "postings_write_s": round(t["index_write_s"], 1),
        "postings": postings,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def do_check(url: str, stream: Path, n: int, *, repeat: int) -> dict[str, Any]:
    """Import report n+1 and time the incremental check; then check stored revisions."""
    from reportaudit.matching.params import ReuseParams
    from reportaudit.services.bulkimport import BulkImporter
    from reportaudit.services.indexing import default_key
    from reportaudit.services.reuse import check_one, scan_store
    from reportaudit.store import open_store
    from reportaudit.store.reuse import indexed_revisions

    rep = next(r for i, r in enumerate(read_stream(stream, n + 1)) if i == n)
    store = open_store(url)
    with store.session() as s:
        stored = sorted(indexed_revisions(s, default_key()))
    with BulkImporter(store, batch=1) as bulk:
        prepared, document = _prepared(rep)
        (outcome,) = bulk.add(rep["name"], prepared, document)
    assert outcome.result is not None, outcome.message
    rev = str(outcome.result.revision.id)
    runs, findings = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        done = scan_store(store, actor="bench", new=rev, checks=False)
        runs.append(round(time.perf_counter() - t0, 3))
        findings = len(done.result.findings)
    picked = stored[:: max(1, len(stored) // 10)][:10]
    times = []
    for r in picked:
        t0 = time.perf_counter()
        check_one(store, r, default_key(), ReuseParams())
        times.append(round(time.perf_counter() - t0, 3))
    store.close()
    return {
        "n": len(stored),
        "new_revision": rev,
        "scan_new_s": runs,
        "scan_new_median_s": sorted(runs)[len(runs) // 2],
        "scan_new_findings": findings,
        "check_one_s": times,
        "check_one_median_s": sorted(times)[len(times) // 2],
        "check_one_max_s": max(times),
    }


def main(argv: list[str]) -> None:
    """Parse the command line, run one mode, print its JSON line."""
    mode, url, stream, n = argv[0], argv[1], Path(argv[2]), int(argv[3])
    rest = argv[4:]
    opts: dict[str, str] = {}
    flags = set()
    while rest:
        if rest[0] == "--single":
            flags.add("single")
            rest = rest[1:]
        else:
            opts[rest[0]] = rest[1]
            rest = rest[2:]
    if mode == "import":
        out = do_import(
            url,
            stream,
            n,
            batch=int(opts.get("--batch", 500)),
            single="single" in flags,
            skip=int(opts.get("--skip", 0)),
        )
    elif mode == "check":
        out = do_check(url, stream, n, repeat=int(opts.get("--repeat", 3)))
    else:
        raise SystemExit(f"unknown mode {mode!r}: import or check")
    print(json.dumps(out, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
