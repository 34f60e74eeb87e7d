"""Signed checkpoints (issue 14): `verify --against FILE|EXPORT` proves the store still holds
every event up to the checkpoint — a rehashed chain and deleted newest events, which plain
`verify` cannot see, are caught."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_helpers import cli

from reportaudit.store.hashing import GENESIS_HASH, event_hash

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "reports"


@pytest.fixture
def witnessed(tmp_path: Path) -> tuple[Path, Path, Path, dict[str, str]]:
    """Two imports, an export (its stamp carries a checkpoint), then a witness file."""
    env = {"REPORTAUDIT_KEY": str(tmp_path / "key.pem")}
    store = tmp_path / "s.db"
    files = [str(FIX / n) for n in ("hewan_eco_2021.txt", "hewan_eco_2022.txt")]
    assert cli(store, "import", *files, extra_env=env).returncode == 0
    export = tmp_path / "paper.html"
    done = cli(store, "export", "findings", "-o", str(export), extra_env=env)
    assert done.returncode == 0, done.stderr
    witness = tmp_path / "witness.json"
    done = cli(store, "checkpoint", "--out", str(witness), extra_env=env)
    assert done.returncode == 0, done.stderr
    assert "checkpoint of events 1..3" in done.stdout
    return store, witness, export, env


def _rehash(store: Path, *changes: str) -> None:
    """Change rows, then recompute every event's hash and link: a chain that verifies."""
    con = sqlite3.connect(store)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        con.execute(f'DROP TRIGGER "{name}"')
    for sql in changes:
        con.execute(sql)
    prev = GENESIS_HASH
    rows = con.execute(
        "SELECT seq, at, actor, action, subject, details FROM audit_event ORDER BY seq"
    ).fetchall()
    for seq, at, actor, action, subject, details in rows:
        when = datetime.fromisoformat(at).replace(tzinfo=UTC)
        digest = event_hash(
            seq=seq,
            at=when,
            actor=actor,
            action=action,
            subject=subject,
            details=json.loads(details),
            prev_hash=prev,
        )
        con.execute(
            "UPDATE audit_event SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, seq)
        )
        prev = digest
    con.commit()
    con.close()


def test_an_untouched_store_verifies_against_its_checkpoints(witnessed: tuple) -> None:
    store, witness, export, env = witnessed
    for target in (witness, export):
        done = cli(store, "verify", "--against", str(target), extra_env=env)
        assert done.returncode == 0, done.stderr
        assert "exactly as signed by" in done.stdout


def test_a_rehashed_chain_is_caught(witnessed: tuple) -> None:
    store, witness, export, env = witnessed
    _rehash(
        store,
        "UPDATE audit_event SET actor = 'mallory' WHERE seq = 1",
        "UPDATE revision SET actor = 'mallory' WHERE id = 1",
    )
    assert cli(store, "verify").returncode == 0  # on its own, the forgery verifies
    for target in (witness, export):
        done = cli(store, "verify", "--against", str(target), extra_env=env)
        assert done.returncode == 1
        assert "rehashed" in done.stderr and done.stderr[-1] == "\n"


def test_deleted_newest_events_are_caught(witnessed: tuple) -> None:
    store, witness, _, env = witnessed
    _rehash(store, "DELETE FROM audit_event WHERE seq >= 3")  # the export and the checkpoint
    assert cli(store, "verify").returncode == 0
    done = cli(store, "verify", "--against", str(witness), extra_env=env)
    assert done.returncode == 1
    assert "events 3..3 are missing" in done.stderr and "newest events deleted" in done.stderr


def test_a_changed_witness_file_is_caught(witnessed: tuple) -> None:
    store, witness, _, env = witnessed
    data = json.loads(witness.read_text("utf-8"))
    data["seq"] = 2
    witness.write_text(json.dumps(data), "utf-8")
    done = cli(store, "verify", "--against", str(witness), extra_env=env)
    assert done.returncode == 1 and "signature does not verify" in done.stderr


def test_the_key_is_private_and_reused(witnessed: tuple, tmp_path: Path) -> None:
    store, witness, _, env = witnessed
    assert (tmp_path / "key.pem").stat().st_mode & 0o077 == 0
    again = tmp_path / "again.json"
    assert cli(store, "checkpoint", "--out", str(again), extra_env=env).returncode == 0
    first, second = (json.loads(p.read_text("utf-8")) for p in (witness, again))
    assert first["public_key"] == second["public_key"] and second["seq"] == 4


# These tests read the CLI's English wording (Chinese is the default).
pytestmark = pytest.mark.usefixtures("english_output")
