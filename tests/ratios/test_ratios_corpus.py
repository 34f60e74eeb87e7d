"""复制比 of the real reports in ../shared/corpus (skipped when absent), through a real store:
001's repeats inside the report count in 报告内重复 (they used to be left out: 0.0 %)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportaudit.ratios.chars import count_chars
from reportaudit.services.importing import collect_files, import_paths
from reportaudit.services.ratios import report_ratios
from reportaudit.services.reuse import scan_store
from reportaudit.store import open_store, revision_text
from reportaudit.store.reuse import list_findings

pytestmark = pytest.mark.corpus
ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("REPORTAUDIT_CORPUS", ROOT.parent / "shared" / "corpus"))


def test_within_report_repeats_of_001_count(tmp_path: Path) -> None:
    files = sorted(CORPUS.glob("00[013]_*.txt")) if CORPUS.is_dir() else []
    if len(files) < 3:
        pytest.skip(f"the three reference reports are not all at {CORPUS}")
    store = open_store(tmp_path / "s.db")
    try:
        found, _ = collect_files(files)
        assert all(o.status == "imported" for o in import_paths(store, found, actor="t"))
        scan_store(store, actor="t", checks=False, workers=1)
        result = report_ratios(store)
        with store.session() as s:
            findings = list_findings(s)
            texts = {r.revision: revision_text(s, int(r.revision))[0] for r in result.items}
    finally:
        store.close()
    by_file = {}
    for r in result.items:
        name = next(f["a"]["filename"] for f in findings if f["a"]["revision"] == r.revision)
        by_file[name[:3]] = r
    r001 = by_file["001"]
    within = [f for f in findings if f["a"]["revision"] == f["b"]["revision"] == r001.revision]
    assert within  # the engine finds the repeats …
    assert r001.figures.count("within") > 0  # … and the 复制比 counts them
    assert r001.figures.ratio("within") > 0.05
    assert r001.figures.ratio("total") >= r001.figures.ratio("within")
    # the largest family (the sentence closing each project): every place after the first
    # is a repeat, so 报告内重复 holds at least their characters
    fams: dict[str, set[tuple[int, int]]] = {}
    for f in within:
        fams.setdefault(f["family"], set()).update((p["start"], p["end"]) for p in (f["a"], f["b"]))
    biggest = max(fams, key=lambda fam: (len(fams[fam]), fam))
    places = sorted(fams[biggest])
    assert len(places) >= 5
    text = texts[r001.revision]
    later = {i for s, e in places[1:] for i in range(s, e)}
    assert r001.figures.count("within") >= count_chars("".join(text[i] for i in sorted(later)))
    # 000 and 003 share sentences: each has text from the other
    assert by_file["000"].figures.count("cross") > 0 and by_file["003"].figures.count("cross") > 0
    assert by_file["003"].max_source is not None
    assert by_file["003"].max_source.revision == by_file["000"].revision
