"""Section-aware diff of two report revisions (issue 4).

Why a package: alignment, character diff, figure extraction and three renderers are each
one job; this module re-exports the public core so callers need one import. The core never
imports the store, sqlmodel/sqlalchemy or textual (import-linter contract).
"""

from reportaudit.diff.engine import DEFAULT_BUDGET, DEFAULT_TIMEOUT, diff_documents, diff_texts
from reportaudit.diff.model import (
    DocumentDiff,
    FigureChange,
    Move,
    Op,
    ParagraphPair,
    SectionPair,
    Summary,
)
from reportaudit.diff.ops import apply_ops, check_ops

__all__ = [
    "DEFAULT_BUDGET",
    "DEFAULT_TIMEOUT",
    "DocumentDiff",
    "FigureChange",
    "Move",
    "Op",
    "ParagraphPair",
    "SectionPair",
    "Summary",
    "apply_ops",
    "check_ops",
    "diff_documents",
    "diff_texts",
]
