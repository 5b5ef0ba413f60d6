"""Store functions of the reform pages: version order, rules, snapshots, task lists; and the
施行 date reader."""
from __future__ import annotations

import datetime as dt

import pytest

from docproc.dates import effective_date
from webapp import store

DOC = {"duties": [], "divisions": [], "divisions_of_labour": []}


def _version(db, sha: str, department: str = "示例市甲局", date: str | None = None,
             government: str = "示例市") -> int:
    version_id, _ = store.documents.store_parsed(db, DOC, DOC, file_name=f"{sha}.txt", stored_name=sha, sha256=sha,
                                       by=None, government=government, department=department)
    if date:
        store.documents.set_effective_date(db, version_id, date, None)
    return version_id


@pytest.mark.parametrize("text, expected", [
    ("第八条 本规定自2019年3月1日起施行。", dt.date(2019, 3, 1)),
    ("本规定自二〇一九年三月十五日起施行", dt.date(2019, 3, 15)),
    ("关于印发…的通知\n示办发〔2019〕12号\n中共示例市委办公室\n2019年2月20日\n正文", dt.date(2019, 2, 20)),
    ("本规定自2019年2月30日起施行", None),
    ("没有日期的三定规定", None),
])
def test_effective_date(text, expected):
    assert effective_date(text) == expected


def test_versions_order_by_effective_date_then_upload(db):
    first = _version(db, "a" * 64, date="2019-03-01")
    older = _version(db, "b" * 64, date="2010-05-01")     # uploaded later, took effect earlier
    undated = _version(db, "c" * 64)                       # no date: its upload day (today)
    versions = store.documents.department_versions(db, store.documents.get_version(db, first)["department_id"])
    assert [v["id"] for v in versions] == [older, first, undated]
    assert versions[-1]["current"] and not versions[0]["current"]
    department_id = versions[0]["department_id"]
    assert store.documents.current_version_id(db, department_id) == undated
    store.documents.set_effective_date(db, undated, "2000-01-01", None)
    assert store.documents.current_version_id(db, department_id) == first
    assert store.documents.set_effective_date(db, first, "2020-01-01", None, only_if_empty=True) is False
    government_id = store.documents.get_version(db, first)["government_id"]
    assert [v["id"] for v in store.documents.government_versions(db, government_id)] == [undated, older, first]
    assert [v["id"] for v in store.documents.current_versions(db, government_id)] == [first]


def test_move_version_drops_the_empty_department(db):
    old = _version(db, "d" * 64, department="示例市交通局", date="2010-01-01")
    new = _version(db, "e" * 64, department="示例市交通运输局")
    target = store.documents.get_version(db, new)["department_id"]
    source = store.documents.get_version(db, old)["department_id"]
    store.documents.move_version(db, old, target, None)
    assert store.documents.get_department(db, source) is None
    assert [v["id"] for v in store.documents.department_versions(db, target)] == [old, new]
    other = _version(db, "f" * 64, department="示例县甲局", government="示例县")
    with pytest.raises(store.StoreError, match="同一政府"):
        store.documents.move_version(db, other, target, None)


def test_rules_snapshots_and_tasks_round_trip(db):
    government_id = store.documents.get_version(db, _version(db, "1" * 64))["government_id"]
    department_id = store.documents.department_ids(db, government_id)["示例市甲局"]
    assert store.reform.get_reform_rules(db, government_id) is None
    store.reform.set_reform_rules(db, government_id, {"min_division_cut": 0.2}, None)
    assert store.reform.get_reform_rules(db, government_id) == {"min_division_cut": 0.2}
    holders = [{"department_id": department_id, "department_name": "示例市甲局", "name": "张一",
                "post": "局长", "level": "正处级", "since": "2019-01-01"}]
    first = store.reform.save_leader_snapshot(db, government_id, "2024-Q1", {"lines": []}, holders, None)
    second = store.reform.save_leader_snapshot(db, government_id, "2024-Q1", {"lines": [1]}, holders * 2, None)
    snapshots = store.reform.list_leader_snapshots(db, government_id)  # the quarter was replaced
    assert [(s["id"], s["summary"]) for s in snapshots] == [(second, {"lines": [1]})]
    assert first
    assert len(store.reform.leader_holders(db, second)) == 2
    assert store.count(db, "leader_holders") == 2
    tasks = [{"task": "公文处理", "per_year": 250, "hours": 4, "people": 1}]
    store.reform.replace_saturation_tasks(db, department_id, "办公室", tasks * 2, None)
    store.reform.replace_saturation_tasks(db, department_id, "办公室", tasks, None)
    assert len(store.reform.saturation_tasks(db, department_id)) == 1
    store.reform.set_saturation_settings(db, government_id, {"figures": {"efficiency": 0.8}}, None)
    assert store.reform.get_saturation_settings(db, government_id)["figures"]["efficiency"] == 0.8
