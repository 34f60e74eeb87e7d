"""In-report checks: what copying and haste leave inside one report.

Copy detection (``reportaudit.matching``) finds text reused from elsewhere; these checks find
the slips inside a single report that auditors otherwise re-add with a calculator: totals
that do not add up, a score with the wrong grade, last year's year left in place, another
unit's name, placeholder or missing sections, Word field errors and broken numbering.

Pure domain code: no store, no UI (import-linter contract). ``run_checks`` is the entry.
"""
