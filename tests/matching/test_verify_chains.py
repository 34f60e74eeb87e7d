"""The pruned chain search of ``verify`` finds exactly what trying every anchor run finds.

Why: ``_best`` stops at the first start that cannot beat the passage found so far and
``_chains`` skips chains matching fewer characters than any passage needs; both are
speed-ups that must not change a single finding. The reference below is the exhaustive
search they replaced, run on edited copies of invented report text.
"""

from __future__ import annotations

import random

from rapidfuzz.distance import Indel

from reportaudit.matching.params import ReuseParams
from reportaudit.matching.verify import Aligned, _chains, _extend, align

PARAMS = ReuseParams()
WORDS = "项目资金预算执行绩效目标完成情况单位部门年度指标产出效益满意度偏差原因改进措施"


def _reference(blocks: list[tuple[int, int, int]], p: ReuseParams) -> list[Aligned]:
    """Every start, every end: the search before pruning."""
    cum = [0]
    for bl in blocks:
        cum.append(cum[-1] + bl[2])
    anchors = [n for n, bl in enumerate(blocks) if bl[2] >= p.anchor_min]
    chains: list[list[int]] = []
    for n in anchors:
        if chains:
            prev, bl = blocks[chains[-1][-1]], blocks[n]
            if max(bl[0] - prev[0] - prev[2], bl[1] - prev[1] - prev[2]) <= p.max_gap:
                chains[-1].append(n)
                continue
        chains.append([n])
    out = []
    for chain in chains:
        best: Aligned | None = None
        for i in range(len(chain)):
            for j in range(len(chain) - 1, i - 1, -1):
                bi, bj = blocks[chain[i]], blocks[chain[j]]
                la, lb = bj[0] + bj[2] - bi[0], bj[1] + bj[2] - bi[1]
                if min(la, lb) < p.min_chars:
                    break
                matched = cum[chain[j] + 1] - cum[chain[i]]
                if 2.0 * matched / (la + lb) >= p.similarity_floor and (
                    best is None or matched > best.matched
                ):
                    best = _extend(blocks, chain[i], chain[j], matched, params=p)
                    break
        if best:
            out.append(best)
    return out


def _edited(rng: random.Random, text: str, rate: float) -> str:
    """``text`` with about ``rate`` of its characters replaced, dropped or doubled."""
    out = []
    for ch in text:
        r = rng.random()
        if r < rate / 3:
            out.append(rng.choice(WORDS))
        elif r < 2 * rate / 3:
            continue
        elif r < rate:
            out.append(ch + ch)
        else:
            out.append(ch)
    return "".join(out)


def test_pruned_search_equals_exhaustive_search() -> None:
    """400 window pairs (copies with 0-40 % edits, clauses moved, unrelated text between):
    the same passages, and some pairs give several passages or none."""
    rng = random.Random(12)
    shapes = {0: 0, 1: 0, 2: 0}
    for _ in range(400):
        base = "".join(rng.choice(WORDS) for _ in range(rng.randint(30, 400)))
        other = _edited(rng, base, rng.choice([0.0, 0.05, 0.15, 0.3, 0.4]))
        if rng.random() < 0.5:  # unrelated text between two copied halves
            cut = len(other) // 2
            other = other[:cut] + "".join(rng.choice(WORDS) for _ in range(60)) + other[cut:]
        m = Indel.opcodes(base, other).as_matching_blocks()
        blocks = [(x.a, x.b, x.size) for x in m if x.size > 0]
        got = _chains(blocks, params=PARAMS)
        assert got == _reference(blocks, PARAMS)
        shapes[min(2, len(got))] += 1
        assert align(base, other, params=PARAMS) is not None
    assert all(v > 0 for v in shapes.values()), shapes
