"""Reuse figures per report for the corpus screen (share of reused text, open findings).

Why an adapter: the reuse store is written by another module; the corpus screen only needs
two numbers per report and must cope with a store that has never been scanned.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from reportaudit.store import Store

__all__ = ["ReuseStats", "load_reuse_stats", "reuse_available"]


@dataclass(frozen=True, slots=True)
class ReuseStats:
    """A report's newest scanned revision: reused share (0..1) and findings not yet reviewed."""

    share: float
    share_excluding_template: float
    findings: int
    open_findings: int


def reuse_available() -> bool:
    """Whether this installation has the reuse store module at all."""
    try:
        importlib.import_module("reportaudit.store.reuse")
    except ImportError:
        return False
    return True


def load_reuse_stats(store: Store) -> dict[int, ReuseStats]:
    """Report id -> stats; empty when no scan has been stored yet."""
    if not reuse_available():
        return {}
    from .findings import report_stats

    return report_stats(store)
