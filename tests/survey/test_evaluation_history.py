"""年度评估结果 without a database: freezing rows, 同比, two years compared, the trend chart."""
from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from survey.evaluation.evaluate import DepartmentInputs, Grading, ManualScore, evaluate
from survey.evaluation.history import (
    YearResult,
    compare,
    comparison_rows,
    comparison_xlsx,
    competition_ranks,
    first_levels,
    frozen_rows,
    grading_text,
    rank_text,
    signed,
    trend,
)
from survey.evaluation.history_chart import change_chart, trend_chart
from survey.evaluation.indicators import Indicator, IndicatorSystem


def _result(key: int, name: str, total: float | None, rank: int | None, grade: str | None = "良好",
            levels: dict | None = None) -> YearResult:
    return YearResult(key, name, total, rank, grade, ranked=3, levels=levels or {})


def _system() -> IndicatorSystem:
    return IndicatorSystem("测试体系", [
        Indicator(("职能",), 60), Indicator(("职能", "甲"), 50, 10, "manual"),
        Indicator(("职能", "乙"), 50, 10, "manual"),
        Indicator(("作风",), 40), Indicator(("作风", "丙"), 100, 20, "manual")])


def _scored(values: dict[str, tuple[float, float, float | None]]) -> list[DepartmentInputs]:
    found = []
    for department, (a, b, c) in values.items():
        manual = {("职能", "甲"): ManualScore(a, "", "张", "2026-01-01"),
                  ("职能", "乙"): ManualScore(b, "", "张", "2026-01-01")}
        if c is not None:
            manual[("作风", "丙")] = ManualScore(c, "", "张", "2026-01-01")
        found.append(DepartmentInputs(department, manual=manual))
    return found


def test_frozen_rows_keep_total_rank_grade_and_first_level_shares():
    system = _system()
    evaluations = evaluate(system, _scored({"甲局": (10, 10, 20), "乙局": (5, 5, 10), "丙局": (10, 10, None)}))
    rows = {row["department"]: row for row in frozen_rows(system, evaluations)}
    assert rows["甲局"] == {"department": "甲局", "total": 100.0, "rank": 1, "grade": "优秀", "missing": 0,
                           "levels": {"职能": 100.0, "作风": 100.0}}
    assert rows["乙局"]["total"] == 50.0 and rows["乙局"]["rank"] == 2 and rows["乙局"]["grade"] == "较差"
    assert rows["乙局"]["levels"] == {"职能": 50.0, "作风": 50.0}
    # a missing leaf: no total, no rank, that first level missing, never a zero
    assert rows["丙局"]["total"] is None and rows["丙局"]["rank"] is None and rows["丙局"]["missing"] == 1
    assert rows["丙局"]["levels"] == {"职能": 100.0, "作风": None}
    assert first_levels(system) == [{"name": "职能", "weight": 0.6}, {"name": "作风", "weight": 0.4}]


def test_grading_in_words():
    assert grading_text(Grading()) == "按分数线：优秀 ≥ 90，良好 ≥ 80，一般 ≥ 60，其余较差"
    assert grading_text(Grading(shares={"优秀": 0.2, "良好": 0.4, "一般": 0.3})) == \
        "按名次比例：优秀前 20%，良好前 40%，一般前 30%，其余较差"


def test_competition_ranks_share_a_place_and_skip():
    assert competition_ranks({1: 90.0, 2: 80.0, 3: 90.0, 4: None, 5: 70.0}) == {1: 1, 2: 3, 3: 1, 4: None, 5: 4}


def test_trend_gives_year_on_year_change_against_the_year_before_only():
    points = trend({
        2023: _result(7, "交通局", 80.0, 4, levels={"职能": 70.0, "作风": 90.0}),
        2024: _result(7, "交通运输局", 85.5, 2, levels={"职能": 80.0, "作风": 88.0}),
        2026: _result(7, "交通运输局", 90.0, 1, levels={"职能": 90.0, "作风": None}),
    })
    assert [p.year for p in points] == [2023, 2024, 2026]
    assert points[0].total_change is None and points[0].rank_change is None
    assert points[1].total_change == 5.5 and points[1].rank_change == 2  # moved up two places
    assert points[1].level_changes == {"职能": 10.0, "作风": -2.0}
    # 2025 was not frozen: 2026 has no 同比 (not against 2024)
    assert points[2].total_change is None and points[2].rank_change is None
    assert signed(points[1].total_change) == "+5.50" and signed(-0.5) == "-0.50" and signed(0.001) == "持平"
    assert signed(None) == "—"
    assert rank_text(2) == "上升 2 位" and rank_text(-1) == "下降 1 位" and rank_text(0) == "持平"
    assert rank_text(None) == "—"


