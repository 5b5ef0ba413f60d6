"""Expert panels, the pure part: combining several evaluators' findings on a leaf (mean, trimmed
mean from 5, spread, disagreement, 不适用, the office's resolution), when a panel's leaf counts,
and several experts' AHP judgements combined by the geometric mean."""
from __future__ import annotations

import math

import pytest

from survey.evaluation.ahp import AhpError, group_weights, weigh
from survey.evaluation.evaluate import DepartmentInputs, evaluate
from survey.evaluation.indicators import Indicator, IndicatorSystem
from survey.evaluation.inputs import manual_scores
from survey.evaluation.panels import PanelEntry, PanelRules, Resolution, combine, combined_value, spread_of


def entries(*values, na=()):
    return [PanelEntry(f"专家{n}", value, f"依据{n}", f"2026-05-0{n + 1}", n in na, evaluator_id=n + 1)
            for n, value in enumerate(values)]


def test_mean_below_five_scorers_and_trimmed_mean_from_five():
    assert combined_value([4]) == (4, "单人评分")
    assert combined_value([3, 4, 5, 10]) == (5.5, "平均")  # four: nothing dropped
    value, method = combined_value([1, 3, 4, 5, 10])  # five: drop 1 and 10
    assert value == 4.0 and method == "去掉一个最高分和一个最低分后平均"
    assert combined_value([2, 2, 3, 9, 9, 9])[0] == pytest.approx((2 + 3 + 9 + 9) / 4)  # one of each end only
    with pytest.raises(ValueError):
        combined_value([])


def test_spread_is_range_and_sample_standard_deviation():
    spread = spread_of([3, 4, 5])
    assert (spread.low, spread.high, spread.range) == (3, 5, 2) and spread.stdev == pytest.approx(1.0)
    assert spread_of([4]).stdev == 0 and spread_of([]) is None
    assert spread_of([2, 4, 4, 4, 5, 5, 7, 9]).stdev == pytest.approx(2.138, abs=1e-3)  # n − 1, not n


def test_disagreement_is_flagged_above_the_threshold_share_of_the_maximum():
    at_limit = combine(entries(3, 5), 10)  # 20 % of 10 = 2: a spread of exactly 2 is not above it
    assert at_limit.value == 4 and not at_limit.flagged and at_limit.limit == 2
    above = combine(entries(3, 5.5), 10)
    assert above.flagged and "相差 2.5 分" in above.flag and "20%（2 分）" in above.flag
    assert combine(entries(3, 4), 10, threshold=0.05).flagged  # a system's own, stricter threshold
    assert "分歧较大" in above.summary() and "专家0（3 分）：依据0" in above.summary()


def test_five_scorers_are_combined_by_trimmed_mean_with_spread_of_all():
    combined = combine(entries(1, 3, 4, 5, 10), 10)
    assert combined.value == 4.0 and combined.method.startswith("去掉一个最高分")
    assert (combined.spread.low, combined.spread.high) == (1, 10) and combined.flagged
    assert combined.n == 5 and combined.scored == 5


def test_not_applicable_by_majority_and_mixed_findings_flagged():
    majority = combine(entries(0, 0, 4, na=(0, 1)), 5)
    assert majority.not_applicable and majority.value is None and majority.flagged
    assert "2 人认定不适用、1 人评分" in majority.flag
    tie = combine(entries(0, 4, na=(0,)), 5)
    assert not tie.not_applicable and tie.value == 4 and tie.flagged  # a tie keeps the score, flagged


def test_members_who_have_not_scored_are_named():
    combined = combine(entries(4, 5), 5, members={1: "专家0", 2: "专家1", 3: "王五", 4: "赵六"})
    assert combined.missing == ("王五", "赵六")


def test_the_office_resolution_overrides_the_combination():
    resolution = Resolution(4.5, False, "复核原始材料后认定", "管理员甲", "2026-05-09")
    combined = combine(entries(1, 5), 5, resolution=resolution)
    assert combined.value == 4.5 and combined.method == "裁定" and combined.flagged  # still shown as disputed
    assert combined.panel_value == 3 and combined.panel_method == "平均"
    assert combined.summary().startswith("管理员甲于2026-05-09裁定为4.5 分，理由：复核原始材料后认定")
    not_applicable = combine(entries(3, 4), 5, resolution=Resolution(0, True, "职责已划出", "管理员甲", "2026-05-09"))
    assert not_applicable.not_applicable and not_applicable.value is None


ROWS = [{"path": ["履职"], "value": 8, "evidence": "甲依据", "by": 1, "by_name": "甲", "at": "2026-05-01T10:00"},
        {"path": ["履职"], "value": 6, "evidence": "乙依据", "by": 2, "by_name": "乙", "at": "2026-05-02T10:00"}]


