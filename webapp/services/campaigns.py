"""Glue between the store and `survey.campaigns` that the campaign pages and `sanding campaigns`
share: the status board from what is stored, draws of units, evidence files, reminders."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from survey.campaigns import reminders as reminder_rules
from survey.campaigns.board import (
    COLUMN_NAMES,
    COLUMNS,
    RULES,
    STATUS_NAMES,
    Board,
    CampaignFacts,
    RectificationFact,
    Submission,
    UnitFacts,
    build_board,
)
from survey.campaigns.phases import PHASE_NAMES, PHASES, CampaignError
from survey.campaigns.sampling import draw, new_seed
from survey.sheets import ListError

from .. import store
from . import panels
from . import problems as evidence
from .evaluations import system_of

MAX_FILES = 10  # per submission or visit: a report, its annexes, a few photos
FILE_PREFIX = "campaign-"
DRAW_KINDS = {"scope": "评估单位", "site": "实地抽查单位"}


@dataclass
class CampaignBoard:
    """A campaign's board and what the pages need beside it."""
    campaign: dict
    board: Board
    unit_ids: dict[str, int]  # unit name → department id
    manual_leaves: list[tuple[str, ...]] = field(default_factory=list)


def deadlines_of(campaign: dict) -> dict[str, date | None]:
    """The stored deadlines as dates, every phase present (None: not scheduled)."""
    stored = campaign.get("deadlines") or {}
    return {phase: date.fromisoformat(stored[phase]) if stored.get(phase) else None for phase in PHASES}


def _day(stamp: str | None) -> date | None:
    return date.fromisoformat(stamp[:10]) if stamp else None


def manual_leaves(db, campaign: dict) -> list[tuple[str, ...]] | None:
    """The leaves evaluators score by hand in the campaign's system (None: no system chosen)."""
    if campaign["system_id"] is None:
        return None
    row = store.evaluations.get_system(db, campaign["system_id"])
    if row is None:
        return None
    return [leaf.path for leaf in system_of(row).leaves() if leaf.source == "manual"]


def _scored(db, campaign: dict, leaves: list[tuple[str, ...]] | None) -> dict[int, tuple[int, date | None, int]]:
    """Department id → (manual leaves scored or found 不适用, the day of the last of those scores,
    leaves every member of an expert panel has scored that wait for the office to close them)."""
    if not leaves:
        return {}
    wanted = set(leaves)
    paths: dict[int, set[tuple[str, ...]]] = {}
    last: dict[int, date | None] = {}
    rules = panels.rules(db, campaign["system_id"])
    given: dict[tuple[int, tuple[str, ...]], set[int]] = {}  # members who scored a leaf not yet closed
    for row in store.evaluations.list_scores(db, campaign["system_id"]):
        path = tuple(row["path"])
        if path in wanted and not rules.counts(path) and row["by"] in rules.members:
            given.setdefault((row["department_id"], path), set()).add(row["by"])
        if path in wanted and rules.counts(path):  # with an expert panel: a leaf once closed
            paths.setdefault(row["department_id"], set()).add(path)
            day = _day(row["at"])
            previous = last.get(row["department_id"])
            last[row["department_id"]] = day if previous is None or (day and day > previous) else previous
    to_close: dict[int, int] = {}
    for (department_id, _path), members in given.items():
        if len(members) == len(rules.members):
            to_close[department_id] = to_close.get(department_id, 0) + 1
    return {department_id: (len(paths.get(department_id, ())), last.get(department_id), to_close.get(department_id, 0))
            for department_id in set(paths) | set(to_close)}


