"""Campaign rules without Flask or SQL: reproducible draws, deadlines in order, the phase under way,
the status board (done / late / missing per unit and phase, with dates) and the reminder sheet."""
from __future__ import annotations

import hashlib
import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from survey.campaigns.board import (
    DONE,
    LATE,
    MISSING,
    NOT_APPLICABLE,
    CampaignFacts,
    RectificationFact,
    Submission,
    UnitFacts,
    build_board,
)
from survey.campaigns.phases import CampaignError, CampaignPlan, current_phase, deadline_problems
from survey.campaigns.reminders import HEADER, default_message, late_units, to_xlsx
from survey.campaigns.sampling import draw, new_seed, parse_seed

UNITS = [f"示例市{name}局" for name in "甲乙丙丁戊己庚辛壬癸"]
TODAY = date(2026, 5, 20)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


# --- sampling ------------------------------------------------------------------------------------

def test_the_same_seed_draws_the_same_units_whatever_the_order():
    first = draw(UNITS, 4, 20260520)
    assert len(first) == 4 and len(set(first)) == 4 and set(first) <= set(UNITS)
    assert draw(list(reversed(UNITS)), 4, 20260520) == first
    assert draw(UNITS + UNITS[:3], 4, 20260520) == first  # a name listed twice is one unit
    # anyone can check a draw from the 方案: smallest SHA-256 of "seed:name" first
    expected = sorted(UNITS, key=lambda name: hashlib.sha256(f"20260520:{name}".encode()).hexdigest())[:4]
    assert first == expected
    assert draw(UNITS, 5, 20260520)[:4] == first  # a larger draw of the same seed extends it


def test_other_seeds_draw_other_units():
    drawn = {tuple(draw(UNITS, 3, seed)) for seed in range(20)}
    assert len(drawn) > 10


@pytest.mark.parametrize("size, seed, message", [
    (11, 1, "抽取数量（11）超过可抽取的单位数（10）"),
    (0, 1, "抽取数量至少为 1"),
    (2, -1, "随机种子应为 0 到 999999999999 之间的整数"),
])
def test_a_draw_that_cannot_be_made_is_refused_in_chinese(size, seed, message):
    with pytest.raises(CampaignError) as raised:
        draw(UNITS, size, seed)
    assert message in raised.value.errors


def test_an_empty_population_and_typed_seeds():
    with pytest.raises(CampaignError, match="没有可抽取的单位"):
        draw([], 1, 5)
    assert parse_seed(" 2026 ") == 2026 and parse_seed("") is None
    for bad in ("12a", "-3", "１２", "1" * 13):
        with pytest.raises(CampaignError, match="随机种子应为"):
            parse_seed(bad)
    assert 100_000 <= new_seed() <= 999_999


# --- phases ---------------------------------------------------------------------------------------

def test_a_deadline_before_an_earlier_phases_is_named():
    deadlines = {"plan": days(0), "self": days(10), "review": days(5), "feedback": None, "rectify": days(7)}
    assert deadline_problems(deadlines) == ["“评估/抽查”的截止日期（2026-05-25）早于“自查自评”的截止日期（2026-05-30）",
                                            "“整改”的截止日期（2026-05-27）早于“自查自评”的截止日期（2026-05-30）"]
    assert deadline_problems({"plan": days(0), "self": days(0), "rectify": days(1)}) == []
    plan = CampaignPlan("", 1999, materials=["信息表", "信息表", ""], deadlines=deadlines)
    errors = plan.problems()
    assert "请填写活动名称" in errors and "年度应在 2000–2100 之间" in errors
    assert "材料“信息表”重复" in errors and "材料名称不能为空" in errors and len(errors) == 6
    with pytest.raises(CampaignError):
        plan.validate()


