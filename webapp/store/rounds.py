"""Survey rounds, raters and their links, sealed ballots, drafts, responses and progress.

Back-to-back (市县评作为) rules kept here, so that nobody holding the database
file, its WAL or a backup can tie a rating to a rater:
- a rating is a sealed ballot (survey.ballots) until the round closes; closing
  opens all of the round's ballots in one transaction and writes them as
  responses in random order, with random ids and the closing day, then deletes
  the ballots (secure_delete zeroes them);
- that a token was used is a flag flipped in place (same record size, so SQLite
  rewrites the cell where it is) on a `token_uses` row made at import, in the
  order of its key: a hash of the token that the stored token hash cannot be
  turned into. Nothing is inserted when a rater submits except the sealed ballot,
  so no table grows in an order that could be zipped with another;
- a draft is keyed and sealed by the token (the server never stores it) and
  deleted with the submission.
A response row carries the round, the group, the day and the answers, nothing else.
"""
from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Callable

from .audit import audit
from .db import StoreError, now, one, one_statement_transaction, rows, transaction

ROUND_FIELDS = ("name", "kind", "year", "opens", "closes", "scale_json", "groups_json", "k_min",
                "trim", "anonymous", "access_code", "departments_json", "dimensions_json")


# Fields that decide what a stored response means; fixed once a round has responses.
ROUND_FROZEN = ("kind", "scale_json", "departments_json", "anonymous", "dimensions_json")


FROZEN_NAMES = {"kind": "评议类型", "scale_json": "评价等次", "departments_json": "被评议部门",
                "anonymous": "匿名设置", "dimensions_json": "评议维度"}


def create_round(db, government_id: int, values: dict, by: int | None) -> int:
    """Create a round from encoded values (see ROUND_FIELDS); audited."""
    data = {key: values.get(key) for key in ROUND_FIELDS}
    data["dimensions_json"] = data["dimensions_json"] or "[]"  # none: one overall rating
    with transaction(db):
        cursor = db.execute(
            f"""INSERT INTO rounds (government_id, {", ".join(ROUND_FIELDS)}, token_salt, public_key,
                created_by, created_at) VALUES (?, {", ".join("?" for _ in ROUND_FIELDS)}, ?, ?, ?, ?)""",
            [government_id, *data.values(), secrets.token_hex(16), secrets.token_hex(9), by, now()])
        audit(db, by, "round_create", f"round:{cursor.lastrowid}", None, _audit_round(data))
    return cursor.lastrowid


def _audit_round(values: dict) -> dict:
    """Round values for the audit log, without the access code."""
    return {key: value for key, value in values.items() if key != "access_code"}


def update_round(db, round_id: int, values: dict, by: int | None) -> None:
    """Change a round. Once it has answers, the fields in ROUND_FROZEN are fixed and k can
    only rise (lowering it afterwards would show groups it was set to hide)."""
    with transaction(db):
        old = get_round(db, round_id)
        if old is None:
            raise StoreError("评议轮次不存在")
        changes = {key: value for key, value in values.items()
                   if key in ROUND_FIELDS and old[key] != value}
        if changes and answer_count(db, round_id):
            frozen = [FROZEN_NAMES[key] for key in changes if key in ROUND_FROZEN]
            if "k_min" in changes and int(changes["k_min"]) < int(old["k_min"]):
                frozen.append(f"最少样本数 k（只能提高，不能低于 {old['k_min']}）")
            if frozen:
                raise StoreError(f"本轮已有评议结果，不能再修改{'、'.join(frozen)}")
        if not changes:
            return
        sets = ", ".join(f"{key} = ?" for key in changes)
        db.execute(f"UPDATE rounds SET {sets} WHERE id = ?", [*changes.values(), round_id])
        audit(db, by, "round_update", f"round:{round_id}",
              _audit_round({key: old[key] for key in changes}), _audit_round(changes))


