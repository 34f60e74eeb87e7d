"""Word reports: paragraphs and tables in document order, headings, merged cells, damage."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from ingest_builders import docx_bytes

from reportaudit.errors import IngestError
from reportaudit.ingest import extract


def test_fixture_docx_text_tables_headings(fixture_bytes: Callable[[str], bytes]) -> None:
    result = extract(fixture_bytes("reports/yunling_health_2023.docx"), "yunling.docx")
    assert result.format == "docx" and result.encoding is None
    lines = result.text.split("\n")
    assert lines[:3] == ["云岭区卫生健康局", "2023年度部门整体支出绩效自评报告", "一、部门基本情况"]
    assert "[bookmark" not in result.text
    assert "9个乡镇卫生院。年末在编人员1,284人。" in result.text

    # The table sits between 三、 and 四、, one tab-indented line per cell, merged cells once.
    start, end = lines.index("三、预算执行情况"), lines.index("四、绩效目标完成情况")
    cells = lines[start + 1 : end]
    assert all(line.startswith("\t") for line in cells)
    assert len(cells) == 21
    assert cells.count("\t其中") == 1
    assert cells[-2:] == ["\t说明", "\t项目支出执行率偏低，主要是医疗设备采购跨年度支付。"]
    assert cells[15:19] == ["\t项目支出", "\t3,531.80", "\t3,297.87", "\t93.38%"]

    # Heading-styled paragraphs without a marker are reported with their level.
    assert [lines[n - 1] for n, _ in result.headings] == [
        "产出指标完成情况",
        "效益指标完成情况",
        "满意度指标完成情况",
        "自评结论",
    ]
    assert {level for _, level in result.headings} == {2}


def _custom_heading_styles(document: Any) -> None:
    """Chinese Word: styles named "标题 1"; plus a body style based on a heading style."""
    styles = document.styles
    h = styles.add_style("标题 1", WD_STYLE_TYPE.PARAGRAPH)
    derived = styles.add_style("我的小标题", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = styles["Heading 3"]
    document.add_paragraph("一、部门基本情况", style=h)
    document.add_paragraph("部门职能", style=h)
    document.add_paragraph("正文第一段。")
    document.add_paragraph("资金使用情况", style=derived)
    p = document.add_paragraph("大纲级别标题")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    document.add_paragraph("（二）有编号的标题", style="Heading 2")


def test_heading_levels_from_chinese_names_base_styles_and_outline() -> None:
    result = extract(docx_bytes(_custom_heading_styles), "h.docx")
    lines = result.text.split("\n")
    named = {lines[n - 1]: level for n, level in result.headings}
    assert named == {"部门职能": 1, "资金使用情况": 3, "大纲级别标题": 2}


def _body_with_line_breaks_and_tabs(document: Any) -> None:
    p = document.add_paragraph("第一行")
    p.add_run().add_break()
    p.add_run("第二行")
    document.add_paragraph("\t\t缩进用的制表符")
    document.add_heading("多行标题", level=1).add_run().add_break()


def test_line_breaks_split_lines_and_leading_tabs_are_not_cells() -> None:
    result = extract(docx_bytes(_body_with_line_breaks_and_tabs), "b.docx")
    lines = result.text.split("\n")
    assert lines[:3] == ["第一行", "第二行", "缩进用的制表符"]
    assert not any(line.startswith("\t") for line in lines)
    assert [lines[n - 1] for n, _ in result.headings] == ["多行标题"]


def _table_with_merges(document: Any) -> None:
    document.add_paragraph("表前段落")
    table = document.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"格{r}{c}"
    table.cell(0, 0).merge(table.cell(0, 2))  # horizontal
    table.cell(1, 2).merge(table.cell(2, 2))  # vertical
    table.cell(1, 0).add_paragraph("格10第二段")
    inner = table.cell(2, 0).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "嵌套表格"
    document.add_paragraph("表后段落")


def test_table_cells_in_order_merged_once_nested_included() -> None:
    result = extract(docx_bytes(_table_with_merges), "t.docx")
    assert result.text.split("\n") == [
        "表前段落",
        "\t格00",  # python-docx's merge keeps each merged cell's text as its own paragraph
        "\t格01",
        "\t格02",
        "\t格10",
        "\t格10第二段",
        "\t格11",
        "\t格12",
        "\t格22",
        "\t格20",
        "\t嵌套表格",
        "\t格21",
        "表后段落",
    ]


def _tracked_changes_sdt_textbox(document: Any) -> None:
    body = document.element.body
    w = nsdecls("w")
    para = parse_xml(
        f"<w:p {w}><w:r><w:t>保留</w:t></w:r>"
        f"<w:del><w:r><w:delText>删除的字</w:delText></w:r></w:del>"
        f"<w:ins><w:r><w:t>插入的字</w:t></w:r></w:ins>"
        f'<w:hyperlink><w:r><w:t xml:space="preserve"> 链接文字</w:t></w:r></w:hyperlink></w:p>'
    )
    sdt = parse_xml(
        f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>内容控件里的段落</w:t></w:r></w:p>"
        f"</w:sdtContent></w:sdt>"
    )
    box = parse_xml(
        f"<w:p {w}><w:r><w:t>正文</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r>"
        f"<w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>"
    )
    sect = body[-1]
    for el in (para, sdt, box):
        sect.addprevious(el)


def test_tracked_changes_content_controls_and_text_boxes() -> None:
    result = extract(docx_bytes(_tracked_changes_sdt_textbox), "c.docx")
    assert result.text.split("\n") == ["保留插入的字 链接文字", "内容控件里的段落", "正文"]
    assert any("text box" in w for w in result.warnings)


def _numbered(document: Any) -> None:
    document.add_paragraph("自动编号的段落", style="List Number")
    document.add_paragraph("普通段落")


def test_automatic_numbering_is_warned_about() -> None:
    result = extract(docx_bytes(_numbered), "n.docx")
    assert any("automatic numbering" in w for w in result.warnings)


def test_truncated_docx_is_corrupt(fixture_bytes: Callable[[str], bytes]) -> None:
    with pytest.raises(IngestError) as err:
        extract(fixture_bytes("broken/corrupt.docx"), "corrupt.docx")
    assert err.value.reason.startswith("corrupt .docx file")
    assert "\n" not in str(err.value)


def _rezip(data: bytes, edit: Callable[[str, bytes], bytes | None]) -> bytes:
    """Copy a zip, letting ``edit`` change (or drop, with None) each member."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            content = edit(name, src.read(name))
            if content is not None:
                dst.writestr(name, content)
    return out.getvalue()


