"""The status board of a campaign: per unit and phase, done (已完成), late (逾期) or missing (未完成).

Late means past the phase's deadline (the deadline day itself is still on time, as in the
registers) and not done. What counts as done is fixed here, once, and shown beside the board
(`RULES`):

- 自查自评: the unit's submissions — its own, submitted with its self-assessment once it signs in
  (on_behalf 0), and those the office records on its behalf — together cover every material of the
  方案's list (with an empty list, any submission); a submission the office sent back is not given;
- 评估打分: every leaf an evaluator scores by hand (`manual`) has a score or is found 不适用 for
  the unit; automatic leaves (surveys, overlaps, staffing) are computed by the evaluation itself;
  with an expert panel a leaf counts once the office has closed it (the cell names the leaves
  every member has scored that wait to be closed);
- 实地抽查: a visit record exists — only for units chosen for an on-site check (不适用 for others);
  it shares the deadline of 评估/抽查;
- 反馈: the written feedback exists;
- 整改: every 整改台账 entry raised for the unit in this campaign is 已销号; an open entry past its
  own due date is late even before the phase's deadline; with feedback written and no entry
  there is nothing to rectify (不适用).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..registers import CLOSED
from .phases import FEEDBACK, PHASE_NAMES, PHASES, PLAN, RECTIFY, REVIEW, SELF, current_phase

DONE, LATE, MISSING, NOT_APPLICABLE = STATUSES = ("done", "late", "missing", "na")
STATUS_NAMES = {DONE: "已完成", LATE: "逾期", MISSING: "未完成", NOT_APPLICABLE: "不适用"}
SITE = "site"
COLUMNS = (SELF, REVIEW, SITE, FEEDBACK, RECTIFY)
COLUMN_NAMES = {SELF: "自查自评", REVIEW: "评估打分", SITE: "实地抽查", FEEDBACK: "反馈", RECTIFY: "整改"}
COLUMN_PHASE = {SELF: SELF, REVIEW: REVIEW, SITE: REVIEW, FEEDBACK: FEEDBACK, RECTIFY: RECTIFY}
RULES = {
    PLAN: "方案（含材料清单）已发布",
    SELF: "单位报送的材料覆盖材料清单的每一项（清单为空时，有一次报送即可）：单位登录后自己提交的自查自评，"
          "与编办代为登记的报送一样计入；编办退回修改的不计，待单位再次提交",
    REVIEW: "指标体系中每个由评估员打分的末级指标都已打分或认定不适用（评议、职责交叉等自动指标由评估计算）",
    SITE: "已有实地抽查记录（仅对抽中实地抽查的单位；其他单位不适用），截止日期同“评估/抽查”",
    FEEDBACK: "已写出书面反馈意见",
    RECTIFY: "本活动为该单位登记的整改事项全部销号；任一事项过了自身整改时限仍未销号即为逾期；"
             "已反馈且没有整改事项的为不适用",
}


@dataclass
class Submission:
    """A unit's submission of materials (自查报告, 信息表 …) on a day; `materials` are names."""
    on: date
    materials: frozenset[str] = frozenset()


@dataclass
class RectificationFact:
    """A 整改台账 entry raised for the unit in the campaign."""
    status: str
    due: date
    closed_on: date | None = None


@dataclass
class UnitFacts:
    """What the store knows of one unit in the campaign."""
    unit: str
    on_site: bool = False
    submissions: list[Submission] = field(default_factory=list)
    leaves_scored: int = 0  # manual leaves of the campaign's system scored (or 不适用) for the unit
    scored_on: date | None = None  # the day of the last of those scores
    visits: list[date] = field(default_factory=list)
    feedback_on: date | None = None
    rectifications: list[RectificationFact] = field(default_factory=list)
    leaves_to_close: int = 0  # with an expert panel: leaves every member has scored, not yet closed


@dataclass
class CampaignFacts:
    """What the board needs of the campaign itself."""
    deadlines: dict[str, date | None] = field(default_factory=dict)
    published_on: date | None = None
    materials: tuple[str, ...] = ()
    leaves_needed: int | None = None  # manual leaves of the system; None: no system chosen yet


@dataclass
class Cell:
    status: str
    detail: str = ""
    deadline: date | None = None
    done_on: date | None = None

    @property
    def name(self) -> str:
        return STATUS_NAMES[self.status]

    @property
    def done_late(self) -> bool:
        """Done, but after the deadline (shown, never hidden: the office reports it)."""
        return (self.status == DONE and self.done_on is not None and self.deadline is not None
                and self.done_on > self.deadline)

    def days_late(self, today: date) -> int:
        return max(0, (today - self.deadline).days) if self.status == LATE and self.deadline else 0

    def to_dict(self) -> dict:
        return {"status": self.status, "status_name": self.name, "detail": self.detail,
                "deadline": self.deadline.isoformat() if self.deadline else None,
                "done_on": self.done_on.isoformat() if self.done_on else None, "done_late": self.done_late}


@dataclass
class UnitRow:
    unit: str
    on_site: bool
    cells: dict[str, Cell]


