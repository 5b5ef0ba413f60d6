"""Indicator systems, manual scores and their history, conclusions and the
rectification ledger (整改台账)."""
from __future__ import annotations

import json
import sqlite3

from .audit import audit
from .db import StoreError, now, one, rows, transaction

RECTIFICATION_FIELDS = ("problem", "measure", "owner", "deadline", "origin", "source_ref")


def _path_key(path) -> str:
    return json.dumps(list(path), ensure_ascii=False)


def _decode_system(row: dict) -> dict:
    row["data"] = json.loads(row.pop("data_json"))
    return row


def list_systems(db, government_id: int | None = None) -> list[dict]:
    """Indicator systems (optionally of one government) with their government's name."""
    sql = """SELECT indicator_systems.*, governments.name AS government_name FROM indicator_systems
        JOIN governments ON governments.id = indicator_systems.government_id"""
    params: list = []
    if government_id is not None:
        sql += " WHERE indicator_systems.government_id = ?"
        params.append(government_id)
    return [_decode_system(row) for row in rows(db, sql + " ORDER BY governments.name, indicator_systems.id",
                                                         params)]


def get_system(db, system_id: int) -> dict | None:
    row = one(db, """SELECT indicator_systems.*, governments.name AS government_name
        FROM indicator_systems JOIN governments ON governments.id = indicator_systems.government_id
        WHERE indicator_systems.id = ?""", [system_id])
    return _decode_system(row) if row else None


def find_system(db, government_id: int, name_or_id: str) -> dict | None:
    """A government's system by name, or by id when `name_or_id` is a number."""
    row = one(db, "SELECT id FROM indicator_systems WHERE government_id = ? AND name = ?",
                     [government_id, name_or_id])
    if row is None and str(name_or_id).isdigit():
        row = one(db, "SELECT id FROM indicator_systems WHERE government_id = ? AND id = ?",
                         [government_id, int(name_or_id)])
    return get_system(db, row["id"]) if row else None


