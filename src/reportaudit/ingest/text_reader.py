"""Decode a plain-text report's bytes without ever producing mojibake.

Chinese government offices save .txt files as UTF-8 (with or without BOM), UTF-16 with BOM
(Notepad's "Unicode") or GBK/GB18030 (older Windows). Strict decoders are tried in an order
where a wrong guess practically always fails loudly (UTF-8 first, then GB18030), and only then
is charset-normalizer asked. Whatever decoded is checked once more: text full of control
characters is binary, text full of Latin-1-looking symbols is a wrong guess. Refusing a file
is better than storing garbled Chinese an auditor might quote.
"""

from __future__ import annotations

import codecs
import re
from typing import NoReturn

from charset_normalizer import from_bytes

from reportaudit.errors import IngestError
from reportaudit.ingest.plausible import implausible

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
"""(BOM, encoding name we report, codec that consumes the BOM)."""

BINARY_BYTE_RATIO = 0.05
"""Share of C0 control bytes above which undeclared bytes are binary, not text."""

CONTROL_CHAR_RATIO = 0.02
"""Share of control characters in decoded text above which it is binary after all."""

GARBLED_RATIO = 0.05
"""Share of non-space characters outside the scripts a Chinese report uses that means a
wrong decoding (e.g. GBK bytes shown as Latin-1: "ÖÐÎÄ")."""

FALLBACK_ENCODINGS = frozenset({"big5", "big5hkscs", "cp950", "hz", "gb2312", "gbk", "gb18030"})
"""Guesses we accept from charset-normalizer: encodings Chinese text is really written in.
A Japanese or Cyrillic code page "fitting" a few random bytes is a coincidence, not a report."""

UTF8_DAMAGE_RATIO = 0.02
"""At most this share of broken non-ASCII characters makes a file damaged UTF-8, not GBK."""

GB2312_SHARE = 0.9
"""Minimum share of non-ASCII characters in the GB2312 area for a GB18030 reading to stand."""

UTF16_ZERO_SHARE = 0.005
"""Minimum share of zero bytes before a BOM-less file is considered for UTF-16 (Chinese
text in UTF-16 has a zero byte only for ASCII: line breaks, digits, a few ideographs)."""

_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")


def decode_text(data: bytes, filename: str) -> tuple[str, str, tuple[str, ...]]:
    """Return ``(text, encoding, warnings)`` for a text file or raise ``IngestError``.

    Every decoding that succeeds must also be plausible for a Chinese report
    (``plausible.implausible``); when none is, the error names each encoding tried and why
    it was refused, instead of storing the least bad guess."""
    tried: list[str] = []

    def accept(text: str, name: str) -> bool:
        """Binary text raises; an implausible decoding is noted in ``tried``."""
        why = _problem(text, filename)
        if why is not None:
            tried.append(f"{name} ({why})")
        return why is None

    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise IngestError(
                    filename, f"cannot determine text encoding: invalid {name} after its BOM"
                ) from None
            if accept(text, name):
                return text, name, _warnings(text)
            _refuse(filename, tried)

    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            tried.append(f"{utf16} (invalid)")
        else:
            if accept(text, utf16):
                note = f"no byte-order mark; read as {utf16} from its zero-byte pattern"
                return text, utf16, (note, *_warnings(text))

    if _binary_bytes(data):
        raise IngestError(filename, "binary file, not a report")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        tried.append("utf-8 (invalid)")
    else:
        if accept(text, "utf-8"):
            return text, "utf-8", _warnings(text)

    damaged = _damaged_utf8(data)
    if damaged is not None:
        text, bad = damaged
        if accept(text, "utf-8 with damage"):
            note = f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD"
            return text, "utf-8", (note,)

    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        tried.append("gb18030 (invalid)")
    else:
        if not _looks_like_gb(text):
            tried.append("gb18030 (mostly outside GB2312)")
        elif accept(text, "gb18030"):
            return text, "gb18030", _warnings(text)

    best = from_bytes(data).best()
    if best is None:
        tried.append("charset-normalizer (no guess)")
    elif best.encoding not in FALLBACK_ENCODINGS:
        tried.append(f"charset-normalizer (guessed {best.encoding}, not a Chinese encoding)")
    else:
        text = str(best)
        if accept(text, f"{best.encoding} by charset-normalizer"):
            note = f"encoding guessed by charset-normalizer: {best.encoding}"
            return text, best.encoding, (note, *_warnings(text))
    _refuse(filename, tried)


