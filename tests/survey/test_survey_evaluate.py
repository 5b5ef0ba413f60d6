"""Indicator systems and evaluation, checked against figures computed by hand."""
from __future__ import annotations

import pytest

from docproc.model import Division, Document, Leader, Staffing
from survey.evaluation.evaluate import (
    Check,
    DepartmentInputs,
    Grading,
    ManualScore,
    SurveyScore,
    evaluate,
    staffing_checks,
)
from survey.evaluation.indicators import (
    Indicator,
    IndicatorError,
    IndicatorSystem,
    city_department_template,
    from_xlsx,
    seven_indicator_template,
    to_xlsx,
)


@pytest.mark.parametrize("template", [seven_indicator_template, city_department_template])
def test_templates_are_valid_and_weights_add_up(template):
    system = template()
    system.validate()
    assert sum(system.effective_weight(leaf) for leaf in system.leaves()) == pytest.approx(1.0)
    assert all(leaf.source for leaf in system.leaves())


def test_seven_indicator_template_has_the_seven_areas():
    names = [i.name for i in seven_indicator_template().children(())]
    assert names == ["职能配置", "内设机构", "人员编制", "工作机制运行", "协作机制运行", "履职尽责", "机构编制日常管理"]


def _small() -> IndicatorSystem:
    return IndicatorSystem("小体系", [
        Indicator(("甲",), 0.6), Indicator(("甲", "甲一"), 0.5, 10, "manual"),
        Indicator(("甲", "甲二"), 0.5, 10, "survey:1"),
        Indicator(("乙",), 0.4), Indicator(("乙", "乙一"), 1.0, 20, "overlaps", deduction=2, floor=0),
    ])


def _inputs(name, manual, survey, overlaps):
    return DepartmentInputs(
        name,
        manual={("甲", "甲一"): ManualScore(manual, "核查台账", "评估员", "2026-11-01")} if manual is not None else {},
        surveys={"1": SurveyScore(survey, 12, "2026年市县评作为")}, open_overlaps=overlaps)


def test_evaluation_by_hand():
    results = evaluate(_small(), [
        _inputs("X局", 8, 90, ["甲", "乙", "丙"]),  # 100*(0.3*0.8 + 0.3*0.9 + 0.4*14/20) = 79.0
        _inputs("Y局", 10, 80, []),  # 100*(0.3*1.0 + 0.3*0.8 + 0.4*1.0) = 94.0
        _inputs("Z局", None, 70, []),  # a manual leaf is missing: no total, no rank
    ])
    by_name = {r.department: r for r in results}
    assert by_name["Y局"].total == 94.0 and by_name["Y局"].rank == 1 and by_name["Y局"].grade == "优秀"
    assert by_name["X局"].total == 79.0 and by_name["X局"].rank == 2 and by_name["X局"].grade == "一般"
    assert by_name["Z局"].total is None and by_name["Z局"].rank is None
    assert [leaf.score for leaf in by_name["Z局"].indicators] == [None, 7.0, 20.0]
    x = by_name["X局"].to_dict()["indicators"]
    assert x[1]["score"] == 9.0 and "2026年市县评作为" in x[1]["evidence"]
    assert x[2]["score"] == 14.0 and "3 处" in x[2]["evidence"]
    assert x[0]["evidence"].startswith("评估员于2026-11-01评分")


def test_hidden_survey_result_is_missing_not_zero():
    results = evaluate(_small(), [DepartmentInputs("X局", manual={("甲", "甲一"): ManualScore(5, "", "a", "b")},
                                                   surveys={"1": SurveyScore(None, 3, "轮次")}, open_overlaps=[])])
    assert results[0].indicators[1].score is None and "样本不足" in results[0].indicators[1].evidence
    assert results[0].total is None


def test_ties_share_a_rank_and_shares_grading():
    inputs = [_inputs(f"{n}局", m, 100, []) for n, m in (("A", 10), ("B", 10), ("C", 5), ("D", 0))]
    results = evaluate(_small(), inputs, Grading(shares={"优秀": 0.25, "良好": 0.25, "一般": 0.25}))
    assert [(r.department, r.rank) for r in results] == [("A局", 1), ("B局", 1), ("C局", 3), ("D局", 4)]
    assert [r.grade for r in results] == ["优秀", "优秀", "一般", "较差"]


