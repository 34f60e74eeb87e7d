"""reportaudit.store: the versioned, tamper-evident store of report revisions.

Why a store: an auditor must be able to show which file said what, when it arrived, who
imported it, and that nothing was changed since. Every import is an immutable revision with
its original bytes; every write appends to a sha256-chained audit trail; ``verify`` proves it.

Open a store (no engine exists before this call)::

    store = open_store(url)          # url: path | "sqlite:///..." | "postgresql+psycopg://..."
                                     # None -> $REPORTAUDIT_STORE -> ./reportaudit.db
    with store.transaction() as s:   # the ONE way to write: all or nothing, one writer at a time
        result = import_revision(s, data=..., filename=..., fmt=..., encoding=..., text=...,
                                 document_dict=doc.to_dict(), parser_version=doc.parser_version,
                                 unit=..., year=..., kind=..., region=..., actor=..., note=None)
    with store.session() as s:       # reads
        list_reports(s); report_log(s, "新区党群工作部 2021"); verify(s)

Public API (every function takes a Session first; results are frozen dataclasses):

- ``open_store(url=None, *, create=True) -> Store``; ``Store.session()``, ``Store.transaction()``,
  ``Store.close()``, ``Store.dialect``, ``Store.display_url``; ``resolve_url(url)``.
- ``import_revision(s, *, data, filename, fmt, encoding, text, document_dict, parser_version,
  unit, year, kind, region, actor, note=None, when=None) -> ImportResult(revision, report,
  duplicate)`` — identical bytes already stored: ``duplicate=True``, nothing added.
- ``save_derivation(s, *, revision_id, text, document_dict, parser_version, actor)
  -> DerivationInfo``; ``revisions_missing_derivation(s, parser_version) -> list[int]``;
  ``derivation_versions(s, revision_id) -> list[str]``.
- ``revision_text(s, revision_id, *, parser_version=None) -> (text, document_dict)``
  (newest derivation by default); ``original_bytes(s, revision_id) -> bytes``.
- ``list_reports(s) -> list[ReportSummary]``; ``resolve_report(s, ref) -> ReportSummary``;
  ``report_log(s, ref) -> list[RevisionInfo]`` (newest first); ``get_revision(s, ref)
  -> RevisionInfo``; ``revision_as_of(s, ref, when) -> RevisionInfo``. References are
  explained in ``reportaudit.store.queries`` (ids, "#id", "unit words 2021", sha prefix,
  "report@2", "report@latest"); unknown -> NotFoundError, several -> AmbiguousError.
- ``append_event(s, *, actor, action, subject, details) -> EventInfo`` (time = now) for review
  decisions, exports, ...; ``events(s, limit=None, *, action=None) -> list[EventInfo]``
  (oldest first; ``limit`` keeps the newest); ``head_hash(s)``.
- ``verify(s) -> VerifyReport(ok, problems, events_checked, originals_checked,
  derivations_checked, head_hash)``; ``report.first_problem`` / ``report.summary()``.

Schema changes are Alembic migrations in ``migrations/versions`` (run on every open); new
tables go in their own module registered in ``SQLModel.metadata`` — see ``models``.
"""

from .engine import Store, open_store, resolve_url
from .events import append_event, events, head_hash
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
    import_revision,
    original_bytes,
    revision_text,
    revisions_missing_derivation,
    save_derivation,
)
from .verify import verify

__all__ = [
    "DerivationInfo",
    "EventInfo",
    "ImportResult",
    "ReportSummary",
    "RevisionInfo",
    "Store",
    "VerifyReport",
    "append_event",
    "derivation_versions",
    "events",
    "get_revision",
    "head_hash",
    "import_revision",
    "list_reports",
    "open_store",
    "original_bytes",
    "report_log",
    "resolve_report",
    "resolve_url",
    "revision_as_of",
    "revision_text",
    "revisions_missing_derivation",
    "save_derivation",
    "verify",
]
