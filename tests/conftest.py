"""Shared test fixtures: where the real reports and our own fixtures live."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportaudit.store.testing import pg_schema_url, require_pg

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


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty, isolated database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    with pg_schema_url(require_pg()) as url:
        yield url


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    """Each test starts and ends with no language set in-process (``--lang`` given to an
    in-process command sets it for the rest of the process; the next test must not inherit
    it): the language comes from ``$REPORTAUDIT_LANG`` or the Chinese default."""
    from reportaudit.i18n import set_language

    set_language(None)
    yield
    set_language(None)


@pytest.fixture
def english_output(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """English messages (``$REPORTAUDIT_LANG=en``) for tests that read the CLI's English
    wording; the Chinese default is checked in ``tests/cli/test_cli_language.py``."""
    from reportaudit.i18n import set_language

    monkeypatch.setenv("REPORTAUDIT_LANG", "en")
    set_language(None)
    yield
    set_language(None)