def _refuse(filename: str, tried: list[str]) -> NoReturn:
    """The one-line refusal naming every encoding tried and why it was refused."""
    raise IngestError(filename, f"cannot determine text encoding: tried {'; '.join(tried)}")


def _damaged_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few broken bytes (a cut download, one pasted GBK character).

    Decoding such a file as GB18030 can succeed and would turn every Chinese character into
    a wrong one; replacing the few bad bytes with U+FFFD keeps the rest faithful. Returns
    ``(text, replaced)`` when at most 2% of the non-ASCII characters are broken.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in text if ord(c) >= 0x80) - text.count("\ufffd")
    if good >= 20 and 0 < bad <= good * UTF8_DAMAGE_RATIO:
        return text, bad
    return None


def _looks_like_gb(text: str) -> bool:
    """True when a GB18030 decoding is plausibly right rather than Big5/UTF-8 misread as GBK.

    Simplified-Chinese text lives almost entirely in the GB2312 area (both bytes >= 0xA1);
    other encodings read as GBK land in the extension areas far more often.
    """
    wide = [c for c in text[:200_000] if ord(c) >= 0x80]
    if not wide:
        return True
    in_gb2312 = 0
    for c in wide:
        b = c.encode("gb18030")
        if len(b) == 2 and b[0] >= 0xA1 and b[1] >= 0xA1:
            in_gb2312 += 1
    return in_gb2312 / len(wide) >= GB2312_SHARE


def _bomless_utf16(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when zero bytes sit almost only at odd/even offsets.

    A Chinese report in UTF-16 still has ASCII digits, spaces and line breaks, whose high
    byte is zero; binary data has its zero bytes anywhere.
    """
    sample = data[:65536]
    if len(sample) < 64 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if even + odd < max(8, len(sample) * UTF16_ZERO_SHARE):
        return None
    if odd >= 0.8 * (even + odd):
        return "utf-16-le"
    if even >= 0.8 * (even + odd):
        return "utf-16-be"
    return None


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 0x20 and b not in _TEXT_CONTROLS))
"""Every byte except the control bytes no text file holds (deleted to count the rest)."""


def _binary_bytes(data: bytes) -> bool:
    """True when undeclared bytes hold too many control bytes to be any text encoding."""
    if not data:
        return False
    sample = data[:65536]
    controls = len(sample.translate(None, _NOT_CONTROL))  # C loop, not a Python one
    return controls / len(sample) > BINARY_BYTE_RATIO


def _problem(text: str, filename: str) -> str | None:
    """Raise for decoded text that is really binary; say why a decoding is implausible
    (garbled symbols, replacement characters, Hangul or kana, rare hanzi), or None."""
    if not text:
        return None
    if len(_CONTROL.findall(text)) / len(text) > CONTROL_CHAR_RATIO:
        raise IngestError(filename, "binary file, not a report")
    why = implausible(text)
    if why is not None:
        return why
    visible = len(text) - len(_SPACE.findall(text))
    if visible and len(_UNEXPECTED.findall(text)) / visible > GARBLED_RATIO:
        return "decoded text looks garbled"
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
"""C0/C1 controls and DEL, except the whitespace controls and ESC that text files hold."""

_SPACE = re.compile(r"\s")

_UNEXPECTED = re.compile(
    "[^\\s\x00-\x7f"
    "·×÷°±²³µ§¨¤£¥©®¬"
    "\u0391-\u03c9"  # Greek (α, β in indicators)
    "\u0401-\u0451"  # the Cyrillic block GBK carries
    "\u2000-\u2bff"  # punctuation, letterlike, number forms, arrows, math, ①, shapes
    "\u2e80-\u9fff"  # CJK radicals, symbols and punctuation, kana, bopomofo, ideographs
    "\ue000-\uf8ff"  # private use: GBK user-defined area, odd fonts
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\ufe10-\ufe6f"  # vertical and small forms, CJK compatibility forms
    "\uff00-\uffef"  # full-width and half-width forms
    "\ufffd"
    "\U00020000-\U0003134f"  # CJK extensions B-G
    "]"
)
"""Characters a Chinese report does not plausibly contain: the mark of a wrong decoding."""


def _warnings(text: str) -> tuple[str, ...]:
    """Notes about damage already present in the file (we keep it, but say so)."""
    bad = text.count("\ufffd")
    if bad:
        return (
            f"text contains {bad} replacement character(s) U+FFFD from an earlier bad conversion",
        )
    return ()
