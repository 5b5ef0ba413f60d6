"""`sanding backup` / `sanding restore` through the real CLI: a backup whose schema was
tampered with is refused with every difference named, the accounts of a backup are
listed and confirmed before it replaces the database, and the database, uploads,
backups, instance folder and secret key are readable by their owner only."""
from __future__ import annotations

import os
import pty
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask

from webapp import store
from webapp.config import configure

from conftest import SAMPLE_TEXT

COMMAND = [sys.executable, "-m", "webapp.cli"]
REFUSED = "的数据结构与本程序不一致，未恢复"


def run(env: dict, *args: str, stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    """The CLI with stdin not a terminal (by default) and a permissive umask, so that
    private modes come from the program, not from the test's environment."""
    return subprocess.run([*COMMAND, *args], env=env, stdin=stdin, capture_output=True, text=True,
                          umask=0o022, timeout=120)


def run_on_terminal(env: dict, *args: str, answer: str) -> subprocess.CompletedProcess:
    """The CLI with a terminal as stdin, typing `answer` at its prompt."""
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen([*COMMAND, *args], env=env, stdin=terminal, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, umask=0o022)
        os.close(terminal)
        terminal = None
        os.write(controller, answer.encode())
        out, err = process.communicate(timeout=120)
    finally:
        if terminal is not None:
            os.close(terminal)
        os.close(controller)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def counts(path: Path) -> dict:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
    finally:
        conn.close()


def users(path: Path) -> dict:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT username, role FROM users"))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A live database with two accounts and an imported file, and a backup of it.

    Four CLI runs in subprocesses (about 10 s): the tests that use it are marked slow."""
    root = tmp_path_factory.mktemp("template")
    live = root / "live" / "sanding.db"
    env = {**os.environ, "SANDING_DB": str(live), "SANDING_SECRET_KEY": "backup-test"}
    sample = root / "示例市测试局三定规定.txt"
    sample.write_text(SAMPLE_TEXT, encoding="utf-8")
    for args in (("user", "add", "chief", "--role", "admin", "--password", "admin-pass-1", "--name", "王主任"),
                 ("user", "add", "clerk", "--role", "staff", "--password", "staff-pass-1", "--name", "李干事"),
                 ("import", str(sample)),
                 ("backup", str(root / "backups" / "backup.db"))):
        completed = run(env, *args)
        assert completed.returncode == 0, completed.stderr
    return root


@pytest.fixture
def site(template, tmp_path):
    """A fresh copy of the template: (env, live database, backup file)."""
    shutil.copytree(template / "live", tmp_path / "live")
    shutil.copytree(template / "backups", tmp_path / "backups")
    live = tmp_path / "live" / "sanding.db"
    env = {**os.environ, "SANDING_DB": str(live), "SANDING_SECRET_KEY": "backup-test"}
    return env, live, tmp_path / "backups" / "backup.db"


def tampered(backup: Path, script: str) -> Path:
    """A copy of the backup (and its uploads) changed by `script` (SQL)."""
    copy = backup.with_name("tampered.db")
    shutil.copyfile(backup, copy)
    shutil.copytree(backup.with_suffix(".uploads"), copy.with_suffix(".uploads"))
    conn = sqlite3.connect(copy)
    try:
        conn.executescript(script)
        conn.commit()
    finally:
        conn.close()
    return copy


def plain_index(backup: Path) -> tuple[str, str]:
    """(name, SQL) of an index of the application without a WHERE clause."""
    conn = sqlite3.connect(backup)
    try:
        found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                             "AND sql NOT LIKE '%WHERE%' ORDER BY name = 'responses_round' DESC, name").fetchone()
    finally:
        conn.close()
    return found


def snapshot(live: Path) -> tuple:
    """What must not change when a restore is refused: the live files' bytes and uploads."""
    uploads = live.parent / "uploads"
    return (live.read_bytes(), counts(live),
            sorted(p.name for p in uploads.iterdir()) if uploads.is_dir() else [],
            sorted(p.name for p in live.parent.iterdir()))


# --- tampered schemas ---------------------------------------------------------------

COPY_TRIGGER = """CREATE TABLE side (response_id, answers);
CREATE TRIGGER copy_pairs AFTER INSERT ON responses BEGIN
    INSERT INTO side VALUES (NEW.id, NEW.answers_json); END;"""
REWRITE_TRIGGER = """CREATE TRIGGER rewrite_answers AFTER INSERT ON responses BEGIN
    UPDATE responses SET answers_json = '[]' WHERE id = NEW.id; END;"""


def _changed_index(backup: Path) -> tuple[str, list[str]]:
    name, sql = plain_index(backup)
    return f"DROP INDEX {name}; {sql} WHERE 1 = 1;", [f"索引 {name} 的定义不同"]


def _changed_trigger(backup: Path) -> tuple[str, list[str]]:
    """One of the application's own triggers made to store something else."""
    conn = sqlite3.connect(backup)
    try:
        name, sql = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                 "ORDER BY name = 'submit_public' DESC, name").fetchone()
    finally:
        conn.close()
    changed = sql.replace("NEW.answers_json", "'[]'")  # the submitted answers thrown away
    if changed == sql:
        changed = sql.replace("BEGIN", "BEGIN SELECT 1;", 1)
    return f"DROP TRIGGER {name}; {changed};", [f"触发器 {name} 的定义不同"]


