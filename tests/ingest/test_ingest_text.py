"""Plain-text reports: every encoding Chinese offices use decodes to the right characters."""

from __future__ import annotations

import codecs
from collections.abc import Callable

import pytest

from reportaudit.errors import IngestError
from reportaudit.ingest import extract

SAMPLE = "青川县农业农村局\n2023年度部门整体支出绩效自评报告\n一、部门基本情况\n（一）部门职能\n预算执行率96.82%，自评得分88.5分，等级为“良”。①"


def test_gbk_fixture_decodes_to_the_source_text(
    fixture_bytes: Callable[[str], bytes], source_text: Callable[[str], str]
) -> None:
    data = fixture_bytes("reports/songxi_town_2022_gbk.txt")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is not UTF-8
    result = extract(data, "songxi_town_2022_gbk.txt")
    assert result.format == "txt"
    assert result.encoding == "gb18030"
    assert result.text == source_text("songxi_town_2022.txt").rstrip("\n")
    assert result.text.startswith("青川县松溪镇人民政府\n")


def test_bom_crlf_fixture_decodes_and_normalises(
    fixture_bytes: Callable[[str], bytes], source_text: Callable[[str], str]
) -> None:
    data = fixture_bytes("reports/hewan_culture_2023_bom.txt")
    assert data.startswith(codecs.BOM_UTF8) and b"\r\n" in data
    result = extract(data, "hewan_culture_2023_bom.txt")
    assert result.encoding == "utf-8-sig"
    assert result.text == source_text("hewan_culture_2023.txt").rstrip("\n")
    assert "\ufeff" not in result.text and "\r" not in result.text


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", None),  # Python writes a BOM in native order
        ("utf-16-le-bom", "utf-16-le"),
        ("utf-16-be-bom", "utf-16-be"),
        ("utf-32", None),
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
    ],
)
def test_each_encoding_round_trips(codec: str, expected: str | None) -> None:
    if codec == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le")
    elif codec == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be")
    else:
        data = SAMPLE.encode(codec)
    result = extract(data, "r.txt")
    assert result.text == SAMPLE
    if expected is not None:
        assert result.encoding == expected
    else:
        assert result.encoding is not None and result.encoding.startswith(codec)


def test_gbk_bytes_are_not_mojibake() -> None:
    data = "部门整体支出绩效自评报告".encode("gbk")
    result = extract(data, "r.txt")
    assert result.text == "部门整体支出绩效自评报告"
    assert data.decode("latin-1") != result.text


def test_utf8_with_one_broken_byte_keeps_its_chinese() -> None:
    data = bytearray((SAMPLE * 3).encode("utf-8"))
    pos = data.index("部门".encode())
    del data[pos + 1]  # cut one byte out of 部
    result = extract(bytes(data), "r.txt")
    assert result.encoding == "utf-8"
    assert "\ufffd" in result.text
    assert "绩效自评报告" in result.text
    assert any("replaced with U+FFFD" in w for w in result.warnings)


def test_existing_replacement_characters_are_kept_with_a_warning() -> None:
    result = extract(("（\ufffd统战工作经费。\n" + SAMPLE).encode(), "r.txt")
    assert "\ufffd" in result.text
    assert any("U+FFFD" in w for w in result.warnings)


def test_random_bytes_are_binary(fixture_bytes: Callable[[str], bytes]) -> None:
    with pytest.raises(IngestError) as err:
        extract(fixture_bytes("broken/fake.txt"), "fake.txt")
    assert err.value.reason == "binary file, not a report"
    assert str(err.value) == "fake.txt: binary file, not a report"


def test_text_full_of_nuls_is_binary() -> None:
    data = b"\x00\x01\x02abc\x00\x00\x03" * 50
    with pytest.raises(IngestError, match="binary file, not a report"):
        extract(data, "r.txt")


def test_latin1_looking_text_is_refused_as_garbled() -> None:
    # Valid UTF-8, but it is GBK read as Latin-1 and saved again: classic mojibake.
    garbled = SAMPLE.encode("gbk").decode("latin-1").encode("utf-8")
    with pytest.raises(IngestError, match="cannot determine text encoding"):
        extract(garbled, "r.txt")


def test_undecodable_bytes_are_refused() -> None:
    data = bytearray(SAMPLE.encode("gbk") * 3)
    data[10:10] = b"\xff\xff\x80"  # bytes no Chinese encoding allows here
    with pytest.raises(IngestError, match="cannot determine text encoding"):
        extract(bytes(data), "r.txt")


def test_invalid_bytes_after_a_bom_are_refused() -> None:
    with pytest.raises(IngestError, match="invalid utf-8-sig after its BOM"):
        extract(codecs.BOM_UTF8 + b"\xff\xfe\xfa" + SAMPLE.encode("gbk"), "r.txt")


def test_big5_is_read_by_the_fallback_not_as_gbk() -> None:
    traditional = "臺灣省預算績效自評報告，執行率為百分之九十八。" * 4
    result = extract(traditional.encode("big5"), "r.txt")
    assert result.text == traditional
    assert result.encoding is not None and "big5" in result.encoding.replace("_", "")
    assert any("charset-normalizer" in w for w in result.warnings)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_zero_bytes(codec: str) -> None:
    result = extract(SAMPLE.encode(codec), "r.txt")
    assert result.text == SAMPLE
    assert result.encoding == codec
    assert any("no byte-order mark" in w for w in result.warnings)
