"""Which governments the signed-in account sees: the one place every route asks.

A route that takes an id resolves it to its government and calls one of the `*_or_404`
helpers (or `check`): an id of a government outside the account's scope is a 404, exactly like an
id that does not exist, so ids of other units cannot be probed. Lists go through `rows` or
`governments`. The rules themselves are `webapp.scope_rules` (no Flask); the scope is stored by
`store.users` and read once per request.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from flask import abort, g
from flask_login import current_user

from . import store
from .database import get_db
from .scope_rules import Scope, covers, describe, scope_of, sees

T = TypeVar("T", bound=dict)


def current() -> Scope:
    """The signed-in account's scope (None: unlimited). Every route that reaches this is signed in;
    an anonymous caller sees nothing."""
    if not current_user.is_authenticated:
        return frozenset()
    return current_user.scope


def limited() -> bool:
    """Whether the signed-in account is limited to some governments."""
    return current() is not None


def visible_ids(fresh: bool = False) -> frozenset[int] | None:
    """Ids of the governments the account sees (None: all), read once per request (`fresh`: again)."""
    scope = current()
    if scope is None:
        return None
    # keyed by the scope: an app context can outlive one request (a test holding one open)
    cached = g.get("scope_ids")
    if fresh or cached is None or cached[0] != scope:
        names = sorted(scope)
        marks = ", ".join("?" * len(names))
        found = store.rows(get_db(), f"SELECT id FROM governments WHERE name IN ({marks})", names) if names else []
        cached = g.scope_ids = (scope, frozenset(row["id"] for row in found))
    return cached[1]


def sees_id(government_id: int | None) -> bool:
    """Whether the account sees the government with this id (a government named in the scope and
    created since the ids were read, by a round for instance, is found by reading them again)."""
    ids = visible_ids()
    if ids is None or government_id in ids:
        return True
    return government_id in (visible_ids(fresh=True) or ())


def sees_name(name: str) -> bool:
    """Whether the account sees (or may create) the government named `name`."""
    return sees(current(), name)


def check(government_id: int | None) -> None:
    """404 unless the account sees this government: call it with the government of every row a
    URL names (a round, a system, a problem …) before showing or changing it."""
    if not sees_id(government_id):
        abort(404)


def government_or_404(government_id: int) -> dict:
    """The government a URL names, or a 404 page (absent or outside the scope)."""
    government = store.documents.get_government(get_db(), government_id) or abort(404)
    check(government["id"])
    return government


def department_or_404(department_id: int) -> dict:
    """The department a URL names (with its government's name), or a 404 page."""
    department = store.documents.get_department(get_db(), department_id) or abort(404)
    check(department["government_id"])
    return department


def version_or_404(version_id: int) -> dict:
    """The 三定 version a URL names (store.documents.get_version), or a 404 page."""
    version = store.documents.get_version(get_db(), version_id) or abort(404)
    check(version["government_id"])
    return version


def rows(items: Iterable[T], key: str = "government_id") -> list[T]:
    """The rows (dicts) whose government id (`key`) the account sees, in their order."""
    ids = visible_ids()
    return list(items) if ids is None else [row for row in items if row.get(key) in ids]


def governments(items: Iterable[T]) -> list[T]:
    """Government rows (with `id`) the account sees."""
    return rows(items, "id")


def names(items: Iterable[str]) -> list[str]:
    """Government names the account sees."""
    scope = current()
    return [name for name in items if sees(scope, name)]


def manages(user_id: int | None) -> bool:
    """Whether the signed-in account's scope covers that account's: an admin manages only accounts
    that see no more than it does (what the command line did, user_id None: unlimited admins)."""
    if user_id is None:
        return current() is None
    return covers(current(), scope_of(store.users.get_scope(get_db(), user_id)))


def text() -> str:
    """The scope in words (不限, or the governments)."""
    return describe(current())


def init_app(app) -> None:
    """`scope_text()` and `scope_limited()` for templates (the user pages, the header)."""
    app.jinja_env.globals.update(scope_text=text, scope_limited=limited)
