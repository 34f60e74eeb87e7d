"""The stored reuse index: filled at import, the same however it is filled, migrated intact.

Runs on SQLite and PostgreSQL (``store_url``). Reports are the repo's own fixtures,
imported through the import service as ``reportaudit import`` does.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sqlalchemy import text
from sqlmodel import Session
from store_helpers import add_at_0001

from reportaudit.matching.params import ReuseParams
from reportaudit.matching.scan import ReuseIndex
from reportaudit.services.importing import collect_files, import_file, import_paths
from reportaudit.services.indexing import FingerprintBatch, default_key
from reportaudit.services.reuse import index_revisions, load_docs
from reportaudit.store import Store, list_reports, open_store
from reportaudit.store.engine import make_engine
from reportaudit.store.migrate import upgrade_to_head
from reportaudit.store.reuse import (
    RevisionPrints,
    first_holders,
    indexed_revisions,
    save_postings,
    shared_revisions,
    unit_frequencies,
)

REPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "reports"


def _postings(store: Store) -> set[tuple[str, int, int]]:
    """Every stored posting as (key string, hash, revision id)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT k.key, p.hash, p.revision_id FROM reuse_posting p "
                "JOIN reuse_key k ON k.id = p.key_id"
            )
        ).all()
    return {(k, int(h), int(r)) for k, h, r in rows}


def _revision_ids(store: Store) -> list[int]:
    """Every stored revision id, oldest first."""
    with store.engine.connect() as conn:
        return [int(r) for (r,) in conn.execute(text("SELECT id FROM revision ORDER BY id"))]


def test_import_indexes_every_new_revision(store: Store) -> None:
    files, _ = collect_files([REPORTS])
    outcomes = import_paths(store, files, actor="importer")
    imported = [o for o in outcomes if o.status == "imported"]
    assert len(imported) >= 10
    key = default_key()
    with store.session() as s:
        assert indexed_revisions(s, key) == set(_revision_ids(store))
    postings = _postings(store)
    assert {r for _, _, r in postings} == set(_revision_ids(store))
    # a second import of the same files adds neither revisions nor postings
    again = import_paths(store, files, actor="importer")
    assert {o.status for o in again} <= {"duplicate", "failed"}
    assert _postings(store) == postings


def test_index_at_import_equals_index_built_by_scan(store_url: str, tmp_path: Path) -> None:
    """Indexing while importing (batched, several flushes) stores exactly the rows a scan
    stores when it indexes the same revisions afterwards."""
    files, _ = collect_files([REPORTS])
    at_import = open_store(store_url)
    try:
        with FingerprintBatch(at_import, min_flush=1) as batch:  # flush often: many batches
            for f in files:
                import_file(at_import, f, actor="importer", indexer=batch)
        assert batch.added == len(_revision_ids(at_import))
        expected = _postings(at_import)
    finally:
        at_import.close()

    later = open_store(tmp_path / "later.db")
    try:
        for f in files:
            import_file(later, f, actor="importer")
        assert _postings(later) == set()
        with later.session() as s:
            ids = [r.latest_revision_id for r in list_reports(s) if r.latest_revision_id]
        ids = sorted({*ids, *_revision_ids(later)})
        ix = ReuseIndex(load_docs(later, ids), params=ReuseParams(), workers=1)
        assert index_revisions(later, ix, default_key()) == len(ids)
        assert index_revisions(later, ix, default_key()) == 0  # nothing left to index
        assert _postings(later) == expected
    finally:
        later.close()


