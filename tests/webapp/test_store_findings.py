"""The store's findings, decisions and detection runs: migration, re-detection, run state."""
from __future__ import annotations

import json

import pytest

from webapp import store


def _finding(key: str, department_a="示例市甲局", department_b="示例市乙局", text_a="负责甲事项。",
             kind="overlap", topic="其他", score=0.8, scope="departments") -> dict:
    def ref(department, text, no):
        return {"government": "示例市", "department": department, "division": None,
                "section": "duties", "no": no, "text": text, "file": "a.txt"}
    return {"a": ref(department_a, text_a, 1), "b": ref(department_b, "负责甲事项监管。", 2),
            "score": score, "terms": ["甲事项"], "kind": kind, "topic": topic, "settled_by": None,
            "matter_a": text_a, "matter_b": "负责甲事项监管", "key": key, "scope": scope}


def _government(db, name="示例市") -> int:
    doc = {"file": "a.txt", "department": f"{name}甲局", "government": name, "title": "t",
           "format": "text", "warnings": [], "duties": [], "divisions": [], "divisions_of_labour": []}
    version_id, _ = store.documents.store_parsed(db, doc, doc, file_name="a.txt", stored_name="a.txt",
                                       sha256=name.encode().hex().ljust(64, "0")[:64], by=None,
                                       government=name, department=f"{name}甲局")
    return store.documents.get_version(db, version_id)["government_id"]


def _save(db, government_id, findings, generation=1):
    return store.findings.save_findings(db, government_id, findings, generation=generation,
                               notes=["提示"], departments=2, items=10)


def test_upgrade_from_schema_1_keeps_data_and_adds_the_tables(tmp_path):
    path = tmp_path / "old.db"
    db = store.connect(path)
    store.migrate(db, store.MIGRATIONS[:1])
    store.users.add_user(db, "张三", "hash", "staff")
    db.execute("INSERT INTO governments (name) VALUES ('示例市')")
    db.execute("INSERT INTO departments (government_id, name) VALUES (1, '示例市甲局')")
    db.execute("""INSERT INTO versions (department_id, file_name, stored_name, sha256, uploaded_at,
        parsed_at, parsed_json) VALUES (1, 'a.txt', 'a.txt', 'ab', 'now', 'now', '{}')""")
    assert store.schema_version(db) == 1
    assert "findings" not in db.table_names()
    db.close()

    db = store.open_db(path)
    assert store.schema_version(db) == store.SCHEMA_VERSION >= 2
    assert {"findings", "decisions", "detection_runs"} <= set(db.table_names())
    assert store.users.get_user_by_name(db, "张三")["role"] == "staff"
    assert store.count(db, "versions") == 1
    government_id = store.documents.get_government_by_name(db, "示例市")["id"]
    _save(db, government_id, [_finding("k1")])
    assert store.findings.get_finding(db, government_id, "k1")["status"] == "open"
    db.close()


def test_decisions_survive_re_detection_and_vanished_findings(tmp_path):
    db = store.open_db(tmp_path / "s.db")
    government_id = _government(db)
    assert _save(db, government_id, [_finding("k1"), _finding("k2"), _finding("k3")]) == {
        "found": 3, "new": 3, "gone": 0}
    store.findings.set_decision(db, government_id, "k1", {"status": "confirmed", "lead": "示例市甲局",
                                                 "assisting": ["示例市乙局"], "matter": "甲事项",
                                                 "division_of_work": "甲局负责，乙局配合"}, by=None)
    store.findings.set_decision(db, government_id, "k2", {"status": "dismissed", "reason": "不同环节"}, by=None)

    # A re-run finds k1 again (changed score) and k4, but not k2 and k3.
    counts = _save(db, government_id, [_finding("k1", score=0.9), _finding("k4")], generation=2)
    assert counts == {"found": 2, "new": 1, "gone": 2}
    present = {row["key"]: row for row in store.findings.list_findings(db, government_id)}
    assert set(present) == {"k1", "k4"}
    assert present["k1"]["status"] == "confirmed" and present["k1"]["score"] == 0.9
    assert present["k1"]["assisting"] == ["示例市乙局"]
    gone = store.findings.list_findings(db, government_id, present=False)
    assert [row["key"] for row in gone] == ["k2"]  # decided: kept, not present
    assert store.findings.get_finding(db, government_id, "k3") is None  # undecided: deleted
    assert store.count(db, "decisions") == 2

    # The finding comes back: present again with its decision.
    _save(db, government_id, [_finding("k1"), _finding("k2")], generation=3)
    assert store.findings.get_finding(db, government_id, "k2")["status"] == "dismissed"
    assert store.findings.get_finding(db, government_id, "k2")["present"] == 1
    db.close()


