"""Accounts, sessions and sign-in failures."""
from __future__ import annotations

from ..roles import ALL_ROLES as ROLES
from .audit import audit
from .db import StoreError, now, one, rows, transaction


def add_user(db, username: str, password_hash: str, role: str, display_name: str = "",
             by: int | None = None, session_token: str = "") -> int:
    """Create a user; raises StoreError if the name is taken or the role unknown."""
    if role not in ROLES:
        raise StoreError(f"未知角色：{role}")
    with transaction(db):
        if get_user_by_name(db, username):
            raise StoreError(f"用户名已存在：{username}")
        cursor = db.execute(
            """INSERT INTO users (username, password_hash, role, display_name, session_token,
               created_at) VALUES (?, ?, ?, ?, ?, ?)""",
            [username, password_hash, role, display_name, session_token, now()],
        )
        audit(db, by, "add_user", f"user:{cursor.lastrowid}", None,
              {"username": username, "role": role, "display_name": display_name})
    return cursor.lastrowid


def get_user(db, user_id: int) -> dict | None:
    return one(db, "SELECT * FROM users WHERE id = ?", [user_id])


def get_user_by_name(db, username: str) -> dict | None:
    return one(db, "SELECT * FROM users WHERE username = ?", [username])


def list_users(db) -> list[dict]:
    return rows(db, "SELECT id, username, role, display_name, active, created_at FROM users ORDER BY id")


def set_session_token(db, user_id: int, token: str) -> None:
    """Replace the token that signed-in sessions carry; old sessions stop working."""
    with transaction(db):
        db.execute("UPDATE users SET session_token = ? WHERE id = ?", [token, user_id])


def record_login_failure(db, username: str) -> None:
    with transaction(db):
        db.execute("INSERT INTO login_failures (username, at) VALUES (?, ?)", [username, now()])


def count_login_failures(db, username: str, since: str) -> int:
    row = db.execute("SELECT count(*) FROM login_failures WHERE username = ? AND at >= ?",
                     [username, since]).fetchone()
    return row[0]


def clear_login_failures(db, username: str) -> None:
    with transaction(db):
        db.execute("DELETE FROM login_failures WHERE username = ?", [username])
