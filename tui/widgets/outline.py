"""The section outline of a parsed report as a tree.

Why: an auditor judges a report by its structure first (are the mandatory parts there, in
which order); the outline also jumps to a section in the document view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reportaudit.i18n import _

from ..safe import literal

if TYPE_CHECKING:  # the parser is not needed to show an outline (the first screen has one)
    from reportaudit.structure import Document

__all__ = ["OutlineTree"]


def outline_label(doc: Document, index: int) -> Text:
    """'一、部门基本情况  basic_info' — the heading literal, its canonical type dimmed."""
    section = doc.sections[index]
    label = literal(doc.heading_label(index) or _("(untitled)"))
    if section.canonical and section.canonical != "other":
        from reportaudit.export.labels import section_type  # numpy: not on the first screen

        label.append(f"  {section_type(section.canonical)}", style="dim")
    return label


class OutlineTree(Tree[int]):
    """Sections of one Document; each node's data is the section index."""

    class SectionChosen(Message):
        """Enter on a section: ``index`` into ``document.sections``."""

        def __init__(self, outline: OutlineTree, index: int) -> None:
            """Carry the section index."""
            super().__init__()
            self.outline = outline
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        """An empty outline; ``show`` fills it."""
        super().__init__(Text("Outline"), id=id)
        self.show_root = False
        self.guide_depth = 2
        self.document: Document | None = None

    def show(self, doc: Document | None) -> None:
        """Replace the outline with ``doc``'s sections (all expanded)."""
        self.clear()
        self.document = doc
        if doc is None:
            return
        nodes: dict[int, TreeNode[int]] = {0: self.root}
        parents = {s.parent for s in doc.sections}
        for section in doc.sections[1:]:
            parent = nodes.get(section.parent if section.parent is not None else 0, self.root)
            node = parent.add(outline_label(doc, section.index), data=section.index)
            if section.index not in parents:
                node.allow_expand = False
            nodes[section.index] = node
        self.root.expand_all()

    def on_tree_node_selected(self, event: Tree.NodeSelected[int]) -> None:
        """Tell the screen which section was chosen."""
        event.stop()
        if event.node.data is not None:
            self.post_message(self.SectionChosen(self, event.node.data))
