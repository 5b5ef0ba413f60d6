"""Back-to-back on the database file itself, and one submission per token against the real server."""
from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from survey.dimensions import Dimension
from survey.scales import COUNTY
from webapp import store
from webapp.services import surveys

from conftest import all_ratings, close_round, copy_database, dimension_form, make_round, rating_form, survey_raters
from live_server import Browser, cli, running_server, server_env

DEPARTMENTS = ["示例市甲局", "示例市乙局", "示例市丙局"]


def test_what_the_database_file_holds_about_raters_and_their_answers(app, db, client):
    """The schema-level half of back-to-back (the layout is attacked in
    test_anonymity_attack.py): what a submission writes, and what is left afterwards."""
    raters = survey_raters(6) + survey_raters(6, group="对口部门")
    row = make_round(app, db, raters=raters)
    order = list(row["tokens"].values())
    for number, token in enumerate(order):  # everyone saves a draft with a marker first
        client.post(f"/r/{token}", data=rating_form(DEPARTMENTS, {"示例市甲局": "差"},
                                                    {"示例市甲局": f"DRAFTMARK{number:03d}"}, "draft"))
    assert store.count(db, "drafts") == len(order)
    path = Path(app.config["DATABASE"])
    assert app.extensions["sanding_checkpointer"].wait()
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"DRAFTMARK" not in path.read_bytes()  # drafts are sealed with the link
    for number, token in enumerate(order):
        data = all_ratings(DEPARTMENTS, "较好")
        data["c0"] = f"RATINGMARK{number:03d}"
        response = client.post(f"/r/{token}", data=data)
        assert response.status_code == 303
    assert app.extensions["sanding_checkpointer"].wait()
    wal = Path(str(path) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and truncated
    raw = path.read_bytes()
    assert b"DRAFTMARK" not in raw and b"RATINGMARK" not in raw  # sealed until the round closes

    conn = sqlite3.connect(path)
    assert [c[1] for c in conn.execute("PRAGMA table_info(responses)")] == \
        ["id", "round_id", "group_name", "day", "answers_json"]
    assert [c[1] for c in conn.execute("PRAGMA table_info(ballots)")] == ["id", "round_id", "sealed"]
    assert [c[1] for c in conn.execute("PRAGMA table_info(token_uses)")] == ["mark", "round_id", "used"]
    assert [c[1] for c in conn.execute("PRAGMA table_info(tokens)")] == ["token_hash", "round_id", "rater_id"]
    assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    stored_hashes = {r[0] for r in conn.execute("SELECT token_hash FROM tokens")}
    marks = {r[0] for r in conn.execute("SELECT mark FROM token_uses")}
    assert not stored_hashes & marks and len(marks) == len(order)  # a use is not keyed by the token hash
    objects = {(kind, name): sql for kind, name, sql in conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')")}
    # Published 清单 editions and frozen 年度评估结果 refuse changes; they touch no survey table.
    frozen = {("trigger", f"{table}_frozen_{event}")
              for table in ("list_editions", "list_edition_matters", "history_snapshots", "history_rows")
              for event in ("update", "delete")} | {("trigger", "history_rows_complete")}
    assert set(objects) == {(kind, name) for kind in ("view", "trigger")
                            for name in ("submit_ballot", "submit_public")} | frozen
    for name in frozen:
        assert "RAISE(ABORT" in objects[name]
        assert re.findall(r"\bON\s+(\w+)", objects[name])[0] in {"list_editions", "list_edition_matters",
                                                                  "history_snapshots", "history_rows"}
        assert not re.search(r"\b(responses|ballots|tokens|token_uses|drafts|raters)\b", objects[name])
    written = re.findall(r"(?:INSERT INTO|UPDATE|DELETE FROM)\s+(\w+)", objects[("trigger", "submit_ballot")])
    assert written == ["token_uses", "ballots", "drafts"]  # nothing else, nothing about the rater
    # The audit log records nothing about submissions.
    assert conn.execute("SELECT count(*) FROM audit WHERE action LIKE '%submit%'").fetchone()[0] == 0
    conn.close()
    close_round(app, db, row)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM ballots").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM responses").fetchone()[0] == len(order)
    days = {r[0] for r in conn.execute("SELECT day FROM responses")}
    assert len(days) == 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", days.pop())
    ids = [r[0] for r in conn.execute("SELECT id FROM responses")]
    assert min(ids) > 2 ** 32  # random ids, not a sequence
    conn.close()


def test_a_round_with_dimensions_keeps_drafts_and_ballots_sealed_and_of_one_size(app, db, client):
    """The per-dimension answers travel the same sealed path: nothing readable in the file until
    the round closes, ballots that differ in what they say but not in size, and responses that
    carry the group, the day and the answers only."""
    dimensions = [Dimension(name, COUNTY) for name in ("服务基层", "工作作风", "办事效率", "廉洁自律")]
    row = make_round(app, db, raters=survey_raters(6), dimensions=dimensions)
    survey_round = surveys.round_of(row)
    labels = ["好", "较好", "一般", "差", "不了解"]
    path = Path(app.config["DATABASE"])
    for number, token in enumerate(row["tokens"].values()):
        draft = dimension_form(survey_round, DEPARTMENTS, {DEPARTMENTS[0]: {"廉洁自律": "差"}},
                               {DEPARTMENTS[0]: f"DIMDRAFT{number:03d}"}, "draft")
        assert client.post(f"/r/{token}", data=draft).status_code == 303
        ratings = {d: {dimension.name: labels[(number + i + j) % 5] for j, dimension in enumerate(dimensions)}
                   for i, d in enumerate(DEPARTMENTS)}
        data = dimension_form(survey_round, DEPARTMENTS, ratings, {DEPARTMENTS[number % 3]: f"DIMMARK{number:03d}"})
        assert client.post(f"/r/{token}", data=data).status_code == 303
    assert app.extensions["sanding_checkpointer"].wait()
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = path.read_bytes()
    assert b"DIMDRAFT" not in raw and b"DIMMARK" not in raw
    conn = sqlite3.connect(path)
    sizes = {length for (length,) in conn.execute("SELECT length(sealed) FROM ballots")}
    assert conn.execute("SELECT count(*) FROM ballots").fetchone()[0] == 6 and len(sizes) == 1
    assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    conn.close()
    close_round(app, db, row)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn = sqlite3.connect(path)
    found = conn.execute("SELECT group_name, day, answers_json FROM responses").fetchall()
    conn.close()
    assert len(found) == 6 and {day for _group, day, _answers in found} == {surveys.today()}
    answers = [json.loads(text) for _group, _day, text in found]
    assert all(set(answer) <= {"department", "ratings", "comment"} for ballot in answers for answer in ballot)
    assert sorted(a["comment"] for ballot in answers for a in ballot if "comment" in a) == \
        [f"DIMMARK{number:03d}" for number in range(6)]


def test_the_wal_is_emptied_once_a_reader_that_held_it_lets_go(app, db, client):
    """A checkpoint cannot truncate the WAL while a reader uses it; the checkpointer
    keeps trying, so the frames of the submission do not stay until the next one."""
    row = make_round(app, db, raters=survey_raters(2))
    path = Path(app.config["DATABASE"])
    wal = Path(str(path) + "-wal")
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM responses").fetchone()  # holds a snapshot of the WAL
    token = row["tokens"]["区市党政领导0"]
    assert client.post(f"/r/{token}", data=all_ratings(DEPARTMENTS)).status_code == 303
    checkpointer = app.extensions["sanding_checkpointer"]
    assert not checkpointer.wait(0.3) and wal.stat().st_size > 0  # still held by the reader
    reader.rollback()
    reader.close()
    assert checkpointer.wait(5) and wal.stat().st_size == 0


def test_a_checkpoint_waits_out_a_short_reader_instead_of_giving_up(app, db, client):
    """Under load some reader is nearly always on the WAL for a moment; a checkpoint
    that gave up at once let the WAL keep seconds of submissions."""
    row = make_round(app, db, raters=survey_raters(2))
    assert client.post(f"/r/{row['tokens']['区市党政领导0']}", data=all_ratings(DEPARTMENTS)).status_code == 303
    assert app.extensions["sanding_checkpointer"].wait()
    path = Path(app.config["DATABASE"])
    wal = Path(str(path) + "-wal")
    reader = sqlite3.connect(path, check_same_thread=False)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM responses").fetchone()  # a snapshot the next commit leaves behind
    assert client.post(f"/r/{row['tokens']['区市党政领导1']}", data=all_ratings(DEPARTMENTS)).status_code == 303
    checkpointer = store.connect(path)
    try:
        assert not store.checkpoint(checkpointer, wait_ms=0) and wal.stat().st_size > 0
        threading.Timer(0.2, reader.rollback).start()  # the reader lets go while the checkpoint waits
        assert store.checkpoint(checkpointer, wait_ms=5000) and wal.stat().st_size == 0
    finally:
        checkpointer.close()
        reader.close()


def test_copying_the_wal_first_leaves_the_truncate_nothing_to_copy(app, db, client, tmp_path):
    row = make_round(app, db, raters=survey_raters(1))
    assert app.extensions["sanding_checkpointer"].wait()
    path = Path(app.config["DATABASE"])
    wal = Path(str(path) + "-wal")
    other = store.connect(path)
    try:
        other.conn.execute("PRAGMA wal_autocheckpoint=0")
        assert surveys.submit(other, app.config["SECRET_KEY"], row, row["tokens"]["区市党政领导0"], "区市党政领导",
                              [{"department": d, "label": "好"} for d in DEPARTMENTS]) == "ok"
        size = wal.stat().st_size

        def responses_in_the_main_file() -> int:  # what the database file holds without its WAL
            copy = tmp_path / "main-only.db"
            copy.write_bytes(path.read_bytes())
            with contextlib.closing(sqlite3.connect(copy)) as alone:
                return alone.execute("SELECT count(*) FROM ballots").fetchone()[0]

        assert responses_in_the_main_file() == 0
        store.copy_wal(other)
        assert responses_in_the_main_file() == 1
        assert wal.stat().st_size == size > 0  # copied, not truncated: the frames are still there
        assert store.checkpoint(other) and wal.stat().st_size == 0
    finally:
        other.close()
    assert store.rounds.answer_count(db, row["id"]) == 1


# --- the real server --------------------------------------------------------------

@pytest.fixture(scope="module")
def served_template(tmp_path_factory) -> tuple[Path, list[str]]:
    """A database with a county round of 3 raters made by the CLI, and the raters' tokens
    (made once: each test serves a copy)."""
    folder = tmp_path_factory.mktemp("served")
    db_path = folder / "served.db"
    env = {**server_env(db_path, "served-secret"), "SANDING_BASE_URL": "http://example.test"}
    (folder / "departments.txt").write_text("\n".join(DEPARTMENTS), encoding="utf-8")
    (folder / "raters.csv").write_text(
        "姓名,单位,组别,评议部门\n" + "".join(f"评议人{i},单位{i},区市党政领导,\n" for i in range(3)),
        encoding="utf-8")
    created = cli(env, "round", "create", "--name", "并发测试", "--kind", "county", "--government", "示例市",
                  "--departments", str(folder / "departments.txt"), "--raters", str(folder / "raters.csv"))
    round_id = int(re.search(r'"round": (\d+)', created.stdout).group(1))
    links = cli(env, "round", "tokens", str(round_id), "--csv").stdout.splitlines()
    return db_path, [line.rsplit("/r/", 1)[1] for line in links]


@pytest.fixture(params=[4, 1], ids=["threaded-workers", "sync-workers"])
def served_round(tmp_path, request, served_template):
    """`sanding serve` (gunicorn, 2 workers: threaded, the default, and sync, the production
    setup behind nginx) on a copy of the served template."""
    template, tokens = served_template
    db_path = tmp_path / "served.db"
    copy_database(template, db_path)
    with running_server(db_path, threads=request.param, secret="served-secret") as (url, _, _):
        yield {"url": url, "tokens": tokens, "db": db_path}


@pytest.mark.slow
def test_concurrent_submits_of_one_token_store_exactly_one_response(served_round):
    token = served_round["tokens"][0]
    devices = [Browser(served_round["url"]) for _ in range(16)]
    csrf = [device.csrf(f"/r/{token}") for device in devices]  # 16 phones opened the same link
    statuses, barrier = [], threading.Barrier(len(devices))

    def submit(device, token_value):
        barrier.wait()
        statuses.append(device.request("POST", f"/r/{token}",
                                       {**all_ratings(DEPARTMENTS), "csrf_token": token_value})[0])

    threads = [threading.Thread(target=submit, args=pair) for pair in zip(devices, csrf)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [303] + [410] * 15
    status, page, _ = devices[0].request("GET", f"/r/{token}")
    for device in devices:
        device.close()
    assert status == 200 and "已提交，感谢" in page
    conn = sqlite3.connect(served_round["db"])
    assert conn.execute("SELECT count(*) FROM ballots").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM token_uses WHERE used = 1").fetchone()[0] == 1
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


@pytest.mark.slow
def test_double_click_and_retry_on_the_real_server(served_round):
    token = served_round["tokens"][1]
    device = Browser(served_round["url"])
    csrf = device.csrf(f"/r/{token}")
    data = {**all_ratings(DEPARTMENTS), "csrf_token": csrf}
    first = device.request("POST", f"/r/{token}", data)[0]
    assert _wal_emptied(served_round["db"])  # the worker's checkpointer ran after the submission
    second = device.request("POST", f"/r/{token}", data)[0]
    assert (first, second) == (303, 410)
    other = Browser(served_round["url"])  # a second device after submission
    status, page, _ = other.request("GET", f"/r/{token}")
    device.close()
    other.close()
    assert status == 200 and "已提交，感谢" in page and "示例市甲局" not in page
    conn = sqlite3.connect(served_round["db"])
    assert conn.execute("SELECT count(*) FROM ballots").fetchone()[0] == 1
    conn.close()


def _wal_emptied(db_path: Path, seconds: float = 5.0) -> bool:
    """Whether the WAL next to the database file is (or becomes within `seconds`) empty."""
    wal = Path(f"{db_path}-wal")
    deadline = time.monotonic() + seconds
    while wal.exists() and wal.stat().st_size:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True
