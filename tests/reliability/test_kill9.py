"""kill -9 of an import at points chosen by a seeded random (issue 14).

After every kill the store must verify, hold no file twice, and have every stored revision
either indexed for reuse or marked "to index"; once the import is re-run to the end, every
file is stored exactly once, and ``scan --new`` on a report copying a paragraph of the last
revision stored before a crash finds that copy.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from rel_helpers import invariants, run, start, write_reports

SEEDS = (1, 2, 3)
FILES = 10


@pytest.mark.parametrize("seed", SEEDS)
def test_kill9_during_import_loses_and_duplicates_nothing(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    paragraphs = write_reports(tmp_path / "in", FILES, seed=seed)
    store = f"sqlite:///{tmp_path / 's.db'}"
    last_before_crash = None
    for _ in range(3):
        child = start(store, "import", str(tmp_path / "in"))
        time.sleep(rng.uniform(1.0, 5.0))  # start-up, parsing, storing or the index batch
        child.kill()
        child.wait()
        state = invariants(store)
        assert state["problems"] == [], state["problems"]
        assert state["duplicates"] == []
        assert state["lost"] == []  # every stored revision is indexed or marked
        last_before_crash = state["newest"] or last_before_crash
    done = run(store, "import", str(tmp_path / "in"))
    assert done.returncode == 0, done.stderr
    state = invariants(store)
    assert state["names"] == sorted(paragraphs)  # each file stored exactly once
    assert state["problems"] == [] and state["pending"] == [] and state["lost"] == []

    # a new report copying the paragraph of the last revision stored before a crash
    source = last_before_crash or 1
    shown = run(store, "show", str(source), "--json")
    name = json.loads(shown.stdout)["filename"]
    copy = tmp_path / "copy" / "new.txt"
    copy.parent.mkdir()
    copy.write_text(
        "青川县试验局2023年度部门整体支出绩效自评报告\n一、基本情况\n本局负责试验工作。\n"
        f"二、偏离绩效目标的原因\n{paragraphs[name]}\n",
        "utf-8",
    )
    assert run(store, "import", str(copy)).returncode == 0
    new_id = invariants(store)["newest"]
    scan = run(store, "scan", "--new", str(new_id), "--json")
    assert scan.returncode == 0, scan.stderr
    found = json.loads(scan.stdout)["findings"]
    assert any(
        {f["a"]["revision"], f["b"]["revision"]} == {str(source), str(new_id)} for f in found
    )
