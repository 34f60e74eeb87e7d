"""The compact folded→original map kept by the index, and the packed index build."""

from __future__ import annotations

import numpy as np
from matching_helpers import make, report

from reportaudit.matching.corpus import view
from reportaudit.matching.index import (
    DocPrints,
    build_index,
    build_index_packed,
    fingerprint_view,
    pack_prints,
)
from reportaudit.matching.resolve import fold_map, resolve

TEXT = (
    "2021年，依据《中华人民共和国预算法》和甘财发〔2018〕32号文件，拨付资金1,234.56万元。\n"
    "完成率 98.5%（目标 100%），下一步将按月通报执行进度。\n"
    "２０２２年　全角数字１２３与 ABC abc！"
)


def test_fold_map_matches_the_view_everywhere() -> None:
    v = view(make("r1", "示例县文化馆", 2021, report(2021, TEXT, TEXT)).load())
    fm = fold_map(v)
    assert fm.length == len(v.starts)
    assert [fm.start(f) for f in range(fm.length)] == v.starts.tolist()
    assert [fm.end(f) for f in range(fm.length)] == v.ends.tolist()
    assert len(fm.cites) >= 4  # two titles and two document numbers (the text is twice)
    assert fm.seg_section.tolist() == v.seg_section.tolist()
    # the many-spans form (what ``resolve`` uses) agrees with the per-position one
    f0 = np.arange(fm.length)
    starts, ends = fm.bounds(f0, f0 + 1)
    assert starts == v.starts.tolist()
    assert ends == v.ends.tolist()
    assert any(e - s > 1 for s, e in zip(starts, ends, strict=True))  # collapsed digit runs


def test_resolve_with_fold_map_equals_resolve_by_folding() -> None:
    doc = make("r1", "示例县文化馆", 2021, report(2021, TEXT, TEXT))
    v = view(doc.load())
    spans = [
        (s, int(a), int(b)) for s, (a, b) in enumerate(zip(v.seg_starts, v.seg_ends, strict=True))
    ]
    pairs = [(0, len(spans) - 1)]
    assert resolve(doc, spans, pairs, fm=fold_map(v)) == resolve(doc, spans, pairs)


def test_packed_build_equals_per_document_build() -> None:
    docs = [
        make(f"r{i}", f"单位{i // 2}", 2021 + i % 2, report(2021, TEXT, f"目标{i}"))
        for i in range(6)
    ]
    views = [view(d.load()) for d in docs]
    prints = [fingerprint_view(v, k=8, window=4) for v in views]
    unit = np.array([i // 2 for i in range(6)])
    starts = [v.seg_starts for v in views]
    lengths = np.array([len(v.text) for v in views])
    a = build_index(
        [DocPrints(p.hashes.copy(), p.pos, p.seg) for p in prints], unit, starts, lengths
    )
    packed, sizes = pack_prints([DocPrints(p.hashes.copy(), p.pos, p.seg) for p in prints])
    b = build_index_packed([packed], sizes, unit, starts, lengths)
    for f in ("hashes", "doc", "pos", "group_start", "group_docs", "group_units", "seg"):
        assert np.array_equal(getattr(a, f), getattr(b, f)), f
    assert int(a.group_docs.max()) >= 2  # the shared text is found in several documents
