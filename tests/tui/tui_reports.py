"""Small self-evaluation reports written for the TUI tests (not taken from any real report).

Why our own: snapshot tests need text that never changes, and the review tests need one
paragraph deliberately shared between two units, a figure-only change between revisions,
and a paragraph that looks like markup.
"""

from __future__ import annotations

SHARED = (
    "下一步，我局将进一步健全预算绩效管理制度，强化绩效目标审核和运行监控，"
    "推动绩效评价结果与预算安排有机结合，切实提高财政资金使用效益。"
)

HOSTILE = "台账中出现的文字[bold]x[/bold]与[link=http://x]y[/link]须原样显示。"

FOREST_2022 = f"""松溪县林业局
2022年度部门整体支出绩效自评报告

一、部门基本情况
（一）部门职能
负责全县林业资源保护、森林防火和国土绿化工作，指导乡镇林业站开展林政管理。
（二）人员情况
局机关设5个股室，年末在编人员38人。
二、预算执行情况
2022年度部门预算收入1,204.50万元，全年支出1,150.20万元，预算执行率95.49%。
三、绩效目标完成情况
完成植树造林3,200亩，森林覆盖率达到68.2%，全年未发生重大森林火灾。
四、存在的问题
部分项目绩效目标设置不够细化，资金拨付存在年底集中支付现象。
五、下一步改进措施
{SHARED}
"""

FOREST_2023_R1 = f"""松溪县林业局
2023年度部门整体支出绩效自评报告

一、部门基本情况
（一）部门职能
负责全县林业资源保护、森林防火和国土绿化工作，指导乡镇林业站开展林政管理，新增承担古树名木保护职责。
（二）人员情况
局机关设5个股室，年末在编人员40人。
二、预算执行情况
2023年度部门预算收入1,310.80万元，全年支出1,262.35万元，预算执行率96.30%。
三、绩效目标完成情况
完成植树造林3,500亩，森林覆盖率达到68.9%，全年未发生重大森林火灾。
四、存在的问题
部分项目绩效目标设置不够细化，资金拨付存在年底集中支付现象。
五、下一步改进措施
{SHARED}
"""

FOREST_2023_R2 = FOREST_2023_R1.replace("1,262.35万元", "1,268.35万元").replace(
    "四、存在的问题\n", "四、存在的问题\n森林防火监测站点覆盖仍有盲区，偏远林区巡护力量不足。\n"
)

HEALTH_2023 = f"""东坪区卫生健康局
2023年度项目支出绩效自评报告

一、项目基本情况
基层医疗卫生机构能力提升项目，年度预算资金860.00万元。
二、项目绩效目标完成情况
完成12个村卫生室标准化改造，家庭医生签约服务覆盖率达到72%。
{HOSTILE}
三、存在的问题
个别乡镇卫生院设备使用率不高，专业技术人员仍然短缺。
四、改进措施
{SHARED}
"""

REPORTS = {
    "songxi_forest_2022.txt": FOREST_2022,
    "songxi_forest_2023_r1.txt": FOREST_2023_R1,
    "songxi_forest_2023_r2.txt": FOREST_2023_R2,
    "dongping_health_2023.txt": HEALTH_2023,
}
"""File name -> text, imported in this order (the 2023 forest report gets two revisions)."""