def close_round(db, round_id: int, by: int | None, open_ballot: Callable[[bytes], tuple[str, list]],
                day: str) -> bool:
    """Close a round now and turn its sealed ballots into responses; False if it was closed already.

    One transaction: the round is marked closed (no ballot can arrive after
    this), each ballot is opened with `open_ballot(sealed) -> (group, answers)`,
    the responses are written in random order with random ids and `day`, and the
    ballots are deleted. If a ballot cannot be opened (another secret key), the
    error propagates and nothing changes.
    """
    with transaction(db):
        changed = db.execute("UPDATE rounds SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
                             [now(), round_id]).rowcount
        if not changed:
            return False
        opened = [open_ballot(sealed) for (sealed,) in db.execute(
            "SELECT sealed FROM ballots WHERE round_id = ?", [round_id]).fetchall()]
        secrets.SystemRandom().shuffle(opened)
        for group, answers in opened:
            _insert_response(db, round_id, group, day, json.dumps(answers, ensure_ascii=False))
        db.execute("DELETE FROM ballots WHERE round_id = ?", [round_id])
        audit(db, by, "round_close", f"round:{round_id}", None, {"closed": True, "responses": len(opened)})
    return True


def _insert_response(db, round_id: int, group: str, day: str, answers_json: str) -> None:
    """One response row with a random 63-bit id (drawn again if taken)."""
    while True:
        try:
            db.execute("INSERT INTO responses (id, round_id, group_name, day, answers_json) VALUES (?, ?, ?, ?, ?)",
                       [secrets.randbits(63) or 1, round_id, group, day, answers_json])
            return
        except sqlite3.IntegrityError as error:
            if str(error) != "UNIQUE constraint failed: responses.id":
                raise


def get_round_by_key(db, public_key: str) -> dict | None:
    """A round by the key in its public link (/s/<key>)."""
    return one(db, """SELECT rounds.*, governments.name AS government_name FROM rounds
        JOIN governments ON governments.id = rounds.government_id WHERE rounds.public_key = ?""", [public_key])


def get_round(db, round_id: int) -> dict | None:
    """One round with its government's name."""
    return one(db, """SELECT rounds.*, governments.name AS government_name FROM rounds
        JOIN governments ON governments.id = rounds.government_id WHERE rounds.id = ?""", [round_id])


def list_rounds(db) -> list[dict]:
    """Every round, newest first, with its number of raters, its stored answers (responses
    and sealed ballots) and its last progress snapshot (`progress_at`, `progress_json`)."""
    return rows(db, """SELECT rounds.*, governments.name AS government_name,
        (SELECT count(*) FROM raters WHERE round_id = rounds.id) AS raters,
        (SELECT count(*) FROM responses WHERE round_id = rounds.id)
            + (SELECT count(*) FROM ballots WHERE round_id = rounds.id) AS answers,
        round_progress.taken_at AS progress_at, round_progress.units_json AS progress_json
        FROM rounds JOIN governments ON governments.id = rounds.government_id
        LEFT JOIN round_progress ON round_progress.round_id = rounds.id
        ORDER BY rounds.id DESC""")


def add_raters(db, round_id: int, raters: list[dict], keys_of: Callable[[int], tuple[str, str]],
               by: int | None) -> list[int]:
    """Add raters (name, unit, group, departments) with their links, all or nothing.

    `keys_of(rater_id)` gives the link's (token hash, use mark). Use marks are
    written in the order of their values, not of the raters, so that where one
    sits in the file says nothing about whose it is. A rater already in the
    round (same unit and name) refuses the whole list.
    """
    ids, marks = [], []
    with transaction(db):
        for rater in raters:
            try:
                rater_id = db.execute(
                    """INSERT INTO raters (round_id, name, unit, group_name, departments_json)
                       VALUES (?, ?, ?, ?, ?)""",
                    [round_id, rater["name"], rater["unit"], rater["group"],
                     json.dumps(rater.get("departments") or [], ensure_ascii=False)]).lastrowid
            except sqlite3.IntegrityError:
                raise StoreError(f"评议人已在本轮名单中：{rater['unit']}的{rater['name']}") from None
            hashed, mark = keys_of(rater_id)
            db.execute("INSERT INTO tokens (token_hash, round_id, rater_id) VALUES (?, ?, ?)",
                       [hashed, round_id, rater_id])
            marks.append(mark)
            ids.append(rater_id)
        db.conn.executemany("INSERT INTO token_uses (mark, round_id) VALUES (?, ?)",
                            [(mark, round_id) for mark in sorted(marks)])
        audit(db, by, "raters_import", f"round:{round_id}", None, {"raters": len(ids)})
    return ids


