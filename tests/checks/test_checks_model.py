"""Finding ids are stable digests (not Python's salted hash) and findings are ordered."""

from __future__ import annotations

import os
import subprocess
import sys

from checks_helpers import FIXTURES, check_file

from reportaudit.checks import Span, finding_id

PLANTED = FIXTURES / "checks" / "planted_2023.txt"


def test_ids_are_stable_across_runs_and_processes() -> None:
    """Ids do not depend on Python's hash seed or on the run."""
    _, first = check_file(PLANTED, other_units=["河湾市生态环境局"])
    _, second = check_file(PLANTED, other_units=["河湾市生态环境局"])
    assert [f.id for f in first] == [f.id for f in second]
    assert len({f.id for f in first}) == len(first)
    code = (
        "import sys; sys.path.insert(0, 'tests/checks');"
        "from checks_helpers import FIXTURES, check_file;"
        "_, fs = check_file(FIXTURES / 'checks' / 'planted_2023.txt', other_units=['河湾市生态环境局']);"
        "print(' '.join(f.id for f in fs))"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=FIXTURES.parent,
    ).stdout.split()
    assert out == [f.id for f in first]


def test_id_depends_on_kind_rule_spans_and_text() -> None:
    """Every ingredient of the id changes it."""
    text = "预算收入500.00万元"
    base = finding_id("arithmetic", "sum_mismatch", (Span(4, 13),), text)
    assert len(base) == 20 and int(base, 16) >= 0
    assert base == finding_id("arithmetic", "sum_mismatch", (Span(4, 13),), text)
    assert base != finding_id("arithmetic", "execution_rate", (Span(4, 13),), text)
    assert base != finding_id("broken", "sum_mismatch", (Span(4, 13),), text)
    assert base != finding_id("arithmetic", "sum_mismatch", (Span(4, 12),), text)
    assert base != finding_id("arithmetic", "sum_mismatch", (Span(4, 13),), "预算收入600.00万元")
