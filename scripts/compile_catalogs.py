"""Compile the message catalogs (.po -> .mo) and check that every message has a translation.

Why a script: translators edit ``src/reportaudit/i18n/locale/<lang>/LC_MESSAGES/reportaudit.po``
(a data file); the package reads the compiled ``.mo`` with the standard library's gettext,
so both ship. ``--check`` compiles in memory and fails when a ``.mo`` is stale or a message
used in the code (``_("…")`` / ``n_("…")`` anywhere in src/, store/, tui/, and the label
tables of ``reportaudit.export.labels``) has no translation — the tests run it.

    python scripts/compile_catalogs.py          # write the .mo files
    python scripts/compile_catalogs.py --check  # exit 1 naming what is missing or stale
"""

from __future__ import annotations

import ast
import io
import re
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "reportaudit" / "i18n" / "locale"
SOURCES = [ROOT / "src", ROOT / "store", ROOT / "tui"]
_CONTEXT_CALL = re.compile(
    r"""(?<![\w.])p_\(\s*"((?:[^"\\\n]|\\.)*)",\s*"((?:[^"\\\n]|\\.)*)"\s*\)"""
)
"""``p_("context", "msgid")``: a msgid with its msgctxt (one string literal each)."""
_CALL = re.compile(
    r"""(?<![\w.])n?_\(\s*((?:"(?:[^"\\\n]|\\.)*"\s*)+|(?:'(?:[^'\\\n]|\\.)*'\s*)+)[,)]"""
)


def used_msgids() -> set[str | tuple[str, str]]:
    """Every msgid the code passes to ``_()`` / ``n_()`` (and ``(context, msgid)`` to
    ``p_()``), plus the label tables."""
    found: set[str | tuple[str, str]] = set()
    for folder in SOURCES:
        for path in folder.rglob("*.py"):
            for m in _CONTEXT_CALL.finditer(path.read_text("utf-8")):
                found.add((m.group(1), m.group(2)))
            for m in _CALL.finditer(path.read_text("utf-8")):
                pieces = re.findall(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'""", m.group(1))
                text = "".join(a or b for a, b in pieces)
                found.add(ast.literal_eval('"' + text.replace('"', '\\"') + '"'))
    sys.path.insert(0, str(ROOT / "src"))
    from reportaudit.export import csv as csv_export
    from reportaudit.export import labels, xlsx

    for table in (
        labels.STATUS,
        labels.BAND,
        labels.KIND,
        labels.RELATION,
        labels.RULE,
        labels.SECTION_TYPE,
        labels.KIND_CLASS,
    ):
        found |= set(table.values())
    found |= set(csv_export.COLUMNS) | {t for t, _w in xlsx.FINDING_COLUMNS}
    found |= {"paragraph", "section"}  # move kinds, shown through _(mv.kind)
    from reportaudit.export import html as html_export

    found |= {t for t, _c in html_export.SUMMARY_TAIL}
    try:
        from reportaudit.tui import strings as tui_strings  # type: ignore[attr-defined]

        found |= set(getattr(tui_strings, "MSGIDS", ()))
    except ImportError:
        pass
    return found


def _singular(msgid: str | tuple[str, ...]) -> str:
    """A message's id; for a plural message (``n_()``), its singular form."""
    return msgid if isinstance(msgid, str) else msgid[0]


def compile_all(*, check: bool) -> list[str]:
    """Compile every catalog; return the problems (stale .mo, untranslated messages)."""
    problems = []
    wanted = used_msgids()
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh)
        have: set[str | tuple[str, str]] = {
            (m.context, _singular(m.id)) if m.context else _singular(m.id)
            for m in catalog
            if m.id and m.string
        }
        missing = sorted((w for w in wanted if w not in have), key=str)
        problems += [f"{po.relative_to(ROOT)}: no translation for {m!r}" for m in missing]
        buf = io.BytesIO()
        write_mo(buf, catalog)
        mo = po.with_suffix(".mo")
        if check:
            if not mo.is_file() or mo.read_bytes() != buf.getvalue():
                problems.append(f"{mo.relative_to(ROOT)}: stale; run scripts/compile_catalogs.py")
        else:
            mo.write_bytes(buf.getvalue())
    return problems


def main(argv: list[str]) -> int:
    """Compile (or check with --check); print problems; exit 1 when there are any."""
    problems = compile_all(check="--check" in argv)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
