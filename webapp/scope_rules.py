"""Which governments an account sees: the rules alone, without Flask or SQL.

A scope is the set of government names an account is limited to, or None: unlimited (every
account before scopes existed, and the first admin). Governments are named, not numbered, so a
scope outlives a government row that is removed when its last document goes and comes back later.
There is no city → county relation in the store (a government has a name and a rough level, no
parent), so a city office that should see its counties lists them: nothing is included silently.
The web app asks `webapp.scope`; the upload jobs, the store and the CLI use these rules directly.
"""
from __future__ import annotations

from collections.abc import Iterable

Scope = frozenset[str] | None

UNKNOWN_GOVERNMENT = "未识别"  # the same name as store.documents.UNKNOWN_GOVERNMENT (no import: no SQL here)
MAX_NAME = 100
MAX_GOVERNMENTS = 200


class ScopeError(ValueError):
    """A scope that cannot be given or used; the message is Chinese and names the reason."""


def scope_of(names: Iterable[str] | None) -> Scope:
    """The scope of stored names; no names is unlimited."""
    found = frozenset(names or ())
    return found or None


def sees(scope: Scope, government: str) -> bool:
    """Whether an account of `scope` sees the government named `government`. The 未识别 bucket
    (files whose government the parser could not tell) may hold any unit's files: only unlimited
    accounts see it."""
    return scope is None or government in scope


def covers(outer: Scope, inner: Scope) -> bool:
    """Whether `outer` sees every government `inner` sees: an admin of `outer` may manage an
    account of `inner` and grant it. Only unlimited covers unlimited."""
    if outer is None:
        return True
    return inner is not None and inner <= outer


def describe(scope: Scope) -> str:
    """The scope in words, as the user pages and the CLI show it."""
    return "不限" if scope is None else "、".join(sorted(scope))


def clean_names(names: Iterable[str]) -> list[str]:
    """Names typed or chosen for a scope: trimmed, repeated ones once, in the order given.
    Raises ScopeError for a name that cannot be a government's."""
    found: list[str] = []
    for raw in names:
        name = (raw or "").strip()
        if not name or name in found:
            continue
        if name == UNKNOWN_GOVERNMENT:
            raise ScopeError(f"“{UNKNOWN_GOVERNMENT}”不是一个政府，不能作为账号的范围")
        if len(name) > MAX_NAME or any(ord(c) < 32 for c in name):
            raise ScopeError(f"政府名称“{name[:20]}”无效（不超过 {MAX_NAME} 个字，不含控制字符）")
        found.append(name)
    if len(found) > MAX_GOVERNMENTS:
        raise ScopeError(f"一个账号最多限定 {MAX_GOVERNMENTS} 个政府")
    return found


def grant(granter: Scope, names: Iterable[str]) -> Scope:
    """The scope an admin of `granter` gives when choosing `names` (none: unlimited). Raises
    ScopeError when it is wider than the admin's own: a scoped admin cannot give more than it sees,
    nor an unlimited account."""
    chosen = scope_of(clean_names(names))
    if covers(granter, chosen):
        return chosen
    if chosen is None:
        raise ScopeError(f"本账号只能查看 {describe(granter)}，不能创建或设置不限范围的账号；请选择政府")
    outside = sorted(chosen - (granter or frozenset()))
    raise ScopeError(f"{'、'.join(outside)} 不在本账号的范围（{describe(granter)}）之内")
