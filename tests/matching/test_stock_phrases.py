"""Stock phrases are decided before verification; a rare copy of the same size is not.

A clause of about twenty characters written by six units shares a handful of fingerprints,
each held by six units: a stock phrase of the genre, mostly left out before alignment (it
is template when aligned). The same-sized clause shared by two units is a copy and is still found.
The pair cap grows with the corpus so that chance-common k-grams of a copied paragraph keep
pairing in a large store.
"""

from __future__ import annotations

import random

import pytest

from reportaudit.matching.pairing import pair_cap
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.scan import ReuseIndex

from .matching_helpers import make

STOCK = "各项资金均已按照规定用途及时足额拨付到位"
COPY = "档案数字化加工外包服务合同已经履约验收合格"
_CHARS = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔龙师火帝鸟官人皇"


def _filler(rng: random.Random, n: int) -> str:
    """Prose no other report shares (random characters, sentence by sentence)."""
    return "。".join("".join(rng.choice(_CHARS) for _ in range(14)) for _ in range(n)) + "。"


def _corpus() -> list:
    rng = random.Random(7)
    docs = []
    for i in range(8):
        body = f"一、基本情况\n{_filler(rng, 3)}{STOCK if i < 6 else ''}{_filler(rng, 2)}\n"
        body += f"二、存在问题\n{_filler(rng, 2)}{COPY if i >= 6 else ''}{_filler(rng, 3)}\n"
        docs.append(make(f"r{i}", f"单位{i}", 2023, body))
    return docs


def _shared(result: object, phrase: str) -> list:
    return [
        f
        for f in result.findings  # type: ignore[attr-defined]
        if f.a.text and phrase[:10] in f.a.text and phrase[:10] in f.b.text
    ]


def test_a_stock_phrase_is_not_verified_but_a_rare_copy_is() -> None:
    res = ReuseIndex(_corpus(), workers=1).scan()
    full = ReuseIndex(_corpus(), params=ReuseParams(stock_shared=0), workers=1).scan()
    # 15 pairs of six units share the phrase; most share too few fingerprints to align
    assert res.stats["stock_skipped"] >= 10 and full.stats["stock_skipped"] == 0
    assert res.stats["candidates"] < full.stats["candidates"]
    stock, stock_full = _shared(res, STOCK), _shared(full, STOCK)
    assert len(stock) < len(stock_full)
    assert all(f.template for f in stock_full)
    for r in (res, full):
        copies = _shared(r, COPY)
        assert len(copies) == 1 and not copies[0].template


def test_the_pair_cap_grows_with_the_corpus() -> None:
    p = ReuseParams()
    caps = [
        pair_cap(n, pair_docs=p.pair_docs, pair_docs_sqrt=p.pair_docs_sqrt)
        for n in (30, 1000, 5000, 20000)
    ]
    assert caps[0] == p.pair_docs
    assert caps[1] < caps[2] < caps[3]


def test_common_regions_by_mask_equal_those_by_sorting(monkeypatch: pytest.MonkeyPatch) -> None:
    """The two ways ``common_regions`` orders positions give the same regions (the stock
    phrase in six of eight units is common text in each of them)."""
    from reportaudit.matching import templates

    got = []
    for ratio in (0, 1 << 30):  # never the mask, always the mask
        monkeypatch.setattr(templates, "MASK_RATIO", ratio)
        ix = ReuseIndex(_corpus(), workers=1)
        r = ix.common_regions
        got.append((r.doc.tolist(), r.f0.tolist(), r.f1.tolist()))
    assert got[0] == got[1]
    assert sorted(set(got[0][0])) == list(range(6))
