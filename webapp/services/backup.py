"""Consistent online backups of the database and restoring them (no Flask).

A backup is checked before it may replace the database, on a private copy
beside the database (mode 0600) so that the live file is never touched by a
backup that is refused: integrity, schema version (a newer one is refused, an
older one upgraded by `store.migrate`), then the schema itself, which must be
exactly what this version creates. Every table, column, index, view and
trigger is compared with a fresh database migrated by the same code: a
backup with an added trigger, table or index, or a changed one, is refused
with each difference named. The accounts of a checked backup are shown before it
replaces the database (`backup_command`).
"""
from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from .. import files, store
from ..store import SCHEMA_VERSION, StoreError, connect

KINDS = {"table": "表", "index": "索引", "view": "视图", "trigger": "触发器"}
# SQLite's own statistics tables (ANALYZE): they hold no data and run no code.
IGNORED = re.compile(r"sqlite_stat\d")
_QUOTED = re.compile(r"""('(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\])""")


# --- backup ---------------------------------------------------------------------

def backup(path: str | Path, target: str | Path) -> dict:
    """A consistent online copy of the database (SQLite backup API) while others write.

    The copy is created readable by its owner only (0600; a new folder for it 0700).
    """
    target = Path(target)
    if target.exists() or target.is_symlink():
        raise StoreError(f"备份文件 {target} 已存在，请换一个文件名。")
    try:
        if not target.parent.is_dir():
            files.private_dir(target.parent)
        files.open_private(target).close()
    except OSError as error:
        raise StoreError(f"无法创建备份文件 {target}（{error.strerror or error}）。") from None
    try:
        source = connect(path)
        try:
            copy = sqlite3.connect(str(target))
            try:
                source.conn.backup(copy, pages=256, sleep=0.005)
                copy.execute("PRAGMA journal_mode=DELETE")
                return _counts(copy)
            finally:
                copy.close()
        finally:
            source.close()
    except BaseException:
        for suffix in ("", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        raise


def uploads_copy(target: str | Path) -> Path:
    """Where the uploaded files of the backup `target` are kept: `<target stem>.uploads/`."""
    return Path(target).with_suffix(".uploads")


def copy_uploads(uploads: str | Path, into: str | Path) -> int:
    """Copy the uploaded files (folders 0700, files 0600); returns how many."""
    if not Path(uploads).is_dir():
        return 0
    return files.copy_tree_private(uploads, into)


# --- checking a backup -------------------------------------------------------------

@dataclass
class CheckedBackup:
    """A backup that passed every check, as an upgraded private copy ready to restore."""
    source: Path
    copy: Path
    version: int  # the backup's schema version before the upgrade
    counts: dict
    accounts: list[dict] = field(default_factory=list)


@contextlib.contextmanager
def checked_backup(source: str | Path, path: str | Path, secret: str | None) -> Iterator[CheckedBackup]:
    """Check the backup `source` on a private copy beside the database `path`.

    Raises StoreError (in Chinese, ending in 未恢复) if it is no backup of this
    platform, damaged, newer than this program or of another schema. The copy
    is removed when the block ends; the database `path` is not opened.
    """
    source = Path(source)
    if not source.is_file():
        raise StoreError(f"找不到备份文件 {source}，未恢复。")
    try:
        copy = _private_copy(source, Path(path).parent)
    except OSError as error:
        raise StoreError(f"无法在数据库所在的文件夹 {Path(path).parent} 中建立备份的临时副本"
                         f"（{error.strerror or error}），未恢复。") from None
    try:
        yield _check(source, copy, secret)
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)


