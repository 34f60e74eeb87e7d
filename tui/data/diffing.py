"""Diffing two stored revisions: read both, parse, run the diff core."""

from __future__ import annotations

from dataclasses import dataclass

from reportaudit.diff import DocumentDiff, diff_documents
from reportaudit.store import Store, get_revision
from reportaudit.store.results import RevisionInfo

from .report import load_document

__all__ = ["RevisionDiff", "diff_revisions"]


@dataclass(frozen=True)
class RevisionDiff:
    """The diff with the two revisions it compares (a = old/left, b = new/right)."""

    a: RevisionInfo
    b: RevisionInfo
    diff: DocumentDiff


def diff_revisions(store: Store, a_id: int, b_id: int) -> RevisionDiff:
    """Diff revision ``a_id`` (old) against ``b_id`` (new)."""
    with store.session() as session:
        a, b = get_revision(session, a_id), get_revision(session, b_id)
    doc_a, doc_b = load_document(store, a_id), load_document(store, b_id)
    return RevisionDiff(a, b, diff_documents(doc_a, doc_b))