@pytest.mark.parametrize("change, message", [
    (lambda s: setattr(s.indicators[1], "weight", 0.7), "权重之和为 1.2"),
    (lambda s: setattr(s.indicators[2], "source", None), "没有评分来源"),
    (lambda s: setattr(s.indicators[2], "source", "survey"), "无法识别"),
    (lambda s: s.indicators.append(Indicator(("甲", "甲一", "x", "y"), 1, 1, "manual")), "超过 3 级"),
    (lambda s: setattr(s.indicators[4], "max", None), "没有满分值"),
])
def test_bad_systems(change, message):
    system = _small()
    change(system)
    with pytest.raises(IndicatorError, match=message):
        system.validate()


def test_weights_in_percent_are_accepted():
    system = _small()
    system.indicators[0].weight, system.indicators[3].weight = 60, 40
    system.validate()
    assert system.effective_weight(system.indicators[1]) == pytest.approx(0.3)


def test_ahp_weights_and_refusal():
    system = _small()
    system.matrices[()] = [[1, 3], [1 / 3, 1]]
    system.apply_ahp()
    assert system.indicators[0].weight == pytest.approx(0.75)
    system.matrices[()] = [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]
    with pytest.raises(IndicatorError, match="3 阶"):
        system.apply_ahp()


def test_xlsx_round_trip_and_errors():
    system = seven_indicator_template()
    again = from_xlsx(to_xlsx(system))
    assert [(i.path, i.weight, i.max, i.source) for i in again.indicators] == \
        [(i.path, i.weight, i.max, i.source) for i in system.indicators]
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(to_xlsx(system)))
    book.active["D4"] = "很重"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(IndicatorError, match="第4行“权重”列"):
        from_xlsx(buffer.getvalue())


def test_staffing_checks():
    doc = Document(file="x", division_count_stated=3,
                   divisions=[Division("办公室", ""), Division("一科", ""), Division("机关党委", "")],
                   staffing=Staffing(leaders=[Leader("局长", 1), Leader("副局长", 3)]))
    checks = staffing_checks(doc, {"局长": 1, "副局长": 4})
    assert checks[0] == Check("内设机构数量", True, "写明 3 个，列出 3 个")
    assert checks[1].passed is False and "副局长核定3名、实配4名" in checks[1].detail
    assert staffing_checks(doc)[1].passed is None


def test_reform_source_scores_the_share_of_rules_passed():
    system = IndicatorSystem("改革", [Indicator(("内设机构",), 1.0),
                                      Indicator(("内设机构", "大科室"), 1.0, 10, "reform")])
    checks = [Check("精简比例", True, "精简 40%"), Check("综合类占比", False, "4/9 超过 1/3"),
              Check("小科室", None, "无编制数据")]
    [done] = evaluate(system, [DepartmentInputs("甲局", reform_checks=checks)])
    assert done.indicators[0].score == 5.0 and "1/2 项通过" in done.indicators[0].evidence
    [missing] = evaluate(system, [DepartmentInputs("乙局")])
    assert missing.indicators[0].score is None and missing.total is None


def test_a_matter_in_the_boundary_list_with_its_lead_costs_nothing():
    from survey.evaluation.inputs import ConfirmedOverlap, open_overlaps

    confirmed = [ConfirmedOverlap("k1", "食用农产品监管", "市场局", "农业局", lead="市场局", assisting=("农业局",)),
                 ConfirmedOverlap("k2", "燃气安全", "市场局", "住建局", lead=None),
                 ConfirmedOverlap("k3", "特种设备", "市场局", "应急局", lead="市场局"),
                 ConfirmedOverlap("k4", "价格监管", "市场局", "发改委", lead="市场局")]
    assert open_overlaps("市场局", confirmed, closed={"k4"}, rectifying={"特种设备", "k4"}) == ["燃气安全", "特种设备"]
    assert open_overlaps("农业局", confirmed, closed=set()) == []


