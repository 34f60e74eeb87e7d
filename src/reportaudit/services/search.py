"""Search across the corpus: where else does a passage occur, copied exactly or nearly?

Why two ways of matching: auditors paste text copied from a PDF or a Word file, where line
breaks, spaces and full-/half-width punctuation differ from the stored text, so an exact
hit allows those (each character matches its width twin, whitespace anywhere is ignored).
And the paragraph they are looking for has often been lightly edited where it was reused
(a year changed, a clause added), so a passage long enough to fingerprint also finds near
copies: the stored reuse index names the revisions that share its fingerprints, and
each of those is aligned with rapidfuzz on folded text (similarity >= ``NEAR_FLOOR``).
Revisions the index does not cover are read in full. Every hit gives offsets into the
stored text, for highlighting it there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from reportaudit.matching.corpus import IndexedDoc
from reportaudit.matching.normalize import fold
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.scan import prepare
from reportaudit.services.indexing import default_key
from reportaudit.store import Store
from reportaudit.store.queries import SearchRow, search_rows, search_texts
from reportaudit.store.results import report_label
from reportaudit.store.reuse import indexed_among, shared_revisions
from reportaudit.structure import parse

__all__ = ["NEAR_FLOOR", "SearchHit", "compile_passage", "search_corpus"]

CONTEXT = 24
MAX_HITS = 500
NEAR_FLOOR = 0.8
"""Least similarity (rapidfuzz ratio of the folded texts) of a near copy."""
_BATCH = 200


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One occurrence: which revision, where, the text around it, how similar (1.0 exact)."""

    revision_id: int
    report_id: int
    report_label: str
    revision_number: int
    start: int
    end: int
    before: str
    match: str
    after: str
    similarity: float = 1.0


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


def _indexed_sharers(store: Store, passage: str, ids: list[int]) -> set[int] | None:
    """Of ``ids``, those to read: the indexed ones sharing a fingerprint with ``passage``
    plus every one not indexed. None when the passage is too short to fingerprint."""
    doc = IndexedDoc("query", "", None, "", "", document=parse(passage))
    prints, *_ = prepare(doc, params=ReuseParams())
    if len(prints.hashes) == 0:
        return None
    key = default_key()
    with store.session() as s:
        indexed = indexed_among(s, key, ids)
        sharing = set(shared_revisions(s, key, prints.hashes)) if indexed else set()
    return (sharing & indexed) | (set(ids) - indexed)


def _hit(rev: tuple[int, int, str, int], text: str, start: int, end: int, sim: float) -> SearchHit:
    """A hit with its context."""
    rev_id, report_id, label, number = rev
    before = text[max(start - CONTEXT, 0) : start]
    return SearchHit(
        rev_id, report_id, label, number, start, end, before, text[start:end],
        text[end : end + CONTEXT], round(sim, 3),
    )  # fmt: skip


def _near(query: str, text: str) -> tuple[int, int, float] | None:
    """The best near copy of folded ``query`` in ``text``: original (start, end, similarity)."""
    folded = fold(text)
    if not query or not folded.text:
        return None
    found = fuzz.partial_ratio_alignment(query, folded.text, score_cutoff=100 * NEAR_FLOOR)
    if found is None or found.dest_end <= found.dest_start:
        return None
    start, end = folded.original_span(found.dest_start, found.dest_end)
    return start, end, found.score / 100


MASK = "〇"
"""Stands in for an exact hit's characters while the near copy is looked for elsewhere."""


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the exact hits blotted out (same length, so offsets hold): a near copy
    is then looked for in the rest of the revision, not hidden by the exact hit."""
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(MASK * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def search_corpus(
    store: Store,
    passage: str,
    *,
    latest_only: bool = True,
    near: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[SearchHit]:
    """Every exact occurrence of ``passage`` and, with ``near``, the best near copy in each
    revision outside its exact occurrences (at most MAX_HITS hits), in corpus order."""
    pattern = compile_passage(passage)
    if pattern is None:
        return []
    with store.session() as s:
        revisions = search_rows(s, latest_only=latest_only)
    query = fold(passage).text
    if near:
        wanted = _indexed_sharers(store, passage, [r[0] for r in revisions])
        if wanted is not None:
            revisions = [r for r in revisions if r[0] in wanted]
    count = len(revisions)
    hits: list[SearchHit] = []
    for done, (rev, text) in enumerate(_texts(store, revisions), 1):
        found = [(m.start(), m.end()) for m in pattern.finditer(text)]
        for start, end in found:
            hits.append(_hit(rev, text, start, end, 1.0))
        if near:
            best = _near(query, _masked(text, found))
            if best is not None and best[2] < 1.0:
                hits.append(_hit(rev, text, *best))
        if len(hits) >= MAX_HITS:
            return hits[:MAX_HITS]
        if progress and (done % 50 == 0 or done == count):
            progress(done, count)
        if cancelled():
            break
    return hits


def _texts(
    store: Store, revisions: list[SearchRow]
) -> Iterator[tuple[tuple[int, int, str, int], str]]:
    """((revision id, report id, label, number), text of the newest derivation), read in
    batches so memory stays flat."""
    for offset in range(0, len(revisions), _BATCH):
        batch = revisions[offset : offset + _BATCH]
        with store.session() as s:
            texts = search_texts(s, [row[0] for row in batch])
        for rev_id, report_id, number, unit, year, kind, region in batch:
            if rev_id in texts:
                label = report_label(unit, year, kind, region)
                yield (rev_id, report_id, label, number), texts[rev_id]
