"""``reportaudit import --batch N``: the one-file import's rules, stored N files per transaction.

Why a module of its own: at a province's scale one transaction per file costs a commit and
a dozen round trips per file (``store.bulk``). Every file still goes through what
``import_file`` does — the same reading and limits, the same metadata and overrides, the
same duplicate recognition and the same kinship rule (a file whose label names a stored
report but whose text is not kin to its newest revision is kept apart, uncertain
"revision") — and yields the same ``ImportOutcome``, in file order, so the CLI prints the
same lines, summary and JSON.

Two files of one label inside a batch: the second must be judged against the first (its
newest revision once stored), so the batch is stored before the second is judged; files
of different labels share a batch freely. A batch the database refuses whole is stored
file by file (``services.bulkimport``), so the file at fault fails alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportaudit.ingest import Limits, PageProgress
from reportaudit.services.bulkimport import BulkImporter, BulkOutcome
from reportaudit.services.importing import (
    ImportOutcome,
    KeptApart,
    Overrides,
    ReadFile,
    _duplicate,
    failure,
    not_kin,
    prepare,
    read_file,
    stored_outcome,
)
from reportaudit.store import Store
from reportaudit.store.labels import Label, normalise_label, report_key
from reportaudit.store.revisions import class_of_kind


@dataclass(frozen=True, slots=True)
class _Waiting:
    """A file queued in the open batch, with the kinship decision taken for it."""

    got: ReadFile
    apart: KeptApart | None


def import_batched(
    store: Store,
    files: Sequence[Path],
    *,
    batch: int,
    actor: str,
    overrides: Overrides | None = None,
    note: str | None = None,
    limits: Limits | None = None,
    on_file: Callable[[Path], PageProgress | None] | None = None,
    indexer_failed: Callable[[str], None] | None = None,
) -> Iterator[ImportOutcome]:
    """Import ``files`` ``batch`` at a time; yields each file's outcome, in file order, as
    its batch is stored. ``on_file(path)`` hears that a file is about to be read (it may
    return the OCR page callback for it); ``indexer_failed(why)`` hears that the reuse
    index could not be written (the revisions stay marked for the next scan)."""
    slots: list[_Waiting | ImportOutcome] = []
    labels: set[str] = set()  # labels a queued file files into (joins or founds)
    with BulkImporter(store, batch=batch) as bulk:

        def drain(stored: list[BulkOutcome]) -> Iterator[ImportOutcome]:
            """The outcomes of the open batch, once ``stored`` says how it went."""
            done = iter(stored)
            for slot in slots:
                yield slot if isinstance(slot, ImportOutcome) else _outcome(slot, next(done))
            slots.clear()
            labels.clear()

        def unwritable() -> bool:
            """The store took no more writes in the batch just stored: stop here."""
            return bool(stored) and any(o.store_unwritable for o in stored)

        stored: list[BulkOutcome] = []

        for path in files:
            got = read_file(
                store,
                path,
                overrides=overrides or Overrides(),
                on_page=on_file(path) if on_file else None,
                limits=limits,
            )
            if isinstance(got, ImportOutcome):
                slots.append(got)
                continue
            try:
                key = None if got.meta.uncertain else _label_key(got)
                if key is not None and key in labels:
                    stored = bulk.flush()
                    yield from drain(stored)
                    if unwritable():
                        return
                apart = None
                if key is not None:
                    with store.session() as s:
                        apart = not_kin(s, got.meta, got.text)
                prepared = prepare(got, apart, actor=actor, note=note)
            except Exception as exc:  # this file alone fails; nothing of it is queued
                slots.append(failure(path, exc))
                continue
            if key is not None and apart is None:
                labels.add(key)
            slots.append(_Waiting(got, apart))
            stored = bulk.add(str(path), prepared, got.doc)
            if stored:
                yield from drain(stored)
                if unwritable():
                    return
        yield from drain(bulk.flush())
    if bulk.indexer is not None and bulk.indexer.failed and indexer_failed:
        indexer_failed(bulk.indexer.failed)


def _label_key(got: ReadFile) -> str:
    """The key of the report a certainly labelled file files into (as the store keys it)."""
    m = got.meta
    label = Label(m.unit, m.year, m.kind, m.kind_class or class_of_kind(m.kind), m.project, None)
    return report_key(normalise_label(label))


def _outcome(w: _Waiting, stored: BulkOutcome) -> ImportOutcome:
    """The ``ImportOutcome`` of a queued file, from what its batch did with it."""
    if stored.status == "failed" or stored.result is None:
        return ImportOutcome(
            w.got.path, "failed", stored.message, store_unwritable=stored.store_unwritable
        )
    if stored.result.duplicate:  # earlier in the batch, or stored meanwhile
        return _duplicate(w.got.path, stored.result)
    return stored_outcome(w.got, stored.result, w.apart, stored.warnings)
