"""Store and service of the 清单 registers on a real SQLite file: the draft changes only through
decided requests, stale requests are refused, batches are all or none, editions are frozen, matter
ids are never reused, the 行业领域 index, and a government keeping registers outlives its documents."""
from __future__ import annotations

import json
import sqlite3

import pytest

from survey.lists.kinds import KINDS, ListsError
from webapp import store
from webapp.services import lists as service

from conftest import make_department

BOUNDARY = KINDS["boundary"]
NAMES = ["示例市水利局", "示例市公安局", "示例市自然资源和规划局"]


@pytest.fixture
def city(db) -> dict:
    for name in NAMES:
        make_department(db, name)
    return store.documents.get_government_by_name(db, "示例市")


def _raw(**changes) -> dict:
    raw = {"matter": "河道采砂管理", "field": "水利水务", "lead": "示例市水利局", "assisting": ["示例市公安局"],
           "duties": "水利局负责许可和监督检查，公安局打击非法采砂", "basis": ""}
    raw.update(changes)
    return raw


def _approved(db, city, **changes) -> int:
    """A matter added and approved; its draft id."""
    change = service.propose_add(db, city, BOUNDARY, _raw(**changes), "新增", None)
    service.decide(db, city, BOUNDARY, change, True, "", None)
    register = service.list_id(db, city["id"], BOUNDARY)
    name = changes.get("matter") or "河道采砂管理"
    return next(m.id for m in service.draft_matters(db, register) if m.name == name)


def test_the_migration_adds_the_registers(db):
    assert {"lists", "list_fields", "list_matters", "list_changes", "list_editions",
            "list_edition_matters"} <= set(db.table_names())


def test_a_proposal_changes_nothing_until_approved_and_is_logged(db, city):
    change = service.propose_add(db, city, BOUNDARY, _raw(), "威海做法：增加地方事项", 1)
    register = service.list_id(db, city["id"], BOUNDARY)
    assert service.draft_matters(db, register) == []
    [pending] = store.lists.list_changes(db, register, status="pending")
    assert (pending["action"], pending["reason"], pending["proposed_by_name"]) == ("add", "威海做法：增加地方事项",
                                                                                   "测试admin")
    with pytest.raises(ListsError, match="已有待审核的新增申请"):
        service.propose_add(db, city, BOUNDARY, _raw(), "重复", None)
    with pytest.raises(ListsError, match="驳回须写明理由"):
        service.decide(db, city, BOUNDARY, change, False, " ", 1)
    service.decide(db, city, BOUNDARY, change, True, "同意", 1)
    [matter] = service.draft_matters(db, register)
    assert matter.values["lead"] == "示例市水利局"
    decided = store.lists.get_change(db, register, change)
    assert (decided["status"], decided["decided_by_name"], decided["decision_note"], decided["matter_id"]) == (
        "approved", "测试admin", "同意", matter.id)
    with pytest.raises(ListsError, match="此申请已已批准|不能再次审核"):
        service.decide(db, city, BOUNDARY, change, True, "", 1)
    actions = [row["action"] for row in store.audit.list_audit(db)]
    assert {"list_change_propose", "list_change_approve"} <= set(actions)


def test_a_request_the_draft_moved_past_is_refused(db, city):
    matter_id = _approved(db, city)
    register = service.list_id(db, city["id"], BOUNDARY)
    first = service.propose_edit(db, city, BOUNDARY, matter_id, _raw(duties="第一种改法"), "改", None)
    second = service.propose_edit(db, city, BOUNDARY, matter_id, _raw(duties="第二种改法"), "改", None)
    remove = service.propose_remove(db, city, BOUNDARY, matter_id, "撤销", None)
    with pytest.raises(ListsError, match="内容没有改动"):
        service.propose_edit(db, city, BOUNDARY, matter_id, _raw(), "无", None)
    service.decide(db, city, BOUNDARY, first, True, "", None)
    with pytest.raises(ListsError, match="在此申请提出后已被修改"):
        service.decide(db, city, BOUNDARY, second, True, "", None)
    assert store.lists.get_change(db, register, second)["status"] == "pending"  # nothing written
    service.decide(db, city, BOUNDARY, remove, True, "", None)
    assert service.draft_matters(db, register) == []
    service.decide(db, city, BOUNDARY, second, False, "已删除", None)
    assert store.lists.get_change(db, register, second)["status"] == "rejected"


def test_a_renamed_matter_cannot_take_a_name_in_use(db, city):
    _approved(db, city)
    other = _approved(db, city, matter="河湖划界")
    with pytest.raises(ListsError, match="工作稿中已有名为“河道采砂管理”的事项"):
        service.propose_edit(db, city, BOUNDARY, other, _raw(), "改名", None)


