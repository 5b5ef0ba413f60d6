"""只考一次 rules (`survey.reform.daily_record`): item checks, the verification step, the two rules that
give a leaf its value (deductions with a floor, 办结率), and the .xlsx import naming bad rows, with
the export importing back to the same items."""
from __future__ import annotations

from datetime import date

import pytest

from survey.evaluation.evaluate import DepartmentInputs, evaluate
from survey.evaluation.indicators import Indicator, IndicatorError, IndicatorSystem, from_xlsx, to_xlsx
from survey.reform.daily_record import (
    IMPORT_HEADER,
    SOURCE_CODES,
    DailyItem,
    DailyRecordError,
    leaf_value,
    read_items,
    rule_of,
    year_of,
)
from survey.reform.daily_record import (
    to_xlsx as items_xlsx,
)

from workbooks import xlsx_bytes

DEPARTMENTS = ["示例市水利局", "示例市商务局"]
TODAY = date(2026, 11, 30)


def _item(source="批办", kind="未办结", status="属实", on=date(2026, 3, 1), **changes) -> DailyItem:
    verified = status != "待核实"
    values = dict(department="示例市水利局", source=source, on=on, matter="市领导批示事项", kind=kind, status=status,
                  verified_by="张三" if verified else "", verified_on=date(2026, 3, 9) if verified else None,
                  verify_note="调阅记录核实" if verified else "")
    values.update(changes)
    return DailyItem(**values)


@pytest.mark.parametrize("changes, message", [
    ({"source": "信访"}, "来源应为批办、督查、热线、举报、其他之一"),
    ({"source": "举报", "kind": "按时办结"}, "来源为“举报”的事项，情形应为推诿扯皮、干预机构编制、其他问题之一"),
    ({"matter": " "}, "“事项”不能为空"),
    ({"verified_by": ""}, "已核实的事项须填写核实人"),
    ({"verified_on": None}, "已核实的事项须填写核实日期"),
    ({"verified_on": date(2026, 2, 1)}, "核实日期不能早于事项日期"),
    ({"verify_note": ""}, "已核实的事项须填写核实说明"),
    ({"kind": "办理中"}, "“办理中”的事项不能核实为属实"),
    ({"status": "待核实", "verified_by": "张三"}, "待核实的事项不应填写核实人"),
    ({"reference": "号" * 101}, "来源编号不超过 100 字"),
])
def test_an_item_names_what_is_wrong(changes, message):
    found = _item(**changes).problems()
    assert any(message in line for line in found), found
    with pytest.raises(DailyRecordError):
        _item(**changes).validate()
    assert _item().problems() == [] and _item(source="其他", kind="推诿扯皮").problems() == []


def test_verification_needs_a_note_and_a_date_within_bounds():
    item = _item(status="待核实")
    with pytest.raises(DailyRecordError, match="请填写核实说明"):
        item.verify("属实", "李四", TODAY)
    with pytest.raises(DailyRecordError, match="核实日期不能晚于今天"):
        item.verify("属实", "李四", TODAY, on=date(2026, 12, 1), note="属实")
    with pytest.raises(DailyRecordError, match="核实日期不能早于事项日期"):
        item.verify("属实", "李四", TODAY, on=date(2026, 2, 1), note="属实")
    with pytest.raises(DailyRecordError, match="核实结果应为"):
        item.verify("存疑", "李四", TODAY, note="x")
    assert item.status == "待核实" and item.history == []
    item.verify("属实", "李四", TODAY, on=date(2026, 3, 5), note="调阅督办单")
    assert (item.status, item.verified_by, item.verified_on, item.verify_note) == (
        "属实", "李四", date(2026, 3, 5), "调阅督办单")
    with pytest.raises(DailyRecordError, match="事项已是“属实”"):
        item.verify("属实", "李四", TODAY, note="again")
    with pytest.raises(DailyRecordError, match="更改核实结果须写明理由"):
        item.verify("不属实", "王五", TODAY)
    item.verify("待核实", "王五", TODAY, note="复核发现材料有误")
    assert (item.status, item.verified_by, item.verified_on, item.verify_note) == ("待核实", "", None, "")
    assert [step[1:3] for step in item.history] == [("待核实", "属实"), ("属实", "待核实")]
    in_progress = _item(kind="办理中", status="待核实")
    with pytest.raises(DailyRecordError, match="办理中"):
        in_progress.verify("属实", "李四", TODAY, note="核实")
    in_progress.verify("不属实", "李四", TODAY, note="该事项不属本部门")
    assert in_progress.status == "不属实"


