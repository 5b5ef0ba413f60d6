"""Survey tables in the store: schema upgrades, sealed ballots, one ballot per link, drafts,
closing, public guards."""
from __future__ import annotations

import json
import sqlite3
import threading

import pytest

from survey import ballots
from survey.tokens import derive_token, draft_id, token_hash, use_mark
from webapp import store
from webapp.services import surveys

from conftest import close_round, make_round, survey_raters

ANSWERS = [{"department": "示例市甲局", "label": "好"}]


def _submit(app, db, row, name, answers=ANSWERS, group="区市党政领导"):
    return surveys.submit(db, app.config["SECRET_KEY"], row, row["tokens"][name], group, answers)


def test_upgrade_from_schema_version_2_keeps_data(tmp_path):
    path = tmp_path / "old.db"
    db = store.connect(path)
    assert store.migrate(db, store.MIGRATIONS[:2]) == 2
    store.users.add_user(db, "admin", "hash", "admin")
    db.execute("INSERT INTO governments (name) VALUES ('示例市')")
    db.close()
    db = store.open_db(path)
    assert store.schema_version(db) == store.SCHEMA_VERSION >= 9
    assert store.users.get_user_by_name(db, "admin")["role"] == "admin"
    assert {"rounds", "raters", "tokens", "drafts", "responses", "token_uses", "ballots",
            "public_guards"} <= set(db.table_names())
    assert "submissions" not in db.table_names()
    db.close()


def _version_8_round(tmp_path, secret: str):
    """A database of schema version 8 with a county round: two raters, one of whom has
    submitted (token used, plaintext response) and one with a plaintext draft."""
    path = tmp_path / "v8.db"
    db = store.connect(path)
    store.migrate(db, store.MIGRATIONS[:8])
    db.execute("INSERT INTO governments (id, name) VALUES (1, '示例市')")
    db.execute("""INSERT INTO rounds (id, government_id, kind, name, year, scale_json, groups_json,
        departments_json, token_salt, created_at, public_key) VALUES (1, 1, 'county', '旧轮次', 2024, '{}',
        '{"区市党政领导": 1}', '["示例市甲局"]', 'salt', '2024-01-01', 'k')""")
    tokens = {}
    for rater_id in (1, 2):
        db.execute("INSERT INTO raters (id, round_id, name, unit, group_name) VALUES (?, 1, ?, '县', '区市党政领导')",
                   [rater_id, f"人{rater_id}"])
        tokens[rater_id] = derive_token(secret, "salt", 1, rater_id)
        db.execute("INSERT INTO tokens (token_hash, round_id, rater_id, used) VALUES (?, 1, ?, ?)",
                   [token_hash(tokens[rater_id]), rater_id, int(rater_id == 1)])
    db.execute("INSERT INTO submissions (token_hash) VALUES (?)", [token_hash(tokens[1])])
    db.execute("INSERT INTO responses (id, round_id, group_name, day, answers_json) VALUES (5, 1, '区市党政领导', "
               "'2024-01-02', ?)", [json.dumps(ANSWERS)])
    db.execute("INSERT INTO drafts (token_hash, answers_json) VALUES (?, ?)",
               [token_hash(tokens[2]), json.dumps([{"department": "示例市甲局", "label": "差", "comment": "旧草稿"}],
                                                   ensure_ascii=False)])
    db.conn.commit()
    db.close()
    return path, tokens


def test_upgrade_from_version_8_rederives_links_with_the_secret_and_seals_drafts(tmp_path):
    path, tokens = _version_8_round(tmp_path, "old-secret")
    with pytest.raises(store.StoreError, match="需要服务器密钥"):
        store.open_db(path)
    with pytest.raises(store.StoreError, match="密钥与数据库中的评议链接不符"):
        store.open_db(path, secret="another-secret")
    db = store.open_db(path, secret="old-secret")
    assert store.schema_version(db) == store.SCHEMA_VERSION
    used = {row["mark"]: row["used"] for row in store.rows(db, "SELECT mark, used FROM token_uses")}
    assert used == {use_mark(tokens[1]): 1, use_mark(tokens[2]): 0}
    link, _ = surveys.find_link(db, tokens[2])
    assert link["draft"][0]["comment"] == "旧草稿" and not link["used"]
    assert surveys.find_link(db, tokens[1])[0]["used"]
    assert store.rounds.response_count(db, 1) == 1  # the response given before the upgrade stays
    assert [c[1] for c in db.execute("PRAGMA table_info(tokens)")] == ["token_hash", "round_id", "rater_id"]
    db.close()  # the last connection checkpoints the WAL into the file
    assert "旧草稿".encode() not in path.read_bytes()  # the plaintext draft is gone (secure_delete)


