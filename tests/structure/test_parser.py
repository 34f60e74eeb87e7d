"""The section tree of texts written in the genre's style (our own sentences)."""

from __future__ import annotations

from reportaudit.structure import Document, Section, parse
from reportaudit.structure.headings import cn_to_int, match_marker

SAMPLE = """附件3：
云岭区教育局
2022年度部门整体支出绩效自评报告

市财政局：
  按照有关通知要求，我局对2022年度部门整体支出开展了绩效自评，现将情况报告如下。
一、部门基本情况
（一）部门职能
1.负责全区学前教育管理工作。统筹规划幼儿园布局，指导办园行为。
2、负责全区义务教育均衡发展工作，推进城乡学校结对帮扶，落实控辍保学责任，组织实施教育督导评估，督促各校落实课后服务。
(二）机构设置
本局内设科室6个，下属学校14所。
二、绩效自评工作组织开展情况
成立自评工作领导小组，逐项核对指标完成情况。
三、项目支出绩效自评情况
(1) 校舍维修改造项目
1.资金执行情况：年初预算120万元，实际支出118.5万元，执行率98.75%。
2.偏离绩效目标的原因及下一步改进措施：受雨季影响，个别工程工期顺延。下一步将提前规划施工时段。
（二）学生资助项目
1.项目概况。共资助家庭困难学生320人次。
(资助标准。按学期发放。
(资助对象。建档立卡户子女。
③发放方式。打卡直达。
四、存在的问题及改进措施
部分学校预算编制不够细化。
五、其他需要说明的问题
无
附件：1.部门整体支出绩效自评表
2.项目支出绩效自评表
"""


def test_title_block_and_preamble() -> None:
    doc = parse(SAMPLE)
    assert doc.title.split("\n") == ["云岭区教育局", "2022年度部门整体支出绩效自评报告"]
    preamble = [p.text for p in doc.paragraphs_of(0)]
    assert preamble[0] == "附件3："
    assert preamble[1] == "市财政局："
    assert preamble[2].startswith("按照有关通知要求")


def test_paragraph_offsets_slice_the_original() -> None:
    doc = parse(SAMPLE)
    assert doc.paragraphs
    for p in doc.paragraphs:
        assert SAMPLE[p.start : p.end] == p.text
        assert p.text == p.text.strip()
    for s in doc.sections[1:]:
        written = "(（" if s.marker_lost else s.number.strip()[:1]
        assert SAMPLE[s.heading_start] in written
        assert s.heading_start < s.end <= len(SAMPLE)


def _by_title(doc: Document, title: str) -> Section:
    return next(s for s in doc.sections if s.title == title)


def test_nesting_with_mixed_brackets_and_separators() -> None:
    doc = parse(SAMPLE)
    top = [s.number + s.title for s in doc.children(0)]
    assert top == [
        "一、部门基本情况",
        "二、绩效自评工作组织开展情况",
        "三、项目支出绩效自评情况",
        "四、存在的问题及改进措施",
        "五、其他需要说明的问题",
        "附件：",
    ]
    functions = _by_title(doc, "部门职能")
    assert [s.value for s in doc.children(functions.index)] == [1, 2]
    # "(二）" with mixed brackets is the sibling of "（一）"
    setup = _by_title(doc, "机构设置")
    assert setup.parent == doc.sections[functions.index].parent
    assert setup.path == ("一", "(二)")


def test_first_item_nests_under_heading_and_later_mislabel_is_sibling() -> None:
    doc = parse(SAMPLE)
    project = _by_title(doc, "校舍维修改造项目")
    items = doc.children(project.index)
    assert [s.title for s in items] == ["资金执行情况", "偏离绩效目标的原因及下一步改进措施"]
    aid = _by_title(doc, "学生资助项目")
    assert aid.parent == project.parent  # （二） after (1) … 2. is a sibling of (1)


def test_inline_heading_splits_title_and_body() -> None:
    doc = parse(SAMPLE)
    dev = _by_title(doc, "偏离绩效目标的原因及下一步改进措施")
    assert dev.canonical == "deviation"
    body = doc.paragraphs_of(dev.index)
    assert len(body) == 1 and body[0].text.startswith("受雨季影响")


def test_long_numbered_line_is_a_list_item_with_body() -> None:
    doc = parse(SAMPLE)
    item = next(s for s in doc.sections if s.number == "2、")
    assert item.title == ""
    assert doc.paragraphs_of(item.index)[0].text.startswith("负责全区义务教育均衡发展工作")


def test_lost_markers_are_numbered_back() -> None:
    doc = parse(SAMPLE)
    overview = _by_title(doc, "项目概况")
    kids = doc.children(overview.index)
    assert [(k.value, k.title, k.marker_lost) for k in kids] == [
        (1, "资助标准", True),
        (2, "资助对象", True),
        (3, "发放方式", False),
    ]


