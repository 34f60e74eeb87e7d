"""One report for the detail pane and the history screen: revisions and the parsed outline."""

from __future__ import annotations

from dataclasses import dataclass

from reportaudit.store import Store, report_log, resolve_report, revision_text
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
    with store.session() as session:
        text, data = revision_text(session, revision_id)
    return Document.from_dict(text, data)


def load_report_detail(store: Store, report_id: int) -> ReportDetail:
    """Everything the detail pane shows about one report."""
    with store.session() as session:
        report = resolve_report(session, report_id)
        revisions = tuple(report_log(session, report_id))
    document = load_document(store, revisions[0].id) if revisions else None
    return ReportDetail(report, revisions, document)
