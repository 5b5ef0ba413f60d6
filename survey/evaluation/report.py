"""Word reports for the office: a per-department evaluation report and a summary for 排名通报."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from docproc.safe_output import save_workbook, scrubbed
from docproc.sheet_layout import lay_out
from docproc.wordstyle import official_document, picture, table

from .ahp import METHOD as AHP_METHOD
from .ahp import RI_TABLE_NAME
from .charts import bar_chart, radar_chart
from .evaluate import DepartmentEvaluation
from .indicators import IndicatorSystem
from .rectification import Entry


@dataclass
class DepartmentReport:
    """Everything a department's report shows besides its scores."""
    evaluation: DepartmentEvaluation
    conclusion: str = ""
    overlaps: list[str] = field(default_factory=list)  # one line per open finding
    surveys: list[str] = field(default_factory=list)  # one line per round/group result
    rectification: list[Entry] = field(default_factory=list)  # open entries


def _method(document, system: IndicatorSystem) -> None:
    document.add_heading("评估方法", level=1)
    document.add_paragraph(
        f"指标体系：{system.name}（{len(system.children(()))} 个一级指标、{len(system.leaves())} 个末级指标）。"
        "总分为各末级指标得分率按权重加权后的百分制分数；未评分的指标列为“缺”，不按零分计，"
        "有缺项的部门暂不排名。")
    if system.matrices:
        document.add_paragraph(f"权重确定：层次分析法（AHP），{AHP_METHOD}；随机一致性指标表：{RI_TABLE_NAME}。")
    else:
        document.add_paragraph(f"权重确定：直接赋权。如采用层次分析法，计算方法为{AHP_METHOD}，"
                               f"随机一致性指标表为{RI_TABLE_NAME}。")


def department_report(system: IndicatorSystem, report: DepartmentReport, *, government: str,
                      today: date | None = None) -> bytes:
    """A department's evaluation report (.docx) with its radar chart."""
    system, report, government = scrubbed((system, report, government))
    evaluation = report.evaluation
    document = official_document(f"{evaluation.department}机构改革评估报告")
    document.add_paragraph(f"{government}　{(today or date.today()).isoformat()}")
    document.add_heading("总体结果", level=1)
    if evaluation.total is None:
        document.add_paragraph(f"尚有 {len(evaluation.missing)} 项指标未评分，暂不计总分和排名。")
    else:
        document.add_paragraph(f"总分 {evaluation.total:.2f} 分，排名第 {evaluation.rank} 位，"
                               f"等次：{evaluation.grade}。")
    levels = evaluation.first_level(system)
    chart = radar_chart(list(levels), list(levels.values()), title="一级指标得分率", fmt="png")
    picture(document, chart, 12)
    document.add_heading("指标得分", level=1)
    table(document, ["指标", "得分", "满分", "来源与依据"],
           [["/".join(leaf.path), leaf.score if leaf.score is not None else "缺", leaf.max, leaf.evidence]
            for leaf in evaluation.indicators], [5, 1.4, 1.4, 7])
    document.add_heading("职责交叉", level=1)
    for line in report.overlaps or ["未发现尚未解决的职责交叉。"]:
        document.add_paragraph(line, style="List Bullet")
    document.add_heading("满意度与市县评作为", level=1)
    for line in report.surveys or ["暂无评议结果。"]:
        document.add_paragraph(line, style="List Bullet")
    document.add_heading("整改事项", level=1)
    if report.rectification:
        table(document, ["问题", "整改措施", "责任人", "时限", "状态"],
               [[e.problem, e.measure, e.owner, e.deadline.isoformat(), e.status] for e in report.rectification],
               [5, 5, 2, 2.6, 1.6])
    else:
        document.add_paragraph("无未销号的整改事项。")
    document.add_heading("评估结论", level=1)
    document.add_paragraph(report.conclusion or "（待评估员填写）")
    _method(document, system)
    return _save(document)


def summary_report(system: IndicatorSystem, evaluations: list[DepartmentEvaluation], *, government: str,
                   title: str = "", today: date | None = None) -> bytes:
    """The summary for the office: ranking table, bar chart, grade counts, method."""
    system, evaluations, government, title = scrubbed((system, evaluations, government, title))
    document = official_document(title or f"{government}机构改革评估结果通报")
    document.add_paragraph(f"{government}　{(today or date.today()).isoformat()}")
    ranked = [e for e in evaluations if e.total is not None]
    totals = [e.total for e in evaluations if e.total is not None]
    unranked = [e for e in evaluations if e.total is None]
    document.add_heading("评估排名", level=1)
    if ranked:
        chart = bar_chart([e.department for e in ranked], totals, title="综合得分", fmt="png")
        picture(document, chart, 15)
    table(document, ["名次", "部门", "总分", "等次"],
           [[e.rank, e.department, f"{e.total:.2f}", e.grade] for e in ranked], [1.2, 6, 2, 2])
    grades: dict[str, int] = {}
    for evaluation in ranked:
        assert evaluation.grade is not None, "evaluate() grades every department with a total"
        grades[evaluation.grade] = grades.get(evaluation.grade, 0) + 1
    document.add_paragraph("等次分布：" + ("，".join(f"{name} {count} 个" for name, count in grades.items()) or "无"))
    if unranked:
        document.add_paragraph("尚有指标未评分、暂不排名的部门：" +
                               "、".join(f"{e.department}（缺 {len(e.missing)} 项）" for e in unranked))
    _method(document, system)
    return _save(document)


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def ranking_xlsx(system: IndicatorSystem, evaluations: list[DepartmentEvaluation], *, government: str) -> bytes:
    """The ranking table (.xlsx): rank, department, total, grade, then each leaf's score ("缺" if missing)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    system, evaluations, government = scrubbed((system, evaluations, government))
    book = Workbook()
    sheet = book.active
    sheet.title = "评估排名"
    sheet.append([f"{government}{system.name}评估排名"])
    sheet["A1"].font = Font(bold=True, size=14)
    leaves = system.leaves()
    sheet.append(["名次", "部门", "总分", "等次", "缺项", *["/".join(leaf.path) for leaf in leaves]])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for evaluation in evaluations:
        scores = {tuple(leaf.path): leaf.score for leaf in evaluation.indicators}
        sheet.append([evaluation.rank, evaluation.department, evaluation.total, evaluation.grade,
                      len(evaluation.missing),
                      *["缺" if scores.get(leaf.path) is None else scores[leaf.path] for leaf in leaves]])
    sheet.column_dimensions["B"].width = 30
    lay_out(sheet, header_row=2)
    detail = book.create_sheet("得分依据")
    detail.append(["部门", "指标", "得分", "满分", "权重", "来源", "依据"])
    for evaluation in evaluations:
        for leaf in evaluation.indicators:
            detail.append([evaluation.department, "/".join(leaf.path), "缺" if leaf.score is None else leaf.score,
                           leaf.max, round(leaf.weight, 6), leaf.source, leaf.evidence])
    lay_out(detail, header_row=1)
    buffer = io.BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()
