"""实名制 imports and the 编制 adjustment log (编制调整台账).

An import is stored whole in one transaction and never replaced: imports are kept by 数据日期,
the newest (then the last imported) is current. Every change is in the audit log; a deleted
adjustment keeps its values there.
"""
from __future__ import annotations

import json

from .audit import audit
from .db import StoreError, now, one, rows, transaction

ADJUSTMENT_FIELDS = ("on_date", "kind", "post_kind", "count", "counterpart", "document_no", "note")
# Newest 数据日期 first; of two imports with one date, the later import.
_IMPORT_ORDER = "roll_imports.as_of DESC, roll_imports.id DESC"


def _check_departments(db, government_id: int, department_ids: list[int]) -> None:
    if not department_ids:
        return
    marks = ", ".join("?" * len(set(department_ids)))
    own = one(db, f"SELECT count(*) AS n FROM departments WHERE government_id = ? AND id IN ({marks})",
              [government_id, *set(department_ids)])
    if own is None or own["n"] != len(set(department_ids)):
        raise StoreError("部门须是本政府的部门")


# --- 实名制 -----------------------------------------------------------------------------------------

def save_roll(db, government_id: int, as_of: str, file_name: str, units: list[dict], by: int | None) -> int:
    """Store an import: `units` are dicts of department_id, department_name, figures (posts and
    leaders as given), note. Kept beside earlier imports, whatever their date. Returns its id."""
    with transaction(db):
        _check_departments(db, government_id, [unit["department_id"] for unit in units])
        import_id = db.execute("""INSERT INTO roll_imports (government_id, as_of, file_name, imported_by, imported_at)
            VALUES (?, ?, ?, ?, ?)""", [government_id, as_of, file_name, by, now()]).lastrowid
        db.conn.executemany("""INSERT INTO roll_units (import_id, department_id, department_name, figures_json, note)
            VALUES (?, ?, ?, ?, ?)""", [(import_id, unit["department_id"], unit["department_name"],
                                         json.dumps(unit["figures"], ensure_ascii=False), unit.get("note") or "")
                                        for unit in units])
        audit(db, by, "roll_import", f"roll:{import_id}", None,
              {"as_of": as_of, "file_name": file_name, "units": len(units), "government_id": government_id})
    return import_id


_IMPORTS = """SELECT roll_imports.*, coalesce(nullif(users.display_name, ''), users.username) AS by_name,
    (SELECT count(*) FROM roll_units WHERE roll_units.import_id = roll_imports.id) AS unit_count
    FROM roll_imports LEFT JOIN users ON users.id = roll_imports.imported_by"""


def list_roll_imports(db, government_id: int) -> list[dict]:
    """A government's imports, current first."""
    return rows(db, f"{_IMPORTS} WHERE roll_imports.government_id = ? ORDER BY {_IMPORT_ORDER}", [government_id])


def get_roll_import(db, import_id: int) -> dict | None:
    return one(db, f"{_IMPORTS} WHERE roll_imports.id = ?", [import_id])


def current_roll_import(db, government_id: int) -> dict | None:
    """The government's current import (newest 数据日期), None before the first."""
    found = rows(db, f"{_IMPORTS} WHERE roll_imports.government_id = ? ORDER BY {_IMPORT_ORDER} LIMIT 1",
                 [government_id])
    return found[0] if found else None


def _decoded(found: list[dict]) -> list[dict]:
    for row in found:
        row["figures"] = json.loads(row.pop("figures_json"))
    return found


def roll_units(db, import_id: int) -> list[dict]:
    """The units of an import by department name, `figures` decoded."""
    return _decoded(rows(db, """SELECT * FROM roll_units WHERE import_id = ? ORDER BY department_name""",
                         [import_id]))


def department_roll(db, department_id: int) -> list[dict]:
    """The department's row in every import that has one, current first, with the import's date."""
    return _decoded(rows(db, f"""SELECT roll_units.*, roll_imports.as_of, roll_imports.file_name
        FROM roll_units JOIN roll_imports ON roll_imports.id = roll_units.import_id
        WHERE roll_units.department_id = ? ORDER BY {_IMPORT_ORDER}""", [department_id]))


# --- 编制调整台账 ----------------------------------------------------------------------------------

def _insert_adjustment(db, government_id: int, entry: dict, by: int | None) -> int:
    values = [entry.get(key) if key == "count" else (entry.get(key) or "") for key in ADJUSTMENT_FIELDS]
    adjustment_id = db.execute(
        f"""INSERT INTO staffing_adjustments (government_id, department_id, {", ".join(ADJUSTMENT_FIELDS)},
            created_by, created_at) VALUES (?, ?, {", ".join("?" * len(ADJUSTMENT_FIELDS))}, ?, ?)""",
        [government_id, entry["department_id"], *values, by, now()]).lastrowid
    audit(db, by, "adjustment_add", f"adjustment:{adjustment_id}", None,
          {"department_id": entry["department_id"], **dict(zip(ADJUSTMENT_FIELDS, values))})
    return adjustment_id


def add_adjustments(db, government_id: int, entries: list[dict], by: int | None) -> list[int]:
    """Store checked entries (department_id and ADJUSTMENT_FIELDS) in one transaction: all or none."""
    with transaction(db):
        _check_departments(db, government_id, [entry["department_id"] for entry in entries])
        return [_insert_adjustment(db, government_id, entry, by) for entry in entries]


_ADJUSTMENTS = """SELECT staffing_adjustments.*, departments.name AS department_name,
    CAST(substr(staffing_adjustments.on_date, 1, 4) AS INTEGER) AS year,
    coalesce(nullif(users.display_name, ''), users.username) AS by_name
    FROM staffing_adjustments JOIN departments ON departments.id = staffing_adjustments.department_id
    LEFT JOIN users ON users.id = staffing_adjustments.created_by"""


def list_adjustments(db, government_id: int, *, department_id: int | None = None,
                     year: int | None = None) -> list[dict]:
    """A government's adjustments by department name, date and entry; optionally of one
    department or one year."""
    sql = _ADJUSTMENTS + " WHERE staffing_adjustments.government_id = ?"
    params: list = [government_id]
    if department_id is not None:
        sql += " AND staffing_adjustments.department_id = ?"
        params.append(department_id)
    if year is not None:
        sql += " AND substr(staffing_adjustments.on_date, 1, 4) = ?"
        params.append(f"{year:04d}")
    return rows(db, sql + " ORDER BY departments.name, staffing_adjustments.on_date, staffing_adjustments.id",
                params)


def adjustment_years(db, government_id: int) -> list[int]:
    return [row["year"] for row in rows(db, """SELECT DISTINCT CAST(substr(on_date, 1, 4) AS INTEGER) AS year
        FROM staffing_adjustments WHERE government_id = ? ORDER BY year DESC""", [government_id])]


def get_adjustment(db, adjustment_id: int) -> dict | None:
    return one(db, _ADJUSTMENTS + " WHERE staffing_adjustments.id = ?", [adjustment_id])


def delete_adjustment(db, adjustment_id: int, by: int | None) -> dict:
    """Delete an entry made in error; its values stay in the audit log. Returns the deleted row."""
    with transaction(db):
        row = get_adjustment(db, adjustment_id)
        if row is None:
            raise StoreError("调整记录不存在")
        db.execute("DELETE FROM staffing_adjustments WHERE id = ?", [adjustment_id])
        audit(db, by, "adjustment_delete", f"adjustment:{adjustment_id}",
              {"department_id": row["department_id"], **{key: row[key] for key in ADJUSTMENT_FIELDS}}, None)
    return row
