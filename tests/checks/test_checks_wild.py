"""The checks on ../shared/wild: 46 real openings (most stop mid-sentence) and 4 blank
templates, imported one by one as a user would. Every finding there was confirmed by reading
the opening (README lists them); anything else is a false alarm.

Only rules and anchors are written here, never the openings' sentences.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from checks_helpers import described

from reportaudit.checks import run_checks
from reportaudit.metadata import infer
from reportaudit.services.derive import derive

WILD = Path(
    os.environ.get("REPORTAUDIT_WILD", Path(__file__).resolve().parents[3] / "shared" / "wild")
)

# file -> (kind, rule) of each confirmed finding
CONFIRMED = {
    # a section heading followed directly by the next top-level heading: nothing under it
    "w058.txt": {("placeholder", "heading_only")},
    # four 其中 amounts (优/良/中/差 projects) add up to more than the stated total although
    # their project counts add up to the stated count
    "w076.txt": {("arithmetic", "sum_mismatch")},
}


def _files() -> list[Path]:
    """The openings and templates (skips when ../shared/wild is absent)."""
    if not (WILD / "reports").is_dir():
        pytest.skip(f"wild openings not found at {WILD}")
    return sorted((WILD / "reports").glob("*.txt")) + sorted((WILD / "templates").glob("*.txt"))


def test_wild_openings_give_only_confirmed_findings() -> None:
    """Each opening alone (as imported into an empty store): only the confirmed findings."""
    got: dict[str, set[tuple[str, str]]] = {}
    for path in _files():
        _, doc = derive(path.read_bytes(), path.name)
        findings = run_checks(doc, meta=infer(doc))
        if findings:
            got[path.name] = {(k, r) for k, r, _ in described(doc, findings)}
    assert got == CONFIRMED


def test_wild_openings_against_each_other_name_no_foreign_unit() -> None:
    """With every other opening's unit in the store, still no foreign-name finding."""
    files = _files()
    docs = [derive(p.read_bytes(), p.name)[1] for p in files]
    units = [infer(d).unit for d in docs]
    for path, doc in zip(files, docs, strict=True):
        findings = run_checks(doc, meta=infer(doc), other_units=units, kinds=["foreign_name"])
        assert findings == [], path.name