def test_a_batch_is_approved_all_or_none(db, city):
    register = store.lists.ensure_list(db, city["id"], "boundary")
    values = [_raw(matter=name) for name in ("甲事项", "乙事项", "甲事项")]  # the third would collide
    for raw in values:
        raw["lead"], raw["assisting"] = "示例市水利局", []
    _ids, batch = store.lists.propose(db, register, [{"action": "add", "matter": raw["matter"], "new": raw,
                                                      "reason": "导入"} for raw in values], None, batch=True)
    with pytest.raises(ListsError, match="工作稿中已有名为“甲事项”"):
        service.decide_batch(db, city, BOUNDARY, batch, True, "", None)
    assert service.draft_matters(db, register) == []
    assert len(store.lists.list_changes(db, register, status="pending")) == 3
    assert service.decide_batch(db, city, BOUNDARY, batch, False, "重复", None) == 3
    with pytest.raises(ListsError, match="这一批没有待审核的申请"):
        service.decide_batch(db, city, BOUNDARY, batch, True, "", None)


def test_approval_checks_the_matter_again(db, city):
    change = service.propose_add(db, city, BOUNDARY, _raw(field="水利水务"), "新增", None)
    store.lists.save_fields(db, city["id"], ["安全生产", "其他"], None)
    with pytest.raises(ListsError, match="“水利水务”不在本政府的行业领域索引中"):
        service.decide(db, city, BOUNDARY, change, True, "", None)


def test_editions_are_frozen_and_matter_ids_never_reused(db, city):
    first = _approved(db, city, matter="甲事项")
    second = _approved(db, city, matter="乙事项")
    edition = service.publish(db, city, BOUNDARY, None, title="2025年版")
    assert (edition["number"], edition["title"], edition["matter_count"]) == (1, "2025年版", 2)
    with pytest.raises(ListsError, match="工作稿与第1版（2025年版）相同，无需发布"):
        service.publish(db, city, BOUNDARY, None)
    for sql in ("UPDATE list_edition_matters SET matter = 'x'", "DELETE FROM list_edition_matters",
                "UPDATE list_editions SET title = 'x'", "DELETE FROM list_editions"):
        with pytest.raises(sqlite3.IntegrityError, match="已发布的清单版本不能修改"):
            db.execute(sql)
    service.decide(db, city, BOUNDARY, service.propose_remove(db, city, BOUNDARY, second, "撤销", None), True, "",
                   None)
    third = _approved(db, city, matter="丙事项")
    assert third > second > first  # a new matter never takes a removed one's id
    edition = service.publish(db, city, BOUNDARY, None, note="第二版")
    assert edition["number"] == 2
    _old, _new, found = service.compare(db, city, BOUNDARY, "1", "2")
    assert [m.name for m in found.added] == ["丙事项"] and [m.name for m in found.removed] == ["乙事项"]
    assert not found.changed
    register = service.list_id(db, city["id"], BOUNDARY)
    assert [row["matter"] for row in store.lists.edition_matters(db, store.lists.get_edition(db, register, 1)["id"])] \
        == ["甲事项", "乙事项"]
    with pytest.raises(ListsError, match="没有第9版"):
        service.compare(db, city, BOUNDARY, "1", "9")


def test_the_field_index_is_kept_per_government(db, city):
    assert service.fields(db, city["id"])[-1] == "其他" and store.lists.field_names(db, city["id"]) is None
    _approved(db, city)
    with pytest.raises(store.StoreError, match="水利水务（1 项）"):
        store.lists.save_fields(db, city["id"], ["安全生产"], None)
    pending = service.propose_add(db, city, BOUNDARY, _raw(matter="河湖划界"), "新增", None)
    assert store.lists.rename_field(db, city["id"], service.fields(db, city["id"]), "水利水务", "水利", None) == 1
    register = service.list_id(db, city["id"], BOUNDARY)
    assert [m.field for m in service.draft_matters(db, register)] == ["水利"]
    assert store.lists.get_change(db, register, pending)["new"]["field"] == "水利"
    service.decide(db, city, BOUNDARY, pending, True, "", None)  # still right after the rename
    assert "水利" in service.fields(db, city["id"]) and "水利水务" not in service.fields(db, city["id"])
    with pytest.raises(store.StoreError, match="已有“安全生产”"):
        store.lists.rename_field(db, city["id"], service.fields(db, city["id"]), "水利", "安全生产", None)
    entry = store.audit.list_audit(db, action="list_field_rename")[0]
    assert json.loads(entry["new"]) == {"name": "水利", "matters": 1}


def test_a_government_keeping_registers_outlives_its_last_document(db):
    make_department(db, "示例县水利局", "示例县")
    county = store.documents.get_government_by_name(db, "示例县")
    store.lists.save_fields(db, county["id"], ["水利水务", "其他"], None)
    [version] = store.documents.list_versions(db)
    store.documents.delete_version(db, version["id"], None)
    assert store.documents.get_government(db, county["id"]) is not None
