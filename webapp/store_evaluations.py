"""Store functions for evaluations: indicator systems, manual scores and their history,
conclusions, evaluation snapshots and the rectification ledger (整改台账).

Part of the store: all SQL of this area lives here; `store.MIGRATIONS` applies SCHEMA.
"""
from __future__ import annotations

SCHEMA: list[str] = [
    """CREATE TABLE indicator_systems (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id),
        name TEXT NOT NULL,
        template TEXT,
        data_json TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (government_id, name))""",
    """CREATE TABLE scores (
        id INTEGER PRIMARY KEY,
        system_id INTEGER NOT NULL REFERENCES indicator_systems(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        path_json TEXT NOT NULL,
        value REAL NOT NULL,
        evidence TEXT NOT NULL DEFAULT '',
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL,
        UNIQUE (system_id, department_id, path_json))""",
    """CREATE TABLE score_changes (
        id INTEGER PRIMARY KEY,
        system_id INTEGER NOT NULL REFERENCES indicator_systems(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        path_json TEXT NOT NULL,
        old REAL,
        new REAL,
        evidence TEXT NOT NULL DEFAULT '',
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL)""",
    """CREATE TABLE conclusions (
        system_id INTEGER NOT NULL REFERENCES indicator_systems(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        text TEXT NOT NULL,
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL,
        PRIMARY KEY (system_id, department_id))""",
    """CREATE TABLE evaluations (
        id INTEGER PRIMARY KEY,
        system_id INTEGER NOT NULL REFERENCES indicator_systems(id),
        government_id INTEGER NOT NULL REFERENCES governments(id),
        rounds_json TEXT NOT NULL DEFAULT '[]',
        result_json TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL)""",
    """CREATE TABLE rectifications (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        problem TEXT NOT NULL,
        measure TEXT NOT NULL,
        owner TEXT NOT NULL,
        deadline TEXT NOT NULL,
        origin TEXT NOT NULL,
        source_ref TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT '待整改',
        closed_on TEXT,
        proof TEXT NOT NULL DEFAULT '',
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    """CREATE TABLE rectification_history (
        id INTEGER PRIMARY KEY,
        rectification_id INTEGER NOT NULL REFERENCES rectifications(id),
        from_status TEXT,
        to_status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL)""",
]

# --- functions (the store's helpers are imported here, after SCHEMA, because
# store.py imports this module for SCHEMA while it is itself being imported) ---------

import json  # noqa: E402
import sqlite3  # noqa: E402

from . import store as _store  # noqa: E402

RECTIFICATION_FIELDS = ("problem", "measure", "owner", "deadline", "origin", "source_ref")


def _path_key(path) -> str:
    return json.dumps(list(path), ensure_ascii=False)


# --- indicator systems ------------------------------------------------------------------

def _decode_system(row: dict | None) -> dict | None:
    if row:
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
    return [_decode_system(row) for row in _store.rows(db, sql + " ORDER BY governments.name, indicator_systems.id",
                                                         params)]


def get_system(db, system_id: int) -> dict | None:
    return _decode_system(_store.one(db, """SELECT indicator_systems.*, governments.name AS government_name
        FROM indicator_systems JOIN governments ON governments.id = indicator_systems.government_id
        WHERE indicator_systems.id = ?""", [system_id]))


def find_system(db, government_id: int, name_or_id: str) -> dict | None:
    """A government's system by name, or by id when `name_or_id` is a number."""
    row = _store.one(db, "SELECT id FROM indicator_systems WHERE government_id = ? AND name = ?",
                     [government_id, name_or_id])
    if row is None and str(name_or_id).isdigit():
        row = _store.one(db, "SELECT id FROM indicator_systems WHERE government_id = ? AND id = ?",
                         [government_id, int(name_or_id)])
    return get_system(db, row["id"]) if row else None


def create_system(db, government_id: int, name: str, data: dict, by: int | None,
                  template: str | None = None) -> int:
    """Store a validated system; a name already used in the government is refused."""
    at = _store.now()
    with _store.transaction(db):
        try:
            system_id = db.execute(
                """INSERT INTO indicator_systems (government_id, name, template, data_json, created_by,
                   created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [government_id, name, template, json.dumps(data, ensure_ascii=False), by, at, at]).lastrowid
        except sqlite3.IntegrityError:
            raise _store.StoreError(f"本政府已有名为“{name}”的指标体系，请换一个名称") from None
        _store.audit(db, by, "system_create", f"indicator_system:{system_id}", None,
                     {"name": name, "template": template})
    return system_id


def update_system(db, system_id: int, name: str, data: dict, by: int | None) -> None:
    """Replace a system's name and indicators (validated by the caller); audited with old and new."""
    with _store.transaction(db):
        old = get_system(db, system_id)
        if old is None:
            raise _store.StoreError("指标体系不存在")
        try:
            db.execute("UPDATE indicator_systems SET name = ?, data_json = ?, updated_at = ? WHERE id = ?",
                       [name, json.dumps(data, ensure_ascii=False), _store.now(), system_id])
        except sqlite3.IntegrityError:
            raise _store.StoreError(f"本政府已有名为“{name}”的指标体系，请换一个名称") from None
        _store.audit(db, by, "system_update", f"indicator_system:{system_id}", old["data"], data)


# --- manual scores and their history --------------------------------------------------------

def list_scores(db, system_id: int, department_id: int | None = None) -> list[dict]:
    """Stored manual scores with `path` decoded and the evaluator's name (`by_name`)."""
    sql = """SELECT scores.*, coalesce(nullif(users.display_name, ''), users.username) AS by_name
        FROM scores LEFT JOIN users ON users.id = scores.by WHERE scores.system_id = ?"""
    params: list = [system_id]
    if department_id is not None:
        sql += " AND scores.department_id = ?"
        params.append(department_id)
    found = _store.rows(db, sql + " ORDER BY scores.id", params)
    for row in found:
        row["path"] = json.loads(row["path_json"])
    return found


def set_score(db, system_id: int, department_id: int, path, value: float, evidence: str,
              by: int | None) -> float | None:
    """Enter or change a manual score; the change (who, when, old, new) goes to score_changes and
    the audit log in the same transaction. Returns the old value (None if new)."""
    key = _path_key(path)
    at = _store.now()
    with _store.transaction(db):
        old = _store.one(db, """SELECT value, evidence FROM scores WHERE system_id = ? AND department_id = ?
            AND path_json = ?""", [system_id, department_id, key])
        db.execute("""INSERT INTO scores (system_id, department_id, path_json, value, evidence, by, at)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(system_id, department_id, path_json) DO UPDATE SET
            value = excluded.value, evidence = excluded.evidence, by = excluded.by, at = excluded.at""",
                   [system_id, department_id, key, value, evidence, by, at])
        db.execute("""INSERT INTO score_changes (system_id, department_id, path_json, old, new, evidence, by, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                   [system_id, department_id, key, old["value"] if old else None, value, evidence, by, at])
        _store.audit(db, by, "score_set", f"score:{system_id}:{department_id}:{'/'.join(path)}",
                     old, {"value": value, "evidence": evidence})
    return old["value"] if old else None


def score_changes(db, system_id: int, department_id: int) -> list[dict]:
    """Every change of the department's manual scores, newest first, with who made it."""
    found = _store.rows(db, """SELECT score_changes.*, coalesce(nullif(users.display_name, ''), users.username)
        AS by_name FROM score_changes LEFT JOIN users ON users.id = score_changes.by
        WHERE system_id = ? AND department_id = ? ORDER BY score_changes.id DESC""", [system_id, department_id])
    for row in found:
        row["path"] = json.loads(row["path_json"])
    return found


def get_conclusion(db, system_id: int, department_id: int) -> dict | None:
    return _store.one(db, """SELECT conclusions.*, coalesce(nullif(users.display_name, ''), users.username)
        AS by_name FROM conclusions LEFT JOIN users ON users.id = conclusions.by
        WHERE system_id = ? AND department_id = ?""", [system_id, department_id])


def set_conclusion(db, system_id: int, department_id: int, text: str, by: int | None) -> None:
    with _store.transaction(db):
        old = get_conclusion(db, system_id, department_id)
        db.execute("""INSERT INTO conclusions (system_id, department_id, text, by, at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(system_id, department_id) DO UPDATE SET text = excluded.text, by = excluded.by,
            at = excluded.at""", [system_id, department_id, text, by, _store.now()])
        _store.audit(db, by, "conclusion_set", f"conclusion:{system_id}:{department_id}",
                     old["text"] if old else None, text)


def save_evaluation(db, system_id: int, government_id: int, rounds: list[int], result: list[dict],
                    by: int | None) -> int:
    """A snapshot of an evaluation's result with its provenance."""
    with _store.transaction(db):
        return db.execute("""INSERT INTO evaluations (system_id, government_id, rounds_json, result_json,
            created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)""",
                          [system_id, government_id, json.dumps(rounds), json.dumps(result, ensure_ascii=False),
                           by, _store.now()]).lastrowid


# --- confirmed overlaps --------------------------------------------------------------------

def confirmed_overlaps(db, government_id: int) -> list[dict]:
    """Confirmed findings of a government (present or no longer detected) with their decision."""
    found = _store.rows(db, """SELECT findings.key, findings.department_a, findings.department_b,
        findings.kind, findings.topic, findings.present, decisions.matter, decisions.lead,
        decisions.assisting_json FROM findings JOIN decisions ON decisions.government_id = findings.government_id
        AND decisions.finding_key = findings.key WHERE findings.government_id = ?
        AND decisions.status = 'confirmed' ORDER BY decisions.matter, findings.key""", [government_id])
    for row in found:
        row["assisting"] = json.loads(row.pop("assisting_json") or "[]")
    return found


def detection_ran(db, government_id: int) -> bool:
    return bool(_store.one(db, """SELECT 1 AS x FROM detection_runs WHERE government_id = ?
        AND finished_at IS NOT NULL""", [government_id]))


# --- rectification ledger (整改台账) -------------------------------------------------------

_RECTIFICATION_SELECT = """SELECT rectifications.*, departments.name AS department_name
    FROM rectifications JOIN departments ON departments.id = rectifications.department_id"""


def add_rectification(db, government_id: int, department_id: int, values: dict, by: int | None) -> int:
    """A new ledger entry (status 待整改), audited, with its first history row."""
    at = _store.now()
    data = {key: values.get(key) or "" for key in RECTIFICATION_FIELDS}
    with _store.transaction(db):
        entry_id = db.execute(
            f"""INSERT INTO rectifications (government_id, department_id, {", ".join(RECTIFICATION_FIELDS)},
                status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '待整改', ?, ?, ?)""",
            [government_id, department_id, *data.values(), by, at, at]).lastrowid
        db.execute("""INSERT INTO rectification_history (rectification_id, from_status, to_status, note, by, at)
            VALUES (?, NULL, '待整改', '登记', ?, ?)""", [entry_id, by, at])
        _store.audit(db, by, "rectification_add", f"rectification:{entry_id}", None,
                     {**data, "department_id": department_id})
    return entry_id


def get_rectification(db, entry_id: int) -> dict | None:
    return _store.one(db, _RECTIFICATION_SELECT + " WHERE rectifications.id = ?", [entry_id])


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
    return _store.rows(db, sql + " ORDER BY rectifications.deadline, rectifications.id", params)


def move_rectification(db, entry_id: int, status: str, *, closed_on: str | None, proof: str,
                       note: str, by: int | None) -> None:
    """Change an entry's status (checked by the caller); history and audit in one transaction."""
    with _store.transaction(db):
        old = get_rectification(db, entry_id)
        if old is None:
            raise _store.StoreError("整改事项不存在")
        db.execute("""UPDATE rectifications SET status = ?, closed_on = ?, proof = ?, updated_at = ?
            WHERE id = ?""", [status, closed_on, proof, _store.now(), entry_id])
        db.execute("""INSERT INTO rectification_history (rectification_id, from_status, to_status, note, by, at)
            VALUES (?, ?, ?, ?, ?, ?)""", [entry_id, old["status"], status, note, by, _store.now()])
        _store.audit(db, by, "rectification_status", f"rectification:{entry_id}",
                     {"status": old["status"], "closed_on": old["closed_on"], "proof": old["proof"]},
                     {"status": status, "closed_on": closed_on, "proof": proof, "note": note})


def rectification_history(db, entry_id: int) -> list[dict]:
    return _store.rows(db, """SELECT rectification_history.*, users.username AS by_name
        FROM rectification_history LEFT JOIN users ON users.id = rectification_history.by
        WHERE rectification_id = ? ORDER BY rectification_history.id""", [entry_id])


def closed_refs(db, government_id: int) -> set[str]:
    """Source references of the government's closed (已销号) entries: finding keys and matters."""
    found = set()
    for row in _store.rows(db, """SELECT source_ref, problem FROM rectifications WHERE government_id = ?
            AND status = '已销号' AND origin = '职责交叉'""", [government_id]):
        ref = row["source_ref"] or ""
        for prefix in ("finding:", "matter:"):
            if ref.startswith(prefix):
                found.add(ref[len(prefix):])
    return found
