"""``reportaudit scan | findings``: reuse detection over the stored revisions.

Why thin: the matching core (``reportaudit.matching``) does the work on plain inputs; this
layer loads revisions from the store, saves fingerprints and results with the parameters
that produced them, and prints. Text quoted from reports goes through ``safe``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.padding import Padding

from reportaudit.cli.check_cmd import print_check_table
from reportaudit.cli.context import state
from reportaudit.cli.finding_blocks import INDENT, print_reuse_block, snippet
from reportaudit.cli.output import console, err_console, print_json, safe, warn
from reportaudit.errors import AmbiguousError, NotFoundError
from reportaudit.export.labels import name
from reportaudit.i18n import _, n_
from reportaudit.matching.executor import ClusterUnavailable
from reportaudit.matching.params import ReuseParams
from reportaudit.matching.shards import parse_memory
from reportaudit.services.actor import resolve_actor
from reportaudit.services.checks import finding_json, stored_results
from reportaudit.services.reuse import scan_store
from reportaudit.services.review import STATUSES, current_status, load_decisions
from reportaudit.store import (
    get_revision,
    report_log,
    resolve_report,
)
from reportaudit.store.reuse import (
    list_findings,
)
from reportaudit.store.reuse import runs as all_runs

_D = ReuseParams()


def _params(
    k: int,
    window: int,
    min_chars: int,
    floor: float,
    accept: list[str] | None,
    accept_file: Path | None,
    genre_reference: list[Path] | None = None,
) -> ReuseParams:
    """ReuseParams from the command-line options (accepted phrases: repeatable or a file;
    genre reference files: checked here, so a bad one is one line naming it)."""
    phrases = list(accept or [])
    if accept_file is not None:
        phrases += [x.strip() for x in accept_file.read_text("utf-8").splitlines() if x.strip()]
    params = ReuseParams(
        k=k,
        window=window,
        min_chars=min_chars,
        similarity_floor=floor,
        accepted_phrases=tuple(phrases),
        genre_files=tuple(str(p) for p in genre_reference or ()),
    )
    params.genre_version()  # reads the files: GenreReferenceError names a bad one
    return params


def _by_family(items: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int]]:
    """One row per family (its strongest finding) with the family's number of passages:
    a sentence repeated after every project is one line, not every pair of it."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for f in items:
        groups.setdefault(str(f.get("family") or f["id"]), []).append(f)
    rows = []
    for members in groups.values():
        lead = max(members, key=lambda f: (f["severity"], f["chars"]))
        rows.append((lead, len(family_places(members))))
    return sorted(rows, key=lambda r: (-int(r[0]["severity"]), str(r[0]["id"])))


def _stage(code: str) -> str:
    """A scan stage's name in the reader's language."""
    names = {
        "fingerprint": _("fingerprint"),
        "index": _("index"),
        "candidates": _("candidates"),
        "verify": _("verify"),
    }
    return names.get(code, code)


def _print_findings(items: list[dict[str, Any]], params: str, limit: int) -> None:
    """Findings as blocks, one per family (its strongest finding), parameters first."""
    console.print(safe(_("parameters: {params}").format(params=params), "dim"))
    rows = _by_family(items)
    for lead, places in rows[:limit]:
        print_reuse_block(lead, places=places)
    shown = _(", first {n} families shown").format(n=limit) if len(rows) > limit else ""
    console.print(
        safe(
            n_(
                "{n} finding(s) in {families} family{shown}",
                "{n} finding(s) in {families} families{shown}",
                len(rows),
            ).format(n=len(items), families=len(rows), shown=shown)
        )
    )


