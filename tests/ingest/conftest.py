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


def _require(missing: str | None) -> None:
    """Skip when something a test needs is not installed; under CI=true, fail instead
    (CI installs LibreOffice, a CJK font and the ocr extra, so these tests must run there)."""
    if missing is None:
        return
    from reportaudit.store.testing import in_ci

    if in_ci():
        pytest.fail(f"CI=true requires this test to run: {missing}", pytrace=False)
    pytest.skip(missing)


@pytest.fixture(scope="session")
def soffice() -> str:
    """The LibreOffice program (skip without it, fail under CI)."""
    from reportaudit.ingest.convert import find_soffice

    program = find_soffice()
    _require(None if program else "LibreOffice not installed (apt-get install libreoffice-writer)")
    assert program is not None
    return program


@pytest.fixture(scope="session")
def ocr_font() -> Path:
    """A CJK font for drawing scans, with the ocr extra installed (skip without, fail in CI)."""
    import importlib.util

    from scan_builders import cjk_font

    if importlib.util.find_spec("rapidocr_onnxruntime") is None:
        _require("the ocr extra is not installed (pip install -e '.[ocr]')")
    font = cjk_font()
    _require(None if font else "no CJK font (apt-get install fonts-wqy-zenhei)")
    assert font is not None
    return font
