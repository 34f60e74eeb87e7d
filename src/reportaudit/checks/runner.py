"""Run every check family over one parsed report.

Why one entry point: the CLI, ``scan`` and the TUI must get the same findings in the same
order for the same input, and a change to any check must bump ``CHECKS_VERSION`` so stored
results of an older version are recognisable and replaced.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportaudit.checks.arithmetic import check_arithmetic
from reportaudit.checks.broken import check_broken
from reportaudit.checks.config import CheckConfig, default_config
from reportaudit.checks.foreign_names import check_foreign_names
from reportaudit.checks.model import CheckFinding
from reportaudit.checks.outline import KIND_CLASSES, check_outline, kind_class_of
from reportaudit.checks.placeholder import check_placeholders
from reportaudit.checks.reading import Reading
from reportaudit.checks.score_grade import check_score_grade
from reportaudit.checks.scoring import check_scoring
from reportaudit.checks.stale_year import check_stale_year
from reportaudit.metadata import Metadata
from reportaudit.structure.model import Document

CHECKS_VERSION = "checks-2"
"""Bumped whenever a check's output changes for the same input."""


def run_checks(
    doc: Document,
    *,
    meta: Metadata,
    other_units: Sequence[str] = (),
    config: CheckConfig | None = None,
    kinds: Sequence[str] | None = None,
    kind_class: str | None = None,
) -> list[CheckFinding]:
    """All findings of the selected check kinds (all by default), in document order.

    ``other_units`` are the units of the other reports in the store (for foreign names);
    ``config`` defaults to the shipped tables; ``kind_class`` (department_overall, project,
    budget_execution, other) is the stored class of the report when the caller has one, else
    the class ``metadata.infer`` read (``meta.sources`` names it), else it is derived from
    the kind phrase and title (outline.kind_class_of). Document text is untrusted: checks only
    read it with bounded regular expressions and never evaluate it.
    """
    cfg = config or default_config()
    wanted = set(kinds) if kinds else None
    if kind_class not in KIND_CLASSES and "kind_class" in meta.sources:
        kind_class = meta.kind_class  # read by metadata.infer (issue 11)
    if kind_class not in KIND_CLASSES:
        kind_class = kind_class_of(meta.kind, doc, config=cfg)
    reading = Reading(doc)

    def on(kind: str) -> bool:
        """Whether this run includes ``kind`` (all kinds when none were named)."""
        return wanted is None or kind in wanted

    found: list[CheckFinding] = []
    if on("arithmetic"):
        found += check_arithmetic(reading, cfg.words)
    if on("score_grade"):
        found += check_score_grade(reading, config=cfg)
        found += check_scoring(reading)
    if on("stale_year"):
        found += check_stale_year(reading, year=meta.year, config=cfg)
    if on("foreign_name"):
        found += check_foreign_names(reading, own_unit=meta.unit, other_units=other_units)
    if on("placeholder"):
        found += check_outline(reading, kind=meta.kind, kind_class=kind_class, config=cfg)
        found += check_placeholders(doc, config=cfg)
    if on("broken"):
        found += check_broken(doc)
    unique = {f.id: f for f in found}
    return sorted(unique.values(), key=lambda f: (f.start, f.kind, f.rule, f.id))
