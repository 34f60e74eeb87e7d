"""A file whose label names a stored report joins it only when its text is kin.

Why: unit, year and kind read for sure do not prove two files are one report (a unit's
project reports whose titles do not name the project, a mis-titled file). A revision keeps
most of its text; a file that shares little is kept apart, on the record, until a person
relabels it — on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from store_helpers import OTHER_BODY
from typer.testing import CliRunner

from reportaudit.cli.main import app
from reportaudit.services.importing import import_file
from reportaudit.services.labelling import relabel_revision
from reportaudit.store import Store, events, list_reports, report_log

REPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "reports"


def _copy(src: str, dest: Path) -> Path:
    shutil.copy(REPORTS / src, dest)
    return dest


def test_a_revision_joins_and_an_unrelated_file_under_the_same_label_stays_apart(
    store: Store, tmp_path: Path
) -> None:
    r1 = _copy("qingchuan_agri_2023_r1.txt", tmp_path / "r1.txt")
    r2 = _copy("qingchuan_agri_2023_r2.txt", tmp_path / "r2.txt")
    title = r1.read_text(encoding="utf-8").split("\n\n", 1)[0]
    other = tmp_path / "other.txt"
    other.write_text(title + "\n" + OTHER_BODY, encoding="utf-8")

    first = import_file(store, r1, actor="甲")
    second = import_file(store, r2, actor="甲")
    stranger = import_file(store, other, actor="甲")
    assert first.result and second.result and stranger.result
    # r2 is kin to r1: one report, r1 its parent.
    assert second.kept_apart is None
    assert second.result.report.id == first.result.report.id
    assert second.result.revision.parent_id == first.result.revision.id
    # The unrelated file read the same label for sure, but is a report of its own.
    assert stranger.metadata is not None and not stranger.metadata.uncertain
    apart = stranger.kept_apart
    assert apart is not None and stranger.needs_a_look
    assert (apart.report_id, apart.revision_id) == (
        first.result.report.id,
        second.result.revision.id,
    )
    assert apart.share < 0.3
    assert stranger.result.report.id != first.result.report.id
    assert stranger.result.revision.parent_id is None
    assert f"relabel {stranger.result.revision.id}" in stranger.message
    with store.session() as s:
        doubtful = list_reports(s, uncertain_only=True)
        assert [r.id for r in doubtful] == [stranger.result.report.id]
        assert doubtful[0].uncertain == ("revision",)
        imported = [e for e in events(s) if e.action == "import"]
    assert imported[-1].details["label"]["uncertain"] == ["revision"]

    # A person who knows better files it under the report: it joins the chain.
    done = relabel_revision(
        store, stranger.result.revision.id, actor="乙", unit=first.result.report.unit
    )
    assert done.after.id == first.result.report.id
    with store.session() as s:
        chain = [r.id for r in report_log(s, first.result.report.id)]
    assert sorted(chain) == sorted(
        [first.result.revision.id, second.result.revision.id, stranger.result.revision.id]
    )


def test_the_import_command_says_which_files_were_kept_apart(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    r1 = _copy("qingchuan_agri_2023_r1.txt", folder / "a_r1.txt")
    title = r1.read_text(encoding="utf-8").split("\n\n", 1)[0]
    (folder / "b_other.txt").write_text(title + "\n" + OTHER_BODY, encoding="utf-8")
    db = tmp_path / "s.db"
    res = CliRunner().invoke(app, ["--lang", "en", "--store", str(db), "import", str(folder)])
    assert res.exit_code == 0, res.output
    assert "kept apart from report" in res.output
    assert "1 need a look" in res.output
    listed = CliRunner().invoke(app, ["--store", str(db), "reports", "--uncertain", "--json"])
    assert listed.exit_code == 0, listed.output
    assert '"revision"' in listed.output