def create_system(db, government_id: int, name: str, data: dict, by: int | None,
                  template: str | None = None) -> int:
    """Store a validated system; a name already used in the government is refused."""
    at = now()
    with transaction(db):
        try:
            system_id = db.execute(
                """INSERT INTO indicator_systems (government_id, name, template, data_json, created_by,
                   created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [government_id, name, template, json.dumps(data, ensure_ascii=False), by, at, at]).lastrowid
        except sqlite3.IntegrityError:
            raise StoreError(f"本政府已有名为“{name}”的指标体系，请换一个名称") from None
        audit(db, by, "system_create", f"indicator_system:{system_id}", None,
                     {"name": name, "template": template})
    return system_id


def update_system(db, system_id: int, name: str, data: dict, by: int | None) -> None:
    """Replace a system's name and indicators (validated by the caller); audited with old and new."""
    with transaction(db):
        old = get_system(db, system_id)
        if old is None:
            raise StoreError("指标体系不存在")
        try:
            db.execute("UPDATE indicator_systems SET name = ?, data_json = ?, updated_at = ? WHERE id = ?",
                       [name, json.dumps(data, ensure_ascii=False), now(), system_id])
        except sqlite3.IntegrityError:
            raise StoreError(f"本政府已有名为“{name}”的指标体系，请换一个名称") from None
        audit(db, by, "system_update", f"indicator_system:{system_id}", old["data"], data)


def list_scores(db, system_id: int, department_id: int | None = None) -> list[dict]:
    """Stored manual scores with `path` decoded and the evaluator's name (`by_name`)."""
    sql = """SELECT scores.*, coalesce(nullif(users.display_name, ''), users.username) AS by_name
        FROM scores LEFT JOIN users ON users.id = scores.by WHERE scores.system_id = ?"""
    params: list = [system_id]
    if department_id is not None:
        sql += " AND scores.department_id = ?"
        params.append(department_id)
    found = rows(db, sql + " ORDER BY scores.id", params)
    for row in found:
        row["path"] = json.loads(row["path_json"])
    return found


def set_score(db, system_id: int, department_id: int, path, value: float, evidence: str,
              by: int | None, not_applicable: bool = False) -> float | None:
    """Enter or change a manual score (or, with `not_applicable`, find the leaf 不适用; the value is
    then 0); the change (who, when, old, new) goes to score_changes and the audit log in the same
    transaction. Returns the old value (None if new)."""
    key = _path_key(path)
    at = now()
    with transaction(db):
        old = one(db, """SELECT value, evidence FROM scores WHERE system_id = ? AND department_id = ?
            AND path_json = ?""", [system_id, department_id, key])
        db.execute("""INSERT INTO scores (system_id, department_id, path_json, value, evidence, by, at,
            not_applicable) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(system_id, department_id, path_json)
            DO UPDATE SET value = excluded.value, evidence = excluded.evidence, by = excluded.by,
            at = excluded.at, not_applicable = excluded.not_applicable""",
                   [system_id, department_id, key, value, evidence, by, at, int(not_applicable)])
        db.execute("""INSERT INTO score_changes (system_id, department_id, path_json, old, new, evidence, by, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                   [system_id, department_id, key, old["value"] if old else None, value, evidence, by, at])
        audit(db, by, "score_set", f"score:{system_id}:{department_id}:{'/'.join(path)}",
                     old, {"value": value, "evidence": evidence, "not_applicable": not_applicable})
    return old["value"] if old else None


def clear_score(db, system_id: int, department_id: int, path, by: int | None) -> bool:
    """Remove an evaluator's score of a leaf (a leaf scored automatically goes back to that)."""
    key = _path_key(path)
    with transaction(db):
        old = one(db, """SELECT value, evidence FROM scores WHERE system_id = ? AND department_id = ?
            AND path_json = ?""", [system_id, department_id, key])
        if old is None:
            return False
        db.execute("DELETE FROM scores WHERE system_id = ? AND department_id = ? AND path_json = ?",
                   [system_id, department_id, key])
        audit(db, by, "score_clear", f"score:{system_id}:{department_id}:{'/'.join(path)}", old, None)
    return True


def score_changes(db, system_id: int, department_id: int) -> list[dict]:
    """Every change of the department's manual scores, newest first, with who made it."""
    found = rows(db, """SELECT score_changes.*, coalesce(nullif(users.display_name, ''), users.username)
        AS by_name FROM score_changes LEFT JOIN users ON users.id = score_changes.by
        WHERE system_id = ? AND department_id = ? ORDER BY score_changes.id DESC""", [system_id, department_id])
    for row in found:
        row["path"] = json.loads(row["path_json"])
    return found


def get_conclusion(db, system_id: int, department_id: int) -> dict | None:
    return one(db, """SELECT conclusions.*, coalesce(nullif(users.display_name, ''), users.username)
        AS by_name FROM conclusions LEFT JOIN users ON users.id = conclusions.by
        WHERE system_id = ? AND department_id = ?""", [system_id, department_id])


def set_conclusion(db, system_id: int, department_id: int, text: str, by: int | None) -> None:
    with transaction(db):
        old = get_conclusion(db, system_id, department_id)
        db.execute("""INSERT INTO conclusions (system_id, department_id, text, by, at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(system_id, department_id) DO UPDATE SET text = excluded.text, by = excluded.by,
            at = excluded.at""", [system_id, department_id, text, by, now()])
        audit(db, by, "conclusion_set", f"conclusion:{system_id}:{department_id}",
                     old["text"] if old else None, text)


_RECTIFICATION_SELECT = """SELECT rectifications.*, departments.name AS department_name
    FROM rectifications JOIN departments ON departments.id = rectifications.department_id"""


def add_rectification(db, government_id: int, department_id: int, values: dict, by: int | None) -> int:
    """A new ledger entry (status 待整改), audited, with its first history row."""
    at = now()
    data = {key: values.get(key) or "" for key in RECTIFICATION_FIELDS}
    with transaction(db):
        entry_id = db.execute(
            f"""INSERT INTO rectifications (government_id, department_id, {", ".join(RECTIFICATION_FIELDS)},
                status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '待整改', ?, ?, ?)""",
            [government_id, department_id, *data.values(), by, at, at]).lastrowid
        db.execute("""INSERT INTO rectification_history (rectification_id, from_status, to_status, note, by, at)
            VALUES (?, NULL, '待整改', '登记', ?, ?)""", [entry_id, by, at])
        audit(db, by, "rectification_add", f"rectification:{entry_id}", None,
                     {**data, "department_id": department_id})
    return entry_id


def get_rectification(db, entry_id: int) -> dict | None:
    return one(db, _RECTIFICATION_SELECT + " WHERE rectifications.id = ?", [entry_id])


def list_rectifications(db, government_id: int, department_id: int | None = None,
                        status: str | None = None, open_only: bool = False) -> list[dict]:
    sql = _RECTIFICATION_SELECT + " WHERE rectifications.government_id = ?"
    params: list = [government_id]
    if department_id is not None:
        sql += " AND rectifications.department_id = ?"
        params.append(department_id)
    if status:
        sql += " AND rectifications.status = ?"
        params.append(status)
    if open_only:
        sql += " AND rectifications.status != '已销号'"
    return rows(db, sql + " ORDER BY rectifications.deadline, rectifications.id", params)


def move_rectification(db, entry_id: int, status: str, *, closed_on: str | None, proof: str,
                       note: str, by: int | None) -> None:
    """Change an entry's status (checked by the caller); history and audit in one transaction."""
    with transaction(db):
        old = get_rectification(db, entry_id)
        if old is None:
            raise StoreError("整改事项不存在")
        db.execute("""UPDATE rectifications SET status = ?, closed_on = ?, proof = ?, updated_at = ?
            WHERE id = ?""", [status, closed_on, proof, now(), entry_id])
        db.execute("""INSERT INTO rectification_history (rectification_id, from_status, to_status, note, by, at)
            VALUES (?, ?, ?, ?, ?, ?)""", [entry_id, old["status"], status, note, by, now()])
        audit(db, by, "rectification_status", f"rectification:{entry_id}",
                     {"status": old["status"], "closed_on": old["closed_on"], "proof": old["proof"]},
                     {"status": status, "closed_on": closed_on, "proof": proof, "note": note})


def rectification_history(db, entry_id: int) -> list[dict]:
    return rows(db, """SELECT rectification_history.*, users.username AS by_name
        FROM rectification_history LEFT JOIN users ON users.id = rectification_history.by
        WHERE rectification_id = ? ORDER BY rectification_history.id""", [entry_id])


def closed_refs(db, government_id: int, closed: bool = True) -> set[str]:
    """Source references (finding keys and matters) of the government's 职责交叉 entries that are
    closed (已销号), or with `closed=False` of those still open."""
    found = set()
    for row in rows(db, f"""SELECT source_ref, problem FROM rectifications WHERE government_id = ?
            AND status {'=' if closed else '!='} '已销号' AND origin = '职责交叉'""", [government_id]):
        ref = row["source_ref"] or ""
        for prefix in ("finding:", "matter:"):
            if ref.startswith(prefix):
                found.add(ref[len(prefix):])
    return found
