"""Canonical JSON and sha256 helpers shared by the writers and by ``verify``.

Why one module: the audit chain is only checkable if the writer and the verifier encode the
same fields the same way, byte for byte. Keeping the encoding in one place makes that a
property of the code rather than a convention.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64
"""``prev_hash`` of the first event: there is nothing before it."""


def sha256_hex(data: bytes) -> str:
    """Hex sha256 of raw bytes (originals are addressed by this)."""
    return hashlib.sha256(data).hexdigest()


def text_sha256(text: str) -> str:
    """Hex sha256 of a text's UTF-8 encoding (how derivations are fingerprinted)."""
    return sha256_hex(text.encode("utf-8"))


def canonical_json(value: Any) -> str:
    """One fixed JSON spelling of ``value``: sorted keys, no spaces, Chinese kept as is.

    Raises TypeError for values JSON cannot represent, so nothing unhashable is stored.
    """
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def normalize_json(value: Any) -> Any:
    """``value`` as it will read back from storage (tuples become lists, keys strings).

    Hashing the normalised form means a stored-then-reloaded value hashes identically.
    """
    return json.loads(canonical_json(value))


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with microseconds, the spelling of times inside hashes."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the store only handles timezone-aware times")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    details: Any,
    prev_hash: str,
) -> str:
    """The chained hash of one audit event: sha256 over the canonical JSON of its fields."""
    payload = {
        "seq": seq,
        "at": iso_utc(at),
        "actor": actor,
        "action": action,
        "subject": subject,
        "details": details,
        "prev_hash": prev_hash,
    }
    return text_sha256(canonical_json(payload))
