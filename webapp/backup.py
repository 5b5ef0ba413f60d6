"""Consistent online backups of the database and restoring them (no Flask)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .store import SCHEMA_VERSION, StoreError, connect, migrate


def backup(path: str | Path, target: str | Path) -> dict:
    """A consistent online copy of the database (SQLite backup API) while others write."""
    target = Path(target)
    if target.exists():
        raise StoreError(f"备份文件 {target} 已存在，请换一个文件名。")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = connect(path)
    copy = sqlite3.connect(str(target))
    try:
        source.conn.backup(copy, pages=256, sleep=0.005)
        copy.execute("PRAGMA journal_mode=DELETE")
        counts = _counts(copy)
    finally:
        copy.close()
        source.close()
    return counts


def restore(source: str | Path, path: str | Path) -> dict:
    """Replace the database's content with a backup after checking the backup."""
    source = Path(source)
    if not source.is_file():
        raise StoreError(f"找不到备份文件 {source}。")
    try:
        check = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise StoreError(f"备份文件 {source} 已损坏（完整性检查未通过），未恢复。")
            version = check.execute("SELECT version FROM schema_version").fetchone()[0]
        finally:
            check.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{source} 不是本平台的备份文件（{error}），未恢复。") from None
    if version > SCHEMA_VERSION:
        raise StoreError(f"备份文件的数据结构版本（{version}）比本程序（{SCHEMA_VERSION}）新，请先升级程序。")
    backup_conn = sqlite3.connect(str(source))
    target = connect(path)
    try:
        backup_conn.backup(target.conn)
        migrate(target)  # an older backup is brought up to date, in a transaction
        return _counts(target.conn)
    finally:
        target.close()
        backup_conn.close()


def _counts(conn: sqlite3.Connection) -> dict:
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