def _private_copy(source: Path, folder: Path) -> Path:
    """A 0600 copy of the backup (and of a WAL left beside it) in `folder`."""
    if not folder.is_dir():
        files.private_dir(folder)
    descriptor, name = tempfile.mkstemp(prefix=".sanding-restore-", suffix=".db", dir=folder)
    os.close(descriptor)
    copy = Path(name)
    try:
        files.copy_private(source, copy, replace=True)
        wal = Path(f"{source}-wal")
        if wal.is_file() and wal.stat().st_size:
            files.copy_private(wal, f"{copy}-wal", replace=True)
    except BaseException:
        copy.unlink(missing_ok=True)
        Path(f"{copy}-wal").unlink(missing_ok=True)
        raise
    return copy


def _check(source: Path, copy: Path, secret: str | None) -> CheckedBackup:
    def not_ours(reason) -> StoreError:
        return StoreError(f"{source} 不是本平台的备份文件（{reason}），未恢复。")

    conn = sqlite3.connect(str(copy))
    try:
        try:
            conn.execute("PRAGMA trusted_schema=OFF")  # no functions with side effects from its schema
            conn.execute("PRAGMA journal_mode=DELETE")
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise StoreError(f"备份文件 {source} 已损坏（完整性检查未通过），未恢复。")
            row = conn.execute("SELECT version FROM schema_version").fetchone()
        except sqlite3.DatabaseError as error:
            raise not_ours(error) from None
        if row is None or not isinstance(row[0], int) or row[0] < 1:
            raise not_ours("没有数据结构版本")
        version = row[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"备份文件的数据结构版本（{version}）比本程序（{SCHEMA_VERSION}）新，"
                             "请先升级程序。未恢复。")
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            _upgrade(conn, source, version, secret)
            differences = schema_differences(schema_of(conn), reference_schema(secret))
            if differences:
                raise StoreError(_differ_message(source, differences))
            accounts = [dict(zip(("username", "role", "display_name", "active", "password_hash"), row))
                        for row in conn.execute("SELECT username, role, display_name, active, "
                                                "password_hash FROM users ORDER BY id")]
            return CheckedBackup(source, copy, version, _counts(conn), accounts)
        except sqlite3.Error as error:  # e.g. a table of an unknown kind in its schema
            raise StoreError(f"无法检查备份文件 {source}（{error}），未恢复。") from None
    finally:
        conn.close()


def _upgrade(conn: sqlite3.Connection, source: Path, version: int, secret: str | None) -> None:
    """Bring the copy up to date; if that fails, name how its schema differs from its version's."""
    db = sqlite_utils.Database(conn, execute_plugins=False)
    try:
        store.migrate(db, secret=secret)
    except (StoreError, sqlite3.Error) as error:
        differences = schema_differences(schema_of(conn), reference_schema(secret, version))
        if differences:
            raise StoreError(_differ_message(source, differences)) from None
        raise StoreError(f"备份文件 {source} 无法升级到当前数据结构（{error}），未恢复。") from None


def _differ_message(source: Path, differences: list[str]) -> str:
    return (f"备份文件 {source} 的数据结构与本程序不一致，未恢复：" + "；".join(differences)
            + "。请使用 sanding backup 生成且未经改动的备份。")


# --- schemas -------------------------------------------------------------------------

