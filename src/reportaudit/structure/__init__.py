"""Report structure: headings, section tree with offsets, canonical section types.

``parse(text) -> Document`` is the entry point; ``load_section_types()`` the type table.
"""

from reportaudit.structure.canonical import SectionTypes, load_section_types
from reportaudit.structure.model import PARSER_VERSION, Document, Paragraph, Section
from reportaudit.structure.parser import parse

__all__ = [
    "PARSER_VERSION",
    "Document",
    "Paragraph",
    "Section",
    "SectionTypes",
    "load_section_types",
    "parse",
]