def facts(db, campaign: dict) -> tuple[CampaignFacts, list[UnitFacts], dict[str, int], list[tuple[str, ...]]]:
    """What the board is built from: the campaign's facts, each unit's, unit ids by name, and the
    manual leaves of its system."""
    campaign_id = campaign["id"]
    materials = store.campaigns.list_materials(db, campaign_id)
    names = {row["id"]: row["name"] for row in materials}
    leaves = manual_leaves(db, campaign)
    scored = _scored(db, campaign, leaves)
    submissions: dict[int, list[Submission]] = {}
    for row in store.campaigns.list_submissions(db, campaign_id):
        if row.get("withdrawn_at"):  # a unit's own submission the office sent back: it waits for the next
            continue
        submissions.setdefault(row["department_id"], []).append(Submission(
            date.fromisoformat(row["submitted_on"]), frozenset(names[i] for i in row["material_ids"])))
    visits: dict[int, list[date]] = {}
    for row in store.campaigns.list_visits(db, campaign_id):
        visits.setdefault(row["department_id"], []).append(date.fromisoformat(row["visited_on"]))
    feedback = {row["department_id"]: _day(row["at"]) for row in store.campaigns.list_feedback(db, campaign_id)}
    entries: dict[int, list[RectificationFact]] = {}
    for row in store.campaigns.list_rectifications(db, campaign_id):
        entries.setdefault(row["unit_id"], []).append(RectificationFact(
            row["status"], date.fromisoformat(row["deadline"]), _day(row["closed_on"])))
    units, ids = [], {}
    for unit in store.campaigns.list_units(db, campaign_id):
        department_id = unit["department_id"]
        count, scored_on, to_close = scored.get(department_id, (0, None, 0))
        units.append(UnitFacts(unit["name"], bool(unit["on_site"]), submissions.get(department_id, []), count,
                               scored_on, visits.get(department_id, []), feedback.get(department_id),
                               entries.get(department_id, []), leaves_to_close=to_close))
        ids[unit["name"]] = department_id
    campaign_facts = CampaignFacts(deadlines_of(campaign), _day(campaign["plan_published_on"]),
                                   tuple(row["name"] for row in materials), None if leaves is None else len(leaves))
    return campaign_facts, units, ids, leaves or []


def board(db, campaign: dict, today: date | None = None) -> CampaignBoard:
    """The campaign's status board as of `today` (default: today)."""
    campaign_facts, units, ids, leaves = facts(db, campaign)
    return CampaignBoard(campaign, build_board(campaign_facts, units, today or date.today()), ids, leaves)


def to_json(found: CampaignBoard) -> dict:
    """The JSON of `sanding campaigns status --json`: the campaign, then the board."""
    campaign = found.campaign
    return {"campaign": campaign["name"], "id": campaign["id"], "government": campaign["government_name"],
            "year": campaign["year"], "system": campaign["system_name"], **_target(campaign),
            **found.board.to_dict()}


def _target(campaign: dict) -> dict:
    """Whom the campaign evaluates, as the JSON outputs give it: key and name (部门 / 旗市区)."""
    target = campaign.get("target") or store.counties.DEPARTMENTS
    return {"target": target, "target_name": store.counties.TARGETS.get(target, target)}


def status_lines(found: CampaignBoard) -> list[str]:
    """The board in Chinese, as `sanding campaigns status` prints it."""
    campaign, board_ = found.campaign, found.board
    deadlines = "；".join(f"{PHASE_NAMES[phase]} {due.isoformat() if due else '未定'}"
                         for phase, due in board_.deadlines.items())
    lines = [f"{campaign['government_name']} · {campaign['name']}（{campaign['year']} 年度）",
             f"评估对象：{_target(campaign)['target_name']}；指标体系：{campaign['system_name'] or '未选'}；"
             f"当前阶段：{PHASE_NAMES[board_.phase]}；截至 {board_.today.isoformat()}",
             f"截止日期：{deadlines}",
             f"方案：{board_.plan.name}（{board_.plan.detail}）", ""]
    if not board_.rows:
        return lines + ["尚未确定评估单位。"]
    for row in board_.rows:
        lines.append(row.unit + ("（实地抽查）" if row.on_site else ""))
        for column in COLUMNS:
            cell = row.cells[column]
            late = "，逾期完成" if cell.done_late else ""
            lines.append(f"  {COLUMN_NAMES[column]}：{cell.name}（{cell.detail}{late}）")
    counts = board_.counts()
    lines += ["", "合计："]
    for column in COLUMNS:
        shown = "，".join(f"{STATUS_NAMES[status]} {n}" for status, n in counts[column].items() if n)
        lines.append(f"  {COLUMN_NAMES[column]}：{shown}")
    return lines


def list_json(db, campaigns: list[dict], today: date | None = None) -> list[dict]:
    """`sanding campaigns list --json`: each campaign with its phase and how many units are late."""
    found = []
    for campaign in campaigns:
        board_ = board(db, campaign, today).board
        found.append({"id": campaign["id"], "name": campaign["name"], "government": campaign["government_name"],
                      "year": campaign["year"], **_target(campaign), "system": campaign["system_name"],
                      "units": len(board_.rows),
                      "phase": board_.phase, "phase_name": PHASE_NAMES[board_.phase],
                      "late": len({row.unit for _column, row, _cell in board_.late()})})
    return found


# --- choosing units ----------------------------------------------------------------------------

