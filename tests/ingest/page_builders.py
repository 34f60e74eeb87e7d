"""Build a saved government web page around one of our own report texts, for HTML tests.

The frame is what such pages carry, written from scratch for the tests: a banner with a
search box, a navigation menu, a 当前位置 breadcrumb, the 索引号/发布机构/发布日期/主题分类
metadata table, the article title, a 发布时间/来源/浏览次数 line with font-size switches, the
article, 打印/关闭/分享 tools, a 扫一扫 QR caption, related links and a footer with 主办单位,
网站标识码 and 备案号, plus scripts and styles. The report's own lines become paragraphs, and
tab-indented lines (table-form reports) become table rows.
"""

from __future__ import annotations

import html

_STYLE = """<style type="text/css">
body { font-family: "Microsoft YaHei"; } .nav li { float: left; }
#zoom p { text-indent: 2em; line-height: 2; }
</style>"""

_SCRIPT = """<script type="text/javascript">
var siteName = "政府门户网站"; function doZoom(size) { document.getElementById('zoom').style.fontSize = size + 'px'; }
document.write("<span>统计代码</span>");
</script>"""


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def article_html(lines: list[str], *, wrap_source: bool = True) -> str:
    """Paragraphs and tables for the report lines, as a CMS editor would store them.

    Consecutive tab-indented lines form a table, three cells to a row. With ``wrap_source``
    long paragraphs are broken in the HTML source between two Chinese characters (which a
    browser does not show as a space) and indented with &nbsp; like pasted Word text.
    """
    out: list[str] = []
    cells: list[str] = []

    def close_table() -> None:
        if not cells:
            return
        rows = [cells[i : i + 3] for i in range(0, len(cells), 3)]
        body = "".join(
            "<tr>" + "".join(f'<td valign="top"><p>{_esc(c)}</p></td>' for c in row) + "</tr>\n"
            for row in rows
        )
        out.append(
            f'<table border="1" cellspacing="0" width="100%"><tbody>\n{body}</tbody></table>'
        )
        cells.clear()

    for n, line in enumerate(lines):
        if line.startswith("\t"):
            cells.append(line.strip())
            continue
        close_table()
        if not line.strip():
            out.append("<p>&nbsp;</p>")
            continue
        text = _esc(line.strip())
        if wrap_source and len(text) > 40 and n % 2:
            text = text[:20] + "\n          " + text[20:]
        indent = "&nbsp;&nbsp;&nbsp;&nbsp;" if n % 3 == 0 else ""
        out.append(
            f'<p style="text-align: justify;">{indent}<span style="font-size:16px;">{text}</span></p>'
        )
    close_table()
    return "\n".join(out)


def saved_page(
    title_lines: list[str],
    article_lines: list[str],
    *,
    charset: str = "utf-8",
    site: str = "青川县人民政府",
    publisher: str = "青川县松溪镇人民政府",
    meta_tag: str = "http-equiv",
) -> bytes:
    """A whole saved page: the frame, the title (lines joined by <br>) and the article."""
    title = "<br />".join(_esc(t) for t in title_lines)
    flat_title = _esc("".join(title_lines))
    if meta_tag == "http-equiv":
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'
    else:
        meta = f'<meta charset="{charset}">'
    related = "".join(
        f'<li><a href="/art/2023/6/{n}/art_{n}.html">{_esc(t)}</a><span>2023-06-{n:02d}</span></li>'
        for n, t in enumerate(
            [
                "松溪镇2023年上半年财政预算执行情况",
                "关于公开2022年度部门决算的说明",
                "松溪镇政府信息公开工作年度报告",
            ],
            start=10,
        )
    )
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<!-- saved from url=(0064)http://www.example.gov.cn/art/2023/6/15/art_1234_567890.html -->
<html xmlns="http://www.w3.org/1999/xhtml"><head>
{meta}
<title>{flat_title}-{_esc(site)}</title>
<meta name="SiteName" content="{_esc(site)}" /><meta name="ArticleTitle" content="{flat_title}" />
{_STYLE}
{_SCRIPT}
</head>
<body>
<div class="top-bar"><div class="wrap"><a href="/">无障碍</a> | <a href="/elder">长者模式</a> | <a href="/">繁體</a></div></div>
<div class="header"><div class="logo"><img src="logo.png" alt="{_esc(site)}" /></div>
<div class="search-box"><form action="/search"><input type="text" name="q" value="请输入关键字" /><button>搜索</button></form></div></div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/zjqc">走进青川</a></li></ul></div>
<div class="main-wrap">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/zwgk/czxx">财政信息</a> &gt; 绩效评价</div>
<div class="xxgk-info"><table width="100%" cellpadding="0" cellspacing="0">
<tr><td class="lab">索&nbsp;引&nbsp;号：</td><td>11510822MB0000000X/2023-00417</td><td class="lab">发布机构：</td><td>{_esc(publisher)}</td></tr>
<tr><td class="lab">发布日期：</td><td>2023-06-15</td><td class="lab">主题分类：</td><td>财政、金融、审计</td></tr>
<tr><td class="lab">名　　称：</td><td colspan="3">{flat_title}</td></tr>
<tr><td class="lab">文　　号：</td><td></td><td class="lab">有效性：</td><td>有效</td></tr>
</table></div>
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="article-info">发布时间：2023-06-15 10:21 &nbsp; 来源：{_esc(publisher)} &nbsp; 浏览次数：<span id="hits">128</span>
&nbsp;【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</div>
<div class="article-content" id="zoom">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart" />
{article_html(article_lines)}
<!--ZJEG_RSS.content.end--><meta name="ContentEnd" />
</div>
<div class="article-tools"><div class="bdshare">分享到：<a class="wx" href="#">微信</a><a class="wb" href="#">微博</a></div>
<span>【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</span></div>
<div class="qr"><img src="qr.png" alt="" /><p>扫一扫在手机打开当前页</p></div>
<div class="xgwz"><h3>相关文章</h3><ul>{related}</ul></div>
</div></div>
<div class="footer"><div class="wrap">
<p><a href="/about">关于本网</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
<p>主办单位：{_esc(site)}办公室 &nbsp; 承办单位：青川县大数据中心</p>
<p>网站标识码：5108220001 &nbsp; <a href="https://beian.example">蜀ICP备12345678号-1</a> &nbsp; <img src="ga.png" />川公网安备 51082202000123号</p>
<p>地址：青川县乔庄镇北街1号 &nbsp; 联系电话：0839-0000000</p>
</div></div>
<script>var _hmt = _hmt || [];</script>
</body></html>
"""
    # Pages that declare gb2312 are written in GBK, its superset, as the servers do (繁體).
    return page.encode("gbk" if charset.lower() == "gb2312" else charset)
