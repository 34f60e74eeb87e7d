"""Property tests of the audit chain: any JSON details survive storage and verify; the hash
depends on content, not on key order."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportaudit.store import append_event, events, open_store, verify
from reportaudit.store.hashing import event_hash, normalize_json

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(codec="utf-8"), max_size=20)
)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_details = st.dictionaries(st.text(max_size=10), _json, max_size=6)

_AT = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def _hash(details: dict[str, Any]) -> str:
    """The event hash with every field but the details fixed."""
    return event_hash(
        seq=1, at=_AT, actor="a", action="b", subject="c", details=details, prev_hash="0" * 64
    )


@settings(max_examples=50)
@given(details=_details)
def test_hash_ignores_key_order(details: dict[str, Any]) -> None:
    reversed_order = dict(reversed(list(details.items())))
    assert _hash(details) == _hash(reversed_order)


@settings(max_examples=50)
@given(details=_details, key=st.text(max_size=10))
def test_hash_changes_when_a_value_changes(details: dict[str, Any], key: str) -> None:
    changed = {**details, key: ["changed", details.get(key)]}
    assert _hash(normalize_json(details)) != _hash(normalize_json(changed))


def test_any_json_details_are_stored_exactly_and_verify(tmp_path: Path) -> None:
    store = open_store(tmp_path / "chain.db")

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(details=_details, actor=st.text(min_size=1, max_size=10).filter(str.strip))
    def append_and_check(details: dict[str, Any], actor: str) -> None:
        """Append one event, read it back, verify the whole chain so far."""
        with store.transaction() as s:
            written = append_event(s, actor=actor, action="review", subject="prop", details=details)
        with store.session() as s:
            (read,) = events(s, limit=1)
            assert read == written
            assert read.details == normalize_json(details)
            assert verify(s).ok

    try:
        append_and_check()
    finally:
        store.close()
