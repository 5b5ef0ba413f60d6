"""Overlap detection runs, their findings and staff decisions (decisions survive
re-detection: they are keyed by the finding's text hash)."""
from __future__ import annotations

import json

from .audit import audit
from .db import StoreError, now, one, rows, transaction
from .documents import UNKNOWN_GOVERNMENT

KINDS = ("overlap", "lead_assist", "settled")


DECISION_STATES = ("open", "confirmed", "dismissed")


def request_detection(db, government_id: int) -> int:
    """Record that the government's findings are out of date; returns the request count."""
    with transaction(db):
        db.execute("""INSERT INTO detection_runs (government_id, requested) VALUES (?, 1)
            ON CONFLICT(government_id) DO UPDATE SET requested = requested + 1""", [government_id])
        return _requested(db, government_id)


def start_detection(db, government_id: int) -> int:
    """Mark a run as started; returns the request count it covers."""
    with transaction(db):
        db.execute("""INSERT INTO detection_runs (government_id) VALUES (?)
            ON CONFLICT(government_id) DO NOTHING""", [government_id])
        db.execute("UPDATE detection_runs SET started_at = ? WHERE government_id = ?",
                   [now(), government_id])
        return _requested(db, government_id)


def _requested(db, government_id: int) -> int:
    """The request count of a run row the caller has just written (in its transaction)."""
    row = one(db, "SELECT requested FROM detection_runs WHERE government_id = ?", [government_id])
    assert row is not None, "the caller has just inserted the row"
    return row["requested"]


def get_detection(db, government_id: int) -> dict:
    """The government's run state: pending, finished_at, notes, message, counts."""
    row = one(db, "SELECT * FROM detection_runs WHERE government_id = ?", [government_id]) or {
        "government_id": government_id, "requested": 0, "completed": 0, "started_at": None,
        "finished_at": None, "notes_json": "[]", "message": "", "departments": 0, "items": 0}
    row["notes"] = json.loads(row.pop("notes_json"))
    row["pending"] = row["requested"] > row["completed"]
    return row


def save_findings(db, government_id: int, findings: list[dict], *, generation: int,
                  notes: list[str], departments: int, items: int) -> dict:
    """Replace the government's findings with a run's result in one transaction.

    Each finding dict is `Finding.to_dict()` plus `scope` ('departments' or
    'divisions'). Rows with the same key are updated; rows the run no longer
    finds are kept as not present if someone decided on them, deleted otherwise.
    Returns counts: found, new, gone.
    """
    at = now()
    with transaction(db):
        before = {row["key"] for row in rows(
            db, "SELECT key FROM findings WHERE government_id = ? AND present = 1", [government_id])}
        db.execute("UPDATE findings SET present = 0 WHERE government_id = ?", [government_id])
        records = [(government_id, f["key"], f["scope"], f["kind"], f.get("topic") or "",
                    float(f["score"]), f["a"]["department"], f["b"]["department"],
                    json.dumps(f, ensure_ascii=False), at, at) for f in findings]
        db.conn.executemany(
            """INSERT INTO findings (government_id, key, scope, kind, topic, score, department_a,
               department_b, data_json, present, first_detected_at, detected_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
               ON CONFLICT(government_id, key) DO UPDATE SET scope = excluded.scope,
               kind = excluded.kind, topic = excluded.topic, score = excluded.score,
               department_a = excluded.department_a, department_b = excluded.department_b,
               data_json = excluded.data_json, present = 1, detected_at = excluded.detected_at""",
            records)
        db.execute("""DELETE FROM findings WHERE government_id = ? AND present = 0 AND key NOT IN
            (SELECT finding_key FROM decisions WHERE government_id = ?)""",
                   [government_id, government_id])
        db.execute("""INSERT INTO detection_runs (government_id) VALUES (?)
            ON CONFLICT(government_id) DO NOTHING""", [government_id])
        db.execute("""UPDATE detection_runs SET completed = max(completed, ?), finished_at = ?,
            notes_json = ?, message = '', departments = ?, items = ? WHERE government_id = ?""",
                   [generation, at, json.dumps(notes, ensure_ascii=False), departments, items,
                    government_id])
    found = {f["key"] for f in findings}
    return {"found": len(found), "new": len(found - before), "gone": len(before - found)}


def detection_failed(db, government_id: int, generation: int, message: str) -> None:
    """Record a failed run; the earlier findings stay as they were."""
    with transaction(db):
        db.execute("""INSERT INTO detection_runs (government_id) VALUES (?)
            ON CONFLICT(government_id) DO NOTHING""", [government_id])
        db.execute("""UPDATE detection_runs SET completed = max(completed, ?), finished_at = ?,
            message = ? WHERE government_id = ?""", [generation, now(), message, government_id])


