"""What every HTML working paper shares: print CSS, the 底稿 header block, the footer.

Why one module: the findings paper, the one-report paper, the 全文对照 and the diff are filed
side by side, so they print alike — A4 portrait, wide tables (``.wide``, the summary) in a
smaller type, 页次 and the 索引号 in the page margins, table headers repeated on each page,
and figures, file names and ids never split across lines (no ``break-all``: Chinese breaks
between characters by itself; a long Latin run breaks only when it cannot fit).

Why no landscape page in the HTML: Chromium (156) fragments a named landscape page
(``@page wide { size: A4 landscape }``) as if it were shorter than it is — the summary came
out one to three rows per page, 22 pages instead of 11. Measured again on 2026-12-05
(Chromium 156.0.8078.114, ``export findings`` of the 3 corpus reports and our fixtures, printed
with ``chromium --headless --print-to-pdf`` and read with ``pdfinfo -f 1 -l N``): with
``.wide { page: wide; }`` the summary does land on landscape pages (1-7), but every page is
fragmented as if it were the other orientation's height — the portrait pages after it stay
about 30 % empty — and the paper grows from 42 to 59 pages. The xlsx and Word papers print
their wide sheets and the 全文对照 in landscape.
"""

from __future__ import annotations

import re

from reportaudit.export.model import PaperHeader, Signature, Stamp
from reportaudit.i18n import _, local_date, local_time
from reportaudit.untrusted import html_text

__all__ = ["BASE_CSS", "e", "fig", "footer_html", "header_html", "page_css"]

_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?(?:万元|亿元|千元|元|万亩|亩|万|亿|%|‰)?")
"""A figure as written (1,811.25万元, 96.53%, 2023): kept on one line in print."""

BASE_CSS = """
:root { --mark: #ffd6d6; --chk: #fff0b3; --del: #ffe0e0; --ins: #d9f7d9; --mov: #e0ecff; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
  "PingFang SC", "Microsoft YaHei", "SimSun", sans-serif; margin: 1.5em; color: #111;
  line-height: 1.6; }
h1 { font-size: 1.3em; text-align: center; } h2 { font-size: 1.15em; margin-top: 1.6em;
  border-bottom: 1px solid #999; }
h3 { font-size: 1em; margin: 1em 0 .3em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .4em 0; }
td, th { border: 1px solid #bbb; padding: .25em .45em; vertical-align: top;
  overflow-wrap: break-word; word-break: normal; white-space: pre-wrap; }
thead { display: table-header-group; }
th { background: #f0f0f0; text-align: left; font-weight: normal; }
td.n, th.n { text-align: right; width: 5em; }
.num, code, .id, .fig { white-space: nowrap; }
.file { white-space: normal; overflow-wrap: break-word; }
mark { background: var(--mark); color: #900; }
mark.chk { background: var(--chk); color: #630; }
mark.both { background: var(--mark); border-bottom: 3px solid #e0a000; }
.meta, .where { font-size: .85em; color: #555; }
table.dg-head { table-layout: auto; margin-bottom: 1em; }
table.dg-head th { width: 6em; white-space: nowrap; }
.unsigned { color: #a00; }
footer { margin-top: 2em; font-size: .8em; color: #444; border-top: 1px solid #999; }
footer code { white-space: normal; overflow-wrap: anywhere; }
details > summary { cursor: pointer; color: #335; }
@media print {
  @page { size: A4 portrait; margin: 16mm 14mm 18mm 14mm; }
  table.summary { font-size: 8pt; }
  body { margin: 0; font-size: 10pt; }
  tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .finding > p:first-of-type { break-before: avoid; }
  a { color: inherit; text-decoration: none; }
  details > summary { display: none; }
  details { display: block; }
  mark, del, ins, th, .moved td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def e(text: object) -> str:
    """Escape untrusted text for element content and attributes (the one sanitiser:
    invisible and bidi characters shown, then HTML-escaped)."""
    return html_text("" if text is None else text)


def fig(text: object) -> str:
    """Escaped text whose figures (amount + unit, percentages) cannot break across lines.

    Why: Chinese may wrap between any two characters, and so between "252.30" and "万元";
    a figure split over two lines (or pages) is misread."""
    escaped = e(text)
    if not any(ch.isdigit() for ch in escaped):
        return escaped
    return _FIGURE.sub(
        lambda m: f"<span class='fig'>{m.group(0)}</span>" if len(m.group(0)) > 1 else m.group(0),
        escaped,
    )


def snap_to_figures(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """``spans`` widened so that none starts or ends inside a figure of ``text``.

    Why: a highlight that ends inside "1,078.20万元" splits it into two pieces that each keep
    to their line, and print may wrap between them; the figure is misread."""
    figures = [m.span() for m in _FIGURE.finditer(text) if m.end() - m.start() > 1]
    if not figures:
        return spans
    out = []
    for start, end in spans:
        for fs, fe in figures:
            if fs < start < fe:
                start = fs
            if fs < end < fe:
                end = fe
        out.append((start, end))
    return tuple(out)


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal (quotes, backslashes and line ends escaped)."""
    out = []
    for ch in text:
        if ch in '"\\' or ord(ch) < 0x20 or ch in "<>":
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def page_css(index: str) -> str:
    """@page margin boxes: 索引号 top right, 页次 (第 n 页 共 N 页) bottom centre."""
    idx = _css_string(f"{_('Index no.')} {index}") if index else '""'
    page = _css_string(_("Page"))
    of = _css_string(_("of"))
    tail = _css_string(_("pages"))
    footer = f"{page} counter(page) {of} counter(pages) {tail}"
    return (
        f"@media print {{ @page {{ @top-right {{ content: {idx}; font-size: 8pt; }} "
        f"@bottom-center {{ content: {footer}; font-size: 8pt; }} }} }}"
    )


