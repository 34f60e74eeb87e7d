"""Operating-system and database faults as one line each: disk full, permission denied …

Why: these are not bugs, and a traceback or "internal error … please report" for each of
285 files told the user nothing. ``describe`` turns an ``OSError`` or a database driver's
error (SQLAlchemy wraps sqlite3 and psycopg) into one line naming the file and the cause;
``store_unwritable`` says whether the store itself can take no more writes (disk full,
read-only, I/O error), after which a batch stops instead of failing every remaining file.
"""

from __future__ import annotations

__all__ = ["describe", "is_fault", "store_unwritable"]

_STORE_FULL = (
    "database or disk is full",
    "no space left on device",
    "could not extend file",
    "disk quota exceeded",
    "disk i/o error",
    "attempt to write a readonly database",
    "read-only file system",
    "file too large",
)
"""Driver messages after which no later write to the store can succeed."""


def _database_error(exc: BaseException) -> BaseException | None:
    """The driver's own error inside a SQLAlchemy error (None for anything else)."""
    if type(exc).__module__.startswith("sqlalchemy"):
        return getattr(exc, "orig", None) or exc
    return None


def is_fault(exc: BaseException) -> bool:
    """Whether ``exc`` is an OS or database fault (not a bug)."""
    return isinstance(exc, OSError) or _database_error(exc) is not None


def describe(exc: BaseException) -> str:
    """One line for an OS or database fault."""
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}".replace("\n", " ")
    orig = _database_error(exc)
    text = str(orig if orig is not None else exc).strip().splitlines()
    return f"store: {text[0] if text else type(exc).__name__}"


def store_unwritable(exc: BaseException) -> bool:
    """Whether ``exc`` says the store (or its disk) takes no more writes."""
    if isinstance(exc, OSError) and exc.errno is not None:
        import errno

        return exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG, errno.EIO)
    orig = _database_error(exc)
    message = str(orig if orig is not None else exc).lower()
    return any(sign in message for sign in _STORE_FULL)
