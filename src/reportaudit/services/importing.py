"""Import files into the store: read, extract, parse, infer metadata, store a revision.

One transaction per file: a file that fails leaves nothing behind and the batch goes on.
Each outcome is a frozen value the CLI prints and the TUI shows.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportaudit.diff.kinship import kinship
from reportaudit.errors import IngestError, ReportAuditError
from reportaudit.ingest import Budget, LimitExceeded, Limits, OcrInfo, PageProgress
from reportaudit.ingest.result import Extracted
from reportaudit.matching.corpus import IndexedDoc
from reportaudit.metadata import Metadata, classify_kind, infer
from reportaudit.oserrors import describe, is_fault, store_unwritable
from reportaudit.services.derive import DERIVATION_VERSION, derive
from reportaudit.services.indexing import FingerprintBatch, complete_pending
from reportaudit.store import (
    PreparedImport,
    Store,
    import_revision,
    newest_under_label,
    prepare_import,
    revision_text,
    stored_duplicate,
)
from reportaudit.store.hashing import sha256_hex
from reportaudit.store.results import ImportResult
from reportaudit.structure import Document

if TYPE_CHECKING:
    from sqlmodel import Session

SUPPORTED = {
    ".txt",
    ".docx",
    ".pdf",
    ".html",
    ".htm",
    ".doc",
    ".wps",
    ".rtf",
    ".png",
    ".jpg",
    ".jpeg",
    ".tif",
    ".tiff",
}
"""Extensions a folder import picks up. .doc/.wps/.rtf need LibreOffice and images (and
scanned PDFs) the ``ocr`` extra; without them each such file fails with a line saying what
to install, so the user hears about it instead of the file being skipped silently."""
# Looked at when scanning folders too, so the user hears why they were not imported.
RECOGNISED = SUPPORTED


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line; wins over what the title says."""

    unit: str | None = None
    year: int | None = None
    kind: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file: imported, duplicate (already stored) or failed."""

    path: Path
    status: str  # "imported" | "duplicate" | "failed"
    message: str
    metadata: Metadata | None = None
    result: ImportResult | None = None
    warnings: tuple[str, ...] = ()
    ocr: OcrInfo | None = None
    store_unwritable: bool = False
    """The store could take no more writes (disk full, read-only): stop the batch."""
    kept_apart: KeptApart | None = None
    """Its label names a stored report, but its text is not kin to that report's newest
    revision, so it was filed as a report of its own (see ``reportaudit.diff.kinship``)."""

    @property
    def needs_a_look(self) -> bool:
        """Imported with an uncertain key field or kept apart from a same-label report."""
        if self.status != "imported":
            return False
        return bool(self.kept_apart or (self.metadata and self.metadata.uncertain))


@dataclass(frozen=True)
class KeptApart:
    """The stored report a file's label named, and how little of its text the file shares."""

    report_id: int
    report_label: str
    revision_id: int
    share: float


@dataclass(frozen=True)
class Collected:
    """What the paths named on the command line hold."""

    files: list[Path]
    """Report files to import (named ones always: an unsupported one gets a clear error)."""
    skipped: list[Path]
    """Files in folders whose type is not a report."""
    missing: list[Path]
    """Paths named that do not exist."""
    unreadable: list[str]
    """One line per path or folder that could not be read (permission denied …)."""


