"""Rounding tolerance of a stated rate: how far spend / budget may be from the rate as
written before the rate is wrong.

Why one place: the execution rate, a share and a difference rate are all "a percentage of two
rounded figures, itself rounded or truncated"; the same bounds must be used to decide and to
state in the finding, so an auditor can redo the arithmetic and see why it was reported.
"""

from __future__ import annotations

from decimal import Decimal

from reportaudit.checks.textutil import Amount


def decimals_of(raw: str) -> int:
    """Decimal places of a written percentage ("36.41%" -> 2, "100%" -> 0)."""
    return len(raw.split(".")[1].rstrip("%％ ")) if "." in raw else 0


def rate_bounds(
    rate: Decimal, raw: str, computed: Decimal, rel_error: Decimal
) -> tuple[Decimal, Decimal]:
    """The computed values a stated rate accepts: rounded (down by half a unit) or truncated
    (up by a unit), widened by the relative rounding error of the operands."""
    unit = Decimal(10) ** -decimals_of(raw)
    prop = abs(computed) * rel_error
    return rate - unit / 2 - prop, rate + unit + prop


def rate_ok(rate: Decimal, raw: str, spend: Amount, budget: Amount) -> bool:
    """Does the stated rate equal spend / budget within the rounding of all three figures
    (rounded or truncated)?"""
    if budget.yuan <= 0:
        return True
    computed = spend.yuan / budget.yuan * 100
    lo, hi = rate_bounds(rate, raw, computed, relative_error(spend, budget))
    return lo <= computed <= hi


def relative_error(a: Amount, b: Amount) -> Decimal:
    """Relative rounding error of a / b from the digits written."""
    return a.tolerance / max(a.yuan, Decimal(1)) + b.tolerance / max(b.yuan, Decimal(1))


def pct(value: Decimal) -> str:
    """A percentage for explanations, two decimals."""
    return f"{value.quantize(Decimal('0.01'))}%"
