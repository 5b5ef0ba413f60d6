"""The 清单 registers: per government and kind a working draft, the change requests that alone
change it (and stay as its log), and the numbered editions published from it, frozen by triggers.

A matter is stored as the JSON of its columns (survey.lists.kinds) plus its name and 行业领域 in
columns of their own, for uniqueness and order. Every decision and publication is audited.
"""
from __future__ import annotations

import json
import sqlite3

from .audit import audit
from .db import StoreError, now, one, rows, transaction

ACTIONS = {"add": "新增", "edit": "修改", "remove": "删除"}
STATUSES = {"pending": "待审核", "approved": "已批准", "rejected": "已驳回"}
_BY_NAME = "coalesce(nullif({0}.display_name, ''), {0}.username)"


def _number(db, sql: str, params: list) -> int:
    """The one number a SELECT … AS n gives."""
    row = one(db, sql, params)
    return int(row["n"]) if row else 0


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


# --- registers and the 行业领域 index ------------------------------------------------------------

def get_list(db, government_id: int, kind: str) -> dict | None:
    return one(db, "SELECT * FROM lists WHERE government_id = ? AND kind = ?", [government_id, kind])


def ensure_list(db, government_id: int, kind: str) -> int:
    """The register's id, created on its first change."""
    with transaction(db):
        found = get_list(db, government_id, kind)
        if found:
            return found["id"]
        return db.execute("INSERT INTO lists (government_id, kind, created_at) VALUES (?, ?, ?)",
                          [government_id, kind, now()]).lastrowid


def overview(db, government_id: int) -> dict[str, dict]:
    """Per kind with a register: draft matters, pending requests and the latest edition."""
    found = {}
    for row in rows(db, "SELECT * FROM lists WHERE government_id = ?", [government_id]):
        row["matters"] = _number(db, "SELECT count(*) AS n FROM list_matters WHERE list_id = ?", [row["id"]])
        row["pending"] = _number(db, "SELECT count(*) AS n FROM list_changes WHERE list_id = ? AND status = 'pending'",
                                 [row["id"]])
        row["latest"] = latest_edition(db, row["id"])
        found[row["kind"]] = row
    return found


def field_names(db, government_id: int) -> list[str] | None:
    """The government's 行业领域 index in order; None while it was never saved (defaults apply)."""
    found = rows(db, "SELECT name FROM list_fields WHERE government_id = ? ORDER BY position", [government_id])
    return [row["name"] for row in found] or None


def used_fields(db, government_id: int) -> dict[str, int]:
    """行业领域 → how many draft matters (of any kind) are filed under it."""
    return {row["field"]: row["n"] for row in rows(db, """SELECT list_matters.field, count(*) AS n
        FROM list_matters JOIN lists ON lists.id = list_matters.list_id WHERE lists.government_id = ?
        GROUP BY list_matters.field""", [government_id])}


def save_fields(db, government_id: int, names: list[str], by: int | None) -> None:
    """Replace the index by `names` in order (checked by the caller); a 行业领域 a draft matter is
    filed under cannot be left out (published editions keep theirs)."""
    with transaction(db):
        old = field_names(db, government_id)
        used = used_fields(db, government_id)
        missing = [f"{name}（{count} 项）" for name, count in used.items() if name not in names]
        if missing:
            raise StoreError("以下行业领域下还有工作稿事项，不能删除（可改名，或先把事项改到其他行业领域）："
                             + "、".join(missing))
        db.execute("DELETE FROM list_fields WHERE government_id = ?", [government_id])
        db.conn.executemany("INSERT INTO list_fields (government_id, name, position) VALUES (?, ?, ?)",
                            [(government_id, name, position) for position, name in enumerate(names)])
        audit(db, by, "list_fields", f"government:{government_id}", old, names)


