"""Property tests: the reported operations rebuild B from A exactly, for random edits.

Why: a diff that an auditor relies on must never lie about what changed, whatever the
alignment decided (moves, renumbered headings, deleted sections, figure changes).
"""

from __future__ import annotations

import copy
import os

from diffgen import EDITS, all_secs, apply_edit, paragraph, render, report
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportaudit.diff import apply_ops, check_ops, diff_documents
from reportaudit.diff.chardiff import char_ops
from reportaudit.figures import find_figures
from reportaudit.structure import parse

EXAMPLES = int(os.environ.get("REPORTAUDIT_DIFF_EXAMPLES", "60"))
"""Raise (e.g. to 2000) for a long local run; the default keeps the suite fast."""


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    report(),
    st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 10_000)), max_size=5),
    paragraph(),
)
def test_ops_rebuild_b_exactly(rep, edits, new_para) -> None:
    """apply_ops(A, diff) == B and the ops tile both texts, after any mix of edits."""
    a_text = render(rep)
    edited = copy.deepcopy(rep)
    for kind, r in edits:
        apply_edit(edited, kind, r, new_para)
    b_text = render(edited)
    diff = diff_documents(parse(a_text), parse(b_text))
    assert apply_ops(a_text, diff) == b_text
    assert check_ops(a_text, b_text, diff.ops) == []
    assert diff.degraded == ()
    if a_text == b_text:
        assert diff.summary.chars_inserted == diff.summary.chars_deleted == 0
        assert diff.summary.unchanged_share == 1.0


@settings(max_examples=max(EXAMPLES // 3, 10), deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_ops_exact_on_arbitrary_text(a_text: str, b_text: str) -> None:
    """Even on text that is not a report at all (no headings, odd characters)."""
    diff = diff_documents(parse(a_text), parse(b_text))
    assert apply_ops(a_text, diff) == b_text
    assert check_ops(a_text, b_text, diff.ops) == []


@settings(max_examples=max(EXAMPLES, 30), deadline=None)
@given(
    st.text(alphabet="0123456789.%万元人次年月日，执行率收入", max_size=40),
    st.text(alphabet="0123456789.%万元人次年月日，执行率收入", max_size=40),
)
def test_widened_char_ops_are_exact_and_never_split_a_figure(a_text: str, b_text: str) -> None:
    """Character ops rebuild B, and every figure is wholly kept or wholly replaced."""
    cd = char_ops(a_text, 0, len(a_text), b_text, 0, len(b_text), timeout=1.0)
    assert apply_ops(a_text, cd.ops) == b_text
    assert check_ops(a_text, b_text, cd.ops) == []
    equal_a = [(op.a_start, op.a_end) for op in cd.ops if op.kind == "equal"]
    equal_b = [(op.b_start, op.b_end) for op in cd.ops if op.kind == "equal"]
    for spans, text in ((equal_a, a_text), (equal_b, b_text)):
        for f in find_figures(text):
            inside = any(s <= f.start and f.end <= e for s, e in spans)
            outside = all(e <= f.start or f.end <= s for s, e in spans)
            assert inside or outside, (f, spans)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report(), st.integers(0, 10_000), st.integers(0, 10_000))
def test_moves_are_moves(rep, r_para: int, r_sec: int) -> None:
    """A moved paragraph (long enough to recognise) or section is never delete + insert."""
    a_text = render(rep)
    secs = [s for s in all_secs(rep) if s.paras]
    moved_para = copy.deepcopy(rep)
    src = [s for s in all_secs(moved_para) if s.paras][r_para % len(secs)] if secs else None
    if src is not None:
        p = src.paras.pop(r_para % len(src.paras))
        dst = all_secs(moved_para)[(r_para // 7) % len(all_secs(moved_para))]
        dst.paras.insert((r_para // 3) % (len(dst.paras) + 1), p)
        b_text = render(moved_para)
        d = diff_documents(parse(a_text), parse(b_text))
        assert apply_ops(a_text, d) == b_text
        if len(p) >= 10:
            assert d.summary.chars_inserted == d.summary.chars_deleted == 0
            assert d.summary.paragraphs_added == d.summary.paragraphs_removed == 0
            if b_text != a_text:
                assert d.summary.paragraphs_moved >= 1 and d.moves
    if len(rep) > 1:
        moved_sec = copy.deepcopy(rep)
        top = moved_sec.pop(r_sec % len(moved_sec))
        moved_sec.insert((r_sec // 5) % (len(moved_sec) + 1), top)
        b_text = render(moved_sec)
        d = diff_documents(parse(a_text), parse(b_text))
        assert apply_ops(a_text, d) == b_text
        assert d.summary.paragraphs_added == d.summary.paragraphs_removed == 0
        assert d.summary.sections_added == d.summary.sections_removed == 0
        if [s.title for s in moved_sec] != [s.title for s in rep]:
            assert d.summary.sections_moved >= 1


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report(), st.integers(0, 10_000))
def test_reworded_heading_still_pairs(rep, r: int) -> None:
    """Rewording one heading of a section with body text never turns it into -1 +1."""
    secs = all_secs(rep)
    target = secs[r % len(secs)]
    if not (target.paras or any(c.paras for c in target.children)):
        return
    edited = copy.deepcopy(rep)
    apply_edit(edited, "reword_heading", r, "")
    a_text, b_text = render(rep), render(edited)
    d = diff_documents(parse(a_text), parse(b_text))
    assert apply_ops(a_text, d) == b_text
    assert d.summary.sections_added == d.summary.sections_removed == 0
    assert d.summary.paragraphs_added == d.summary.paragraphs_removed == 0
