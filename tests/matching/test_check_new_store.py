"""``scan --new`` through the stored index: candidates come from rare shared text.

A corpus where every report carries the same long boilerplate and one report shares a
single copied sentence with the new one: the check must load that source even when the
candidate list is short, and must still mark the boilerplate as template.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

import reportaudit.services.reuse as reuse_service
from reportaudit.services.importing import Overrides, import_file
from reportaudit.services.indexing import FingerprintBatch
from reportaudit.services.reuse import scan_store
from reportaudit.store import Store, open_store

BOILERPLATE = (
    "根据财政部门关于开展预算绩效自评工作的统一部署，本单位对照年初设定的绩效目标，"
    "逐项梳理资金使用和项目实施情况，客观公正地开展了部门整体支出绩效自评。"
)
MORE_BOILERPLATE = "自评结果将作为改进预算管理、优化资金配置和完善绩效目标设定的重要依据。"
COPIED = "由于乡镇卫生院设备招标两次流标，心电监测终端直到十一月底才完成安装调试。"
_POOL = "农林水利交通医疗卫生教育科技文化体育环保城建民政社保就业住房产业园区物流"


def _noise(rng: random.Random, n: int) -> str:
    """Text no other report shares (random picks from a pool of characters)."""
    return "".join(rng.choice(_POOL) for _ in range(n)) + "。"


def _write(folder: Path, name: str, unit: str, year: int, extra: str, rng: random.Random) -> Path:
    """One report: title, the boilerplate, a unique body and ``extra``.

    The report holding ``extra`` lacks the second boilerplate sentence, so it shares fewer
    fingerprints with the new report than the others do: ranking candidates by all shared
    fingerprints would not load it first.
    """
    path = folder / f"{name}.txt"
    more = "" if extra else MORE_BOILERPLATE
    path.write_text(
        f"{unit}{year}年度部门整体支出绩效自评报告\n"
        f"一、基本情况\n{BOILERPLATE}{more}\n{_noise(rng, 120)}\n"
        f"二、偏离绩效目标的原因及下一步改进措施\n{_noise(rng, 60)}{extra}\n",
        "utf-8",
    )
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Eight units' 2022 reports (one holds COPIED), each with the boilerplate, indexed."""
    rng = random.Random(5)
    folder = tmp_path / "in"
    folder.mkdir()
    opened = open_store(tmp_path / "s.db")
    with FingerprintBatch(opened) as batch:
        for i in range(8):
            unit = f"示例县第{i}局"
            path = _write(folder, f"r{i}", unit, 2022, COPIED if i == 5 else "", rng)
            over = Overrides(unit=unit, year=2022, kind="部门整体")
            assert import_file(opened, path, actor="t", overrides=over, indexer=batch).result
    return opened


def test_a_one_sentence_source_is_found_with_a_short_candidate_list(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reuse_service, "MAX_CANDIDATES", 1)
    monkeypatch.setattr(reuse_service, "TEMPLATE_PEERS", 1)
    rng = random.Random(9)
    path = _write(tmp_path, "new", "示例县新局", 2023, "", rng)
    text = path.read_text("utf-8")
    path.write_text(text.rstrip("\n") + COPIED + "\n", "utf-8")  # all boilerplate + the copy
    over = Overrides(unit="示例县新局", year=2023, kind="部门整体")
    with FingerprintBatch(store) as batch:
        outcome = import_file(store, path, actor="t", overrides=over, indexer=batch)
    assert outcome.result is not None
    rev = str(outcome.result.revision.id)
    done = scan_store(store, actor="t", new=rev, checks=False)
    copies = [f for f in done.result.findings if f.kind == "reuse" and not f.template]
    assert copies, "the copied sentence was not found"
    source = {f.a.revision if f.b.revision == rev else f.b.revision for f in copies}
    assert len(source) == 1
    assert all(COPIED[:20] in (f.a.text + f.b.text) for f in copies)
    # the boilerplate, held by all nine units, is matched too and marked template
    templ = [f for f in done.result.findings if f.template]
    assert templ and all("绩效自评" in (f.a.text + f.b.text) for f in templ)
    store.close()


def test_candidates_need_shared_fingerprints_close_together() -> None:
    from reportaudit.matching.params import ReuseParams
    from reportaudit.services.reuse import clustered_candidates

    # the new revision's fingerprints: hash i at folded position 10 * i
    hashes = np.arange(1, 101, dtype=np.uint64)
    pos = np.arange(100, dtype=np.int32) * 10
    params = ReuseParams()  # min_seeds 2 within max_gap 24
    shared = [
        (7, 1),
        (7, 50),  # two hashes, 490 characters apart: chance
        (8, 20),
        (8, 21),  # adjacent: a passage
        (9, 30),
        (9, 31),
        (9, 32),  # three adjacent: the best candidate
        (10, 99),  # one hash only
    ]
    assert clustered_candidates(shared, hashes, pos, params=params) == [9, 8]
