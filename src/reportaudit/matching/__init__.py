"""Reuse detection (复制比): copies, template text and stale years across report revisions.

Why a package of small modules: each step of the pipeline has one job and can be tested and
measured on its own; the CLI, TUI, exports and the store are thin layers over ``scan``.

Pipeline: ``normalize`` (fold + offset map) → ``fingerprint`` (numpy k-gram hashes,
winnowing) → ``index`` (packed sort, per-hash document/unit frequencies) → ``candidates`` /
``templates`` (seed pairs, diagonal clusters; star pairs for template hashes) → ``align`` /
``verify`` (rapidfuzz Indel alignment → exact folded spans) → ``resolve`` (original spans,
sections) → ``build`` / ``families`` / ``scoring`` (families, relation, template, severity,
explanation, stale years, stable ids, per-report shares).

Public API::

    from reportaudit.matching import IndexedDoc, ReuseParams, ReuseIndex, scan
    result = scan(docs, params=ReuseParams())        # ScanResult
    index = ReuseIndex(docs); index.scan(); index.check(new_doc)   # incremental
    result.findings / .families / .summaries / .params / .stats
"""

from reportaudit.matching.corpus import IndexedDoc
from reportaudit.matching.params import ALGORITHM_VERSION, ReuseParams
from reportaudit.matching.results import (
    Family,
    Finding,
    Match,
    Passage,
    ReportRef,
    ReuseSummary,
    ScanResult,
)
from reportaudit.matching.scan import ReuseIndex, scan

__all__ = [
    "ALGORITHM_VERSION",
    "Family",
    "Finding",
    "IndexedDoc",
    "Match",
    "Passage",
    "ReportRef",
    "ReuseIndex",
    "ReuseParams",
    "ReuseSummary",
    "ScanResult",
    "scan",
]
