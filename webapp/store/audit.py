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


def _audit_filter(action: str | None, username: str | None) -> tuple[str, list]:
    where, params = [], []
    if action:
        where.append("audit.action = ?")
        params.append(action)
    if username == "命令行":
        where.append("audit.by IS NULL")
    elif username:
        where.append("users.username = ?")
        params.append(username)
    return (" WHERE " + " AND ".join(where)) if where else "", params


def list_audit(db, limit: int = 200, offset: int = 0, *, action: str | None = None,
               username: str | None = None) -> list[dict]:
    """The newest audit entries with the actor's username, optionally of one action or user."""
    where, params = _audit_filter(action, username)
    return rows(db, f"""SELECT audit.*, users.username FROM audit
        LEFT JOIN users ON users.id = audit.by{where} ORDER BY audit.id DESC LIMIT ? OFFSET ?""",
                params + [limit, offset])


def count_audit(db, *, action: str | None = None, username: str | None = None) -> int:
    where, params = _audit_filter(action, username)
    return rows(db, f"SELECT count(*) AS n FROM audit LEFT JOIN users ON users.id = audit.by{where}",
                params)[0]["n"]
