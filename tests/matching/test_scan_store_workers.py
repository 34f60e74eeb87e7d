"""``reportaudit scan`` reads and folds the corpus in worker processes, straight from the
store: the stored run must be the same as with one process, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from pathlib import Path

from reportaudit.services.importing import Overrides, import_file
from reportaudit.services.indexing import FingerprintBatch
from reportaudit.services.reuse import scan_store
from reportaudit.store import open_store
from reportaudit.store.reuse import list_findings, list_summaries

SHARED = "由于项目前期论证不充分，部分建设内容在实施中调整，导致资金拨付进度慢于计划安排。"
_POOL = "农林水利交通医疗卫生教育科技文化体育环保城建民政社保就业住房产业园区物流"


def test_scan_in_worker_processes_equals_one_process(store_url: str, tmp_path: Path) -> None:
    rng = random.Random(11)
    url = store_url
    store = open_store(url)
    try:
        with FingerprintBatch(store) as batch:
            for i in range(70):  # more than the 64 below which no process is forked
                unit = f"示例县第{i}局"
                body = "".join(rng.choice(_POOL) for _ in range(80))
                extra = SHARED if i % 9 == 0 else ""
                path = tmp_path / f"r{i}.txt"
                path.write_text(
                    f"{unit}2023年度部门整体支出绩效自评报告\n一、基本情况\n{body}。\n"
                    f"二、偏离绩效目标的原因及下一步改进措施\n{extra}{body[:20]}。\n",
                    "utf-8",
                )
                over = Overrides(unit=unit, year=2023, kind="部门整体")
                assert import_file(store, path, actor="t", overrides=over, indexer=batch).result
        runs = []
        for workers in (1, 2):
            done = scan_store(store, actor="t", workers=workers, checks=False)
            with store.session() as s:
                runs.append(
                    (
                        list_findings(s, run_id=done.run.id),
                        list_summaries(s, run_id=done.run.id),
                    )
                )
        (f1, s1), (f2, s2) = runs
        assert f1 and len(s1) == 70
        strip = [{k: v for k, v in f.items() if k != "run"} for f in f1]
        assert strip == [{k: v for k, v in f.items() if k != "run"} for f in f2]
        assert [{k: v for k, v in x.items() if k != "run"} for x in s1] == [
            {k: v for k, v in x.items() if k != "run"} for x in s2
        ]
        copied = [f for f in f1 if SHARED[:12] in f["a"]["text"]]
        assert copied  # the shared deviation reason of every ninth unit was found
    finally:
        store.close()
    if url.startswith("sqlite:///"):
        # no reader left open: closing checkpointed the log, store.db alone holds the scan
        wal = Path(url.removeprefix("sqlite:///") + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0
