"""Working papers as Word documents (.docx), where auditors and audited units work.

Why Word: units answer in Word or WPS, and an auditor's remarks travel best as what those
programs show natively — revisions (修订: ``w:ins`` / ``w:del`` with author and date) for a
diff, comments (批注) for each reused passage of a report. Every piece of report text goes
into ``w:t`` / ``w:delText`` runs only (never a field, hyperlink or instruction), with the
control characters XML cannot hold removed. Our own page-number fields (PAGE / NUMPAGES)
are the only fields written.

The stamp: the core property ``identifier`` (``dc:identifier``) holds the stamp JSON; its digest is the sha256
of ``word/document.xml`` plus ``word/comments.xml`` (when present) as saved — the parts a
reader sees — so ``verify --export`` detects any edit of text, revisions or comments.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from reportaudit.export.model import PaperHeader, Signature, Stamp
from reportaudit.export.stamp import StampError
from reportaudit.i18n import _, local_date, local_time
from reportaudit.untrusted import docx_text

__all__ = [
    "DocxMark",
    "add_footer",
    "add_header_table",
    "docx_stamp",
    "marked_paragraph",
    "new_document",
    "save_stamped",
    "tracked_paragraph",
]

FONT = "SimSun"
_PARTS = ("word/document.xml", "word/comments.xml")


@dataclass(frozen=True, slots=True)
class DocxMark:
    """A range of a paragraph's text to highlight, with the label shown after it and the
    comment (None: no comment) anchored on it."""

    start: int
    end: int
    label: str = ""
    comment: str | None = None


def _t(text: str) -> str:
    """Text a run may hold (the one sanitiser: invisible and bidi characters shown)."""
    return docx_text(text)


def new_document(*, landscape: bool = False) -> DocxDocument:
    """An A4 document in a CJK font, portrait (or landscape for side-by-side tables)."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Mm(297), Mm(210)
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.left_margin = sec.right_margin = Mm(18)
    sec.top_margin = sec.bottom_margin = Mm(18)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10.5)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), FONT)
    return doc


def _field(paragraph: Paragraph, code: str) -> None:
    """One of our own fields (PAGE, NUMPAGES) — never built from document text."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        run._r.append(el)


def add_footer(doc: DocxDocument, index: str) -> None:
    """页次 (第 n 页 共 N 页) and the 索引号 in every page's footer."""
    footer = doc.sections[0].footer
    p = footer.paragraphs[0]
    p.add_run(f"{_('Index no.')} {_t(index)}    {_('Page')} ")
    _field(p, "PAGE")
    p.add_run(f" {_('of')} ")
    _field(p, "NUMPAGES")
    p.add_run(f" {_('pages')}")


def _signed(sig: Signature | None) -> tuple[str, str]:
    """(name, date) cells of a sign-off."""
    if sig is None:
        return _("unsigned at export"), ""
    return sig.actor, local_date(sig.at)


def add_header_table(doc: DocxDocument, title: str, header: PaperHeader | None) -> None:
    """The title and the 底稿 form's header table."""
    doc.add_heading(_t(title), level=1)
    if header is None:
        return
    prep, prep_at = _signed(header.preparer)
    rev, rev_at = _signed(header.reviewer)
    rows = [
        (_("Audited unit"), header.unit, _("Index no."), header.index),
        (_("Audit matter"), header.matter, _("Period"), header.period),
        (_("Prepared by"), prep, _("Date"), prep_at),
        (_("Reviewed by"), rev, _("Date"), rev_at),
        (
            _("Audit conclusion"),
            header.conclusion or _("none yet"),
            _("Page no."),
            _("in the page footer"),
        ),
    ]
    table = doc.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = _t(str(value))


def add_stamp_line(doc: DocxDocument, stamp: Stamp) -> None:
    """The footer lines a reader sees: tool, store, time, actor, head hash."""
    p = doc.add_paragraph()
    p.add_run(
        _t(
            f"reportaudit {stamp.version} · {_('store')} {stamp.store} · {_('exported at')} "
            f"{local_time(stamp.time)} · {_('exported by')} {stamp.actor}\n"
            f"{_('Audit-trail head hash at export')}: {stamp.head_hash or _('(empty trail)')}\n"
            f"{_('Check this file against the store')}: reportaudit verify --export FILE"
        )
    ).font.size = Pt(8)


def _revision(tag: str, text: str, *, author: str, date: str, rid: int) -> BaseOxmlElement:
    """A ``w:ins`` or ``w:del`` element holding one run of ``text``."""
    el = OxmlElement(f"w:{tag}")
    el.set(qn("w:id"), str(rid))
    el.set(qn("w:author"), _t(author))
    el.set(qn("w:date"), date)
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if tag == "del" else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = _t(text)
    r.append(t)
    el.append(r)
    return el