def test_one_ballot_per_link_when_threads_submit_at_once(app, db):
    row = make_round(app, db, raters=survey_raters(1))
    outcomes, barrier = [], threading.Barrier(12)

    def submit():
        connection = store.connect(app.config["DATABASE"])
        barrier.wait()
        outcomes.append(_submit(app, connection, row, "区市党政领导0"))
        connection.close()

    threads = [threading.Thread(target=submit) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok"] + ["used"] * 11
    assert store.rounds.answer_count(db, row["id"]) == 1 and store.count(db, "ballots") == 1


def test_a_ballot_is_sealed_until_the_round_closes_and_then_opened_in_random_order(app, db):
    row = make_round(app, db, raters=survey_raters(40))
    for number in range(40):
        answers = [{"department": "示例市甲局", "label": "好", "comment": f"COMMENT{number:03d}"}]
        assert _submit(app, db, row, f"区市党政领导{number}", answers) == "ok"
    sealed = [bytes(r[0]) for r in db.execute("SELECT sealed FROM ballots")]
    assert len(sealed) == 40 and len({len(s) for s in sealed}) == 1  # one size: nothing to match by
    assert all(b"COMMENT" not in s for s in sealed)
    assert store.rounds.response_count(db, row["id"]) == 0 and store.rounds.round_responses(db, row["id"]) == []
    assert surveys.results(db, app.config["SECRET_KEY"], store.rounds.get_round(db, row["id"])) is None
    close_round(app, db, row)
    assert store.count(db, "ballots") == 0
    stored = [(r["id"], json.loads(r["answers_json"])[0]["comment"], r["day"])
              for r in store.rows(db, "SELECT rowid AS id, answers_json, day FROM responses")]
    comments = [comment for _, comment, _ in stored]  # in the order the rows were written
    assert sorted(comments) == [f"COMMENT{n:03d}" for n in range(40)]
    assert comments != sorted(comments) and comments != sorted(comments, reverse=True)
    assert len({day for _, _, day in stored}) == 1  # the closing day, no time of submission
    results = surveys.results(db, app.config["SECRET_KEY"], store.rounds.get_round(db, row["id"]))
    assert results.responses == 40


def test_a_round_whose_ballots_another_key_cannot_open_stays_as_it_was(app, db):
    row = make_round(app, db, raters=survey_raters(2))
    assert _submit(app, db, row, "区市党政领导0") == "ok"
    with pytest.raises(store.StoreError, match="密钥"):
        surveys.close(db, "another-secret", store.rounds.get_round(db, row["id"]), None)
    assert store.count(db, "ballots") == 1 and not store.rounds.get_round(db, row["id"])["closed_at"]
    assert _submit(app, db, row, "区市党政领导1") == "ok"  # still open
    close_round(app, db, row)
    assert store.rounds.response_count(db, row["id"]) == 2


def test_a_round_past_its_end_is_closed_when_its_results_are_asked_for(app, db):
    from datetime import datetime, timedelta
    row = make_round(app, db, raters=survey_raters(1))
    assert _submit(app, db, row, "区市党政领导0") == "ok"
    ended = (datetime.now() - timedelta(minutes=1)).replace(microsecond=0).isoformat()
    store.rounds.update_round(db, row["id"], {"closes": ended}, None)
    results = surveys.results(db, app.config["SECRET_KEY"], store.rounds.get_round(db, row["id"]))
    assert results.responses == 1 and store.rounds.get_round(db, row["id"])["closed_at"]


def test_use_flag_is_flipped_in_place(app, db):
    """Using a link rewrites one byte of its row where it is: the row's place in the file
    was decided at import, by the order of the use marks, not by when it was used."""
    row = make_round(app, db, raters=survey_raters(30))
    path = app.config["DATABASE"]
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'token_uses'").fetchone()[0]
    size = db.execute("PRAGMA page_size").fetchone()[0]

    def page() -> bytes:
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with open(path, "rb") as handle:
            handle.seek((root - 1) * size)
            return handle.read(size)
    before = page()
    for number in (17, 3, 25):
        assert _submit(app, db, row, f"区市党政领导{number}") == "ok"
    after = page()
    assert sum(a != b for a, b in zip(before, after)) == 3


def test_draft_is_sealed_refused_after_submission_and_deleted_by_it(app, db):
    row = make_round(app, db, raters=survey_raters(1))
    token = row["tokens"]["区市党政领导0"]
    assert surveys.save_draft(db, token, [{"department": "示例市甲局", "label": "好", "comment": "DRAFTSECRET"}])
    stored = db.execute("SELECT id, sealed FROM drafts").fetchall()
    assert stored[0][0] == draft_id(token) and b"DRAFTSECRET" not in bytes(stored[0][1])
    link, row_again = surveys.find_link(db, token)
    assert link["draft"][0]["comment"] == "DRAFTSECRET" and not link["used"]
    assert row_again == store.rounds.get_round(db, row["id"])
    assert _submit(app, db, row, "区市党政领导0") == "ok"
    link, _ = surveys.find_link(db, token)
    assert link["draft"] == [] and link["used"] and store.count(db, "drafts") == 0
    assert not surveys.save_draft(db, token, [])
    assert store.rounds.submit_ballot(db, "0" * 64, "0" * 64, b"x") == "unknown"
    assert surveys.find_link(db, "not-a-token") is None


def test_closed_round_refuses_submissions(app, db):
    row = make_round(app, db, raters=survey_raters(1))
    close_round(app, db, row)
    assert not surveys.close(db, app.config["SECRET_KEY"], store.rounds.get_round(db, row["id"]), None)
    assert _submit(app, db, row, "区市党政领导0") == "closed" and store.count(db, "ballots") == 0


def test_settings_that_responses_depend_on_are_frozen_once_there_are_responses(app, db):
    row = make_round(app, db, raters=survey_raters(1), k_min=4)
    store.rounds.update_round(db, row["id"], {"anonymous": 0}, None)  # no responses yet: allowed
    store.rounds.update_round(db, row["id"], {"anonymous": 1, "k_min": 3}, None)
    assert _submit(app, db, row, "区市党政领导0") == "ok"
    with pytest.raises(store.StoreError, match="匿名设置"):
        store.rounds.update_round(db, row["id"], {"anonymous": 0}, None)
    with pytest.raises(store.StoreError, match="被评议部门"):
        store.rounds.update_round(db, row["id"], {"departments_json": "[]"}, None)
    with pytest.raises(store.StoreError, match="最少样本数 k"):
        store.rounds.update_round(db, row["id"], {"k_min": 1}, None)
    store.rounds.update_round(db, row["id"], {"name": "改名", "k_min": 6}, None)  # others may change, k may rise
    changed = store.rounds.get_round(db, row["id"])
    assert (changed["name"], changed["anonymous"], changed["k_min"]) == ("改名", 1, 6)


def test_public_guard_refuses_a_second_answer(app, db):
    row = make_round(app, db, kind="public")
    answer = [{"department": "示例市甲局", "label": "满意"}]
    assert store.rounds.submit_public(db, row["id"], "企业", answer, "2024-12-01", "g1") == "ok"
    assert store.rounds.submit_public(db, row["id"], "企业", answer, "2024-12-01", "g1") == "duplicate"
    assert store.rounds.submit_public(db, row["id"], "群众", answer, "2024-12-01", "g2") == "ok"
    assert store.rounds.answer_count(db, row["id"]) == 2


def test_duplicate_rater_in_a_second_import_imports_nothing(app, db):
    row = make_round(app, db, raters=survey_raters(2))
    with pytest.raises(store.StoreError, match="已在本轮名单中"):
        store.rounds.add_raters(db, row["id"], survey_raters(1, group="对口部门") + survey_raters(1),
                         surveys.link_keys(app.config["SECRET_KEY"], row), None)
    assert len(store.rounds.list_raters(db, row["id"])) == 2 and store.count(db, "token_uses") == 2


def test_use_marks_are_written_in_their_own_order_not_the_raters(app, db):
    row = make_round(app, db, raters=survey_raters(20))
    written = [r[0] for r in db.execute("SELECT mark FROM token_uses")]  # key order
    keys = surveys.link_keys(app.config["SECRET_KEY"], row)
    raters = sorted(store.rounds.list_raters(db, row["id"]), key=lambda r: r["id"])
    by_rater = [keys(rater["id"])[1] for rater in raters]
    assert sorted(written) == sorted(by_rater) and by_rater != sorted(by_rater)


def test_a_round_keeps_its_government_when_documents_are_replaced(app, db, sample_file):
    from pathlib import Path

    from webapp.services import ingest
    ingest.import_path(db, sample_file, Path(app.config["UPLOAD_FOLDER"]), None,
                       app.config["MAX_CONTENT_LENGTH"])
    row = make_round(app, db)
    store.documents._drop_empty_departments(db)
    assert store.rounds.get_round(db, row["id"])["government_name"] == "示例市"


def test_a_closed_public_round_refuses_answers_and_keeps_no_guard(app, db):
    row = make_round(app, db, kind="public")
    close_round(app, db, row)
    answer = [{"department": "示例市甲局", "label": "满意"}]
    assert store.rounds.submit_public(db, row["id"], "企业", answer, "2024-12-01", "g1") == "closed"
    assert store.count(db, "public_guards") == 0 and store.rounds.answer_count(db, row["id"]) == 0


def test_a_taken_response_id_is_drawn_again_when_a_round_closes(app, db, monkeypatch):
    row = make_round(app, db, raters=survey_raters(2))
    for name in ("区市党政领导0", "区市党政领导1"):
        assert _submit(app, db, row, name) == "ok"
    draws = iter([7 << 40, 7 << 40, 9 << 40])  # the second response first draws the taken id
    monkeypatch.setattr(store.rounds.secrets, "randbits", lambda bits: next(draws))
    close_round(app, db, row)
    assert sorted(r[0] for r in db.execute("SELECT id FROM responses")) == [7 << 40, 9 << 40]
    assert store.count(db, "ballots") == 0


def test_a_taken_public_response_id_is_drawn_again(app, db, monkeypatch):
    row = make_round(app, db, kind="public")
    draws = iter([7 << 40, 7 << 40, 9 << 40])
    monkeypatch.setattr(store.rounds.secrets, "randbits", lambda bits: next(draws))
    answer = [{"department": "示例市甲局", "label": "满意"}]
    assert store.rounds.submit_public(db, row["id"], "企业", answer, "2024-12-01", "g1") == "ok"
    assert store.rounds.submit_public(db, row["id"], "企业", answer, "2024-12-01", "g2") == "ok"
    assert sorted(r[0] for r in db.execute("SELECT id FROM responses")) == [7 << 40, 9 << 40]
    assert store.count(db, "public_guards") == 2  # the failed try was undone, not refused as duplicate


def test_a_submission_waits_for_another_writer_and_gives_up_after_the_busy_timeout(app, db, monkeypatch):
    row = make_round(app, db, raters=survey_raters(2))
    other = sqlite3.connect(app.config["DATABASE"], check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(0.2, other.commit).start()
    assert _submit(app, db, row, "区市党政领导0") == "ok"

    monkeypatch.setattr(store.db, "BUSY_TIMEOUT_MS", 100)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _submit(app, db, row, "区市党政领导1")
    other.rollback()
    other.close()
    assert db.conn.isolation_level == "" and not db.conn.in_transaction
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 100
    assert store.count(db, "ballots") == 1 and store.rounds.answer_count(db, row["id"]) == 1


def test_a_submission_inside_an_open_transaction_joins_it(app, db):
    row = make_round(app, db, raters=survey_raters(1))
    with pytest.raises(RuntimeError):
        with store.transaction(db):
            assert _submit(app, db, row, "区市党政领导0") == "ok"
            raise RuntimeError("the caller's transaction fails later")
    assert store.count(db, "ballots") == 0 and store.rounds.answer_count(db, row["id"]) == 0
    assert not surveys.find_link(db, row["tokens"]["区市党政领导0"])[0]["used"]


def test_ballots_do_not_open_under_another_round(app, db):
    first = make_round(app, db, raters=survey_raters(1))
    second = make_round(app, db)
    key = surveys.ballot_key(app.config["SECRET_KEY"], first)
    sealed = ballots.seal(key, {"group": "x", "answers": []}, ballots.ballot_context(first["id"]))
    with pytest.raises(ballots.SealError):
        ballots.unseal(surveys.ballot_key(app.config["SECRET_KEY"], second), sealed,
                       ballots.ballot_context(second["id"]))
    with pytest.raises(ballots.SealError):
        ballots.unseal(key, sealed, ballots.ballot_context(second["id"]))