def test_docx_without_document_xml_is_corrupt(fixture_bytes: Callable[[str], bytes]) -> None:
    good = fixture_bytes("reports/yunling_health_2023.docx")
    broken = _rezip(good, lambda n, c: None if n == "word/document.xml" else c)
    with pytest.raises(IngestError, match=r"corrupt \.docx file: zip archive has no word/document"):
        extract(broken, "x.docx")


def test_docx_with_broken_xml_is_corrupt(fixture_bytes: Callable[[str], bytes]) -> None:
    good = fixture_bytes("reports/yunling_health_2023.docx")
    broken = _rezip(good, lambda n, c: c[: len(c) // 2] if n == "word/document.xml" else c)
    with pytest.raises(IngestError, match=r"corrupt \.docx file"):
        extract(broken, "x.docx")


def test_macro_enabled_package_is_refused(fixture_bytes: Callable[[str], bytes]) -> None:
    good = fixture_bytes("reports/yunling_health_2023.docx")

    def to_docm(name: str, content: bytes) -> bytes:
        """Declare the main part macro-enabled, as a .docm does."""
        if name == "[Content_Types].xml":
            return content.replace(
                b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
            )
        return content

    with pytest.raises(IngestError, match="unsupported Word package"):
        extract(_rezip(good, to_docm), "x.docm")
