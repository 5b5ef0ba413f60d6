"""Survey tables in the store: schema upgrade, one submission per token, drafts, public guards."""
from __future__ import annotations

import threading

import pytest
from conftest import make_round, survey_raters

from webapp import store


def test_upgrade_from_schema_version_2_keeps_data(tmp_path):
    path = tmp_path / "old.db"
    db = store.connect(path)
    assert store.migrate(db, store.MIGRATIONS[:2]) == 2
    store.add_user(db, "admin", "hash", "admin")
    db.execute("INSERT INTO governments (name) VALUES ('示例市')")
    db.close()
    db = store.open_db(path)
    assert store.schema_version(db) == store.SCHEMA_VERSION >= 3
    assert store.get_user_by_name(db, "admin")["role"] == "admin"
    assert {"rounds", "raters", "tokens", "drafts", "responses", "submissions",
            "public_guards"} <= set(db.table_names())
    db.close()


def test_one_response_per_token_when_threads_submit_at_once(app, db):
    row = make_round(app, db, raters=survey_raters(1))
    from survey.tokens import token_hash
    hashed = token_hash(row["tokens"]["区市党政领导0"])
    outcomes, barrier = [], threading.Barrier(12)

    def submit():
        connection = store.connect(app.config["DATABASE"])
        barrier.wait()
        outcomes.append(store.submit_rating(connection, hashed, [
            {"department": "示例市甲局", "label": "好"}], "2024-12-01"))
        connection.close()

    threads = [threading.Thread(target=submit) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok"] + ["used"] * 11
    assert store.response_count(db, row["id"]) == 1
    assert store.count(db, "submissions") == 1


def test_draft_is_refused_after_submission_and_deleted_by_it(app, db):
    row = make_round(app, db, raters=survey_raters(1))
    from survey.tokens import token_hash
    hashed = token_hash(row["tokens"]["区市党政领导0"])
    assert store.save_draft(db, hashed, [{"department": "示例市甲局", "label": "好"}])
    link, row_again = store.find_rater_link(db, hashed)
    assert link["draft"][0]["label"] == "好" and not link["used"]
    assert row_again == store.get_round(db, row["id"])
    assert store.submit_rating(db, hashed, [{"department": "示例市甲局", "label": "好"}], "2024-12-01") == "ok"
    link, _ = store.find_rater_link(db, hashed)
    assert link["draft"] == [] and link["used"] and store.count(db, "drafts") == 0
    assert not store.save_draft(db, hashed, [])
    assert store.submit_rating(db, "0" * 64, [], "2024-12-01") == "unknown"
    assert store.find_rater_link(db, "0" * 64) is None


def test_closed_round_refuses_submissions(app, db):
    row = make_round(app, db, raters=survey_raters(1))
    from survey.tokens import token_hash
    assert store.close_round(db, row["id"], None)
    assert not store.close_round(db, row["id"], None)
    outcome = store.submit_rating(db, token_hash(row["tokens"]["区市党政领导0"]), [], "2024-12-01")
    assert outcome == "closed" and store.count(db, "submissions") == 0


def test_settings_that_responses_depend_on_are_frozen_once_there_are_responses(app, db):
    row = make_round(app, db, raters=survey_raters(1))
    store.update_round(db, row["id"], {"anonymous": 0}, None)  # no responses yet: allowed
    store.update_round(db, row["id"], {"anonymous": 1}, None)
    from survey.tokens import token_hash
    store.submit_rating(db, token_hash(row["tokens"]["区市党政领导0"]), [], "2024-12-01")
    with pytest.raises(store.StoreError, match="匿名设置"):
        store.update_round(db, row["id"], {"anonymous": 0}, None)
    with pytest.raises(store.StoreError, match="被评议部门"):
        store.update_round(db, row["id"], {"departments_json": "[]"}, None)
    store.update_round(db, row["id"], {"name": "改名", "k_min": 3}, None)  # others may change
    assert store.get_round(db, row["id"])["name"] == "改名"
    assert store.get_round(db, row["id"])["anonymous"] == 1


def test_public_guard_refuses_a_second_answer(app, db):
    row = make_round(app, db, kind="public")
    answer = [{"department": "示例市甲局", "label": "满意"}]
    assert store.submit_public(db, row["id"], "企业", answer, "2024-12-01", "g1") == "ok"
    assert store.submit_public(db, row["id"], "企业", answer, "2024-12-01", "g1") == "duplicate"
    assert store.submit_public(db, row["id"], "群众", answer, "2024-12-01", "g2") == "ok"
    assert store.response_count(db, row["id"]) == 2


def test_duplicate_rater_in_a_second_import_imports_nothing(app, db):
    row = make_round(app, db, raters=survey_raters(2))
    from webapp import surveys
    with pytest.raises(store.StoreError, match="已在本轮名单中"):
        store.add_raters(db, row["id"], survey_raters(1, group="对口部门") + survey_raters(1),
                         surveys.hash_for(app.config["SECRET_KEY"], row), None)
    assert len(store.list_raters(db, row["id"])) == 2


def test_a_round_keeps_its_government_when_documents_are_replaced(app, db, sample_file):
    from pathlib import Path

    from webapp import ingest
    ingest.import_path(db, sample_file, Path(app.config["UPLOAD_FOLDER"]), None,
                       app.config["MAX_CONTENT_LENGTH"])
    row = make_round(app, db)
    store._drop_empty_departments(db)
    assert store.get_round(db, row["id"])["government_name"] == "示例市"


def test_a_closed_public_round_refuses_answers_and_keeps_no_guard(app, db):
    row = make_round(app, db, kind="public")
    assert store.close_round(db, row["id"], None)
    answer = [{"department": "示例市甲局", "label": "满意"}]
    assert store.submit_public(db, row["id"], "企业", answer, "2024-12-01", "g1") == "closed"
    assert store.count(db, "public_guards") == 0 and store.response_count(db, row["id"]) == 0


def test_a_taken_response_id_is_drawn_again_and_the_failed_try_leaves_nothing(app, db, monkeypatch):
    row = make_round(app, db, raters=survey_raters(2))
    from survey.tokens import token_hash
    draws = iter([7 << 40, 7 << 40, 9 << 40])  # the second submission first draws the taken id
    monkeypatch.setattr(store.secrets, "randbits", lambda bits: next(draws))
    answers = [{"department": "示例市甲局", "label": "好"}]
    for name in ("区市党政领导0", "区市党政领导1"):
        assert store.submit_rating(db, token_hash(row["tokens"][name]), answers, "2024-12-01") == "ok"
    ids = sorted(r[0] for r in db.execute("SELECT id FROM responses"))
    assert ids == [7 << 40, 9 << 40]  # the retry was not refused as 'used': the failed try was undone
    assert store.count(db, "submissions") == 2


def test_a_submission_waits_for_another_writer_and_gives_up_after_the_busy_timeout(app, db, monkeypatch):
    import sqlite3
    row = make_round(app, db, raters=survey_raters(2))
    from survey.tokens import token_hash
    answers = [{"department": "示例市甲局", "label": "好"}]
    other = sqlite3.connect(app.config["DATABASE"], check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(0.2, other.commit).start()
    assert store.submit_rating(db, token_hash(row["tokens"]["区市党政领导0"]), answers, "2024-12-01") == "ok"

    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 100)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        store.submit_rating(db, token_hash(row["tokens"]["区市党政领导1"]), answers, "2024-12-01")
    other.rollback()
    other.close()
    assert db.conn.isolation_level == "" and not db.conn.in_transaction
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 100
    assert store.count(db, "submissions") == 1 and store.response_count(db, row["id"]) == 1


def test_a_submission_inside_an_open_transaction_joins_it(app, db):
    row = make_round(app, db, raters=survey_raters(1))
    from survey.tokens import token_hash
    with pytest.raises(RuntimeError):
        with store.transaction(db):
            assert store.submit_rating(db, token_hash(row["tokens"]["区市党政领导0"]),
                                       [{"department": "示例市甲局", "label": "好"}], "2024-12-01") == "ok"
            raise RuntimeError("the caller's transaction fails later")
    assert store.count(db, "submissions") == 0 and store.response_count(db, row["id"]) == 0