TAMPERINGS = {
    "trigger copying rows to a side table": lambda backup: (
        COPY_TRIGGER, ["多出表 side", "多出触发器 copy_pairs（表 responses）"]),
    "trigger rewriting answers": lambda backup: (
        REWRITE_TRIGGER, ["多出触发器 rewrite_answers（表 responses）"]),
    "application trigger rewritten": _changed_trigger,
    "extra table": lambda backup: ("CREATE TABLE extra (x); INSERT INTO extra VALUES (1);", ["多出表 extra"]),
    "extra view": lambda backup: ("CREATE VIEW peek AS SELECT username, password_hash FROM users;",
                                  ["多出视图 peek"]),
    "changed index": _changed_index,
    "dropped index": lambda backup: (f"DROP INDEX {plain_index(backup)[0]};",
                                     [f"缺少索引 {plain_index(backup)[0]}"]),
    "dropped column": lambda backup: ("ALTER TABLE users DROP COLUMN display_name;",
                                      ["表 users 的定义不同（缺少列 display_name）"]),
    "added column": lambda backup: ("ALTER TABLE users ADD COLUMN note TEXT;",
                                    ["表 users 的定义不同（多出列 note）"]),
}


@pytest.mark.slow
@pytest.mark.parametrize("tampering", list(TAMPERINGS))
def test_a_tampered_backup_is_refused_naming_the_difference(site, tampering):
    env, live, backup = site
    script, expected = TAMPERINGS[tampering](backup)
    bad = tampered(backup, script)
    before = snapshot(live)
    completed = run(env, "restore", str(bad), "--yes")
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert REFUSED in completed.stderr and "Traceback" not in completed.stderr
    for difference in expected:
        assert difference in completed.stderr, completed.stderr
    assert completed.stdout == ""  # refused before any account is listed or anything replaced
    assert snapshot(live) == before


@pytest.mark.slow
def test_every_difference_of_a_backup_is_named_at_once(site):
    env, live, backup = site
    index_script, index_message = _changed_index(backup)
    trigger_script, trigger_message = _changed_trigger(backup)
    bad = tampered(backup, "\n".join([
        COPY_TRIGGER, REWRITE_TRIGGER, index_script, trigger_script, "CREATE TABLE extra (x);",
        "ALTER TABLE users DROP COLUMN display_name;",
        "INSERT INTO users (username, password_hash, role, created_at) VALUES ('planted', 'x', 'admin', 'now');"]))
    before = snapshot(live)
    completed = run(env, "restore", str(bad), "--yes")
    assert completed.returncode == 2
    message = completed.stderr
    assert message.startswith(f"错误：备份文件 {bad} 的数据结构与本程序不一致，未恢复：")
    for difference in ["多出表 side", "多出表 extra", "表 users 的定义不同（缺少列 display_name）",
                       "多出触发器 copy_pairs（表 responses）", "多出触发器 rewrite_answers（表 responses）",
                       *index_message, *trigger_message]:
        assert difference in message, difference
    assert snapshot(live) == before
    assert not list(live.parent.glob(".sanding-restore-*"))  # the private copy is gone


@pytest.mark.slow
def test_a_newer_backup_is_refused(site):
    env, live, backup = site
    bad = tampered(backup, f"UPDATE schema_version SET version = {store.SCHEMA_VERSION + 1};")
    before = snapshot(live)
    completed = run(env, "restore", str(bad), "--yes")
    assert completed.returncode == 2 and "比本程序" in completed.stderr and "未恢复" in completed.stderr
    assert snapshot(live) == before


