"""Four imports at once on SQLite and on PostgreSQL (issue 14): every file stored exactly
once, the chain unforked and verifying, every revision indexed."""

from __future__ import annotations

import random
from pathlib import Path

from rel_helpers import invariants, start, write_reports

WRITERS = 4
FILES = 8


def test_four_concurrent_imports(store_url: str, tmp_path: Path) -> None:
    paragraphs = write_reports(tmp_path / "in", FILES, seed=7)
    names = sorted(paragraphs)
    rng = random.Random(7)
    children = []
    for _ in range(WRITERS):  # each writer imports every file, in its own order
        order = names[:]
        rng.shuffle(order)
        children.append(start(store_url, "import", *(str(tmp_path / "in" / n) for n in order)))
    for child in children:
        _out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        assert "Traceback" not in err
    state = invariants(store_url)
    assert state["problems"] == [], state["problems"]
    assert state["names"] == names and state["duplicates"] == []
    assert state["lost"] == [] and state["pending"] == []
