"""In-report checks: what copying and haste leave inside one report.

Copy detection (``reportaudit.matching``) finds text reused from elsewhere; these checks find
the slips inside a single report that auditors otherwise re-add with a calculator: totals
that do not add up, a score with the wrong grade, last year's year left in place, another
unit's name, placeholder or missing sections, Word field errors and broken numbering.

Pure domain code: no store, no UI (import-linter contract). ``run_checks`` is the entry.
"""

from reportaudit.checks.config import (
    CheckConfig,
    CheckConfigError,
    GradeBand,
    default_config,
    load_config,
)
from reportaudit.checks.model import KINDS, CheckFinding, Span, finding_id
from reportaudit.checks.runner import CHECKS_VERSION, run_checks

__all__ = [
    "CHECKS_VERSION",
    "KINDS",
    "CheckConfig",
    "CheckConfigError",
    "CheckFinding",
    "GradeBand",
    "Span",
    "default_config",
    "finding_id",
    "load_config",
    "run_checks",
]
