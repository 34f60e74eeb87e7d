"""Read a web page saved from a government site: the report in it, without the page around it.

Reports are published as pages; auditors save them (.html/.htm) and import them. The page
frames the document with navigation, a breadcrumb, a labelled metadata box (索引号, 发布机构,
发布日期), page tools (打印, 关闭, 分享, 扫一扫) and a footer (主办单位, 网站标识码, 备案号).
Chrome is dropped in three passes, none of which knows any particular site:

1. Structure: scripts, styles, forms controls and hidden elements go; so do frame elements
   (nav, aside, footer; class/id words like nav, menu, footer, share), link lists (two or
   more links making up most of their text) and metadata boxes (two or more box labels with
   little else) - but never an element holding most of the page's text.
2. Mass: the report is most of what is left. Starting at <body>, descend into the child
   holding >= 80 % of the remaining text (through layout-table cells), so that banners,
   sidebars and footers that no rule named are left outside. The article title usually
   stands just before that element (an <h1>, a "title" block): it is kept, unless the
   content repeats it.
3. Lines: what is left is linearised (``html_lines``) like the .docx reader (block elements are lines, <br>
   breaks, each table cell one tab-indented line) and short lines that are chrome by the
   genre's vocabulary (``html_chrome.toml``) are dropped.

The encoding is taken from a BOM or the page's own declaration (<meta charset>, http-equiv,
XML declaration) when the bytes agree with it, else UTF-8 or GB18030, whichever decodes.
Text in the page is untrusted: entities are decoded by the parser, nothing is fetched, and the
result goes through the same cleaning as every other format.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

from reportaudit.errors import IngestError
from reportaudit.ingest.clean import one_line
from reportaudit.ingest.html_chrome import Chrome, chrome_rules
from reportaudit.ingest.html_lines import Lines

CONTENT_SHARE = 0.8
"""Descend into a child holding at least this share of its parent's remaining text."""

PROTECTED_SHARE = 0.5
"""An element holding more than this share of the page's text is never dropped as chrome."""

LINK_SHARE = 0.6
"""An element of two or more links whose link text is at least this share is a link list."""

BOX_CHARS_PER_LABEL = 80
"""A metadata box holds at most this many characters per label it carries."""

