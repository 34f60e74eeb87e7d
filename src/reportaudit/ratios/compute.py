"""Compute the 复制比 indices of one report from the reuse findings that touch it.

Why from findings: the engine decides what is reused (and what is template); this module
only measures it, the same way wherever a figure is shown. A character is counted once
however many findings cover it (the union of their passages), so 重复字数 never exceeds
总字数. Within a report only the later occurrence of a repeated passage counts: the first
one is the original, every later one is the repeat (a sentence closing 11 projects is 10
repeats). Citations (《…》 titles, 文号 such as 财预〔2020〕10号) are found by the engine's own
``citation_spans``, so 去除引用 leaves out exactly what the engine calls a citation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from reportaudit.matching.citations import citation_spans
from reportaudit.ratios.chars import counted_mask
from reportaudit.ratios.model import (
    SCOPES,
    VARIANTS,
    Breakdown,
    Counts,
    ReportRatios,
    ReusedSpan,
    SectionRatios,
    SourceShare,
    TypeRatios,
)
from reportaudit.structure.model import Document

__all__ = ["compute", "spans_by_revision", "spans_from_findings"]

Side = tuple[str, int, int]
"""(revision, start, end) of one passage."""


def _pair_spans(a: Side, b: Side, template: bool) -> list[ReusedSpan]:
    """The ReusedSpans one finding contributes: each side for a cross-report pair, the later
    side for a pair inside one report."""
    if a[0] != b[0]:
        return [
            ReusedSpan(a[0], a[1], a[2], b[0], template),
            ReusedSpan(b[0], b[1], b[2], a[0], template),
        ]
    later = max(a, b, key=lambda s: (s[1], s[2]))
    if a[1:] == b[1:]:
        return []
    return [ReusedSpan(later[0], later[1], later[2], later[0], template)]


def spans_by_revision(items: Iterable[Mapping[str, Any]]) -> dict[str, list[ReusedSpan]]:
    """ReusedSpans per revision from stored findings (the ``findings --json`` form)."""
    out: dict[str, list[ReusedSpan]] = {}
    for f in items:
        a, b = f["a"], f["b"]
        sa = (str(a["revision"]), int(a["start"]), int(a["end"]))
        sb = (str(b["revision"]), int(b["start"]), int(b["end"]))
        for span in _pair_spans(sa, sb, bool(f["template"])):
            out.setdefault(span.revision, []).append(span)
    return out


def spans_from_findings(findings: Iterable[Any]) -> dict[str, list[ReusedSpan]]:
    """ReusedSpans per revision from ``Finding`` objects (``reportaudit.matching``)."""
    out: dict[str, list[ReusedSpan]] = {}
    for f in findings:
        sa = (str(f.a.revision), int(f.a.start), int(f.a.end))
        sb = (str(f.b.revision), int(f.b.start), int(f.b.end))
        for span in _pair_spans(sa, sb, bool(f.template)):
            out.setdefault(span.revision, []).append(span)
    return out


def _merged(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ``[start, end)`` intervals as disjoint sorted intervals."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(intervals):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _covered(spans: Sequence[ReusedSpan], n: int) -> dict[tuple[str, bool], np.ndarray]:
    """Coverage masks (the union of spans) per (scope, template removed)."""
    masks = {(scope, nt): np.zeros(n, dtype=bool) for scope in SCOPES for nt in (False, True)}
    for sp in spans:
        s, e = max(0, sp.start), min(n, sp.end)
        if e <= s:
            continue
        scope = "within" if sp.within else "cross"
        masks[(scope, False)][s:e] = True
        if not sp.template:
            masks[(scope, True)][s:e] = True
    for nt in (False, True):
        masks[("total", nt)] = masks[("cross", nt)] | masks[("within", nt)]
    return masks


Hits = dict[tuple[str, str], np.ndarray]
"""Per (scope, variant): a per-character array of the characters counted as reused."""

KEYS = tuple((scope, v) for scope in SCOPES for v in VARIANTS)
"""Column order after the character count: scope by scope, as Breakdown holds them."""


def _hits(
    masks: dict[tuple[str, bool], np.ndarray], counted: np.ndarray, plain: np.ndarray
) -> Hits:
    """Per (scope, variant): the characters that count as reused, as a boolean array."""
    out: Hits = {}
    for scope in SCOPES:
        for variant in VARIANTS:
            nt = "template" in variant
            base = plain if "citations" in variant else counted
            out[(scope, variant)] = masks[(scope, nt)] & base
    return out


def _prefix(counted: np.ndarray, hits: Hits) -> np.ndarray:
    """Prefix sums, one row per column (counted characters, then KEYS), with a leading 0:
    the counts of ``[s, e)`` are ``C[:, e] - C[:, s]`` (one cumsum for all 13 columns)."""
    rows = np.vstack([counted, *(hits[k] for k in KEYS)])
    out = np.zeros((rows.shape[0], rows.shape[1] + 1), dtype=np.int64)
    np.cumsum(rows, axis=1, out=out[:, 1:])
    return out


def _counts(prefix: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """(ranges, 13) counts of each ``[starts[i], ends[i])``."""
    return (prefix[:, ends] - prefix[:, starts]).T


def _breakdown(row: Sequence[int]) -> Breakdown:
    """A Breakdown from one row of counts (characters, then KEYS)."""
    return Breakdown(row[0], Counts(*row[1:5]), Counts(*row[5:9]), Counts(*row[9:13]))


def _own(prefix: np.ndarray, document: Document, n: int) -> np.ndarray:
    """(sections, 13) counts of the characters whose innermost section is each section
    (text before the first heading: the root, 0). Each character counted exactly once."""
    secs = document.sections
    owner = np.zeros(n, dtype=np.int64)
    for sec in secs[1:]:  # document order: a child overwrites its parent
        owner[max(0, sec.heading_start) : min(n, sec.end)] = sec.index
    own = np.zeros((len(secs), prefix.shape[0]), dtype=np.int64)
    if n:
        change = np.flatnonzero(np.diff(owner)) + 1
        starts = np.concatenate([[0], change])
        ends = np.concatenate([change, [n]])
        np.add.at(own, owner[starts], _counts(prefix, starts, ends))
    return own


def _sources(
    spans: Sequence[ReusedSpan], counted: np.ndarray, n: int, labels: Mapping[str, str]
) -> tuple[SourceShare, ...]:
    """Characters found in each other revision, largest first (then by revision)."""
    by_src: dict[str, list[ReusedSpan]] = {}
    for sp in spans:
        if not sp.within:
            by_src.setdefault(sp.other, []).append(sp)
    if not by_src:
        return ()
    cum = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counted, out=cum[1:])

    def count(items: Iterable[ReusedSpan]) -> int:
        """Counted characters in the union of ``items``."""
        merged = _merged((max(0, s.start), min(n, s.end)) for s in items)
        return int(sum(int(cum[e] - cum[s]) for s, e in merged))

    out = [
        SourceShare(
            src, count(items), count(s for s in items if not s.template), labels.get(src, "")
        )
        for src, items in by_src.items()
    ]
    return tuple(sorted(out, key=lambda s: (-s.chars, -s.chars_no_template, s.revision)))


def compute(
    revision: str,
    text: str,
    spans: Sequence[ReusedSpan],
    *,
    label: str = "",
    document: Document | None = None,
    type_label: Callable[[str], str] | None = None,
    source_labels: Mapping[str, str] | None = None,
) -> ReportRatios:
    """The indices of one revision (its extracted ``text``) from the spans reused in it.

    With ``document`` (the parsed text), also per section and per section type;
    ``type_label`` names a type for display (default: the type code).
    """
    n = len(text)
    counted = counted_mask(text)
    cites = np.zeros(n, dtype=bool)
    for s, e in citation_spans(text):
        cites[s:e] = True
    plain = counted & ~cites
    mine = [sp for sp in spans if sp.revision == revision]
    hits = _hits(_covered(mine, n), counted, plain)
    # the totals alone (the corpus screen): counting beats prefix sums of 13 rows
    whole = _breakdown(
        [int(np.count_nonzero(counted))] + [int(np.count_nonzero(hits[k])) for k in KEYS]
    )
    sections: tuple[SectionRatios, ...] = ()
    types: tuple[TypeRatios, ...] = ()
    if document is not None and document.sections:
        prefix = _prefix(counted, hits)
        secs = document.sections
        own = _own(prefix, document, n)
        bounds = np.array([[s.heading_start, s.end] for s in secs], dtype=np.int64)
        bounds = np.clip(bounds, 0, n)
        bounds[:, 1] = np.maximum(bounds[:, 0], bounds[:, 1])
        full = _counts(prefix, bounds[:, 0], bounds[:, 1]).tolist()
        own_rows = own.tolist()
        sections = tuple(
            SectionRatios(
                sec.index,
                sec.depth,
                document.heading_label(sec.index) if sec.index else "",
                document.section_path_text(sec.index) if sec.index else "",
                sec.canonical or "other",
                _breakdown(full[sec.index] if sec.index else own_rows[0]),
            )
            for sec in secs
        )
        kinds = sorted({sec.canonical or "other" for sec in secs})
        where = {k: i for i, k in enumerate(kinds)}
        per_type = np.zeros((len(kinds), own.shape[1]), dtype=np.int64)
        np.add.at(per_type, [where[sec.canonical or "other"] for sec in secs], own)
        name = type_label or (lambda k: k)
        types = tuple(
            TypeRatios(kind, name(kind), _breakdown(row))
            for kind, row in zip(kinds, per_type.tolist(), strict=True)
            if row[0]
        )
    return ReportRatios(
        revision=revision,
        label=label,
        figures=whole,
        citation_chars=int((counted & cites).sum()),
        sources=_sources(mine, counted, n, source_labels or {}),
        sections=sections,
        types=types,
    )