@dataclass
class Board:
    today: date
    phase: str  # the phase under way (phases.current_phase)
    plan: Cell
    rows: list[UnitRow]
    deadlines: dict[str, date | None] = field(default_factory=dict)

    def counts(self) -> dict[str, dict[str, int]]:
        """Per column, how many units are in each status."""
        return {column: {status: sum(row.cells[column].status == status for row in self.rows)
                         for status in STATUSES} for column in COLUMNS}

    def late(self) -> list[tuple[str, UnitRow, Cell]]:
        """(column, row, cell) of every late cell, column by column, units in board order."""
        return [(column, row, row.cells[column]) for column in COLUMNS for row in self.rows
                if row.cells[column].status == LATE]

    def to_dict(self) -> dict:
        """The board as JSON-able data (`sanding campaigns status --json`)."""
        return {"today": self.today.isoformat(), "phase": self.phase, "phase_name": PHASE_NAMES[self.phase],
                "deadlines": {phase: due.isoformat() if due else None for phase, due in self.deadlines.items()},
                "plan": self.plan.to_dict(),
                "columns": [{"key": column, "name": COLUMN_NAMES[column], "phase": COLUMN_PHASE[column],
                             "rule": RULES[column]} for column in COLUMNS],
                "units": [{"unit": row.unit, "on_site": row.on_site,
                           "cells": {column: row.cells[column].to_dict() for column in COLUMNS}} for row in self.rows],
                "counts": self.counts()}


def _pending(deadline: date | None, today: date, detail: str) -> Cell:
    return Cell(LATE if deadline is not None and today > deadline else MISSING, detail, deadline)


def plan_cell(campaign: CampaignFacts, today: date) -> Cell:
    deadline = campaign.deadlines.get(PLAN)
    if campaign.published_on is not None:
        return Cell(DONE, f"{campaign.published_on.isoformat()} 发布", deadline, campaign.published_on)
    return _pending(deadline, today, "方案未发布")


def self_cell(campaign: CampaignFacts, unit: UnitFacts, today: date) -> Cell:
    deadline = campaign.deadlines.get(SELF)
    if not unit.submissions:
        return _pending(deadline, today, "未报送")
    covered: set[str] = set()
    for submission in sorted(unit.submissions, key=lambda s: s.on):
        covered |= submission.materials
        if covered >= set(campaign.materials):
            return Cell(DONE, f"{submission.on.isoformat()} 报送齐全", deadline, submission.on)
    missing = [name for name in campaign.materials if name not in covered]
    return _pending(deadline, today, "缺：" + "、".join(missing))


def review_cell(campaign: CampaignFacts, unit: UnitFacts, today: date) -> Cell:
    deadline = campaign.deadlines.get(REVIEW)
    needed = campaign.leaves_needed
    if needed is None:
        return _pending(deadline, today, "未选指标体系")
    if needed == 0:
        return Cell(DONE, "指标体系没有由评估员打分的指标", deadline)
    if unit.leaves_scored >= needed:
        return Cell(DONE, f"已评 {needed}/{needed} 项", deadline, unit.scored_on)
    # a panel's scores count once the office closes the leaf: say so, or "0/2" looks like nobody scored
    waiting = f"，专家组已评完 {unit.leaves_to_close} 项待关闭" if unit.leaves_to_close else ""
    return _pending(deadline, today, f"已评 {unit.leaves_scored}/{needed} 项{waiting}")


def site_cell(campaign: CampaignFacts, unit: UnitFacts, today: date) -> Cell:
    deadline = campaign.deadlines.get(REVIEW)
    if not unit.on_site:
        return Cell(NOT_APPLICABLE, "未抽中实地抽查", deadline)
    if unit.visits:
        first = min(unit.visits)
        more = f"（共 {len(unit.visits)} 次）" if len(unit.visits) > 1 else ""
        return Cell(DONE, f"{first.isoformat()} 实地{more}", deadline, first)
    return _pending(deadline, today, "未实地抽查")


def feedback_cell(campaign: CampaignFacts, unit: UnitFacts, today: date) -> Cell:
    deadline = campaign.deadlines.get(FEEDBACK)
    if unit.feedback_on is not None:
        return Cell(DONE, f"{unit.feedback_on.isoformat()} 反馈", deadline, unit.feedback_on)
    return _pending(deadline, today, "未反馈")


def rectify_cell(campaign: CampaignFacts, unit: UnitFacts, today: date) -> Cell:
    """Done when every entry is closed; the deadline that counts is the earliest of the phase's
    and the open entries' own due dates."""
    phase_deadline = campaign.deadlines.get(RECTIFY)
    entries = unit.rectifications
    if not entries:
        if unit.feedback_on is not None:
            return Cell(NOT_APPLICABLE, "无整改事项", phase_deadline)
        return _pending(phase_deadline, today, "反馈后登记整改事项")
    still_open = [entry for entry in entries if entry.status != CLOSED]
    if not still_open:
        closed = [entry.closed_on for entry in entries if entry.closed_on is not None]
        return Cell(DONE, f"{len(entries)} 项已销号", phase_deadline, max(closed) if closed else None)
    dues = [entry.due for entry in still_open] + ([phase_deadline] if phase_deadline else [])
    overdue = sum(today > entry.due for entry in still_open)
    detail = f"未销号 {len(still_open)}/{len(entries)} 项" + (f"，逾期 {overdue} 项" if overdue else "")
    return _pending(min(dues), today, detail)


CELLS = {SELF: self_cell, REVIEW: review_cell, SITE: site_cell, FEEDBACK: feedback_cell, RECTIFY: rectify_cell}


def build_board(campaign: CampaignFacts, units: list[UnitFacts], today: date) -> Board:
    """The board of `units` (in the order given) as of `today`."""
    rows = [UnitRow(unit.unit, unit.on_site, {column: CELLS[column](campaign, unit, today) for column in COLUMNS})
            for unit in units]
    return Board(today, current_phase(campaign.deadlines, today, campaign.published_on is not None),
                 plan_cell(campaign, today), rows, {phase: campaign.deadlines.get(phase) for phase in PHASES})