def candidates(db, campaign: dict) -> dict[str, int]:
    """Whom the campaign may evaluate, name → id: the government's departments, or the counties
    (旗市区) under it for a campaign that evaluates counties (store.counties)."""
    if campaign.get("target") == store.counties.COUNTIES:
        return store.counties.unit_ids(db, campaign["government_id"])
    return store.documents.department_ids(db, campaign["government_id"])


def population(db, campaign: dict, kind: str) -> list[str]:
    """Who a draw picks from, by name: the government's departments or counties (scope) or the
    units in scope (site)."""
    if kind == "site":
        return [unit["name"] for unit in store.campaigns.list_units(db, campaign["id"])]
    return sorted(candidates(db, campaign))


def draw_units(db, campaign: dict, kind: str, size: int, seed: int | None, by: int | None) -> tuple[int, list[str]]:
    """Draw `size` units with `seed` (a fresh one when None) and make them the scope (kind
    "scope"; units that stay keep their on-site mark) or the on-site list ("site"). The seed and
    population are stored with the draw. Returns (seed, names drawn); CampaignError in Chinese."""
    if kind not in DRAW_KINDS:
        raise CampaignError(["抽取对象应为评估单位或实地抽查单位"])
    seed = new_seed() if seed is None else seed
    names = population(db, campaign, kind)
    if kind == "site" and not names:
        raise CampaignError(["请先确定评估单位，再从中抽取实地抽查单位"])
    drawn = draw(names, size, seed)
    units = store.campaigns.list_units(db, campaign["id"])
    if kind == "site":
        ids = {unit["name"]: unit["department_id"] for unit in units}
        scope, site = list(ids.values()), [ids[name] for name in drawn]
    else:
        ids = candidates(db, campaign)
        scope = [ids[name] for name in drawn]
        site = [unit["department_id"] for unit in units if unit["on_site"] and unit["department_id"] in scope]
    try:
        store.campaigns.set_units(db, campaign["id"], scope, site, by, draw={
            "kind": kind, "seed": seed, "size": size, "population": names, "drawn": drawn})
    except store.StoreError as error:
        raise CampaignError([str(error)]) from None
    return seed, drawn


# --- evidence files ----------------------------------------------------------------------------

def save_files(uploads: Path, given: list[tuple[object, str]]) -> list[dict]:
    """Save (stream, file name) pairs as evidence, like the 问题台账's (kinds, size, generated names);
    all or none: on a refused file the ones saved are removed. CampaignError in Chinese."""
    if len(given) > MAX_FILES:
        raise CampaignError([f"一次最多上传 {MAX_FILES} 个附件"])
    try:
        return evidence.save_attachments(uploads, given, FILE_PREFIX)
    except ListError as error:
        raise CampaignError(error.errors) from None


def remove_files(uploads: Path, saved: list[dict]) -> None:
    """Remove saved files whose rows were never stored (the record they came with was refused)."""
    evidence.remove_attachment_files(uploads, saved)


def file_path(uploads: Path, row: dict) -> Path:
    return evidence.attachment_path(uploads, row)


# --- reminders -----------------------------------------------------------------------------------

def last_reminders(db, campaign_id: int) -> dict[int, dict]:
    """Department id → its newest reminder."""
    found: dict[int, dict] = {}
    for row in store.campaigns.list_reminders(db, campaign_id):  # newest first
        found.setdefault(row["department_id"], row)
    return found


def late_units(db, found: CampaignBoard) -> list[reminder_rules.LateUnit]:
    """The late units of the board with the last reminder each was sent."""
    last = last_reminders(db, found.campaign["id"])
    by_name = {name: last[i] for name, i in found.unit_ids.items() if i in last}
    return reminder_rules.late_units(found.board, by_name)


def remind_late(db, found: CampaignBoard, by: int | None) -> int:
    """Store the default reminder for every late unit and phase; returns how many were stored."""
    reminders = [{"department_id": found.unit_ids[row.unit], "phase": column,
                  "message": reminder_rules.default_message(found.campaign["name"], column, cell, found.board.today)}
                 for column, row, cell in found.board.late()]
    return store.campaigns.add_reminders(db, found.campaign["id"], reminders, by) if reminders else 0


def reminders_xlsx(db, found: CampaignBoard) -> bytes:
    return reminder_rules.to_xlsx(late_units(db, found))


RULE_LINES = [(COLUMN_NAMES.get(key, PHASE_NAMES.get(key, key)), rule) for key, rule in RULES.items()]
