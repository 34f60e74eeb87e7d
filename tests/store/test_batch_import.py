"""``import --batch N`` stores what one file per transaction stores, under the same rules —
above all the kinship rule, also for two files of one label inside one batch — on SQLite
and PostgreSQL."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from store_helpers import OTHER_BODY
from typer.testing import CliRunner

from reportaudit.cli.main import app
from reportaudit.services.batchimport import import_batched
from reportaudit.services.importing import ImportOutcome, collect, import_paths
from reportaudit.store import Store, events, open_store, verify

REPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "reports"


def _folder(tmp_path: Path) -> Path:
    """Our fixture reports, plus a file titled like qingchuan_agri_2023 whose text is not
    kin to it (sorted after r1 and r2, so one batch holds all three), a copy of r1 (same
    bytes) and a file that cannot be read as a report."""
    folder = tmp_path / "in"
    shutil.copytree(REPORTS, folder)
    r1 = (folder / "qingchuan_agri_2023_r1.txt").read_text(encoding="utf-8")
    title = r1.split("\n\n", 1)[0]
    (folder / "qingchuan_agri_2023_z_other.txt").write_text(title + OTHER_BODY, encoding="utf-8")
    (folder / "zz_copy_of_r1.txt").write_text(r1, encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    return folder


def _view(store: Store, outcomes: list[ImportOutcome]) -> list[tuple[Any, ...]]:
    """What an import decided per file, free of ids and clocks: status, the report's label,
    revision number, parent's file, uncertain fields, kept apart, and its import event's
    label and provenance."""
    by_rev: dict[int, str] = {}
    for o in outcomes:
        if o.status == "imported" and o.result:
            by_rev[o.result.revision.id] = o.path.name
    with store.session() as s:
        details = {e.details["revision"]: e.details for e in events(s, action="import")}
    out: list[tuple[Any, ...]] = []
    for o in outcomes:
        row: tuple[Any, ...] = (o.path.name, o.status)
        if o.status == "imported" and o.result:
            d = details[o.result.revision.id]
            parent = o.result.revision.parent_id
            row += (
                o.result.report.label,
                o.result.revision.number,
                by_rev.get(parent) if parent else None,
                o.result.report.uncertain,
                o.kept_apart.share if o.kept_apart else None,
                json.dumps(d["label"], sort_keys=True, ensure_ascii=False),
                d["number"],
            )
        out.append(row)
    return out


@pytest.mark.parametrize("batch", [1, 4, 100])
def test_a_batched_import_decides_every_file_as_one_at_a_time_does(
    store: Store, tmp_path: Path, batch: int
) -> None:
    files = collect([_folder(tmp_path)]).files
    reference = open_store(f"sqlite:///{tmp_path / 'one_by_one.db'}")
    try:
        expected = _view(reference, import_paths(reference, files, actor="甲"))
    finally:
        reference.close()
    got = list(import_batched(store, files, batch=batch, actor="甲"))
    assert [o.path for o in got] == files  # file order, whatever the batches
    assert _view(store, got) == expected
    statuses = {name: status for name, status, *_ in expected}
    assert statuses["broken.docx"] == "failed"
    assert statuses["zz_copy_of_r1.txt"] == "duplicate"
    with store.session() as s:
        assert verify(s).ok


def test_two_files_of_one_label_in_one_batch_are_judged_by_kinship(
    store: Store, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    names = ["qingchuan_agri_2023_r1.txt", "qingchuan_agri_2023_r2.txt"]
    names += ["qingchuan_agri_2023_z_other.txt"]
    first, second, stranger = import_batched(
        store, [folder / n for n in names], batch=10, actor="甲"
    )
    assert first.result and second.result and stranger.result
    # r2 is kin to r1, which was queued in the same batch: it joins it as revision 2.
    assert second.kept_apart is None
    assert second.result.report.id == first.result.report.id
    assert second.result.revision.parent_id == first.result.revision.id
    # The stranger is judged against r2 (the newest revision once stored) and kept apart.
    apart = stranger.kept_apart
    assert apart is not None and stranger.needs_a_look
    assert (apart.report_id, apart.revision_id) == (
        first.result.report.id,
        second.result.revision.id,
    )
    assert stranger.result.report.id != first.result.report.id
    assert stranger.result.report.uncertain == ("revision",)
    with store.session() as s:
        last = events(s, action="import")[-1]
    assert last.details["label"]["uncertain"] == ["revision"]
    assert "shares" in last.details["label"]["provenance"]["revision"]["note"]


@pytest.mark.usefixtures("english_output")
def test_the_import_command_with_batch_prints_the_same_lines_and_json(
    store_url: str, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    db = tmp_path / "single.db"
    single = CliRunner().invoke(app, ["--store", str(db), "import", str(folder)])
    batched = CliRunner().invoke(app, ["--store", store_url, "import", "--batch", "3", str(folder)])
    assert single.exit_code == batched.exit_code == 1  # broken.docx failed
    summary = single.output.strip().splitlines()[-1]
    assert summary.startswith("15 imported, 1 already stored, 1 failed")
    assert "1 need a look" in summary
    assert batched.output.strip().splitlines()[-1] == summary
    assert "kept apart from report" in batched.output

    again = CliRunner().invoke(
        app, ["--store", store_url, "import", "--batch", "5", "--json", str(folder)]
    )
    rows = json.loads(again.stdout)
    assert [Path(r["file"]).name for r in rows] == [p.name for p in collect([folder]).files]
    assert {r["status"] for r in rows} == {"duplicate", "failed"}
