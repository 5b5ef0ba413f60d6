"""The rectification ledger and the evaluation charts."""
from __future__ import annotations

import io
from datetime import date

import pytest

from survey.evaluation.charts import bar_chart, has_cjk_font, radar_chart
from survey.evaluation.evaluate import DepartmentInputs, ManualScore, SurveyScore, evaluate
from survey.evaluation.indicators import Indicator, IndicatorSystem
from survey.evaluation.rectification import Entry, RectificationError, to_xlsx
from survey.evaluation.report import DepartmentReport, department_report, summary_report


def _entry(**change) -> Entry:
    values = dict(department="示例市水利局", problem="与生态环境局入河排污口职责交叉", measure="提请编办明确分工",
                  owner="张三", deadline=date(2026, 12, 31), origin="职责交叉")
    values.update(change)
    return Entry(**values)


def test_ledger_lifecycle_and_overdue():
    entry = _entry()
    entry.validate()
    assert not entry.overdue(date(2026, 12, 31)) and entry.overdue(date(2027, 1, 1))
    entry.move("整改中", date(2026, 12, 1))
    with pytest.raises(RectificationError, match="佐证"):
        entry.move("已销号", date(2026, 12, 20))
    entry.move("已销号", date(2026, 12, 20), proof="市编委文件明确分工")
    assert entry.closed_on == date(2026, 12, 20) and not entry.overdue(date(2027, 6, 1))
    assert [h[2] for h in entry.history] == ["整改中", "已销号"]


@pytest.mark.parametrize("change, message", [
    (dict(problem=""), "问题"), (dict(status="完成"), "状态"), (dict(origin="群众"), "来源"),
    (dict(status="已销号"), "销号须填写"),
])
def test_bad_entries(change, message):
    with pytest.raises(RectificationError, match=message):
        _entry(**change).validate()


def test_ledger_export_marks_overdue_rows():
    from openpyxl import load_workbook

    data = to_xlsx([_entry(), _entry(deadline=date(2027, 3, 1))], today=date(2027, 1, 15))
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["K2"].value == "逾期" and not sheet["K3"].value
    assert sheet["B2"].value == "示例市水利局"


def test_charts_render_svg_with_text_and_png():
    svg = bar_chart(["示例市水利局", "示例市商务局"], [88.5, 79.25]).decode("utf-8")
    assert svg.startswith("<?xml") and "示例市水利局" in svg and "88.50" in svg
    radar = radar_chart(["职能配置", "内设机构", "人员编制"], [90, None, 70]).decode("utf-8")
    assert "内设机构" in radar and "（缺）" in radar
    png = bar_chart(["甲局"], [50], fmt="png")
    assert png.startswith(b"\x89PNG")
    assert has_cjk_font()  # installed by `make test` (fonts-wqy-microhei) so Word reports show Chinese


# --- Word reports ---------------------------------------------------------------------------


def _evaluated():
    system = IndicatorSystem("小体系", [
        Indicator(("甲",), 0.6), Indicator(("甲", "甲一"), 1.0, 10, "manual"),
        Indicator(("乙",), 0.4), Indicator(("乙", "乙一"), 1.0, 10, "survey:1")])
    inputs = [DepartmentInputs(name, manual={("甲", "甲一"): ManualScore(m, "核查", "评估员", "2026-11-20")},
                               surveys={"1": SurveyScore(s, 9, "2026年市县评作为")})
              for name, m, s in (("示例市水利局", 9, 90), ("示例市商务局", 7, None))]
    return system, evaluate(system, inputs)


def test_reports_hold_the_ranking_charts_and_method():
    import docx

    system, evaluations = _evaluated()
    summary = docx.Document(io.BytesIO(summary_report(system, evaluations, government="示例市")))
    text = "\n".join(p.text for p in summary.paragraphs)
    cells = [c.text for t in summary.tables for row in t.rows for c in row.cells]
    assert "示例市水利局" in cells and "90.00" in cells  # 100*(0.6*0.9 + 0.4*0.9)
    assert "示例市商务局（缺 1 项）" in text and "Saaty (1980)" in text
    assert len(summary.inline_shapes) == 1  # the bar chart
    entry = _entry()
    single = docx.Document(io.BytesIO(department_report(
        system, DepartmentReport(evaluations[0], conclusion="改革到位", overlaps=["与生态环境局：入河排污口"],
                                 rectification=[entry]), government="示例市")))
    text = "\n".join(p.text for p in single.paragraphs)
    assert "总分 90.00 分，排名第 1 位" in text and "改革到位" in text and "入河排污口" in text
    assert len(single.inline_shapes) == 1  # the radar chart
    assert any("提请编办明确分工" in c.text for t in single.tables for row in t.rows for c in row.cells)