def fail_pending_detections(db, message: str) -> int:
    """Close runs a stopped server left pending (with `message`); returns how many."""
    with transaction(db):
        return db.execute("""UPDATE detection_runs SET completed = requested, finished_at = ?,
            message = ? WHERE requested > completed""", [now(), message]).rowcount


_FINDING_SELECT = """SELECT findings.*, coalesce(decisions.status, 'open') AS status,
    decisions.lead, decisions.assisting_json, decisions.division_of_work, decisions.matter,
    decisions.reason, decisions.at AS decided_at, users.username AS decided_by
    FROM findings LEFT JOIN decisions ON decisions.government_id = findings.government_id
    AND decisions.finding_key = findings.key
    LEFT JOIN users ON users.id = decisions.by"""


def _decode_finding(row: dict) -> dict:
    row["data"] = json.loads(row.pop("data_json"))
    row["assisting"] = json.loads(row.pop("assisting_json") or "[]")
    return row


def list_findings(db, government_id: int, *, department: str | None = None,
                  kind: str | None = None, topic: str | None = None,
                  min_score: float | None = None, status: str | None = None,
                  scope: str | None = None, present: bool = True, search: str | None = None) -> list[dict]:
    """Findings of a government (best first) with their decision, filtered in SQL; `search` finds
    words in the duties, terms, departments and the decided matter."""
    sql = _FINDING_SELECT + " WHERE findings.government_id = ? AND findings.present = ?"
    params: list = [government_id, int(present)]
    if department:
        sql += " AND (findings.department_a = ? OR findings.department_b = ?)"
        params += [department, department]
    for column, value in (("findings.kind", kind), ("findings.topic", topic),
                          ("findings.scope", scope),
                          ("coalesce(decisions.status, 'open')", status)):
        if value:
            sql += f" AND {column} = ?"
            params.append(value)
    if min_score is not None:
        sql += " AND findings.score >= ?"
        params.append(min_score)
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        sql += " AND (findings.data_json LIKE ? ESCAPE '\\' OR coalesce(decisions.matter, '') LIKE ? ESCAPE '\\')"
        params += [pattern, pattern]
    sql += " ORDER BY findings.score DESC, findings.id"
    return [_decode_finding(row) for row in rows(db, sql, params)]


def finding_facets(db, government_id: int, department: str | None = None) -> dict:
    """Counts of present findings by kind and by status, and the departments and topics found."""
    where = "findings.government_id = ? AND findings.present = 1"
    params: list = [government_id]
    if department:
        where += " AND (findings.department_a = ? OR findings.department_b = ?)"
        params += [department, department]
    join = """FROM findings LEFT JOIN decisions ON decisions.government_id = findings.government_id
        AND decisions.finding_key = findings.key WHERE """ + where
    by_kind = {row["kind"]: row["n"] for row in rows(
        db, f"SELECT findings.kind, count(*) AS n {join} GROUP BY findings.kind", params)}
    by_status = {row["status"]: row["n"] for row in rows(
        db, f"SELECT coalesce(decisions.status, 'open') AS status, count(*) AS n {join} "
            "GROUP BY 1", params)}
    cells = {(row["kind"], row["status"]): row["n"] for row in rows(
        db, f"SELECT findings.kind, coalesce(decisions.status, 'open') AS status, count(*) AS n "
            f"{join} GROUP BY 1, 2", params)}
    topics = [row["topic"] for row in rows(
        db, f"SELECT DISTINCT findings.topic {join} ORDER BY findings.topic = '其他', findings.topic",
        params)]
    departments = sorted({row["name"] for row in rows(
        db, f"""SELECT findings.department_a AS name {join} UNION
            SELECT findings.department_b {join}""", params + params)})
    return {"by_kind": by_kind, "by_status": by_status, "cells": cells, "topics": topics,
            "departments": departments, "total": sum(by_kind.values())}


def get_finding(db, government_id: int, key: str) -> dict | None:
    """One finding (present or not) with its decision."""
    row = one(db, _FINDING_SELECT + " WHERE findings.government_id = ? AND findings.key = ?",
              [government_id, key])
    return _decode_finding(row) if row else None


def _decision_entity(government_id: int, key: str) -> str:
    return f"finding:{government_id}:{key}"


