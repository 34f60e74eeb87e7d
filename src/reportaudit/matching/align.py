"""Phase A: verify candidate regions on the folded texts kept in memory.

Why: alignment needs only folded text, so it runs without touching the original documents;
only the pairs that survive are resolved to original spans afterwards (``resolve``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from reportaudit.matching.candidates import Clusters
from reportaudit.matching.parallel import map_ordered
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.verify import verify_region

Pair = tuple[int, int, int, int, int, int, int, int, float, int, int]
"""(doc_a, seg_a, a0, a1, doc_b, seg_b, b0, b1, similarity, seeds, unit_df), folded coords."""


def concat(*parts: Clusters) -> Clusters:
    """Several candidate sets as one."""
    fields = Clusters.__dataclass_fields__
    return Clusters(**{f: np.concatenate([getattr(c, f) for c in parts]) for f in fields})


def align_clusters(
    cl: Clusters,
    texts: Sequence[str],
    seg_starts: Sequence[np.ndarray],
    seg_ends: Sequence[np.ndarray],
    *,
    params: ReuseParams,
    workers: int = 1,
) -> list[Pair]:
    """Verified passage pairs, each segment pair's overlapping duplicates removed.

    With ``workers`` > 1 the candidates are split into runs that never cut a segment pair
    (duplicates are only removed within one), aligned in forked processes and joined in
    order, so the result does not depend on the number of workers.
    """
    order = np.lexsort((cl.a0, cl.sb, cl.db, cl.sa, cl.da))
    # every row's segment bounds looked up at once (not four numpy scalars per row)
    base = np.concatenate([[0], np.cumsum([len(x) for x in seg_starts], dtype=np.int64)])
    flat_s = np.concatenate([np.zeros(0, np.int64), *seg_starts]).astype(np.int64)
    flat_e = np.concatenate([np.zeros(0, np.int64), *seg_ends]).astype(np.int64)
    ga, gb = base[cl.da] + cl.sa, base[cl.db] + cl.sb
    cols = [
        x[order].tolist()
        for x in (cl.da, cl.sa, cl.db, cl.sb, cl.a0, cl.a1, cl.b0, cl.b1, cl.seeds, cl.df)
    ] + [x[order].tolist() for x in (flat_s[ga], flat_e[ga], flat_s[gb], flat_e[gb])]
    n = len(order)
    if workers <= 1 or n < 4096:
        return _align_rows(cols, 0, n, texts, params=params)
    same = np.ones(n - 1, dtype=bool)
    for x in (cl.da, cl.sa, cl.db, cl.sb):
        xs = x[order]
        same &= xs[1:] == xs[:-1]
    cuts = np.flatnonzero(~same) + 1  # rows starting another segment pair
    step = max(1, n // (workers * 16))
    bounds: list[tuple[int, int]] = []
    lo = 0
    while lo < n:
        at = int(np.searchsorted(cuts, lo + step, side="left"))
        hi = int(cuts[at]) if at < len(cuts) else n
        bounds.append((lo, hi))
        lo = hi
    parts = map_ordered(
        lambda b: _align_rows(cols, b[0], b[1], texts, params=params),
        bounds,
        workers=workers,
        min_items=2,
    )
    return [x for part in parts for x in part]


def _align_rows(
    cols: list[list[int]],
    lo: int,
    hi: int,
    texts: Sequence[str],
    *,
    params: ReuseParams,
) -> list[Pair]:
    """``align_clusters`` of sorted candidate rows ``lo..hi`` (whole segment pairs); the
    last four columns are the rows' segment bounds."""
    out: list[Pair] = []
    seen: dict[tuple[int, int, int, int], list[tuple[int, int, int, int]]] = {}
    rows = zip(*(c[lo:hi] for c in cols), strict=True)
    for da, sa, db, sb, a0, a1, b0, b1, seeds, df, sa0, sa1, sb0, sb1 in rows:
        sga, sgb = (sa0, sa1), (sb0, sb1)
        found = verify_region(texts[da], sga, (a0, a1), texts[db], sgb, (b0, b1), params=params)
        if not found:
            continue
        prev = seen.setdefault((da, sa, db, sb), [])
        for al in found:
            if any(al.a0 < q[1] and q[0] < al.a1 and al.b0 < q[3] and q[2] < al.b1 for q in prev):
                continue
            if da == db and al.a0 < al.b1 and al.b0 < al.a1:
                continue  # a passage overlapping itself is not a repeat
            prev.append((al.a0, al.a1, al.b0, al.b1))
            out.append((da, sa, al.a0, al.a1, db, sb, al.b0, al.b1, al.similarity, seeds, df))
    return out
