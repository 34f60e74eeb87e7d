"""Two real processes importing into one store at the same time both succeed.

Why processes, not threads: the guarantee we need is across separate CLI invocations
(SQLite file locks + BEGIN IMMEDIATE, PostgreSQL advisory lock), which threads would not test.
Both children also open the *fresh* store at once, so the migration race is covered too.
"""

from __future__ import annotations

import itertools
import multiprocessing

from store_helpers import import_many

from reportaudit.store import events, list_reports, open_store, verify

PER_PROCESS = 15


def test_two_processes_import_at_once_and_the_chain_holds(store_url: str) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=import_many, args=(store_url, label, PER_PROCESS, barrier, results, 0.03)
        )
        for label in ("甲", "乙")
    ]
    for p in procs:
        p.start()
    outcomes = {}
    for _ in procs:
        label, ids, error = results.get(timeout=120)
        outcomes[label] = (ids, error)
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    assert {label: err for label, (_ids, err) in outcomes.items()} == {"甲": None, "乙": None}
    all_ids = outcomes["甲"][0] + outcomes["乙"][0]
    assert len(set(all_ids)) == 2 * PER_PROCESS

    store = open_store(store_url)
    try:
        with store.session() as s:
            report = verify(s)
            assert report.ok, report.problems
            assert report.events_checked == 2 * PER_PROCESS
            assert sorted(r.revision_count for r in list_reports(s)) == [PER_PROCESS] * 2
            seqs = [e.seq for e in events(s)]
            assert seqs == list(range(1, 2 * PER_PROCESS + 1))
            # the two writers really interleaved (otherwise this test proves little)
            subjects = [e.details["report"]["unit"] for e in events(s)]
            switches = sum(1 for a, b in itertools.pairwise(subjects) if a != b)
            assert switches >= 2
    finally:
        store.close()
