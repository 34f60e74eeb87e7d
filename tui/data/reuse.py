"""Reuse figures per report for the corpus screen (share of reused text, open findings)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ReuseStats"]


@dataclass(frozen=True, slots=True)
class ReuseStats:
    """A report's newest scanned revision: reused share (0..1) and findings not yet reviewed."""

    share: float
    share_excluding_template: float
    findings: int
    open_findings: int
    sources: tuple[tuple[int, int], ...] = ()  # (report id, reused chars), largest first
