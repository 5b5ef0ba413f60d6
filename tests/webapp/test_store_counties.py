"""The store of counties as evaluated units (store.counties): counties under a city, the rows that
stand for them in the city's campaigns, how they live with the city's documents, and the filings
for 审核备案 (one waiting at a time, decided once, keeping the county in the campaign's scope)."""
from __future__ import annotations

import sqlite3

import pytest

from webapp import store

from conftest import make_department

FILING = {"as_of": "2026-06-30", "note": "", "institutions": {}, "units": [],
          "total": {"department": "合计", "note": "", "posts": {"行政编制": {"approved": 10, "actual": 9}},
                    "leaders": {}}}


@pytest.fixture
def city(db) -> dict:
    department = make_department(db, "示例市水利局")
    government_id = store.documents.get_government_by_name(db, "示例市")["id"]
    assert store.counties.register(db, government_id, ["阿荣旗", "扎兰屯市"], None) == ["阿荣旗", "扎兰屯市"]
    ids = store.counties.unit_ids(db, government_id)
    campaign_id = store.campaigns.create_campaign(db, government_id, {
        "name": "旗市区评估", "year": 2026, "target": "counties"}, None)
    store.campaigns.set_units(db, campaign_id, list(ids.values()), [], None)
    return {"government_id": government_id, "department": department, "ids": ids, "campaign_id": campaign_id}


def test_counties_sit_under_one_city_and_survive_its_documents(db, city):
    government_id, ids = city["government_id"], city["ids"]
    arong = store.documents.get_government_by_name(db, "阿荣旗")
    assert arong["parent_id"] == government_id
    assert store.counties.unit_of_county(db, arong["id"])["id"] == ids["阿荣旗"]
    assert [c["name"] for c in store.counties.list_counties(db, government_id)] == ["扎兰屯市", "阿荣旗"]
    # a county stands for one city only, also when written around the store
    other = store.documents.get_or_create_government(db, "另一市")
    with pytest.raises(store.StoreError, match="“阿荣旗”已登记在其他政府之下"):
        store.counties.register(db, other, ["阿荣旗"], None)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO departments (government_id, name, county_id) VALUES (?, ?, ?)",
                   [other, "阿荣旗", arong["id"]])
    with pytest.raises(store.StoreError, match="是本级政府"):
        store.counties.register(db, government_id, ["示例市"], None)
    # the city's only 三定 deleted: its department goes, its counties (and the city) stay
    [version] = store.documents.department_versions(db, city["department"])
    store.documents.delete_version(db, version["id"], None)
    assert store.documents.department_ids(db, government_id) == {}
    assert sorted(store.counties.unit_ids(db, government_id)) == sorted(["阿荣旗", "扎兰屯市"])
    assert store.documents.get_government_by_name(db, "阿荣旗") is not None


def test_a_filing_waits_alone_is_decided_once_and_keeps_the_county_in_scope(db, city):
    campaign_id, unit = city["campaign_id"], city["ids"]["阿荣旗"]
    first = store.counties.add_filing(db, campaign_id, unit, FILING, "", None)
    with pytest.raises(store.StoreError, match="上一次报送还在等待编办审核"):
        store.counties.add_filing(db, campaign_id, unit, FILING, "", None)
    with pytest.raises(store.StoreError, match="以下单位已有记录，不能移出：阿荣旗（已有机构编制备案报送）"):
        store.campaigns.set_units(db, campaign_id, [city["ids"]["扎兰屯市"]], [], None)
    store.counties.decide_filing(db, first, "returned", "数据有误", None)
    with pytest.raises(store.StoreError, match="该报送已审核"):
        store.counties.decide_filing(db, first, "filed", "", None)
    second = store.counties.add_filing(db, campaign_id, unit, FILING, "实名制.xlsx", None)
    store.counties.decide_filing(db, second, "filed", "", None)
    assert [(r["id"], r["status"]) for r in store.counties.list_filings(db, campaign_id, unit)] == [
        (second, "filed"), (first, "returned")]
    assert store.counties.latest_filings(db, campaign_id)[unit]["id"] == second
    assert store.counties.get_filing(db, first)["reason"] == "数据有误"
    # only a county in the campaign files, not a department of the city
    department_campaign = store.campaigns.create_campaign(db, city["government_id"], {
        "name": "部门评估", "year": 2026}, None)
    store.campaigns.set_units(db, department_campaign, [city["department"]], [], None)
    with pytest.raises(store.StoreError, match="该旗市区不在本活动的评估范围内"):
        store.counties.add_filing(db, department_campaign, city["department"], FILING, "", None)
    actions = [row["action"] for row in store.audit.list_audit(db) if row["action"].startswith(("county", "counties"))]
    assert sorted(actions) == sorted(["counties_register", "county_filing", "county_filing_decide",
                                      "county_filing", "county_filing_decide"])
