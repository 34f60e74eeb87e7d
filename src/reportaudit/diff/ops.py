"""Replay a diff's operations on A, and check that they cover both texts exactly.

Why: a diff an auditor relies on must be provably faithful. ``apply_ops(a, diff) == b`` and
``check_ops`` (every character of A is kept or deleted exactly once, every character of B is
kept or inserted exactly once, and every op's text matches the originals) are what the
property tests assert on random edits.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportaudit.diff.model import DocumentDiff, Op

__all__ = ["apply_ops", "check_ops"]


def apply_ops(a_text: str, diff: DocumentDiff | Sequence[Op]) -> str:
    """Rebuild B: in op order, copy A's span for equal ops, the text for insert ops."""
    ops = diff.ops if isinstance(diff, DocumentDiff) else diff
    out: list[str] = []
    for op in ops:
        if op.kind == "equal":
            out.append(a_text[op.a_start : op.a_end])
        elif op.kind == "insert":
            out.append(op.text)
        elif op.kind != "delete":
            raise ValueError(f"unknown op kind {op.kind!r}")
    return "".join(out)


def check_ops(a_text: str, b_text: str, ops: Sequence[Op]) -> list[str]:
    """Problems with an op list (empty when it is exact); see the module docstring."""
    problems: list[str] = []
    a_spans: list[tuple[int, int]] = []
    b_pos = 0
    for k, op in enumerate(ops):
        if op.kind in ("equal", "delete"):
            if a_text[op.a_start : op.a_end] != op.text:
                problems.append(f"op {k}: A text differs")
            a_spans.append((op.a_start, op.a_end))
        if op.kind in ("equal", "insert"):
            if op.b_start != b_pos:
                problems.append(f"op {k}: B offset {op.b_start}, expected {b_pos}")
            if b_text[op.b_start : op.b_end] != op.text:
                problems.append(f"op {k}: B text differs")
            b_pos = op.b_end
    if b_pos != len(b_text):
        problems.append(f"ops cover B up to {b_pos} of {len(b_text)}")
    pos = 0
    for s, e in sorted(a_spans):
        if s != pos:
            problems.append(f"A coverage gap or overlap at {pos}..{s}")
        pos = max(pos, e)
    if pos != len(a_text):
        problems.append(f"ops cover A up to {pos} of {len(a_text)}")
    return problems