class _Ids:
    """Revision ids, unique within one document."""

    def __init__(self) -> None:
        self.next = 1

    def __call__(self) -> int:
        self.next += 1
        return self.next


def tracked_paragraph(
    doc: DocxDocument,
    segments: Iterable[tuple[str, str]],
    *,
    author: str,
    when: datetime,
    ids: _Ids | None = None,
    style: str | None = None,
) -> Paragraph:
    """A paragraph of (kind, text) segments: "equal" as plain runs, "insert" as ``w:ins``,
    "delete" as ``w:del`` — tracked changes Word and WPS can accept or reject."""
    ids = ids or _Ids()
    date = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    p = doc.add_paragraph(style=style)
    for kind, text in segments:
        text = text.rstrip("\n") if kind == "equal" else text.replace("\n", " ")
        if not text:
            continue
        if kind == "equal":
            p.add_run(_t(text))
        else:
            tag = "ins" if kind == "insert" else "del"
            p._p.append(_revision(tag, text, author=author, date=date, rid=ids()))
    return p


def new_ids() -> _Ids:
    """A fresh revision-id counter for one document."""
    return _Ids()


def marked_paragraph(
    doc: DocxDocument,
    text: str,
    marks: Sequence[DocxMark],
    *,
    paragraph: Paragraph | None = None,
    author: str = "reportaudit",
) -> Paragraph:
    """A paragraph of ``text`` whose marked ranges are highlighted, followed by their label
    in superscript, with a Word comment anchored on each mark that has one."""
    p = paragraph if paragraph is not None else doc.add_paragraph()
    cuts = sorted(
        {0, len(text)} | {max(0, min(len(text), x)) for m in marks for x in (m.start, m.end)}
    )
    runs_of: dict[int, list[Run]] = {}
    for lo, hi in itertools.pairwise(cuts):
        on = [k for k, m in enumerate(marks) if m.start <= lo and hi <= m.end]
        run = p.add_run(_t(text[lo:hi]))
        if on:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            for k in on:
                runs_of.setdefault(k, []).append(run)
        for k, m in enumerate(marks):
            if m.end == hi and m.label:
                sup = p.add_run(_t(f"[{m.label}]"))
                sup.font.superscript = True
                runs_of.setdefault(k, []).append(sup)
    for k, m in enumerate(marks):
        if m.comment and runs_of.get(k):
            doc.add_comment(runs_of[k], text=_t(m.comment), author=author, initials="RA")
    return p


def _digest(data: bytes) -> str:
    """sha256 over the parts a reader sees (document text, revisions, comments)."""
    h = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        for part in _PARTS:
            if part in names:
                h.update(part.encode() + b"\0" + z.read(part) + b"\0")
    return h.hexdigest()


def _set_identifier(doc: DocxDocument, text: str) -> None:
    """Write ``dc:identifier`` of the core properties (python-docx caps its setter at 255
    characters, which the Dublin Core element does not; the stamp is longer)."""
    element = doc.core_properties._element
    element.get_or_add_identifier().text = text


def save_stamped(doc: DocxDocument, stamp: dict[str, object], *, title: str) -> tuple[bytes, str]:
    """(the .docx bytes with the stamp in its core properties, digest of its content)."""
    doc.core_properties.title = _t(title)[:200]
    doc.core_properties.author = _t(str(stamp.get("actor", "")))
    _set_identifier(doc, "")
    buf = io.BytesIO()
    doc.save(buf)
    digest = _digest(buf.getvalue())
    _set_identifier(doc, json.dumps({**stamp, "sha256": digest}, ensure_ascii=False))
    out = io.BytesIO()
    doc.save(out)
    data = out.getvalue()
    if _digest(data) != digest:  # the stamp lives in docProps only; the content must not move
        raise RuntimeError("the Word document changed while it was stamped")
    return data, digest


def docx_stamp(data: bytes) -> tuple[dict[str, object], str]:
    """(stamp, digest recomputed from the content) of an exported .docx."""
    try:
        doc = Document(io.BytesIO(data))
        raw = doc.core_properties.identifier
        digest = _digest(data)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise StampError(f"not a readable Word document: {exc}") from None
    try:
        stamp = json.loads(raw or "")
    except ValueError:
        raise StampError("no reportaudit stamp in this Word document") from None
    if not isinstance(stamp, dict) or stamp.get("tool") != "reportaudit":
        raise StampError("no reportaudit stamp in this Word document")
    return stamp, digest
