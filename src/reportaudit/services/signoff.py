"""Two-person sign-off of working papers and findings (编制人 / 复核人), and their 索引号.

Why: an audit office files a working paper only when one person prepared it (编制) and a
second, different person reviewed it (复核), each with a date, the reviewer writing the
conclusion (审计结论). Sign-offs are audit events (action "signoff"), so they are chained,
timestamped by the store and checked by ``verify`` like every other event; nothing is
rewritten, a later sign-off simply supersedes an earlier one of the same role.

索引号 (index numbers) are derived, never stored: the store's tag (from its first audit
event, which never changes) plus what the paper covers — ``RA1A2B3C-R12`` for the report
paper of revision 12, ``RA1A2B3C-F`` for the findings paper (``-F`` + a filter digest when
filtered), ``RA1A2B3C-C12-8`` for the 全文对照 of 12 against 8, and ``RA1A2B3C-<finding id>``
for one finding (finding ids survive rescans, so the index does). ``resolve_subject`` turns
an index, a finding id or a revision reference back into what it names, for ``signoff``,
``review`` and ``show``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from reportaudit.errors import NotFoundError
from reportaudit.i18n import _
from reportaudit.store import Store, append_event, events, first_hash, get_revision

__all__ = [
    "ROLES",
    "SIGNOFF_ACTION",
    "SignOff",
    "SignOffError",
    "Subject",
    "compare_index",
    "filters_index",
    "finding_index",
    "latest",
    "load_signoffs",
    "record_signoff",
    "resolve_subject",
    "revision_index",
    "signoff_problems",
    "store_tag",
]

SIGNOFF_ACTION = "signoff"
ROLES = ("preparer", "reviewer")
_INDEX = re.compile(r"^(RA[0-9A-F]{6})-(.+)$")


class SignOffError(ValueError):
    """A sign-off the rules refuse (reviewer = preparer, review before preparation)."""


@dataclass(frozen=True, slots=True)
class SignOff:
    """One sign-off event: who signed which subject in which role, when, concluding what."""

    seq: int
    subject: str
    index: str
    role: str
    actor: str
    at: datetime
    conclusion: str | None


@dataclass(frozen=True, slots=True)
class Subject:
    """What a sign-off or index names: a paper ("paper:<index>") or a finding."""

    kind: str
    key: str
    index: str
    revision: int | None = None
    finding_id: str | None = None

    @property
    def subject(self) -> str:
        """The audit-event subject."""
        return f"finding:{self.finding_id}" if self.kind == "finding" else f"paper:{self.index}"


def store_tag(store: Store) -> str:
    """'RA1A2B3C': names this store in index numbers ('RA000000' for an empty trail)."""
    with store.session() as s:
        first = first_hash(s)
    return "RA" + (first or "0" * 6)[:6].upper()


def revision_index(tag: str, revision: int | str) -> str:
    """The index number of a one-report paper (and of its Word and compare siblings)."""
    return f"{tag}-R{revision}"


def compare_index(tag: str, revision: int | str, source: int | str) -> str:
    """The index number of the 全文对照 of ``revision`` against ``source``."""
    return f"{tag}-C{revision}-{source}"


def filters_index(tag: str, filters: Iterable[tuple[str, str]]) -> str:
    """The index number of a findings paper: '-F', or '-F' + a digest of its filters."""
    pairs = sorted(filters)
    if not pairs:
        return f"{tag}-F"
    digest = hashlib.sha256(repr(pairs).encode()).hexdigest()[:4].upper()
    return f"{tag}-F{digest}"


def finding_index(tag: str, finding_id: str) -> str:
    """The index number of one finding."""
    return f"{tag}-{finding_id}"


def split_index(text: str) -> tuple[str, str] | None:
    """(tag, rest) of an index number, or None when ``text`` is not one."""
    m = _INDEX.match(text.strip())
    return (m.group(1), m.group(2)) if m else None


def _finding_exists(store: Store, finding_id: str) -> bool:
    """Whether a stored reuse or check finding has this id."""
    from reportaudit.services.review import find_finding

    return find_finding(store, finding_id) is not None


def resolve_subject(store: Store, ref: str) -> Subject:
    """What ``ref`` names: an index number of this store (paper or finding), a stored
    finding id, or a revision reference (its report paper). NotFoundError otherwise."""
    tag = store_tag(store)
    ref = ref.strip()
    split = split_index(ref)
    if split is not None:
        got, rest = split
        if got != tag:
            raise NotFoundError(
                _("{ref}: index number of another store (this store is {tag})").format(
                    ref=ref, tag=tag
                )
            )
        if m := re.fullmatch(r"R(\d+)", rest):
            return Subject("paper", ref, ref, revision=int(m.group(1)))
        if re.fullmatch(r"F([0-9A-F]{4})?|[CD]\d+-\d+", rest):
            return Subject("paper", ref, ref)
        if _finding_exists(store, rest):
            return Subject("finding", rest, ref, finding_id=rest)
        raise NotFoundError(_("{ref}: no such finding or paper").format(ref=ref))
    if _finding_exists(store, ref):
        return Subject("finding", ref, finding_index(tag, ref), finding_id=ref)
    with store.session() as s:
        rev = get_revision(s, ref)
    index = revision_index(tag, rev.id)
    return Subject("paper", index, index, revision=rev.id)


def load_signoffs(store: Store) -> dict[str, list[SignOff]]:
    """Audit subject ('paper:<index>' / 'finding:<id>') -> its sign-offs, oldest first."""
    out: dict[str, list[SignOff]] = {}
    with store.session() as s:
        for e in events(s, action=SIGNOFF_ACTION):
            out.setdefault(e.subject, []).append(
                SignOff(
                    e.seq,
                    e.subject,
                    str(e.details.get("index", "")),
                    str(e.details.get("role", "")),
                    e.actor,
                    e.at,
                    e.details.get("conclusion"),
                )
            )
    return out


def latest(history: Iterable[SignOff] | None, role: str) -> SignOff | None:
    """The newest sign-off in ``role`` (a later one supersedes an earlier one)."""
    found = None
    for s in history or ():
        if s.role == role:
            found = s
    return found


def _rule_problem(history: list[SignOff], new: SignOff) -> str | None:
    """Why ``new`` breaks the two-person rule given the earlier ``history`` (None: it is fine)."""
    if new.role != "reviewer":
        return None
    prep = latest(history, "preparer")
    if prep is None:
        return _("{index}: not prepared yet; the preparer signs first").format(index=new.index)
    if prep.actor == new.actor:
        return _("{index}: the reviewer ({actor}) cannot be its preparer").format(
            index=new.index, actor=new.actor
        )
    return None


def record_signoff(
    store: Store, ref: str, *, role: str, actor: str, conclusion: str | None = None
) -> SignOff:
    """Sign ``ref`` (paper index, finding id or revision) off in ``role``: one audit event.

    A reviewer must be someone other than the newest preparer, and comes after one;
    SignOffError otherwise (nothing is recorded)."""
    if role not in ROLES:
        raise SignOffError(
            _("unknown role {role!r}; one of {roles}").format(role=role, roles=", ".join(ROLES))
        )
    subject = resolve_subject(store, ref)
    note = conclusion.strip() if conclusion and conclusion.strip() else None
    history = load_signoffs(store).get(subject.subject, [])
    draft = SignOff(0, subject.subject, subject.index, role, actor, datetime.now(), note)
    problem = _rule_problem(history, draft)
    if problem:
        raise SignOffError(problem)
    details: dict[str, object] = {"role": role, "index": subject.index, "conclusion": note}
    if subject.revision is not None:
        details["revision"] = subject.revision
    with store.transaction() as s:
        e = append_event(
            s, actor=actor, action=SIGNOFF_ACTION, subject=subject.subject, details=details
        )
    return SignOff(e.seq, e.subject, subject.index, role, e.actor, e.at, note)


def signoff_problems(store: Store) -> list[str]:
    """Sign-off events in the trail that break the two-person rule (for ``verify``): the
    chain proves the events untouched, this proves the rule held when each was written."""
    problems = []
    for history in load_signoffs(store).values():
        for k, so in enumerate(history):
            problem = _rule_problem(history[:k], so)
            if problem:
                problems.append(f"event #{so.seq}: {problem}")
    return problems
