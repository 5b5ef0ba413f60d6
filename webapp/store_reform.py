"""Store functions for reform comparison: dated 三定 versions, the 大科室 rule set of a
government, leader-post ledger snapshots and work-saturation task lists.

Part of the store: all SQL of this area lives here; `store.MIGRATIONS` applies SCHEMA.
"""
from __future__ import annotations

SCHEMA: list[str] = [
    # When a 三定 took effect (its 施行 date, or given at upload); upload order otherwise.
    "ALTER TABLE versions ADD COLUMN effective_date TEXT",
    """CREATE TABLE reform_rules (
        government_id INTEGER PRIMARY KEY REFERENCES governments(id),
        rules_json TEXT NOT NULL,
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL)""",
    """CREATE TABLE leader_snapshots (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id),
        quarter TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        summary_json TEXT NOT NULL,
        UNIQUE (government_id, quarter))""",
    """CREATE TABLE leader_holders (
        id INTEGER PRIMARY KEY,
        snapshot_id INTEGER NOT NULL REFERENCES leader_snapshots(id),
        department_id INTEGER REFERENCES departments(id),
        department_name TEXT NOT NULL,
        name TEXT NOT NULL,
        post TEXT NOT NULL,
        level TEXT NOT NULL DEFAULT '',
        since TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE saturation_tasks (
        id INTEGER PRIMARY KEY,
        department_id INTEGER NOT NULL REFERENCES departments(id),
        division TEXT NOT NULL,
        task TEXT NOT NULL,
        per_year REAL NOT NULL,
        hours REAL NOT NULL,
        people REAL NOT NULL,
        imported_by INTEGER REFERENCES users(id),
        imported_at TEXT NOT NULL)""",
    """CREATE TABLE saturation_settings (
        government_id INTEGER PRIMARY KEY REFERENCES governments(id),
        settings_json TEXT NOT NULL)""",
]


# --- functions -----------------------------------------------------------------------
# `store` imports this module for SCHEMA, so store's helpers are imported lazily.

import json  # noqa: E402

# A version's place in its department's history: its effective date (施行 date, or the
# date given on import), else the day it was uploaded; ties by upload order.
ORDER_KEY = "coalesce(versions.effective_date, substr(versions.uploaded_at, 1, 10)), versions.id"
ORDER_KEY_DESC = ("coalesce(versions.effective_date, substr(versions.uploaded_at, 1, 10)) DESC, "
                  "versions.id DESC")


def _store():
    from . import store
    return store


def set_effective_date(db, version_id: int, date: str | None, by: int | None,
                       only_if_empty: bool = False) -> bool:
    """Set (or clear, with None) when a version took effect; audited. With `only_if_empty`
    a date already set (by a person) stays. Returns whether it changed."""
    store = _store()
    with store.transaction(db):
        row = store.one(db, "SELECT effective_date FROM versions WHERE id = ?", [version_id])
        if row is None:
            raise store.StoreError("版本不存在")
        old = row["effective_date"]
        if old == date or (only_if_empty and old):
            return False
        db.execute("UPDATE versions SET effective_date = ? WHERE id = ?", [date, version_id])
        store.audit(db, by, "version_date", f"version:{version_id}", {"effective_date": old},
                    {"effective_date": date})
    return True


def department_versions(db, department_id: int) -> list[dict]:
    """A department's versions, oldest first, with `date` (effective or upload day),
    `dated` (whether the date is an effective date) and `current` (the newest)."""
    found = _store().rows(db, f"""SELECT versions.id, versions.department_id, versions.file_name,
        versions.title, versions.uploaded_at, versions.effective_date, versions.sha256,
        coalesce(versions.effective_date, substr(versions.uploaded_at, 1, 10)) AS date,
        users.username AS uploaded_by_name FROM versions
        LEFT JOIN users ON users.id = versions.uploaded_by
        WHERE versions.department_id = ? ORDER BY {ORDER_KEY}""", [department_id])
    for n, row in enumerate(found):
        row["current"] = n == len(found) - 1
        row["dated"] = bool(row["effective_date"])
    return found


def current_version_id(db, department_id: int) -> int | None:
    """The id of the department's current (newest) version."""
    row = _store().one(db, f"SELECT versions.id FROM versions WHERE department_id = ? "
                           f"ORDER BY {ORDER_KEY_DESC} LIMIT 1", [department_id])
    return row["id"] if row else None


