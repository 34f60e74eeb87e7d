"""Search across the corpus: where else does a passage occur?

Why a regex built from the passage: auditors paste text copied from a PDF or a Word file,
where line breaks, spaces and full-/half-width punctuation differ from the stored text.
Each character of the passage matches its full- or half-width twin, whitespace anywhere is
ignored, and the match still gives offsets into the stored text (to highlight it there).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import select

from reportaudit.store import Store
from reportaudit.store.models import Derivation, Report, Revision
from reportaudit.store.results import report_label

__all__ = ["SearchHit", "compile_passage", "search_corpus"]

CONTEXT = 24
MAX_HITS = 500
_BATCH = 200


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One occurrence: which revision, where, and the text around it."""

    revision_id: int
    report_id: int
    report_label: str
    revision_number: int
    start: int
    end: int
    before: str
    match: str
    after: str


def _twins(char: str) -> set[str]:
    """The character, its NFKC form and its full-width form (for ASCII punctuation/digits)."""
    forms = {char, unicodedata.normalize("NFKC", char)}
    for form in list(forms):
        if len(form) == 1 and 0x21 <= ord(form) <= 0x7E:
            forms.add(chr(ord(form) + 0xFEE0))
    return {f for f in forms if len(f) == 1}


def compile_passage(passage: str) -> re.Pattern[str] | None:
    """A pattern matching ``passage`` up to whitespace and character width; None if empty."""
    chars = [c for c in passage if not c.isspace()]
    if not chars:
        return None
    parts = []
    for char in chars:
        twins = sorted(_twins(char))
        parts.append(
            re.escape(twins[0]) if len(twins) == 1 else f"[{''.join(map(re.escape, twins))}]"
        )
    return re.compile(r"\s*".join(parts), re.IGNORECASE)


_Row = tuple[int, int, int, str, int, str, "str | None"]


def _revisions(store: Store, latest_only: bool) -> list[_Row]:
    """(revision id, report id, number, unit, year, kind, region) to search, report order."""
    rt, vt = Report.__table__, Revision.__table__  # type: ignore[attr-defined]
    with store.session() as session:
        revisions = session.execute(
            select(
                vt.c.id, vt.c.report_id, vt.c.number, rt.c.unit, rt.c.year, rt.c.kind, rt.c.region
            )
            .join(rt, rt.c.id == vt.c.report_id)
            .order_by(rt.c.unit, rt.c.year, rt.c.kind, vt.c.report_id, vt.c.number.desc())
        ).all()
    rows: list[_Row] = [tuple(r) for r in revisions]
    if not latest_only:
        return rows
    seen: set[int] = set()
    kept = []
    for row in rows:
        if row[1] not in seen:
            seen.add(row[1])
            kept.append(row)
    return kept


def _texts(store: Store, revisions: list[_Row]) -> Iterator[tuple[int, int, str, int, str]]:
    """(revision id, report id, label, number, text) with the newest derivation's text;
    read in batches so memory stays flat."""
    dt = Derivation.__table__  # type: ignore[attr-defined]
    for offset in range(0, len(revisions), _BATCH):
        batch = revisions[offset : offset + _BATCH]
        ids = [row[0] for row in batch]
        with store.session() as session:
            rows = session.execute(
                select(dt.c.revision_id, dt.c.text)
                .where(dt.c.revision_id.in_(ids))
                .order_by(dt.c.revision_id, dt.c.created_at.desc(), dt.c.parser_version.desc())
            ).all()
        texts: dict[int, str] = {}
        for revision_id, text in rows:
            texts.setdefault(revision_id, text)
        for rev_id, report_id, number, unit, year, kind, region in batch:
            if rev_id in texts:
                yield (
                    rev_id,
                    report_id,
                    report_label(unit, year, kind, region),
                    number,
                    texts[rev_id],
                )


def search_corpus(
    store: Store,
    passage: str,
    *,
    latest_only: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[SearchHit]:
    """Every occurrence of ``passage`` (at most MAX_HITS), in corpus order."""
    pattern = compile_passage(passage)
    if pattern is None:
        return []
    revisions = _revisions(store, latest_only)
    count = len(revisions)
    hits: list[SearchHit] = []
    for done, (rev_id, report_id, label, number, text) in enumerate(_texts(store, revisions), 1):
        for m in pattern.finditer(text):
            hits.append(
                SearchHit(
                    rev_id,
                    report_id,
                    label,
                    number,
                    m.start(),
                    m.end(),
                    text[max(m.start() - CONTEXT, 0) : m.start()],
                    m.group(0),
                    text[m.end() : m.end() + CONTEXT],
                )
            )
            if len(hits) >= MAX_HITS:
                return hits
        if progress and (done % 50 == 0 or done == count):
            progress(done, count)
        if cancelled():
            break
    return hits