def test_a_single_score_reads_as_before_panels_and_several_combine():
    manual, pending = manual_scores(ROWS[:1])
    assert manual[("履职",)].value == 8 and manual[("履职",)].said("评分") == "甲于2026-05-01评分：甲依据"
    assert pending == {}
    manual, _ = manual_scores(ROWS, {("履职",): 10})
    assert manual[("履职",)].value == 7 and manual[("履职",)].said("评分").startswith("2 人评分，平均 7 分")


def test_a_panel_leaf_counts_only_once_closed_and_names_no_score_before():
    members = {1: "甲", 2: "乙", 3: "丙"}
    manual, pending = manual_scores(ROWS, {("履职",): 10, ("协作",): 10}, PanelRules(members))
    assert manual == {}
    assert pending[("履职",)] == "专家组评分中：已评 2/3 人，未评：丙；办公室关闭该指标后计分"
    assert "8" not in pending[("履职",)] and "甲依据" not in pending[("履职",)]
    assert pending[("协作",)].startswith("专家组评分中：已评 0/3 人")
    manual, pending = manual_scores(ROWS, {("履职",): 10}, PanelRules(members, closed=frozenset({("履职",)})))
    assert manual[("履职",)].value == 7 and pending == {}


def test_ranking_uses_the_combined_scores():
    system = IndicatorSystem("测试", [Indicator(("履职",), 1, 10, "manual")])
    first = [{**row, "value": value} for row, value in zip(ROWS, (8, 6))]  # mean 7
    second = [{**row, "value": value} for row, value in zip(ROWS, (9, 3))]  # mean 6, though 9 is the best score
    inputs = []
    for name, rows in (("甲局", first), ("乙局", second)):
        manual, pending = manual_scores(rows, {("履职",): 10})
        inputs.append(DepartmentInputs(name, manual=manual, pending_manual=pending))
    results = {e.department: e for e in evaluate(system, inputs)}
    assert (results["甲局"].total, results["甲局"].rank) == (70, 1)
    assert (results["乙局"].total, results["乙局"].rank) == (60, 2)


# --- AHP judgements of several experts -------------------------------------------------------------

TEXTBOOK = [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]  # CR 0.033 (weigh's own test)
PERMUTED = [[1, 5, 3], [1 / 5, 1, 1 / 3], [1 / 3, 3, 1]]  # the same judgements, the last two swapped
INCONSISTENT = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]


def test_group_matrix_is_the_geometric_mean_with_known_weights_and_cr():
    """a12 = a13 = √(3·5) = √15, a23 = √(3·⅓) = 1: a consistent matrix, weights √15 : 1 : 1, CR 0."""
    group = group_weights([("甲", TEXTBOOK), ("乙", PERMUTED)], ["职能", "机构", "编制"])
    assert group.matrix[0][1] == pytest.approx(math.sqrt(15)) and group.matrix[1][2] == pytest.approx(1)
    assert group.matrix[1][0] == pytest.approx(1 / math.sqrt(15))  # still reciprocal
    total = math.sqrt(15) + 2
    assert group.result.weights == pytest.approx([math.sqrt(15) / total, 1 / total, 1 / total], abs=1e-9)
    assert group.result.cr == pytest.approx(0, abs=1e-9) and group.result.consistent
    assert [round(result.cr, 3) for _, result in group.experts] == [0.033, 0.033]
    assert group.inconsistent == [] and group.used == ["甲", "乙"]


def test_consistent_experts_combine_exactly():
    """Two consistent experts (weights 8:4:1 and 8:1:4) give √(2·8)=4, √(8·2)=4, √(4·¼)=1: 4:1:1."""
    first = [[1, 2, 8], [1 / 2, 1, 4], [1 / 8, 1 / 4, 1]]
    second = [[1, 8, 2], [1 / 8, 1, 1 / 4], [1 / 2, 4, 1]]
    group = group_weights([("甲", first), ("乙", second)])
    assert group.result.weights == pytest.approx([2 / 3, 1 / 6, 1 / 6], abs=1e-9)
    assert all(result.cr == pytest.approx(0, abs=1e-9) for _, result in group.experts)


def test_inconsistent_experts_are_flagged_and_can_be_left_out():
    judgements = [("甲", TEXTBOOK), ("乙", PERMUTED), ("丙", INCONSISTENT)]
    group = group_weights(judgements)
    assert group.inconsistent == ["丙"] and group.used == ["甲", "乙", "丙"]
    assert group.result.cr == pytest.approx(weigh(group.matrix).cr)
    dropped = group_weights(judgements, drop_inconsistent=True)
    assert dropped.used == ["甲", "乙"] and dropped.left_out == ["丙"] and dropped.result.cr < 1e-9
    with pytest.raises(AhpError, match="一致性都未通过"):
        group_weights([("丙", INCONSISTENT)], drop_inconsistent=True)
    with pytest.raises(AhpError, match="还没有专家"):
        group_weights([])
    with pytest.raises(AhpError, match="阶数不一致"):
        group_weights([("甲", TEXTBOOK), ("乙", [[1, 2], [1 / 2, 1]])])