def _decision_values(row: dict | None) -> dict | None:
    if not row:
        return None
    return {"status": row["status"], "lead": row["lead"],
            "assisting": json.loads(row["assisting_json"]) if "assisting_json" in row
            else row.get("assisting", []),
            "matter": row["matter"], "division_of_work": row["division_of_work"],
            "reason": row["reason"]}


def set_decision(db, government_id: int, key: str, decision: dict, by: int | None) -> None:
    """Confirm or dismiss a finding (replacing an earlier decision); audited with old and new."""
    status = decision["status"]
    if status not in ("confirmed", "dismissed"):
        raise StoreError(f"未知的处理结果：{status}")
    values = {"status": status, "lead": decision.get("lead"),
              "assisting": list(decision.get("assisting") or []),
              "matter": decision.get("matter") or "",
              "division_of_work": decision.get("division_of_work") or "",
              "reason": decision.get("reason") or ""}
    with transaction(db):
        old = one(db, "SELECT * FROM decisions WHERE government_id = ? AND finding_key = ?",
                  [government_id, key])
        db.execute("""INSERT INTO decisions (government_id, finding_key, status, lead, assisting_json,
            division_of_work, matter, reason, by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(government_id, finding_key) DO UPDATE SET status = excluded.status,
            lead = excluded.lead, assisting_json = excluded.assisting_json,
            division_of_work = excluded.division_of_work, matter = excluded.matter,
            reason = excluded.reason, by = excluded.by, at = excluded.at""",
                   [government_id, key, status, values["lead"],
                    json.dumps(values["assisting"], ensure_ascii=False),
                    values["division_of_work"], values["matter"], values["reason"], by, now()])
        audit(db, by, f"decision_{status}", _decision_entity(government_id, key),
              _decision_values(old), values)


def clear_decision(db, government_id: int, key: str, by: int | None) -> bool:
    """Put a finding back to 待处理; audited. Returns False if it had no decision."""
    with transaction(db):
        old = one(db, "SELECT * FROM decisions WHERE government_id = ? AND finding_key = ?",
                  [government_id, key])
        if not old:
            return False
        db.execute("DELETE FROM decisions WHERE id = ?", [old["id"]])
        audit(db, by, "decision_reopen", _decision_entity(government_id, key),
              _decision_values(old), None)
    return True


def audit_detection(db, by: int | None, government_id: int, name: str) -> None:
    """Record that someone asked for a new detection run."""
    with transaction(db):
        audit(db, by, "detect", f"government:{government_id}", None, {"government": name})


def governments_with_findings(db) -> list[dict]:
    """Every government with its department count, present findings by status and run state."""
    found = rows(db, """SELECT governments.id, governments.name,
        (SELECT count(*) FROM departments WHERE government_id = governments.id) AS departments,
        (SELECT count(*) FROM findings WHERE government_id = governments.id AND present = 1)
            AS findings,
        (SELECT count(*) FROM findings JOIN decisions ON decisions.government_id = findings.government_id
            AND decisions.finding_key = findings.key WHERE findings.government_id = governments.id
            AND findings.present = 1 AND decisions.status = 'confirmed') AS confirmed,
        (SELECT count(*) FROM findings JOIN decisions ON decisions.government_id = findings.government_id
            AND decisions.finding_key = findings.key WHERE findings.government_id = governments.id
            AND findings.present = 1 AND decisions.status = 'dismissed') AS dismissed,
        detection_runs.finished_at, coalesce(detection_runs.requested > detection_runs.completed, 0)
            AS pending
        FROM governments LEFT JOIN detection_runs ON detection_runs.government_id = governments.id
        ORDER BY governments.name = ?, governments.name""", [UNKNOWN_GOVERNMENT])
    for row in found:
        row["open"] = row["findings"] - row["confirmed"] - row["dismissed"]
    return found


def confirmed_overlaps(db, government_id: int) -> list[dict]:
    """Confirmed findings of a government (present or no longer detected) with their decision."""
    found = rows(db, """SELECT findings.key, findings.department_a, findings.department_b,
        findings.kind, findings.topic, findings.present, decisions.matter, decisions.lead,
        decisions.assisting_json FROM findings JOIN decisions ON decisions.government_id = findings.government_id
        AND decisions.finding_key = findings.key WHERE findings.government_id = ?
        AND decisions.status = 'confirmed' ORDER BY decisions.matter, findings.key""", [government_id])
    for row in found:
        row["assisting"] = json.loads(row.pop("assisting_json") or "[]")
    return found


def detection_ran(db, government_id: int) -> bool:
    return bool(one(db, """SELECT 1 AS x FROM detection_runs WHERE government_id = ?
        AND finished_at IS NOT NULL""", [government_id]))