def test_decisions_are_audited_with_old_and_new(tmp_path):
    db = store.open_db(tmp_path / "s.db")
    government_id = _government(db)
    _save(db, government_id, [_finding("k1")])
    store.findings.set_decision(db, government_id, "k1", {"status": "dismissed", "reason": "措辞相近"}, by=None)
    store.findings.set_decision(db, government_id, "k1", {"status": "confirmed", "lead": "示例市甲局",
                                                 "matter": "甲事项"}, by=None)
    assert store.findings.clear_decision(db, government_id, "k1", by=None)
    assert not store.findings.clear_decision(db, government_id, "k1", by=None)
    reopen, confirm, dismiss = store.audit.list_audit(db)[:3]
    assert dismiss["action"] == "decision_dismissed" and dismiss["old"] is None
    assert json.loads(dismiss["new"])["reason"] == "措辞相近"
    assert confirm["action"] == "decision_confirmed"
    assert json.loads(confirm["old"])["status"] == "dismissed"
    assert json.loads(confirm["new"])["lead"] == "示例市甲局"
    assert reopen["action"] == "decision_reopen" and reopen["new"] is None
    assert confirm["entity"] == f"finding:{government_id}:k1"
    with pytest.raises(store.StoreError):
        store.findings.set_decision(db, government_id, "k1", {"status": "maybe"}, by=None)
    db.close()


def test_filters_and_facets(tmp_path):
    db = store.open_db(tmp_path / "s.db")
    government_id = _government(db)
    _save(db, government_id, [
        _finding("k1", kind="overlap", topic="食品安全", score=0.95),
        _finding("k2", kind="settled", topic="食品安全", score=0.5, department_b="示例市丙局"),
        _finding("k3", kind="lead_assist", topic="安全生产", score=0.4, scope="divisions",
                 department_a="示例市丙局", department_b="示例市丙局")])
    store.findings.set_decision(db, government_id, "k2", {"status": "confirmed", "lead": "示例市甲局",
                                                 "matter": "m"}, by=None)

    def keys(**filters):
        return [row["key"] for row in store.findings.list_findings(db, government_id, **filters)]

    assert keys() == ["k1", "k2", "k3"]
    assert keys(kind="settled") == ["k2"]
    assert keys(topic="食品安全") == ["k1", "k2"]
    assert keys(min_score=0.5) == ["k1", "k2"]
    assert keys(status="open") == ["k1", "k3"]
    assert keys(status="confirmed") == ["k2"]
    assert keys(department="示例市丙局") == ["k2", "k3"]
    assert keys(scope="divisions") == ["k3"]
    facets = store.findings.finding_facets(db, government_id)
    assert facets["by_kind"] == {"overlap": 1, "settled": 1, "lead_assist": 1}
    assert facets["by_status"] == {"open": 2, "confirmed": 1}
    assert facets["departments"] == ["示例市丙局", "示例市乙局", "示例市甲局"]
    assert facets["topics"] == ["安全生产", "食品安全"]
    assert store.findings.finding_facets(db, government_id, department="示例市丙局")["total"] == 2
    db.close()


def test_run_state_counts_requests(tmp_path):
    db = store.open_db(tmp_path / "s.db")
    government_id = _government(db)
    assert store.findings.get_detection(db, government_id)["pending"] is False
    store.findings.request_detection(db, government_id)
    generation = store.findings.start_detection(db, government_id)
    store.findings.request_detection(db, government_id)  # arrives while the run is going
    _save(db, government_id, [], generation=generation)
    run = store.findings.get_detection(db, government_id)
    assert run["pending"] is True and run["notes"] == ["提示"]
    _save(db, government_id, [], generation=store.findings.start_detection(db, government_id))
    assert store.findings.get_detection(db, government_id)["pending"] is False
    store.findings.request_detection(db, government_id)
    assert store.findings.fail_pending_detections(db, "中断") == 1
    run = store.findings.get_detection(db, government_id)
    assert run["pending"] is False and run["message"] == "中断"
    db.close()


def test_a_government_left_empty_takes_its_findings_along(tmp_path):
    """Re-filing the only file of a government under another one drops the old government
    (and its findings) without tripping the foreign key; decisions stay."""
    db = store.open_db(tmp_path / "s.db")
    government_id = _government(db, "示例县")
    _save(db, government_id, [_finding("k1")])
    store.findings.set_decision(db, government_id, "k1", {"status": "dismissed", "reason": "x"}, by=None)
    version = store.documents.list_versions(db)[0]
    doc = {"file": "a.txt", "department": "示例市甲局", "government": "示例市", "title": "t",
           "format": "text", "warnings": [], "duties": [], "divisions": [], "divisions_of_labour": []}
    store.documents.store_parsed(db, doc, doc, file_name="a.txt", stored_name="a.txt", sha256=version["sha256"],
                       by=None, government="示例市", department="示例市甲局")
    assert store.documents.get_government_by_name(db, "示例县") is None
    assert store.count(db, "findings") == 0
    assert store.count(db, "detection_runs") == 0
    assert store.count(db, "decisions") == 1
    db.close()
