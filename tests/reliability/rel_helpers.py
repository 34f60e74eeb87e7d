"""Helpers of the reliability suite: generated report files with one traceable paragraph
each, the real command in a child process, and the store's invariants."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "reports"
SEED_REPORT = (FIX / "hewan_eco_2021.txt").read_text("utf-8")
_POOL = "农林水利交通医疗卫生教育科技文化体育环保城建民政社保就业住房产业园区物流仓储冷链乡村振兴"


def marker(rng: random.Random, n: int = 90) -> str:
    """A paragraph no other report shares (random picks from a pool of hanzi)."""
    return "".join(rng.choice(_POOL) for _ in range(n)) + "。"


def write_reports(folder: Path, count: int, *, seed: int) -> dict[str, str]:
    """``count`` reports in ``folder`` (unit names differ), each with a unique paragraph;
    returns file name -> that paragraph."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for i in range(count):
        para = marker(rng)
        unit = f"第{i + 1}号试验单位"
        text = SEED_REPORT.replace("河湾市生态环境局", unit)
        text = text.replace("\n二、", f"\n{para}\n二、", 1)
        name = f"r{i:03d}.txt"
        (folder / name).write_text(text, "utf-8")
        out[name] = para
    return out


def env_for(store: str, **extra: str) -> dict[str, str]:
    """The environment of a child command on ``store`` (a path or a URL)."""
    return {**os.environ, "REPORTAUDIT_STORE": store, "REPORTAUDIT_ACTOR": "可靠性测试", **extra}


def run(store: str, *args: str, **popen: Any) -> subprocess.CompletedProcess[str]:
    """The real command, to completion."""
    return subprocess.run(
        [sys.executable, "-m", "reportaudit", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env_for(store),
        timeout=300,
        **popen,
    )


def start(store: str, *args: str) -> subprocess.Popen[str]:
    """The real command, running in the background."""
    return subprocess.Popen(
        [sys.executable, "-m", "reportaudit", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env_for(store),
    )


def invariants(store_url: str) -> dict[str, Any]:
    """What the suite checks after every fault: verify's problems, revisions per original,
    revisions neither indexed nor marked, and the stored filenames."""
    from sqlalchemy import func
    from sqlmodel import select

    from reportaudit.store import open_store, verify
    from reportaudit.store.models import Revision
    from reportaudit.store.reuse import pending_revisions, unindexed_unmarked

    store = open_store(store_url)
    try:
        with store.session() as s:
            report = verify(s)
            per_sha = s.exec(
                select(Revision.original_sha256, func.count()).group_by(Revision.original_sha256)
            ).all()
            names = sorted(s.exec(select(Revision.filename)).all())
            lost = unindexed_unmarked(s)
            pending = pending_revisions(s)
            newest = s.exec(select(func.max(Revision.id))).one()
    finally:
        store.close()
    return {
        "problems": list(report.problems),
        "duplicates": [sha for sha, n in per_sha if n != 1],
        "names": names,
        "lost": lost,
        "pending": pending,
        "newest": newest,
    }
