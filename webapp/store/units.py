"""The evaluated units (被评估单位): which unit an account stands for, and what a unit does in a
campaign — its 自查自评 (draft, submitted, reopened, with history), its self-scores and notes per
indicator leaf, its evidence and material files, the feedback it acknowledges, the reminders it
reads, and its reports of 整改 progress that the office accepts (closing the ledger entry) or
returns. Every change is audited; what a unit must not change (a submitted self-assessment, a
decided report) is checked again inside the write transaction.
"""
from __future__ import annotations

import json
import sqlite3

from .audit import audit
from .db import StoreError, now, one, rows, transaction

DRAFT, SUBMITTED = "draft", "submitted"
PENDING, ACCEPTED, RETURNED = "pending", "accepted", "returned"
CLOSED, IN_PROGRESS, OPEN = "已销号", "整改中", "待整改"  # the ledger's statuses (survey.registers)


def path_key(path) -> str:
    """A leaf's path as stored (the same JSON as the scores' path_json)."""
    return json.dumps(list(path), ensure_ascii=False)


def _user_name(table: str, column: str) -> str:
    return f"(SELECT coalesce(nullif(display_name, ''), username) FROM users WHERE users.id = {table}.{column})"


# --- the account's unit -------------------------------------------------------------------------

def resolve_unit(db, unit: dict) -> dict:
    """A unit given as {"department_id": …} or {"government_id": …}, with its names:
    {department_id, government_id, government_name, name}; StoreError if it does not exist."""
    if unit.get("department_id") is not None:
        row = one(db, """SELECT departments.id AS department_id, departments.government_id, departments.name,
            governments.name AS government_name FROM departments
            JOIN governments ON governments.id = departments.government_id WHERE departments.id = ?""",
                  [unit["department_id"]])
        if row is None:
            raise StoreError("所选部门不存在")
        return row
    if unit.get("government_id") is not None:
        row = one(db, "SELECT id, name FROM governments WHERE id = ?", [unit["government_id"]])
        if row is None:
            raise StoreError("所选政府不存在")
        return {"department_id": None, "government_id": row["id"], "name": row["name"],
                "government_name": row["name"]}
    raise StoreError("请指定被评估单位（一个部门，或一个政府整体）")


def attach(db, user_id: int, found: dict) -> None:
    """Tie an account to its unit (resolve_unit's row); called inside add_user's transaction."""
    db.execute("INSERT INTO account_units (user_id, department_id, government_id) VALUES (?, ?, ?)",
               [user_id, found["department_id"], None if found["department_id"] else found["government_id"]])


_UNIT_SELECT = """SELECT account_units.user_id, account_units.department_id,
    coalesce(account_units.government_id, departments.government_id) AS government_id,
    coalesce(departments.name, own.name) AS name, coalesce(parent.name, own.name) AS government_name
    FROM account_units LEFT JOIN departments ON departments.id = account_units.department_id
    LEFT JOIN governments AS parent ON parent.id = departments.government_id
    LEFT JOIN governments AS own ON own.id = account_units.government_id"""


def get_account_unit(db, user_id: int) -> dict | None:
    """The unit an account stands for: department_id (None for a government as a whole),
    government_id, name and government_name; None for an account of the office."""
    return one(db, _UNIT_SELECT + " WHERE account_units.user_id = ?", [user_id])


def account_units(db) -> dict[int, dict]:
    """Every unit account's unit, by user id."""
    return {row["user_id"]: row for row in rows(db, _UNIT_SELECT)}


def unit_campaign_ids(db, department_id: int) -> list[int]:
    """The campaigns the department is a unit of, newest first."""
    return [row["campaign_id"] for row in rows(db, """SELECT campaign_units.campaign_id FROM campaign_units
        JOIN campaigns ON campaigns.id = campaign_units.campaign_id WHERE campaign_units.department_id = ?
        ORDER BY campaigns.year DESC, campaigns.id DESC""", [department_id])]


# --- 自查自评 -------------------------------------------------------------------------------------

