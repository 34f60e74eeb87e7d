"""Arrange chunk pairs into section pairs in reading order, with statuses.

Why: a reader follows B from top to bottom; removed text should appear where it used to be
(after whatever preceded it in A), not in a heap at the end. Moved text appears where it
now is in B, marked as moved, and the move list says where it came from.
"""

from __future__ import annotations

from reportaudit.diff.chunks import Chunk
from reportaudit.diff.model import Op, ParagraphPair, SectionPair
from reportaudit.diff.pairing import Pairing
from reportaudit.figures import mask_figures
from reportaudit.structure.model import Document

__all__ = ["build_sections", "renumbered_only"]


def _pp(
    ca: Chunk | None, cb: Chunk | None, status: str, score: float, ops: tuple[Op, ...]
) -> ParagraphPair:
    """One ParagraphPair; ``figures_only`` when masking figures makes both sides equal."""
    figures_only = bool(
        ca and cb and ca.text != cb.text and mask_figures(ca.text) == mask_figures(cb.text)
    )
    some = ca or cb
    assert some is not None
    return ParagraphPair(
        a_index=ca.paragraph if ca else None,
        b_index=cb.paragraph if cb else None,
        a_start=ca.start if ca else (ops[0].a_start if ops else 0),
        a_end=ca.end if ca else (ops[0].a_end if ops else 0),
        b_start=cb.start if cb else (ops[0].b_start if ops else 0),
        b_end=cb.end if cb else (ops[0].b_end if ops else 0),
        status=status,
        score=score,
        ops=ops,
        heading=some.heading,
        figures_only=figures_only,
        a_section=ca.section if ca else None,
        b_section=cb.section if cb else None,
    )


def renumbered_only(a: Document, b: Document, ca: Chunk, cb: Chunk) -> bool:
    """Whether two heading chunks differ only in their number marker (三、 became 四、).

    Why: inserting one section renumbers every later one; that is worth a count in the
    summary but must not make every later section look edited.
    """
    na = a.sections[ca.section].number
    nb = b.sections[cb.section].number
    if not na or not nb or na == nb:
        return False
    ta, tb = ca.text.lstrip(), cb.text.lstrip()
    return ta.startswith(na) and tb.startswith(nb) and ta[len(na) :] == tb[len(nb) :]


def _section_status(
    pairs: list[ParagraphPair], moved_out: bool, moved: bool
) -> tuple[str, bool, bool]:
    """(status, edited, figures_only) of a paired section from its paragraph pairs."""
    changed = [pp for pp in pairs if pp.status not in ("same", "renumbered")]
    edited = bool(changed) or moved_out
    figures_only = (
        edited
        and not moved_out
        and all(pp.status == "changed" and pp.figures_only for pp in changed)
    )
    if moved:
        return "moved", edited, False
    return ("changed" if edited else "same"), edited, figures_only


def build_sections(
    a: Document,
    b: Document,
    p: Pairing,
    pair_ops: dict[int, tuple[Op, ...]],
    single: dict[tuple[str, int], Op],
) -> tuple[SectionPair, ...]:
    """Section pairs in B reading order, removed sections after their A predecessor."""
    a_of_b = p.chunk_a_of_b
    by_sec_a: dict[int, list[Chunk]] = {}
    by_sec_b: dict[int, list[Chunk]] = {}
    for c in p.chunks_a:
        by_sec_a.setdefault(c.section, []).append(c)
    for c in p.chunks_b:
        by_sec_b.setdefault(c.section, []).append(c)
    b_rank = {s.index: k for k, s in enumerate(sorted(b.sections, key=lambda s: s.heading_start))}
    a_order = sorted(a.sections, key=lambda s: s.heading_start)
    sec_a_of_b = {v: k for k, v in p.sec_b_of_a.items()}
    match_of = {m.a_index: m for m in p.sections}
    keyed: list[tuple[tuple[int, int, int], SectionPair]] = []

    def entry(ca: Chunk | None, cb: Chunk | None) -> ParagraphPair:
        if ca is not None and cb is not None:
            score = p.chunk_b_of_a[ca.id][1]
            if ca.id in p.moved_chunks:
                status = "moved"
            elif ca.text == cb.text:
                status = "same"
            elif ca.heading and renumbered_only(a, b, ca, cb):
                status = "renumbered"
            else:
                status = "changed"
            return _pp(ca, cb, status, score, pair_ops.get(ca.id, ()))
        if ca is not None:
            op = single.get(("a", ca.id))
            return _pp(ca, None, "removed", 0.0, (op,) if op else ())
        op = single.get(("b", cb.id)) if cb else None
        return _pp(None, cb, "added", 0.0, (op,) if op else ())

    for sb in b.sections:
        sa = sec_a_of_b.get(sb.index)
        rows: list[tuple[tuple[int, int, int], ParagraphPair]] = []
        pos_of_a: dict[int, int] = {}
        for k, cb in enumerate(by_sec_b.get(sb.index, [])):
            ai = a_of_b.get(cb.id)
            ca = p.chunks_a[ai] if ai is not None else None
            rows.append(((k, 0, 0), entry(ca, cb)))
            if ca is not None:
                pos_of_a[ca.id] = k
        moved_out = False
        if sa is not None:
            prev = 0
            for ca in by_sec_a.get(sa, []):
                if ca.id in pos_of_a:
                    prev = pos_of_a[ca.id]
                elif ca.id in p.chunk_b_of_a:
                    moved_out = True
                elif ca.text:
                    rows.append(((prev, 1, ca.id), entry(ca, None)))
        rows.sort(key=lambda r: r[0])
        pairs = [pp for _k, pp in rows]
        if sa is None:
            keyed.append(
                (
                    (b_rank[sb.index], 0, 0),
                    SectionPair(
                        None,
                        sb.index,
                        "added",
                        0.0,
                        "",
                        b.section_path_text(sb.index),
                        tuple(pairs),
                        edited=True,
                    ),
                )
            )
            continue
        match = match_of[sa]
        status, edited, fig_only = _section_status(pairs, moved_out, sa in p.moved_sections)
        keyed.append(
            (
                (b_rank[sb.index], 0, 0),
                SectionPair(
                    sa,
                    sb.index,
                    status,
                    match.score,
                    a.section_path_text(sa),
                    b.section_path_text(sb.index),
                    tuple(pairs),
                    edited,
                    match.reasons,
                    fig_only,
                ),
            )
        )
    pred_rank = 0
    for k, sa_sec in enumerate(a_order):
        if sa_sec.index in p.sec_b_of_a:
            pred_rank = b_rank[p.sec_b_of_a[sa_sec.index]]
            continue
        pairs = [
            entry(ca, None)
            for ca in by_sec_a.get(sa_sec.index, [])
            if ca.id not in p.chunk_b_of_a and ca.text
        ]
        keyed.append(
            (
                (pred_rank, 1, k),
                SectionPair(
                    sa_sec.index,
                    None,
                    "removed",
                    0.0,
                    a.section_path_text(sa_sec.index),
                    "",
                    tuple(pairs),
                    edited=True,
                ),
            )
        )
    keyed.sort(key=lambda t: t[0])
    return tuple(sp for _k, sp in keyed)
