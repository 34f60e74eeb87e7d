"""The batch garbage-collection setting is undone after the batch, also on error."""

from __future__ import annotations

import gc

import pytest

from reportaudit.services.gc_batch import BATCH_THRESHOLD, fewer_collections


def test_thresholds_and_freeze_are_restored() -> None:
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    with fewer_collections():
        assert gc.get_threshold()[0] == max(BATCH_THRESHOLD, before[0])
        assert gc.get_freeze_count() >= frozen
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_restored_when_the_batch_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_cycles_made_in_the_batch_are_still_collected() -> None:
    with fewer_collections():
        a: list[object] = []
        a.append(a)
        del a
        assert gc.collect() >= 1
