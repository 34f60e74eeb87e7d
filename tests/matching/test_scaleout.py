"""The scan sharded by hash range gives the same answer everywhere, within its memory bound.

One process, local workers with the candidate stage sharded, a Dask LocalCluster of two
workers (when the ``cluster`` extra is installed; CI installs it) and the incremental path
(``scan --new`` after each import, then a full scan) must store byte-identical findings for
a generated corpus. The sharded candidate stage must return exactly the unsharded stage's
pairs, and each shard's and bucket's structures must stay within the bound it was given on
a corpus whose unsharded structures would not.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from benchmarks.corpusgen import generate
from reportaudit.matching.corpus import IndexedDoc
from reportaudit.matching.executor import LocalExecutor, make_executor
from reportaudit.matching.pairing import shared_counts
from reportaudit.matching.scan import ReuseIndex
from reportaudit.matching.shards import parse_memory, sharded_counts
from reportaudit.services.importing import Overrides, import_file
from reportaudit.services.indexing import FingerprintBatch
from reportaudit.services.reuse import scan_store
from reportaudit.store import open_store
from reportaudit.store.reuse import list_findings

HAVE_DASK = importlib.util.find_spec("distributed") is not None
N = 60
N_STORE = 30
"""Reports imported into the stores (each import and each ``scan --new`` costs a little)."""


@pytest.fixture(scope="module")
def corpus() -> list[IndexedDoc]:
    reps = list(generate(N, seed=5))
    return [IndexedDoc(r.name, r.unit, r.year, r.kind, r.name, r.document) for r in reps]


def _inputs(ix: ReuseIndex) -> tuple[np.ndarray, tuple[int, int, int]]:
    p = ix.params
    starts = np.concatenate(ix.seg_starts).astype(np.int64)
    ends = np.concatenate(ix.seg_ends).astype(np.int64)
    return ends - starts - p.k + 1, (p.min_seeds, p.min_shared, p.window + 1)


def test_sharded_candidates_are_the_unsharded_ones_within_the_bound(
    corpus: list[IndexedDoc],
) -> None:
    ix = ReuseIndex(corpus, workers=1)
    seg_len, need = _inputs(ix)
    cap = ix.params.pair_docs
    keys, counts = shared_counts(ix.index, ix.doc_report, seg_len, cap=cap, need=need)
    assert len(keys) > 100
    whole = sharded_counts(
        ix.index,
        ix.doc_report,
        seg_len,
        cap=cap,
        need=need,
        executor=LocalExecutor(1),
        memory=1 << 40,
    )
    assert len(whole.plan.ranges) == 1 and whole.plan.buckets == 1
    bound = parse_memory("1MiB")
    assert max(whole.shard_peaks) > bound  # unsharded, this corpus exceeds the bound
    for workers in (1, 2):
        got = sharded_counts(
            ix.index,
            ix.doc_report,
            seg_len,
            cap=cap,
            need=need,
            executor=LocalExecutor(workers),
            memory=bound,
            workers=workers,
        )
        assert len(got.plan.ranges) > 1 and got.plan.buckets > 1
        assert max(got.shard_peaks) <= bound and max(got.bucket_peaks) <= bound
        np.testing.assert_array_equal(got.keys, keys)
        np.testing.assert_array_equal(got.counts, counts)
    # the hash ranges cover every group once, in order
    r = got.plan.ranges
    assert r[0][0] == 0 and r[-1][1] == len(ix.index.group_start) - 1
    assert all(a[1] == b[0] for a, b in itertools.pairwise(r))


def _digest(store_url: str, run_id: int) -> str:
    store = open_store(store_url)
    try:
        with store.session() as s:
            rows = [
                {k: v for k, v in f.items() if k != "run"} for f in list_findings(s, run_id=run_id)
            ]
    finally:
        store.close()
    blob = json.dumps(rows, ensure_ascii=False, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()


def _import(store_url: str, tmp: Path, *, each_new: bool) -> None:
    """Import the generated reports; with ``each_new``, ``scan --new`` after every one
    from the second on (the first has nothing to be checked against)."""
    store = open_store(store_url)
    try:
        for i, rep in enumerate(generate(N_STORE, seed=5)):
            path = tmp / f"{rep.name}.txt"
            path.write_text(rep.text, "utf-8")
            over = Overrides(unit=rep.unit, year=rep.year, kind=rep.kind)
            with FingerprintBatch(store) as batch:
                got = import_file(store, path, actor="t", overrides=over, indexer=batch).result
            assert got is not None
            if each_new and i:
                scan_store(store, actor="t", new=str(got.revision.id), checks=False)
    finally:
        store.close()


def _full_scan(store_url: str, **kw: object) -> str:
    store = open_store(store_url)
    try:
        run = scan_store(store, actor="t", checks=False, **kw).run.id  # type: ignore[arg-type]
    finally:
        store.close()
    return _digest(store_url, run)


def test_same_findings_everywhere(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    full = f"sqlite:///{tmp_path / 'full.db'}"
    inc = f"sqlite:///{tmp_path / 'incremental.db'}"
    _import(full, tmp_path / "a", each_new=False)
    one = _full_scan(full, workers=1)
    digests = {
        "local workers, sharded": _full_scan(full, workers=2, memory=parse_memory("1MiB")),
    }
    seen: list[str] = []
    if HAVE_DASK:
        digests["dask LocalCluster of 2"] = _full_scan(
            full,
            workers=2,
            cluster="local:2",
            memory=parse_memory("1MiB"),
            progress=lambda stage, done, total: seen.append(stage),
        )
        assert {"fingerprint", "candidates: shards", "candidates: merge", "verify"} <= set(seen)
    _import(inc, tmp_path / "b", each_new=True)
    digests["incremental, then full"] = _full_scan(inc, workers=2)
    assert digests == dict.fromkeys(digests, one)
    store = open_store(full)
    try:
        with store.session() as s:
            assert len(list_findings(s)) > 20  # a scan with something to agree on
    finally:
        store.close()


def test_cluster_spec_errors_are_one_line() -> None:
    from reportaudit.matching.executor import ClusterUnavailable

    for bad in ("local:x", "local:0"):
        if not HAVE_DASK:
            break
        with pytest.raises(ClusterUnavailable, match="--cluster"):
            make_executor(bad)
    for bad in ("2 GB please", "12"):
        with pytest.raises(ValueError, match="--memory"):
            parse_memory(bad)
    assert parse_memory("2GiB") == 2 << 30 and parse_memory("512M") == 512 << 20
