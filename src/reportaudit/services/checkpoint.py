"""Signed checkpoints of the audit chain: tamper evidence that survives a rewritten store.

Why: ``verify`` recomputes the chain, but someone with the database can change an event and
recompute every later hash (a "rehashed chain"), or delete the newest events; the store then
verifies on its own. A checkpoint records the chain head (event number and hash) at a moment,
signed with the auditor's ed25519 key (``cryptography``), and lives outside the store: in a
witness file the auditor keeps elsewhere (``reportaudit checkpoint --out FILE``) and in every
export. ``verify --against`` then proves the store still holds events 1..N exactly as they
were: event N must exist and the chain recomputed from the genesis to N must end in the
signed hash. Like a Certificate Transparency consistency proof, but over a hash chain: every
event is at hand, so recomputing the chain is the proof.

What it detects and what not (README says the same): any change, insertion or deletion of
events 1..N, rehashed or not, and the deletion of the newest events when N is among them.
Not: changes to events after the newest checkpoint you hold (take one after each session of
work), nor a forged checkpoint signed by a different key (compare the key fingerprint the
tool prints with your own). The private key stays with the auditor (``$REPORTAUDIT_KEY`` or
``~/.config/reportaudit/ed25519.pem``, created on first use, readable only by its owner);
the store holds no key.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from reportaudit.errors import ReportAuditError
from reportaudit.store import Store, append_event
from reportaudit.store.hashing import GENESIS_HASH, event_hash
from reportaudit.store.models import AuditEvent
from reportaudit.store.types import utcnow

__all__ = [
    "CHECKPOINT_ACTION",
    "Checkpoint",
    "CheckpointError",
    "check_against",
    "default_key_path",
    "load_key",
    "make_checkpoint",
    "read_checkpoint",
]

CHECKPOINT_ACTION = "checkpoint"
FORMAT = "reportaudit-checkpoint-1"


class CheckpointError(ReportAuditError):
    """A checkpoint cannot be made or read (no key, unreadable file, bad signature)."""


@dataclass(frozen=True)
class Checkpoint:
    """The chain head at a moment, signed. Hex strings throughout; ``signature`` covers the
    canonical JSON of every other field."""

    store: str
    seq: int
    head_hash: str
    at: str
    actor: str
    public_key: str
    signature: str = ""
    format: str = FORMAT

    def payload(self) -> bytes:
        """The signed bytes: canonical JSON of all fields but the signature."""
        data = {k: v for k, v in asdict(self).items() if k != "signature"}
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()

    @property
    def key_fingerprint(self) -> str:
        """The first 16 hex digits of the public key's sha256: compare it with your own."""
        return hashlib.sha256(bytes.fromhex(self.public_key)).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """As written to a witness file and into exports."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Checkpoint:
        """Read one back, refusing anything that is not a checkpoint of ours."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise CheckpointError("not a reportaudit checkpoint")
        try:
            return cls(**{k: data[k] for k in cls.__dataclass_fields__})
        except (KeyError, TypeError) as exc:
            raise CheckpointError(f"incomplete checkpoint ({exc})") from None

    def signed_correctly(self) -> bool:
        """Whether ``signature`` is the embedded public key's signature of the payload."""
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        try:
            key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(self.public_key))
            key.verify(bytes.fromhex(self.signature), self.payload())
        except (InvalidSignature, ValueError):
            return False
        return True


def default_key_path() -> Path:
    """``$REPORTAUDIT_KEY`` or ``~/.config/reportaudit/ed25519.pem``."""
    named = os.environ.get("REPORTAUDIT_KEY")
    if named:
        return Path(named).expanduser()
    return Path.home() / ".config" / "reportaudit" / "ed25519.pem"


