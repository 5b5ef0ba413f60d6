"""年度评估结果: a government's evaluation results frozen per year (schema V25_HISTORY).

Written once (`freeze`), never changed: the database's triggers refuse an UPDATE or DELETE of a
snapshot or its rows, and rows beyond the snapshot's declared count. A correction is a new version
of the same year with its reason; `current_snapshots` gives the highest version of each year.
"""
from __future__ import annotations

import json

from .audit import audit
from .db import StoreError, now, one, rows, transaction

_SELECT = """SELECT history_snapshots.*, governments.name AS government_name,
    coalesce(nullif(users.display_name, ''), users.username, '命令行') AS frozen_by_name
    FROM history_snapshots JOIN governments ON governments.id = history_snapshots.government_id
    LEFT JOIN users ON users.id = history_snapshots.frozen_by"""


def _decode(row: dict) -> dict:
    row["levels"] = json.loads(row["levels_json"])
    return row


def freeze(db, government_id: int, year: int, system: dict, grading: str, found: list[dict], by: int | None,
           *, correction: str = "") -> tuple[int, int]:
    """Store the year's results; returns (snapshot id, version). `system`: id, name, version, data;
    `found`: one dict per department (department_id, version_id, department, total, rank, grade,
    missing, levels). A year already frozen is refused unless `correction` gives the reason for a
    new version (the earlier one stays as it was)."""
    at = now()
    with transaction(db):
        latest = rows(db, """SELECT max(version) AS version FROM history_snapshots
            WHERE government_id = ? AND year = ?""", [government_id, year])[0]["version"]
        if latest and not correction:
            raise StoreError(f"{year}年度的评估结果已经冻结（第 {latest} 版），不能再次冻结；"
                             "确需更正的，请写明更正原因，另存为新的版本")
        if correction and not latest:
            raise StoreError(f"{year}年度还没有冻结的评估结果，无需更正，请直接冻结")
        version = (latest or 0) + 1
        levels = [{"name": level["name"], "weight": level["weight"]} for level in system["levels"]]
        snapshot_id = db.execute(
            """INSERT INTO history_snapshots (government_id, year, version, system_id, system_name, system_version,
                system_json, levels_json, grading, reason, row_count, frozen_by, frozen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [government_id, year, version, system.get("id"), system["name"], system["version"],
             json.dumps(system["data"], ensure_ascii=False), json.dumps(levels, ensure_ascii=False), grading,
             correction, len(found), by, at]).lastrowid
        for row in found:
            db.execute("""INSERT INTO history_rows (snapshot_id, department_id, version_id, department, total, rank,
                grade, missing, levels_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                       [snapshot_id, row["department_id"], row.get("version_id"), row["department"], row["total"],
                        row["rank"], row["grade"], row["missing"], json.dumps(row["levels"], ensure_ascii=False)])
        audit(db, by, "history_freeze", f"government:{government_id}:history:{year}", None,
              {"year": year, "version": version, "system": system["name"], "departments": len(found),
               **({"reason": correction} if correction else {})})
    return snapshot_id, version


def get_snapshot(db, snapshot_id: int) -> dict | None:
    row = one(db, _SELECT + " WHERE history_snapshots.id = ?", [snapshot_id])
    return _decode(row) if row else None


def list_snapshots(db, government_id: int | None = None) -> list[dict]:
    """Every version of every year, newest year first (a government's, or all), each marked
    `current` when it is its year's highest version."""
    sql, params = _SELECT, []
    if government_id is not None:
        sql += " WHERE history_snapshots.government_id = ?"
        params.append(government_id)
    found = [_decode(row) for row in rows(db, sql + """ ORDER BY governments.name, history_snapshots.year DESC,
        history_snapshots.version DESC""", params)]
    seen = set()
    for row in found:
        row["current"] = (row["government_id"], row["year"]) not in seen
        seen.add((row["government_id"], row["year"]))
    return found


def current_snapshots(db, government_id: int) -> dict[int, dict]:
    """The counting snapshot (highest version) of each year of the government, by year."""
    return {row["year"]: row for row in list_snapshots(db, government_id) if row["current"]}


def snapshot_rows(db, snapshot_id: int) -> list[dict]:
    """A snapshot's rows by rank (unranked last), with `levels` decoded and `key`: the department
    that holds the 三定 version it was frozen with now (a department renamed by 归入 is followed),
    else the department it was frozen under."""
    found = rows(db, """SELECT history_rows.*, coalesce((SELECT versions.department_id FROM versions
            WHERE versions.id = history_rows.version_id), history_rows.department_id) AS key
        FROM history_rows WHERE snapshot_id = ? ORDER BY rank IS NULL, rank, department""", [snapshot_id])
    for row in found:
        row["levels"] = json.loads(row["levels_json"])
    return found
