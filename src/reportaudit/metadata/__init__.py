"""Report metadata: who wrote a report (unit), for which year, what kind (the document's own
phrase and its class), which project, which region — each with its source and certainty.

``infer(doc, filename=…)`` reads them; ``names.toml`` holds the genre's name tables.
"""

from reportaudit.metadata.infer import classify_kind, infer
from reportaudit.metadata.model import (
    KEY_FIELDS,
    KIND_CLASSES,
    SOURCES,
    UNKNOWN_KIND,
    UNKNOWN_UNIT,
    Metadata,
)

__all__ = [
    "KEY_FIELDS",
    "KIND_CLASSES",
    "SOURCES",
    "UNKNOWN_KIND",
    "UNKNOWN_UNIT",
    "Metadata",
    "classify_kind",
    "infer",
]
