"""The audit log: who changed what, when, with old and new values."""
from __future__ import annotations

import json
from typing import Any

from .db import now, rows


def audit(db, by: int | None, action: str, entity: str, old: Any = None, new: Any = None) -> None:
    """Record one change: who, when, what, and the old and new values as JSON."""
    def encode(value):
        return None if value is None else json.dumps(value, ensure_ascii=False, default=str)
    db.execute(
        "INSERT INTO audit (by, at, action, entity, old, new) VALUES (?, ?, ?, ?, ?, ?)",
        [by, now(), action, entity, encode(old), encode(new)],
    )


# How an audit entity (`kind:id[:…]`) names its government: the kinds whose first id is a
# government's, and for the others a query of the ids of that kind within governments `{G}`.
# An entity of a kind not listed here (or whose row is gone) belongs to no government: an account
# limited to some governments does not see it in the log.
_GOVERNMENT_KINDS = ("government", "finding")
_ENTITY_IDS = {
    "department": "SELECT id FROM departments WHERE government_id IN ({G})",
    "version": """SELECT versions.id FROM versions JOIN departments ON departments.id = versions.department_id
        WHERE departments.government_id IN ({G})""",
    "round": "SELECT id FROM rounds WHERE government_id IN ({G})",
    "indicator_system": "SELECT id FROM indicator_systems WHERE government_id IN ({G})",
    "score": "SELECT id FROM indicator_systems WHERE government_id IN ({G})",
    "conclusion": "SELECT id FROM indicator_systems WHERE government_id IN ({G})",
    "rectification": "SELECT id FROM rectifications WHERE government_id IN ({G})",
    "problem": "SELECT id FROM problems WHERE government_id IN ({G})",
    "roll": "SELECT id FROM roll_imports WHERE government_id IN ({G})",
    "adjustment": "SELECT id FROM staffing_adjustments WHERE government_id IN ({G})",
    "campaign": "SELECT id FROM campaigns WHERE government_id IN ({G})",
    "list": "SELECT id FROM lists WHERE government_id IN ({G})",
}
_FILE_KEYS = """SELECT substr(versions.sha256, 1, 16) FROM versions JOIN departments
    ON departments.id = versions.department_id WHERE departments.government_id IN ({G})"""


def _within(governments: frozenset[int], users: frozenset[int]) -> str:
    """SQL: the audit entries about the governments with ids `governments` or the accounts `users`.
    The ids are integers read from this database, written into the statement as such."""
    listed = ", ".join(str(int(number)) for number in sorted(governments))
    accounts = ", ".join(str(int(number)) for number in sorted(users))
    cases = [f"(kind IN ({', '.join(repr(k) for k in _GOVERNMENT_KINDS)}) AND CAST(first AS INTEGER) IN ({listed}))",
             f"(kind = 'user' AND CAST(first AS INTEGER) IN ({accounts}))",
             f"(kind = 'file' AND first IN ({_FILE_KEYS.format(G=listed)}))"]
    cases += [f"(kind = '{kind}' AND CAST(first AS INTEGER) IN ({query.format(G=listed)}))"
              for kind, query in _ENTITY_IDS.items()]
    return f"""audit.id IN (SELECT id FROM (SELECT id, kind, CASE WHEN instr(rest, ':') > 0
        THEN substr(rest, 1, instr(rest, ':') - 1) ELSE rest END AS first FROM (SELECT id,
        substr(entity, 1, instr(entity, ':') - 1) AS kind, substr(entity, instr(entity, ':') + 1) AS rest
        FROM audit)) WHERE {' OR '.join(cases)})"""


def _audit_filter(action: str | None, username: str | None,
                  within: tuple[frozenset[int], frozenset[int]] | None) -> tuple[str, list]:
    where, params = [], []
    if action:
        where.append("audit.action = ?")
        params.append(action)
    if username == "命令行":
        where.append("audit.by IS NULL")
    elif username:
        where.append("users.username = ?")
        params.append(username)
    if within is not None:
        where.append(_within(*within))
    return (" WHERE " + " AND ".join(where)) if where else "", params


def list_audit(db, limit: int = 200, offset: int = 0, *, action: str | None = None,
               username: str | None = None,
               within: tuple[frozenset[int], frozenset[int]] | None = None) -> list[dict]:
    """The newest audit entries with the actor's username, optionally of one action or user, and
    `within` (government ids, account ids): only entries about those (an account's scope)."""
    where, params = _audit_filter(action, username, within)
    return rows(db, f"""SELECT audit.*, users.username FROM audit
        LEFT JOIN users ON users.id = audit.by{where} ORDER BY audit.id DESC LIMIT ? OFFSET ?""",
                params + [limit, offset])


def count_audit(db, *, action: str | None = None, username: str | None = None,
                within: tuple[frozenset[int], frozenset[int]] | None = None) -> int:
    where, params = _audit_filter(action, username, within)
    return rows(db, f"SELECT count(*) AS n FROM audit LEFT JOIN users ON users.id = audit.by{where}",
                params)[0]["n"]
