"""The 机构编制问题台账: problems, the departments each concerns, their status history and evidence
files. A number (问题-2026-001) is assigned here once, inside the write transaction, and stored as
it was given; every change is in the audit log."""
from __future__ import annotations

from survey.reform.problems import format_number

from .audit import audit
from .db import StoreError, now, one, rows, transaction

FIELDS = ("category", "description", "measure", "found_on", "source", "due_on")

_SELECT = """SELECT problems.*, governments.name AS government_name,
    (SELECT count(*) FROM problem_attachments WHERE problem_id = problems.id) AS attachment_count
    FROM problems JOIN governments ON governments.id = problems.government_id"""


def _with_departments(db, found: list[dict]) -> list[dict]:
    """Each row with `departments` ([{id, name}] by name) and `department_names` (joined by 、)."""
    if not found:
        return found
    by_problem: dict[int, list[dict]] = {row["id"]: [] for row in found}
    marks = ", ".join("?" * len(by_problem))
    for link in rows(db, f"""SELECT problem_departments.problem_id, departments.id, departments.name
            FROM problem_departments JOIN departments ON departments.id = problem_departments.department_id
            WHERE problem_departments.problem_id IN ({marks}) ORDER BY departments.name""", list(by_problem)):
        by_problem[link["problem_id"]].append({"id": link["id"], "name": link["name"]})
    for row in found:
        row["departments"] = by_problem[row["id"]]
        row["department_names"] = "、".join(d["name"] for d in row["departments"])
    return found


def _check_departments(db, government_id: int, department_ids: list[int]) -> None:
    if not department_ids:
        raise StoreError("请至少选择一个涉及部门")
    marks = ", ".join("?" * len(department_ids))
    own = one(db, f"SELECT count(*) AS n FROM departments WHERE government_id = ? AND id IN ({marks})",
              [government_id, *department_ids])
    if own is None or own["n"] != len(set(department_ids)):
        raise StoreError("涉及部门须是本政府的部门")


def _set_departments(db, problem_id: int, department_ids: list[int]) -> None:
    db.execute("DELETE FROM problem_departments WHERE problem_id = ?", [problem_id])
    db.conn.executemany("INSERT INTO problem_departments (problem_id, department_id) VALUES (?, ?)",
                        [(problem_id, department_id) for department_id in sorted(set(department_ids))])


def _serial(db, government_id: int, year: int, serial: int | None) -> int:
    """The serial to store: the next of the year, or the one given (an imported number) if free."""
    if serial is None:
        row = one(db, "SELECT coalesce(max(serial), 0) + 1 AS next FROM problems WHERE government_id = ? AND year = ?",
                  [government_id, year])
        return row["next"] if row else 1
    if one(db, "SELECT 1 FROM problems WHERE government_id = ? AND year = ? AND serial = ?",
           [government_id, year, serial]):
        raise StoreError(f"编号 {format_number(year, serial)} 已在台账中")
    return serial


def add_problem(db, government_id: int, entry: dict, by: int | None) -> tuple[int, str]:
    """Store a checked entry: FIELDS, `department_ids`, `status`, `closed_on`, `closing_note`, `year`
    (the year found) and optionally `serial` (kept from an imported number). Returns (id, number)."""
    at = now()
    with transaction(db):
        _check_departments(db, government_id, entry["department_ids"])
        year = int(entry["year"])
        serial = _serial(db, government_id, year, entry.get("serial"))
        number = format_number(year, serial)
        values = {key: entry.get(key) or "" for key in FIELDS}
        status = entry.get("status") or "待整改"
        problem_id = db.execute(
            f"""INSERT INTO problems (government_id, year, serial, number, {", ".join(FIELDS)}, status, closed_on,
                closing_note, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, {", ".join("?" * len(FIELDS))}, ?, ?, ?, ?, ?, ?)""",
            [government_id, year, serial, number, *values.values(), status, entry.get("closed_on"),
             entry.get("closing_note") or "", by, at, at]).lastrowid
        _set_departments(db, problem_id, entry["department_ids"])
        db.execute("""INSERT INTO problem_history (problem_id, from_status, to_status, note, by, at)
            VALUES (?, NULL, ?, ?, ?, ?)""", [problem_id, status, entry.get("note") or "登记", by, at])
        audit(db, by, "problem_add", f"problem:{problem_id}", None, {
            "number": number, **values, "department_ids": sorted(entry["department_ids"]), "status": status,
            "closed_on": entry.get("closed_on"), "closing_note": entry.get("closing_note") or ""})
    return problem_id, number


def add_problems(db, government_id: int, entries: list[dict], by: int | None) -> list[str]:
    """Store every entry of an import in one transaction (all or none); returns their numbers."""
    with transaction(db):
        return [add_problem(db, government_id, entry, by)[1] for entry in entries]


def get_problem(db, problem_id: int) -> dict | None:
    found = rows(db, _SELECT + " WHERE problems.id = ?", [problem_id])
    return _with_departments(db, found)[0] if found else None