def collect(paths: Iterable[Path]) -> Collected:
    """Expand folders (recursively, sorted) into report files, noting what cannot be read
    instead of skipping it silently or stopping at it."""
    files: list[Path] = []
    skipped: list[Path] = []
    missing: list[Path] = []
    unreadable: list[str] = []
    for path in paths:
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            missing.append(path)
            continue
        except OSError as exc:
            unreadable.append(f"{path}: cannot read: {exc.strerror or exc}")
            continue
        if not stat.S_ISDIR(mode):
            files.append(path)
            continue
        found: list[Path] = []

        def note(exc: OSError) -> None:
            """An unreadable folder inside ``path``: one line, and the walk goes on."""
            unreadable.append(f"{exc.filename}: cannot read folder: {exc.strerror or exc}")

        for folder, _dirs, names in os.walk(path, onerror=note):
            found.extend(Path(folder) / n for n in names if not n.startswith("."))
        for child in sorted(found):
            if child.is_file():
                (files if child.suffix.lower() in RECOGNISED else skipped).append(child)
    return Collected(files, skipped, missing, unreadable)


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Expand folders (recursively, sorted) into report files.

    Returns (files to import, files skipped in folders because their type is not a report).
    Files named explicitly are always tried, so an unsupported one gets a clear error;
    ``collect`` also says what could not be read.
    """
    found = collect(paths)
    return found.files + found.missing, found.skipped


def _apply(meta: Metadata, over: Overrides) -> Metadata:
    """Overlay command-line metadata on the inferred one: an override is certain."""
    sources, certain, notes = dict(meta.sources), dict(meta.certain), dict(meta.notes)
    changes: dict[str, object] = {}
    for field_name in ("unit", "year", "kind", "region"):
        value = getattr(over, field_name)
        if value is not None:
            changes[field_name] = value
            sources[field_name], certain[field_name] = "option", True
            notes.pop(field_name, None)
    if over.kind is not None:
        changes["kind_class"] = classify_kind(over.kind, has_project=meta.project is not None)
        sources["kind_class"], certain["kind_class"] = "option", True
    return replace(meta, **changes, sources=sources, certain=certain, notes=notes)  # type: ignore[arg-type]


def import_file(
    store: Store,
    path: Path,
    *,
    actor: str,
    overrides: Overrides = Overrides(),
    note: str | None = None,
    indexer: FingerprintBatch | None = None,
    on_page: PageProgress | None = None,
    limits: Limits | None = None,
) -> ImportOutcome:
    """Import one file as a new revision (or recognise it as already stored).

    With ``indexer`` the new revision's reuse fingerprints are queued there (the caller
    leaves its ``with`` block to write the last batch). ``on_page(done, total)`` hears about
    pages read by OCR (scans), the one step slow enough to need progress of its own.
    ``limits`` (default: ``Limits.from_env()``) bound what the file may cost; they are
    checked while it is read. Bytes already stored (same sha256) are recognised before any
    parsing.
    """
    got = read_file(store, path, overrides=overrides, on_page=on_page, limits=limits)
    if isinstance(got, ImportOutcome):
        return got
    try:
        with store.transaction() as session:
            apart = None if got.meta.uncertain else not_kin(session, got.meta, got.text)
            result = import_revision(session, prepare(got, apart, actor=actor, note=note))
    except Exception as exc:  # a bug must not stop the batch; the transaction rolled back
        return failure(path, exc)
    if result.duplicate:  # stored by another import since the check above
        return _duplicate(path, result)
    warnings: tuple[str, ...] = ()
    if indexer is not None:
        warnings = _index(indexer, result, got.doc, path)
    return stored_outcome(got, result, apart, warnings)


@dataclass(frozen=True)
class ReadFile:
    """One file read, derived and labelled: what storing it needs (``read_file``)."""

    path: Path
    data: bytes
    extracted: Extracted
    doc: Document
    meta: Metadata

    @property
    def text(self) -> str:
        """The extracted text."""
        return self.extracted.text


def read_file(
    store: Store,
    path: Path,
    *,
    overrides: Overrides = Overrides(),
    on_page: PageProgress | None = None,
    limits: Limits | None = None,
) -> ReadFile | ImportOutcome:
    """Read, extract, parse and label one file; or the outcome that ends it here (failed,
    or bytes already stored). The first half of every import, one file or a batch."""
    name = str(path)
    budget = Budget(path.name, limits or Limits.from_env())
    try:
        data = _read_capped(path, budget)
    except LimitExceeded as exc:
        return ImportOutcome(path, "failed", f"{name}: {exc.reason}")
    except OSError as exc:
        return ImportOutcome(path, "failed", f"{name}: cannot read: {exc.strerror or exc}")
    try:
        if data:
            with store.session() as s:
                known = stored_duplicate(s, sha256_hex(data))
            if known is not None:
                return _duplicate(path, known)
        extracted, doc = derive(data, path.name, on_page=on_page, budget=budget)
        meta = _apply(infer(doc, filename=path.name), overrides)
    except Exception as exc:
        return failure(path, exc)
    return ReadFile(path, data, extracted, doc, meta)


def failure(path: Path, exc: Exception) -> ImportOutcome:
    """The one line for a file that could not be stored (nothing of it was)."""
    name = str(path)
    if isinstance(exc, IngestError):
        return ImportOutcome(path, "failed", f"{name}: {exc.reason}")
    if isinstance(exc, ReportAuditError):
        return ImportOutcome(path, "failed", f"{name}: {exc}")
    if is_fault(exc):
        return ImportOutcome(
            path,
            "failed",
            f"{name}: not stored: {describe(exc)}",
            store_unwritable=store_unwritable(exc),
        )
    return ImportOutcome(
        path, "failed", f"{name}: internal error ({type(exc).__name__}: {exc}); please report"
    )


def prepare(
    got: ReadFile, apart: KeptApart | None, *, actor: str, note: str | None
) -> PreparedImport:
    """The file checked and ready to store (``store.bulk``): its label, where each field
    was read, and "revision" uncertain when it was kept apart."""
    meta = got.meta
    return prepare_import(
        data=got.data,
        filename=got.path.name,
        fmt=got.extracted.format,
        encoding=got.extracted.encoding,
        text=got.text,
        document_dict=got.doc.to_dict(),
        parser_version=DERIVATION_VERSION,
        unit=meta.unit,
        year=meta.year,
        kind=meta.kind,
        region=meta.region,
        kind_class=meta.kind_class,
        project=meta.project,
        provenance=_provenance(meta, apart),
        uncertain=_uncertain(meta, apart),
        actor=actor,
        note=note,
        extraction=got.extracted.details(),
    )


def _uncertain(meta: Metadata, apart: KeptApart | None) -> tuple[str, ...]:
    """The uncertain fields a file is stored with: "revision" too when it was kept apart."""
    return (*meta.uncertain, "revision") if apart else meta.uncertain


def _provenance(meta: Metadata, apart: KeptApart | None) -> dict[str, dict[str, object]]:
    """Where each label field was read; for a file kept apart, why it is not a revision."""
    provenance = meta.provenance()
    if apart:
        provenance["revision"] = {
            "value": None,
            "source": "default",
            "certain": False,
            "note": (
                f"label names report {apart.report_id}, but the text shares "
                f"{apart.share:.0%} with its newest revision {apart.revision_id}"
            ),
        }
    return provenance


def stored_outcome(
    got: ReadFile, result: ImportResult, apart: KeptApart | None, warnings: tuple[str, ...]
) -> ImportOutcome:
    """The outcome of a file stored as a new revision."""
    meta = got.meta
    msg = f"{got.path}: revision {result.revision.id} of {result.report.label}"
    if meta.uncertain:
        msg += f" — needs a look: {', '.join(meta.uncertain)} uncertain"
    elif apart:
        msg += (
            f" — kept apart from report {apart.report_id}: same label, but only "
            f"{apart.share:.0%} of the text is shared with its revision {apart.revision_id}; "
            f"if it is a revision of it: reportaudit relabel {result.revision.id} "
            f"--unit {meta.unit}"
        )
    return ImportOutcome(
        got.path,
        "imported",
        msg,
        meta,
        result,
        got.extracted.warnings + warnings,
        got.extracted.ocr,
        kept_apart=apart,
    )


def not_kin(session: Session, meta: Metadata, text: str) -> KeptApart | None:
    """The same-label report this text is *not* a revision of, or None (no such report,
    or the text is kin to its newest revision and joins it)."""
    found = newest_under_label(
        session,
        unit=meta.unit,
        year=meta.year,
        kind=meta.kind,
        kind_class=meta.kind_class,
        project=meta.project,
    )
    if found is None:
        return None
    report, newest = found
    stored, _ = revision_text(session, newest)
    kin = kinship(text, stored)
    if kin.kin:
        return None
    return KeptApart(report.id, report.label, newest, round(kin.share, 4))


def _read_capped(path: Path, budget: Budget) -> bytes:
    """The file's bytes, refusing it by its size before reading and never reading more than
    the limit (a file that grows, or a device, cannot make us hold more)."""
    budget.check_bytes(path.stat().st_size)
    with path.open("rb") as fh:
        data = fh.read(budget.limits.max_bytes + 1)
    budget.check_bytes(len(data))
    return data


def _duplicate(path: Path, result: ImportResult) -> ImportOutcome:
    """The outcome for bytes already stored."""
    msg = (
        f"{path}: already stored as revision {result.revision.id} ({result.report.label}); "
        "nothing added"
    )
    return ImportOutcome(path, "duplicate", msg, None, result)


def _index(
    indexer: FingerprintBatch, result: ImportResult, doc: Document, path: Path
) -> tuple[str, ...]:
    """Queue a stored revision's fingerprints; a failure is a warning (scan indexes it later)."""
    rep = result.report
    try:
        indexer.add(
            IndexedDoc(str(result.revision.id), rep.unit, rep.year, rep.kind, path.name, doc)
        )
    except Exception as exc:  # the revision is stored; the index is derived data
        return (f"not indexed for reuse yet ({type(exc).__name__}: {exc}); `scan` will index it",)
    return ()


def import_paths(
    store: Store,
    files: Sequence[Path],
    *,
    actor: str,
    overrides: Overrides = Overrides(),
    note: str | None = None,
    progress: Callable[[ImportOutcome], None] | None = None,
    limits: Limits | None = None,
) -> list[ImportOutcome]:
    """Import many files, one transaction each, indexing them for reuse detection;
    ``progress`` hears about each outcome."""
    outcomes = []
    complete_pending(store)
    with FingerprintBatch(store) as indexer:
        for path in files:
            outcome = import_file(
                store,
                path,
                actor=actor,
                overrides=overrides,
                note=note,
                indexer=indexer,
                limits=limits,
            )
            outcomes.append(outcome)
            if progress:
                progress(outcome)
    return outcomes
