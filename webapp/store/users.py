"""Accounts, sessions and sign-in failures."""
from __future__ import annotations

from collections.abc import Callable

from ..roles import ALL_ROLES as ROLES
from ..roles import UNIT_ROLE
from . import units
from .audit import audit
from .db import StoreError, now, one, rows, transaction


def add_user(db, username: str, password_hash: str, role: str, display_name: str = "",
             by: int | None = None, session_token: str = "", governments: list[str] | None = None,
             unit: dict | None = None) -> int:
    """Create a user, limited to `governments` (names; none: unlimited); raises StoreError if the
    name is taken or the role unknown. A 被评估单位 account (and only one) has a `unit`
    ({"department_id": …} or {"government_id": …}, see store.units) and sees that unit's government
    only: its scope is that government (asking for another is refused)."""
    if role not in ROLES:
        raise StoreError(f"未知角色：{role}")
    if (role == UNIT_ROLE) != (unit is not None):
        raise StoreError("被评估单位账号须指定其单位（一个部门，或一个政府整体）" if role == UNIT_ROLE
                         else "只有被评估单位账号才指定单位")
    with transaction(db):
        if get_user_by_name(db, username):
            raise StoreError(f"用户名已存在：{username}")
        found = units.resolve_unit(db, unit) if unit is not None else None
        if found is not None:
            if governments and list(dict.fromkeys(governments)) != [found["government_name"]]:
                raise StoreError(f"被评估单位账号只能查看本单位所在的政府（{found['government_name']}）")
            governments = [found["government_name"]]
        cursor = db.execute(
            """INSERT INTO users (username, password_hash, role, display_name, session_token,
               created_at) VALUES (?, ?, ?, ?, ?, ?)""",
            [username, password_hash, role, display_name, session_token, now()],
        )
        _insert_scope(db, cursor.lastrowid, governments or [])
        if found is not None:
            units.attach(db, cursor.lastrowid, found)
        audit(db, by, "add_user", f"user:{cursor.lastrowid}", None,
              {"username": username, "role": role, "display_name": display_name,
               "governments": list(governments or []) or "不限", "unit": found["name"] if found else None})
    return cursor.lastrowid


def get_scope(db, user_id: int) -> list[str]:
    """The government names an account is limited to, sorted; empty: unlimited."""
    return [row["government"] for row in rows(
        db, "SELECT government FROM account_scope WHERE user_id = ? ORDER BY government", [user_id])]


def scopes(db) -> dict[int, list[str]]:
    """Every limited account's government names (unlimited accounts are absent)."""
    found: dict[int, list[str]] = {}
    for row in rows(db, "SELECT user_id, government FROM account_scope ORDER BY government"):
        found.setdefault(row["user_id"], []).append(row["government"])
    return found


def set_scope(db, user_id: int, governments: list[str], session_token: str, by: int | None) -> None:
    """Limit an account to `governments` (names; empty: unlimited). Its sessions end, so that no
    page opened under the old scope goes on; one active unlimited admin always stays."""
    with transaction(db):
        user = get_user(db, user_id)
        if user is None:
            raise StoreError("用户不存在")
        if user["role"] == UNIT_ROLE:  # its scope follows its unit (store.units), nothing wider
            raise StoreError("被评估单位账号只能查看本单位所在的政府，范围随单位确定，不能另行设定")
        old = get_scope(db, user_id)
        if governments and not old and user["role"] == "admin" and user["active"]:
            others = rows(db, """SELECT id FROM users WHERE role = 'admin' AND active = 1 AND id != ?
                AND id NOT IN (SELECT user_id FROM account_scope)""", [user_id])
            if not others:
                raise StoreError("不能限定唯一的不限范围的管理员：请先让另一名管理员不限范围")
        db.execute("DELETE FROM account_scope WHERE user_id = ?", [user_id])
        _insert_scope(db, user_id, governments)
        db.execute("UPDATE users SET session_token = ? WHERE id = ?", [session_token, user_id])
        audit(db, by, "user_scope", f"user:{user_id}", {"governments": old or "不限"},
              {"governments": list(governments) or "不限"})


def _insert_scope(db, user_id: int, governments: list[str]) -> None:
    for name in dict.fromkeys(governments):
        db.execute("INSERT INTO account_scope (user_id, government) VALUES (?, ?)", [user_id, name])


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


def set_password(db, user_id: int, password_hash: str, session_token: str, by: int | None) -> None:
    """A new password (changed by the user, or reset by an admin); the user's other sessions end."""
    with transaction(db):
        db.execute("UPDATE users SET password_hash = ?, session_token = ? WHERE id = ?",
                   [password_hash, session_token, user_id])
        audit(db, by, "password_change" if by == user_id else "password_reset", f"user:{user_id}", None, None)


def set_active(db, user_id: int, active: bool, session_token: str, by: int | None) -> None:
    """Disable (its sessions end at once) or enable an account; the last active admin stays."""
    with transaction(db):
        user = get_user(db, user_id)
        if user is None:
            raise StoreError("用户不存在")
        others = rows(db, "SELECT id FROM users WHERE role = 'admin' AND active = 1 AND id != ?", [user_id])
        if not active and user["role"] == "admin" and not others:
            raise StoreError("不能停用唯一的管理员账号")
        unlimited = rows(db, """SELECT id FROM users WHERE role = 'admin' AND active = 1 AND id != ?
            AND id NOT IN (SELECT user_id FROM account_scope)""", [user_id])
        if not active and user["role"] == "admin" and not get_scope(db, user_id) and not unlimited:
            raise StoreError("不能停用唯一的不限范围的管理员账号")
        db.execute("UPDATE users SET active = ?, session_token = ? WHERE id = ?",
                   [int(active), session_token, user_id])
        audit(db, by, "user_enable" if active else "user_disable", f"user:{user_id}",
              {"active": bool(user["active"])}, {"active": active})


def claim_sign_in(db, username: str, address: str, since: str, at: str,
                  wait_for: Callable[[dict[str, tuple[int, str | None]], bool], float]) -> float:
    """Count the failures of a sign-in attempt's keys since `since` and ask `wait_for(counted,
    known_address)` how long it must wait; if not at all, record the attempt as a failure now
    (sign_in_succeeded removes it). One write transaction, so that parallel attempts are
    counted one after another. Returns the seconds to wait (0: recorded, go ahead)."""
    with transaction(db):
        counted = {}
        for key, where, values in (("account_address", "username = ? AND address = ?", [username, address]),
                                   ("address", "address = ?", [address]),
                                   ("account", "username = ?", [username])):
            row = db.execute(f"SELECT count(*), max(at) FROM login_failures WHERE {where} AND at >= ?",
                             [*values, since]).fetchone()
            counted[key] = (row[0], row[1])
        known = db.execute("SELECT 1 FROM sign_in_addresses WHERE username = ? AND address = ?",
                           [username, address]).fetchone() is not None
        wait = wait_for(counted, known)
        if wait <= 0:
            db.execute("INSERT INTO login_failures (username, address, at) VALUES (?, ?, ?)",
                       [username, address, at])
        return wait


def sign_in_succeeded(db, username: str, address: str, at: str) -> None:
    """Forget the failures of this account from this address, and remember the address."""
    with transaction(db):
        db.execute("DELETE FROM login_failures WHERE username = ? AND address = ?", [username, address])
        db.execute("INSERT OR REPLACE INTO sign_in_addresses (username, address, at) VALUES (?, ?, ?)",
                   [username, address, at])
