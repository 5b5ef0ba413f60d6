"""Faults and data safety on the real server: kill -9 a worker under load, back up under load,
restore, and upgrade a database of the first released schema."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import threading
import time

import pytest

from webapp import store

from conftest import all_ratings
from live_server import Browser, cli, running_server, worker_pids

DEPARTMENTS = ["示例市甲局", "示例市乙局", "示例市丙局"]
SANDING = ("示例市{name}局职能配置、内设机构和人员编制规定\n第三条 示例市{name}局的主要职责是：\n"
           "（一）负责{name}工作。\n（二）完成市委、市政府交办的其他任务。\n")


def _setup(tmp_path, raters: int) -> tuple:
    db_path = tmp_path / "live.db"
    env = {**os.environ, "SANDING_DB": str(db_path), "SANDING_SECRET_KEY": "live-test"}
    cli(env, "user", "add", "staff", "--role", "staff", "--password", "staff-pass-1")
    (tmp_path / "departments.txt").write_text("\n".join(DEPARTMENTS), encoding="utf-8")
    rows = ["姓名,单位,组别,评议部门"] + [f"评议人{n},示例县单位{n},区市党政领导," for n in range(raters)]
    (tmp_path / "raters.csv").write_text("\n".join(rows), encoding="utf-8")
    created = cli(env, "round", "create", "--name", "压力测试", "--kind", "county", "--government", "示例市",
                  "--departments", str(tmp_path / "departments.txt"), "--raters", str(tmp_path / "raters.csv"))
    return db_path, json.loads(created.stdout)["round"]


def _links(env: dict, round_id: int, url: str) -> list[str]:
    out = cli(env, "round", "tokens", str(round_id), "--csv", "--base-url", url.rstrip("/")).stdout
    return [row[3].split(url.rstrip("/"), 1)[1] for row in csv.reader(io.StringIO(out))
            if row and row[3].startswith("http")]


def _rate(url: str, paths: list[str], acknowledged: list[str], stop: threading.Event) -> None:
    with Browser(url) as browser:
        _rate_with(browser, paths, acknowledged, stop)


def _rate_with(browser: Browser, paths: list[str], acknowledged: list[str], stop: threading.Event) -> None:
    for path in paths:
        if stop.is_set():
            return
        try:
            token = browser.csrf(path)
            data = all_ratings(DEPARTMENTS) | {"csrf_token": token}
            status, _, _ = browser.request("POST", path, data)
        except Exception:  # a connection cut by the kill was never acknowledged
            browser.close()
            continue
        if status in (200, 303):
            acknowledged.append(path)


def _upload(url: str, count: int, acknowledged: list[str]) -> None:
    with Browser(url) as browser:
        browser.login("staff", "staff-pass-1")
        _upload_with(browser, count, acknowledged)


def _upload_with(browser: Browser, count: int, acknowledged: list[str]) -> None:
    for n in range(count):
        name = f"第{n}号"
        try:
            token = browser.csrf("/documents/upload")
            status, _, _ = browser.request("POST", "/documents/upload", {"csrf_token": token},
                                           files=[("files", f"{name}.txt", SANDING.format(name=name).encode())])
        except Exception:  # an upload cut by the kill was never acknowledged
            browser.close()
            continue
        if status in (302, 303):
            acknowledged.append(f"{name}.txt")


@pytest.mark.slow
@pytest.mark.parametrize("threads", [4, 1], ids=["threaded-workers", "sync-workers"])
def test_kill_9_under_load_loses_nothing_acknowledged(tmp_path, threads):
    db_path, round_id = _setup(tmp_path, raters=240)
    with running_server(db_path, workers=2, threads=threads) as (url, process, env):
        paths = _links(env, round_id, url)
        rated: list[str] = []
        uploaded: list[str] = []
        stop = threading.Event()
        threads = [threading.Thread(target=_rate, args=(url, paths[n::4], rated, stop)) for n in range(4)]
        threads.append(threading.Thread(target=_upload, args=(url, 12, uploaded)))
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        victim = worker_pids(process.pid)[0]
        os.kill(victim, signal.SIGKILL)
        for thread in threads:
            thread.join(timeout=120)
        time.sleep(2)  # background parse jobs of acknowledged uploads finish
        assert process.poll() is None  # the master replaced the worker
    db = sqlite3.connect(db_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        responses = db.execute("SELECT count(*) FROM ballots WHERE round_id = ?", [round_id]).fetchone()[0]
        used = db.execute("SELECT count(*) FROM token_uses WHERE round_id = ? AND used = 1",
                          [round_id]).fetchone()[0]
        jobs = {row[0] for row in db.execute("SELECT file_name FROM jobs")}
    finally:
        db.close()
    assert rated and responses >= len(set(rated)) and used == responses
    assert set(uploaded) <= jobs  # every acknowledged upload has its job (a killed parse is marked failed, not lost)


@pytest.mark.slow
def test_backup_under_load_restores_to_the_same_counts(tmp_path):
    db_path, round_id = _setup(tmp_path, raters=120)
    backup_path = tmp_path / "backup" / "sanding.db"
    with running_server(db_path, workers=2) as (url, process, env):
        paths = _links(env, round_id, url)
        rated: list[str] = []
        stop = threading.Event()
        threads = [threading.Thread(target=_rate, args=(url, paths[n::3], rated, stop)) for n in range(3)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)
        cli(env, "backup", str(backup_path))
        for thread in threads:
            thread.join(timeout=120)
    copy = sqlite3.connect(backup_path)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        backed_up = copy.execute("SELECT count(*) FROM ballots").fetchone()[0]
        backed_used = copy.execute("SELECT count(*) FROM token_uses WHERE used = 1").fetchone()[0]
    finally:
        copy.close()
    assert backed_up == backed_used  # consistent: no response without its used token, or the reverse
    restored = tmp_path / "restored.db"
    env = {**os.environ, "SANDING_DB": str(restored), "SANDING_SECRET_KEY": "live-test"}
    cli(env, "restore", str(backup_path), "--yes")
    db = store.connect(restored)
    try:
        assert store.count(db, "ballots") == backed_up
        assert store.schema_version(db) == store.SCHEMA_VERSION
    finally:
        db.close()


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database" * 100)
    env = {**os.environ, "SANDING_DB": str(tmp_path / "target.db")}
    import subprocess
    import sys
    completed = subprocess.run([sys.executable, "-m", "webapp.cli", "restore", str(bogus)], env=env,
                               capture_output=True, text=True)
    assert completed.returncode == 2 and "不是本平台的备份文件" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_upgrade_from_the_first_released_schema(tmp_path):
    """A database made by the first release (schema 1) with data opens in today's app, upgraded."""
    path = tmp_path / "old.db"
    db = store.connect(path)
    store.migrate(db, store.MIGRATIONS[:1])
    db.execute("INSERT INTO users (username, password_hash, role, display_name, created_at) "
               "VALUES ('老用户', 'x', 'staff', '老用户', '2026-01-01T00:00:00+00:00')")
    db.execute("INSERT INTO governments (name) VALUES ('示例市')")
    db.conn.commit()
    assert store.schema_version(db) == 1
    db.close()
    upgraded = store.open_db(path)
    try:
        assert store.schema_version(upgraded) == store.SCHEMA_VERSION
        assert store.count(upgraded, "users") == 1 and store.count(upgraded, "governments") == 1
        assert "responses" in upgraded.table_names() and "indicator_systems" in upgraded.table_names()
        assert upgraded.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        upgraded.close()
