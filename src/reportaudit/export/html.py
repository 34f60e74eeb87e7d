"""The working paper as one self-contained HTML file a supervisor opens in any browser.

Why this shape: it follows the plagiarism-check reports readers know (总文字复制比 first, the
share per section, marked passages beside their sources) inside the 底稿 form an audit
office files (header with 被审计单位, 索引号, 编制人/复核人 and 审计结论, 页次 in print), adds the
review decisions and the audit-trail stamp, and keeps the house rules: its own CSS (no
scripts, fonts or network), the shared print CSS of ``reportaudit.export.furniture``, and
every piece of report text through ``html.escape`` (a passage reading ``<script>`` shows as
text). Labels are in the reader's language (``reportaudit.i18n``).
"""

from __future__ import annotations

from itertools import pairwise

from reportaudit.export.furniture import (
    BASE_CSS,
    e,
    fig,
    footer_html,
    header_html,
    page_css,
    snap_to_figures,
)
from reportaudit.export.labels import (
    check_explanation,
    filters_text,
    name,
    reuse_explanation,
    section_path,
    section_type,
)
from reportaudit.export.marks import segments
from reportaudit.export.model import (
    FindingRow,
    MarkedText,
    ReportSummary,
    Side,
    Signature,
    WorkingPaper,
)
from reportaudit.export.stamp import html_embed, sha256
from reportaudit.i18n import _, language, local_date, local_time
from reportaudit.ratios import SCOPES, VARIANTS, Breakdown
from reportaudit.ratios import present as P
from reportaudit.ratios.labels import label

__all__ = ["explanation", "render_html", "totals_line"]

CSS = """
.finding { border: 1px solid #999; margin: .8em 0; padding: .3em .6em; }
.status-open { color: #a60; } .status-confirmed { color: #b00; font-weight: bold; }
.status-template, .status-dismissed { color: #060; }
.fulltext { white-space: pre-wrap; overflow-wrap: break-word; border: 1px solid #bbb;
  padding: .6em; }
sup a { text-decoration: none; font-size: .75em; }
dl.defs { font-size: .85em; color: #333; margin: .4em 0; }
dl.defs dt { font-weight: bold; } dl.defs dd { margin: 0 0 .2em 1.5em; }
table.summary { table-layout: auto; }
table.summary th { min-width: 3em; }
table.summary td:nth-child(2), table.summary td:nth-child(4) { min-width: 7em; }
"""

_e = e


def _pct(value: float | None) -> str:
    """A share as a percentage ('—' when the revision was not scanned)."""
    return "—" if value is None else f"{100 * value:.1f}%"


def explanation(f: FindingRow) -> str:
    """The finding's one-line explanation in the reader's language."""
    if f.source == "reuse" and f.b is not None:
        try:
            return reuse_explanation(f.json())
        except (KeyError, TypeError, ValueError):
            return f.explanation
    return check_explanation(f.explanation)


def totals_line(findings: tuple[FindingRow, ...]) -> str:
    """One line counting the findings by source, severity band and review status."""
    reuse = [f for f in findings if f.source == "reuse"]
    bands = "，".join(
        f"{name('band', b)} {sum(1 for f in reuse if f.band == b)}"
        for b in ("high", "medium", "low")
    )
    statuses: dict[str, int] = {}
    for f in findings:
        statuses[f.review.status] = statuses.get(f.review.status, 0) + 1
    review = "，".join(f"{name('status', k)} {n}" for k, n in sorted(statuses.items()))
    return _(
        "{n} findings: {reuse} reused text ({bands}), {checks} from the checks; review: {review}"
    ).format(
        n=len(findings),
        reuse=len(reuse),
        bands=bands,
        checks=len(findings) - len(reuse),
        review=review or "—",
    )


def _marked(text: str, marks: tuple[tuple[int, int], ...], cls: str = "") -> str:
    """Escaped text with <mark> around the marked characters."""
    attr = f' class="{cls}"' if cls else ""
    return "".join(
        f"<mark{attr}>{fig(piece)}</mark>" if on else fig(piece)
        for piece, on in segments(text, snap_to_figures(text, marks))
    )


