"""Convert Word 97 (.doc), WPS (.wps) and RTF files to .docx with LibreOffice, headless.

Finance bureaus still receive reports as .doc and .wps, and no Python library reads those
formats faithfully (tables, numbering, Chinese encodings). LibreOffice does, and the .docx it
writes goes through the same reader as every other .docx, so a report gives the same text
whichever way it arrived. Each conversion runs in a private temporary folder with its own
LibreOffice profile (``-env:UserInstallation``): it neither attaches to a LibreOffice the user
has open nor shares a profile with a parallel import, and nothing is left behind. The file is
written under a fixed name, so nothing from the (untrusted) file name reaches a command line.
A hung conversion is killed, with its whole process group, after a timeout.

``$REPORTAUDIT_SOFFICE`` names the program when it is not on PATH (macOS, Windows);
``$REPORTAUDIT_SOFFICE_TIMEOUT`` (seconds) changes the time limit.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Literal

from reportaudit.errors import IngestError
from reportaudit.ingest.clean import one_line

DEFAULT_TIMEOUT = 120.0
"""Seconds one conversion may take: the first start of a new profile takes several seconds,
a long report a few more; a minute past that means LibreOffice hangs on the file."""

INSTALL_HINT = "install LibreOffice (apt-get install libreoffice-writer) or save it as .docx"
"""Where the program is missing: Debian/Ubuntu package name; other systems: LibreOffice."""

_NAMES = {"doc": "Word 97 .doc", "wps": "WPS .wps", "rtf": "RTF"}
_FILTERS = {"doc": "MS Word 97", "wps": "MS_Works", "rtf": "Rich Text Format"}
"""LibreOffice import filter per format, always named: left to guess, LibreOffice imports a
file it cannot read as plain text and "converts" a corrupt .doc into a page of junk.
(.wps files with a WordDocument stream, which WPS Office writes, are sniffed as "doc".)"""
_PROGRAMS = ("soffice", "libreoffice")
_APP_VERSION = re.compile(rb"<Application>([^<$]{1,80})")


def find_soffice() -> str | None:
    """The LibreOffice program to run: ``$REPORTAUDIT_SOFFICE`` or soffice/libreoffice on
    PATH; None when there is none."""
    named = os.environ.get("REPORTAUDIT_SOFFICE")
    if named:
        return shutil.which(named)
    for program in _PROGRAMS:
        found = shutil.which(program)
        if found:
            return found
    return None


def timeout_seconds() -> float:
    """The conversion time limit, from ``$REPORTAUDIT_SOFFICE_TIMEOUT`` when set and valid."""
    try:
        value = float(os.environ.get("REPORTAUDIT_SOFFICE_TIMEOUT", ""))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def to_docx(data: bytes, filename: str, fmt: Literal["doc", "wps", "rtf"]) -> tuple[bytes, str]:
    """Return ``(docx bytes, converter name)`` for a .doc/.wps/.rtf file's bytes.

    Raises ``IngestError`` naming the file when LibreOffice is missing, times out, or cannot
    read the file (corrupt, or a variant it does not know).
    """
    what = _NAMES[fmt]
    program = find_soffice()
    if program is None:
        raise IngestError(filename, f"{what} needs LibreOffice to read: {INSTALL_HINT}")
    limit = timeout_seconds()
    with tempfile.TemporaryDirectory(prefix="reportaudit-soffice-") as tmp:
        work = Path(tmp)
        source = work / f"document.{fmt}"
        source.write_bytes(data)
        out = work / "out"
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            f"--infilter={_FILTERS[fmt]}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        stderr = _run(command, filename, what, limit, cwd=work)
        result = out / "document.docx"
        if not result.is_file() or result.stat().st_size == 0:
            errors = [x for x in stderr.splitlines() if x.lower().startswith("error")]
            detail = f" ({one_line(' '.join(errors))})" if errors else ""
            raise IngestError(
                filename, f"corrupt {what} file: LibreOffice could not read it{detail}"
            )
        docx = result.read_bytes()
    return docx, _converter_name(docx)


def _run(command: list[str], filename: str, what: str, limit: float, *, cwd: Path) -> str:
    """Run LibreOffice in its own process group; kill the group on timeout; return stderr."""
    env = dict(os.environ, HOME=str(cwd))  # some builds write to $HOME despite the profile
    try:
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        raise IngestError(
            filename, f"cannot start LibreOffice for {what}: {one_line(exc)}"
        ) from None
    try:
        _out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise IngestError(
            filename,
            f"LibreOffice did not convert the {what} file within {limit:g} s "
            "(set $REPORTAUDIT_SOFFICE_TIMEOUT to allow longer)",
        ) from None
    return err.decode("utf-8", "replace")


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the conversion and every process it started, then reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.communicate()


def _converter_name(docx: bytes) -> str:
    """ "LibreOffice 7.4.7.2" from the converted file's docProps/app.xml (no second start)."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as zf:
            app = zf.read("docProps/app.xml")[:4096]
    except (zipfile.BadZipFile, KeyError, OSError):
        return "LibreOffice"
    found = _APP_VERSION.search(app)
    if not found:
        return "LibreOffice"
    name = found.group(1).decode("utf-8", "replace").replace("/", " ").strip()
    return name if name.startswith("LibreOffice") else f"LibreOffice ({name})"
