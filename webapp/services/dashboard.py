"""The 工作台: what needs doing, per role, each with the page where it is done."""
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