def test_deductions_count_verified_faults_by_kind_down_to_the_floor():
    items = [_item(kind="未办结"), _item(kind="逾期办结"), _item(kind="按时办结"),
             _item(source="举报", kind="推诿扯皮"), _item(source="举报", kind="干预机构编制", status="不属实"),
             _item(source="举报", kind="推诿扯皮", status="待核实")]
    found = leaf_value("daily", items, 10, deduction=2, floor=0, year="2026")
    # 未办结 2 + 逾期办结 1 + 推诿扯皮 2 = 5 off; 不属实 and 待核实 not counted
    assert found.value == 5 and len(found.counted) == 3 and len(found.pending) == 1 and found.rejected == 1
    assert "2026年度核实属实的扣分事项 3 项" in found.evidence and "另有待核实 1 项" in found.evidence
    assert "核实不属实 1 项" in found.evidence
    only_reports = leaf_value("daily:举报", items, 10, deduction=2, floor=0)
    assert only_reports.value == 8 and [item.kind for item in only_reports.counted] == ["推诿扯皮"]
    floored = leaf_value("daily", items, 10, deduction=4, floor=3)
    assert floored.value == 3  # 10 − 4 × 2.5 = 0, floor 3
    clean = leaf_value("daily", [], 10, deduction=2, floor=0, year="2026")
    assert clean.value == 10 and clean.counted == []


def test_completion_rate_is_done_over_assigned_of_the_verified():
    items = [_item(kind="按时办结"), _item(kind="逾期办结"), _item(kind="未办结"), _item(kind="未办结", source="督查"),
             _item(kind="按时办结", status="待核实"), _item(kind="按时办结", status="不属实"),
             _item(source="举报", kind="推诿扯皮")]
    found = leaf_value("daily-rate", items, 10, year="2026")
    assert found.value == 5.0 and len(found.counted) == 4  # 2 of 4 assignments done
    assert "交办 4 项，办结 2 项（办结率 50.0%）" in found.evidence
    assert leaf_value("daily-rate:批办", items, 9).value == 6.0  # 2 of 3 批办
    nothing = leaf_value("daily-rate:热线", items, 9, year="2026")
    assert nothing.value == 9 and "没有核实属实的交办事项，按满分计" in nothing.evidence


def test_a_government_without_items_that_year_leaves_the_leaf_missing():
    for source in ("daily", "daily-rate"):
        found = leaf_value(source, None, 10, year="2026")
        assert found.value is None and "尚未登记2026年度只考一次事项" in found.evidence
    assert leaf_value("daily-rate:举报", [], 10).value is None  # not a source of this register


def test_sources_are_named_and_validated_in_indicator_systems():
    assert rule_of("daily") and rule_of("daily:举报").source == "举报" and rule_of("daily-rate:批办").rate
    assert rule_of("daily-rate:举报") is None and rule_of("dailyx") is None and rule_of("manual") is None
    assert all(rule_of(code) for code in SOURCE_CODES)
    system = IndicatorSystem("2026年度履职考核", [
        Indicator(("履职",), 1), Indicator(("履职", "推诿扯皮"), 0.5, 10, "daily:举报", deduction=3, floor=1),
                                             Indicator(("履职", "批办落实"), 0.5, 10, "daily-rate:批办")])
    system.validate()
    back = from_xlsx(to_xlsx(system))  # the deduction and floor of a daily leaf survive the .xlsx
    assert (back.get(("履职", "推诿扯皮")).deduction, back.get(("履职", "推诿扯皮")).floor) == (3, 1)
    system.indicators[1].source = "daily-rate:举报"
    with pytest.raises(IndicatorError, match="daily-rate"):
        system.validate()


