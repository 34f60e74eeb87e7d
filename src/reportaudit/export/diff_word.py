"""A diff as a Word document with tracked changes (修订), for Word and WPS.

Why tracked changes: the unit and the auditor already read revisions in Word — each deletion
and insertion between the two revisions becomes a ``w:del`` / ``w:ins`` carrying an author
(who exported the diff) and a date (when), so the reader can step through them with
Word's own Next Change / Accept / Reject. The document is B with A's deletions as deleted
text: accepting every change gives revision B, rejecting every change gives revision A.
"""

from __future__ import annotations

from datetime import UTC, datetime

from reportaudit.diff.model import DocumentDiff
from reportaudit.diff.view import inline_segments
from reportaudit.export.docx import (
    add_footer,
    add_header_table,
    add_stamp_line,
    new_document,
    new_ids,
    save_stamped,
    tracked_paragraph,
)
from reportaudit.export.model import PaperHeader, Stamp
from reportaudit.i18n import _

__all__ = ["render_diff_docx"]


def render_diff_docx(
    diff: DocumentDiff,
    *,
    title: str,
    a_label: str,
    b_label: str,
    header: PaperHeader | None,
    stamp: Stamp,
) -> tuple[bytes, str]:
    """(the .docx bytes, digest): every section in order, changes as tracked revisions."""
    doc = new_document()
    add_header_table(doc, title, header)
    add_footer(doc, header.index if header else "")
    doc.add_paragraph(f"{a_label} → {b_label}")
    when = datetime.fromisoformat(stamp.time) if stamp.time else datetime.now(UTC)
    ids = new_ids()
    for sp in diff.sections:
        for pp in sp.paragraphs:
            segs = [(s.kind, s.text) for s in inline_segments(pp.ops)]
            if pp.status in ("same", "renumbered"):  # a renumbering is shown as it stands in B
                segs = [("equal", "".join(t for k, t in segs if k != "delete"))]
            tracked_paragraph(
                doc,
                segs,
                author=stamp.actor,
                when=when,
                ids=ids,
                style="Heading 2" if pp.heading else None,
            )
    for note in diff.degraded:
        doc.add_paragraph(f"{_('Degraded diff')}: {note}")
    add_stamp_line(doc, stamp)
    return save_stamped(doc, stamp.to_dict(), title=title)