_DROPPED_TAGS = frozenset(
    {
        "head", "script", "style", "noscript", "template", "iframe", "frame", "frameset",
        "object", "embed", "applet", "svg", "math", "canvas", "audio", "video", "map",
        "select", "option", "optgroup", "datalist", "button", "input", "textarea", "label",
        "title", "meta", "link", "base",
    }
)  # fmt: skip
_CONTAINERS = frozenset(
    {
        "div", "section", "article", "ul", "ol", "dl", "table", "tbody", "thead", "tfoot",
        "tr", "td", "th", "p", "li", "span", "form", "center", "header", "font",
    }
)  # fmt: skip
"""Elements the link-list and metadata-box rules may drop whole."""
_LEAVES = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "dd"})
_TITLE_TAGS = frozenset({"h1", "h2", "h3"})
_TITLE_WORDS = frozenset({"title", "tit", "biaoti", "bt", "headline", "heading", "subject"})
"""Class/id words of an article title block (bt and biaoti are pinyin for 标题)."""

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""")
_GB = frozenset({"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "gb_2312-80", "csgb2312", "euc-cn"})
_SINGLE_BYTE = frozenset({"latin-1", "iso8859-1", "cp1252", "ascii"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def read_html(data: bytes, filename: str) -> tuple[str, str, tuple[str, ...]]:
    """Return ``(text, encoding, warnings)`` of the report in a saved web page."""
    import lxml.etree
    import lxml.html

    source, encoding, notes = decode_page(data, filename)
    source = _XML_DECL.sub("", source, count=1).replace("\x00", "")
    if not source.strip():
        raise IngestError(filename, "empty: no text")
    try:
        root = lxml.html.document_fromstring(source)
    except (lxml.etree.ParserError, ValueError) as exc:
        if "empty" in str(exc).lower():
            raise IngestError(filename, "empty: no text") from None
        raise IngestError(filename, f"corrupt web page: {one_line(exc)}") from None
    body = root.find("body")
    if body is None:
        body = root
    rules = chrome_rules()
    try:
        _strip_invisible(body)
        total = _chars_of(body)
        stats = _Pruner(rules, total).prune(body)
        content = _content_root(body, stats)
        title = _title_before(body, content, rules)
        lines = Lines.of(content)
    except RecursionError:
        raise IngestError(filename, "refused: web page nested too deeply") from None
    kept = [line for line in lines if not rules.is_chrome_line(line)]
    dropped = stats.dropped + len(lines) - len(kept)
    if title and not _repeats(kept, title):
        kept = title + kept
    return "\n".join(kept), encoding, (*notes, _summary(len(kept), dropped))


def decode_page(data: bytes, filename: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode a page: BOM, then its declared charset, then UTF-8, then GB18030.

    The declaration wins when the bytes decode under it; a page that declares one encoding
    and is saved in another (a browser re-saving a gb2312 page as UTF-8) is read as what it
    is, with a note.
    """
    for bom, codec, name in (
        (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), name, ()
            except UnicodeDecodeError:
                raise IngestError(
                    filename, f"cannot determine text encoding: invalid {name} after its BOM"
                ) from None
    declared = _declared(data)
    candidates = ["utf-8", "gb18030"]
    if declared and declared not in _SINGLE_BYTE:
        candidates.insert(0, declared)
    elif declared:
        candidates.append(declared)
    for codec in dict.fromkeys(candidates):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        notes: tuple[str, ...] = ()
        if declared and codec != declared and any(ord(c) > 127 for c in text[:65536]):
            notes = (f"page declares charset {declared} but is {codec}; read as {codec}",)
        return text, codec, notes
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return text, "utf-8", (f"{bad} undecodable byte sequence(s) replaced with U+FFFD",)


def _declared(data: bytes) -> str | None:
    """The codec a page declares in its first 8 KB (normalised; GB family -> gb18030)."""
    head = data[:8192]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not found:
        return None
    name = found.group(1).decode("ascii", "replace").lower()
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _strip_invisible(body: Any) -> None:
    """Drop what a reader never sees: scripts, styles, controls, comments, hidden elements."""
    doomed = [
        el
        for el in body.iter()
        # comments and processing instructions have no str tag (their tails are kept)
        if not isinstance(el.tag, str)
        or el.tag.lower() in _DROPPED_TAGS
        or el.get("hidden") is not None
        or _HIDDEN_STYLE.search(el.get("style") or "")
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _visible(text: str | None) -> int:
    """Characters that show: everything except whitespace."""
    return len(text) - sum(c.isspace() for c in text) if text else 0


def _chars_of(el: Any) -> int:
    """Visible characters in an element's subtree."""
    return _visible(el.text_content())


@dataclass
class _Stats:
    """Visible characters, those inside links, links, and box labels of one subtree."""

    chars: int = 0
    link_chars: int = 0
    links: int = 0
    labels: int = 0


class _Pruner:
    """Drops frame elements, link lists and metadata boxes, bottom-up, keeping statistics."""

    def __init__(self, rules: Chrome, total: int) -> None:
        """Rules and the page's total visible characters (for the protection guard)."""
        self.rules = rules
        self.protected = total * PROTECTED_SHARE
        self.stats: dict[Any, _Stats] = {}
        self.dropped = 0

    def prune(self, body: Any) -> _Pruner:
        """Prune the whole body; returns self (``stats`` then covers the kept elements)."""
        self._visit(body, in_link=False)
        return self

    def _visit(self, el: Any, *, in_link: bool) -> _Stats:
        """Statistics of ``el`` after pruning its children (which may be dropped)."""
        tag = el.tag.lower()
        link = in_link or tag == "a"
        s = _Stats(links=1 if tag == "a" else 0)
        self._add_text(s, el.text, link)
        for child in list(el):
            if not isinstance(child.tag, str):
                continue
            cs = self._visit(child, in_link=link)
            if self._is_chrome(child, cs):
                self.dropped += 1
                tail = child.tail
                child.drop_tree()  # keeps the tail text in the parent
                self._add_text(s, tail, link)
                continue
            s.chars += cs.chars
            s.link_chars += cs.link_chars
            s.links += cs.links
            s.labels += cs.labels
            self._add_text(s, child.tail, link)
        self.stats[el] = s
        return s

    def _add_text(self, s: _Stats, text: str | None, in_link: bool) -> None:
        """Count one text segment into ``s``."""
        n = _visible(text)
        if not n:
            return
        s.chars += n
        if in_link:
            s.link_chars += n
        if text and self.rules.is_box_label(text):
            s.labels += 1

    def _is_chrome(self, el: Any, s: _Stats) -> bool:
        """Whether a whole element is page frame (never one holding most of the page)."""
        if s.chars > self.protected:
            return False
        tag = el.tag.lower()
        classes = f"{el.get('class') or ''} {el.get('id') or ''}"
        if self.rules.is_chrome_element(tag, classes):
            return True
        if tag not in _CONTAINERS:
            return False
        if s.links >= 2 and s.link_chars >= LINK_SHARE * s.chars:
            return True
        return s.labels >= 2 and s.chars <= BOX_CHARS_PER_LABEL * s.labels


def _own_chars(el: Any, stats: _Pruner) -> int:
    """Visible non-link characters of a kept element."""
    s = stats.stats.get(el)
    return s.chars - s.link_chars if s else 0


def _content_root(body: Any, stats: _Pruner) -> Any:
    """The element that holds the report: descend while one child holds most of the text.

    Tables are entered only through a cell that holds most of the text (a layout table);
    a data table, a paragraph or a list item is never entered.
    """
    node = body
    while True:
        here = _own_chars(node, stats)
        if here <= 0:
            return node
        best = None
        best_chars = 0
        for child in _candidates(node):
            n = _own_chars(child, stats)
            if n > best_chars:
                best, best_chars = child, n
        if best is None or best_chars < CONTENT_SHARE * here:
            return node
        node = best


def _candidates(node: Any) -> list[Any]:
    """Children a content root may descend into; table cells stand in for their table."""
    out = []
    for child in node:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if tag in _LEAVES:
            continue
        if tag == "table":
            out.extend(child.xpath("./tr/td|./tr/th|./*/tr/td|./*/tr/th"))
        else:
            out.append(child)
    return out


def _title_before(body: Any, content: Any, rules: Chrome) -> list[str]:
    """Lines of the article title standing just before the content root, if any.

    Walking back from the content root (through earlier siblings, then the parent's earlier
    siblings), chrome and empty elements are skipped; the first element with text must be
    a title (an <h1>-<h3> or a class/id saying title), or hold one as all of its text, else
    there is no title (a site banner further up is never taken for one).
    """
    node = content
    while node is not body and node is not None:
        for sibling in node.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue
            lines = _text_lines(sibling, rules)
            if not lines:
                continue
            titles = [el for el in sibling.iter() if isinstance(el.tag, str) and _is_title(el)]
            for candidate in reversed(titles):
                if _text_lines(candidate, rules) == lines:
                    return lines
            return []
        node = node.getparent()
    return []


def _is_title(el: Any) -> bool:
    """An <h1>-<h3>, or an element whose class/id words say title."""
    if el.tag.lower() in _TITLE_TAGS:
        return True
    words = re.split(r"[\s_\-]+", f"{el.get('class') or ''} {el.get('id') or ''}".lower())
    return any(w in _TITLE_WORDS for w in words)


def _text_lines(el: Any, rules: Chrome) -> list[str]:
    """An element's lines that are not chrome, stripped."""
    return [x.strip() for x in Lines.of(el) if x.strip() and not rules.is_chrome_line(x)]


def _repeats(lines: list[str], title: list[str]) -> bool:
    """Whether the content's first lines already carry the title (split or whole)."""
    want = "".join("".join(title).split())
    if not want:
        return True
    head = ""
    for line in lines[:6]:
        head += "".join(line.split())
        if want in head:
            return True
        if len(head) > len(want) * 2:
            break
    return False


def _summary(kept: int, dropped: int) -> str:
    """The note every page import gets: the page was reduced to its article."""
    return f"web page: kept the article ({kept} lines), dropped {dropped} part(s) of page chrome"
