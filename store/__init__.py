"""reportaudit.store: the versioned, tamper-evident store of report revisions.

Why a store: an auditor must be able to show which file said what, when it arrived, who
imported it, and that nothing was changed since. Every import is an immutable revision with
its original bytes; every write appends to a sha256-chained audit trail; ``verify`` proves it.

Open a store (no engine exists before this call)::

    store = open_store(url)          # url: path | "sqlite:///..." | "postgresql+psycopg://..."
                                     # None -> $REPORTAUDIT_STORE -> ./reportaudit.db
    with store.transaction() as s:   # the ONE way to write: all or nothing, one writer at a time
        result = import_revision(s, prepare_import(data=..., filename=..., fmt=..., encoding=...,
                                 text=..., document_dict=doc.to_dict(),
                                 parser_version=doc.parser_version, unit=..., year=..., kind=...,
                                 region=..., actor=..., note=None))
    with store.session() as s:       # reads
        list_reports(s); report_log(s, "新区党群工作部 2021"); verify(s)

Public API (every function takes a Session first; results are frozen dataclasses):

- ``open_store(url=None, *, create=True) -> Store``; ``Store.session()``, ``Store.transaction()``,
  ``Store.close()``, ``Store.dialect``, ``Store.display_url``; ``resolve_url(url)``.
- ``prepare_import(*, data, filename, fmt, encoding, text, document_dict, parser_version,
  unit, year, kind, region, actor, note=None, when=None, extraction=None) -> PreparedImport``
  (checks a file, writes nothing); ``import_revision(s, prepared) -> ImportResult(
  revision, report, duplicate)``, ``import_prepared(s, [prepared, ...])`` for a batch — identical bytes already stored: ``duplicate=True``, nothing
  added; ``stored_duplicate(s, sha256) -> ImportResult | None`` (asked before parsing);
  ``import_extraction(s, revision_id) -> dict | None`` (OCR engine, converter).
- ``save_derivation(s, *, revision_id, text, document_dict, parser_version, actor)
  -> DerivationInfo``; ``revisions_missing_derivation(s, parser_version) -> list[int]``;
  ``derivation_versions(s, revision_id) -> list[str]``.
- ``revision_text(s, revision_id, *, parser_version=None) -> (text, document_dict)``
  (newest derivation by default); ``original_bytes(s, revision_id) -> bytes``.
- ``list_reports(s) -> list[ReportSummary]``; ``report_overview(store)`` (the same in one
  Core query, no Session: for first screens); ``sqlite_overview(url)`` (the same read
  through the sqlite3 driver before the store is opened, or None); ``resolve_report(s, ref) -> ReportSummary``;
  ``report_log(s, ref) -> list[RevisionInfo]`` (newest first); ``get_revision(s, ref)
  -> RevisionInfo``; ``revision_as_of(s, ref, when) -> RevisionInfo``. References are
  explained in ``reportaudit.store.queries`` (ids, "#id", "unit words 2021", sha prefix,
  "report@2", "report@latest"); unknown -> NotFoundError, several -> AmbiguousError.
- ``append_event(s, *, actor, action, subject, details) -> EventInfo`` (time = now) for review
  decisions, exports, ...; ``events(s, limit=None, *, action=None) -> list[EventInfo]``
  (oldest first; ``limit`` keeps the newest); ``head_hash(s)``; ``first_hash(s)`` (names the store).
- ``verify(s) -> VerifyReport(ok, problems, events_checked, originals_checked,
  derivations_checked, head_hash)``; ``report.first_problem`` / ``report.summary()``.

Schema changes are Alembic migrations in ``migrations/versions`` (run on every open); new
tables go in their own module registered in ``SQLModel.metadata`` — see ``models``.
"""

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .bulk import PreparedImport, import_prepared, import_revision, prepare_import
    from .engine import Store, open_store
    from .events import append_event, events, first_hash, head_hash
    from .overview import report_overview, sqlite_overview
    from .queries import get_revision, list_reports, report_log, resolve_report, revision_as_of
    from .results import (
        DerivationInfo,
        EventInfo,
        ImportResult,
        ReportSummary,
        RevisionInfo,
        VerifyReport,
    )
    from .revisions import (
        derivation_versions,
        import_extraction,
        newest_under_label,
        original_bytes,
        revision_text,
        revisions_missing_derivation,
        save_derivation,
        stored_duplicate,
    )
    from .urls import resolve_url
    from .verify import verify

# Public name -> the module defining it. Imported on first use (PEP 562) so that
# ``open_store`` and ``report_overview`` need SQLAlchemy Core only: the TUI's first screen
# must not wait for SQLModel and the ORM (~0.15 s of imports) before it shows the corpus.
_EXPORTS = {
    "Store": "engine",
    "open_store": "engine",
    "resolve_url": "urls",
    "append_event": "events",
    "events": "events",
    "first_hash": "events",
    "head_hash": "events",
    "report_overview": "overview",
    "sqlite_overview": "overview",
    "get_revision": "queries",
    "list_reports": "queries",
    "report_log": "queries",
    "resolve_report": "queries",
    "revision_as_of": "queries",
    "DerivationInfo": "results",
    "EventInfo": "results",
    "ImportResult": "results",
    "ReportSummary": "results",
    "RevisionInfo": "results",
    "VerifyReport": "results",
    "derivation_versions": "revisions",
    "import_extraction": "revisions",
    "import_revision": "bulk",
    "import_prepared": "bulk",
    "prepare_import": "bulk",
    "PreparedImport": "bulk",
    "newest_under_label": "revisions",
    "original_bytes": "revisions",
    "revision_text": "revisions",
    "revisions_missing_derivation": "revisions",
    "save_derivation": "revisions",
    "stored_duplicate": "revisions",
    "verify": "verify",
}


class _Package(ModuleType):
    """This package, keeping ``events`` and ``verify`` bound to the functions.

    Why: importing a submodule binds it on its package under its own name, and two
    submodules are named like the function they export (``events.events``,
    ``verify.verify``). The eager imports used to rebind the functions afterwards; with
    lazy exports, whichever code imports the submodule first would leave the module there.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        """A submodule bound under the name of its own export: bind the export instead."""
        if isinstance(value, ModuleType) and _EXPORTS.get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    """Import the module behind a public name on first use and keep the name here."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names too (they are not module globals until first used)."""
    return sorted(set(globals()) | set(_EXPORTS))


__all__ = [
    "DerivationInfo",
    "EventInfo",
    "ImportResult",
    "PreparedImport",
    "ReportSummary",
    "RevisionInfo",
    "Store",
    "VerifyReport",
    "append_event",
    "derivation_versions",
    "events",
    "first_hash",
    "get_revision",
    "head_hash",
    "import_extraction",
    "import_prepared",
    "import_revision",
    "list_reports",
    "newest_under_label",
    "open_store",
    "original_bytes",
    "prepare_import",
    "report_log",
    "report_overview",
    "resolve_report",
    "resolve_url",
    "revision_as_of",
    "revision_text",
    "revisions_missing_derivation",
    "save_derivation",
    "sqlite_overview",
    "stored_duplicate",
    "verify",
]
