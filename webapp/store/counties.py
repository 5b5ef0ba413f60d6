"""Counties as evaluated units (旗市区): which counties sit under a city, the row of the city's
`departments` that stands for each in the city's campaigns and scores (`county_id`), and the
counties' filings of 机构编制 figures and 领导职数 for 审核备案. Every change is audited; what must
not change twice (a filing already decided, a second filing while one waits) is checked again inside
the write transaction.
"""
from __future__ import annotations

import json
import sqlite3

from .audit import audit
from .db import StoreError, now, one, rows, transaction

DEPARTMENTS, COUNTIES = "departments", "counties"
TARGETS = {DEPARTMENTS: "部门", COUNTIES: "旗市区"}
SUBMITTED, FILED, RETURNED = "submitted", "filed", "returned"
COUNTY_LEVEL = "县级"


def _user_name(table: str, column: str) -> str:
    return f"(SELECT coalesce(nullif(display_name, ''), username) FROM users WHERE users.id = {table}.{column})"


# --- counties under a city ----------------------------------------------------------------------

def unit_ids(db, city_id: int) -> dict[str, int]:
    """The city's counties as evaluated units: county name → the id of the row standing for it."""
    return {row["name"]: row["id"] for row in rows(
        db, "SELECT id, name FROM departments WHERE government_id = ? AND county_id IS NOT NULL ORDER BY name",
        [city_id])}


def list_counties(db, city_id: int) -> list[dict]:
    """The counties of a city: department_id (its unit row), county_id, name, by name."""
    return rows(db, """SELECT departments.id AS department_id, departments.county_id, governments.name
        FROM departments JOIN governments ON governments.id = departments.county_id
        WHERE departments.government_id = ? ORDER BY governments.name""", [city_id])


def unit_of_county(db, county_id: int) -> dict | None:
    """The unit row standing for the county (id, government_id of its city, name), None if the
    county is not under a city."""
    return one(db, "SELECT id, government_id, name, county_id FROM departments WHERE county_id = ?", [county_id])


def register(db, city_id: int, names: list[str], by: int | None) -> list[str]:
    """Put the named counties under the city: a county government is created if new (an existing one
    already under another city is refused), linked to the city, and given its unit row among the city's
    departments. Returns the names newly registered (those already under the city are left as they are)."""
    added = []
    with transaction(db):
        city = one(db, "SELECT id, name, parent_id FROM governments WHERE id = ?", [city_id])
        if city is None:
            raise StoreError("政府不存在")
        for name in names:
            if name == city["name"]:
                raise StoreError(f"“{name}”是本级政府，不能作为下辖旗市区")
            county = one(db, "SELECT id, parent_id FROM governments WHERE name = ?", [name])
            if county is not None and county["parent_id"] == city_id:
                continue
            if county is not None and county["parent_id"] is not None:
                raise StoreError(f"“{name}”已登记在其他政府之下")
            if county is not None and county["id"] == city["parent_id"]:
                raise StoreError(f"“{name}”是本级政府的上级政府，不能作为下辖旗市区")
            taken = one(db, "SELECT 1 FROM departments WHERE government_id = ? AND name = ?", [city_id, name])
            if taken is not None:
                raise StoreError(f"本政府已有名为“{name}”的部门，不能再以此名登记旗市区")
            if county is None:
                county_id = db.execute("INSERT INTO governments (name, level, parent_id) VALUES (?, ?, ?)",
                                       [name, COUNTY_LEVEL, city_id]).lastrowid
            else:
                county_id = county["id"]
                db.execute("UPDATE governments SET parent_id = ? WHERE id = ?", [city_id, county_id])
            db.execute("INSERT INTO departments (government_id, name, county_id) VALUES (?, ?, ?)",
                       [city_id, name, county_id])
            added.append(name)
        if added:
            audit(db, by, "counties_register", f"government:{city_id}", None, {"counties": added})
    return added


# --- filings for 审核备案 -------------------------------------------------------------------------

def _decode(row: dict) -> dict:
    row["data"] = json.loads(row.pop("data_json"))
    return row


_SELECT = f"""SELECT county_filings.*, campaigns.government_id, departments.name AS unit_name,
    {_user_name('county_filings', 'submitted_by')} AS by_name,
    {_user_name('county_filings', 'decided_by')} AS decided_by_name
    FROM county_filings JOIN campaigns ON campaigns.id = county_filings.campaign_id
    JOIN departments ON departments.id = county_filings.department_id"""


def get_filing(db, filing_id: int) -> dict | None:
    """One filing with `data` decoded, its campaign's government and its unit's name."""
    row = one(db, _SELECT + " WHERE county_filings.id = ?", [filing_id])
    return _decode(row) if row is not None else None


def list_filings(db, campaign_id: int, department_id: int | None = None) -> list[dict]:
    """The campaign's filings (of one unit), newest first."""
    sql, params = _SELECT + " WHERE county_filings.campaign_id = ?", [campaign_id]
    if department_id is not None:
        sql += " AND county_filings.department_id = ?"
        params.append(department_id)
    return [_decode(row) for row in rows(db, sql + " ORDER BY county_filings.id DESC", params)]


def latest_filings(db, campaign_id: int) -> dict[int, dict]:
    """Each unit's latest filing, by unit id."""
    found: dict[int, dict] = {}
    for row in list_filings(db, campaign_id):
        found.setdefault(row["department_id"], row)
    return found


def add_filing(db, campaign_id: int, department_id: int, data: dict, file_name: str, by: int | None) -> int:
    """Store a county's filing, waiting for review; refused while an earlier one waits."""
    with transaction(db):
        if one(db, """SELECT 1 FROM campaign_units JOIN departments ON departments.id = campaign_units.department_id
                WHERE campaign_id = ? AND department_id = ? AND departments.county_id IS NOT NULL""",
               [campaign_id, department_id]) is None:
            raise StoreError("该旗市区不在本活动的评估范围内")
        try:
            filing_id = db.execute("""INSERT INTO county_filings (campaign_id, department_id, data_json, file_name,
                status, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                                   [campaign_id, department_id, json.dumps(data, ensure_ascii=False), file_name,
                                    SUBMITTED, by, now()]).lastrowid
        except sqlite3.IntegrityError:
            raise StoreError("上一次报送还在等待编办审核，审核后才能再次报送") from None
        audit(db, by, "county_filing", f"campaign:{campaign_id}:{department_id}", None,
              {"filing_id": filing_id, "file_name": file_name, "as_of": data.get("as_of")})
    return filing_id


def decide_filing(db, filing_id: int, decision: str, reason: str, by: int | None) -> None:
    """备案 (filed) or 退回 (returned, with the reason the county reads) a filing waiting for review."""
    if decision not in (FILED, RETURNED):
        raise StoreError("请选择备案或退回")
    with transaction(db):
        row = one(db, "SELECT campaign_id, department_id, status FROM county_filings WHERE id = ?", [filing_id])
        if row is None:
            raise StoreError("报送不存在")
        if row["status"] != SUBMITTED:
            raise StoreError("该报送已审核，不能再审核")
        db.execute("UPDATE county_filings SET status = ?, reason = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                   [decision, reason, by, now(), filing_id])
        audit(db, by, "county_filing_decide", f"campaign:{row['campaign_id']}:{row['department_id']}",
              {"filing_id": filing_id, "status": SUBMITTED}, {"status": decision, "reason": reason})
