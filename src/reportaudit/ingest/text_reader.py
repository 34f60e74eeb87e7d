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

from charset_normalizer import from_bytes

from reportaudit.errors import IngestError

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

UTF8_DAMAGE_RATIO = 0.02
"""At most this share of broken non-ASCII characters makes a file damaged UTF-8, not GBK."""

GB2312_SHARE = 0.9
"""Minimum share of non-ASCII characters in the GB2312 area for a GB18030 reading to stand."""

_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")


def decode_text(data: bytes, filename: str) -> tuple[str, str, tuple[str, ...]]:
    """Return ``(text, encoding, warnings)`` for a text file or raise ``IngestError``."""
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise IngestError(
                    filename, f"cannot determine text encoding: invalid {name} after its BOM"
                ) from None
            return _checked(text, filename), name, _warnings(text)

    if _binary_bytes(data):
        raise IngestError(filename, "binary file, not a report")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _checked(text, filename), "utf-8", _warnings(text)

    damaged = _damaged_utf8(data)
    if damaged is not None:
        text, bad = damaged
        note = f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD"
        return _checked(text, filename), "utf-8", (note,)

    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_gb(text):
            return _checked(text, filename), "gb18030", _warnings(text)

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise IngestError(filename, "cannot determine text encoding")
    text = str(best)
    note = f"encoding guessed by charset-normalizer: {best.encoding}"
    return _checked(text, filename), best.encoding, (note, *_warnings(text))


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


def _binary_bytes(data: bytes) -> bool:
    """True when undeclared bytes hold too many control bytes to be any text encoding."""
    if not data:
        return False
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > BINARY_BYTE_RATIO


def _checked(text: str, filename: str) -> str:
    """Reject decoded text that is really binary or a mis-decoding; return it unchanged."""
    if not text:
        return text
    controls = sum(1 for c in text if _is_control(c))
    if controls / len(text) > CONTROL_CHAR_RATIO:
        raise IngestError(filename, "binary file, not a report")
    visible = [c for c in text if not c.isspace()]
    if visible:
        odd = sum(1 for c in visible if not _expected(c))
        if odd / len(visible) > GARBLED_RATIO:
            raise IngestError(
                filename, "cannot determine text encoding (decoded text looks garbled)"
            )
    return text


def _is_control(c: str) -> bool:
    """C0/C1 controls and DEL, except the whitespace controls text files legitimately hold."""
    o = ord(c)
    return (o < 0x20 and c not in "\t\n\r\x0b\x0c\x1b") or 0x7F <= o <= 0x9F


def _expected(c: str) -> bool:
    """True for characters a Chinese report plausibly contains (ASCII, CJK, their symbols)."""
    o = ord(c)
    return (
        o < 0x80
        or c in "·×÷°±²³µ§¨¤£¥©®¬"
        or 0x0391 <= o <= 0x03C9  # Greek (α, β in indicators)
        or 0x0401 <= o <= 0x0451  # Cyrillic block GBK carries
        or 0x2000 <= o <= 0x2BFF  # punctuation, letterlike, numbers, arrows, math, ①, shapes
        or 0x2E80 <= o <= 0x9FFF  # CJK radicals, symbols, kana, bopomofo, ideographs
        or 0xE000 <= o <= 0xF8FF  # private use: GBK user-defined area, odd fonts
        or 0xF900 <= o <= 0xFAFF  # CJK compatibility ideographs
        or 0xFE10 <= o <= 0xFE6F  # vertical and small forms, CJK compatibility forms
        or 0xFF00 <= o <= 0xFFEF  # full-width and half-width forms
        or o == 0xFFFD
        or 0x20000 <= o <= 0x3134F  # CJK extensions B-G
    )


def _warnings(text: str) -> tuple[str, ...]:
    """Notes about damage already present in the file (we keep it, but say so)."""
    bad = text.count("\ufffd")
    if bad:
        return (
            f"text contains {bad} replacement character(s) U+FFFD from an earlier bad conversion",
        )
    return ()
