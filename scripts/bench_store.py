"""Measure the store: time to import N small revisions through the public API, then verify.

Why: the README quotes this figure, and a regression in the write path (an extra query per
import, a lost index) shows up here first. Each import is its own write transaction, as the
CLI does it (BEGIN IMMEDIATE + fsync per file on SQLite).

    /work/venv/bin/python scripts/bench_store.py [--count 1000] [--url postgresql+psycopg://...]

Without --url a fresh SQLite file in a temp dir is used.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from reportaudit.store import import_revision, list_reports, open_store, prepare_import, verify

TEMPLATE = (
    "{unit}{year}年度部门整体支出绩效自评报告\n"
    "一、基本情况\n年初预算{n}万元，全年执行率{pct}%。\n"
    "二、绩效目标完成情况\n（一）产出指标\n完成第{n}项工作。\n"
)


def _doc(text: str) -> dict[str, object]:
    """A minimal Document.to_dict()-shaped payload (one root section)."""
    return {
        "parser_version": "bench-1",
        "title": text.splitlines()[0],
        "sections": [],
        "paragraphs": [],
    }


def run(url: str, count: int) -> None:
    """Import ``count`` revisions spread over 50 reports, then verify; print the timings."""
    store = open_store(url)
    try:
        start = time.perf_counter()
        for n in range(count):
            unit = f"单位{n % 50:02d}"
            text = TEMPLATE.format(unit=unit, year=2021, n=n, pct=90 + n % 10)
            with store.transaction() as session:
                import_revision(
                    session,
                    prepare_import(
                        data=text.encode("utf-8"),
                        filename=f"{unit}-{n}.txt",
                        fmt="txt",
                        encoding="utf-8",
                        text=text,
                        document_dict=_doc(text),
                        parser_version="bench-1",
                        unit=unit,
                        year=2021,
                        kind="部门整体支出",
                        region=None,
                        actor="bench",
                    ),
                )
        imported = time.perf_counter() - start
        start = time.perf_counter()
        with store.session() as session:
            report = verify(session)
            reports = len(list_reports(session))
        verified = time.perf_counter() - start
    finally:
        store.close()
    assert report.ok, report.problems
    print(f"store: {store.display_url}")
    print(
        f"import: {count} revisions into {reports} reports in {imported:.2f} s "
        f"({imported / count * 1000:.1f} ms per import, one transaction each)"
    )
    print(
        f"verify: {report.events_checked} events, {report.originals_checked} originals in {verified:.2f} s"
    )


def main() -> None:
    """Parse arguments and run against the given URL or a temporary SQLite file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--url", default=None, help="database URL (default: temp SQLite file)")
    args = parser.parse_args()
    if args.url:
        run(args.url, args.count)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{Path(tmp) / 'bench.db'}", args.count)


if __name__ == "__main__":
    main()
