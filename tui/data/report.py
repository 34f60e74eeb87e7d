"""One report for the detail pane and the history screen: revisions and the parsed outline.

The store's queries and the parser are imported inside the loaders (they run in workers):
the corpus screen imports this module, and its first paint must not wait for the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportaudit.store import Store
    from reportaudit.store.results import ReportSummary, RevisionInfo
    from reportaudit.structure import Document

__all__ = ["ReportDetail", "load_document", "load_report_detail"]


@dataclass(frozen=True)
class ReportDetail:
    """A report, its revisions (newest first) and the parsed newest revision."""

    report: ReportSummary
    revisions: tuple[RevisionInfo, ...]
    document: Document | None


def load_document(store: Store, revision_id: int) -> Document:
    """The parsed text of a revision (newest derivation)."""
    from reportaudit.store import revision_text
    from reportaudit.structure import Document

    with store.session() as session:
        text, data = revision_text(session, revision_id)
    return Document.from_dict(text, data)


def load_report_detail(store: Store, report_id: int) -> ReportDetail:
    """Everything the detail pane shows about one report."""
    from reportaudit.store import report_log, resolve_report

    with store.session() as session:
        report = resolve_report(session, report_id)
        revisions = tuple(report_log(session, report_id))
    document = load_document(store, revisions[0].id) if revisions else None
    return ReportDetail(report, revisions, document)
