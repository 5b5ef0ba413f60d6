"""Evaluation campaigns (评估活动): the campaign, its deadlines, materials list, units and draws,
linked rounds, and per unit the submissions, 实地 visits, evidence files, feedback, reminders and
整改台账 entries. Every change is audited; a unit with records stays in scope (the check here
names them; the schema refuses it anyway).
"""
from __future__ import annotations

import json
import sqlite3

from .audit import audit
from .db import StoreError, now, one, rows, transaction
from .evaluations import add_rectification

PHASES = ("plan", "self", "review", "feedback", "rectify")
# What a unit's records are called when they keep it in scope.
_UNIT_RECORDS = (("campaign_submissions", "材料报送"), ("campaign_visits", "实地抽查记录"),
                 ("campaign_feedback", "反馈意见"), ("campaign_rectifications", "整改事项"),
                 ("campaign_reminders", "提醒"), ("self_assessments", "自查自评"),
                 ("rectification_reports", "整改进展报告"), ("unit_files", "单位上传的文件"),
                 ("county_filings", "机构编制备案报送"))

_SELECT = """SELECT campaigns.*, governments.name AS government_name, indicator_systems.name AS system_name,
    (SELECT count(*) FROM campaign_units WHERE campaign_id = campaigns.id) AS unit_count
    FROM campaigns JOIN governments ON governments.id = campaigns.government_id
    LEFT JOIN indicator_systems ON indicator_systems.id = campaigns.system_id"""


def _user_name(table: str, column: str) -> str:
    return f"(SELECT coalesce(nullif(display_name, ''), username) FROM users WHERE users.id = {table}.{column})"


# --- the campaign --------------------------------------------------------------------------------

def _check_system(db, government_id: int, system_id: int | None, target: str = "departments") -> None:
    if system_id is None:
        return
    row = one(db, "SELECT government_id, target FROM indicator_systems WHERE id = ?", [system_id])
    if row is None or row["government_id"] != government_id:
        raise StoreError("指标体系须是本政府的指标体系")
    if row["target"] != target:
        raise StoreError("所选指标体系评估的是" + ("旗市区" if row["target"] == "counties" else "部门")
                         + "，与本活动的评估对象不符")


def _set_deadlines(db, campaign_id: int, deadlines: dict[str, str | None]) -> None:
    db.execute("DELETE FROM campaign_deadlines WHERE campaign_id = ?", [campaign_id])
    db.conn.executemany("INSERT INTO campaign_deadlines (campaign_id, phase, due_on) VALUES (?, ?, ?)",
                        [(campaign_id, phase, due) for phase, due in deadlines.items() if due and phase in PHASES])


