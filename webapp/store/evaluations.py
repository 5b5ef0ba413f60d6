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
                  template: str | None = None, target: str = "departments") -> int:
    """Store a validated system; a name already used in the government is refused. `target`: whom it
    evaluates, the government's departments or its counties (旗市区, store.counties)."""
    at = now()
    with transaction(db):
        try:
            system_id = db.execute(
                """INSERT INTO indicator_systems (government_id, name, template, data_json, created_by,
                   created_at, updated_at, target) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [government_id, name, template, json.dumps(data, ensure_ascii=False), by, at, at,
                 target]).lastrowid
        except sqlite3.IntegrityError:
            raise StoreError(f"本政府已有名为“{name}”的指标体系，请换一个名称") from None
        audit(db, by, "system_create", f"indicator_system:{system_id}", None,
                     {"name": name, "template": template, "target": target})
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


def list_scores(db, system_id: int, department_id: int | None = None, *, by: int | None = None) -> list[dict]:
    """Stored findings of evaluators (one row per evaluator and leaf; `by` only that evaluator's),
    with `path` decoded and the evaluator's name (`by_name`)."""
    sql = """SELECT scores.*, coalesce(nullif(users.display_name, ''), users.username) AS by_name
        FROM scores LEFT JOIN users ON users.id = scores.by WHERE scores.system_id = ?"""
    params: list = [system_id]
    if department_id is not None:
        sql += " AND scores.department_id = ?"
        params.append(department_id)
    if by is not None:
        sql += " AND scores.by = ?"
        params.append(by)
    found = rows(db, sql + " ORDER BY scores.id", params)
    for row in found:
        row["path"] = json.loads(row["path_json"])
    return found


def _refuse_if_closed(db, system_id: int, key: str) -> None:
    """Inside a write: a closed leaf's findings are final (the panel has seen each other's)."""
    if one(db, "SELECT 1 AS x FROM leaf_closures WHERE system_id = ? AND path_json = ?", [system_id, key]):
        raise StoreError(f"指标“{'/'.join(json.loads(key))}”已关闭，评分不能再改；如需修改，请管理员先重新开放该指标")


def set_score(db, system_id: int, department_id: int, path, value: float, evidence: str,
              by: int | None, not_applicable: bool = False, shared: bool = True) -> float | None:
    """Enter or change an evaluator's finding on a leaf (with `not_applicable`: the leaf is 不适用
    for the department; the value is then 0). `shared` (a system without a panel): the leaf has one
    score for the whole team, as before panels, so a leaf's only score is changed in place whoever
    gave it; where several evaluators' findings are kept (a panel that was dissolved) none is
    removed and this evaluator's own is set. Without `shared` (a panel member) it is always the
    evaluator's own. A closed leaf is refused (StoreError). The change (who, when, old, new) goes to
    score_changes and the audit log in the same transaction. Returns the old value (None if new)."""
    key = _path_key(path)
    at = now()
    with transaction(db):
        _refuse_if_closed(db, system_id, key)
        found = rows(db, """SELECT id, value, evidence, not_applicable, by FROM scores WHERE system_id = ?
            AND department_id = ? AND path_json = ?""", [system_id, department_id, key])
        own = [row for row in found if (row["by"] or 0) == (by or 0)]
        old = found[0] if shared and len(found) == 1 else (own[0] if own else None)
        if old:
            db.execute("UPDATE scores SET value = ?, evidence = ?, by = ?, at = ?, not_applicable = ? WHERE id = ?",
                       [value, evidence, by, at, int(not_applicable), old["id"]])
        else:
            db.execute("""INSERT INTO scores (system_id, department_id, path_json, value, evidence, by, at,
                not_applicable) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                       [system_id, department_id, key, value, evidence, by, at, int(not_applicable)])
        db.execute("""INSERT INTO score_changes (system_id, department_id, path_json, old, new, evidence, by, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                   [system_id, department_id, key, old["value"] if old else None, value, evidence, by, at])
        before = None
        if old:
            before = {"value": old["value"], "evidence": old["evidence"], "not_applicable": bool(old["not_applicable"])}
        audit(db, by, "score_set", f"score:{system_id}:{department_id}:{'/'.join(path)}",
                     before, {"value": value, "evidence": evidence, "not_applicable": not_applicable})
    return old["value"] if old else None


def clear_score(db, system_id: int, department_id: int, path, by: int | None, shared: bool = True) -> bool:
    """Remove a finding of a leaf (a leaf scored automatically goes back to that): the team's score
    (`shared`, no panel) or this evaluator's own. A closed leaf is refused (StoreError)."""
    key = _path_key(path)
    with transaction(db):
        _refuse_if_closed(db, system_id, key)
        mine = "" if shared else " AND coalesce(by, 0) = coalesce(?, 0)"
        params = [system_id, department_id, key] + ([] if shared else [by])
        old = rows(db, f"""SELECT value, evidence, not_applicable, by FROM scores WHERE system_id = ?
            AND department_id = ? AND path_json = ?{mine}""", params)
        if not old:
            return False
        db.execute(f"DELETE FROM scores WHERE system_id = ? AND department_id = ? AND path_json = ?{mine}", params)
        audit(db, by, "score_clear", f"score:{system_id}:{department_id}:{'/'.join(path)}",
              old[0] if len(old) == 1 else old, None)
    return True


# --- expert panels (专家组) ------------------------------------------------------------------------

def get_panel(db, system_id: int) -> dict:
    """A system's panel: `members` (id, name, username, role, active) by name and the disagreement
    `threshold` (a share of a leaf's maximum; None: the default)."""
    members = rows(db, """SELECT users.id, users.username, users.role, users.active,
        coalesce(nullif(users.display_name, ''), users.username) AS name FROM panel_members
        JOIN users ON users.id = panel_members.user_id WHERE panel_members.system_id = ? ORDER BY name, users.id""",
                   [system_id])
    setting = one(db, "SELECT threshold FROM panel_settings WHERE system_id = ?", [system_id])
    return {"members": members, "threshold": setting["threshold"] if setting else None}


def set_panel(db, system_id: int, user_ids: list[int], threshold: float, by: int | None) -> None:
    """Replace a system's panel and threshold (checked by the caller); audited with old and new.
    Findings of someone taken off the panel stay (they were given)."""
    at = now()
    with transaction(db):
        old = get_panel(db, system_id)
        db.execute("DELETE FROM panel_members WHERE system_id = ?", [system_id])
        for user_id in dict.fromkeys(user_ids):
            db.execute("INSERT INTO panel_members (system_id, user_id, by, at) VALUES (?, ?, ?, ?)",
                       [system_id, user_id, by, at])
        db.execute("""INSERT INTO panel_settings (system_id, threshold, by, at) VALUES (?, ?, ?, ?)
            ON CONFLICT(system_id) DO UPDATE SET threshold = excluded.threshold, by = excluded.by,
            at = excluded.at""", [system_id, threshold, by, at])
        new = get_panel(db, system_id)
        audit(db, by, "panel_set", f"indicator_system:{system_id}",
              {"members": [m["name"] for m in old["members"]], "threshold": old["threshold"]},
              {"members": [m["name"] for m in new["members"]], "threshold": threshold})


def closed_leaves(db, system_id: int) -> dict[tuple[str, ...], dict]:
    """The system's closed leaves: path → who closed it (`by_name`) and when (`at`)."""
    found = rows(db, """SELECT leaf_closures.*, coalesce(nullif(users.display_name, ''), users.username) AS by_name
        FROM leaf_closures LEFT JOIN users ON users.id = leaf_closures.by WHERE system_id = ?""", [system_id])
    return {tuple(json.loads(row["path_json"])): row for row in found}


def close_leaves(db, system_id: int, paths: list[tuple[str, ...]], by: int | None, *, whole: bool = False) -> int:
    """Close leaves (no finding changes after); `whole`: the office closed the whole system.
    Leaves closed already stay as they were; returns how many were closed now."""
    at = now()
    with transaction(db):
        done = []
        for path in paths:
            cursor = db.execute("""INSERT OR IGNORE INTO leaf_closures (system_id, path_json, by, at)
                VALUES (?, ?, ?, ?)""", [system_id, _path_key(path), by, at])
            if cursor.rowcount:
                done.append("/".join(path))
        if done:
            audit(db, by, "leaf_close", f"indicator_system:{system_id}", None,
                  {"indicators": "全部指标" if whole else done})
    return len(done)


def reopen_leaves(db, system_id: int, paths: list[tuple[str, ...]], reason: str, by: int | None) -> int:
    """Open closed leaves again (evaluators may change their findings); returns how many."""
    with transaction(db):
        done = []
        for path in paths:
            cursor = db.execute("DELETE FROM leaf_closures WHERE system_id = ? AND path_json = ?",
                                [system_id, _path_key(path)])
            if cursor.rowcount:
                done.append("/".join(path))
        if done:
            audit(db, by, "leaf_reopen", f"indicator_system:{system_id}", {"indicators": done}, {"reason": reason})
    return len(done)


def list_resolutions(db, system_id: int, department_id: int | None = None) -> list[dict]:
    """Final scores the office set, with `path` decoded and who set them (`by_name`)."""
    sql = """SELECT score_resolutions.*, coalesce(nullif(users.display_name, ''), users.username) AS by_name
        FROM score_resolutions LEFT JOIN users ON users.id = score_resolutions.by WHERE system_id = ?"""
    params: list = [system_id]
    if department_id is not None:
        sql += " AND department_id = ?"
        params.append(department_id)
    found = rows(db, sql + " ORDER BY department_id, path_json", params)
    for row in found:
        row["path"] = json.loads(row["path_json"])
    return found


def set_resolution(db, system_id: int, department_id: int, path, value: float, not_applicable: bool,
                   reason: str, by: int | None) -> None:
    """The office's final score of a leaf for a department, with its reason: it overrides the
    panel's combination. Audited with the old and the new one."""
    key = _path_key(path)
    with transaction(db):
        old = one(db, """SELECT value, not_applicable, reason FROM score_resolutions WHERE system_id = ?
            AND department_id = ? AND path_json = ?""", [system_id, department_id, key])
        db.execute("""INSERT INTO score_resolutions (system_id, department_id, path_json, value, not_applicable,
            reason, by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(system_id, department_id, path_json)
            DO UPDATE SET value = excluded.value, not_applicable = excluded.not_applicable,
            reason = excluded.reason, by = excluded.by, at = excluded.at""",
                   [system_id, department_id, key, value, int(not_applicable), reason, by, now()])
        audit(db, by, "score_resolve", f"score:{system_id}:{department_id}:{'/'.join(path)}", old,
              {"value": value, "not_applicable": not_applicable, "reason": reason})


def clear_resolution(db, system_id: int, department_id: int, path, reason: str, by: int | None) -> bool:
    """Withdraw the office's final score (the panel's combination counts again)."""
    key = _path_key(path)
    with transaction(db):
        old = one(db, """SELECT value, not_applicable, reason FROM score_resolutions WHERE system_id = ?
            AND department_id = ? AND path_json = ?""", [system_id, department_id, key])
        if old is None:
            return False
        db.execute("DELETE FROM score_resolutions WHERE system_id = ? AND department_id = ? AND path_json = ?",
                   [system_id, department_id, key])
        audit(db, by, "score_unresolve", f"score:{system_id}:{department_id}:{'/'.join(path)}", old,
              {"reason": reason})
    return True


def list_judgements(db, system_id: int) -> list[dict]:
    """Every expert's AHP judgements (parent, children's names then, matrix) with their name."""
    found = rows(db, """SELECT ahp_judgements.*, coalesce(nullif(users.display_name, ''), users.username) AS name
        FROM ahp_judgements JOIN users ON users.id = ahp_judgements.user_id WHERE system_id = ?
        ORDER BY parent_json, name, user_id""", [system_id])
    for row in found:
        row["parent"] = tuple(json.loads(row["parent_json"]))
        row["names"] = json.loads(row["names_json"])
        row["matrix"] = json.loads(row["matrix_json"])
    return found


def save_judgement(db, system_id: int, parent, names: list[str], matrix: list[list[float]], user_id: int) -> None:
    """An expert's pairwise judgements of one parent's children (replacing their earlier ones)."""
    key = _path_key(parent)
    with transaction(db):
        old = one(db, """SELECT matrix_json FROM ahp_judgements WHERE system_id = ? AND parent_json = ?
            AND user_id = ?""", [system_id, key, user_id])
        db.execute("""INSERT INTO ahp_judgements (system_id, parent_json, user_id, names_json, matrix_json, at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(system_id, parent_json, user_id) DO UPDATE SET
            names_json = excluded.names_json, matrix_json = excluded.matrix_json, at = excluded.at""",
                   [system_id, key, user_id, json.dumps(names, ensure_ascii=False), json.dumps(matrix), now()])
        audit(db, user_id, "ahp_judgement", f"indicator_system:{system_id}:{'/'.join(parent)}",
              {"matrix": json.loads(old["matrix_json"])} if old else None, {"indicators": names, "matrix": matrix})


def adopt_weights(db, system_id: int, name: str, data: dict, parent, experts: list[str], cr: float,
                  by: int | None) -> None:
    """Store the system with weights from the panel's group matrix of `parent` (the office adopts it):
    the system's change and the adoption (which experts, the group CR) are audited together."""
    with transaction(db):
        update_system(db, system_id, name, data, by)
        audit(db, by, "ahp_adopt", f"indicator_system:{system_id}:{'/'.join(parent)}", None,
              {"experts": experts, "cr": round(cr, 4)})


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
