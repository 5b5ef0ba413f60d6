"""只考一次 daily items (`survey.reform.daily_record`): each department's items of the year, their
verification history and evidence files. A number (日常-2026-001) is assigned here once, inside the
write transaction; every change is in the audit log."""
from __future__ import annotations

from survey.reform.daily_record import PENDING, format_number

from .audit import audit
from .db import StoreError, now, one, rows, transaction

FIELDS = ("department_id", "source", "on_date", "matter", "reference", "kind")
VERIFICATION = ("status", "verified_by_name", "verified_on", "verify_note")

_SELECT = """SELECT daily_items.*, governments.name AS government_name, departments.name AS department_name,
    (SELECT count(*) FROM daily_item_files WHERE item_id = daily_items.id) AS file_count
    FROM daily_items JOIN governments ON governments.id = daily_items.government_id
    JOIN departments ON departments.id = daily_items.department_id"""


def _check_department(db, government_id: int, department_id: int) -> None:
    if one(db, "SELECT 1 FROM departments WHERE id = ? AND government_id = ?", [department_id, government_id]) is None:
        raise StoreError("部门须是本政府的部门")


def _serial(db, government_id: int, year: int, serial: int | None) -> int:
    """The serial to store: the next of the year, or the one given (an imported number) if free."""
    if serial is None:
        row = one(db, """SELECT coalesce(max(serial), 0) + 1 AS next FROM daily_items
            WHERE government_id = ? AND year = ?""", [government_id, year])
        return row["next"] if row else 1
    if one(db, "SELECT 1 FROM daily_items WHERE government_id = ? AND year = ? AND serial = ?",
           [government_id, year, serial]):
        raise StoreError(f"编号 {format_number(year, serial)} 已在台账中")
    return serial


def add_item(db, government_id: int, entry: dict, by: int | None) -> tuple[int, str]:
    """Store a checked entry: FIELDS, VERIFICATION (a verified import keeps its verification), `year`
    (of its date), optionally `serial` (kept from an imported number) and `note` for the history.
    Returns (id, number)."""
    at = now()
    with transaction(db):
        _check_department(db, government_id, entry["department_id"])
        year = int(entry["year"])
        serial = _serial(db, government_id, year, entry.get("serial"))
        number = format_number(year, serial)
        values = {key: entry.get(key) or "" for key in FIELDS}
        verification = {"status": entry.get("status") or PENDING,
                        "verified_by_name": entry.get("verified_by_name") or "",
                        "verified_on": entry.get("verified_on") or None, "verify_note": entry.get("verify_note") or ""}
        item_id = db.execute(
            f"""INSERT INTO daily_items (government_id, year, serial, number, {", ".join(FIELDS)},
                {", ".join(VERIFICATION)}, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, {", ".join("?" * (len(FIELDS) + len(VERIFICATION)))}, ?, ?, ?)""",
            [government_id, year, serial, number, *values.values(), *verification.values(), by, at, at]).lastrowid
        db.execute("""INSERT INTO daily_item_history (item_id, from_status, to_status, note, by, at)
            VALUES (?, NULL, ?, ?, ?, ?)""", [item_id, verification["status"], entry.get("note") or "登记", by, at])
        audit(db, by, "daily_item_add", f"daily_item:{item_id}", None, {"number": number, **values, **verification})
    return item_id, number


def add_items(db, government_id: int, entries: list[dict], by: int | None) -> list[str]:
    """Store every entry of an import in one transaction (all or none); returns their numbers."""
    with transaction(db):
        return [add_item(db, government_id, entry, by)[1] for entry in entries]


def get_item(db, item_id: int) -> dict | None:
    return one(db, _SELECT + " WHERE daily_items.id = ?", [item_id])


def list_items(db, government_id: int, *, department_id: int | None = None, source: str | None = None,
               month: str | None = None, status: str | None = None, year: int | None = None) -> list[dict]:
    """A government's items by date, then number; optionally of one department, source, month
    (2026-03), verification status or year."""
    sql = _SELECT + " WHERE daily_items.government_id = ?"
    params: list = [government_id]
    for column, value in (("daily_items.department_id", department_id), ("daily_items.source", source),
                          ("daily_items.status", status)):
        if value is not None:
            sql += f" AND {column} = ?"
            params.append(value)
    if month:
        sql += " AND substr(daily_items.on_date, 1, 7) = ?"
        params.append(month)
    if year is not None:
        sql += " AND substr(daily_items.on_date, 1, 4) = ?"
        params.append(f"{year:04d}")
    return rows(db, sql + " ORDER BY daily_items.on_date, daily_items.year, daily_items.serial", params)


def months(db, government_id: int) -> list[str]:
    """The months (2026-03) the government's items fall in, newest first."""
    return [row["month"] for row in rows(db, """SELECT DISTINCT substr(on_date, 1, 7) AS month FROM daily_items
        WHERE government_id = ? ORDER BY month DESC""", [government_id])]


