"""The 大科室 rule set of a government, leader-post ledger snapshots (领导职数台账)
and work-saturation task lists."""
from __future__ import annotations

import json

from .audit import audit
from .db import now, one, rows, transaction


def get_reform_rules(db, government_id: int) -> dict | None:
    """The government's stored rule set (a ReformRules dict), None if it uses the defaults."""
    row = one(db, "SELECT rules_json FROM reform_rules WHERE government_id = ?",
                       [government_id])
    return json.loads(row["rules_json"]) if row else None


def set_reform_rules(db, government_id: int, rules: dict, by: int | None) -> None:
    """Store the government's rule set; audited with the old and new rules."""
    with transaction(db):
        old = get_reform_rules(db, government_id)
        db.execute("""INSERT INTO reform_rules (government_id, rules_json, by, at) VALUES (?, ?, ?, ?)
            ON CONFLICT(government_id) DO UPDATE SET rules_json = excluded.rules_json,
            by = excluded.by, at = excluded.at""",
                   [government_id, json.dumps(rules, ensure_ascii=False), by, now()])
        audit(db, by, "reform_rules", f"government:{government_id}", old, rules)


def save_leader_snapshot(db, government_id: int, quarter: str, summary: dict, holders: list[dict],
                         by: int | None) -> int:
    """Store a quarter's snapshot with its holders, replacing that quarter's earlier one, in one
    transaction. Holder dicts: department_id, department_name, name, post, level, since.
    The audit records counts only (no names)."""
    with transaction(db):
        old = one(db, "SELECT id FROM leader_snapshots WHERE government_id = ? AND quarter = ?",
                        [government_id, quarter])
        if old:
            db.execute("DELETE FROM leader_holders WHERE snapshot_id = ?", [old["id"]])
            db.execute("DELETE FROM leader_snapshots WHERE id = ?", [old["id"]])
        snapshot_id = db.execute(
            """INSERT INTO leader_snapshots (government_id, quarter, created_by, created_at, summary_json)
               VALUES (?, ?, ?, ?, ?)""",
            [government_id, quarter, by, now(), json.dumps(summary, ensure_ascii=False)]).lastrowid
        db.conn.executemany(
            """INSERT INTO leader_holders (snapshot_id, department_id, department_name, name, post,
               level, since) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [(snapshot_id, h.get("department_id"), h["department_name"], h["name"], h["post"],
              h.get("level") or "", h.get("since") or "") for h in holders])
        audit(db, by, "leader_snapshot", f"government:{government_id}",
                    {"snapshot_id": old["id"]} if old else None,
                    {"snapshot_id": snapshot_id, "quarter": quarter, "holders": len(holders)})
    return snapshot_id


def list_leader_snapshots(db, government_id: int) -> list[dict]:
    """A government's snapshots, newest quarter first, summary decoded."""
    found = rows(db, """SELECT leader_snapshots.*, users.username AS created_by_name,
        (SELECT count(*) FROM leader_holders WHERE snapshot_id = leader_snapshots.id) AS holders
        FROM leader_snapshots LEFT JOIN users ON users.id = leader_snapshots.created_by
        WHERE government_id = ? ORDER BY quarter DESC""", [government_id])
    for row in found:
        row["summary"] = json.loads(row.pop("summary_json"))
    return found


def get_leader_snapshot(db, snapshot_id: int) -> dict | None:
    row = one(db, """SELECT leader_snapshots.*, users.username AS created_by_name
        FROM leader_snapshots LEFT JOIN users ON users.id = leader_snapshots.created_by
        WHERE leader_snapshots.id = ?""", [snapshot_id])
    if row:
        row["summary"] = json.loads(row.pop("summary_json"))
    return row


def leader_holders(db, snapshot_id: int) -> list[dict]:
    """The office holders of a snapshot (names: show to admins only)."""
    return rows(db, "SELECT * FROM leader_holders WHERE snapshot_id = ? ORDER BY id",
                         [snapshot_id])


def replace_saturation_tasks(db, department_id: int, division: str, tasks: list[dict],
                             by: int | None) -> None:
    """Replace one division's task list (dicts: task, per_year, hours, people); audited."""
    at = now()
    with transaction(db):
        old = db.execute("SELECT count(*) FROM saturation_tasks WHERE department_id = ? AND division = ?",
                         [department_id, division]).fetchone()[0]
        db.execute("DELETE FROM saturation_tasks WHERE department_id = ? AND division = ?",
                   [department_id, division])
        db.conn.executemany(
            """INSERT INTO saturation_tasks (department_id, division, task, per_year, hours, people,
               imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [(department_id, division, t["task"], t["per_year"], t["hours"], t["people"], by, at)
             for t in tasks])
        audit(db, by, "saturation_import", f"department:{department_id}",
                    {"division": division, "tasks": old}, {"division": division, "tasks": len(tasks)})


def saturation_tasks(db, department_id: int) -> list[dict]:
    """Every task of a department's divisions, in import order."""
    return rows(db, """SELECT * FROM saturation_tasks WHERE department_id = ?
        ORDER BY division, id""", [department_id])


def get_saturation_settings(db, government_id: int) -> dict | None:
    row = one(db, "SELECT settings_json FROM saturation_settings WHERE government_id = ?",
                       [government_id])
    return json.loads(row["settings_json"]) if row else None


def set_saturation_settings(db, government_id: int, settings: dict, by: int | None) -> None:
    """Store the government's saturation settings (its figures); audited."""
    with transaction(db):
        old = get_saturation_settings(db, government_id)
        db.execute("""INSERT INTO saturation_settings (government_id, settings_json) VALUES (?, ?)
            ON CONFLICT(government_id) DO UPDATE SET settings_json = excluded.settings_json""",
                   [government_id, json.dumps(settings, ensure_ascii=False)])
        audit(db, by, "saturation_settings", f"government:{government_id}", old, settings)