def version_ranks(db) -> dict[int, tuple]:
    """Version id → (department id, sort key) for ordering versions anywhere."""
    return {row["id"]: (row["department_id"], row["date"], row["id"]) for row in _store().rows(
        db, """SELECT id, department_id,
        coalesce(effective_date, substr(uploaded_at, 1, 10)) AS date FROM versions""")}


def government_versions(db, government_id: int) -> list[dict]:
    """Every version of the government's departments, oldest first by effective date then
    upload order (so the last of each department is its current one), parsed JSON decoded."""
    found = _store().rows(db, f"""SELECT versions.id, versions.sha256, versions.file_name,
        versions.parsed_json, versions.effective_date, departments.name AS department_name,
        departments.id AS department_id FROM versions
        JOIN departments ON departments.id = versions.department_id
        WHERE departments.government_id = ? ORDER BY {ORDER_KEY}""", [government_id])
    for row in found:
        row["parsed"] = json.loads(row.pop("parsed_json"))
    return found


def current_versions(db, government_id: int) -> list[dict]:
    """The current version of each department of a government, by department name."""
    latest: dict[int, dict] = {}
    for row in government_versions(db, government_id):
        latest[row["department_id"]] = row
    return sorted(latest.values(), key=lambda row: row["department_name"])


def government_departments(db, government_id: int) -> list[dict]:
    """The departments of a government with their version count, by name."""
    return _store().rows(db, """SELECT departments.id, departments.name, count(versions.id) AS versions
        FROM departments JOIN versions ON versions.department_id = departments.id
        WHERE departments.government_id = ? GROUP BY departments.id ORDER BY departments.name""",
                         [government_id])


def move_version(db, version_id: int, department_id: int, by: int | None) -> None:
    """File a version under another department of the same government (an old version of a
    renamed department, e.g. 交通局 → 交通运输局); departments left empty are removed."""
    store = _store()
    with store.transaction(db):
        row = store.one(db, """SELECT versions.department_id, departments.government_id FROM versions
            JOIN departments ON departments.id = versions.department_id WHERE versions.id = ?""",
                        [version_id])
        target = store.one(db, "SELECT government_id FROM departments WHERE id = ?", [department_id])
        if row is None or target is None:
            raise store.StoreError("版本或部门不存在")
        if target["government_id"] != row["government_id"]:
            raise store.StoreError("只能归入同一政府的部门")
        if row["department_id"] == department_id:
            return
        db.execute("UPDATE versions SET department_id = ? WHERE id = ?", [department_id, version_id])
        store.audit(db, by, "version_move", f"version:{version_id}",
                    {"department_id": row["department_id"]}, {"department_id": department_id})
        db.execute("DELETE FROM departments WHERE id = ? AND id NOT IN "
                   "(SELECT department_id FROM versions)", [row["department_id"]])


# --- 大科室 rules -----------------------------------------------------------------------

def get_reform_rules(db, government_id: int) -> dict | None:
    """The government's stored rule set (a ReformRules dict), None if it uses the defaults."""
    row = _store().one(db, "SELECT rules_json FROM reform_rules WHERE government_id = ?",
                       [government_id])
    return json.loads(row["rules_json"]) if row else None


def set_reform_rules(db, government_id: int, rules: dict, by: int | None) -> None:
    """Store the government's rule set; audited with the old and new rules."""
    store = _store()
    with store.transaction(db):
        old = get_reform_rules(db, government_id)
        db.execute("""INSERT INTO reform_rules (government_id, rules_json, by, at) VALUES (?, ?, ?, ?)
            ON CONFLICT(government_id) DO UPDATE SET rules_json = excluded.rules_json,
            by = excluded.by, at = excluded.at""",
                   [government_id, json.dumps(rules, ensure_ascii=False), by, store.now()])
        store.audit(db, by, "reform_rules", f"government:{government_id}", old, rules)


# --- 领导职数台账 ------------------------------------------------------------------------

