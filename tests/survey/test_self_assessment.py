"""The rules of a unit's 自查自评 and of its 整改 reports (survey/campaigns/self_assessment.py,
progress.py): scores within a leaf's range, what a submission needs, when it is late, when the
office may send it back, the self-score beside the evaluators' with the difference flagged, and
when a report may be sent and decided."""
from __future__ import annotations

from datetime import date

import pytest

from survey.campaigns import progress
from survey.campaigns.self_assessment import (
    DRAFT,
    SUBMITTED,
    AssessmentError,
    EvaluatorScore,
    Leaf,
    SelfScore,
    compare,
    edit_problem,
    file_count_problems,
    is_late,
    parse_score,
    read_scores,
    reopen_problems,
    submission_problems,
)

TEN = Leaf(("职能配置", "职责清晰"), 10)
TWENTY = Leaf(("履职尽责", "服务对象满意"), 20)


@pytest.mark.parametrize("typed, expected", [
    ("8", 8.0), (" 7.5 ", 7.5), ("７．５", 7.5), ("7。5", 7.5), ("0", 0.0), ("10", 10.0), ("", None), ("  ", None)])
def test_a_typed_score_is_read_within_the_leafs_range(typed, expected):
    assert parse_score(typed, TEN) == (expected, None)


@pytest.mark.parametrize("typed, problem", [
    ("10.5", "应在 0 到 10 分之间"), ("-1", "应在 0 到 10 分之间"), ("nan", "应在 0 到 10 分之间"),
    ("inf", "应在 0 到 10 分之间"), ("八分", "不是数字"), ("7.555", "最多保留 2 位小数")])
def test_a_score_out_of_range_or_not_a_number_is_named(typed, problem):
    value, message = parse_score(typed, TEN)
    assert value is None and problem in message and "职能配置/职责清晰" in message


def test_reading_the_form_names_every_problem_at_once():
    with pytest.raises(AssessmentError) as raised:
        read_scores([TEN, TWENTY], {TEN.path: ("11", ""), TWENTY.path: ("5", "长" * 2001)})
    assert len(raised.value.errors) == 2 and "自评说明不超过 2000 字" in raised.value.errors[1]
    found = read_scores([TEN, TWENTY], {TEN.path: ("8", " 说明 ")})
    assert found == {TEN.path: SelfScore(8.0, "说明"), TWENTY.path: SelfScore(None, "")}


def test_a_submission_needs_every_leaf_scored_and_every_material_filed():
    scores = {TEN.path: SelfScore(8), TWENTY.path: SelfScore(None, "还在查")}
    assert submission_problems([TEN, TWENTY], scores, ["自查报告", "信息表"], {"自查报告": 1}) == [
        "以下指标尚未自评打分：履职尽责/服务对象满意", "以下材料尚未上传：信息表"]
    scores[TWENTY.path] = SelfScore(0)  # zero is a score
    assert submission_problems([TEN, TWENTY], scores, ["自查报告"], {"自查报告": 2}) == []
    assert submission_problems([], {}, [], {}) == []


def test_late_means_after_the_deadline_day():
    deadline = date(2026, 5, 31)
    assert not is_late(deadline, date(2026, 5, 31)) and is_late(deadline, date(2026, 6, 1))
    assert not is_late(None, date(2030, 1, 1))


def test_who_may_change_and_reopen():
    assert edit_problem(False, None) == "评估方案尚未发布，发布后才能填写自查自评"
    assert edit_problem(True, None) is None and edit_problem(True, DRAFT) is None
    assert "已提交" in edit_problem(True, SUBMITTED)
    assert reopen_problems(DRAFT, "理由") == ["该单位的自查自评尚未提交，无需退回"]
    assert reopen_problems(SUBMITTED, "  ") == ["请填写退回理由（单位将看到）"]
    assert reopen_problems(SUBMITTED, "缺材料") == []
    assert reopen_problems(SUBMITTED, "长" * 501) == ["退回理由不超过 500 字"]
    assert file_count_problems({"自查报告": 10, "信息表": 11}) == ["“信息表”最多 10 个附件"]


def test_a_difference_beyond_a_fifth_of_the_range_is_flagged():
    own = {TEN.path: SelfScore(8), TWENTY.path: SelfScore(20)}
    evaluators = {TEN.path: EvaluatorScore(6), TWENTY.path: EvaluatorScore(15.5)}
    ten, twenty = compare([TEN, TWENTY], own, evaluators)
    assert ten.difference == 2 and ten.limit == 2 and not ten.flagged  # exactly 20 %: not beyond
    assert twenty.difference == 4.5 and twenty.limit == 4 and twenty.flagged
    lower = compare([TEN], {TEN.path: SelfScore(2)}, {TEN.path: EvaluatorScore(9)})[0]
    assert lower.difference == -7 and lower.flagged  # a unit scoring itself low is flagged too
    for evaluator in (EvaluatorScore(), EvaluatorScore(not_applicable=True), EvaluatorScore(note="专家组评分中")):
        row = compare([TEN], {TEN.path: SelfScore(1)}, {TEN.path: evaluator})[0]
        assert row.difference is None and not row.flagged
    assert compare([TEN], {}, {TEN.path: EvaluatorScore(9)})[0].difference is None
    assert compare([TEN], own, evaluators, share=0.1)[0].flagged  # the share is a parameter


def test_reports_and_decisions():
    assert progress.report_problems("已销号", False, "进展", 0) == ["该整改事项已销号，无需再报告"]
    assert progress.report_problems("整改中", True, "进展", 0) == [
        "上一次报告的整改进展尚待编办审核，审核后才能再次报告"]
    assert progress.report_problems("待整改", False, " ", 11) == ["请填写整改进展", "一次最多上传 10 个佐证附件"]
    assert progress.report_problems("待整改", False, "已完成", 1) == []
    assert progress.decision_problems(progress.ACCEPTED, progress.RETURNED, "x")[0].startswith("该报告已审核")
    assert progress.decision_problems(progress.PENDING, "maybe", "") == ["请选择认可并销号，或退回"]
    assert progress.decision_problems(progress.PENDING, progress.RETURNED, "") == ["退回须填写理由（单位将看到）"]
    assert progress.decision_problems(progress.PENDING, progress.ACCEPTED, "") == []
    assert progress.closing_proof(" 已印发 ", ["a.pdf", "b.jpg"]) == "已印发（佐证附件：a.pdf、b.jpg）"
    long = progress.closing_proof("长" * 3000, [])
    assert len(long) == progress.MAX_PROOF and long.endswith("…")
