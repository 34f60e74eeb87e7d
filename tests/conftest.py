"""Shared test fixtures: where the real reports and our own fixtures live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
CORPUS = Path(os.environ.get("REPORTAUDIT_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture
def corpus_dir() -> Path:
    """The real reports beside the checkout; tests using it skip when it is absent."""
    if not CORPUS.is_dir() or not any(CORPUS.glob("*.txt")):
        pytest.skip(f"real corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture
def fixtures_dir() -> Path:
    """The reports we wrote ourselves (fixtures/)."""
    return FIXTURES