@pytest.mark.slow
def test_a_file_that_is_no_backup_is_refused(site, tmp_path):
    env, live, _ = site
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database" * 100)
    before = snapshot(live)
    completed = run(env, "restore", str(bogus), "--yes")
    assert completed.returncode == 2 and "不是本平台的备份文件" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert snapshot(live) == before


# --- accounts and confirmation -----------------------------------------------------------

PLANT = """INSERT INTO users (username, password_hash, role, display_name, created_at)
    VALUES ('planted', 'x', 'admin', '外来管理员', '2026-01-01T00:00:00+00:00');
UPDATE users SET role = 'admin' WHERE username = 'clerk';"""


@pytest.mark.slow
def test_planted_admin_is_listed_and_not_restored_from_a_script_without_yes(site):
    env, live, backup = site
    bad = tampered(backup, PLANT)
    before = snapshot(live)
    completed = run(env, "restore", str(bad))
    assert completed.returncode == 2
    assert "planted　管理员　外来管理员（当前数据库中没有）" in completed.stdout
    assert "clerk　管理员　李干事（角色变更：工作人员 → 管理员）" in completed.stdout
    assert "chief　管理员　王主任\n" in completed.stdout
    assert "标准输入不是终端" in completed.stderr and "--yes" in completed.stderr
    assert snapshot(live) == before


@pytest.mark.slow
def test_answering_no_at_the_prompt_restores_nothing(site):
    env, live, backup = site
    bad = tampered(backup, PLANT)
    before = snapshot(live)
    completed = run_on_terminal(env, "restore", str(bad), answer="n\n")
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "planted　管理员　外来管理员（当前数据库中没有）" in completed.stdout
    assert "吗？" in completed.stdout and "已取消，未恢复" in completed.stdout
    assert snapshot(live) == before
    assert "planted" not in users(live)


@pytest.mark.slow
def test_answering_yes_at_the_prompt_restores(site):
    env, live, backup = site
    bad = tampered(backup, PLANT)
    completed = run_on_terminal(env, "restore", str(bad), answer="y\n")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert users(live) == {"chief": "admin", "clerk": "admin", "planted": "admin"}


@pytest.mark.slow
def test_yes_restores_the_listed_accounts(site):
    env, live, backup = site
    bad = tampered(backup, PLANT)
    completed = run(env, "restore", str(bad), "--yes")
    assert completed.returncode == 0, completed.stderr
    assert "planted　管理员　外来管理员（当前数据库中没有）" in completed.stdout
    assert f"已从 {bad} 恢复：" in completed.stdout
    assert users(live) == {"chief": "admin", "clerk": "admin", "planted": "admin"}


@pytest.mark.slow
def test_a_clean_backup_restores_with_yes_and_the_counts_match(site):
    env, live, backup = site
    expected = counts(backup)
    assert expected["users"] == 2 and expected["versions"] == 1
    # after the backup: one more account, the uploads folder lost
    assert run(env, "user", "add", "later", "--role", "evaluator", "--password", "later-pass-1").returncode == 0
    shutil.rmtree(live.parent / "uploads")
    completed = run(env, "restore", str(backup), "--yes")
    assert completed.returncode == 0, completed.stderr
    assert "当前数据库中有、备份中没有的账号（恢复后将不存在）：later" in completed.stdout
    assert "上传的原始文件 1 个" in completed.stdout
    assert counts(live) == expected
    assert set(users(live)) == {"chief", "clerk"}
    db = store.connect(live)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.schema_version(db) == store.SCHEMA_VERSION
        [version] = store.documents.list_versions(db)
        stored = store.documents.get_version(db, version["id"])["stored_name"]
    finally:
        db.close()
    restored = live.parent / "uploads" / stored
    assert restored.read_text(encoding="utf-8") == SAMPLE_TEXT
    assert mode(restored.parent) == 0o700 and mode(restored) == 0o600
    assert not list(live.parent.glob(".sanding-restore-*"))


@pytest.mark.slow
def test_an_older_backup_is_upgraded(site, tmp_path):
    env, live, _ = site
    old = tmp_path / "old.db"
    db = store.connect(old)
    store.migrate(db, store.MIGRATIONS[:1])
    db.execute("INSERT INTO users (username, password_hash, role, display_name, created_at) "
               "VALUES ('veteran', 'x', 'evaluator', '老评估员', '2026-01-01T00:00:00+00:00')")
    db.conn.commit()
    db.conn.execute("PRAGMA journal_mode=DELETE")
    db.close()
    completed = run(env, "restore", str(old), "--yes")
    assert completed.returncode == 0, completed.stderr
    assert f"数据结构已从版本 1 升级到 {store.SCHEMA_VERSION}" in completed.stdout
    assert "veteran　评估员　老评估员（当前数据库中没有）" in completed.stdout
    assert users(live) == {"veteran": "evaluator"}
    db = store.connect(live)
    try:
        assert store.schema_version(db) == store.SCHEMA_VERSION
    finally:
        db.close()