def list_problems(db, government_id: int, *, department_id: int | None = None, category: str | None = None,
                  status: str | None = None, open_only: bool = False) -> list[dict]:
    """A government's problems by deadline, then number; optionally of one department, category or status."""
    sql = _SELECT + " WHERE problems.government_id = ?"
    params: list = [government_id]
    if department_id is not None:
        sql += " AND problems.id IN (SELECT problem_id FROM problem_departments WHERE department_id = ?)"
        params.append(department_id)
    if category:
        sql += " AND problems.category = ?"
        params.append(category)
    if status:
        sql += " AND problems.status = ?"
        params.append(status)
    if open_only:
        sql += " AND problems.status != '已销号'"
    return _with_departments(db, rows(db, sql + " ORDER BY problems.due_on, problems.year, problems.serial", params))


def numbers(db, government_id: int) -> set[str]:
    """The numbers the government's register already uses."""
    return {row["number"] for row in rows(db, "SELECT number FROM problems WHERE government_id = ?", [government_id])}


def update_problem(db, problem_id: int, values: dict, department_ids: list[int], by: int | None) -> None:
    """Change a problem's FIELDS and departments (checked by the caller); a closed one stays as closed."""
    with transaction(db):
        old = get_problem(db, problem_id)
        if old is None:
            raise StoreError("问题不存在")
        if old["status"] == "已销号":
            raise StoreError("已销号的问题不能修改；如需修改，请先重新打开")
        _check_departments(db, old["government_id"], department_ids)
        new = {key: values.get(key) or "" for key in FIELDS}
        db.execute(f"UPDATE problems SET {', '.join(f'{key} = ?' for key in FIELDS)}, updated_at = ? WHERE id = ?",
                   [*new.values(), now(), problem_id])
        _set_departments(db, problem_id, department_ids)
        audit(db, by, "problem_update", f"problem:{problem_id}",
              {**{key: old[key] for key in FIELDS}, "department_ids": sorted(d["id"] for d in old["departments"])},
              {**new, "department_ids": sorted(set(department_ids))})


def move_problem(db, problem_id: int, status: str, *, closed_on: str | None, closing_note: str, note: str,
                 by: int | None, attachment: dict | None = None) -> None:
    """Change the status (checked by the caller), with the evidence file uploaded with it if any;
    the file's row, the history and the audit entry in one transaction."""
    with transaction(db):
        old = get_problem(db, problem_id)
        if old is None:
            raise StoreError("问题不存在")
        if attachment:
            add_attachment(db, problem_id, attachment["file_name"], attachment["stored_name"], attachment["size"], by)
        db.execute("UPDATE problems SET status = ?, closed_on = ?, closing_note = ?, updated_at = ? WHERE id = ?",
                   [status, closed_on, closing_note, now(), problem_id])
        db.execute("""INSERT INTO problem_history (problem_id, from_status, to_status, note, by, at)
            VALUES (?, ?, ?, ?, ?, ?)""", [problem_id, old["status"], status, note, by, now()])
        audit(db, by, "problem_status", f"problem:{problem_id}",
              {"status": old["status"], "closed_on": old["closed_on"], "closing_note": old["closing_note"]},
              {"status": status, "closed_on": closed_on, "closing_note": closing_note, "note": note,
               "attachment": attachment["file_name"] if attachment else None})


def add_attachment(db, problem_id: int, file_name: str, stored_name: str, size: int, by: int | None) -> int:
    """Record an evidence file already saved under `stored_name` in the uploads folder."""
    with transaction(db):
        if one(db, "SELECT 1 FROM problems WHERE id = ?", [problem_id]) is None:
            raise StoreError("问题不存在")
        attachment_id = db.execute(
            """INSERT INTO problem_attachments (problem_id, file_name, stored_name, size, uploaded_by, uploaded_at)
            VALUES (?, ?, ?, ?, ?, ?)""", [problem_id, file_name, stored_name, size, by, now()]).lastrowid
        audit(db, by, "problem_attachment", f"problem:{problem_id}", None, {"file_name": file_name, "size": size})
    return attachment_id


def list_attachments(db, problem_id: int) -> list[dict]:
    return rows(db, """SELECT problem_attachments.*, coalesce(nullif(users.display_name, ''), users.username)
        AS by_name FROM problem_attachments LEFT JOIN users ON users.id = problem_attachments.uploaded_by
        WHERE problem_id = ? ORDER BY problem_attachments.id""", [problem_id])


def attachment_names(db, government_id: int) -> dict[int, list[str]]:
    """Problem id → its evidence file names, for a government's export."""
    found: dict[int, list[str]] = {}
    for row in rows(db, """SELECT problem_attachments.problem_id, problem_attachments.file_name
            FROM problem_attachments JOIN problems ON problems.id = problem_attachments.problem_id
            WHERE problems.government_id = ? ORDER BY problem_attachments.id""", [government_id]):
        found.setdefault(row["problem_id"], []).append(row["file_name"])
    return found


def get_attachment(db, attachment_id: int) -> dict | None:
    return one(db, """SELECT problem_attachments.*, problems.government_id FROM problem_attachments
        JOIN problems ON problems.id = problem_attachments.problem_id WHERE problem_attachments.id = ?""",
               [attachment_id])


def problem_history(db, problem_id: int) -> list[dict]:
    return rows(db, """SELECT problem_history.*, coalesce(nullif(users.display_name, ''), users.username) AS by_name
        FROM problem_history LEFT JOIN users ON users.id = problem_history.by
        WHERE problem_id = ? ORDER BY problem_history.id""", [problem_id])
