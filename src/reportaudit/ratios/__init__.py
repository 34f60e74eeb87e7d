"""复制比 indices as Chinese auditors read them, computed from the engine's reuse findings.

Why a package of its own: the CLI, the TUI and the exports all show these figures and must
agree, so they are defined and computed once here, from stored findings, and rendered
through ``present`` with the labels of ``labels.toml``. Pure: no store, no UI.

- ``chars``: what counts as a character (字).
- ``model``: frozen records (ReusedSpan in, ReportRatios out).
- ``compute``: the interval unions and counts.
- ``labels`` / ``labels.toml``: names and definitions, Chinese first.
- ``present``: labelled rows and cells for every surface.
"""

from reportaudit.ratios.compute import compute, spans_by_revision, spans_from_findings
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

__all__ = [
    "SCOPES",
    "VARIANTS",
    "Breakdown",
    "Counts",
    "ReportRatios",
    "ReusedSpan",
    "SectionRatios",
    "SourceShare",
    "TypeRatios",
    "compute",
    "spans_by_revision",
    "spans_from_findings",
]