def rename_field(db, government_id: int, current: list[str], old: str, new: str, by: int | None) -> int:
    """Rename a 行业领域 in the index (`current`, saved now if it was the defaults), in the draft
    matters and in the requests not yet decided; returns the draft matters renamed."""
    with transaction(db):
        if old not in current:
            raise StoreError(f"行业领域索引中没有“{old}”")
        if new in current:
            raise StoreError(f"行业领域索引中已有“{new}”")
        names = [new if name == old else name for name in current]
        db.execute("DELETE FROM list_fields WHERE government_id = ?", [government_id])
        db.conn.executemany("INSERT INTO list_fields (government_id, name, position) VALUES (?, ?, ?)",
                            [(government_id, name, position) for position, name in enumerate(names)])
        renamed = 0
        for row in rows(db, """SELECT list_matters.id, list_matters.values_json FROM list_matters
                JOIN lists ON lists.id = list_matters.list_id
                WHERE lists.government_id = ? AND list_matters.field = ?""", [government_id, old]):
            values = {**json.loads(row["values_json"]), "field": new}
            db.execute("UPDATE list_matters SET field = ?, values_json = ?, updated_at = ? WHERE id = ?",
                       [new, _json(values), now(), row["id"]])
            renamed += 1
        for row in rows(db, """SELECT list_changes.id, list_changes.old_json, list_changes.new_json FROM list_changes
                JOIN lists ON lists.id = list_changes.list_id WHERE lists.government_id = ?
                AND list_changes.status = 'pending'""", [government_id]):
            # the draft matter an edit was proposed against is renamed too: keep them equal
            updated = [_renamed(row[column], old, new) for column in ("old_json", "new_json")]
            db.execute("UPDATE list_changes SET old_json = ?, new_json = ? WHERE id = ?", [*updated, row["id"]])
        audit(db, by, "list_field_rename", f"government:{government_id}", {"name": old}, {"name": new,
                                                                                        "matters": renamed})
    return renamed


def _renamed(data: str | None, old: str, new: str) -> str | None:
    if data is None:
        return None
    values = json.loads(data)
    if values.get("field") == old:
        values["field"] = new
    return _json(values)


# --- the working draft ---------------------------------------------------------------------------

def draft(db, list_id: int) -> list[dict]:
    """The draft's matters in the order they were added (`values`: the matter's columns)."""
    found = rows(db, "SELECT * FROM list_matters WHERE list_id = ? ORDER BY id", [list_id])
    for row in found:
        row["values"] = json.loads(row.pop("values_json"))
    return found


def get_matter(db, list_id: int, matter_id: int) -> dict | None:
    row = one(db, "SELECT * FROM list_matters WHERE list_id = ? AND id = ?", [list_id, matter_id])
    if row:
        row["values"] = json.loads(row.pop("values_json"))
    return row


def pending_names(db, list_id: int) -> set[str]:
    """The names that requests not yet decided would add."""
    return {row["matter"] for row in rows(
        db, "SELECT matter FROM list_changes WHERE list_id = ? AND status = 'pending' AND action = 'add'", [list_id])}


def known_findings(db, list_id: int) -> set[str]:
    """Finding keys already in the draft or ever proposed (copied, pending, rejected, removed since)."""
    return {row["finding_key"] for row in rows(db, """SELECT finding_key FROM list_matters WHERE list_id = ?
        AND finding_key IS NOT NULL UNION SELECT finding_key FROM list_changes WHERE list_id = ?
        AND finding_key IS NOT NULL""", [list_id, list_id])}


# --- change requests -----------------------------------------------------------------------------

