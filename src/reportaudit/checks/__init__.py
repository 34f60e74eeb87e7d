"""In-report checks: what copying and haste leave inside one report.

Copy detection (``reportaudit.matching``) finds text reused from elsewhere; these checks find
the slips inside a single report that auditors otherwise re-add with a calculator. Pure
domain code: no store, no UI (import-linter contract). Document text is untrusted: it is only
read with bounded regular expressions, and sentences with absurd numbers of figures are
skipped rather than read quadratically.

Entry point::

    findings = run_checks(doc, meta=infer(doc), other_units=[...], config=load_config(path))

Each ``CheckFinding`` has ``id`` (blake2b of kind, rule, spans and the spanned text),
``kind``, ``rule``, ``severity`` 0-100, a one-line ``explanation``, ``spans`` (character
offsets into ``doc.text``, in text order), ``anchor`` (the statement at fault) and the
section (index, path text, canonical type). Kinds and their rules:

- ``arithmetic`` (arithmetic.py): ``sum_mismatch`` (其中 lists, bracketed breakdowns, 合计
  after its parts, headcounts), ``share`` (占X% of a 其中 total), ``line_two_amounts`` (one
  budget line typed as 9.21 and 9.81), ``execution_rate`` (执行率 = 支出 / 预算),
  ``difference_rate`` (差异率). Amounts in 元/万元/亿元 and full-width digits via
  ``reportaudit.figures``; rounding tolerance from the digits written; unparseable or
  approximate (100多万元) figures are never used.
- ``score_grade`` (score_grade.py): ``grade_band`` — score vs grade against the bands table.
- ``stale_year`` (stale_year.py): ``evaluated_year``, ``spending_year``, ``cutoff_year`` —
  an earlier year named as the year under evaluation (precision first; see its docstring).
- ``foreign_name`` (foreign_names.py): ``title``, ``signature``, ``subject`` — another
  unit's full name where this report's own unit belongs.
- ``placeholder`` (placeholder.py): ``missing_section``, ``repeated_section``,
  ``filler_only`` (无/暂无/同上/略 …), ``heading_only``, ``template_instruction``.
- ``broken`` (broken.py): ``field_error`` (错误！未定义书签), ``numbering_skip``,
  ``numbering_repeat``, ``numbering_style``, ``marker_lost``.

Tables (grade bands, required outline per report kind, where 无 is a normal answer, how many
years back a stale year counts) ship in ``checks.toml``; ``load_config(path)`` or
$REPORTAUDIT_CHECKS_CONFIG overlays a user TOML (whole tables replaced). ``CHECKS_VERSION``
changes whenever the output for the same input changes (stored runs are keyed by it).
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
