"""Candidate segment pairs (``pairing``) against a plain count on a generated corpus."""

from __future__ import annotations

import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from reportaudit.matching import pairing
from reportaudit.matching.corpus import IndexedDoc
from reportaudit.matching.scan import ReuseIndex

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.corpusgen import generate

CAP = 8
NEED = (2, 4, 5)


@pytest.fixture(scope="module")
def index() -> ReuseIndex:
    reps = list(generate(24, seed=5))
    docs = [IndexedDoc(r.name, r.unit, r.year, r.kind, r.name, r.document) for r in reps]
    return ReuseIndex(docs, workers=1)


def _seg_len(ix: ReuseIndex) -> np.ndarray:
    """Per global segment, its k-gram count (what ``scan`` passes)."""
    lens = [e - s for s, e in zip(ix.seg_starts, ix.seg_ends, strict=True)]
    return np.concatenate(lens).astype(np.int64) - ix.params.k + 1


def _plain(ix: ReuseIndex) -> dict[int, int]:
    """The same counts with Python sets and dicts, straight from the sorted index."""
    idx = ix.index
    n_seg = len(idx.seg_table)
    gpos = idx.doc_offset[idx.doc.astype(np.int64)] + idx.pos
    seg = (np.searchsorted(idx.seg_table, gpos, side="right") - 1).tolist()
    doc = idx.doc.tolist()
    counts: Counter[int] = Counter()
    gs = idx.group_start.tolist()
    for g in range(len(gs) - 1):
        rows = range(gs[g], gs[g + 1])
        if int(idx.group_docs[g]) > CAP or len(rows) > 4 * CAP:
            continue
        holders = sorted({(seg[r], doc[r]) for r in rows})
        bonus = 2 if int(idx.group_docs[g]) <= pairing.RARE_BONUS[0] else 1
        for (sa, da), (sb, db) in combinations(holders, 2):
            if da != db and ix.doc_report[da] == ix.doc_report[db]:
                continue
            counts[sa * n_seg + sb] += bonus
    lens = _seg_len(ix)
    out = {}
    for key, c in counts.items():
        short = min(lens[key // n_seg], lens[key % n_seg])
        if c >= min(max(short // NEED[2], NEED[0]), NEED[1]):
            out[key] = c
    return out


@pytest.mark.parametrize("sparse", [True, False], ids=["sparse-product", "sorted-keys"])
def test_counts_match_a_plain_count(index: ReuseIndex, sparse: bool) -> None:
    keys, cnt = pairing.shared_counts(
        index.index, index.doc_report, _seg_len(index), cap=CAP, need=NEED, sparse=sparse
    )
    assert len(keys) > 20
    assert np.all(np.diff(keys) > 0)
    assert dict(zip(keys.tolist(), cnt.tolist(), strict=True)) == _plain(index)


def test_sparse_blocks_and_workers_do_not_change_the_result(
    index: ReuseIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportaudit.matching import spcount

    args = (index.index, index.doc_report, _seg_len(index))
    k1, c1 = pairing.shared_counts(*args, cap=CAP, need=NEED, sparse=False)
    monkeypatch.setattr(spcount, "FLOPS_PER_BLOCK", 50)  # many row blocks
    k2, c2 = pairing.shared_counts(*args, cap=CAP, need=NEED, workers=2, sparse=True)
    assert np.array_equal(k1, k2) and np.array_equal(c1, c2)
    # by default a corpus this small takes the sort route: the same answer again
    k3, c3 = pairing.shared_counts(*args, cap=CAP, need=NEED, workers=2)
    assert np.array_equal(k1, k3) and np.array_equal(c1, c3)


def test_buckets_and_workers_do_not_change_the_result(
    index: ReuseIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = (index.index, index.doc_report, _seg_len(index))
    k1, c1 = pairing.shared_counts(*args, cap=CAP, need=NEED)
    monkeypatch.setattr(pairing, "PAIRS_PER_PASS", 1000)  # many buckets
    monkeypatch.setattr(pairing, "ROWS_PER_PART", 64)  # many hash partitions
    k2, c2 = pairing.shared_counts(*args, cap=CAP, need=NEED, workers=2, sparse=False)
    assert np.array_equal(k1, k2) and np.array_equal(c1, c2)


def test_a_hash_in_more_than_cap_reports_pairs_nobody(index: ReuseIndex) -> None:
    idx = index.index
    ok = pairing.pairable_groups(idx, cap=CAP)
    assert not np.any(ok & (idx.group_docs > CAP))
    assert np.all(ok[(idx.group_docs <= CAP) & (np.diff(idx.group_start) == 2)])