# --- private files -------------------------------------------------------------------------

@pytest.mark.slow
def test_database_uploads_and_backups_are_private(tmp_path):
    live = tmp_path / "site" / "sanding.db"
    env = {**os.environ, "SANDING_DB": str(live), "SANDING_SECRET_KEY": "backup-test"}
    sample = tmp_path / "示例市测试局三定规定.txt"
    sample.write_text(SAMPLE_TEXT, encoding="utf-8")
    os.chmod(sample, 0o644)
    assert run(env, "import", str(sample)).returncode == 0
    assert mode(live) == 0o600
    uploads = live.parent / "uploads"
    [uploaded] = list(uploads.iterdir())
    assert mode(uploads) == 0o700 and mode(uploaded) == 0o600

    db = store.connect(live)  # as the server does: WAL files exist while it is open
    try:
        with store.transaction(db):
            db.execute("INSERT INTO governments (name) VALUES ('权限测试市')")
        assert mode(Path(f"{live}-wal")) == 0o600 and mode(Path(f"{live}-shm")) == 0o600
    finally:
        db.close()

    target = tmp_path / "backups" / "nightly.db"
    completed = run(env, "backup", str(target))
    assert completed.returncode == 0, completed.stderr
    assert "上传的原始文件 1 个" in completed.stdout
    copied = target.with_suffix(".uploads")
    [copy] = list(copied.iterdir())
    assert mode(target) == 0o600 and mode(target.parent) == 0o700
    assert mode(copied) == 0o700 and mode(copy) == 0o600
    assert run(env, "backup", str(target)).returncode == 2  # never overwritten

    elsewhere = tmp_path / "restored" / "sanding.db"
    restored_env = {**env, "SANDING_DB": str(elsewhere)}
    completed = run(restored_env, "restore", str(target), "--yes")
    assert completed.returncode == 0, completed.stderr
    assert mode(elsewhere) == 0o600 and mode(elsewhere.parent) == 0o700
    assert mode(elsewhere.parent / "uploads") == 0o700
    assert mode(elsewhere.parent / "uploads" / copy.name) == 0o600


@pytest.mark.slow  # `sanding init` in a subprocess: about 2 s
def test_an_uploads_folder_left_open_by_an_older_version_is_narrowed(tmp_path):
    live = tmp_path / "site" / "sanding.db"
    uploads = live.parent / "uploads"
    uploads.mkdir(parents=True)
    os.chmod(uploads, 0o755)
    env = {**os.environ, "SANDING_DB": str(live), "SANDING_SECRET_KEY": "backup-test"}
    assert run(env, "init").returncode == 0
    assert mode(uploads) == 0o700


def test_web_uploads_are_private(client, auth, uploads, sample_text, app):
    auth.login("staff")
    status = uploads.run([(sample_text.encode("utf-8"), "a.txt")])
    assert status["jobs"][0]["status"] == "done"
    folder = Path(app.config["UPLOAD_FOLDER"])
    assert mode(folder) == 0o700
    assert [mode(path) for path in folder.iterdir()] == [0o600]


def test_instance_folder_and_secret_key_are_private(tmp_path, monkeypatch):
    monkeypatch.delenv("SANDING_SECRET_KEY", raising=False)
    monkeypatch.delenv("SANDING_DB", raising=False)
    monkeypatch.setenv("SANDING_CACHE", str(tmp_path / "cache"))  # configure sets it if unset
    old_umask = os.umask(0o022)
    try:
        instance = tmp_path / "instance"
        app = Flask("webapp", instance_path=str(instance))
        configure(app, {})
        assert mode(instance) == 0o700 and mode(instance / "secret_key") == 0o600
        key = app.config["SECRET_KEY"]
        # left open by hand or by an older version: narrowed, the key kept
        os.chmod(instance, 0o755)
        os.chmod(instance / "secret_key", 0o644)
        again = Flask("webapp", instance_path=str(instance))
        configure(again, {})
        assert again.config["SECRET_KEY"] == key
        assert mode(instance) == 0o700 and mode(instance / "secret_key") == 0o600
    finally:
        os.umask(old_umask)
