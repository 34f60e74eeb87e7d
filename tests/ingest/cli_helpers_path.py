"""The CLI helper of tests/cli, for ingest tests that go through the real command."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from cli_helpers import cli

__all__ = ["cli"]
