"""Store functions of the 机构编制问题台账: numbers assigned once, several departments per entry,
imports all or none, 对账销号 audited, and the register moving to another database through .xlsx."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from survey.reform.problems import ProblemError
from webapp import store
from webapp.services import problems as service

from conftest import make_department
from workbooks import xlsx_bytes

NAMES = ["示例市水利局", "示例市商务局", "示例市交通运输局"]


def _department(db, name: str, government: str = "示例市") -> int:
    return make_department(db, name, government)


@pytest.fixture
def city(db) -> dict:
    ids = {name: _department(db, name) for name in NAMES}
    government = store.documents.get_government_by_name(db, "示例市")
    return {"government": government, "ids": ids}


def _entry(ids: list[int], **changes) -> dict:
    entry = {"category": "超编进人", "description": "超编制进人 2 名", "measure": "", "found_on": "2026-03-01",
             "source": "自查自纠", "due_on": "2026-06-30", "department_ids": ids, "year": 2026}
    entry.update(changes)
    return entry


def test_the_migration_adds_the_register(db):
    assert {"problems", "problem_departments", "problem_history", "problem_attachments"} <= set(db.table_names())


def test_numbers_are_assigned_once_per_government_and_year(db, city):
    gid, ids = city["government"]["id"], city["ids"]
    first = store.problems.add_problem(db, gid, _entry([ids["示例市水利局"]]), None)
    second = store.problems.add_problem(db, gid, _entry([ids["示例市商务局"]]), None)
    older = store.problems.add_problem(db, gid, _entry([ids["示例市商务局"]], found_on="2025-12-01", year=2025), None)
    assert [n for _, n in (first, second, older)] == ["问题-2026-001", "问题-2026-002", "问题-2025-001"]
    kept = store.problems.add_problem(db, gid, _entry([ids["示例市水利局"]], serial=40), None)
    assert kept[1] == "问题-2026-040"
    assert store.problems.add_problem(db, gid, _entry([ids["示例市水利局"]]), None)[1] == "问题-2026-041"
    with pytest.raises(store.StoreError, match="已在台账中"):
        store.problems.add_problem(db, gid, _entry([ids["示例市水利局"]], serial=40), None)
    other = _department(db, "示例县水利局", government="示例县")
    county = store.documents.get_government_by_name(db, "示例县")["id"]
    assert store.problems.add_problem(db, county, _entry([other]), None)[1] == "问题-2026-001"
    with pytest.raises(store.StoreError, match="本政府的部门"):
        store.problems.add_problem(db, gid, _entry([ids["示例市水利局"], other]), None)
    # editing keeps the number, even when the year found changes
    store.problems.update_problem(db, first[0], _entry([], found_on="2024-01-01"), [ids["示例市水利局"]], None)
    assert store.problems.get_problem(db, first[0])["number"] == "问题-2026-001"
    assert store.problems.numbers(db, gid) == {"问题-2026-001", "问题-2026-002", "问题-2025-001", "问题-2026-040",
                                              "问题-2026-041"}


def test_one_entry_for_several_departments_found_from_each(db, city):
    gid, ids = city["government"]["id"], city["ids"]
    both = [ids["示例市水利局"], ids["示例市商务局"]]
    problem_id, _ = store.problems.add_problem(db, gid, _entry(both, category="混编混岗"), None)
    row = store.problems.get_problem(db, problem_id)
    assert row["department_names"] == "示例市商务局、示例市水利局" and row["government_name"] == "示例市"
    assert [r["id"] for r in store.problems.list_problems(db, gid, department_id=ids["示例市商务局"])] == [problem_id]
    assert store.problems.list_problems(db, gid, department_id=ids["示例市交通运输局"]) == []
    assert len(store.problems.list_problems(db, gid, category="混编混岗")) == 1
    assert store.problems.list_problems(db, gid, category="超编进人") == []
    store.problems.update_problem(db, problem_id, _entry([]), [ids["示例市交通运输局"]], 1)
    assert store.problems.get_problem(db, problem_id)["department_names"] == "示例市交通运输局"
    audit = store.audit.list_audit(db, action="problem_update")[0]
    assert json.loads(audit["old"])["department_ids"] == sorted(both)
    with pytest.raises(store.StoreError, match="至少选择一个"):
        store.problems.update_problem(db, problem_id, _entry([]), [], None)


def test_closing_is_stored_with_its_evidence_and_audited(db, city):
    gid, ids = city["government"]["id"], city["ids"]
    problem_id, number = store.problems.add_problem(db, gid, _entry([ids["示例市水利局"]]), None)
    attachment = {"file_name": "整改报告.pdf", "stored_name": "problem-abc.pdf", "size": 10}
    store.problems.move_problem(db, problem_id, "已销号", closed_on="2026-04-01", closing_note="", note="",
                                by=None, attachment=attachment)
    row = store.problems.get_problem(db, problem_id)
    assert (row["status"], row["closed_on"], row["attachment_count"]) == ("已销号", "2026-04-01", 1)
    assert [h["to_status"] for h in store.problems.problem_history(db, problem_id)] == ["待整改", "已销号"]
    audit = store.audit.list_audit(db, action="problem_status")[0]
    assert audit["entity"] == f"problem:{problem_id}" and json.loads(audit["new"])["attachment"] == "整改报告.pdf"
    assert store.audit.list_audit(db, action="problem_attachment")
    with pytest.raises(store.StoreError, match="已销号的问题不能修改"):
        store.problems.update_problem(db, problem_id, _entry([]), [ids["示例市水利局"]], None)
    assert store.problems.attachment_names(db, gid) == {problem_id: ["整改报告.pdf"]}
    assert store.problems.list_problems(db, gid, open_only=True) == []
    assert number == row["number"]


def test_an_import_stores_all_rows_or_none(db, city):
    government = city["government"]
    store.problems.add_problem(db, government["id"], _entry([city["ids"]["示例市水利局"]], serial=5), None)
    header = ["编号", "涉及部门", "问题类别", "问题描述", "整改措施", "发现日期", "发现途径", "整改时限", "状态",
              "销号日期", "销号说明"]
    good = [None, "水利局、商务局", "混编混岗", "混岗", "", "2026-03-01", "督查", "2026-06-30", None, None, None]
    taken = ["问题-2026-005"] + good[1:]
    with pytest.raises(ProblemError) as caught:
        service.import_register(db, government, xlsx_bytes([good, taken], header), "台账.xlsx", None)
    assert caught.value.errors[0].startswith("第3行：编号“问题-2026-005”已在台账中")
    assert store.count(db, "problems") == 1
    numbers = service.import_register(db, government, xlsx_bytes([good, good], header), "台账.xlsx", None)
    assert numbers == ["问题-2026-006", "问题-2026-007"]
    row = store.problems.get_problem(db, store.problems.list_problems(db, government["id"])[-1]["id"])
    assert row["department_names"] == "示例市商务局、示例市水利局"
    assert store.problems.problem_history(db, row["id"])[0]["note"] == "导入：台账.xlsx"


def test_the_register_moves_to_another_database_through_xlsx(db, city, tmp_path):
    gid, ids = city["government"]["id"], city["ids"]
    store.problems.add_problem(db, gid, _entry([ids["示例市水利局"], ids["示例市商务局"]], measure="清退"), None)
    closed, _ = store.problems.add_problem(db, gid, _entry([ids["示例市交通运输局"]], category="其他",
                                                           found_on="2025-11-02", year=2025), None)
    store.problems.move_problem(db, closed, "已销号", closed_on="2026-01-05", closing_note="已整改到位",
                                note="已整改到位", by=None)
    data = service.export_register(db, gid, today=dt.date(2026, 5, 1))
    other = store.open_db(tmp_path / "other.db")
    try:
        for name in reversed(NAMES):  # other ids in the other database
            _department(other, name)
        government = store.documents.get_government_by_name(other, "示例市")
        numbers = service.import_register(other, government, data, "台账.xlsx", None)
        assert numbers == ["问题-2025-001", "问题-2026-001"]  # by deadline, then number, as exported
        before = [service.problem_of(row) for row in store.problems.list_problems(db, gid)]
        after = [service.problem_of(row) for row in store.problems.list_problems(other, government["id"])]
        assert after == before and after[0].closing_note == "已整改到位"
    finally:
        other.close()


def test_a_renamed_departments_problems_follow_its_last_version(db, city):
    gid = city["government"]["id"]
    old = _department(db, "示例市交通局")
    problem_id, _ = store.problems.add_problem(db, gid, _entry([old, city["ids"]["示例市交通运输局"]]), None)
    version = store.documents.department_versions(db, old)[0]["id"]
    store.documents.move_version(db, version, city["ids"]["示例市交通运输局"], None)
    assert store.documents.get_department(db, old) is None
    assert store.problems.get_problem(db, problem_id)["department_names"] == "示例市交通运输局"


def test_a_renamed_departments_rectification_entries_follow_it_too(db, city):
    gid = city["government"]["id"]
    old = _department(db, "示例市交通局")
    entry = store.evaluations.add_rectification(db, gid, old, {
        "problem": "职责交叉未厘清", "measure": "制定分工方案", "owner": "办公室", "deadline": "2026-12-31",
        "origin": "评估"}, None)
    version = store.documents.department_versions(db, old)[0]["id"]
    store.documents.move_version(db, version, city["ids"]["示例市交通运输局"], None)  # was an error page
    assert store.documents.get_department(db, old) is None
    assert store.evaluations.get_rectification(db, entry)["department_id"] == city["ids"]["示例市交通运输局"]
