"""The diff on the real reports (skipped when ../shared/corpus is absent).

Why: generated reports cannot show everything real ones do (inline headings, lost markers,
long single-line paragraphs, tables). Edits are applied programmatically, so nothing from
the reports is copied into the repository.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from reportaudit.diff import apply_ops, check_ops, diff_documents
from reportaudit.structure import parse

pytestmark = pytest.mark.corpus


def texts(corpus_dir: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))]


def test_identical_reports_diff_to_nothing(corpus_dir: Path) -> None:
    for text in texts(corpus_dir):
        d = diff_documents(parse(text), parse(text))
        assert d.summary.unchanged_share == 1.0
        assert d.figures == () and d.moves == () and d.degraded == ()
        assert all(sp.status == "same" for sp in d.sections)


def test_first_amount_change_is_reported_in_its_section(corpus_dir: Path) -> None:
    for text in texts(corpus_dir):
        m = re.search(r"(\d+(?:\.\d+)?)万元", text)
        if not m:
            continue
        edited = text[: m.start(1)] + "98765.4" + text[m.end(1) :]
        d = diff_documents(parse(text), parse(edited))
        assert apply_ops(text, d) == edited
        assert [(f.a_raw, f.b_raw) for f in d.figures] == [(m.group(0), "98765.4万元")]
        assert d.summary.paragraphs_changed + d.summary.sections_changed >= 1
        assert d.summary.sections_added == d.summary.sections_removed == 0


def test_moved_line_is_a_move(corpus_dir: Path) -> None:
    for text in texts(corpus_dir):
        lines = text.split("\n")
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        if len(lines[longest]) < 80 or longest < 3:
            continue
        moved = lines.pop(longest)
        lines.insert(2, moved)  # to the top (into the title block / first section)
        edited = "\n".join(lines)
        d = diff_documents(parse(text), parse(edited))
        assert apply_ops(text, d) == edited
        assert d.summary.paragraphs_moved + d.summary.sections_moved >= 1
        assert d.summary.chars_deleted < len(moved) // 2  # not a delete + insert


def test_different_reports_still_exact(corpus_dir: Path) -> None:
    for a, b in itertools.permutations(texts(corpus_dir), 2):
        d = diff_documents(parse(a), parse(b))
        assert apply_ops(a, d) == b
        assert check_ops(a, b, d.ops) == []
