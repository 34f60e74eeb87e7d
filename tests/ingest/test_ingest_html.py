"""Saved web pages: the report comes out as its source text, the page chrome does not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from page_builders import article_html, saved_page

from reportaudit.errors import IngestError
from reportaudit.ingest import extract
from reportaudit.ingest.html_chrome import chrome_rules

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

CHROME_WORDS = (
    "索引号",
    "发布机构",
    "主题分类",
    "当前位置",
    "政务公开",
    "浏览次数",
    "字体",
    "分享到",
    "打印",
    "关闭窗口",
    "扫一扫",
    "相关文章",
    "主办单位",
    "网站标识码",
    "ICP备",
    "公网安备",
    "乔庄镇北街",  # the footer's address line, which carries no chrome label
    "无障碍",
    "统计代码",  # written by a script
    "doZoom",
    "font-family",
)


def lines(text: str) -> list[str]:
    """Normalised lines: stripped, blank lines dropped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _no_chrome(text: str, source: str) -> None:
    """No chrome word the report itself does not use survives."""
    for word in CHROME_WORDS:
        assert word in source or word not in text, word


def test_gbk_page_with_meta_charset_imports_to_its_source_text(
    source_text: Callable[[str], str],
) -> None:
    source = source_text("songxi_town_2022.txt")
    unit, title, *body = source.split("\n")
    page = saved_page([unit, title], body, charset="gb2312")
    assert b"charset=gb2312" in page and "松溪镇".encode("gbk") in page
    result = extract(page, "松溪镇2022年度自评报告.html")
    assert result.format == "html"
    assert result.encoding == "gb18030"
    assert lines(result.text) == lines(source)  # title from the <h1>, split at its <br>
    _no_chrome(result.text, source)
    assert any(w.startswith("web page: kept the article") for w in result.warnings)


def test_utf8_table_form_page_imports_to_its_source_text() -> None:
    source = (FIXTURES / "reports" / "qingchuan_fin_2023_table.txt").read_text(encoding="utf-8")
    page = saved_page(
        ["青川县财政局2023年度项目支出绩效自评报告"],  # the content repeats it: kept once
        source.split("\n"),
        charset="utf-8",
        meta_tag="charset",
        publisher="青川县财政局",
    )
    result = extract(page, "zwgk.htm")
    assert (result.format, result.encoding) == ("html", "utf-8")
    assert lines(result.text) == lines(source)
    # Table cells come out one per tab-indented line, as the .txt and .docx readers give them.
    cells = [x for x in source.split("\n") if x.startswith("\t")]
    assert [x for x in result.text.split("\n") if x.startswith("\t")] == cells
    _no_chrome(result.text, source)


def test_source_line_breaks_next_to_chinese_add_no_space() -> None:
    page = (
        "<html><body><div><p>预算执行率\n   98.0%，较上年提高\n  2个百分点。</p>"
        "<p>English words\n   stay apart.</p></div></body></html>"
    ).encode()
    assert extract(page, "p.html").text.split("\n") == [
        "预算执行率98.0%，较上年提高2个百分点。",
        "English words stay apart.",
    ]


def test_page_saved_in_another_encoding_than_it_declares_is_read_as_it_is(
    source_text: Callable[[str], str],
) -> None:
    source = source_text("hewan_culture_2023.txt")
    unit, title, *body = source.split("\n")
    page = saved_page([unit, title], body, charset="gb2312").decode("gbk").encode("utf-8")
    result = extract(page, "page.html")
    assert result.encoding == "utf-8"
    assert "page declares charset gb18030 but is utf-8; read as utf-8" in result.warnings
    assert lines(result.text) == lines(source)


def test_old_layout_table_page_gives_plain_lines_not_table_cells(
    source_text: Callable[[str], str],
) -> None:
    source = source_text("songxi_town_2022.txt")
    menu = "".join(f'<a href="/c{n}">栏目{n}</a><br>' for n in range(8))
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        '<body><table width="980"><tr><td colspan="2"><img src="banner.jpg"></td></tr>'
        f'<tr><td width="200" valign="top">{menu}</td><td valign="top">'
        f"{article_html(source.split(chr(10)))}</td></tr>"
        "<tr><td colspan='2'>版权所有：青川县人民政府 备案号：蜀ICP备000000号</td></tr>"
        "</table></body></html>"
    ).encode()
    result = extract(page, "old.htm")
    assert lines(result.text) == lines(source)
    assert not any(x.startswith("\t") for x in result.text.split("\n"))