def test_trend_without_a_total_has_no_change():
    points = trend({2024: _result(1, "甲局", None, None, None), 2025: _result(1, "甲局", 88.0, 1)})
    assert points[1].total_change is None and points[1].rank_change is None


def test_compare_matches_by_key_not_name_and_lists_new_and_gone():
    old = [_result(1, "交通局", 80.0, 2), _result(2, "商务局", 90.0, 1), _result(3, "粮食局", 70.0, 3)]
    new = [_result(1, "交通运输局", 88.0, 1), _result(2, "商务局", 85.0, 2), _result(4, "数据局", 60.0, 3),
           _result(5, "新设局", None, None, None)]
    found = compare(2024, old, 2025, new)
    assert [row.name for row in found.rows] == ["交通运输局", "商务局", "数据局", "新设局", "粮食局"]
    renamed = found.rows[0]
    assert renamed.status == "更名" and renamed.old.department == "交通局"
    assert renamed.rank_change == 1 and renamed.total_change == 8.0
    assert found.rows[1].rank_change == -1 and found.rows[1].total_change == -5.0 and found.rows[1].status == ""
    assert [row.name for row in found.added] == ["数据局", "新设局"]
    assert [row.name for row in found.gone] == ["粮食局"]
    assert found.rows[3].rank_change is None and found.rows[3].total_change is None
    assert found.summary() == ("2025年与2024年相比：两年均有名次的 2 个部门中，名次上升 1 个、下降 1 个、持平 0 个；"
                               "新增 2 个、不再参评 1 个、更名 1 个。")
    rows = comparison_rows(found)
    assert rows[0] == ["交通运输局", "交通局", 2, 1, "上升 1 位", 80.0, 88.0, "+8.00", "良好", "良好", "更名"]
    assert rows[2][:5] == ["数据局", "—", "—", 3, "—"] and rows[2][-1] == "新增"
    assert rows[4][:5] == ["粮食局", "粮食局", 3, "—", "—"] and rows[4][-1] == "不再参评"


def test_comparison_workbook_has_the_table_and_says_how_departments_were_matched():
    found = compare(2024, [_result(1, "交通局", 80.0, 1)], 2025, [_result(1, "交通运输局", 82.0, 1)])
    book = load_workbook(io.BytesIO(comparison_xlsx(found, "示例市2024年与2025年评估结果对比")))
    table = [[cell.value for cell in row] for row in book["历年对比"].iter_rows()]
    assert table[0][:5] == ["部门", "2024年名称", "2024年名次", "2025年名次", "名次变化"]
    assert table[1][:2] == ["交通运输局", "交通局"] and table[1][7] == "+2.00"
    assert book["历年对比"].freeze_panes == "A2"
    about = {row[0].value: row[1].value for row in book["说明"].iter_rows(min_row=2)}
    assert "部门编号" in about["对应方式"] and about["比较"].startswith("2024年 → 2025年")


def test_trend_chart_is_an_svg_with_each_year_score_and_rank_and_a_gap_for_no_total():
    points = trend({2023: _result(1, "甲局", 81.25, 3), 2024: _result(1, "甲局", None, None, None),
                    2025: _result(1, "甲局", 92.5, 1)})
    svg = trend_chart(points).decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for text in ("2023年", "2024年", "2025年", "81.25", "92.50", "第3名", "第1名", "无总分"):
        assert text in svg, text
    # two separate runs (no line across the year without a total): two line paths with markers
    assert len(re.findall(r'id="line2d_\d+"', svg)) >= 2
    assert trend_chart(points, fmt="png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_change_chart_draws_gains_and_losses_with_their_signed_values():
    svg = change_chart(["甲局", "乙局", "丙局"], [2.5, -1.25, 0.0]).decode("utf-8")
    for text in ("甲局", "乙局", "丙局", "+2.50", "-1.25", "+0.00"):
        assert text in svg, text
    assert "#1d4ed8" in svg and "#c2410c" in svg  # a gain and a loss, in two colours