def propose(db, list_id: int, changes: list[dict], by: int | None, *, source: str = "手工",
            batch: bool = False) -> tuple[list[int], int | None]:
    """Store change requests: each {action, matter_id, matter, old, new, reason, finding_key}.
    Those of one import or one copy of findings share a batch number, to be decided together.
    Returns (ids, batch)."""
    with transaction(db):
        number = None
        if batch:
            number = _number(db, "SELECT coalesce(max(batch), 0) + 1 AS n FROM list_changes WHERE list_id = ?",
                             [list_id])
        at = now()
        ids = []
        for change in changes:
            ids.append(db.execute(
                """INSERT INTO list_changes (list_id, batch, action, matter_id, matter, old_json, new_json,
                finding_key, reason, source, proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [list_id, number, change["action"], change.get("matter_id"), change["matter"],
                 _json(change.get("old")), _json(change.get("new")), change.get("finding_key"), change["reason"],
                 source, by, at]).lastrowid)
        audit(db, by, "list_change_propose", f"list:{list_id}", None,
              {"changes": ids, "batch": number, "origin": source})
    return ids, number


_CHANGE_SELECT = f"""SELECT list_changes.*, {_BY_NAME.format('proposer')} AS proposed_by_name,
    {_BY_NAME.format('decider')} AS decided_by_name FROM list_changes
    LEFT JOIN users AS proposer ON proposer.id = list_changes.proposed_by
    LEFT JOIN users AS decider ON decider.id = list_changes.decided_by"""


def _decode_change(row: dict) -> dict:
    row["old"] = json.loads(row.pop("old_json")) if row["old_json"] else None
    row["new"] = json.loads(row.pop("new_json")) if row["new_json"] else None
    return row


def get_change(db, list_id: int, change_id: int) -> dict | None:
    found = rows(db, _CHANGE_SELECT + " WHERE list_changes.list_id = ? AND list_changes.id = ?", [list_id, change_id])
    return _decode_change(found[0]) if found else None


def list_changes(db, list_id: int, *, status: str | None = None, matter_id: int | None = None,
                 batch: int | None = None) -> list[dict]:
    """The register's requests, newest first (pending ones by the order they were proposed)."""
    sql = _CHANGE_SELECT + " WHERE list_changes.list_id = ?"
    params: list = [list_id]
    for column, value in (("status", status), ("matter_id", matter_id), ("batch", batch)):
        if value is not None:
            sql += f" AND list_changes.{column} = ?"
            params.append(value)
    order = " ORDER BY list_changes.id" if status == "pending" else " ORDER BY list_changes.id DESC"
    return [_decode_change(row) for row in rows(db, sql + order, params)]


def _apply(db, list_id: int, change: dict) -> int | None:
    """Change the draft as the request says; StoreError when the draft moved since it was proposed."""
    action, values = change["action"], change["new"]
    current = get_matter(db, list_id, change["matter_id"]) if change["matter_id"] else None
    if action != "add" and current is None:
        raise StoreError(f"“{change['matter']}”已不在工作稿中（可能已被删除），请驳回此申请")
    if action == "edit" and current is not None and current["values"] != change["old"]:
        raise StoreError(f"“{change['matter']}”在此申请提出后已被修改，请驳回此申请，需要时重新提出")
    try:
        if action == "add":
            return db.execute("""INSERT INTO list_matters (list_id, matter, field, values_json, finding_key, created_at,
                updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)""", [list_id, values["matter"], values["field"], _json(values),
                                                           change["finding_key"], now(), now()]).lastrowid
        if action == "edit":
            db.execute("UPDATE list_matters SET matter = ?, field = ?, values_json = ?, updated_at = ? WHERE id = ?",
                       [values["matter"], values["field"], _json(values), now(), change["matter_id"]])
        else:
            db.execute("DELETE FROM list_matters WHERE id = ?", [change["matter_id"]])
    except sqlite3.IntegrityError:
        raise StoreError(f"工作稿中已有名为“{values['matter']}”的事项，请驳回此申请") from None
    return change["matter_id"]


def _decide(db, list_id: int, change: dict, approve: bool, note: str, by: int | None) -> None:
    if change["status"] != "pending":
        raise StoreError(f"此申请已{STATUSES[change['status']]}，不能再次审核")
    matter_id = _apply(db, list_id, change) if approve else change["matter_id"]
    status = "approved" if approve else "rejected"
    db.execute("""UPDATE list_changes SET status = ?, matter_id = ?, decided_by = ?, decided_at = ?, decision_note = ?
        WHERE id = ?""", [status, matter_id, by, now(), note, change["id"]])
    before = {"change": change["id"], "action": change["action"], "matter": change["matter"], "values": change["old"]}
    after = {"status": status, "values": change["new"], "note": note, "matter_id": matter_id}
    if approve:
        audit(db, by, "list_change_approve", f"list:{list_id}", before, after)
    else:
        audit(db, by, "list_change_reject", f"list:{list_id}", before, after)


def decide(db, list_id: int, change_id: int, approve: bool, note: str, by: int | None) -> dict:
    """Approve (the draft changes now) or reject one request; returns it as it was."""
    with transaction(db):
        change = get_change(db, list_id, change_id)
        if change is None:
            raise StoreError("变更申请不存在")
        _decide(db, list_id, change, approve, note, by)
    return change


def decide_batch(db, list_id: int, batch: int, approve: bool, note: str, by: int | None) -> int:
    """Decide every pending request of a batch together: all or none (StoreError names each that
    cannot be approved). Returns how many were decided."""
    with transaction(db):
        pending = list_changes(db, list_id, status="pending", batch=batch)
        errors = []
        for change in pending:
            try:
                _decide(db, list_id, change, approve, note, by)
            except StoreError as error:
                errors.append(str(error))
        if errors:
            raise StoreError("；".join(errors))  # the transaction rolls back every one of them
    return len(pending)


# --- editions ------------------------------------------------------------------------------------

def _decode_edition(row: dict) -> dict:
    row["fields"] = json.loads(row.pop("fields_json"))
    return row


_EDITION_SELECT = f"""SELECT list_editions.*, {_BY_NAME.format('users')} AS published_by_name FROM list_editions
    LEFT JOIN users ON users.id = list_editions.published_by"""


def editions(db, list_id: int) -> list[dict]:
    """The register's editions, newest first."""
    return [_decode_edition(row) for row in rows(
        db, _EDITION_SELECT + " WHERE list_id = ? ORDER BY number DESC", [list_id])]


def get_edition(db, list_id: int, number: int) -> dict | None:
    found = rows(db, _EDITION_SELECT + " WHERE list_id = ? AND number = ?", [list_id, number])
    return _decode_edition(found[0]) if found else None


def latest_edition(db, list_id: int) -> dict | None:
    found = rows(db, _EDITION_SELECT + " WHERE list_id = ? ORDER BY number DESC LIMIT 1", [list_id])
    return _decode_edition(found[0]) if found else None


def edition_matters(db, edition_id: int) -> list[dict]:
    """An edition's matters in their order (`values`: the columns as published)."""
    found = rows(db, "SELECT * FROM list_edition_matters WHERE edition_id = ? ORDER BY position", [edition_id])
    for row in found:
        row["values"] = json.loads(row.pop("values_json"))
    return found


def publish(db, list_id: int, *, title: str, published_on: str, note: str, fields: list[str], matters: list[dict],
            by: int | None) -> tuple[int, int]:
    """Freeze `matters` ({matter_id, values, search_text} in edition order) as the next edition.
    Returns (edition id, number)."""
    with transaction(db):
        number = _number(db, "SELECT coalesce(max(number), 0) + 1 AS n FROM list_editions WHERE list_id = ?",
                         [list_id])
        edition_id = db.execute(
            """INSERT INTO list_editions (list_id, number, title, published_on, published_at, published_by, note,
            matter_count, fields_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [list_id, number, title, published_on, now(), by, note, len(matters), _json(fields)]).lastrowid
        db.conn.executemany(
            """INSERT INTO list_edition_matters (edition_id, position, matter_id, matter, field, values_json,
            search_text) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [(edition_id, position, matter["matter_id"], matter["values"]["matter"], matter["values"]["field"],
              _json(matter["values"]), matter["search_text"]) for position, matter in enumerate(matters, start=1)])
        audit(db, by, "list_publish", f"list:{list_id}", None,
              {"edition": number, "title": title, "published_on": published_on, "matters": len(matters), "note": note})
    return edition_id, number
