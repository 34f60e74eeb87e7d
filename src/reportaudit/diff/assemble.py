"""Turn pairing decisions into ops, paragraph pairs, section pairs, moves and figure changes.

Why one mechanical step after the judgement step: every chunk of A ends up in exactly one
equal/delete run and every chunk of B in exactly one equal/insert run, whatever the pairing
decided, so the op list is exact by construction (and property-tested by ``apply_ops``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from reportaudit.diff.chardiff import char_ops
from reportaudit.diff.chunks import Chunk
from reportaudit.diff.display import build_sections, renumbered_only
from reportaudit.diff.figdiff import figure_changes, unpaired_figure_changes
from reportaudit.diff.model import FigureChange, Move, Op, SectionPair
from reportaudit.diff.pairing import Pairing
from reportaudit.figures import fold_digits
from reportaudit.structure.model import Document

__all__ = ["Assembly", "assemble"]


@dataclass(frozen=True, slots=True)
class Assembly:
    """What ``assemble`` produces, before the summary is counted."""

    sections: tuple[SectionPair, ...]
    ops: tuple[Op, ...]
    moves: tuple[Move, ...]
    figures: tuple[FigureChange, ...]
    degraded: tuple[str, ...]


def _move_ids(a: Document, b: Document, p: Pairing) -> tuple[dict[int, int], list[list[object]]]:
    """Move index of each paired A chunk that moves (on its own or with its section)."""
    moves: list[list[object]] = []
    sec_move: dict[int, int] = {}
    for s in sorted(a.sections, key=lambda s: s.heading_start):
        bi = p.sec_b_of_a.get(s.index)
        if bi is None:
            continue
        if s.index in p.moved_sections:
            sb = b.sections[bi]
            sec_move[s.index] = len(moves)
            moves.append(
                [
                    "section",
                    s.heading_start,
                    s.end,
                    sb.heading_start,
                    sb.end,
                    a.section_path_text(s.index),
                    b.section_path_text(bi),
                    False,
                ]
            )
        elif (
            s.parent is not None
            and s.parent in sec_move
            and p.sec_b_of_a.get(s.parent) == b.sections[bi].parent
        ):
            sec_move[s.index] = sec_move[s.parent]
    chunk_move: dict[int, int] = {}
    b_chunks = p.chunks_b
    for ca in p.chunks_a:
        pair = p.chunk_b_of_a.get(ca.id)
        if pair is None:
            continue
        cb = b_chunks[pair[0]]
        if ca.id in p.moved_chunks:
            chunk_move[ca.id] = len(moves)
            moves.append(
                [
                    "paragraph",
                    ca.start,
                    ca.end,
                    cb.start,
                    cb.end,
                    a.section_path_text(ca.section),
                    b.section_path_text(cb.section),
                    False,
                ]
            )
        elif ca.section in sec_move and p.sec_b_of_a.get(ca.section) == cb.section:
            chunk_move[ca.id] = sec_move[ca.section]
    return chunk_move, moves


def _cancel_moved_figures(figures: list[FigureChange]) -> list[FigureChange]:
    """Drop a figure that left one paragraph and reads the same in another of its section
    (a paragraph split in two): it did not change."""
    gone: dict[tuple[str, str, str], list[int]] = {}
    for k, f in enumerate(figures):
        if f.a_raw is not None and f.b_raw is None:
            gone.setdefault((f.section, f.kind, fold_digits(f.a_raw)), []).append(k)
    drop: set[int] = set()
    for k, f in enumerate(figures):
        if f.b_raw is not None and f.a_raw is None:
            left = gone.get((f.section, f.kind, fold_digits(f.b_raw)))
            if left:
                drop.update((left.pop(0), k))
    return [f for k, f in enumerate(figures) if k not in drop]


def _unpaired_figures(a: Document, b: Document, p: Pairing) -> list[FigureChange]:
    """Figures of removed and added paragraphs, section by section (B's section for a
    removed paragraph whose section lives on), so a figure in a rewritten paragraph is
    listed instead of vanishing into "paragraph removed / added"."""
    removed: dict[str, list[tuple[int, int]]] = {}
    added: dict[str, list[tuple[int, int]]] = {}
    for ca in p.chunks_a:
        if ca.id in p.chunk_b_of_a or not ca.text or ca.heading:
            continue
        bs = p.sec_b_of_a.get(ca.section)
        path = b.section_path_text(bs) if bs is not None else a.section_path_text(ca.section)
        removed.setdefault(path, []).append((ca.start, ca.end))
    for cb in p.chunks_b:
        if cb.id in p.chunk_a_of_b or not cb.text or cb.heading:
            continue
        added.setdefault(b.section_path_text(cb.section), []).append((cb.start, cb.end))
    out: list[FigureChange] = []
    for path in [*added, *(k for k in removed if k not in added)]:
        out.extend(
            unpaired_figure_changes(
                a.text, removed.get(path, []), b.text, added.get(path, []), path
            )
        )
    return out


def assemble(a: Document, b: Document, p: Pairing, *, timeout: float, budget: float) -> Assembly:
    """Diff every chunk pair, lay out the ops in B order, build the display structures.

    ``timeout`` bounds one passage pair, ``budget`` all of them together: once the budget
    is spent, the remaining pairs get a token timeout (diff-match-patch still trims common
    prefix and suffix), and a note says how many passages were diffed coarsely.
    """
    started = time.perf_counter()
    coarse = 0
    chunk_move, raw_moves = _move_ids(a, b, p)
    a_of_b = p.chunk_a_of_b
    pair_ops: dict[int, tuple[Op, ...]] = {}
    degraded: list[str] = list(p.notes)
    figures: list[FigureChange] = []
    for cb in p.chunks_b:
        ai = a_of_b.get(cb.id)
        if ai is None:
            continue
        ca = p.chunks_a[ai]
        allowed = min(timeout, max(budget - (time.perf_counter() - started), 0.001))
        cd = char_ops(
            a.text,
            ca.start,
            ca.end,
            b.text,
            cb.start,
            cb.end,
            timeout=allowed,
            move=chunk_move.get(ca.id),
        )
        pair_ops[ca.id] = cd.ops
        if cd.timed_out and allowed < timeout:
            coarse += 1
        elif cd.timed_out:
            degraded.append(
                f"character diff gave up after {timeout:g} s on a passage of "
                f"{ca.end - ca.start}/{cb.end - cb.start} characters in "
                f"{b.section_path_text(cb.section)} (B offset {cb.start}); "
                "its changed part is shown as one replacement, not character by character"
            )
        if ca.text != cb.text:
            renumbered = ca.heading and renumbered_only(a, b, ca, cb)
            if chunk_move.get(ca.id) is not None and not renumbered:
                raw_moves[chunk_move[ca.id]][7] = True
            figures.extend(
                figure_changes(
                    a.text,
                    ca.start,
                    ca.end,
                    b.text,
                    cb.start,
                    cb.end,
                    b.section_path_text(cb.section),
                    cd.ops,
                )
            )
    figures = _cancel_moved_figures([*figures, *_unpaired_figures(a, b, p)])
    if coarse:
        degraded.append(
            f"the diff's time budget of {budget:g} s ran out: {coarse} passage pair(s) were "
            "diffed coarsely (changed parts shown as whole replacements)"
        )
    # Deleted A chunks go right after the B position of the nearest earlier paired A chunk.
    anchored: dict[int, list[Chunk]] = {}
    last = -1
    for ca in p.chunks_a:
        if ca.id in p.chunk_b_of_a:
            last = ca.id
        elif ca.text:
            anchored.setdefault(last, []).append(ca)
    ops: list[Op] = []
    single: dict[tuple[str, int], Op] = {}

    def emit_deletes(anchor: int, b_pos: int) -> int:
        end = -1
        for d in anchored.get(anchor, []):
            op = Op("delete", d.start, d.end, b_pos, b_pos, d.text)
            single[("a", d.id)] = op
            ops.append(op)
            end = d.end
        return end

    a_pos = max(emit_deletes(-1, 0), 0)
    for cb in p.chunks_b:
        ai = a_of_b.get(cb.id)
        if ai is not None:
            ops.extend(pair_ops[ai])
            a_pos = p.chunks_a[ai].end
            end = emit_deletes(ai, cb.end)
            a_pos = end if end >= 0 else a_pos
        elif cb.text:
            op = Op("insert", a_pos, a_pos, cb.start, cb.end, cb.text)
            single[("b", cb.id)] = op
            ops.append(op)
    moves = tuple(Move(*m) for m in raw_moves)  # type: ignore[arg-type]
    sections = build_sections(a, b, p, pair_ops, single)
    return Assembly(sections, tuple(ops), moves, tuple(figures), tuple(degraded))
