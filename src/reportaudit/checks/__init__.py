"""In-report checks: what copying and haste leave inside one report.

Copy detection (``reportaudit.matching``) finds text reused from elsewhere; these checks find
the slips inside a single report that auditors otherwise re-add with a calculator. Pure
domain code: no store, no UI (import-linter contract). Document text is untrusted: it is only
read with bounded regular expressions, and sentences with absurd numbers of figures are
skipped rather than read quadratically.

Entry point::

    findings = run_checks(doc, meta=infer(doc), other_units=[...], config=load_config(path),
                          kind_class="project")   # kind_class optional: derived when absent

Every check reads the same ``Reading`` of the report (reading.py: sentences split once,
figures extracted lazily, and the last sentence of a text cut off mid-statement is never
read). Each ``CheckFinding`` has ``id`` (blake2b of kind, rule, spans and the spanned text),
``kind``, ``rule``, ``severity`` 0-100, a one-line ``explanation`` that names the figures,
the arithmetic and the rounding tolerance, ``spans`` (character offsets into ``doc.text``, in
text order), ``anchor`` (the statement at fault) and the section (index, path text,
canonical type). Kinds and their rules:

- ``arithmetic``: ``sum_mismatch`` (sums.py: 其中 lists whose parts measure what the total
  measures — never the spending stated after a budget's parts, never per-line 预算数/决算数
  columns —, bracketed breakdowns, 合计 after its parts, headcounts), ``share`` (占X% of a 其中
  total), ``execution_rate`` (rates.py: 执行率 / 支出率 / 使用率 / 完成率 / 完成预算的 =
  spending / budget, 预算 or 拨款 or 到位资金, in the sentence or the sentences just before it),
  ``difference_rate`` (差异率 of the two figures of its clause group), ``count_listed``
  (listed.py: "内设7个科室，分别是…" naming another number of items), ``line_two_amounts``
  (arithmetic.py: one budget line typed as 9.21 and 9.81). The words that tell budgets,
  spendings, changes and table columns apart are ``[statements]`` in checks.toml.
- ``score_grade``: ``grade_band`` (score_grade.py: score vs grade against the bands table),
  ``score_sum`` (scoring.py: item scores vs the total), ``score_over_max`` (a score above its
  分值).
- ``stale_year`` (stale_year.py): ``evaluated_year``, ``spending_year``, ``cutoff_year`` —
  an earlier year named as the year under evaluation (precision first; see its docstring).
- ``foreign_name`` (foreign_names.py): ``title``, ``signature``, ``subject`` — another
  unit's full name where this report's own unit belongs.
- ``placeholder``: ``missing_section`` (outline.py: by kind class, only in a report that
  visibly ends, met by a heading or a table row naming the topic; a third-party evaluation is
  judged as "other"), ``repeated_section``, ``filler_only`` (同上/略/待补充 …, 无 only where 无
  cannot be an answer), ``heading_only`` (not for entries of a 目录, list items, cited rules
  or a last line cut off — layout.py), ``template_instruction`` (placeholder.py).
- ``broken`` (broken.py): ``field_error`` (错误！未定义书签), ``numbering_skip``,
  ``numbering_repeat``, ``numbering_style``, ``marker_lost``.

Tables (grade bands, required outline per kind class and the words that meet it in table
rows, kind-class and third-party words, where 无 is an answer, how many years back a stale
year counts, the statement words) ship in ``checks.toml``; ``load_config(path)`` or
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