def _signed(sig: Signature | None) -> tuple[str, str]:
    """(name cell, date cell) of a sign-off; 'unsigned at export' when there is none."""
    if sig is None:
        return f"<span class='unsigned'>{e(_('unsigned at export'))}</span>", ""
    return e(sig.actor), f"<span class='num'>{e(local_date(sig.at))}</span>"


def header_html(h: PaperHeader | None) -> str:
    """The 底稿 form's header table (nothing for a paper without one)."""
    if h is None:
        return ""
    prep, prep_at = _signed(h.preparer)
    rev, rev_at = _signed(h.reviewer)
    conclusion = (
        e(h.conclusion) if h.conclusion else f"<span class='unsigned'>{e(_('none yet'))}</span>"
    )
    return (
        "<table class='dg-head'>"
        f"<tr><th>{e(_('Audited unit'))}</th><td>{e(h.unit)}</td>"
        f"<th>{e(_('Index no.'))}</th><td class='id'>{e(h.index)}</td></tr>"
        f"<tr><th>{e(_('Audit matter'))}</th><td>{e(h.matter)}</td>"
        f"<th>{e(_('Period'))}</th><td class='num'>{e(h.period)}</td></tr>"
        f"<tr><th>{e(_('Prepared by'))}</th><td>{prep}</td>"
        f"<th>{e(_('Date'))}</th><td>{prep_at}</td></tr>"
        f"<tr><th>{e(_('Reviewed by'))}</th><td>{rev}</td>"
        f"<th>{e(_('Date'))}</th><td>{rev_at}</td></tr>"
        f"<tr><th>{e(_('Audit conclusion'))}</th><td>{conclusion}</td>"
        f"<th>{e(_('Page no.'))}</th><td>{e(_('in the page footer'))}</td></tr>"
        "</table>"
    )


def footer_html(stamp: Stamp) -> str:
    """Who exported it from which store, when, and the audit-trail head to check it against."""
    return (
        f"<footer><p>reportaudit {e(stamp.version)} · {e(_('store'))} {e(stamp.store)} · "
        f"{e(_('exported at'))} <span class='num'>{e(local_time(stamp.time))}</span> · "
        f"{e(_('exported by'))} {e(stamp.actor)}</p>"
        f"<p>{e(_('Audit-trail head hash at export'))}: "
        f"<code>{e(stamp.head_hash or _('(empty trail)'))}</code></p>"
        f"<p>{e(_('Check this file against the store'))}: "
        "<code>reportaudit verify --export FILE</code></p></footer>"
    )
