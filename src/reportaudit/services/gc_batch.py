"""Fewer garbage collections while a batch job builds many long-lived objects.

Why: ``check --all`` keeps every checked Document and its findings (hundreds of thousands
of objects) and allocates millions of short-lived ones. With CPython's default thresholds
the cycle collector ran so often, over everything imported and everything kept so far,
that it took a sixth of the run's CPU time (1,000 bench-peer reports: 8.2 s with it, 6.7 s
with collection off). Freezing what exists when the batch starts (the imported modules, the
store's metadata) takes it out of every later collection, and a higher first threshold
makes collections rarer; cycles are still collected, so memory stays bounded.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BATCH_THRESHOLD = 20_000
"""Allocations (net) between two young-generation collections during a batch (default 700)."""


@contextmanager
def fewer_collections(*, threshold: int = BATCH_THRESHOLD) -> Iterator[None]:
    """Within the block: objects that exist now are frozen (never traversed again) and
    young collections happen every ``threshold`` allocations; both undone afterwards.
    Forked workers inherit the frozen state (fewer copy-on-write pages, too)."""
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold, old[0]), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()
