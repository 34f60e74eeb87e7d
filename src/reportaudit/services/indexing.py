"""The reuse fingerprint index, filled as revisions arrive (at import and before a scan).

Why at import: the document is parsed and in hand, so fingerprinting it then costs ~2 ms
and nothing has to be read back later; ``scan --new`` can check a revision right away.
Why batched: postings go into one clustered B-tree, and writing them sorted in large
batches touches each page once per batch instead of once per fingerprint. A batch is
written when it holds as many postings as the store already has (so the tree is rewritten
about twice in all, however large the import), at least ``min_flush`` of them, and always
at the end.

The index is part of the import's promise: the transaction that stores a revision also
marks it "to index" (``reuse_pending``), and the transaction that writes its postings
deletes the mark. A crash between the two leaves the mark, and ``complete_pending`` — run
first by the next import, scan and ``scan --new`` — indexes what is still marked.
"""

from __future__ import annotations

import contextlib
from types import TracebackType

import numpy as np

from reportaudit.matching.corpus import IndexedDoc
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.scan import prepare
from reportaudit.oserrors import describe, is_fault
from reportaudit.store import Store
from reportaudit.store.reuse import (
    RevisionPrints,
    index_key,
    indexed_postings,
    pending_revisions,
    save_postings,
)
from reportaudit.structure import PARSER_VERSION

MIN_FLUSH = 4_000_000
"""Postings held in memory (12 bytes each) before a batch is written, at the least."""


def default_key(params: ReuseParams | None = None) -> str:
    """The index key ``scan`` uses for ``params`` (default parameters when None)."""
    params = params or ReuseParams()
    return index_key(params.k, params.window, PARSER_VERSION)


class FingerprintBatch:
    """Collects the fingerprints of new revisions and writes them to the store in batches.

    Use as a context manager so the last batch is written on the way out (also after an
    error: the revisions added so far are stored and deserve their index).
    """

    def __init__(
        self, store: Store, *, params: ReuseParams | None = None, min_flush: int = MIN_FLUSH
    ) -> None:
        """Prepare a batch for ``store`` under the index key of ``params``."""
        self.store = store
        self.params = params or ReuseParams()
        self.key = default_key(self.params)
        self.min_flush = min_flush
        self.added = 0
        self.flushes = 0
        self.failed: str | None = None
        """Why the last batch could not be written on the way out (its revisions stay
        marked "to index"), or None."""
        self._pending: list[RevisionPrints] = []
        self._pending_postings = 0
        self._stored: int | None = None

    def add(self, doc: IndexedDoc) -> None:
        """Fingerprint one stored revision (``doc.revision`` is its id) and queue it."""
        prints, folded, _, _ = prepare(doc, params=self.params)
        hashes = np.unique(prints.hashes)
        self._pending.append(RevisionPrints(int(doc.revision), doc.unit, len(folded), hashes))
        self._pending_postings += len(hashes)
        if self._stored is None:
            with self.store.session() as s:
                self._stored = indexed_postings(s, self.key)
        if self._pending_postings >= max(self.min_flush, self._stored):
            self.flush()

    def flush(self) -> int:
        """Write the queued revisions' postings in one transaction; how many were indexed."""
        if not self._pending:
            return 0
        items, self._pending = self._pending, []
        count, self._pending_postings = self._pending_postings, 0
        with self.store.transaction() as s:
            added = save_postings(s, key=self.key, items=items)
        self._stored = (self._stored or 0) + count
        self.added += added
        self.flushes += 1
        return added

    def __enter__(self) -> FingerprintBatch:
        """The batch itself."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Write what is queued; a failure here must not hide the error that ended the block.

        An OS or database fault (disk full) is kept in ``failed`` instead of raised: the
        revisions are stored and marked "to index", so the next import or scan indexes them.
        """
        if exc_type is None:
            try:
                self.flush()
            except Exception as err:
                if not is_fault(err):
                    raise
                self.failed = describe(err)
            return
        with contextlib.suppress(Exception):  # the original error matters more; scan re-indexes
            self.flush()


COMPLETE_BATCH = 200
"""Marked revisions read and fingerprinted at a time by ``complete_pending``."""


def complete_pending(store: Store, *, params: ReuseParams | None = None) -> int:
    """Index every revision still marked "to index" (an import that did not finish its
    index writes); how many were indexed. Cheap when nothing is marked (one query)."""
    from reportaudit.services.reuse import load_docs

    with store.session() as s:
        todo = pending_revisions(s)
    if not todo:
        return 0
    with FingerprintBatch(store, params=params) as batch:
        for lo in range(0, len(todo), COMPLETE_BATCH):
            for doc in load_docs(store, todo[lo : lo + COMPLETE_BATCH]):
                batch.add(doc)
            batch.flush()
    return len(todo)