def load_key(path: Path | None = None, *, create: bool = True) -> Any:
    """The auditor's ed25519 private key, created (mode 0600) when missing and ``create``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = path or default_key_path()
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        if not create:
            raise CheckpointError(f"{path}: no signing key") from None
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
        return key
    except OSError as exc:
        raise CheckpointError(f"{path}: cannot read the signing key: {exc.strerror}") from None
    try:
        loaded = serialization.load_pem_private_key(pem, password=None)
    except ValueError as exc:
        raise CheckpointError(f"{path}: not a signing key ({exc})") from None
    if not isinstance(loaded, Ed25519PrivateKey):
        raise CheckpointError(f"{path}: not an ed25519 key")
    return loaded


def _public_hex(key: Any) -> str:
    """The raw 32-byte public key of ``key``, hex."""
    from cryptography.hazmat.primitives import serialization

    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return str(raw.hex())


def sign_head(store: Store, *, seq: int, head_hash: str, actor: str, key: Any) -> Checkpoint:
    """A checkpoint of event ``seq`` whose hash is ``head_hash``, signed with ``key``."""
    unsigned = Checkpoint(
        store=store.display_url,
        seq=seq,
        head_hash=head_hash,
        at=utcnow().isoformat(timespec="seconds"),
        actor=actor,
        public_key=_public_hex(key),
    )
    signature = key.sign(unsigned.payload()).hex()
    return Checkpoint(**{**unsigned.to_dict(), "signature": signature})


def current_head(store: Store) -> tuple[int, str] | None:
    """(seq, hash) of the newest event, or None for an empty trail."""
    with store.session() as s:
        last = s.exec(select(AuditEvent).order_by(col(AuditEvent.seq).desc()).limit(1)).first()
    return (last.seq, last.hash) if last else None


def make_checkpoint(store: Store, *, actor: str, key: Any, record: bool = True) -> Checkpoint:
    """Sign the current head; with ``record``, append a ``checkpoint`` event saying so (the
    checkpoint covers the events before that one)."""
    head = current_head(store)
    if head is None:
        raise CheckpointError("the audit trail is empty: nothing to checkpoint")
    checkpoint = sign_head(store, seq=head[0], head_hash=head[1], actor=actor, key=key)
    if record:
        with store.transaction() as s:
            append_event(
                s,
                actor=actor,
                action=CHECKPOINT_ACTION,
                subject=f"event {checkpoint.seq}",
                details={
                    "seq": checkpoint.seq,
                    "head_hash": checkpoint.head_hash,
                    "key": checkpoint.key_fingerprint,
                },
            )
    return checkpoint


def read_checkpoint(path: Path) -> Checkpoint:
    """The checkpoint in a witness file, or the one stamped into an export."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CheckpointError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        parsed = json.loads(data)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict) and parsed.get("format") == FORMAT:
        return Checkpoint.from_dict(parsed)
    from reportaudit.export import StampError, read_stamp

    try:
        stamp, _ = read_stamp(data)
    except (StampError, ValueError) as exc:
        raise CheckpointError(
            f"{path}: neither a checkpoint nor a stamped export ({exc})"
        ) from None
    if not isinstance(stamp.get("checkpoint"), dict):
        raise CheckpointError(f"{path}: this export carries no signed checkpoint")
    return Checkpoint.from_dict(stamp["checkpoint"])


def check_against(store: Store, checkpoint: Checkpoint) -> list[str]:
    """Problems proving the store still holds events 1..seq exactly as at ``checkpoint``
    (empty: it does). The chain is recomputed from the genesis hash, not read."""
    problems: list[str] = []
    if not checkpoint.signed_correctly():
        problems.append("the checkpoint's signature does not verify (the file was changed)")
    prev, expected = GENESIS_HASH, 1
    with store.session() as s:
        rows = s.exec(
            select(AuditEvent)
            .where(col(AuditEvent.seq) <= checkpoint.seq)
            .order_by(col(AuditEvent.seq))
        )
        for ev in rows:
            if ev.seq != expected:
                problems.append(
                    f"event {expected}: missing (the checkpoint covers 1..{checkpoint.seq})"
                )
                break
            try:
                details = json.loads(ev.details)
            except ValueError:
                problems.append(f"event {ev.seq}: details are not valid JSON")
                break
            prev = event_hash(
                seq=ev.seq,
                at=ev.at,
                actor=ev.actor,
                action=ev.action,
                subject=ev.subject,
                details=details,
                prev_hash=prev,
            )
            expected += 1
    if not problems and expected <= checkpoint.seq:
        problems.append(
            f"events {expected}..{checkpoint.seq} are missing: the store holds only "
            f"{expected - 1} of the {checkpoint.seq} events the checkpoint covers "
            "(newest events deleted?)"
        )
    elif not problems and prev != checkpoint.head_hash:
        problems.append(
            f"the chain recomputed up to event {checkpoint.seq} ends in {prev[:16]}…, not the "
            f"checkpoint's {checkpoint.head_hash[:16]}… (events 1..{checkpoint.seq} were "
            "changed, and the chain rehashed)"
        )
    return problems