def get_assessment(db, campaign_id: int, department_id: int) -> dict | None:
    """The unit's self-assessment in the campaign (None: not started), with `by_name` of whoever
    submitted it."""
    return one(db, f"""SELECT self_assessments.*, {_user_name('self_assessments', 'submitted_by')} AS by_name
        FROM self_assessments WHERE campaign_id = ? AND department_id = ?""", [campaign_id, department_id])


def list_assessments(db, campaign_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM self_assessments WHERE campaign_id = ?", [campaign_id])


def self_scores(db, assessment_id: int | None) -> dict[tuple[str, ...], dict]:
    """Leaf path → {value (None: not given), note}."""
    if assessment_id is None:
        return {}
    return {tuple(json.loads(row["path_json"])): {"value": row["value"], "note": row["note"]}
            for row in rows(db, "SELECT * FROM self_scores WHERE assessment_id = ?", [assessment_id])}


def history(db, assessment_id: int | None) -> list[dict]:
    """Submissions and reopenings, oldest first, with who did them."""
    if assessment_id is None:
        return []
    return rows(db, f"""SELECT self_assessment_history.*, {_user_name('self_assessment_history', 'by')} AS by_name
        FROM self_assessment_history WHERE assessment_id = ? ORDER BY id""", [assessment_id])


def _require_unit(db, campaign_id: int, department_id: int) -> None:
    if one(db, "SELECT 1 FROM campaign_units WHERE campaign_id = ? AND department_id = ?",
           [campaign_id, department_id]) is None:
        raise StoreError("该单位不在本活动的评估范围内")


def _draft(db, campaign_id: int, department_id: int, by: int | None) -> int:
    """The id of the unit's self-assessment, started if need be; StoreError once submitted (the
    check runs inside the caller's write transaction, so a draft saved at the moment of submission
    cannot slip in after it)."""
    _require_unit(db, campaign_id, department_id)
    row = one(db, "SELECT id, status FROM self_assessments WHERE campaign_id = ? AND department_id = ?",
              [campaign_id, department_id])
    if row is None:
        return db.execute("""INSERT INTO self_assessments (campaign_id, department_id, updated_by, updated_at)
            VALUES (?, ?, ?, ?)""", [campaign_id, department_id, by, now()]).lastrowid
    if row["status"] != DRAFT:
        raise StoreError("自查自评已提交，不能再修改；如需修改，请联系编办退回")
    return row["id"]


def _add_files(db, campaign_id: int, department_id: int, files: list[dict], by: int | None) -> None:
    at = now()
    for saved in files:
        db.execute("""INSERT INTO unit_files (campaign_id, department_id, path_json, material_id, report_id,
            file_name, stored_name, size, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                   [campaign_id, department_id, path_key(saved["path"]) if saved.get("path") else None,
                    saved.get("material_id"), saved.get("report_id"), saved["file_name"], saved["stored_name"],
                    saved["size"], by, at])


def save_draft(db, campaign_id: int, department_id: int, scores: dict[tuple[str, ...], dict],
               files: list[dict], removed: list[int], by: int | None) -> list[dict]:
    """Save the unit's self-scores and notes (`scores`: path → {value, note}, checked by the caller),
    its new files (saved under their stored names, each with its `path` or `material_id`) and the
    removal of its files `removed` (ids), in one transaction; refused once submitted. Returns the
    removed files' rows, for the caller to delete them from disk after the commit."""
    with transaction(db):
        assessment_id = _draft(db, campaign_id, department_id, by)
        old = self_scores(db, assessment_id)
        for path, score in scores.items():
            db.execute("""INSERT INTO self_scores (assessment_id, path_json, value, note) VALUES (?, ?, ?, ?)
                ON CONFLICT (assessment_id, path_json) DO UPDATE SET value = excluded.value, note = excluded.note""",
                       [assessment_id, path_key(path), score.get("value"), score.get("note") or ""])
        gone = []
        for file_id in removed:
            row = one(db, """SELECT * FROM unit_files WHERE id = ? AND campaign_id = ? AND department_id = ?
                AND report_id IS NULL""", [file_id, campaign_id, department_id])
            if row is None:
                raise StoreError("要删除的附件不存在或不属于本单位的自查自评")
            db.execute("DELETE FROM unit_files WHERE id = ?", [file_id])
            gone.append(row)
        _add_files(db, campaign_id, department_id, files, by)
        db.execute("UPDATE self_assessments SET updated_by = ?, updated_at = ? WHERE id = ?",
                   [by, now(), assessment_id])
        changed = {"/".join(path): score.get("value") for path, score in scores.items()
                   if old.get(path) != {"value": score.get("value"), "note": score.get("note") or ""}}
        audit(db, by, "self_assessment_save", f"campaign:{campaign_id}:{department_id}", None,
              {"scores": changed, "files": [f["file_name"] for f in files],
               "removed": [row["file_name"] for row in gone]})
    return gone


def submit(db, campaign_id: int, department_id: int, day: str, late: bool, material_ids: list[int],
           by: int | None) -> int:
    """Submit the unit's self-assessment on `day` (checked complete by the caller): it becomes
    read-only, and the board counts it as the unit's own submission (on_behalf 0) of the materials
    it filed, recorded in the same transaction. Returns the submission's id."""
    from .campaigns import add_submission

    with transaction(db):
        assessment_id = _draft(db, campaign_id, department_id, by)
        submission_id = add_submission(db, campaign_id, department_id,
                                       {"submitted_on": day, "note": "单位在线提交自查自评"},
                                       material_ids, [], by, on_behalf=False)
        db.execute("""UPDATE self_assessments SET status = ?, submission_id = ?, submitted_on = ?, submitted_by = ?,
            updated_by = ?, updated_at = ? WHERE id = ?""",
                   [SUBMITTED, submission_id, day, by, by, now(), assessment_id])
        db.execute("""INSERT INTO self_assessment_history (assessment_id, action, day, late, by, at)
            VALUES (?, 'submit', ?, ?, ?, ?)""", [assessment_id, day, int(late), by, now()])
        audit(db, by, "self_assessment_submit", f"campaign:{campaign_id}:{department_id}", None,
              {"submitted_on": day, "late": late})
    return submission_id


def reopen(db, campaign_id: int, department_id: int, day: str, reason: str, by: int | None) -> None:
    """The office sends a submitted self-assessment back to the unit (with its reason): a draft again,
    its submission kept but marked withdrawn, so the board waits for the next one."""
    with transaction(db):
        row = one(db, "SELECT * FROM self_assessments WHERE campaign_id = ? AND department_id = ?",
                  [campaign_id, department_id])
        if row is None or row["status"] != SUBMITTED:
            raise StoreError("该单位的自查自评尚未提交，无需退回")
        db.execute("UPDATE campaign_submissions SET withdrawn_at = ? WHERE id = ?", [now(), row["submission_id"]])
        db.execute("""UPDATE self_assessments SET status = ?, submission_id = NULL, submitted_on = NULL,
            submitted_by = NULL, updated_by = ?, updated_at = ? WHERE id = ?""", [DRAFT, by, now(), row["id"]])
        db.execute("""INSERT INTO self_assessment_history (assessment_id, action, day, reason, by, at)
            VALUES (?, 'reopen', ?, ?, ?, ?)""", [row["id"], day, reason, by, now()])
        audit(db, by, "self_assessment_reopen", f"campaign:{campaign_id}:{department_id}",
              {"status": SUBMITTED, "submitted_on": row["submitted_on"]}, {"status": DRAFT, "reason": reason})


def withdrawn_submissions(db, campaign_id: int) -> set[int]:
    """Ids of the campaign's submissions the office sent back (they no longer count)."""
    return {row["id"] for row in rows(db, """SELECT id FROM campaign_submissions
        WHERE campaign_id = ? AND withdrawn_at IS NOT NULL""", [campaign_id])}


# --- files ---------------------------------------------------------------------------------------

def list_files(db, campaign_id: int, department_id: int) -> list[dict]:
    """The unit's files in the campaign, each with `path` decoded (None unless a leaf's)."""
    found = rows(db, """SELECT * FROM unit_files WHERE campaign_id = ? AND department_id = ? ORDER BY id""",
                 [campaign_id, department_id])
    for row in found:
        row["path"] = tuple(json.loads(row["path_json"])) if row["path_json"] else None
    return found


def get_file(db, file_id: int) -> dict | None:
    """A unit's file with its campaign's government (for the scope check)."""
    return one(db, """SELECT unit_files.*, campaigns.government_id FROM unit_files
        JOIN campaigns ON campaigns.id = unit_files.campaign_id WHERE unit_files.id = ?""", [file_id])


# --- feedback and reminders ------------------------------------------------------------------------

def acknowledge_feedback(db, campaign_id: int, department_id: int, by: int | None) -> bool:
    """The unit confirms it read the office's feedback (once; a revised feedback asks again).
    Returns False when there is no feedback or it was acknowledged already."""
    with transaction(db):
        changed = db.execute("""UPDATE campaign_feedback SET acknowledged_at = ? WHERE campaign_id = ?
            AND department_id = ? AND acknowledged_at IS NULL""", [now(), campaign_id, department_id]).rowcount
        if changed:
            audit(db, by, "campaign_feedback_ack", f"campaign:{campaign_id}:{department_id}", None,
                  {"acknowledged": True})
    return bool(changed)


def get_reminder(db, reminder_id: int) -> dict | None:
    """A reminder with its campaign's government (for the scope check)."""
    return one(db, """SELECT campaign_reminders.*, campaigns.government_id FROM campaign_reminders
        JOIN campaigns ON campaigns.id = campaign_reminders.campaign_id WHERE campaign_reminders.id = ?""",
               [reminder_id])


def mark_read(db, reminder_id: int) -> bool:
    """Mark a reminder read (the first time only); False if it was read already."""
    with transaction(db):
        return bool(db.execute("UPDATE campaign_reminders SET read_at = ? WHERE id = ? AND read_at IS NULL",
                               [now(), reminder_id]).rowcount)


# --- 整改 progress ---------------------------------------------------------------------------------

def campaign_entry(db, campaign_id: int, department_id: int, entry_id: int) -> dict | None:
    """A 整改台账 entry raised for the unit in the campaign (the ledger row), or None."""
    return one(db, """SELECT rectifications.* FROM campaign_rectifications
        JOIN rectifications ON rectifications.id = campaign_rectifications.rectification_id
        WHERE campaign_rectifications.campaign_id = ? AND campaign_rectifications.department_id = ?
        AND rectifications.id = ?""", [campaign_id, department_id, entry_id])


def add_report(db, campaign_id: int, department_id: int, entry_id: int, text: str, files: list[dict],
               by: int | None) -> int:
    """The unit reports its progress on an entry (text and proof files, saved already); an entry
    still 待整改 is now 整改中. Refused for a closed entry or while an earlier report waits."""
    from .evaluations import move_rectification

    with transaction(db):
        entry = campaign_entry(db, campaign_id, department_id, entry_id)
        if entry is None:
            raise StoreError("整改事项不存在或不属于本单位")
        if entry["status"] == CLOSED:
            raise StoreError("该整改事项已销号，无需再报告")
        try:
            report_id = db.execute("""INSERT INTO rectification_reports (campaign_id, department_id, rectification_id,
                text, by, at) VALUES (?, ?, ?, ?, ?, ?)""", [campaign_id, department_id, entry_id, text, by,
                                                                now()]).lastrowid
        except sqlite3.IntegrityError:
            raise StoreError("上一次报告的整改进展尚待编办审核，审核后才能再次报告") from None
        _add_files(db, campaign_id, department_id, [{**f, "report_id": report_id} for f in files], by)
        if entry["status"] == OPEN:
            move_rectification(db, entry_id, IN_PROGRESS, closed_on=None, proof=entry["proof"] or "",
                               note="单位报告整改进展", by=by)
        audit(db, by, "rectification_report", f"rectification:{entry_id}", None,
              {"text": text, "files": [f["file_name"] for f in files]})
    return report_id


def get_report(db, report_id: int) -> dict | None:
    """A report with its campaign's government (for the scope check) and its entry's status."""
    return one(db, """SELECT rectification_reports.*, campaigns.government_id, rectifications.status AS entry_status
        FROM rectification_reports JOIN campaigns ON campaigns.id = rectification_reports.campaign_id
        JOIN rectifications ON rectifications.id = rectification_reports.rectification_id
        WHERE rectification_reports.id = ?""", [report_id])


def list_reports(db, campaign_id: int, department_id: int) -> list[dict]:
    """The unit's reports in the campaign, oldest first, each with its `files` and who sent and
    decided it."""
    found = rows(db, f"""SELECT rectification_reports.*, {_user_name('rectification_reports', 'by')} AS by_name,
        {_user_name('rectification_reports', 'decided_by')} AS decided_by_name FROM rectification_reports
        WHERE campaign_id = ? AND department_id = ? ORDER BY id""", [campaign_id, department_id])
    for row in found:
        row["files"] = report_files(db, row["id"])
    return found


def pending_reports(db) -> list[dict]:
    """Units with a report waiting for the office, one row per campaign and unit (for the 工作台)."""
    return rows(db, """SELECT rectification_reports.campaign_id, rectification_reports.department_id,
        campaigns.name AS campaign_name, campaigns.government_id, departments.name AS department_name
        FROM rectification_reports JOIN campaigns ON campaigns.id = rectification_reports.campaign_id
        JOIN departments ON departments.id = rectification_reports.department_id
        WHERE rectification_reports.status = 'pending'
        GROUP BY rectification_reports.campaign_id, rectification_reports.department_id
        ORDER BY campaigns.id, departments.name""")


def report_files(db, report_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM unit_files WHERE report_id = ? ORDER BY id", [report_id])


def decide_report(db, report_id: int, decision: str, reason: str, closing: dict | None, by: int | None) -> None:
    """The office accepts a waiting report — the entry is closed with `closing` ({closed_on, proof},
    the ledger's rule) — or returns it with `reason` (the entry stays 整改中). One decision per report;
    every step goes into the entry's history."""
    from .evaluations import get_rectification, move_rectification

    with transaction(db):
        report = get_report(db, report_id)
        if report is None:
            raise StoreError("整改进展报告不存在")
        if report["status"] != PENDING:
            raise StoreError("该报告已审核，不能再次审核")
        entry = get_rectification(db, report["rectification_id"])
        assert entry is not None, "a report's entry cannot be deleted"
        db.execute("""UPDATE rectification_reports SET status = ?, reason = ?, decided_by = ?, decided_at = ?
            WHERE id = ?""", [decision, reason, by, now(), report_id])
        if decision == ACCEPTED:
            if entry["status"] == CLOSED:
                raise StoreError("该整改事项已在整改台账中销号，请退回本报告并说明")
            if closing is None:
                raise StoreError("销号须有销号日期和整改佐证")
            move_rectification(db, entry["id"], CLOSED, closed_on=closing["closed_on"], proof=closing["proof"],
                               note=f"认可单位报告的整改进展（报告 {report_id}）", by=by)
            audit(db, by, "rectification_report_accept", f"rectification:{entry['id']}", {"status": PENDING},
                  {"status": decision, "report": report_id})
        else:
            move_rectification(db, entry["id"], entry["status"] if entry["status"] == CLOSED else IN_PROGRESS,
                               closed_on=entry["closed_on"], proof=entry["proof"] or "",
                               note=f"退回单位报告的整改进展（报告 {report_id}）：{reason}", by=by)
            audit(db, by, "rectification_report_return", f"rectification:{entry['id']}", {"status": PENDING},
                  {"status": decision, "report": report_id, "reason": reason})
