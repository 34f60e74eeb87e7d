"""The 复制比 indices of stored revisions: read the newest full scan's findings and the
revisions' texts, and measure them with ``reportaudit.ratios``.

Why one service: the ``reuse`` command, the TUI's corpus cells and report panel, and the
working papers all call this (or ``measure`` with findings they already hold), so every
surface shows the figures of the same computation over the same findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from reportaudit.errors import NotFoundError
from reportaudit.ratios import ReportRatios, ReusedSpan, compute, spans_by_revision
from reportaudit.store import Store, get_revision
from reportaudit.store.bulkread import close_readers, read_revision
from reportaudit.store.queries import revision_meta
from reportaudit.store.results import report_label
from reportaudit.store.reuse import list_findings, runs
from reportaudit.structure import Document, load_section_types

__all__ = ["RatiosRun", "labels_of", "measure", "report_ratios", "scanned_revision"]


@dataclass(frozen=True)
class RatiosRun:
    """The indices of the revisions of one stored scan."""

    run: int
    ran_at: datetime
    revisions: tuple[str, ...]
    items: tuple[ReportRatios, ...]


def labels_of(store: Store, revisions: Iterable[str]) -> dict[str, str]:
    """'unit year kind' of each revision, as it is filed now (one query per 500)."""
    ids = sorted({int(r) for r in revisions if str(r).isdigit()})
    with store.session() as s:
        meta = revision_meta(s, ids)
    return {str(rid): report_label(u, y, k, None) for rid, (u, y, k, _) in meta.items()}


def measure(
    store: Store,
    spans: Mapping[str, Sequence[ReusedSpan]],
    revisions: Sequence[str],
    *,
    labels: Mapping[str, str] | None = None,
    sections: bool = True,
) -> list[ReportRatios]:
    """The indices of ``revisions`` from the spans reused in each (``spans_by_revision``).

    ``sections``: also per section and section type (parses each stored Document; the
    corpus screen only needs the totals). Labels: given, or read for revisions and sources.
    """
    if labels is None:
        wanted = set(revisions) | {sp.other for r in revisions for sp in spans.get(r, ())}
        labels = labels_of(store, wanted)
    types = load_section_types()
    out = []
    try:
        for rev in revisions:
            text, doc_dict = read_revision(store, int(rev))
            doc = Document.from_dict(text, doc_dict) if sections else None
            out.append(
                compute(
                    rev,
                    text,
                    spans.get(rev, ()),
                    label=labels.get(rev, ""),
                    document=doc,
                    type_label=types.label,
                    source_labels=labels,
                )
            )
    finally:
        # an open reader would keep SQLite from checkpointing its log when the store
        # closes (a copy of the .db file alone would then miss the newest writes)
        close_readers(store)
    return out


def report_ratios(
    store: Store,
    revisions: Sequence[str] | None = None,
    *,
    run_id: int | None = None,
    sections: bool = True,
) -> RatiosRun:
    """The indices of ``revisions`` (default: every revision of the scan) in the newest full
    scan (or run ``run_id``). A revision that scan did not cover is an error naming it."""
    with store.session() as s:
        stored = [r for r in runs(s) if (r.id == run_id if run_id else not r.incremental)]
        if not stored:
            raise NotFoundError(
                f"no reuse run {run_id}"
                if run_id
                else "no stored reuse scan; run `reportaudit scan`"
            )
        run = stored[-1]
        wanted = [str(get_revision(s, r).id) for r in revisions] if revisions else None
        scanned = [str(r) for r in run.revisions]
        if wanted is not None:
            missing = [r for r in wanted if r not in set(scanned)]
            if missing:
                raise NotFoundError(
                    f"revision #{missing[0]} is not in reuse run {run.id}; "
                    "run `reportaudit scan` to include it"
                )
            items = [f for r in wanted for f in list_findings(s, run_id=run.id, revision=r)]
        else:
            items = list_findings(s, run_id=run.id)
    targets = wanted if wanted is not None else scanned
    result = measure(store, spans_by_revision(items), targets, sections=sections)
    return RatiosRun(run.id, run.ran_at, tuple(scanned), tuple(result))


def scanned_revision(store: Store, report_id: int) -> str | None:
    """The revision of report ``report_id`` in the newest full scan (None: not scanned)."""
    from reportaudit.store.labels import current_report_ids

    with store.session() as s:
        full = [r for r in runs(s) if not r.incremental]
        if not full:
            return None
        ids = [int(r) for r in full[-1].revisions if str(r).isdigit()]
        placed = current_report_ids(s, ids)
    mine = [rid for rid, rep in placed.items() if rep == report_id]
    return str(max(mine)) if mine else None
