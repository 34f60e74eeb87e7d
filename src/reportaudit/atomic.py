"""Write a file all at once or not at all: a temporary file beside it, then a rename.

Why: an export interrupted by a full disk or a kill left a 0-byte or half-written working
paper under its final name, which looks like a real one. Written to ``.NAME.tmp-PID`` in the
same folder, flushed and fsynced, then renamed over ``path`` (atomic on POSIX and Windows
within one file system), the target is either the old file or the whole new one.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; on any error nothing is left behind (the
    ``OSError`` propagates: disk full, permission denied …)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