def _num(numeric: bool) -> str:
    """The class attribute of a right-aligned figure cell (or nothing)."""
    return " class='n num'" if numeric else ""


def _head(numeric: bool) -> str:
    """The class of a column header over figures: right-aligned, free to wrap."""
    return " class='n'" if numeric else ""


SUMMARY_TAIL = (("Findings high/medium/low", ""), ("Review status", ""), ("Check findings", "n"))
"""The columns after the 复制比 figures (English msgids)."""


def _summary_table(rows: tuple[ReportSummary, ...]) -> str:
    """One line per report: the 复制比 summary columns (as ``reportaudit reuse --all``), then
    findings by band, review status, check findings."""
    lang = language()
    cols = P.SUMMARY_COLUMNS[2:]  # revision and report name are given with the unit below
    head = (
        f"<th class='n'>{_e(_('Revision'))}</th><th>{_e(_('Audited unit'))}</th>"
        f"<th class='n'>{_e(_('Year'))}</th><th>{_e(_('Report kind'))}</th>"
        + "".join(f"<th{_head(c.kind != 'text')}>{_e(c.header(lang))}</th>" for c in cols)
        + "".join(f"<th{_head(k == 'n')}>{_e(_(t))}</th>" for t, k in SUMMARY_TAIL)
    )
    body = []
    for r in rows:
        bands = "/".join(str(n) for _b, n in r.by_severity)
        status = "，".join(f"{name('status', k)} {n}" for k, n in r.by_status if n)
        if r.ratios is not None:
            figures = "".join(
                f"<td{_num(c.kind != 'text')}>{_e(c.text(r.ratios))}</td>" for c in cols
            )
        else:
            figures = f"<td class='n num'>{r.chars:,}</td>" + "".join(
                f"<td class='n'>{_e(P.name('figure.not_scanned', lang))}</td>"
                if i == 0
                else "<td></td>"
                for i in range(len(cols) - 1)
            )
        body.append(
            f"<tr><td class='n'>#{_e(r.revision)}</td><td>{_e(r.unit)}<br>"
            f"<span class='where file'>{_e(r.filename)}</span></td>"
            f"<td class='n'>{_e(r.year or '')}</td><td>{_e(r.kind)}</td>"
            f"{figures}<td class='num'>{bands}</td><td>{_e(status)}</td>"
            f"<td class='n'>{r.checks}</td></tr>"
        )
    return (
        f"<table class='summary'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _definitions() -> str:
    """What each figure means and what counts as a character (from the labels file)."""
    lang = language()
    keys = [
        "figure.chars",
        "figure.reused_chars",
        *(f"scope.{s}" for s in SCOPES),
        *(f"variant.{v}" for v in VARIANTS[1:3]),
        "figure.max_single",
        "figure.section",
        "figure.section_type",
    ]
    items = "".join(
        f"<dt>{_e(label(k).name(lang))}</dt><dd>{_e(label(k).definition(lang))}</dd>" for k in keys
    )
    return f"<dl class='defs'>{items}</dl>"


def _breakdown_table(first: str, rows: list[tuple[str, Breakdown]]) -> str:
    """Rows of 复制比 figures (a section or a section type each), labelled like the CLI."""
    head = "".join(
        f"<th{_head(i > 0)}>{_e(h)}</th>"
        for i, h in enumerate(P.breakdown_header(first, language()))
    )
    body = "".join(
        f"<tr><td>{_e(title)}</td>"
        + "".join(f"<td class='n num'>{_e(c)}</td>" for c in P.breakdown_cells(b))
        + "</tr>"
        for title, b in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section_table(rows: tuple[ReportSummary, ...], *, depth: int) -> str:
    """Per report: 复制比 by its actual headings (down to ``depth``) and by section type."""
    parts = []
    for r in rows:
        if r.ratios is None or not r.ratios.sections:
            continue
        parts.append(f"<h3>#{_e(r.revision)} {_e(r.ratios.label)}</h3>")
        sections = [(h, b) for _d, h, b in P.section_rows(r.ratios, max_depth=depth, indent="　")]
        parts.append(_breakdown_table("figure.section", sections))
        parts.append(_breakdown_table("figure.section_type", P.type_rows(r.ratios, language())))
    if not parts:
        return ""
    return f"<h3>{_e(_('Copy ratio per section'))}</h3>" + "".join(parts)


def _side(side: Side, cls: str = "") -> str:
    """One passage: where it is, then its text with the matched characters marked."""
    return (
        f"<div class='where'>{_e(side.label)} · <span class='file'>{_e(side.filename)}</span> · "
        f"{_e(section_path(side.section_path))} [{_e(section_type(side.section_type))}] · "
        f"<span class='num'>{side.start}–{side.end}</span></div>"
        f"{_marked(side.text, side.marks, cls)}"
    )


def _sig(label: str, sig: Signature | None) -> str:
    """'编制人 张三 2024-05-31' or '编制人 未签署'."""
    if sig is None:
        return f"{_e(label)} <span class='unsigned'>{_e(_('unsigned at export'))}</span>"
    text = f"{_e(label)} {_e(sig.actor)} <span class='num'>{_e(local_date(sig.at))}</span>"
    if sig.conclusion:
        text += f"（{_e(sig.conclusion)}）"
    return text


def _finding(f: FindingRow) -> str:
    """One finding card: what, why, both passages, its review state and sign-offs."""
    r = f.review
    review = f"<span class='status-{_e(r.status)}'>{_e(name('status', r.status))}</span>"
    if r.reviewer:
        review += f" · {_e(r.reviewer)} · <span class='num'>{_e(local_time(r.at))}</span>"
    if r.note:
        review += f" · {_e(_('Note'))}：{_e(r.note)}"
    if f.source == "reuse":
        what = name("relation", f.relation) + (f" · {_e(_('template'))}" if f.template else "")
    else:
        what = name("rule", f.rule)
    sim = (
        f" · {_e(_('similarity'))} <span class='num'>{f.similarity:.2f}</span>"
        if f.similarity is not None
        else ""
    )
    if f.b is not None:
        body = (
            '<table><colgroup><col style="width:50%"><col style="width:50%"></colgroup>'
            f"<tr><td>{_side(f.a)}</td><td>{_side(f.b)}</td></tr></table>"
        )
    else:
        body = f"<table><tr><td>{_side(f.a, 'chk')}</td></tr></table>"
    signed = f"{_sig(_('Prepared by'), f.preparer)} · {_sig(_('Reviewed by'), f.reviewer)}"
    return (
        f"<div class='finding' id='f-{f.number}'><h3>{f.number}. [{_e(name('kind', f.kind))}] "
        f"{_e(name('band', f.band))} <span class='num'>{f.severity}</span> · {_e(what)}{sim} · "
        f"<span class='num'>{_e(_('{n} characters').format(n=f.chars))}</span></h3>"
        f"<p>{fig(explanation(f))}</p>{body}"
        f"<p class='meta'>{_e(_('Review'))}：{review}</p>"
        f"<p class='meta'>{_e(_('Index no.'))} <code class='id'>{_e(f.index or f.id)}</code> · "
        f"{signed}</p></div>"
    )


def _fulltext(mt: MarkedText) -> str:
    """The report's text with each mark highlighted and numbered; numbers link to sources."""
    cuts = sorted({0, len(mt.text)} | {m.start for m in mt.marks} | {m.end for m in mt.marks})
    out: list[str] = []
    for lo, hi in pairwise(cuts):
        out.extend(f"<a id='m-{m.number}'></a>" for m in mt.marks if m.start == lo)
        on = [m for m in mt.marks if m.start <= lo and hi <= m.end]
        piece = fig(mt.text[lo:hi])
        if on:
            sources = {m.source for m in on}
            cls = (
                ""
                if sources == {"reuse"}
                else " class='chk'"
                if "reuse" not in sources
                else " class='both'"
            )
            piece = f"<mark{cls}>{piece}</mark>"
        out.append(piece)
        out.extend(
            f"<sup><a href='#n-{m.number}'>[{m.number}]</a></sup>" for m in mt.marks if m.end == hi
        )
    return f"<div class='fulltext'>{''.join(out)}</div>"


def _sources(mt: MarkedText, findings: tuple[FindingRow, ...]) -> str:
    """Per mark number: the source passage(s) it was found in, or the check that flagged it."""
    by_number = {f.number: f for f in findings}
    items = []
    for m in mt.marks:
        parts = []
        for n in m.findings:
            f = by_number[n]
            link = f"<a href='#f-{n}'>{_e(_('finding {n}').format(n=n))}</a>"
            if f.b is None:
                parts.append(f"<li>{link}: {_e(explanation(f))}</li>")
                continue
            here = f.a.revision == mt.revision and (f.a.start, f.a.end) == (m.start, m.end)
            other = f.b if here else f.a
            parts.append(f"<li>{link}: {_side(other)}</li>")
        source = _("reused text") if m.source == "reuse" else _("check finding")
        items.append(
            f"<li id='n-{m.number}'><a href='#m-{m.number}'>[{m.number}]</a> "
            f"({_e(source)})<ul>{''.join(parts)}</ul></li>"
        )
    return (
        f"<h3>{_e(_('Sources of the marked passages'))}</h3>"
        f"<ol class='sources'>{''.join(items)}</ol>"
    )


def document(title: str, body: list[str], *, index: str, extra_css: str = "") -> bytes:
    """A complete HTML document around ``body`` with the shared and page CSS (no stamp)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{BASE_CSS}{extra_css}{page_css(index)}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out).encode()


def stamped(content: bytes, stamp: dict[str, object]) -> tuple[bytes, str]:
    """(content with the stamp line, digest of the content without it)."""
    digest = sha256(content)
    return html_embed(content, {**stamp, "sha256": digest}), digest


def render_html(paper: WorkingPaper) -> tuple[bytes, str]:
    """(file bytes with the stamp embedded, sha256 of the content without the stamp)."""
    filters = filters_text(paper.filters)
    run = paper.run if paper.run is not None else "—"
    body = [  # the form and the wide summary tables: the first, landscape, pages
        "<div class='wide'>",
        f"<h1>{_e(paper.title)}</h1>",
        header_html(paper.header),
        f"<p class='meta'>{_e(_('Filters'))}：{_e(filters)} · {_e(_('reuse scan run'))} "
        f"{_e(run)} · {_e(_('{n} findings').format(n=len(paper.findings)))}</p>",
        f"<h2>{_e(_('1. Summary'))}</h2>",
        f"<p>{_e(totals_line(paper.findings))}</p>",
        f"<p class='meta'>{_e(_('Severity bands high ≥70, medium 40–69, low <40; review statuses from the audit trail.'))}</p>",
        _summary_table(paper.summaries),
        _definitions(),
        "</div>",
        _section_table(paper.summaries, depth=2 if paper.text is not None else 1),
    ]
    if paper.text is not None:
        body += [
            f"<h2>{_e(_('2. Full text with marks'))}: {_e(paper.text.label)}</h2>",
            f"<p class='meta'>{_e(_('Legend'))}: <mark>{_e(_('reused text'))}</mark> "
            f"<mark class='chk'>{_e(_('check finding'))}</mark> "
            f"<mark class='both'>{_e(_('both'))}</mark>; "
            f"{_e(_('[n] leads to the sources of mark n'))}</p>",
            _fulltext(paper.text),
            _sources(paper.text, paper.findings),
        ]
    heading = _("3. Findings") if paper.text else _("2. Findings")
    body.append(f"<h2>{_e(heading)}</h2>")
    body.extend(_finding(f) for f in paper.findings)
    if not paper.findings:
        body.append(f"<p>{_e(_('No findings.'))}</p>")
    body.append(footer_html(paper.stamp))
    index = paper.header.index if paper.header else ""
    content = document(paper.title, body, index=index, extra_css=CSS)
    return stamped(content, paper.stamp.to_dict())