def numbers(db, government_id: int) -> set[str]:
    """The numbers the government's register already uses."""
    return {row["number"] for row in rows(db, "SELECT number FROM daily_items WHERE government_id = ?",
                                          [government_id])}


def update_item(db, item_id: int, values: dict, by: int | None) -> None:
    """Change an item's FIELDS (checked by the caller); a verified item must be set back to 待核实 first,
    so that what was verified is what counts."""
    with transaction(db):
        old = get_item(db, item_id)
        if old is None:
            raise StoreError("事项不存在")
        if old["status"] != PENDING:
            raise StoreError("已核实的事项不能修改；如需修改，请先改回“待核实”并写明理由")
        _check_department(db, old["government_id"], values["department_id"])
        new = {key: values.get(key) or "" for key in FIELDS}
        db.execute(f"UPDATE daily_items SET {', '.join(f'{key} = ?' for key in FIELDS)}, updated_at = ? WHERE id = ?",
                   [*new.values(), now(), item_id])
        audit(db, by, "daily_item_update", f"daily_item:{item_id}", {key: old[key] for key in FIELDS}, new)


def verify_item(db, item_id: int, status: str, *, verified_by_name: str, verified_on: str | None, note: str,
                by: int | None, attachment: dict | None = None) -> None:
    """Record a verification step (checked by the caller) with the evidence file uploaded with it if
    any: the file's row, the item, its history and the audit entry in one transaction."""
    with transaction(db):
        old = get_item(db, item_id)
        if old is None:
            raise StoreError("事项不存在")
        if attachment:
            add_file(db, item_id, attachment["file_name"], attachment["stored_name"], attachment["size"], by)
        verify_note = note if status != PENDING else ""
        db.execute("""UPDATE daily_items SET status = ?, verified_by_name = ?, verified_on = ?, verify_note = ?,
            updated_at = ? WHERE id = ?""", [status, verified_by_name, verified_on, verify_note, now(), item_id])
        db.execute("""INSERT INTO daily_item_history (item_id, from_status, to_status, note, by, at)
            VALUES (?, ?, ?, ?, ?, ?)""", [item_id, old["status"], status, note, by, now()])
        audit(db, by, "daily_item_verify", f"daily_item:{item_id}", {key: old[key] for key in VERIFICATION},
              {"status": status, "verified_by_name": verified_by_name, "verified_on": verified_on,
               "verify_note": verify_note, "attachment": attachment["file_name"] if attachment else None})


def add_file(db, item_id: int, file_name: str, stored_name: str, size: int, by: int | None) -> int:
    """Record an evidence file already saved under `stored_name` in the uploads folder."""
    with transaction(db):
        if one(db, "SELECT 1 FROM daily_items WHERE id = ?", [item_id]) is None:
            raise StoreError("事项不存在")
        file_id = db.execute(
            """INSERT INTO daily_item_files (item_id, file_name, stored_name, size, uploaded_by, uploaded_at)
            VALUES (?, ?, ?, ?, ?, ?)""", [item_id, file_name, stored_name, size, by, now()]).lastrowid
        audit(db, by, "daily_item_file", f"daily_item:{item_id}", None, {"file_name": file_name, "size": size})
    return file_id


def list_files(db, item_id: int) -> list[dict]:
    return rows(db, """SELECT daily_item_files.*, coalesce(nullif(users.display_name, ''), users.username)
        AS by_name FROM daily_item_files LEFT JOIN users ON users.id = daily_item_files.uploaded_by
        WHERE item_id = ? ORDER BY daily_item_files.id""", [item_id])


def file_names(db, government_id: int) -> dict[int, list[str]]:
    """Item id → its evidence file names, for a government's export and evidence."""
    found: dict[int, list[str]] = {}
    for row in rows(db, """SELECT daily_item_files.item_id, daily_item_files.file_name FROM daily_item_files
            JOIN daily_items ON daily_items.id = daily_item_files.item_id
            WHERE daily_items.government_id = ? ORDER BY daily_item_files.id""", [government_id]):
        found.setdefault(row["item_id"], []).append(row["file_name"])
    return found


def get_file(db, file_id: int) -> dict | None:
    return one(db, """SELECT daily_item_files.*, daily_items.government_id FROM daily_item_files
        JOIN daily_items ON daily_items.id = daily_item_files.item_id WHERE daily_item_files.id = ?""", [file_id])


def item_history(db, item_id: int) -> list[dict]:
    return rows(db, """SELECT daily_item_history.*, coalesce(nullif(users.display_name, ''), users.username)
        AS by_name FROM daily_item_history LEFT JOIN users ON users.id = daily_item_history.by
        WHERE item_id = ? ORDER BY daily_item_history.id""", [item_id])