def test_canonical_types_fuzzy_and_inherited() -> None:
    doc = parse(SAMPLE)
    assert _by_title(doc, "部门基本情况").canonical == "basic_info"
    assert _by_title(doc, "存在的问题及改进措施").canonical == "deviation"
    assert _by_title(doc, "其他需要说明的问题").canonical == "other"
    assert _by_title(doc, "资金执行情况").canonical == "accounts"
    # a list item under 部门职能 inherits its parent's type
    assert next(s for s in doc.sections if s.number == "2、").canonical == "basic_info"
    attach = [s for s in doc.sections if s.canonical == "attachments"]
    assert [s.number for s in attach] == ["附件：", "2."]


def test_no_plain_heading_for_an_answer_line() -> None:
    doc = parse(SAMPLE)
    other = _by_title(doc, "其他需要说明的问题")
    assert doc.children(other.index) == []
    assert [p.text for p in doc.paragraphs_of(other.index)] == ["无"]


def test_paths_are_unique_and_stable_under_rewording() -> None:
    doc = parse(SAMPLE)
    paths = [s.path for s in doc.sections]
    assert len(paths) == len(set(paths))
    reworded = parse(SAMPLE.replace("校舍维修改造项目", "校舍安全改造工程"))
    assert [s.path for s in reworded.sections] == paths


def test_table_form_cells_and_artefact_free_text() -> None:
    text = (
        "河湾市生态环境局\n2023年度项目支出绩效自评报告\n一、项目基本情况\n"
        "\t项目名称\n\t大气监测站运维\n\t预算数（万元）\t86.4\n二、绩效目标完成情况\n"
        "\t产出指标\t完成率100%\n"
    )
    doc = parse(text)
    cells = [p for p in doc.paragraphs if p.cell]
    assert [p.text for p in cells] == [
        "项目名称",
        "大气监测站运维",
        "预算数（万元）\t86.4",
        "产出指标\t完成率100%",
    ]
    assert [s.title for s in doc.children(0)] == ["项目基本情况", "绩效目标完成情况"]


def test_roundtrip_through_dict() -> None:
    doc = parse(SAMPLE)
    again = type(doc).from_dict(SAMPLE, doc.to_dict())
    assert again == doc


def test_marker_primitives() -> None:
    assert cn_to_int("十二") == 12 and cn_to_int("二十") == 20 and cn_to_int("九") == 9
    assert match_marker("2.5万元用于培训") is None  # a decimal, not a heading
    m = match_marker("2.2023年度项目支出绩效自评表")
    assert m is not None and m.value == 2
    assert match_marker("一年来，全局上下") is None
    m = match_marker("（十一）负责机关总值班工作。")
    assert m is not None and (m.style, m.value, m.title) == ("paren_cn", 11, "负责机关总值班工作")


def test_sentence_items_keep_their_text_as_body() -> None:
    text = (
        "一、绩效目标完成情况\n（一）效益指标\n（1）辖区婴儿死亡率降至2.3‰，低于全市平均。\n"
        "（2）签约覆盖率达到81.4%\n（3）部门决算情况\n全年支出88万元。\n"
    )
    doc = parse(text)
    items = doc.children(_by_title(doc, "效益指标").index)
    bodies = [[p.text for p in doc.paragraphs_of(s.index)] for s in items]
    assert bodies[0] == ["辖区婴儿死亡率降至2.3‰，低于全市平均。"]
    assert bodies[1] == ["签约覆盖率达到81.4%"]
    assert items[2].title == "部门决算情况" and bodies[2] == ["全年支出88万元。"]
    assert items[2].canonical == "accounts"


def test_word_heading_styles_without_markers_nest_by_level() -> None:
    text = "一、绩效目标完成情况\n产出指标完成情况\n1.新建站点4个。\n效益指标完成情况\n（1）覆盖率达到90%。\n二、存在的问题\n无。\n"
    doc = parse(text, heading_lines=[(2, 2), (4, 2)])
    top = _by_title(doc, "绩效目标完成情况")
    assert [s.title for s in doc.children(top.index)] == ["产出指标完成情况", "效益指标完成情况"]
    assert _by_title(doc, "效益指标完成情况").canonical == "indicators"
    assert [s.title for s in doc.children(0)] == ["绩效目标完成情况", "存在的问题"]


def test_item_number_followed_by_a_digit_is_not_a_decimal_in_a_list() -> None:
    text = "一、产出\n1.新建站点4个，覆盖3个乡镇。\n2.65岁以上老人健康管理1.2万人。\n二、其他\n2.5万元用于培训。\n"
    doc = parse(text)
    items = doc.children(_by_title(doc, "产出").index)
    assert [s.value for s in items] == [1, 2]
    assert doc.paragraphs_of(items[1].index)[0].text.startswith("65岁以上")
    other = _by_title(doc, "其他")
    assert doc.children(other.index) == []  # no open "1." list: 2.5万元 is an amount