def test_the_phase_under_way():
    deadlines = {"plan": days(-20), "self": days(-5), "review": days(10), "feedback": days(20), "rectify": days(60)}
    assert current_phase(deadlines, TODAY, published=False) == "plan"
    assert current_phase(deadlines, TODAY, published=True) == "review"
    assert current_phase(deadlines, days(10), published=True) == "review"  # the deadline day is still on time
    assert current_phase(deadlines, days(11), published=True) == "feedback"
    assert current_phase(deadlines, days(100), published=True) == "rectify"
    assert current_phase({}, TODAY, published=True) == "self"
    assert current_phase({"review": days(3)}, TODAY, published=True) == "review"


# --- the board -------------------------------------------------------------------------------------

def campaign(**changes) -> CampaignFacts:
    facts = CampaignFacts(deadlines={"plan": days(-30), "self": days(-10), "review": days(10), "feedback": days(30),
                                     "rectify": days(90)},
                          published_on=days(-31), materials=("自查报告", "信息表1"), leaves_needed=3)
    for key, value in changes.items():
        setattr(facts, key, value)
    return facts


def cell(facts: CampaignFacts, unit: UnitFacts, column: str, today: date = TODAY):
    return build_board(facts, [unit], today).rows[0].cells[column]


def test_self_assessment_is_done_when_the_submissions_cover_the_materials_list():
    facts = campaign()
    nothing = cell(facts, UnitFacts("甲"), "self")
    assert (nothing.status, nothing.detail) == (LATE, "未报送") and nothing.days_late(TODAY) == 10
    assert cell(facts, UnitFacts("甲"), "self", days(-10)).status == MISSING  # on the deadline day: not late yet
    part = cell(facts, UnitFacts("甲", submissions=[Submission(days(-12), frozenset({"自查报告"}))]), "self")
    assert (part.status, part.detail) == (LATE, "缺：信息表1")
    both = UnitFacts("甲", submissions=[Submission(days(-12), frozenset({"自查报告"})),
                                         Submission(days(-11), frozenset({"信息表1"}))])
    done = cell(facts, both, "self")
    assert (done.status, done.done_on, done.done_late) == (DONE, days(-11), False)
    late = cell(facts, UnitFacts("甲", submissions=[Submission(days(-2), frozenset({"自查报告", "信息表1"}))]), "self")
    assert late.status == DONE and late.done_late  # done, but after the deadline: shown as such
    any_submission = cell(campaign(materials=()), UnitFacts("甲", submissions=[Submission(days(-20))]), "self")
    assert any_submission.status == DONE


def test_review_is_done_when_every_manual_leaf_is_scored():
    assert cell(campaign(), UnitFacts("甲", leaves_scored=2), "review").detail == "已评 2/3 项"
    assert cell(campaign(), UnitFacts("甲", leaves_scored=2), "review").status == MISSING
    assert cell(campaign(), UnitFacts("甲", leaves_scored=2), "review", days(11)).status == LATE
    done = cell(campaign(), UnitFacts("甲", leaves_scored=3, scored_on=days(-1)), "review")
    assert (done.status, done.done_on) == (DONE, days(-1))
    assert cell(campaign(leaves_needed=None), UnitFacts("甲"), "review").detail == "未选指标体系"
    assert cell(campaign(leaves_needed=0), UnitFacts("甲"), "review").status == DONE


def test_review_names_the_panel_leaves_waiting_to_be_closed():
    waiting = cell(campaign(), UnitFacts("甲", leaves_scored=1, leaves_to_close=2), "review")
    assert (waiting.status, waiting.detail) == (MISSING, "已评 1/3 项，专家组已评完 2 项待关闭")


def test_site_visits_count_only_for_units_chosen_for_them():
    assert cell(campaign(), UnitFacts("甲"), "site").status == NOT_APPLICABLE
    assert cell(campaign(), UnitFacts("甲", on_site=True), "site").status == MISSING
    late = cell(campaign(), UnitFacts("甲", on_site=True), "site", days(11))
    assert late.status == LATE and late.deadline == days(10)  # the deadline of 评估/抽查
    done = cell(campaign(), UnitFacts("甲", on_site=True, visits=[days(-1), days(-3)]), "site")
    assert (done.status, done.done_on, done.detail) == (DONE, days(-3), "2026-05-17 实地（共 2 次）")


