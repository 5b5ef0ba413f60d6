"""The store: migrations, WAL, refusing newer schemas, atomic writes."""
from __future__ import annotations

import sqlite3
import threading

import pytest

from webapp import store


def test_open_creates_schema_in_wal_mode(tmp_path):
    db = store.open_db(tmp_path / "s.db")
    assert store.schema_version(db) == store.SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == store.db.BUSY_TIMEOUT_MS
    assert {"users", "governments", "departments", "versions", "items", "corrections",
            "jobs", "audit"} <= set(db.table_names())
    db.close()


def test_open_twice_keeps_data(tmp_path):
    db = store.open_db(tmp_path / "s.db")
    store.users.add_user(db, "张三", "hash", "staff")
    db.close()
    db = store.open_db(tmp_path / "s.db")
    assert store.users.get_user_by_name(db, "张三")["role"] == "staff"
    db.close()


def test_upgrade_from_older_version_in_one_transaction(tmp_path):
    first = [["CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)"]]
    second = first + [["ALTER TABLE things ADD COLUMN note TEXT",
                       "INSERT INTO things (name, note) VALUES ('a', 'b')"]]
    db = store.connect(tmp_path / "s.db")
    assert store.migrate(db, first) == 1
    db.execute("INSERT INTO things (name) VALUES ('old')")
    assert store.migrate(db, second) == 2
    assert store.schema_version(db) == 2
    assert [r["name"] for r in db.query("SELECT name FROM things ORDER BY id")] == ["old", "a"]
    db.close()


def test_failed_migration_leaves_database_as_it_was(tmp_path):
    first = [["CREATE TABLE things (id INTEGER PRIMARY KEY)"]]
    broken = first + [["ALTER TABLE things ADD COLUMN note TEXT", "THIS IS NOT SQL"]]
    db = store.connect(tmp_path / "s.db")
    store.migrate(db, first)
    with pytest.raises(sqlite3.OperationalError):
        store.migrate(db, broken)
    assert store.schema_version(db) == 1
    assert [c.name for c in db["things"].columns] == ["id"]
    db.close()


def test_refuses_newer_database_with_chinese_message(tmp_path):
    db = store.open_db(tmp_path / "s.db")
    db.execute("UPDATE schema_version SET version = ?", [store.SCHEMA_VERSION + 1])
    db.close()
    with pytest.raises(store.StoreError, match="高于本程序支持的版本"):
        store.open_db(tmp_path / "s.db")


def test_refuses_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "s.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(store.StoreError, match="不是 SQLite"):
        store.open_db(path)


def test_duplicate_user_is_refused(tmp_path):
    db = store.open_db(tmp_path / "s.db")
    store.users.add_user(db, "admin", "hash", "admin")
    with pytest.raises(store.StoreError, match="用户名已存在"):
        store.users.add_user(db, "admin", "hash", "staff")
    with pytest.raises(store.StoreError, match="未知角色"):
        store.users.add_user(db, "x", "hash", "boss")
    assert store.count(db, "users") == 1
    db.close()


def _parsed(department="示例市测试局", duties=("负责测试。", "完成交办的其他任务。")):
    return {
        "file": "a.txt", "department": department, "government": "示例市", "title": "t",
        "format": "text", "warnings": [],
        "duties": [{"no": i, "label": f"（{i}）", "text": t, "boilerplate": False}
                   for i, t in enumerate(duties, start=1)],
        "divisions": [{"name": "办公室", "text": "", "duties": ["负责文电。", "负责会务。"]}],
        "divisions_of_labour": [],
    }


def test_store_parsed_writes_version_items_and_audit(tmp_path):
    db = store.open_db(tmp_path / "s.db")
    doc = _parsed()
    version_id, created = store.documents.store_parsed(
        db, doc, doc, file_name="测试局三定.txt", stored_name="x.txt", sha256="ab" * 32, by=None,
        government="示例市", department="示例市测试局", level="city")
    assert created
    version = store.documents.get_version(db, version_id)
    assert version["file_name"] == "测试局三定.txt"
    assert version["department_name"] == "示例市测试局"
    assert version["government_name"] == "示例市"
    assert [i["section"] for i in store.documents.list_items(db, version_id)] == [
        "duties", "duties", "divisions", "divisions"]
    assert store.audit.list_audit(db)[0]["action"] == "upload"
    again, created = store.documents.store_parsed(
        db, doc, doc, file_name="copy.txt", stored_name="y.txt", sha256="ab" * 32, by=None,
        government="示例市", department="示例市测试局")
    assert (again, created) == (version_id, False)
    assert store.count(db, "versions") == 1
    assert store.count(db, "items") == 4
    db.close()


def test_store_parsed_is_atomic(tmp_path, monkeypatch):
    db = store.open_db(tmp_path / "s.db")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store.documents, "_replace_items", broken)
    with pytest.raises(RuntimeError):
        store.documents.store_parsed(db, _parsed(), _parsed(), file_name="a.txt", stored_name="a.txt",
                           sha256="cd" * 32, by=None, government="示例市", department="示例市测试局")
    for table in ("governments", "departments", "versions", "items", "audit"):
        assert store.count(db, table) == 0, table
    db.close()


def test_wal_allows_reading_while_another_connection_writes(tmp_path):
    path = tmp_path / "s.db"
    writer = store.open_db(path)
    reader = store.connect(path)
    store.users.add_user(writer, "a", "h", "staff")
    with store.transaction(writer):
        writer.execute("INSERT INTO audit (by, at, action, entity) VALUES (NULL, 'now', 'x', 'y')")
        assert store.count(reader, "users") == 1
        assert store.count(reader, "audit") == 1  # the add_user entry; the new one is not committed
    assert store.count(reader, "audit") == 2
    writer.close()
    reader.close()


def _held_write_lock(path):
    other = sqlite3.connect(path, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_write_transaction_waits_for_another_writer_to_finish(tmp_path):
    db = store.open_db(tmp_path / "s.db")
    other = _held_write_lock(tmp_path / "s.db")
    threading.Timer(0.2, other.commit).start()
    with store.transaction(db):  # would raise "database is locked" without waiting
        store.users.add_user(db, "张三", "hash", "staff")
    assert store.users.get_user_by_name(db, "张三")["role"] == "staff"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == store.db.BUSY_TIMEOUT_MS
    other.close()
    db.close()


def test_a_write_transaction_gives_up_after_the_busy_timeout(tmp_path, monkeypatch):
    monkeypatch.setattr(store.db, "BUSY_TIMEOUT_MS", 100)
    db = store.open_db(tmp_path / "s.db")
    other = _held_write_lock(tmp_path / "s.db")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        with store.transaction(db):
            store.users.add_user(db, "张三", "hash", "staff")
    assert not db.conn.in_transaction and db.execute("PRAGMA busy_timeout").fetchone()[0] == 100
    other.rollback()
    other.close()
    assert store.users.get_user_by_name(db, "张三") is None
    db.close()