def reference_schema(secret: str | None, version: int | None = None) -> dict:
    """The schema (`schema_of`) of a new in-memory database migrated by this code, to
    `version` (default the latest): built afresh each time, never written down."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        migrations = store.MIGRATIONS if version is None else store.MIGRATIONS[:version]
        store.migrate(sqlite_utils.Database(conn, execute_plugins=False), migrations, secret=secret)
        return schema_of(conn)
    finally:
        conn.close()


def normalise(sql: str | None) -> str:
    """The SQL text with runs of white space outside quotes made one space."""
    if sql is None:
        return ""
    parts = _QUOTED.split(sql)
    return "".join(part if n % 2 else re.sub(r"\s+", " ", part) for n, part in enumerate(parts)).strip()


def schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], dict]:
    """Every object of sqlite_master by (type, name): its table, normalised SQL and,
    for tables, their columns (PRAGMA table_xinfo)."""
    objects = {}
    for kind, name, table, sql in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"):
        if IGNORED.fullmatch(name):
            continue
        entry = {"table": table, "sql": normalise(sql)}
        if kind == "table":
            entry["columns"] = {row[1]: row[2:] for row in conn.execute(
                "SELECT * FROM pragma_table_xinfo(?)", [name])}
        objects[(kind, name)] = entry
    return objects


def schema_differences(found: dict, expected: dict) -> list[str]:
    """Each way `found` differs from `expected`, in Chinese, tables first."""
    order = list(KINDS)

    def key(item):
        return (order.index(item[0]) if item[0] in order else len(order), item[1])

    differences = []
    for kind, name in sorted(found.keys() | expected.keys(), key=key):
        noun = KINDS.get(kind, kind)
        have, want = found.get((kind, name)), expected.get((kind, name))
        if have is None:
            differences.append(f"缺少{noun} {name}")
        elif want is None:
            on = f"（表 {have['table']}）" if kind in ("index", "trigger") else ""
            differences.append(f"多出{noun} {name}{on}")
        elif have != want:
            details = _column_differences(have.get("columns", {}), want.get("columns", {}))
            if have["table"] != want["table"]:
                details.insert(0, f"属于表 {have['table']}，应为表 {want['table']}")
            differences.append(f"{noun} {name} 的定义不同" + (f"（{'，'.join(details)}）" if details else ""))
    return differences


def _column_differences(have: dict, want: dict) -> list[str]:
    details = [f"缺少列 {name}" for name in want if name not in have]
    details += [f"多出列 {name}" for name in have if name not in want]
    details += [f"列 {name} 不同" for name in want if name in have and have[name] != want[name]]
    return details


# --- restoring -------------------------------------------------------------------------

def current_accounts(path: str | Path) -> list[dict] | None:
    """The accounts of the database `path`, read-only ([] if there is no file yet,
    None if it cannot be read)."""
    path = Path(path)
    if not path.is_file():
        return []
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return [dict(zip(("username", "role", "display_name", "active", "password_hash"), row))
                    for row in conn.execute("SELECT username, role, display_name, active, password_hash "
                                            "FROM users ORDER BY id")]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def compare_accounts(backup_accounts: list[dict], current: list[dict] | None) -> tuple[list[dict], list[str]]:
    """The backup's accounts, each with `new` (the current database has no such user),
    `old_role` (its role there if different) and `password_changed`; and the usernames
    that only the current database has (gone after the restore)."""
    existing = {account["username"]: account for account in current or []}
    listed = []
    for account in backup_accounts:
        now = existing.get(account["username"])
        listed.append({**account, "new": now is None,
                       "old_role": now["role"] if now and now["role"] != account["role"] else None,
                       "password_changed": bool(now and now["password_hash"] != account["password_hash"])})
    names = {account["username"] for account in backup_accounts}
    return listed, [name for name in existing if name not in names]


def replace(checked: CheckedBackup, path: str | Path) -> dict:
    """Replace the database's content with the checked copy (SQLite backup API, one
    step: on failure the database is left as it was); returns the table counts."""
    target = connect(path)
    copy = sqlite3.connect(str(checked.copy))
    try:
        copy.backup(target.conn)
        return _counts(target.conn)
    except sqlite3.Error as error:
        raise StoreError(f"恢复失败（{error}），当前数据库未改动。") from None
    finally:
        copy.close()
        target.close()


def restore(source: str | Path, path: str | Path, *, secret: str | None,
            confirm: Callable[[CheckedBackup], bool] | None = None) -> dict | None:
    """Check the backup and, if `confirm(checked)` agrees (default: yes), replace the
    database's content with it; returns the table counts, or None when not confirmed."""
    with checked_backup(source, path, secret) as checked:
        if confirm is not None and not confirm(checked):
            return None
        return replace(checked, path)


def _counts(conn: sqlite3.Connection) -> dict:
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
