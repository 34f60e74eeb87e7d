"""Importing many already-read files in batches (``store.bulk``), indexing them as they land.

Why a service of its own: a batch is one transaction, so one file the database refuses
would take the whole batch with it. Here a failed batch is retried one file per
transaction: every file of it is then stored whole or refused alone with one line naming
it, and nothing is half-written (see ``store.bulk``). Reuse fingerprints of the stored
files go to a ``FingerprintBatch`` after their batch commits (its own transactions, with
the "to index" marks as the safety net, as for ``reportaudit import``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import TracebackType

from reportaudit.matching.corpus import IndexedDoc
from reportaudit.oserrors import describe, is_fault, store_unwritable
from reportaudit.services.indexing import FingerprintBatch
from reportaudit.store import Store
from reportaudit.store.bulk import PreparedImport, import_prepared
from reportaudit.store.results import ImportResult
from reportaudit.structure import Document

BATCH = 500
"""Files per transaction by default."""


@dataclass(frozen=True, slots=True)
class BulkOutcome:
    """What happened to one file of a batch."""

    name: str
    status: str  # "imported" | "duplicate" | "failed"
    message: str
    result: ImportResult | None = None
    store_unwritable: bool = False
    """The store could take no more writes (disk full, read-only): stop importing."""
    warnings: tuple[str, ...] = ()
    """Stored, but not indexed for reuse yet (the next scan indexes it)."""


@dataclass(frozen=True, slots=True)
class _Queued:
    """A prepared file waiting for its batch, with the Document its fingerprints need."""

    name: str
    prepared: PreparedImport
    document: Document


class BulkImporter:
    """Collects prepared files and stores them ``batch`` at a time (a context manager: the
    last batch is stored and indexed on leaving the block without an error)."""

    def __init__(self, store: Store, *, batch: int = BATCH, index: bool = True) -> None:
        """Batches of ``batch`` files into ``store``; ``index``: fingerprint them too."""
        if batch < 1:
            raise ValueError("a batch holds at least one file")
        self.store = store
        self.batch = batch
        self.indexer = FingerprintBatch(store) if index else None
        self.batches = 0
        self.retried = 0
        """Batches the database refused whole and that were stored file by file."""
        self._queue: list[_Queued] = []

    def add(self, name: str, prepared: PreparedImport, document: Document) -> list[BulkOutcome]:
        """Queue one file; the outcomes of the batch it completed (else none yet)."""
        self._queue.append(_Queued(name, prepared, document))
        return self.flush() if len(self._queue) >= self.batch else []

    def flush(self) -> list[BulkOutcome]:
        """Store the queued files (one transaction; file by file if that fails)."""
        queued, self._queue = self._queue, []
        if not queued:
            return []
        self.batches += 1
        try:
            with self.store.transaction() as s:
                results = import_prepared(s, [q.prepared for q in queued])
            outcomes = [_outcome(q, r) for q, r in zip(queued, results, strict=True)]
        except Exception:  # rolled back whole: find the file at fault, store the rest
            self.retried += 1
            outcomes = [self._one(q) for q in queued]
        if self.indexer is None:
            return outcomes
        return [self._index(q, o) for q, o in zip(queued, outcomes, strict=True)]

    def _index(self, q: _Queued, o: BulkOutcome) -> BulkOutcome:
        """Queue a stored file's fingerprints; a failure is a warning on its outcome (the
        revision is stored and stays marked "to index", so the next scan indexes it)."""
        if self.indexer is None or o.status != "imported" or o.result is None:
            return o
        rep = o.result.report
        doc = IndexedDoc(
            str(o.result.revision.id), rep.unit, rep.year, rep.kind, q.prepared.filename, q.document
        )
        try:
            self.indexer.add(doc)
        except Exception as exc:  # derived data: the scan indexes it later
            why = f"not indexed for reuse yet ({type(exc).__name__}: {exc}); `scan` will index it"
            return replace(o, warnings=(*o.warnings, why))
        return o

    def _one(self, q: _Queued) -> BulkOutcome:
        """Store one file in a transaction of its own; a refusal is its outcome."""
        try:
            with self.store.transaction() as s:
                (result,) = import_prepared(s, [q.prepared])
        except Exception as exc:
            why = describe(exc) if is_fault(exc) else f"{type(exc).__name__}: {exc}"
            return BulkOutcome(
                q.name,
                "failed",
                f"{q.name}: not stored: {why}",
                store_unwritable=is_fault(exc) and store_unwritable(exc),
            )
        return _outcome(q, result)

    def __enter__(self) -> BulkImporter:
        """The importer itself."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Store the last batch (unless an error ends the block) and write its index."""
        if exc_type is None:
            self.flush()
        if self.indexer is not None:
            self.indexer.__exit__(exc_type, exc, tb)


def _outcome(q: _Queued, result: ImportResult) -> BulkOutcome:
    """The outcome of a stored or recognised file."""
    if result.duplicate:
        msg = f"{q.name}: already stored as revision {result.revision.id}; nothing added"
        return BulkOutcome(q.name, "duplicate", msg, result)
    msg = f"{q.name}: revision {result.revision.id} of {result.report.label}"
    return BulkOutcome(q.name, "imported", msg, result)
