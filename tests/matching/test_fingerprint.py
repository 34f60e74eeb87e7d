"""Hashing and winnowing: deterministic, and the winnowing guarantee holds."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from reportaudit.matching.fingerprint import INVALID, kgram_hashes, winnow
from reportaudit.matching.normalize import fold, to_codes


def _brute_winnow(h: np.ndarray, w: int) -> list[int]:
    sel: set[int] = set()
    for s in range(max(1, len(h) - w + 1)):
        win = h[s : s + w]
        m = win.min()
        sel |= {s + j for j in range(len(win)) if win[j] == m and m != INVALID}
    return sorted(sel)


@given(st.lists(st.integers(0, 20), min_size=1, max_size=300), st.integers(1, 12))
@settings(max_examples=200, deadline=None)
def test_winnow_matches_definition(values: list[int], w: int) -> None:
    h = np.array(values, dtype=np.uint64)
    assert winnow(h, w).tolist() == _brute_winnow(h, w)


def test_hashes_are_fixed_values() -> None:
    # A fixed input must give the same hashes on every machine/run (no salted hash()).
    h = kgram_hashes(to_codes("预算绩效自评报告"), 4)
    again = kgram_hashes(np.array([ord(c) for c in "预算绩效自评报告"], dtype=np.uint32), 4)
    assert h.tolist() == again.tolist()
    assert len(set(h.tolist())) == 5


@given(st.text(alphabet="预算绩效自评报告项目资金管理", min_size=40, max_size=120))
@settings(max_examples=100, deadline=None)
def test_shared_run_shares_a_fingerprint(shared: str) -> None:
    k, w = 5, 6
    a = "甲乙丙丁" * 5 + shared + "戊己庚辛" * 3
    b = "子丑寅卯" * 2 + shared
    fa, fb = fold(a).text, fold(b).text
    ha = kgram_hashes(to_codes(fa), k)
    hb = kgram_hashes(to_codes(fb), k)
    sa = set(ha[winnow(ha, w)].tolist())
    sb = set(hb[winnow(hb, w)].tolist())
    assert sa & sb


def test_common_region_shares_match_a_direct_count() -> None:
    from reportaudit.matching.templates import CommonRegions

    rng = np.random.default_rng(3)
    doc = np.sort(rng.integers(0, 4, 60))
    f0 = rng.integers(0, 200, 60)
    regs = CommonRegions(doc, f0, f0 + rng.integers(1, 30, 60))
    d = rng.integers(0, 5, 200)
    a0 = rng.integers(0, 220, 200)
    a1 = a0 + rng.integers(1, 50, 200)
    got = regs.shares(d, a0, a1)
    for k in range(200):
        mask = np.zeros(400, dtype=bool)
        for dd, s, e in zip(doc, regs.f0, regs.f1, strict=True):
            if dd == d[k]:
                mask[s:e] = True
        want = mask[a0[k] : a1[k]].sum() / (a1[k] - a0[k])
        assert abs(got[k] - want) < 1e-9
