"""PDF reports: the text layer without page furniture, paragraphs rejoined (scans: OCR tests)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from ingest_builders import pdf_bytes

from reportaudit.errors import IngestError
from reportaudit.ingest import extract
from reportaudit.ingest.pdf_reader import Line, is_page_number, reflow, strip_furniture


def test_fixture_pdf_equals_its_source(
    fixture_bytes: Callable[[str], bytes], source_text: Callable[[str], str]
) -> None:
    result = extract(fixture_bytes("reports/qingchuan_water_2022.pdf"), "water.pdf")
    expected = source_text("qingchuan_water_2022.txt").replace("　　", "").rstrip("\n")
    assert result.format == "pdf" and result.encoding is None
    assert result.text == expected
    assert "- 1 -" not in result.text and "- 2 -" not in result.text
    assert result.text.count("青川县水利局") == 2  # unit line + 职能 paragraph, not the header
    assert any("header/footer" in w for w in result.warnings)


@pytest.mark.parametrize(
    "line", ["3", "- 3 -", "—12—", "第 3 页", "第3页 共12页", "3 / 12", "Page 3 of 9", "－ 7 －"]
)
def test_page_number_shapes(line: str) -> None:
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["3.项目绩效目标", "（3）社会效益", "2023年", "共3个项目"])
def test_content_lines_are_not_page_numbers(line: str) -> None:
    assert not is_page_number(line)


def _line(text: str, x0: float = 50.0, x1: float = 300.0, top: float = 0.0) -> Line:
    return Line(text, x0, x1, 11.0, top)


BODIES = [
    ("资金到位及时。", "项目进展顺利。"),
    ("绩效目标明确。", "指标完成良好。"),
    ("群众满意度高。", "整改措施有力。"),
]


def test_repeated_edge_lines_are_dropped_middle_lines_kept() -> None:
    pages = [
        [
            _line("某局2023年度自评报告"),
            _line(a),
            _line("某局2023年度自评报告"),
            _line(b),
            _line(f"第 {i} 页"),
        ]
        for i, (a, b) in enumerate(BODIES, start=1)
    ]
    kept, dropped = strip_furniture(pages)
    assert dropped == 6
    assert [x.text for x in kept] == [
        "资金到位及时。", "某局2023年度自评报告", "项目进展顺利。",
        "绩效目标明确。", "某局2023年度自评报告", "指标完成良好。",
        "群众满意度高。", "某局2023年度自评报告", "整改措施有力。",
    ]  # fmt: skip


def test_edge_lines_at_different_heights_are_not_furniture() -> None:
    pages = [
        [_line("小标题", top=100.0 + 40 * i), _line(a, top=300.0)]
        for i, (a, _) in enumerate(BODIES)
    ]
    kept, dropped = strip_furniture(pages)
    assert dropped == 0 and len(kept) == 6


def test_a_single_page_keeps_its_first_line() -> None:
    kept, dropped = strip_furniture([[_line("青川县水利局"), _line("正文")]])
    assert [x.text for x in kept] == ["青川县水利局", "正文"] and dropped == 0


def test_reflow_joins_wrapped_lines_only() -> None:
    lines = [
        _line("一、基本情况", x1=120),
        _line("本年度预算执行率为百分之九十八", x0=72, x1=300),  # indented first line, full
        _line("点二，较上年提高。", x1=150),  # continuation, short: paragraph ends
        _line("（一）部门职能", x1=130),
        _line("第二段从左边距开始并且写满了一整", x1=299),
        _line("1.编号行不是续行", x1=200),
        _line("English words wrap", x1=300),
        _line("here", x1=80),
        _line("写满一行并以句号结束的段落。", x1=300),
        _line("因文中有缩进，不缩进的下一行是续行。", x1=200),
    ]
    assert reflow(lines) == [
        "一、基本情况",
        "本年度预算执行率为百分之九十八点二，较上年提高。",
        "（一）部门职能",
        "第二段从左边距开始并且写满了一整",
        "1.编号行不是续行",
        "English words wrap here",
        "写满一行并以句号结束的段落。因文中有缩进，不缩进的下一行是续行。",
    ]


def test_without_indentation_a_full_sentence_end_closes_the_paragraph() -> None:
    lines = [_line("第一段写满了一行并以句号结束。"), _line("第二段另起一行。", x1=150)]
    assert reflow(lines) == ["第一段写满了一行并以句号结束。", "第二段另起一行。"]


def test_headers_footers_dropped_in_a_built_pdf() -> None:
    pages: list[list[tuple[float, float, str]]] = [
        [(150, 560, "河湾市某局"), (48, 500, a), (48, 480, b), (180, 20, f"- {i} -")]
        for i, (a, b) in enumerate(BODIES, start=1)
    ]
    result = extract(pdf_bytes(pages), "built.pdf")
    assert result.text.split("\n") == [line for pair in BODIES for line in pair]


def test_partly_scanned_pdf_without_the_ocr_extra_is_read_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # as if not installed
    result = extract(pdf_bytes([[(48, 500, "有文字的一页")], []]), "partly.pdf")
    assert result.text == "有文字的一页" and result.ocr is None
    assert (
        "1 page(s) have no text layer (scanned pages?), left out; "
        "to read them by OCR: pip install 'reportaudit[ocr]'"
    ) in result.warnings


def test_encrypted_pdf_is_refused(fixture_bytes: Callable[[str], bytes]) -> None:
    with pytest.raises(IngestError) as err:
        extract(fixture_bytes("broken/encrypted.pdf"), "encrypted.pdf")
    assert err.value.reason.startswith("encrypted PDF")


def test_garbage_after_pdf_header_is_corrupt() -> None:
    with pytest.raises(IngestError) as err:
        extract(b"%PDF-1.7\n" + bytes(range(256)) * 8, "bad.pdf")
    assert err.value.reason.startswith("corrupt .pdf file")
    assert "\n" not in err.value.reason