def test_script_style_hidden_and_comments_are_dropped_markup_stays_data() -> None:
    page = (
        "<!DOCTYPE html><html><head><style>p{color:red}</style></head><body>"
        "<div id='content'>"
        "<p>青川县水利局2022年度部门整体支出绩效自评报告</p>"
        "<p>一、部门基本情况<!-- 编辑备注：此处待补 --></p>"
        "<p>正文 [bold]x[/bold] &lt;script&gt;alert(1)&lt;/script&gt; &#27;[31m红字&#27;[0m</p>"
        "<p style='display:none'>隐藏的关键词堆砌</p><p hidden>另一段隐藏文字</p>"
        "<script>document.write('脚本写入的文字')</script>"
        "<p>二、绩效自评工作开展情况</p></div></body></html>"
    ).encode()
    text = extract(page, "hostile.html").text
    assert text.split("\n") == [
        "青川县水利局2022年度部门整体支出绩效自评报告",
        "一、部门基本情况",
        "正文 [bold]x[/bold] <script>alert(1)</script> 红字",
        "二、绩效自评工作开展情况",
    ]


def test_content_decides_web_page_or_text() -> None:
    plain = "青川县财政局\n2023年度项目支出绩效自评报告\n一、部门基本情况\n正文。".encode()
    as_html = extract(plain, "report.html")
    assert as_html.format == "txt" and as_html.text.startswith("青川县财政局")
    page = b"<!DOCTYPE html>\n<html><body><p>" + plain + b"</p></body></html>"
    as_txt = extract(page, "report.txt")
    assert as_txt.format == "html"
    assert "file is named .txt but its content is html" in as_txt.warnings
    fragment = b"<p>" + plain.replace(b"\n", b"</p><p>") + b"</p>"
    assert extract(fragment, "fragment.htm").format == "html"
    assert extract(fragment, "fragment.txt").format == "txt"  # a .txt needs a page's head


def test_empty_and_chrome_only_pages_are_refused() -> None:
    with pytest.raises(IngestError, match="empty: no text"):
        extract(b"<html><body>   </body></html>", "blank.html")
    nav_only = (
        "<html><body><div class='nav'><a href='/'>首页</a><a href='/a'>政务公开</a></div>"
        "<div class='footer'>网站标识码：5108220001</div></body></html>"
    ).encode()
    with pytest.raises(IngestError, match="empty: no text"):
        extract(nav_only, "nav.html")


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("发布时间：2023-06-15 10:21  来源：松溪镇  浏览次数：128", True),
        ("湖南省某某厅  时间:2024-06-30 10:06", True),
        ("作者: -   来源: 某某区 发布时间: 2023-07-24 16:47 【字体:", True),
        ("当前位置：首页 > 政务公开 > 财政信息", True),
        ("首页 > 政务公开 > 财政信息", True),
        ("【打印本页】【关闭窗口】", True),
        ("扫一扫在手机打开当前页", True),
        ("网站标识码：5108220001 蜀ICP备12345678号-1", True),
        ("\t中", False),  # a grade in a table cell, not the font-size switch
        ("报告时间：2024年3月8日", False),
        ("资金来源：县级财政预算安排。", False),
        ("（三）下一步改进措施", False),
        ("系统运行维护经费20万元。", False),
    ],
)
def test_chrome_lines_are_told_from_report_lines(line: str, chrome: bool) -> None:
    assert chrome_rules().is_chrome_line(line) is chrome


def test_users_extend_the_chrome_vocabulary_with_a_toml_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (
        "<html><body><div><p>青川县水利局2022年度部门整体支出绩效自评报告</p>"
        "<p>信息公开编码：QC-2023-0042</p><p>一、部门基本情况</p></div></body></html>"
    ).encode()
    assert "信息公开编码：QC-2023-0042" in extract(page, "a.html").text
    extra = tmp_path / "chrome.toml"
    extra.write_text('line_labels = ["信息公开编码"]\n', encoding="utf-8")
    monkeypatch.setenv("REPORTAUDIT_HTML_CHROME", str(extra))
    assert "信息公开编码" not in extract(page, "a.html").text
    extra.write_text("line_labels = 3\n", encoding="utf-8")
    monkeypatch.setenv("REPORTAUDIT_HTML_CHROME", str(tmp_path / "other.toml"))
    with pytest.raises(Exception, match="cannot read page-chrome rules"):
        extract(page, "a.html")
