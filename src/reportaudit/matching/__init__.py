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

The names are imported on first use (PEP 562): ``check`` imports only
``matching.parallel`` and must not pay for numpy and the matcher (~0.3 s a run).
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_WHERE = {
    "IndexedDoc": "corpus",
    "ALGORITHM_VERSION": "params",
    "ReuseParams": "params",
    **dict.fromkeys(
        ("Family", "Finding", "Match", "Passage", "ReportRef", "ReuseSummary", "ScanResult"),
        "results",
    ),
    "ReuseIndex": "scan",
    "scan": "scan",
}


class _Package(types.ModuleType):
    """This package's module type: loading the submodule ``matching.scan`` must not
    replace the package's function ``scan`` (the eager import used to rebind it)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "scan" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    """The public name ``name``, imported from its module on first use."""
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


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
