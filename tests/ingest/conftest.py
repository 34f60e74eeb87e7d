"""Fixtures for ingest tests: read committed fixture files and their UTF-8 sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture
def fixture_bytes() -> Callable[[str], bytes]:
    """Return a function reading ``fixtures/<relative path>`` as bytes."""

    def read(relative: str) -> bytes:
        """The bytes of one committed fixture."""
        return (FIXTURES / relative).read_bytes()

    return read


@pytest.fixture
def source_text() -> Callable[[str], str]:
    """Return a function reading a UTF-8 source text from fixtures/sources/."""

    def read(name: str) -> str:
        """The UTF-8 text a generated fixture was made from."""
        return (FIXTURES / "sources" / name).read_text(encoding="utf-8")

    return read
