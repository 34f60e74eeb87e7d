"""Reuse figures per report for the corpus screen (share of reused text, open findings)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy behind it: not before the first paint
    from reportaudit.ratios import ReportRatios

__all__ = ["ReuseStats"]


@dataclass(frozen=True, slots=True)
class ReuseStats:
    """A report's newest scanned revision: reused share (0..1) and findings not yet reviewed.

    ``share`` is 总文字复制比 and ``share_excluding_template`` its 去除模板 variant, both taken
    from ``ratios`` (the computation ``reportaudit reuse`` and the exports print).
    """

    share: float
    share_excluding_template: float
    findings: int
    open_findings: int
    sources: tuple[tuple[int, int], ...] = ()  # (report id, reused chars), largest first
    ratios: ReportRatios | None = None