def test_lookups_count_distinct_hashes_and_units(store: Store) -> None:
    files, _ = collect_files([REPORTS])
    for f in files[:3]:
        import_file(store, f, actor="importer")
    r1, r2, r3 = _revision_ids(store)[:3]
    key = "k5w3:test"
    h = np.array([11, 22, 33, 2**63 + 5], dtype=np.uint64)  # one above the signed range
    with store.transaction() as s:
        n = save_postings(
            s,
            key=key,
            items=[
                RevisionPrints(r1, "甲单位", 100, h[:3]),
                RevisionPrints(r2, "甲单位", 100, h[1:]),
                RevisionPrints(r3, "乙单位", 100, h[3:]),
            ],
        )
        assert n == 3
        # already indexed under this key: skipped, nothing duplicated
        assert save_postings(s, key=key, items=[RevisionPrints(r1, "甲单位", 100, h)]) == 0
    with Session(store.engine) as s:
        assert shared_revisions(s, key, h[1:]) == {r1: 2, r2: 3, r3: 1}
        assert shared_revisions(s, key, h[1:], exclude=r2) == {r1: 2, r3: 1}
        assert unit_frequencies(s, key, h) == {11: 1, 22: 1, 33: 1, 2**63 + 5: 2}
        assert shared_revisions(s, "k9w9:unknown", h) == {}
        # the first holders only (lowest ids), however many hold a hash
        assert first_holders(s, key, h[1:], limit=9) == {r1: 2, r2: 3, r3: 1}
        assert first_holders(s, key, h[1:], limit=1) == {r1: 2, r2: 1}
        assert first_holders(s, key, h[1:], exclude=r1, limit=1) == {r2: 3}


def test_fingerprints_of_a_0002_store_are_carried_over(store_url: str) -> None:
    old = Store(url=store_url, engine=make_engine(store_url))
    upgrade_to_head(old, target="0002")
    with old.transaction() as s:
        r1 = add_at_0001(s, "甲单位的报告\n", unit="甲单位")
        r2 = add_at_0001(s, "乙单位的报告\n", unit="乙单位")
    key = "k8w4:structure-2"
    with old.engine.begin() as conn:
        for rev, unit in ((r1, "甲"), (r2, "乙")):
            conn.execute(
                text(
                    "INSERT INTO reuse_indexed (revision_id, index_key, unit, folded_chars, "
                    "fingerprints, indexed_at) VALUES (:r, :k, :u, 10, 3, :t)"
                ),
                {"r": rev, "k": key, "u": unit, "t": "2026-01-01 00:00:00+00:00"},
            )
        # the old layout kept every fingerprint, repeats included
        for rev, h, pos in ((r1, -7, 0), (r1, -7, 5), (r1, 9, 2), (r2, 9, 0)):
            conn.execute(
                text(
                    "INSERT INTO reuse_fingerprint (revision_id, index_key, hash, pos, seg) "
                    "VALUES (:r, :k, :h, :p, 0)"
                ),
                {"r": rev, "k": key, "h": h, "p": pos},
            )
    old.close()
    store = open_store(store_url)
    try:
        assert _postings(store) == {(key, -7, r1), (key, 9, r1), (key, 9, r2)}
        with Session(store.engine) as s:
            want = np.array([9, 2**64 - 7], dtype=np.uint64)
            assert shared_revisions(s, key, want) == {r1: 2, r2: 1}
        with store.engine.connect() as conn:
            rows = conn.execute(text("SELECT revision_id, fingerprints FROM reuse_indexed")).all()
        counts = {int(r): int(n) for r, n in rows}
        assert counts == {r1: 2, r2: 1}
    finally:
        store.close()


def test_a_large_batch_is_stored_whole(store: Store) -> None:
    """More postings than one conversion slice, not a multiple of the statement size."""
    files, _ = collect_files([REPORTS])
    for f in files[:2]:
        import_file(store, f, actor="importer")
    r1, r2 = _revision_ids(store)[:2]
    rng = np.random.default_rng(3)
    a = np.unique(rng.integers(0, 2**64 - 1, size=230_007, dtype=np.uint64))
    b = np.unique(np.concatenate([a[::7], rng.integers(0, 2**64 - 1, 999, dtype=np.uint64)]))
    with store.transaction() as s:
        save_postings(
            s,
            key="k8w4:big",
            items=[RevisionPrints(r1, "甲", 1, a), RevisionPrints(r2, "乙", 1, b)],
        )
    with store.engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM reuse_posting")).scalar_one()
    assert n == len(a) + len(b)
    with Session(store.engine) as s:
        assert shared_revisions(s, "k8w4:big", a[:5000]) == {r1: 5000, r2: len(a[:5000:7])}
