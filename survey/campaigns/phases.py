"""The phases of a campaign, their deadlines and what a campaign must hold to be saved.

Phases follow one another (呼伦贝尔's 方案 → 自查 → 实地抽查 → 反馈, then 整改), so a deadline may not
fall before an earlier phase's; a phase without a deadline is not scheduled and is never late.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..sheets import ListError

PLAN, SELF, REVIEW, FEEDBACK, RECTIFY = PHASES = ("plan", "self", "review", "feedback", "rectify")
PHASE_NAMES = {PLAN: "方案", SELF: "自查自评", REVIEW: "评估/抽查", FEEDBACK: "反馈", RECTIFY: "整改"}
MAX_NAME = 100
MAX_PLAN = 20_000
MAX_MATERIALS = 50
MAX_MATERIAL_NAME = 100
FIRST_YEAR, LAST_YEAR = 2000, 2100


class CampaignError(ListError):
    """A campaign, a draw, a record or a file that cannot be saved; `errors` are Chinese messages."""


def deadline_problems(deadlines: dict[str, date | None]) -> list[str]:
    """Each deadline that falls before an earlier phase's, named with both dates."""
    errors = []
    latest: tuple[str, date] | None = None
    for phase in PHASES:
        due = deadlines.get(phase)
        if due is None:
            continue
        if latest is not None and due < latest[1]:
            errors.append(f"“{PHASE_NAMES[phase]}”的截止日期（{due.isoformat()}）早于"
                          f"“{PHASE_NAMES[latest[0]]}”的截止日期（{latest[1].isoformat()}）")
        else:
            latest = (phase, due)
    return errors


def current_phase(deadlines: dict[str, date | None], today: date, published: bool) -> str:
    """The phase under way: 方案 until the plan is published; then the first phase whose deadline
    is today or later. Unscheduled phases are skipped; with no deadline at all the campaign is
    in 自查自评, and after the last one in 整改 (which lasts until its entries are closed)."""
    if not published:
        return PLAN
    scheduled = [(phase, deadlines[phase]) for phase in PHASES[1:] if deadlines.get(phase) is not None]
    if not scheduled:
        return SELF
    return next((phase for phase, due in scheduled if due is not None and today <= due), RECTIFY)


@dataclass
class CampaignPlan:
    """What the office types when it sets a campaign up (the name is unique per government,
    which the store checks)."""
    name: str
    year: int
    plan_text: str = ""
    materials: list[str] = field(default_factory=list)
    deadlines: dict[str, date | None] = field(default_factory=dict)

    def problems(self) -> list[str]:
        """What is wrong with it (empty when it can be saved)."""
        found = []
        if not self.name.strip():
            found.append("请填写活动名称")
        elif len(self.name) > MAX_NAME:
            found.append(f"活动名称不超过 {MAX_NAME} 字")
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            found.append(f"年度应在 {FIRST_YEAR}–{LAST_YEAR} 之间")
        if len(self.plan_text) > MAX_PLAN:
            found.append(f"评估方案不超过 {MAX_PLAN} 字")
        found += material_problems(self.materials)
        return found + deadline_problems(self.deadlines)

    def validate(self) -> None:
        errors = self.problems()
        if errors:
            raise CampaignError(errors)


def material_problems(names: list[str]) -> list[str]:
    """The materials list (信息表、自查报告 …): named, each once, not too many."""
    found = []
    if len(names) > MAX_MATERIALS:
        found.append(f"材料清单最多 {MAX_MATERIALS} 项")
    seen = set()
    for name in names:
        if not name.strip():
            found.append("材料名称不能为空")
        elif len(name) > MAX_MATERIAL_NAME:
            found.append(f"材料名称“{name[:20]}…”超过 {MAX_MATERIAL_NAME} 字")
        elif name in seen:
            found.append(f"材料“{name}”重复")
        seen.add(name)
    return found