def test_pending_findings_are_shown_but_not_deducted():
    system = IndicatorSystem("测试")
    system.indicators = [Indicator(("职责交叉",), 1.0, 10, "overlaps", deduction=2, floor=0)]
    [evaluation] = evaluate(system, [DepartmentInputs("市场局", open_overlaps=["燃气安全"], pending_overlaps=7)])
    [leaf] = evaluation.indicators
    assert leaf.score == 8 and "另有待审核的疑似职责交叉 7 处，审核前不扣分" in leaf.evidence


def test_not_applicable_leaves_give_their_weight_to_the_rest_and_overrides_replace_automatic_scores():
    from survey.evaluation.evaluate import ManualScore

    system = IndicatorSystem("测试")
    system.indicators = [Indicator(("履职",), 0.5, 10, "manual"), Indicator(("编制",), 0.3, 10, "staffing"),
                         Indicator(("交叉",), 0.2, 10, "overlaps", deduction=2, floor=0)]
    inputs = DepartmentInputs("甲局", manual={
        ("履职",): ManualScore(8, "查阅台账", "张三", "2026-12-01"),
        ("编制",): ManualScore(0, "尚未核定领导职数", "张三", "2026-12-01", not_applicable=True)},
        open_overlaps=[])
    [result] = evaluate(system, [inputs])
    by_path = {tuple(leaf.path): leaf for leaf in result.indicators}
    assert by_path[("编制",)].not_applicable and "认定不适用：尚未核定领导职数" in by_path[("编制",)].evidence
    assert result.total == round(100 * (0.5 * 0.8 + 0.2 * 1.0) / 0.7, 2) and result.rank == 1
    inputs.manual[("编制",)] = ManualScore(6, "按核查结果认定", "张三", "2026-12-01")
    [result] = evaluate(system, [inputs])
    leaf = next(leaf for leaf in result.indicators if leaf.path == ["编制"])
    assert leaf.score == 6 and "人工认定（代替自动评分）：按核查结果认定" in leaf.evidence
    assert result.total == round(100 * (0.5 * 0.8 + 0.3 * 0.6 + 0.2 * 1.0), 2)


def test_two_staffing_leaves_never_count_one_over_appointed_post_twice():
    from survey.evaluation.evaluate import Check

    system = IndicatorSystem("测试")
    system.indicators = [Indicator(("职数与分工匹配",), 0.5, 5, "staffing:divisions"),
                         Indicator(("超职数配备",), 0.5, 3, "staffing:leaders")]
    checks = [Check("内设机构数量", True, "写明 9 个，列出 9 个"), Check("领导职数", False, "副局长核定3名、实配4名")]
    [result] = evaluate(system, [DepartmentInputs("甲局", staffing_checks=checks)])
    divisions, leaders = result.indicators
    assert divisions.score == 5 and "副局长" not in divisions.evidence
    assert leaders.score == 0 and "副局长核定3名、实配4名" in leaders.evidence
    [result] = evaluate(system, [DepartmentInputs("甲局", staffing_checks=[checks[0], Check("领导职数", None, "")])])
    assert result.indicators[1].score is None and "领导职数台账" in result.indicators[1].evidence


def test_reports_follow_the_official_document_format():
    """GB/T 9704: A4 with 37/35/28/26 mm margins, 仿宋 三号 body, 方正小标宋 二号 title, page numbers."""
    import io

    from docx import Document
    from docx.oxml.ns import qn

    from survey.evaluation.report import summary_report

    system = IndicatorSystem("测试")
    system.indicators = [Indicator(("履职",), 1.0, 10, "manual")]
    scored = DepartmentInputs("甲局", manual={("履职",): ManualScore(8, "台账", "张三", "今天")})
    evaluations = evaluate(system, [scored])
    document = Document(io.BytesIO(summary_report(system, evaluations, government="示例市", title="评估结果通报")))
    section = document.sections[0]
    assert [round(value.mm) for value in (section.page_width, section.page_height, section.top_margin,
                                          section.bottom_margin, section.left_margin, section.right_margin)] == \
        [210, 297, 37, 35, 28, 26]
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16 and normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    title = document.paragraphs[0]
    assert title.text == "评估结果通报" and title.style.font.size.pt == 22
    assert title.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "— " in section.footer.paragraphs[0].text