def scan_cmd(
    ctx: typer.Context,
    revisions: Annotated[
        list[str] | None, typer.Argument(help="Revisions (default: newest of every report).")
    ] = None,
    new: Annotated[
        str | None, typer.Option("--new", help="Check one revision against the stored index only.")
    ] = None,
    k: Annotated[int, typer.Option(help="Folded k-gram length.")] = _D.k,
    window: Annotated[int, typer.Option(help="Winnowing window.")] = _D.window,
    min_chars: Annotated[int, typer.Option(help="Shortest passage (folded chars).")] = _D.min_chars,
    floor: Annotated[float, typer.Option(help="Similarity floor 0-1.")] = _D.similarity_floor,
    accept: Annotated[
        list[str] | None, typer.Option("--accept", help="Accepted (template) phrase; repeatable.")
    ] = None,
    accept_file: Annotated[
        Path | None, typer.Option(help="File of accepted phrases, one a line.")
    ] = None,
    genre_reference: Annotated[
        list[Path] | None,
        typer.Option(
            "--genre-reference",
            help="TOML file adding outline headings / standard phrases to the genre reference "
            "(same shape as the built-in genre_reference.toml); repeatable. "
            "Also read from $REPORTAUDIT_GENRE_REFERENCE.",
        ),
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Who runs it.")] = None,
    no_checks: Annotated[
        bool, typer.Option("--no-checks", help="Skip the in-report consistency checks.")
    ] = False,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 30,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="Run the candidate stage's shards on Dask: a scheduler address "
            "(tcp://HOST:8786) or local:N (a LocalCluster of N workers). Needs the "
            "'cluster' extra.",
        ),
    ] = None,
    memory: Annotated[
        str | None,
        typer.Option(
            "--memory",
            help="Bound per shard task of the candidate stage (e.g. 2GiB); sets how many "
            "hash-range shards it is cut into.",
        ),
    ] = None,
) -> None:
    """Find reused passages (copies, template text, stale years) and store the results;
    also run and store the in-report consistency checks of the scanned revisions."""
    params = _params(k, window, min_chars, floor, accept, accept_file, genre_reference)
    try:
        mem = parse_memory(memory) if memory is not None else None
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None
    if new is not None and (cluster or mem):
        raise typer.BadParameter("--cluster and --memory apply to a full scan, not --new")
    store = state(ctx).store(create=False)
    who = resolve_actor(actor)
    try:
        outcome = scan_store(
            store,
            actor=who,
            params=params,
            revisions=revisions,
            new=new,
            checks=not no_checks,
            cluster=cluster,
            memory=mem,
            progress=None if as_json else _stage_progress,
        )
    except ClusterUnavailable as e:
        raise typer.BadParameter(str(e)) from None
    run, result, checked = outcome.run, outcome.result, outcome.checked
    if outcome.completed:
        warn(
            _(
                "indexed {n} revision(s) for reuse first: an earlier import "
                "stored them but did not finish indexing them (interrupted?)"
            ).format(n=outcome.completed)
        )
    decisions = load_decisions(store)
    items = [
        {**f.to_dict(), "run": run.id, "status": current_status(decisions.get(f.id))}
        for f in result.findings
    ]
    check_items = [finding_json(f, c) for c in checked for f in c.findings]
    if as_json:
        print_json(
            {
                "run": run.id,
                "params": params.to_dict(),
                "findings": items,
                "summaries": _summaries(store, result),
                "checks": check_items,
            }
        )
        return
    _print_findings(items, params.describe(), limit)
    for line in _scan_summary(items, check_items, len(result.summaries), run.id, no_checks):
        console.print(safe(line))