def list_raters(db, round_id: int) -> list[dict]:
    """The raters of a round in group, unit, name order, with `departments` (no state:
    whether a rater has submitted takes the secret key, see webapp.surveys)."""
    found = rows(db, """SELECT * FROM raters WHERE round_id = ?
        ORDER BY group_name, unit, name""", [round_id])
    for row in found:
        row["departments"] = json.loads(row.pop("departments_json"))
    return found


def used_marks(db, round_id: int) -> set[str]:
    """The use marks of a round's links that have been used."""
    return {mark for (mark,) in db.execute(
        "SELECT mark FROM token_uses WHERE round_id = ? AND used = 1", [round_id])}


_LINK_COLUMNS = {"token_hash": "tokens.token_hash", "used": "token_uses.used", "round_id": "tokens.round_id",
                 "rater_id": "raters.id", "name": "raters.name", "unit": "raters.unit",
                 "group_name": "raters.group_name", "rater_departments": "raters.departments_json",
                 "draft": "drafts.sealed"}


_FIND_RATER_LINK = f"""SELECT {", ".join(f'{column} AS "link.{key}"' for key, column in _LINK_COLUMNS.items())},
    rounds.*, governments.name AS government_name
    FROM tokens JOIN raters ON raters.id = tokens.rater_id
    JOIN rounds ON rounds.id = tokens.round_id JOIN governments ON governments.id = rounds.government_id
    LEFT JOIN token_uses ON token_uses.mark = ?
    LEFT JOIN drafts ON drafts.id = ?
    WHERE tokens.token_hash = ?"""


def find_rater_link(db, token_hash: str, mark: str, draft: str) -> tuple[dict, dict] | None:
    """The rater, use flag and sealed draft behind a link, and its round as `get_round`
    gives it (None if unknown). The caller derives `mark` and `draft` from the token.

    One statement: under load every write elsewhere empties this connection's page
    cache, and each separate read would fetch the shared pages again.
    """
    found = one(db, _FIND_RATER_LINK, [mark, draft, token_hash])
    if found is None:
        return None
    link = {key: found.pop(f"link.{key}") for key in _LINK_COLUMNS}
    link["rater_departments"] = json.loads(link["rater_departments"])
    link["used"] = bool(link["used"])
    return link, found


def save_draft(db, mark: str, draft: str, sealed: bytes) -> bool:
    """Keep a rater's sealed unfinished answers; False if the link was used meanwhile."""
    with transaction(db):
        if one(db, "SELECT 1 AS x FROM token_uses WHERE mark = ? AND used = 1", [mark]):
            return False
        db.execute("""INSERT INTO drafts (id, sealed) VALUES (?, ?)
            ON CONFLICT(id) DO UPDATE SET sealed = excluded.sealed""", [draft, sealed])
    return True


def submit_ballot(db, mark: str, draft: str, sealed: bytes) -> str:
    """Store one rater's sealed ballot once: 'ok', 'used' (already submitted), 'unknown' or 'closed'.

    One statement, one transaction (the trigger `submit_ballot`): the link's use
    flag checked and flipped in place (SQLite's write lock makes the check and
    the flip one step, so concurrent submits of one link store one ballot), the
    ballot stored, the draft deleted (secure_delete). The caller has the WAL
    emptied afterwards (webapp.checkpointer).
    """
    try:
        one_statement_transaction(db, "INSERT INTO submit_ballot (mark, draft_id, sealed) VALUES (?, ?, ?)",
                                   [mark, draft, sealed])
        return "ok"
    except sqlite3.IntegrityError as error:
        if str(error) in ("unknown", "used", "closed"):
            return str(error)
        raise


