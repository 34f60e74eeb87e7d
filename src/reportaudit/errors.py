"""Small typed exceptions, raised by the core and the store, translated at the edge.

The CLI turns each into one line on stderr and a non-zero exit; the TUI into an error
dialog. Nothing below the edge prints or exits.
"""

from __future__ import annotations


class ReportAuditError(Exception):
    """Base of every error this package raises on purpose."""


class IngestError(ReportAuditError):
    """A file could not be read as a report (corrupt, empty, binary, unsupported, bad encoding).

    ``str(err)`` is one line naming the file and the reason.
    """

    def __init__(self, filename: str, reason: str) -> None:
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason


class NotFoundError(ReportAuditError):
    """A report, revision or finding named by the user does not exist."""


class AmbiguousError(ReportAuditError):
    """A reference (prefix, name) matches more than one thing."""


class StoreError(ReportAuditError):
    """The store cannot be opened, migrated or written."""


class IntegrityError(ReportAuditError):
    """The audit trail or a stored original does not verify."""
