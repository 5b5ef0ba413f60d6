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


def list_audit(db, limit: int = 200) -> list[dict]:
    """The newest audit entries with the actor's username."""
    return rows(db, """SELECT audit.*, users.username FROM audit
        LEFT JOIN users ON users.id = audit.by ORDER BY audit.id DESC LIMIT ?""", [limit])
