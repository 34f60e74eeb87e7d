"""Reuse detection over the store: load revisions, scan, keep the fingerprint index, save runs.

One place for what ``reportaudit scan``, the TUI's scan action and ``demo`` do, so they
produce the same stored runs (and run the consistency checks alongside when asked).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from reportaudit.errors import NotFoundError
from reportaudit.matching.corpus import IndexedDoc
from reportaudit.matching.executor import Progress, make_executor
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.results import ScanResult
from reportaudit.matching.scan import ReuseIndex, prepare
from reportaudit.matching.scoring import UNITS_SHOWN
from reportaudit.matching.templates import common_threshold
from reportaudit.services.checks import CheckedRevision, check_revisions
from reportaudit.services.indexing import FingerprintBatch, complete_pending
from reportaudit.store import Store, get_revision, list_reports, revision_text
from reportaudit.store.bulkread import close_readers, read_revision
from reportaudit.store.queries import report_keys, revision_meta
from reportaudit.store.reuse import (
    ReuseRunInfo,
    RevisionPrints,
    any_indexed,
    first_holders,
    index_key,
    indexed_revisions,
    indexed_units,
    save_postings,
    save_run,
    shared_postings,
    unit_frequencies,
)
from reportaudit.structure import PARSER_VERSION, Document

MAX_CANDIDATES = 32
"""An incremental check loads at most this many revisions sharing the most rare fingerprints."""
TEMPLATE_PEERS = 3
"""...and this many of those holding the most of its template fingerprints."""
TEMPLATE_SAMPLE = 8
"""Template fingerprints (the smallest hashes, for determinism) used to pick those peers."""
TEMPLATE_HOLDERS = 1000
"""...among the first this many holders (lowest revision ids) of each: a bounded read of
the index, however many thousands of revisions hold the template text."""


@dataclass(frozen=True)
class ScanOutcome:
    """A stored reuse run, its result and the consistency checks run beside it."""

    run: ReuseRunInfo
    result: ScanResult
    params: ReuseParams
    checked: list[CheckedRevision] = field(default_factory=list)
    completed: int = 0
    """Revisions an earlier, interrupted import left marked "to index", indexed first."""


def load_docs(store: Store, rev_ids: list[int]) -> list[IndexedDoc]:
    """IndexedDocs for stored revisions (text and structure from their newest derivation).

    Only the reports of these revisions are read (an incremental check loads a few dozen
    revisions of a store that may hold ten thousand reports).
    """
    with store.session() as s:
        revs = [get_revision(s, rid) for rid in rev_ids]
        keys = report_keys(s, [r.report_id for r in revs])
        out = []
        for rid, rev in zip(rev_ids, revs, strict=True):
            text, doc_dict = revision_text(s, rid)
            unit, year, kind = keys[rev.report_id]
            doc = Document.from_dict(text, doc_dict)
            out.append(IndexedDoc(str(rid), unit, year, kind, rev.filename, doc))
    return out


def _read_document(store: Store, rid: int) -> Document:
    """The Document of revision ``rid`` (newest derivation), read where it is needed."""
    text, doc_dict = read_revision(store, rid)
    return Document.from_dict(text, doc_dict)


def lazy_docs(store: Store, rev_ids: list[int]) -> list[IndexedDoc]:
    """IndexedDocs whose Documents are read only when needed, by whichever process needs
    them: the scan's worker processes then read and fold the corpus on every core, and the
    parent never holds 10,000 Documents at once (``load_docs`` reads them all up front)."""
    with store.session() as s:
        meta = revision_meta(s, rev_ids)
    return [
        IndexedDoc(str(rid), *meta[rid], loader=functools.partial(_read_document, store, rid))
        for rid in rev_ids
    ]


def index_revisions(store: Store, ix: ReuseIndex, key: str) -> int:
    """Store the fingerprints of every revision of ``ix`` not yet indexed under ``key``.

    Usually none: ``import`` indexes with the default parameters. The full 64-bit hashes
    are recomputed per revision (the in-memory index keeps them shortened for sorting).
    """
    with store.session() as s:
        done = indexed_revisions(s, key)
    with FingerprintBatch(store, params=ix.params) as batch:
        assert batch.key == key
        for doc in ix.docs:
            if int(doc.revision) not in done:
                batch.add(doc)
    return batch.added


def clustered_candidates(
    shared: Sequence[tuple[int, int]], hashes: np.ndarray, pos: np.ndarray, *, params: ReuseParams
) -> list[int]:
    """Revisions whose shared rare fingerprints fall close together in the new revision.

    Why: in a large corpus hundreds of revisions share two or three rare 8-grams with any
    report by chance (common words in an uncommon order), scattered over the text. A copied
    passage shows up as ``min_seeds`` or more shared fingerprints within ``max_gap``
    characters, as the scan's own candidate regions require. Best first: the largest such
    group, then the most shared fingerprints, then the revision id.
    """
    where: dict[int, list[int]] = {}
    for h, p in zip(hashes.tolist(), pos.tolist(), strict=True):
        where.setdefault(h, []).append(p)
    by_rev: dict[int, list[int]] = {}
    for rev, h in shared:
        by_rev.setdefault(rev, []).extend(where.get(h, ()))
    ranked = []
    for rev, ps in by_rev.items():
        arr = np.sort(np.array(ps, dtype=np.int64))
        ends = np.searchsorted(arr, arr + params.max_gap, side="right")
        best = int((ends - np.arange(len(arr))).max()) if len(arr) else 0
        if best >= params.min_seeds:
            ranked.append((-best, -len(arr), rev))
    return [rev for *_, rev in sorted(ranked)]


def check_one(store: Store, rid: int, key: str, params: ReuseParams) -> tuple[Any, list[str]]:
    """Check one revision against the stored fingerprint index (indexing it if it is not).

    Candidates are the revisions sharing the most *rare* fingerprints (held by fewer units
    than make text template): ranking by all shared fingerprints would fill the candidate
    list with whoever shares the most boilerplate and push a one-sentence source out of it
    in a large corpus. A few revisions holding the most template fingerprints are loaded
    too, so the new revision's template passages are matched and marked as such.
    """
    new_doc = load_docs(store, [rid])[0]
    prints, folded, _, _ = prepare(new_doc, params=params)
    with store.session() as s:
        if not any_indexed(s, key, besides=rid):
            raise NotFoundError("no revisions indexed with these parameters; run a full scan first")
        # the corpus as it was before this revision (``check`` adds the revision itself)
        # beyond it nothing ranks apart, and it reaches the largest template floor
        cap = max(UNITS_SHOWN, params.template_units + 2, params.template_floor_max)
        freq = unit_frequencies(s, key, prints.hashes, exclude=rid, cap=cap)
        total = indexed_units(s, key, exclude=rid)
        t_units = common_threshold(max(total, 1), params=params)
        common = np.array([freq.get(int(h), 0) >= t_units for h in prints.hashes.tolist()])
        rare = shared_postings(s, key, prints.hashes[~common], exclude=rid)
        sample = np.unique(prints.hashes[common])[:TEMPLATE_SAMPLE]
        peers = first_holders(s, key, sample, exclude=rid, limit=TEMPLATE_HOLDERS)
    cands = clustered_candidates(rare, prints.hashes, prints.pos, params=params)[:MAX_CANDIDATES]
    cands += [r for _, r in sorted((-n, r) for r, n in peers.items())[:TEMPLATE_PEERS]]
    cands = sorted(set(cands))
    ix = ReuseIndex(load_docs(store, cands), params=params, workers=1)

    def units(h: np.ndarray) -> np.ndarray:
        """Corpus-wide distinct units per hash (from the store), for template decisions."""
        return np.array([freq.get(int(x), 0) for x in h.tolist()], dtype=np.int64)

    result = ix.check(new_doc, corpus_units=units, total_units=max(total, 1))
    with store.transaction() as s:
        hashes = np.unique(prints.hashes)
        save_postings(s, key=key, items=[RevisionPrints(rid, new_doc.unit, len(folded), hashes)])
    return result, [str(rid), *[str(c) for c in cands]]


def _silent(stage: str, done: int, total: int) -> None:
    """No progress output."""


def scan_store(
    store: Store,
    *,
    actor: str,
    params: ReuseParams | None = None,
    revisions: Sequence[str] | None = None,
    new: str | None = None,
    checks: bool = True,
    workers: int | None = None,
    cluster: str | None = None,
    memory: int | None = None,
    progress: Progress | None = None,
) -> ScanOutcome:
    """Scan the given revisions (default: the newest of every report), or check one ``new``
    revision against the stored index; store the run and, with ``checks``, the consistency
    checks of the scanned revisions. ``workers``: processes reading and folding the corpus
    (default: the cores, at most 2); pass 1 from a multi-threaded program. ``cluster``
    (``tcp://HOST:8786`` or ``local:N``) runs the candidate stage's shards on Dask, and
    ``memory`` (bytes per shard task) shards it on local workers too; ``progress`` is told
    as each stage advances."""
    params = params or ReuseParams()
    key = index_key(params.k, params.window, PARSER_VERSION)
    completed = complete_pending(store)
    with store.session() as s:
        if new is not None:
            ids = [get_revision(s, new).id]
        elif revisions:
            ids = [get_revision(s, r).id for r in revisions]
        else:
            ids = [r.latest_revision_id for r in list_reports(s) if r.latest_revision_id]
    if not ids:
        raise NotFoundError("the store holds no revisions to scan; import reports first")
    if new is not None:
        result, scanned = check_one(store, ids[0], key, params)
        with store.transaction() as s:
            run = save_run(s, result, revisions=scanned, actor=actor, incremental=True)
    else:
        ex = None
        if cluster is not None or memory is not None or progress is not None:
            ex = make_executor(cluster, workers=workers, progress=progress or _silent)
        try:
            ix = ReuseIndex(
                lazy_docs(store, ids), params=params, workers=workers, executor=ex, memory=memory
            )
            result = ix.scan()
            index_revisions(store, ix, key)
        finally:
            close_readers(store)
            if ex is not None:
                ex.close()
        with store.transaction() as s:
            run = save_run(s, result, revisions=[d.revision for d in ix.docs], actor=actor)
    checked = check_revisions(store, [str(i) for i in ids], actor=actor) if checks else []
    return ScanOutcome(run, result, params, checked, completed)