def test_the_evaluation_scores_the_leaves_from_the_items():
    system = IndicatorSystem("2026年度履职考核", [
        Indicator(("履职",), 1), Indicator(("履职", "推诿扯皮"), 0.5, 10, "daily:举报", deduction=3, floor=1),
                                             Indicator(("履职", "批办落实"), 0.5, 10, "daily-rate")])
    with_items = DepartmentInputs("示例市水利局", daily_year="2026",
                                  daily_items=[_item(source="举报", kind="推诿扯皮"), _item(kind="按时办结")])
    none_recorded = DepartmentInputs("示例市商务局", daily_items=None, daily_year="2026")
    [first, second] = evaluate(system, [with_items, none_recorded])
    assert first.department == "示例市水利局" and [leaf.score for leaf in first.indicators] == [7, 10]
    assert first.total == 85.0
    assert second.total is None and [leaf.score for leaf in second.indicators] == [None, None]


def test_year_of_a_system():
    assert year_of("2025年度市级机关履职考核", "2026-01-02T00:00") == "2025"
    assert year_of("市直部门六个方面", "2026-01-02T00:00") == "2026"


def _row(**changes) -> list:
    values = {"编号": "", "部门": "水利局", "来源": "热线", "日期": "2026-03-01", "事项": "12345 工单转办",
              "来源编号": "GD-001", "情形": "按时办结", "核实结果": "", "核实人": "", "核实日期": "", "核实说明": ""}
    values.update(changes)
    return [values[column] for column in IMPORT_HEADER]


def test_import_names_every_bad_row():
    data = xlsx_bytes([
        _row(),
        _row(部门="无此局"),
        _row(日期="三月"),
        _row(来源="举报", 情形="未办结"),
        _row(核实结果="属实"),
        _row(部门="水利局、商务局"),
        _row(编号="日常-2026-009"),
        _row(编号="日常-2026-009"),
        _row(编号="X-1"),
    ], IMPORT_HEADER)
    with pytest.raises(DailyRecordError) as raised:
        read_items(data, DEPARTMENTS, "示例市", taken={"日常-2026-001"})
    errors = raised.value.errors
    assert "第3行“部门”列的“无此局”不是本政府已有的部门" in errors
    assert any(line.startswith("第4行“日期”列的“三月”不是日期") for line in errors)
    assert any(line.startswith("第5行：来源为“举报”的事项") for line in errors)
    assert "第6行：已核实的事项须填写核实人" in errors
    assert "第7行“部门”列只能写一个部门（每个部门一行）" in errors
    assert "第9行：编号“日常-2026-009”与第8行重复" in errors
    assert any(line.startswith("第10行“编号”列的“X-1”格式不对") for line in errors)
    assert not any(line.startswith(("第2行", "第8行")) for line in errors)
    with pytest.raises(DailyRecordError, match="已在台账中"):
        read_items(xlsx_bytes([_row(编号="日常-2026-001")], IMPORT_HEADER), DEPARTMENTS, "示例市",
                   taken={"日常-2026-001"})
    with pytest.raises(DailyRecordError, match="第1行表头应为"):
        read_items(xlsx_bytes([_row()], ["部门"]), DEPARTMENTS, "示例市")
    with pytest.raises(DailyRecordError, match="文件中没有事项"):
        read_items(xlsx_bytes([], IMPORT_HEADER), DEPARTMENTS, "示例市")


def test_the_export_imports_back_to_the_same_items():
    items = [_item(number="日常-2026-001", reference="批〔2026〕3号", attachments=["批示.pdf"]),
             _item(source="举报", kind="推诿扯皮", status="不属实", number="日常-2026-002", department="示例市商务局"),
             _item(source="热线", kind="办理中", status="待核实", number="日常-2026-003", matter="=SUM(A1)")]
    back = read_items(items_xlsx(items), DEPARTMENTS, "示例市")
    for item in items:
        item.attachments = []  # evidence files are not in the sheet's import columns
    assert back == items