def _stage_progress(stage: str, done: int, total: int) -> None:
    """One line on stderr per finished stage (and per tenth of a sharded stage)."""
    step = max(1, total // 10)
    if done == total or done % step == 0:
        err_console.print(
            safe(
                _("scan: {stage} {done}/{total}").format(
                    stage=_stage(stage), done=done, total=total
                ),
                "dim",
            )
        )


def _scan_summary(
    items: list[dict[str, Any]],
    check_items: list[dict[str, Any]],
    revisions: int,
    run_id: int,
    no_checks: bool,
) -> list[str]:
    """What a scan found, counted, and what to do next."""
    by_relation: dict[str, int] = {}
    for f in items:
        by_relation[f["relation"]] = by_relation.get(f["relation"], 0) + 1
    relations = "，".join(
        f"{name('relation', r)} {n}" for r, n in sorted(by_relation.items(), key=lambda x: -x[1])
    )
    families = len({str(f.get("family") or f["id"]) for f in items})
    lines = [
        n_(
            "scanned {revisions} revision(s): {n} reuse finding(s) in {families} family",
            "scanned {revisions} revision(s): {n} reuse finding(s) in {families} families",
            families,
        ).format(revisions=revisions, n=len(items), families=families)
        + (f"（{relations}）" if relations else ""),
    ]
    if not no_checks:
        lines.append(
            _("{n} consistency finding(s) from the in-report checks").format(n=len(check_items))
        )
    lines.append(_("saved as reuse run {id}").format(id=run_id))
    if items or check_items:
        lines.append(
            _(
                "next: reportaudit findings (everything, with review status); "
                "reportaudit reuse --all (复制比 per report); "
                "reportaudit review ID --status confirmed --note … (any unique start of an id); "
                "or review them in reportaudit tui"
            )
        )
    return lines


def _summaries(store: Any, result: Any) -> list[dict[str, Any]]:
    """Per scanned revision, its 复制比 as ``reuse --json`` computes them (``ratios``), with
    the older fields filled from the same figures: ``chars`` is 总字数, ``share``
    总文字复制比, ``share_excluding_template`` its 去除模板 variant, ``top_sources`` the
    other revisions with the characters found in each."""
    from reportaudit.ratios import spans_from_findings
    from reportaudit.services.ratios import measure

    revs = [s.revision for s in result.summaries]
    out = []
    for r in measure(store, spans_from_findings(result.findings), revs, sections=False):
        out.append(
            {
                "revision": r.revision,
                "chars": r.chars,
                "share": round(r.figures.ratio("total"), 4),
                "share_excluding_template": round(r.figures.ratio("total", "no_template"), 4),
                "top_sources": [[s.revision, s.chars] for s in r.sources[:5]],
                "ratios": r.to_dict(),
            }
        )
    return out


CHECK_KINDS = ("arithmetic", "score_grade", "stale_year", "foreign_name", "placeholder", "broken")
KIND_HELP = "reuse, checks, or one check kind (" + ", ".join(CHECK_KINDS) + "); repeatable"


RELATIONS = {"same-unit": "same_unit", "cross-unit": "across_units", "within": "within"}
"""--relation values -> prefix of the stored relation names."""


def _wanted(kinds: list[str] | None) -> tuple[bool, list[str] | None]:
    """(include reuse findings?, check kinds to include or None for all / [] for none)."""
    if not kinds:
        return True, None
    bad = [k for k in kinds if k not in {"reuse", "checks", *CHECK_KINDS}]
    if bad:
        raise typer.BadParameter(f"unknown kind {bad[0]!r}; use {KIND_HELP}")
    if "checks" in kinds:
        return "reuse" in kinds, None
    return "reuse" in kinds, [k for k in kinds if k != "reuse"]


def findings_cmd(
    ctx: typer.Context,
    revision: Annotated[
        str | None, typer.Option("--revision", "-r", help="Only findings involving this revision.")
    ] = None,
    report: Annotated[
        str | None,
        typer.Option("--report", help="Only findings touching this report (any revision)."),
    ] = None,
    kind: Annotated[list[str] | None, typer.Option("--kind", "-k", help=KIND_HELP)] = None,
    section_type: Annotated[
        str | None,
        typer.Option("--type", help="Section type on either side, e.g. deviation, overall_goal."),
    ] = None,
    relation: Annotated[
        str | None,
        typer.Option(
            help="Reuse relation: " + ", ".join(RELATIONS) + " (check findings are 'within')."
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(help="Review status: " + ", ".join(STATUSES)),
    ] = None,
    run: Annotated[
        int | None, typer.Option(help="Reuse run id (default: newest full scan).")
    ] = None,
    no_template: Annotated[bool, typer.Option("--no-template", help="Hide template text.")] = False,
    min_severity: Annotated[int, typer.Option(help="Hide findings below this severity.")] = 0,
    family: Annotated[
        str | None,
        typer.Option(
            "--family", help="One family (id or unique prefix): all its places and findings."
        ),
    ] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """List stored findings, highest severity first: reused passages (kind "reuse") and the
    in-report consistency checks (arithmetic, stale_year, …), with their review status."""
    if relation is not None and relation not in RELATIONS:
        raise typer.BadParameter(f"unknown relation {relation!r}; one of {', '.join(RELATIONS)}")
    if status is not None and status not in STATUSES:
        raise typer.BadParameter(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
    if family is not None:
        _family_view(ctx, family, run, as_json)
        return
    want_reuse, check_kinds = _wanted(kind)
    # reuse-engine findings are kind "reuse", or "stale_year" for a copy naming an old year;
    # --kind stale_year lists those beside the check findings of that kind
    also_reuse = set() if want_reuse or not kind or "checks" in kind else set(check_kinds or ())
    store = state(ctx).store(create=False)
    with store.session() as s:
        rev = str(get_revision(s, revision).id) if revision else None
        report_id = resolve_report(s, report).id if report else None
        report_revs = {str(r.id) for r in report_log(s, report_id)} if report_id else set()
        items = []
        if want_reuse or also_reuse:
            items = list_findings(
                s,
                run_id=run,
                revision=rev,
                include_template=not no_template,
                min_severity=min_severity,
            )
        run_info = {r.id: r for r in all_runs(s)}
    checked = []
    if check_kinds is None or check_kinds:
        checked = stored_results(store, [rev] if rev else None, kinds=check_kinds or None)
    decisions = load_decisions(store)
    rows = [(c, f) for c in checked for f in c.findings if f.severity >= min_severity]
    items = [
        {"kind": "reuse", **f, "status": current_status(decisions.get(f["id"]))}
        for f in items
        if want_reuse or f.get("kind") in also_reuse
    ]
    checks = [
        (c, f, {**finding_json(f, c), "status": current_status(decisions.get(f.id))})
        for c, f in rows
    ]
    if status is not None:
        items = [f for f in items if f["status"] == status]
        checks = [x for x in checks if x[2]["status"] == status]
    if report_id is not None:
        items = [
            f for f in items if {str(f["a"]["revision"]), str(f["b"]["revision"])} & report_revs
        ]
        checks = [x for x in checks if x[0].report.id == report_id]
    if section_type is not None:
        items = [
            f for f in items if section_type in (f["a"]["section_type"], f["b"]["section_type"])
        ]
        checks = [x for x in checks if x[1].section_type == section_type]
    if relation is not None:
        items = [f for f in items if f["relation"].startswith(RELATIONS[relation])]
        checks = checks if relation == "within" else []
    if as_json:
        merged = items + [x[2] for x in checks]
        merged.sort(key=lambda f: (-int(f["severity"]), str(f["id"])))
        print_json(merged)
        return
    if items or want_reuse:
        params = ""
        if items:
            info = run_info[items[0]["run"]]
            params = ReuseParams.from_dict(info.params).describe() + _(" (run {id})").format(
                id=info.id
            )
        _print_findings(items, params or _("(no stored scan)"), limit)
    if checks:
        print_check_table(
            [(c, f) for c, f, _ in checks[:limit]],
            statuses={f.id: j["status"] for _, f, j in checks},
        )
        console.print(safe(_("{n} consistency finding(s)").format(n=len(checks))))


def family_places(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The distinct places (passages) of a family's findings, earliest first.

    Two passages of one revision overlapping by at least half of the longer are one place
    (the scanner's rule; a place paired with two others may have slightly different spans),
    shown as the longer.
    """
    places: dict[tuple[str, int, int], dict[str, Any]] = {}
    for f in items:
        for p in (f["a"], f["b"]):
            places.setdefault((str(p["revision"]), int(p["start"]), int(p["end"])), p)
    kept: list[dict[str, Any]] = []
    for k in sorted(places, key=lambda k: (k[0], -(k[2] - k[1]), k[1])):
        rev, s0, e0 = k
        same = any(
            str(q["revision"]) == rev
            and 2 * (min(e0, q["end"]) - max(s0, q["start"])) >= max(e0 - s0, q["end"] - q["start"])
            for q in kept
        )
        if not same:
            kept.append(places[k])

    def key(p: dict[str, Any]) -> tuple[int, int, str, int]:
        """Year, then revision (numerically when it is a number), then position."""
        rev = str(p["revision"])
        return (p["report"]["year"] or 0, int(rev) if rev.isdigit() else 0, rev, p["start"])

    return sorted(kept, key=key)


def _family_view(ctx: typer.Context, wanted: str, run: int | None, as_json: bool) -> None:
    """``findings --family ID``: every place of one family, then its findings."""
    store = state(ctx).store(create=False)
    with store.session() as s:
        items = list_findings(s, run_id=run)
    ids = sorted({str(f["family"]) for f in items if str(f["family"]).startswith(wanted)})
    exact = [i for i in ids if i == wanted]
    if exact:
        ids = exact
    if not ids:
        raise NotFoundError(f"no family {wanted!r} in the reuse run")
    if len(ids) > 1:
        raise AmbiguousError(f"family {wanted!r} is ambiguous: {', '.join(ids[:5])}")
    fam = ids[0]
    decisions = load_decisions(store)
    members = [
        {**f, "status": current_status(decisions.get(f["id"]))}
        for f in items
        if str(f["family"]) == fam
    ]
    places = family_places([f for f in members if f["kind"] == "reuse"] or members)
    lead = members[0]
    if as_json:
        print_json(
            {
                "family": fam,
                "template": bool(lead["template"]),
                "template_reason": lead.get("template_reason", ""),
                "places": places,
                "findings": members,
            }
        )
        return
    why = lead.get("template_reason") or ""
    head = _("family {id}: {places} places, {n} finding(s)").format(
        id=fam, places=len(places), n=len(members)
    )
    tail = _("; template: {why}").format(why=why) if why else _("; not template")
    console.print(safe(head + tail, "bold"))
    for n, p in enumerate(places, 1):
        r = p["report"]
        where = f"{n:>3}  #{p['revision']} {r['unit']} {r['year'] or ''} · {p['section_path']}"
        console.print(safe(f"{where} · {p['start']}-{p['end']}"))
        console.print(
            Padding(safe(f"「{snippet(p['text'], 200)}」", "dim"), (0, 0, 0, INDENT), expand=False)
        )
    for f in members:
        print_reuse_block(f)


def register(app: typer.Typer) -> None:
    """Add ``scan`` and ``findings`` to ``app`` (wired in by cli/main.py; ``reuse`` is in
    ratios_cmd)."""
    app.command("scan")(scan_cmd)
    app.command("findings")(findings_cmd)
