"""JSON rendering of a DocumentDiff, in the stable structure documented in docs/diff-json.md.

Why a documented, versioned schema: other tools (and later audits) read exported diffs, so
field names and meanings must not drift. Decimals are written as strings (exact), offsets
are character offsets into the two original texts, and every paragraph pair points at its
slice of the top-level op list instead of repeating the ops.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportaudit.diff.model import DocumentDiff, FigureChange, Move, Op, ParagraphPair, SectionPair
from reportaudit.untrusted import json_dumps

__all__ = ["SCHEMA", "diff_to_dict", "render_json"]

SCHEMA = "reportaudit.diff/1"


def _dec(value: Decimal | None) -> str | None:
    """Decimal as an exact string (JSON numbers would round 745.30 to a float)."""
    return None if value is None else str(value)


def _op(op: Op) -> dict[str, Any]:
    """One op: kind, [start, end) in A and in B, its text and its move index."""
    return {
        "kind": op.kind,
        "a": [op.a_start, op.a_end],
        "b": [op.b_start, op.b_end],
        "text": op.text,
        "move": op.move,
    }


def _paragraph(pp: ParagraphPair, index_of: dict[int, int]) -> dict[str, Any]:
    """One passage pair and the [first, end) range of its ops in the top-level list."""
    positions = [index_of[id(op)] for op in pp.ops if id(op) in index_of]
    return {
        "a_index": pp.a_index,
        "b_index": pp.b_index,
        "heading": pp.heading,
        "status": pp.status,
        "score": pp.score,
        "figures_only": pp.figures_only,
        "a": [pp.a_start, pp.a_end],
        "b": [pp.b_start, pp.b_end],
        "a_section": pp.a_section,
        "b_section": pp.b_section,
        "ops": [min(positions), max(positions) + 1] if positions else None,
    }


def _section(sp: SectionPair, index_of: dict[int, int]) -> dict[str, Any]:
    """One section pair with its passage pairs."""
    return {
        "a_index": sp.a_index,
        "b_index": sp.b_index,
        "status": sp.status,
        "edited": sp.edited,
        "figures_only": sp.figures_only,
        "score": sp.score,
        "reasons": list(sp.reasons),
        "a_path": sp.a_path,
        "b_path": sp.b_path,
        "paragraphs": [_paragraph(pp, index_of) for pp in sp.paragraphs],
    }


def _figure(fc: FigureChange) -> dict[str, Any]:
    """One changed figure; a side is null when the figure exists on one side only."""
    return {
        "section": fc.section,
        "kind": fc.kind,
        "label": fc.label,
        "year_shift": fc.year_shift,
        "a": None
        if fc.a_raw is None
        else {
            "raw": fc.a_raw,
            "value": _dec(fc.a_value),
            "unit": fc.unit_a,
            "offsets": [fc.a_start, fc.a_end],
        },
        "b": None
        if fc.b_raw is None
        else {
            "raw": fc.b_raw,
            "value": _dec(fc.b_value),
            "unit": fc.unit_b,
            "offsets": [fc.b_start, fc.b_end],
        },
    }


def _move(mv: Move) -> dict[str, Any]:
    """One move: what moved, from where to where, and whether it was edited too."""
    return {
        "kind": mv.kind,
        "a": [mv.a_start, mv.a_end],
        "b": [mv.b_start, mv.b_end],
        "a_section": mv.a_section,
        "b_section": mv.b_section,
        "edited": mv.edited,
    }


def diff_to_dict(
    diff: DocumentDiff,
    *,
    a_label: str = "A",
    b_label: str = "B",
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The documented JSON structure as a dict (see docs/diff-json.md)."""
    index_of = {id(op): k for k, op in enumerate(diff.ops)}
    s = diff.summary
    return {
        "schema": SCHEMA,
        "a": {"label": a_label, "chars": len(diff.a_text)},
        "b": {"label": b_label, "chars": len(diff.b_text)},
        "meta": meta or {},
        "ignore_numbers": diff.ignore_numbers,
        "degraded": list(diff.degraded),
        "summary": {
            "sections": {
                "added": s.sections_added,
                "removed": s.sections_removed,
                "changed": s.sections_changed,
                "moved": s.sections_moved,
                "same": s.sections_same,
                "renumbered": s.sections_renumbered,
            },
            "paragraphs": {
                "added": s.paragraphs_added,
                "removed": s.paragraphs_removed,
                "changed": s.paragraphs_changed,
                "moved": s.paragraphs_moved,
            },
            "chars": {
                "inserted": s.chars_inserted,
                "deleted": s.chars_deleted,
                "a": s.chars_a,
                "b": s.chars_b,
            },
            "unchanged_share": s.unchanged_share,
            "figure_changes": s.figure_changes,
            "year_shifts": s.year_shifts,
        },
        "sections": [_section(sp, index_of) for sp in diff.sections],
        "ops": [_op(op) for op in diff.ops],
        "figures": [_figure(fc) for fc in diff.figures],
        "moves": [_move(mv) for mv in diff.moves],
    }


def render_json(
    diff: DocumentDiff,
    *,
    a_label: str = "A",
    b_label: str = "B",
    meta: dict[str, Any] | None = None,
    indent: int | None = 2,
    numbers_only: bool = False,
) -> str:
    """The diff as JSON text (UTF-8 friendly: Chinese is not \\u-escaped).

    ``numbers_only`` drops ``sections``, ``ops`` and ``moves`` (what --numbers-only asks for).
    """
    data = diff_to_dict(diff, a_label=a_label, b_label=b_label, meta=meta)
    if numbers_only:
        for key in ("sections", "ops", "moves"):
            data.pop(key)
    return json_dumps(data, indent=indent)