def test_feedback_and_rectification():
    assert cell(campaign(), UnitFacts("甲"), "feedback").status == MISSING
    assert cell(campaign(), UnitFacts("甲", feedback_on=days(-1)), "feedback").status == DONE
    assert cell(campaign(), UnitFacts("甲"), "rectify").status == MISSING
    assert cell(campaign(), UnitFacts("甲"), "rectify", days(91)).status == LATE
    assert cell(campaign(), UnitFacts("甲", feedback_on=days(-1)), "rectify").status == NOT_APPLICABLE
    open_entry = RectificationFact("整改中", days(5))
    overdue_entry = RectificationFact("待整改", days(-1))
    closed_entry = RectificationFact("已销号", days(-20), closed_on=days(-21))
    pending = cell(campaign(), UnitFacts("甲", rectifications=[open_entry, closed_entry]), "rectify")
    assert (pending.status, pending.detail, pending.deadline) == (MISSING, "未销号 1/2 项", days(5))
    # an entry past its own due date is late although the phase's deadline is weeks away
    late = cell(campaign(), UnitFacts("甲", rectifications=[overdue_entry, open_entry]), "rectify")
    assert (late.status, late.detail, late.days_late(TODAY)) == (LATE, "未销号 2/2 项，逾期 1 项", 1)
    done = cell(campaign(), UnitFacts("甲", rectifications=[closed_entry]), "rectify")
    assert (done.status, done.done_on) == (DONE, days(-21))


def test_plan_counts_and_late_cells_in_phase_order():
    facts = campaign(published_on=None)
    units = [UnitFacts("甲", on_site=True), UnitFacts("乙", submissions=[Submission(days(-20), frozenset(
        {"自查报告", "信息表1"}))], leaves_scored=3)]
    board = build_board(facts, units, days(12))
    assert board.plan.status == LATE and board.plan.detail == "方案未发布" and board.phase == "plan"
    assert [(column, row.unit) for column, row, _cell in board.late()] == [
        ("self", "甲"), ("review", "甲"), ("site", "甲")]
    counts = board.counts()
    assert counts["self"] == {DONE: 1, LATE: 1, MISSING: 0, NOT_APPLICABLE: 0}
    assert counts["site"] == {DONE: 0, LATE: 1, MISSING: 0, NOT_APPLICABLE: 1}
    data = board.to_dict()
    assert data["phase_name"] == "方案" and data["units"][0]["cells"]["self"]["status_name"] == "逾期"
    assert [column["name"] for column in data["columns"]] == ["自查自评", "评估打分", "实地抽查", "反馈", "整改"]
    assert data["deadlines"]["review"] == "2026-05-30"


# --- reminders -----------------------------------------------------------------------------------

def test_late_units_as_a_sheet_with_chinese_headings():
    board = build_board(campaign(), [UnitFacts("示例市甲局"), UnitFacts("示例市乙局", submissions=[
        Submission(days(-20), frozenset({"自查报告", "信息表1"}))])], TODAY)
    late = late_units(board, {"示例市甲局": {"at": "2026-05-19T08:00:00+00:00", "message": "请尽快报送"}})
    assert [(item.phase_name, item.unit, item.days) for item in late] == [("自查自评", "示例市甲局", 10)]
    message = default_message("2026年度评估", "self", board.rows[0].cells["self"], TODAY)
    assert message == "请抓紧完成“2026年度评估”的自查自评工作（未报送）：截止日期为 2026-05-10，已逾期 10 天。"
    sheet = load_workbook(io.BytesIO(to_xlsx(late))).active
    found = list(sheet.iter_rows(values_only=True))
    assert list(found[0]) == HEADER
    assert list(found[1]) == ["自查自评", "2026-05-10", 10, "示例市甲局", "未报送", "2026-05-19 08:00", "请尽快报送"]
