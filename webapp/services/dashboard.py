"""The 工作台: what needs doing, per role, each with the page where it is done; and what to watch:
units over their 编制 or leader posts in the current 实名制 import, and campaign units late on a phase."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from survey.registers import is_overdue

from .. import store


@dataclass
class Todo:
    text: str
    endpoint: str
    args: dict


def todos(db, role: str, visible: frozenset[int] | None = None, today: date | None = None) -> list[Todo]:
    """What a user of `role` should look at now, most pressing first; only of the governments with
    ids in `visible` (the account's scope, webapp.scope.visible_ids; None: all)."""
    today = today or date.today()
    found: list[Todo] = []
    governments = [g for g in store.documents.list_governments(db) if visible is None or g["id"] in visible]
    if role in ("admin", "staff"):
        found += _document_todos(governments)
        for government in governments:
            if government["name"] == store.documents.UNKNOWN_GOVERNMENT:
                continue
            pending = store.findings.finding_facets(db, government["id"])["by_status"].get("open", 0)
            if pending:
                found.append(Todo(f"{government['name']}：{pending} 处疑似职责交叉待审核", "overlaps.findings",
                                  {"government_id": government["id"], "status": "open"}))
    for government in governments:  # every role follows the 整改台账 and the 机构编制问题台账
        entries = store.evaluations.list_rectifications(db, government["id"], open_only=True)
        late = [e for e in entries if is_overdue(e["status"], date.fromisoformat(e["deadline"]), today)]
        if late:
            found.append(Todo(f"{government['name']}：{len(late)} 项整改已逾期（未销号 {len(entries)} 项）",
                              "rectification.ledger", {"government_id": government["id"]}))
        problems = store.problems.list_problems(db, government["id"], open_only=True)
        late = [p for p in problems if is_overdue(p["status"], date.fromisoformat(p["due_on"]), today)]
        if late:
            found.append(Todo(f"{government['name']}：{len(late)} 项机构编制问题已逾期（未销号 {len(problems)} 项）",
                              "problems.register", {"government_id": government["id"], "overdue": "1"}))
    if role in ("admin", "evaluator"):  # what the evaluated units sent, waiting for the office
        found += _unit_todos(db, visible)
    if role == "admin":
        found += _round_todos(db, today, visible)
    return found


def _unit_todos(db, visible: frozenset[int] | None) -> list[Todo]:
    return [Todo(f"{row['campaign_name']}：{row['department_name']}报告了整改进展，待审核", "campaigns.unit",
                 {"campaign_id": row["campaign_id"], "department_id": row["department_id"]})
            for row in store.units.pending_reports(db) if visible is None or row["government_id"] in visible]


def _document_todos(governments: list[dict]) -> list[Todo]:
    found = []
    for government in governments:
        for department in government["departments"]:
            versions = department["versions"]
            if government["name"] == store.documents.UNKNOWN_GOVERNMENT:
                found.append(Todo(f"{versions[0]['file_name']}：未能识别部门名称，请填写", "documents.version",
                                  {"version_id": versions[0]["id"]}))
            elif len(versions) > 1 and not all(v["effective_date"] for v in versions):
                found.append(Todo(f"{department['name']}：{len(versions)} 个版本中有的没有施行日期，请核实现行版本",
                                  "reform.versions", {"department_id": department["id"]}))
    return found


def _round_todos(db, today: date, visible: frozenset[int] | None) -> list[Todo]:
    found = []
    for row in store.rounds.list_rounds(db):
        if row["closed_at"] or (visible is not None and row["government_id"] not in visible):
            continue
        closes = datetime.fromisoformat(row["closes"]).date() if row["closes"] else None
        if closes and closes < today:
            found.append(Todo(f"评议“{row['name']}”已过截止时间，请结束本轮并查看结果", "rounds.detail",
                              {"round_id": row["id"]}))
        elif not row["raters"] and row["kind"] == "county":
            found.append(Todo(f"评议“{row['name']}”还没有导入评议人", "rounds.detail", {"round_id": row["id"]}))
    return found


def _visible_governments(db, visible: frozenset[int] | None) -> list[dict]:
    return [g for g in store.documents.list_governments(db) if (visible is None or g["id"] in visible)
            and g["name"] != store.documents.UNKNOWN_GOVERNMENT]


def _over_text(check) -> str:
    parts = [f"{name}超编 {n} 名" for name, n in check.over_posts.items()]
    parts += [f"{name}超职数 {n} 名" for name, n in check.over_leaders.items()]
    return "、".join(parts)


def over_units(db, visible: frozenset[int] | None = None) -> list[Todo]:
    """The units with 超编 or 超职数 in each visible government's current 实名制 import (checked
    against the current 三定 like the 实名制 page), each to its 一单位一档案 page."""
    from . import roll

    found = []
    for government in _visible_governments(db, visible):
        row, checks = roll.current_checks(db, government["id"])
        if row is None:
            continue
        for department_id, check in sorted(checks.items(), key=lambda item: item[1].department):
            if check.flagged:
                found.append(Todo(f"{check.department}：{_over_text(check)}（实名制数据 {row['as_of']}）",
                                  "archive.department", {"department_id": department_id}))
    return found


def late_units(db, visible: frozenset[int] | None = None, today: date | None = None) -> list[Todo]:
    """The units late on a phase of each visible government's campaigns, as their status boards
    show them (one line per campaign and unit, its late phases named), each to its page in the
    campaign. Campaigns of counties (旗市区) have their own pages and are left out."""
    from survey.campaigns.board import COLUMN_NAMES

    from . import campaigns

    today = today or date.today()
    found = []
    for campaign in store.campaigns.list_campaigns(db):
        if (visible is not None and campaign["government_id"] not in visible) or \
                campaign.get("target") == "counties":
            continue
        board = campaigns.board(db, campaign, today)
        late: dict[str, list[str]] = {}
        for column, row, cell in board.board.late():
            late.setdefault(row.unit, []).append(f"{COLUMN_NAMES[column]}逾期 {cell.days_late(today)} 天")
        for unit, phases in late.items():
            found.append(Todo(f"{campaign['name']}：{unit}{'，'.join(phases)}", "campaigns.unit",
                              {"campaign_id": campaign["id"], "department_id": board.unit_ids[unit]}))
    return found
