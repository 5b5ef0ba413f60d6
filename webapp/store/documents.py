"""Governments, departments, the versions of their 三定 documents with parsed items,
and staff corrections. The current version of a department is decided here (by the
施行 date, else the upload day; ties by upload order) and nowhere else."""
from __future__ import annotations

import json

from .audit import audit
from .db import StoreError, now, one, rows, transaction

UNKNOWN_GOVERNMENT = "未识别"


SECTIONS = ("duties", "divisions", "labour")


def government_id_for(db, name: str, level: str | None) -> int:
    row = one(db, "SELECT id FROM governments WHERE name = ?", [name])
    if row:
        return row["id"]
    return db.execute("INSERT INTO governments (name, level) VALUES (?, ?)", [name, level]).lastrowid


def _get_or_create_department(db, government_id: int, name: str) -> int:
    row = one(db, "SELECT id FROM departments WHERE government_id = ? AND name = ?",
              [government_id, name])
    if row:
        return row["id"]
    return db.execute("INSERT INTO departments (government_id, name) VALUES (?, ?)",
                      [government_id, name]).lastrowid


def find_version_by_sha256(db, sha256: str) -> dict | None:
    return one(db, "SELECT * FROM versions WHERE sha256 = ?", [sha256])


def store_parsed(db, doc_dict: dict, corrected: dict, *, file_name: str, stored_name: str,
                 sha256: str, by: int | None, government: str, department: str,
                 level: str | None = None) -> tuple[int, bool]:
    """Store one parsed file in one transaction; returns (version id, created).

    `doc_dict` is the parser's output as is, `corrected` the same with staff
    corrections applied (it fills the items table). A file already stored
    (same sha256) is updated in place, so its id and corrections stay.
    """
    with transaction(db):
        government_id = government_id_for(db, government, level)
        department_id = _get_or_create_department(db, government_id, department)
        existing = find_version_by_sha256(db, sha256)
        values = {
            "department_id": department_id, "format": doc_dict.get("format") or "",
            "document_year": doc_dict.get("document_year"),
            "title": doc_dict.get("title"), "parsed_at": now(),
            "parsed_json": json.dumps(doc_dict, ensure_ascii=False),
            "warnings_json": json.dumps(corrected.get("warnings", []), ensure_ascii=False),
        }
        if existing:
            version_id = existing["id"]
            sets = ", ".join(f"{key} = :{key}" for key in values)
            db.execute(f"UPDATE versions SET {sets} WHERE id = :id", {**values, "id": version_id})
            audit(db, by, "reparse", f"version:{version_id}",
                  {"department_id": existing["department_id"]}, {"department_id": department_id,
                                                                  "file_name": file_name})
        else:
            values.update(file_name=file_name, stored_name=stored_name, sha256=sha256,
                          uploaded_at=now(), uploaded_by=by)
            columns = ", ".join(values)
            marks = ", ".join(f":{key}" for key in values)
            version_id = db.execute(f"INSERT INTO versions ({columns}) VALUES ({marks})",
                                    values).lastrowid
            audit(db, by, "upload", f"version:{version_id}", None,
                  {"file_name": file_name, "sha256": sha256, "department": department,
                   "government": government})
        _replace_items(db, version_id, corrected)
        _drop_empty_departments(db)
    return version_id, existing is None