def submit_public(db, round_id: int, group: str, answers: list[dict], day: str, guard: str) -> str:
    """Store one public answer: 'ok', 'duplicate' (guard hash seen) or 'closed'.

    The guard (a hash of round, department and the respondent's cookie id) is
    written in the same statement (the trigger `submit_public`) and is not
    linked to the response. The response gets a random 63-bit id, drawn again if taken.
    """
    data = json.dumps(answers, ensure_ascii=False)
    while True:
        try:
            one_statement_transaction(db, """INSERT INTO submit_public (round_id, guard, response_id,
                group_name, day, answers_json) VALUES (?, ?, ?, ?, ?, ?)""",
                                       [round_id, guard, secrets.randbits(63) or 1, group, day, data])
            return "ok"
        except sqlite3.IntegrityError as error:
            message = str(error)
            if message == "UNIQUE constraint failed: responses.id":
                continue
            if message == "closed":
                return message
            if message == "UNIQUE constraint failed: public_guards.hash":
                return "duplicate"
            raise


def answer_count(db, round_id: int) -> int:
    """How many answers a round has stored: responses and still sealed ballots."""
    return db.execute("""SELECT (SELECT count(*) FROM responses WHERE round_id = ?)
        + (SELECT count(*) FROM ballots WHERE round_id = ?)""", [round_id, round_id]).fetchone()[0]


def response_count(db, round_id: int) -> int:
    """How many opened responses a round has (a back-to-back round's ballots open when it closes)."""
    return db.execute("SELECT count(*) FROM responses WHERE round_id = ?", [round_id]).fetchone()[0]


def round_responses(db, round_id: int) -> list[tuple[str, list[dict]]]:
    """(group, answers) of every opened response of a round, in id (random) order."""
    return [(row[0], json.loads(row[1])) for row in db.execute(
        "SELECT group_name, answers_json FROM responses WHERE round_id = ? ORDER BY id", [round_id])]


def round_responses_by_day(db, round_id: int) -> list[tuple[str, str, list[dict]]]:
    """(group, day, answers) of every opened response of a round, for the raw export (which
    shuffles them itself: their id order is random already, but no export should rest on that)."""
    return [(row[0], row[1], json.loads(row[2])) for row in db.execute(
        "SELECT group_name, day, answers_json FROM responses WHERE round_id = ?", [round_id])]


def log_raw_export(db, round_id: int, by: int | None, rows: int, file_format: str) -> None:
    """Record that a round's raw responses left the system (who, when, how many rows, which format)."""
    with transaction(db):
        audit(db, by, "round_raw_export", f"round:{round_id}", None, {"rows": rows, "format": file_format})


def get_progress(db, round_id: int) -> dict | None:
    """The round's last progress snapshot: `taken_at` and `units` (see save_progress)."""
    found = one(db, "SELECT taken_at, units_json FROM round_progress WHERE round_id = ?", [round_id])
    return None if found is None else {"taken_at": found["taken_at"], "units": json.loads(found["units_json"])}


def save_progress(db, round_id: int, units: list[dict], taken_at: str) -> None:
    """Replace the round's progress snapshot (counts per group and unit, taken at `taken_at`)."""
    with transaction(db):
        db.execute("""INSERT INTO round_progress (round_id, taken_at, units_json) VALUES (?, ?, ?)
            ON CONFLICT(round_id) DO UPDATE SET taken_at = excluded.taken_at, units_json = excluded.units_json""",
                   [round_id, taken_at, json.dumps(units, ensure_ascii=False)])