def save_leader_snapshot(db, government_id: int, quarter: str, summary: dict, holders: list[dict],
                         by: int | None) -> int:
    """Store a quarter's snapshot with its holders, replacing that quarter's earlier one, in one
    transaction. Holder dicts: department_id, department_name, name, post, level, since.
    The audit records counts only (no names)."""
    store = _store()
    with store.transaction(db):
        old = store.one(db, "SELECT id FROM leader_snapshots WHERE government_id = ? AND quarter = ?",
                        [government_id, quarter])
        if old:
            db.execute("DELETE FROM leader_holders WHERE snapshot_id = ?", [old["id"]])
            db.execute("DELETE FROM leader_snapshots WHERE id = ?", [old["id"]])
        snapshot_id = db.execute(
            """INSERT INTO leader_snapshots (government_id, quarter, created_by, created_at, summary_json)
               VALUES (?, ?, ?, ?, ?)""",
            [government_id, quarter, by, store.now(), json.dumps(summary, ensure_ascii=False)]).lastrowid
        db.conn.executemany(
            """INSERT INTO leader_holders (snapshot_id, department_id, department_name, name, post,
               level, since) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [(snapshot_id, h.get("department_id"), h["department_name"], h["name"], h["post"],
              h.get("level") or "", h.get("since") or "") for h in holders])
        store.audit(db, by, "leader_snapshot", f"government:{government_id}",
                    {"snapshot_id": old["id"]} if old else None,
                    {"snapshot_id": snapshot_id, "quarter": quarter, "holders": len(holders)})
    return snapshot_id


def list_leader_snapshots(db, government_id: int) -> list[dict]:
    """A government's snapshots, newest quarter first, summary decoded."""
    found = _store().rows(db, """SELECT leader_snapshots.*, users.username AS created_by_name,
        (SELECT count(*) FROM leader_holders WHERE snapshot_id = leader_snapshots.id) AS holders
        FROM leader_snapshots LEFT JOIN users ON users.id = leader_snapshots.created_by
        WHERE government_id = ? ORDER BY quarter DESC""", [government_id])
    for row in found:
        row["summary"] = json.loads(row.pop("summary_json"))
    return found


def get_leader_snapshot(db, snapshot_id: int) -> dict | None:
    row = _store().one(db, """SELECT leader_snapshots.*, users.username AS created_by_name
        FROM leader_snapshots LEFT JOIN users ON users.id = leader_snapshots.created_by
        WHERE leader_snapshots.id = ?""", [snapshot_id])
    if row:
        row["summary"] = json.loads(row.pop("summary_json"))
    return row


def leader_holders(db, snapshot_id: int) -> list[dict]:
    """The office holders of a snapshot (names: show to admins only)."""
    return _store().rows(db, "SELECT * FROM leader_holders WHERE snapshot_id = ? ORDER BY id",
                         [snapshot_id])


# --- 工作饱和度 ---------------------------------------------------------------------------

def replace_saturation_tasks(db, department_id: int, division: str, tasks: list[dict],
                             by: int | None) -> None:
    """Replace one division's task list (dicts: task, per_year, hours, people); audited."""
    store = _store()
    at = store.now()
    with store.transaction(db):
        old = db.execute("SELECT count(*) FROM saturation_tasks WHERE department_id = ? AND division = ?",
                         [department_id, division]).fetchone()[0]
        db.execute("DELETE FROM saturation_tasks WHERE department_id = ? AND division = ?",
                   [department_id, division])
        db.conn.executemany(
            """INSERT INTO saturation_tasks (department_id, division, task, per_year, hours, people,
               imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [(department_id, division, t["task"], t["per_year"], t["hours"], t["people"], by, at)
             for t in tasks])
        store.audit(db, by, "saturation_import", f"department:{department_id}",
                    {"division": division, "tasks": old}, {"division": division, "tasks": len(tasks)})


def saturation_tasks(db, department_id: int) -> list[dict]:
    """Every task of a department's divisions, in import order."""
    return _store().rows(db, """SELECT * FROM saturation_tasks WHERE department_id = ?
        ORDER BY division, id""", [department_id])


def get_saturation_settings(db, government_id: int) -> dict | None:
    row = _store().one(db, "SELECT settings_json FROM saturation_settings WHERE government_id = ?",
                       [government_id])
    return json.loads(row["settings_json"]) if row else None


def set_saturation_settings(db, government_id: int, settings: dict, by: int | None) -> None:
    """Store the government's saturation settings (figures and posts per division); audited."""
    store = _store()
    with store.transaction(db):
        old = get_saturation_settings(db, government_id)
        db.execute("""INSERT INTO saturation_settings (government_id, settings_json) VALUES (?, ?)
            ON CONFLICT(government_id) DO UPDATE SET settings_json = excluded.settings_json""",
                   [government_id, json.dumps(settings, ensure_ascii=False)])
        store.audit(db, by, "saturation_settings", f"government:{government_id}", old, settings)