def create_campaign(db, government_id: int, values: dict, by: int | None) -> int:
    """A new campaign: `name`, `year`, `system_id` (or None), `plan_text`, `deadlines` {phase: ISO
    date}, `target` (whom it evaluates: departments, the default, or counties; fixed once created),
    checked by the caller; a name already used in the government is refused."""
    at = now()
    target = values.get("target") or "departments"
    with transaction(db):
        _check_system(db, government_id, values.get("system_id"), target)
        try:
            campaign_id = db.execute(
                """INSERT INTO campaigns (government_id, name, year, system_id, plan_text, created_by, created_at,
                   updated_at, target) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [government_id, values["name"], values["year"], values.get("system_id"),
                 values.get("plan_text") or "", by, at, at, target]).lastrowid
        except sqlite3.IntegrityError:
            raise StoreError(f"本政府已有名为“{values['name']}”的评估活动，请换一个名称") from None
        _set_deadlines(db, campaign_id, values.get("deadlines") or {})
        audit(db, by, "campaign_create", f"campaign:{campaign_id}", None,
              {key: values.get(key) for key in ("name", "year", "system_id", "deadlines")} | {"target": target})
    return campaign_id


def update_campaign(db, campaign_id: int, values: dict, by: int | None) -> None:
    """Change name, year, system and deadlines (checked by the caller)."""
    with transaction(db):
        old = get_campaign(db, campaign_id)
        if old is None:
            raise StoreError("评估活动不存在")
        _check_system(db, old["government_id"], values.get("system_id"), old["target"])
        try:
            db.execute("UPDATE campaigns SET name = ?, year = ?, system_id = ?, updated_at = ? WHERE id = ?",
                       [values["name"], values["year"], values.get("system_id"), now(), campaign_id])
        except sqlite3.IntegrityError:
            raise StoreError(f"本政府已有名为“{values['name']}”的评估活动，请换一个名称") from None
        _set_deadlines(db, campaign_id, values.get("deadlines") or {})
        audit(db, by, "campaign_update", f"campaign:{campaign_id}",
              {key: old[key] for key in ("name", "year", "system_id")} | {"deadlines": old["deadlines"]},
              {key: values.get(key) for key in ("name", "year", "system_id", "deadlines")})


def set_plan(db, campaign_id: int, text: str, published_on: str | None, by: int | None) -> None:
    """Save the 方案's text; `published_on` publishes it (a published plan stays published)."""
    with transaction(db):
        old = get_campaign(db, campaign_id)
        if old is None:
            raise StoreError("评估活动不存在")
        published = old["plan_published_on"] or published_on
        db.execute("UPDATE campaigns SET plan_text = ?, plan_published_on = ?, updated_at = ? WHERE id = ?",
                   [text, published, now(), campaign_id])
        audit(db, by, "campaign_plan", f"campaign:{campaign_id}",
              {"plan_text": old["plan_text"], "published_on": old["plan_published_on"]},
              {"plan_text": text, "published_on": published})


def _deadlines(db, campaign_id: int) -> dict[str, str]:
    return {row["phase"]: row["due_on"] for row in rows(
        db, "SELECT phase, due_on FROM campaign_deadlines WHERE campaign_id = ?", [campaign_id])}


def get_campaign(db, campaign_id: int) -> dict | None:
    """One campaign with its government's and system's names, `unit_count` and `deadlines`."""
    row = one(db, _SELECT + " WHERE campaigns.id = ?", [campaign_id])
    if row is not None:
        row["deadlines"] = _deadlines(db, campaign_id)
    return row


def list_campaigns(db, government_id: int | None = None) -> list[dict]:
    """Campaigns (optionally of one government), newest year first, each with its `deadlines`."""
    sql, params = _SELECT, []
    if government_id is not None:
        sql += " WHERE campaigns.government_id = ?"
        params.append(government_id)
    found = rows(db, sql + " ORDER BY campaigns.year DESC, governments.name, campaigns.id DESC", params)
    for row in found:
        row["deadlines"] = _deadlines(db, row["id"])
    return found


def find_campaigns(db, name_or_id: str) -> list[dict]:
    """Campaigns called `name_or_id` (one per government that has one), or the one with that id."""
    found = [row for row in list_campaigns(db) if row["name"] == name_or_id]
    if not found and name_or_id.isdigit():
        row = get_campaign(db, int(name_or_id))
        found = [row] if row else []
    return found


# --- materials list ------------------------------------------------------------------------------

def list_materials(db, campaign_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM campaign_materials WHERE campaign_id = ? ORDER BY id", [campaign_id])


def add_material(db, campaign_id: int, name: str, note: str, by: int | None) -> int:
    with transaction(db):
        try:
            material_id = db.execute("INSERT INTO campaign_materials (campaign_id, name, note) VALUES (?, ?, ?)",
                                     [campaign_id, name, note]).lastrowid
        except sqlite3.IntegrityError:
            raise StoreError(f"材料清单中已有“{name}”") from None
        audit(db, by, "campaign_material_add", f"campaign:{campaign_id}", None, {"name": name, "note": note})
    return material_id


def remove_material(db, campaign_id: int, material_id: int, by: int | None) -> str:
    """Take a material off the list unless a submission names it; returns its name."""
    with transaction(db):
        row = one(db, "SELECT * FROM campaign_materials WHERE id = ? AND campaign_id = ?", [material_id, campaign_id])
        if row is None:
            raise StoreError("材料不存在")
        if one(db, "SELECT 1 FROM campaign_submission_materials WHERE material_id = ?", [material_id]):
            raise StoreError(f"已有单位报送“{row['name']}”，不能从清单中删除")
        if one(db, "SELECT 1 FROM unit_files WHERE material_id = ?", [material_id]):
            raise StoreError(f"已有单位上传“{row['name']}”的文件，不能从清单中删除")
        db.execute("DELETE FROM campaign_materials WHERE id = ?", [material_id])
        audit(db, by, "campaign_material_remove", f"campaign:{campaign_id}", {"name": row["name"]}, None)
    return row["name"]


# --- units and draws ----------------------------------------------------------------------------

def list_units(db, campaign_id: int) -> list[dict]:
    """The units in scope by name: department id and name, `on_site`."""
    return rows(db, """SELECT campaign_units.department_id, campaign_units.on_site, campaign_units.added_at,
        departments.name FROM campaign_units JOIN departments ON departments.id = campaign_units.department_id
        WHERE campaign_units.campaign_id = ? ORDER BY departments.name""", [campaign_id])


def get_unit(db, campaign_id: int, department_id: int) -> dict | None:
    return one(db, """SELECT campaign_units.department_id, campaign_units.on_site, departments.name
        FROM campaign_units JOIN departments ON departments.id = campaign_units.department_id
        WHERE campaign_units.campaign_id = ? AND campaign_units.department_id = ?""", [campaign_id, department_id])


def unit_records(db, campaign_id: int, department_id: int) -> list[str]:
    """What the unit already has in the campaign (that keeps it in scope), in words."""
    return [label for table, label in _UNIT_RECORDS
            if one(db, f"SELECT 1 FROM {table} WHERE campaign_id = ? AND department_id = ? LIMIT 1",
                   [campaign_id, department_id])]


def _check_units(db, campaign: dict, department_ids: list[int], on_site_ids: list[int]) -> None:
    wanted = set(department_ids)
    if wanted:
        marks = ", ".join("?" * len(wanted))
        counties = campaign.get("target") == "counties"
        own = one(db, f"""SELECT count(*) AS n FROM departments WHERE government_id = ? AND id IN ({marks})
            AND (county_id IS NOT NULL) = ?""", [campaign["government_id"], *wanted, counties])
        if own is None or own["n"] != len(wanted):
            raise StoreError("评估单位须是本政府下辖的旗市区" if counties else "评估单位须是本政府的部门")
    if not set(on_site_ids) <= wanted:
        raise StoreError("实地抽查的单位须在评估范围内")
    kept = []
    for unit in list_units(db, campaign["id"]):
        records = unit_records(db, campaign["id"], unit["department_id"])
        if unit["department_id"] not in wanted and records:
            kept.append(f"{unit['name']}（已有{'、'.join(records)}）")
        elif unit["on_site"] and unit["department_id"] not in on_site_ids and one(
                db, "SELECT 1 FROM campaign_visits WHERE campaign_id = ? AND department_id = ?",
                [campaign["id"], unit["department_id"]]):
            kept.append(f"{unit['name']}（已有实地抽查记录，须保留在实地抽查名单中）")
    if kept:
        raise StoreError("以下单位已有记录，不能移出：" + "；".join(kept))


def set_units(db, campaign_id: int, department_ids: list[int], on_site_ids: list[int], by: int | None,
              draw: dict | None = None) -> None:
    """Make the units in scope `department_ids`, those of `on_site_ids` chosen for 实地抽查; with
    `draw` ({kind, seed, size, population, drawn}) the draw that chose them is recorded in the same
    transaction. A unit with records cannot leave the scope (nor a visited unit the on-site list)."""
    at = now()
    with transaction(db):
        campaign = get_campaign(db, campaign_id)
        if campaign is None:
            raise StoreError("评估活动不存在")
        _check_units(db, campaign, department_ids, on_site_ids)
        old = list_units(db, campaign_id)
        wanted, site = set(department_ids), set(on_site_ids)
        for unit in old:
            if unit["department_id"] not in wanted:
                db.execute("DELETE FROM campaign_units WHERE campaign_id = ? AND department_id = ?",
                           [campaign_id, unit["department_id"]])
        for department_id in sorted(wanted):
            db.execute("""INSERT INTO campaign_units (campaign_id, department_id, on_site, added_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (campaign_id, department_id) DO UPDATE SET on_site = excluded.on_site""",
                       [campaign_id, department_id, int(department_id in site), at])
        if draw is not None:
            db.execute("""INSERT INTO campaign_draws (campaign_id, kind, seed, size, population_json, drawn_json, by,
                at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                       [campaign_id, draw["kind"], draw["seed"], draw["size"],
                        json.dumps(draw["population"], ensure_ascii=False),
                        json.dumps(draw["drawn"], ensure_ascii=False), by, at])
        audit(db, by, "campaign_units", f"campaign:{campaign_id}",
              {"unit_ids": sorted(u["department_id"] for u in old),
               "on_site": sorted(u["department_id"] for u in old if u["on_site"])},
              {"unit_ids": sorted(wanted), "on_site": sorted(site),
               "draw": {key: draw[key] for key in ("kind", "seed", "size", "drawn")} if draw else None})


def list_draws(db, campaign_id: int) -> list[dict]:
    """Every draw of the campaign, newest first, with `population` and `drawn` decoded."""
    found = rows(db, f"""SELECT campaign_draws.*, {_user_name('campaign_draws', 'by')} AS by_name
        FROM campaign_draws WHERE campaign_id = ? ORDER BY id DESC""", [campaign_id])
    for row in found:
        row["population"] = json.loads(row.pop("population_json"))
        row["drawn"] = json.loads(row.pop("drawn_json"))
    return found


# --- rounds ----------------------------------------------------------------------------------------

def list_rounds(db, campaign_id: int) -> list[dict]:
    return rows(db, """SELECT rounds.id, rounds.name, rounds.kind, rounds.year, rounds.closes, rounds.closed_at
        FROM campaign_rounds JOIN rounds ON rounds.id = campaign_rounds.round_id
        WHERE campaign_rounds.campaign_id = ? ORDER BY rounds.id""", [campaign_id])


def set_rounds(db, campaign_id: int, round_ids: list[int], by: int | None) -> None:
    """Link the survey rounds the campaign draws on (the government's own only)."""
    with transaction(db):
        campaign = get_campaign(db, campaign_id)
        if campaign is None:
            raise StoreError("评估活动不存在")
        wanted = sorted(set(round_ids))
        if wanted:
            marks = ", ".join("?" * len(wanted))
            own = one(db, f"SELECT count(*) AS n FROM rounds WHERE government_id = ? AND id IN ({marks})",
                      [campaign["government_id"], *wanted])
            if own is None or own["n"] != len(wanted):
                raise StoreError("评议轮次须是本政府的评议轮次")
        old = [row["id"] for row in list_rounds(db, campaign_id)]
        db.execute("DELETE FROM campaign_rounds WHERE campaign_id = ?", [campaign_id])
        db.conn.executemany("INSERT INTO campaign_rounds (campaign_id, round_id) VALUES (?, ?)",
                            [(campaign_id, round_id) for round_id in wanted])
        audit(db, by, "campaign_rounds", f"campaign:{campaign_id}", old, wanted)


# --- per unit: submissions, visits, files ---------------------------------------------------------

def _require_unit(db, campaign_id: int, department_id: int) -> None:
    if get_unit(db, campaign_id, department_id) is None:
        raise StoreError("该单位不在本活动的评估范围内")


def _add_files(db, campaign_id: int, files: list[dict], by: int | None, *, submission_id: int | None = None,
               visit_id: int | None = None) -> None:
    at = now()
    for saved in files:
        db.execute("""INSERT INTO campaign_files (campaign_id, submission_id, visit_id, file_name, stored_name, size,
            uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                   [campaign_id, submission_id, visit_id, saved["file_name"], saved["stored_name"], saved["size"],
                    by, at])


def add_submission(db, campaign_id: int, department_id: int, values: dict, material_ids: list[int],
                   files: list[dict], by: int | None, on_behalf: bool = True) -> int:
    """Record a unit's submission (`submitted_on`, `note`) of the listed materials with its files
    (already saved under their stored names); all in one transaction."""
    with transaction(db):
        _require_unit(db, campaign_id, department_id)
        known = {row["id"] for row in list_materials(db, campaign_id)}
        if not set(material_ids) <= known:
            raise StoreError("所选材料不在本活动的材料清单中")
        submission_id = db.execute(
            """INSERT INTO campaign_submissions (campaign_id, department_id, submitted_on, note, on_behalf,
               recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [campaign_id, department_id, values["submitted_on"], values.get("note") or "", int(on_behalf), by,
             now()]).lastrowid
        db.conn.executemany("INSERT INTO campaign_submission_materials (submission_id, material_id) VALUES (?, ?)",
                            [(submission_id, material_id) for material_id in sorted(set(material_ids))])
        _add_files(db, campaign_id, files, by, submission_id=submission_id)
        audit(db, by, "campaign_submission", f"campaign:{campaign_id}:{department_id}", None,
              {"submitted_on": values["submitted_on"], "note": values.get("note") or "",
               "materials": sorted(set(material_ids)), "files": [f["file_name"] for f in files],
               "on_behalf": on_behalf})
    return submission_id


def list_submissions(db, campaign_id: int, department_id: int | None = None) -> list[dict]:
    """Submissions by day, each with `material_ids`, `material_names` and `files`."""
    sql = f"""SELECT campaign_submissions.*, {_user_name('campaign_submissions', 'recorded_by')} AS by_name
        FROM campaign_submissions WHERE campaign_id = ?"""
    params: list = [campaign_id]
    if department_id is not None:
        sql += " AND department_id = ?"
        params.append(department_id)
    found = rows(db, sql + " ORDER BY submitted_on, id", params)
    for row in found:
        materials = rows(db, """SELECT campaign_materials.id, campaign_materials.name FROM campaign_submission_materials
            JOIN campaign_materials ON campaign_materials.id = campaign_submission_materials.material_id
            WHERE submission_id = ? ORDER BY campaign_materials.id""", [row["id"]])
        row["material_ids"] = [m["id"] for m in materials]
        row["material_names"] = [m["name"] for m in materials]
        row["files"] = rows(db, "SELECT * FROM campaign_files WHERE submission_id = ? ORDER BY id", [row["id"]])
    return found


def add_visit(db, campaign_id: int, department_id: int, values: dict, files: list[dict], by: int | None) -> int:
    """Record an on-site visit (`visited_on`, `people` met, `materials` checked, `notes`) with its
    files; the unit must be chosen for 实地抽查."""
    with transaction(db):
        unit = get_unit(db, campaign_id, department_id)
        if unit is None:
            raise StoreError("该单位不在本活动的评估范围内")
        if not unit["on_site"]:
            raise StoreError(f"{unit['name']}未列入实地抽查名单，请先在“评估单位”中选入实地抽查")
        visit_id = db.execute(
            """INSERT INTO campaign_visits (campaign_id, department_id, visited_on, people, materials, notes, by, at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [campaign_id, department_id, values["visited_on"], values.get("people") or "",
             values.get("materials") or "", values.get("notes") or "", by, now()]).lastrowid
        _add_files(db, campaign_id, files, by, visit_id=visit_id)
        audit(db, by, "campaign_visit", f"campaign:{campaign_id}:{department_id}", None,
              {key: values.get(key) or "" for key in ("visited_on", "people", "materials", "notes")}
              | {"files": [f["file_name"] for f in files]})
    return visit_id


def list_visits(db, campaign_id: int, department_id: int | None = None) -> list[dict]:
    """Visit records by day, each with its `files`."""
    sql = f"""SELECT campaign_visits.*, {_user_name('campaign_visits', 'by')} AS by_name
        FROM campaign_visits WHERE campaign_id = ?"""
    params: list = [campaign_id]
    if department_id is not None:
        sql += " AND department_id = ?"
        params.append(department_id)
    found = rows(db, sql + " ORDER BY visited_on, id", params)
    for row in found:
        row["files"] = rows(db, "SELECT * FROM campaign_files WHERE visit_id = ? ORDER BY id", [row["id"]])
    return found


def get_file(db, file_id: int) -> dict | None:
    """An evidence file with its campaign's government (for the scope check)."""
    return one(db, """SELECT campaign_files.*, campaigns.government_id FROM campaign_files
        JOIN campaigns ON campaigns.id = campaign_files.campaign_id WHERE campaign_files.id = ?""", [file_id])


# --- feedback, reminders, 整改 -------------------------------------------------------------------

def set_feedback(db, campaign_id: int, department_id: int, text: str, by: int | None) -> None:
    """Write (or rewrite) the unit's feedback; the old text stays in the audit log. A changed text
    must be acknowledged by the unit again."""
    with transaction(db):
        _require_unit(db, campaign_id, department_id)
        old = get_feedback(db, campaign_id, department_id)
        db.execute("""INSERT INTO campaign_feedback (campaign_id, department_id, text, by, at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (campaign_id, department_id) DO UPDATE SET text = excluded.text, by = excluded.by,
            at = excluded.at, acknowledged_at = CASE WHEN campaign_feedback.text = excluded.text
            THEN campaign_feedback.acknowledged_at END""", [campaign_id, department_id, text, by, now()])
        audit(db, by, "campaign_feedback", f"campaign:{campaign_id}:{department_id}",
              old["text"] if old else None, text)


def get_feedback(db, campaign_id: int, department_id: int) -> dict | None:
    return one(db, f"""SELECT campaign_feedback.*, {_user_name('campaign_feedback', 'by')} AS by_name
        FROM campaign_feedback WHERE campaign_id = ? AND department_id = ?""", [campaign_id, department_id])


def list_feedback(db, campaign_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM campaign_feedback WHERE campaign_id = ?", [campaign_id])


def add_reminders(db, campaign_id: int, reminders: list[dict], by: int | None) -> int:
    """Store reminders ({department_id, phase, message}) for units to read; returns how many."""
    at = now()
    with transaction(db):
        for reminder in reminders:
            _require_unit(db, campaign_id, reminder["department_id"])
            db.execute("""INSERT INTO campaign_reminders (campaign_id, department_id, phase, message, by, at)
                VALUES (?, ?, ?, ?, ?, ?)""",
                       [campaign_id, reminder["department_id"], reminder["phase"], reminder["message"], by, at])
        audit(db, by, "campaign_remind", f"campaign:{campaign_id}", None, reminders)
    return len(reminders)


def list_reminders(db, campaign_id: int, department_id: int | None = None) -> list[dict]:
    """Reminders, newest first."""
    sql = f"""SELECT campaign_reminders.*, {_user_name('campaign_reminders', 'by')} AS by_name
        FROM campaign_reminders WHERE campaign_id = ?"""
    params: list = [campaign_id]
    if department_id is not None:
        sql += " AND department_id = ?"
        params.append(department_id)
    return rows(db, sql + " ORDER BY id DESC", params)


def add_rectification_entry(db, campaign_id: int, department_id: int, values: dict, by: int | None) -> int:
    """A 整改台账 entry for the unit (see store.evaluations.add_rectification), linked to the
    campaign in the same transaction; returns the entry's id."""
    with transaction(db):
        campaign = get_campaign(db, campaign_id)
        if campaign is None:
            raise StoreError("评估活动不存在")
        _require_unit(db, campaign_id, department_id)
        entry_id = add_rectification(db, campaign["government_id"], department_id, values, by)
        db.execute("""INSERT INTO campaign_rectifications (campaign_id, department_id, rectification_id)
            VALUES (?, ?, ?)""", [campaign_id, department_id, entry_id])
    return entry_id


def list_rectifications(db, campaign_id: int, department_id: int | None = None) -> list[dict]:
    """The 整改台账 entries raised in the campaign, with `unit_id` (the unit they were raised for,
    which stays when the department is renamed and its entries follow the new name)."""
    sql = """SELECT rectifications.*, campaign_rectifications.department_id AS unit_id,
        departments.name AS department_name FROM campaign_rectifications
        JOIN rectifications ON rectifications.id = campaign_rectifications.rectification_id
        JOIN departments ON departments.id = rectifications.department_id
        WHERE campaign_rectifications.campaign_id = ?"""
    params: list = [campaign_id]
    if department_id is not None:
        sql += " AND campaign_rectifications.department_id = ?"
        params.append(department_id)
    return rows(db, sql + " ORDER BY rectifications.deadline, rectifications.id", params)
