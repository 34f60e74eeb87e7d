"""``diff_documents``: the one entry point of the diff core.

Why three stages: align sections, then paragraphs within sections, then characters within
paragraph pairs. Aligning first keeps diff-match-patch's inputs small (it gives up silently
on long single-line Chinese paragraphs), lets renumbered/reworded/moved headings pair up,
and lets moves be shown as moves.
"""

from __future__ import annotations

from typing import Any

from reportaudit.diff.assemble import assemble
from reportaudit.diff.model import DocumentDiff
from reportaudit.diff.pairing import pair_documents
from reportaudit.diff.summary import summarize
from reportaudit.structure import parse
from reportaudit.structure.model import Document

__all__ = ["DEFAULT_BUDGET", "DEFAULT_TIMEOUT", "diff_documents", "diff_texts"]

DEFAULT_TIMEOUT = 1.0
"""Seconds diff-match-patch may spend on one passage pair before giving up (and saying so)."""
DEFAULT_BUDGET = 10.0
"""Seconds all passage pairs together may spend; later pairs are diffed coarsely (noted)."""


def diff_documents(
    a: Document,
    b: Document,
    *,
    ignore_numbers: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    budget: float = DEFAULT_BUDGET,
    section_threshold: float = 0.5,
    paragraph_threshold: float = 0.5,
    move_threshold: float = 0.8,
) -> DocumentDiff:
    """Diff revision ``a`` (old) against ``b`` (new).

    ``timeout`` bounds the character diff of one passage pair, ``budget`` of all of them;
    hitting either is reported in ``DocumentDiff.degraded``. ``ignore_numbers`` does not
    change the ops (they stay exact) but marks figure-only
    changes as unchanged in the summary and in every rendering.
    """
    pairing = pair_documents(
        a,
        b,
        section_threshold=section_threshold,
        paragraph_threshold=paragraph_threshold,
        move_threshold=move_threshold,
    )
    asm = assemble(a, b, pairing, timeout=timeout, budget=budget)
    summary = summarize(
        asm.sections,
        asm.figures,
        chars_a=len(a.text),
        chars_b=len(b.text),
        ignore_numbers=ignore_numbers,
    )
    return DocumentDiff(
        a_text=a.text,
        b_text=b.text,
        sections=asm.sections,
        ops=asm.ops,
        figures=asm.figures,
        moves=asm.moves,
        summary=summary,
        degraded=asm.degraded,
        ignore_numbers=ignore_numbers,
    )


def diff_texts(a_text: str, b_text: str, **options: Any) -> DocumentDiff:
    """Parse two extracted texts and diff them (options as for ``diff_documents``).

    Why: callers holding plain text (a pasted passage, a file not yet imported) should not
    need to know about the parser to get a section-aware diff.
    """
    return diff_documents(parse(a_text), parse(b_text), **options)