def _replace_items(db, version_id: int, doc: dict) -> None:
    """Rewrite the item rows of one version from a (corrected) document dict."""
    db.execute("DELETE FROM items WHERE version_id = ?", [version_id])
    records = []
    for duty in doc.get("duties", []):
        records.append((version_id, "duties", None, duty["no"], duty.get("label", ""),
                        duty["text"], duty.get("text_simplified") or duty["text"],
                        int(bool(duty.get("boilerplate")))))
    for division in doc.get("divisions", []):
        for no, text in enumerate(division.get("duties", []), start=1):
            records.append((version_id, "divisions", division["name"], no, "", text, text, 0))
    for labour in doc.get("divisions_of_labour", []):
        records.append((version_id, "labour", None, labour["no"], "", labour["text"],
                        labour["text"], 0))
    db.conn.executemany(
        """INSERT INTO items (version_id, section, division, no, label, text, text_simplified,
           boilerplate) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", records)


def _drop_empty_departments(db) -> None:
    """Remove departments without versions and governments without departments.

    A dropped government's findings and run state go with it; decisions stay
    (their finding keys hash the government's name, so they never match another's).
    """
    # a county's unit row (store.counties) has no 三定 of its own
    db.execute("""DELETE FROM departments WHERE id NOT IN (SELECT department_id FROM versions)
        AND county_id IS NULL""")
    # a government keeping 清单 registers or a 行业领域 index keeps them (and its id) without documents
    empty = ("SELECT id FROM governments WHERE id NOT IN (SELECT government_id FROM departments)"
             " AND id NOT IN (SELECT government_id FROM rounds)"
             " AND id NOT IN (SELECT government_id FROM lists) AND id NOT IN (SELECT government_id FROM list_fields)"
             # a county evaluated as a whole keeps its account's government (NULL: a department's account)
             " AND id NOT IN (SELECT government_id FROM account_units WHERE government_id IS NOT NULL)"
             # a city with counties under it, and a county under a city (store.counties)
             " AND id NOT IN (SELECT parent_id FROM governments WHERE parent_id IS NOT NULL)"
             " AND id NOT IN (SELECT county_id FROM departments WHERE county_id IS NOT NULL)")
    db.execute(f"DELETE FROM findings WHERE government_id IN ({empty})")
    db.execute(f"DELETE FROM detection_runs WHERE government_id IN ({empty})")
    db.execute(f"DELETE FROM governments WHERE id IN ({empty})")


def list_governments(db) -> list[dict]:
    """Governments with their departments and each department's versions, current first."""
    governments = rows(db, "SELECT * FROM governments ORDER BY name = ?, name", [UNKNOWN_GOVERNMENT])
    departments = rows(db, """SELECT departments.*, count(versions.id) AS version_count
        FROM departments LEFT JOIN versions ON versions.department_id = departments.id
        WHERE departments.county_id IS NULL GROUP BY departments.id ORDER BY departments.name""")
    for department in departments:
        department["versions"] = department_versions(db, department["id"])[::-1]
    for government in governments:
        government["departments"] = [d for d in departments if d["government_id"] == government["id"]]
    return governments


def list_versions(db, department_id: int | None = None) -> list[dict]:
    """Version rows (without the JSON) newest first, optionally of one department."""
    sql = """SELECT versions.id, department_id, file_name, sha256, format, title, uploaded_at,
        parsed_at, users.username AS uploaded_by_name FROM versions
        LEFT JOIN users ON users.id = versions.uploaded_by"""
    params: list = []
    if department_id is not None:
        sql += " WHERE department_id = ?"
        params.append(department_id)
    return rows(db, sql + " ORDER BY versions.id DESC", params)


def get_version(db, version_id: int) -> dict | None:
    """One version with its department and government names and parsed JSON decoded."""
    row = one(db, """SELECT versions.*, departments.name AS department_name,
        governments.name AS government_name, governments.id AS government_id,
        users.username AS uploaded_by_name
        FROM versions JOIN departments ON departments.id = versions.department_id
        JOIN governments ON governments.id = departments.government_id
        LEFT JOIN users ON users.id = versions.uploaded_by WHERE versions.id = ?""", [version_id])
    if row:
        row["parsed"] = json.loads(row.pop("parsed_json"))
        row["warnings"] = json.loads(row.pop("warnings_json"))
    return row


def list_items(db, version_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM items WHERE version_id = ? ORDER BY id", [version_id])


def list_corrections(db, sha256: str) -> list[dict]:
    """Corrections of one file in the order they were made."""
    return rows(db, """SELECT corrections.*, users.username AS by_name FROM corrections
        LEFT JOIN users ON users.id = corrections.by WHERE sha256 = ? ORDER BY corrections.id""",
                [sha256])


def add_correction(db, sha256: str, correction: dict, by: int | None,
                   corrected: dict, version_id: int) -> int:
    """Store a correction and the items it produces, in one transaction."""
    with transaction(db):
        cursor = db.execute(
            """INSERT INTO corrections (sha256, section, division, position, action, offset,
               expect, by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [sha256, correction["section"], correction.get("division"), correction["position"],
             correction["action"], correction.get("offset"), correction.get("expect"), by, now()])
        db.execute("UPDATE versions SET warnings_json = ? WHERE id = ?",
                   [json.dumps(corrected.get("warnings", []), ensure_ascii=False), version_id])
        _replace_items(db, version_id, corrected)
        audit(db, by, f"correction_{correction['action']}", f"version:{version_id}",
              None, {**correction, "correction_id": cursor.lastrowid})
    return cursor.lastrowid


def delete_version(db, version_id: int, by: int | None) -> dict:
    """Delete a version with its items (a wrong or unreadable upload); a department or government
    left without versions goes too, and the next detection drops their findings. Returns the
    deleted row (its stored_name, for the caller to remove the file)."""
    import sqlite3

    with transaction(db):
        row = one(db, "SELECT id, department_id, file_name, stored_name, sha256 FROM versions WHERE id = ?",
                  [version_id])
        if row is None:
            raise StoreError("版本不存在")
        db.execute("UPDATE jobs SET version_id = NULL WHERE version_id = ?", [version_id])
        db.execute("DELETE FROM versions WHERE id = ?", [version_id])
        audit(db, by, "version_delete", f"version:{version_id}",
              {"file_name": row["file_name"], "sha256": row["sha256"], "department_id": row["department_id"]}, None)
        try:
            _drop_empty_departments(db)
        except sqlite3.IntegrityError:
            raise StoreError("该部门还在领导职数台账、工作饱和度、整改台账、机构编制问题台账、实名制、"
                             "编制调整台账、只考一次台账、评估活动、年度评估结果或被评估单位账号中使用，"
                             "不能删除它唯一的三定版本") from None
    return row


def get_naming(db, sha256: str) -> dict | None:
    """The department and government staff gave this file by hand, if any."""
    return one(db, "SELECT department, government FROM namings WHERE sha256 = ?", [sha256])


def save_naming(db, sha256: str, department: str | None, government: str | None, by: int | None) -> None:
    """Remember a hand-given department and government for a file (kept on re-parse)."""
    with transaction(db):
        before = get_naming(db, sha256)
        db.execute("""INSERT INTO namings (sha256, department, government, by, at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (sha256) DO UPDATE SET department = excluded.department,
            government = excluded.government, by = excluded.by, at = excluded.at""",
                   [sha256, department, government, by, now()])
        audit(db, by, "naming", f"file:{sha256[:16]}", before,
              {"department": department, "government": government})


def place_version(db, version_id: int, parsed: dict, warnings: list[str], *, government: str,
                  department: str, level: str | None, by: int | None) -> None:
    """File a version under the named government and department (created if new) with its
    re-named parse result; departments and governments left empty are removed."""
    with transaction(db):
        department_id = _get_or_create_department(db, government_id_for(db, government, level), department)
        row = one(db, "SELECT department_id FROM versions WHERE id = ?", [version_id])
        if row is None:
            raise StoreError("版本不存在")
        db.execute("UPDATE versions SET department_id = ?, parsed_json = ?, warnings_json = ? WHERE id = ?",
                   [department_id, json.dumps(parsed, ensure_ascii=False),
                    json.dumps(warnings, ensure_ascii=False), version_id])
        if row["department_id"] != department_id:
            audit(db, by, "version_move", f"version:{version_id}",
                  {"department_id": row["department_id"]}, {"department_id": department_id})
        _drop_empty_departments(db)


def get_government(db, government_id: int) -> dict | None:
    return one(db, "SELECT * FROM governments WHERE id = ?", [government_id])


def get_government_by_name(db, name: str) -> dict | None:
    return one(db, "SELECT * FROM governments WHERE name = ?", [name])


def get_department(db, department_id: int) -> dict | None:
    """One department with its government's name."""
    return one(db, """SELECT departments.*, governments.name AS government_name
        FROM departments JOIN governments ON governments.id = departments.government_id
        WHERE departments.id = ?""", [department_id])


def department_ids(db, government_id: int) -> dict[str, int]:
    """Department name → id within one government (not the rows standing for its counties)."""
    return {row["name"]: row["id"] for row in rows(
        db, "SELECT id, name FROM departments WHERE government_id = ? AND county_id IS NULL", [government_id])}


def get_or_create_government(db, name: str) -> int:
    """The id of a government by name (created, without departments, if new)."""
    with transaction(db):
        return government_id_for(db, name, None)


def government_department_names(db, government_id: int) -> list[str]:
    """The names of a government's departments that have a parsed document, sorted."""
    return [row["name"] for row in rows(db, """SELECT DISTINCT departments.name FROM departments
        JOIN versions ON versions.department_id = departments.id
        WHERE departments.government_id = ? ORDER BY departments.name""", [government_id])]


# A version's place in its department's history: its effective date (施行 date, or the
# date given on import), else the day it was uploaded; ties by upload order.
# When a version took effect: its 施行 date, else the year of its 文号 (`2014` sorts before any
# date of 2014), else the day it was uploaded; ties by upload order. The one definition of
# "current" (the last in this order) that detection, evaluation, reform and staffing use.
VERSION_DATE = ("coalesce(versions.effective_date, CAST(versions.document_year AS TEXT), "
                "substr(versions.uploaded_at, 1, 10))")
ORDER_KEY = f"{VERSION_DATE}, versions.id"
DATE_SOURCES = {"effective": "施行日期", "year": "文号年份", "upload": "上传日期"}


ORDER_KEY_DESC = f"{VERSION_DATE} DESC, versions.id DESC"


def set_effective_date(db, version_id: int, date: str | None, by: int | None,
                       only_if_empty: bool = False) -> bool:
    """Set (or clear, with None) when a version took effect; audited. With `only_if_empty`
    a date already set (by a person) stays. Returns whether it changed."""
    with transaction(db):
        row = one(db, "SELECT effective_date FROM versions WHERE id = ?", [version_id])
        if row is None:
            raise StoreError("版本不存在")
        old = row["effective_date"]
        if old == date or (only_if_empty and old):
            return False
        db.execute("UPDATE versions SET effective_date = ? WHERE id = ?", [date, version_id])
        audit(db, by, "version_date", f"version:{version_id}", {"effective_date": old},
                    {"effective_date": date})
    return True


def department_versions(db, department_id: int) -> list[dict]:
    """A department's versions, oldest first, with `date` (effective or upload day),
    `dated` (whether the date is an effective date) and `current` (the newest)."""
    found = rows(db, f"""SELECT versions.id, versions.department_id, versions.file_name,
        versions.title, versions.uploaded_at, versions.effective_date, versions.document_year,
        versions.sha256, {VERSION_DATE} AS date,
        json_array_length(versions.parsed_json, '$.duties') AS duty_count,
        json_array_length(versions.parsed_json, '$.divisions') AS division_count,
        users.username AS uploaded_by_name FROM versions
        LEFT JOIN users ON users.id = versions.uploaded_by
        WHERE versions.department_id = ? ORDER BY {ORDER_KEY}""", [department_id])
    for n, row in enumerate(found):
        row["current"] = n == len(found) - 1
        row["dated"] = bool(row["effective_date"] or row["document_year"])
        row["date_source"] = DATE_SOURCES["effective" if row["effective_date"] else
                                          "year" if row["document_year"] else "upload"]
    return found


def current_version_id(db, department_id: int) -> int | None:
    """The id of the department's current (newest) version."""
    row = one(db, f"SELECT versions.id FROM versions WHERE department_id = ? "
                           f"ORDER BY {ORDER_KEY_DESC} LIMIT 1", [department_id])
    return row["id"] if row else None


def government_versions(db, government_id: int) -> list[dict]:
    """Every version of the government's departments, oldest first by effective date then
    upload order (so the last of each department is its current one), parsed JSON decoded."""
    found = rows(db, f"""SELECT versions.id, versions.sha256, versions.file_name,
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
    return rows(db, """SELECT departments.id, departments.name, count(versions.id) AS versions
        FROM departments JOIN versions ON versions.department_id = departments.id
        WHERE departments.government_id = ? GROUP BY departments.id ORDER BY departments.name""",
                         [government_id])


# Tables that record something of a department as it was (its name then): they keep it.
_RECORDS_OF_A_DEPARTMENT = ("scores", "score_changes", "score_resolutions", "conclusions", "leader_holders",
                            "saturation_tasks", "roll_units", "campaign_units", "account_units", "history_rows")


def move_version(db, version_id: int, department_id: int, by: int | None) -> None:
    """File a version under another department of the same government (an old version of a
    renamed department, e.g. 交通局 → 交通运输局); departments left empty are removed."""
    with transaction(db):
        row = one(db, """SELECT versions.department_id, departments.government_id FROM versions
            JOIN departments ON departments.id = versions.department_id WHERE versions.id = ?""",
                        [version_id])
        target = one(db, "SELECT government_id FROM departments WHERE id = ?", [department_id])
        if row is None or target is None:
            raise StoreError("版本或部门不存在")
        if target["government_id"] != row["government_id"]:
            raise StoreError("只能归入同一政府的部门")
        if row["department_id"] == department_id:
            return
        db.execute("UPDATE versions SET department_id = ? WHERE id = ?", [department_id, version_id])
        audit(db, by, "version_move", f"version:{version_id}",
                    {"department_id": row["department_id"]}, {"department_id": department_id})
        # A renamed department's registers (机构编制问题台账, 整改台账) go with its last version; what
        # was recorded of it under its old name (scores, ledgers) keeps the old department.
        old = row["department_id"]
        if one(db, "SELECT 1 FROM versions WHERE department_id = ?", [old]) is None:
            db.execute("""INSERT OR IGNORE INTO problem_departments (problem_id, department_id)
                SELECT problem_id, ? FROM problem_departments WHERE department_id = ?""", [department_id, old])
            db.execute("DELETE FROM problem_departments WHERE department_id = ?", [old])
            db.execute("UPDATE rectifications SET department_id = ? WHERE department_id = ?", [department_id, old])
            # its 编制调整台账 too: the unit's archive goes on under its new name
            db.execute("UPDATE staffing_adjustments SET department_id = ? WHERE department_id = ?",
                       [department_id, old])
            # and its 只考一次 items: the year's record goes on under the new name
            db.execute("UPDATE daily_items SET department_id = ? WHERE department_id = ?", [department_id, old])
            if not any(one(db, f"SELECT 1 FROM {table} WHERE department_id = ? LIMIT 1", [old])
                       for table in _RECORDS_OF_A_DEPARTMENT):
                db.execute("DELETE FROM departments WHERE id = ?", [old])
