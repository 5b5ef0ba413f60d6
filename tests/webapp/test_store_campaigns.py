"""The campaign store: what it refuses (other governments' departments, systems and rounds; taking
out a unit with records) and how campaigns live with the documents of their units (a deleted or
renamed department)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from webapp import store
from webapp.services import campaigns as service

from conftest import make_department, make_round


@pytest.fixture
def two(db) -> dict:
    city = {name: make_department(db, name) for name in ("示例市水利局", "示例市交通局", "示例市商务局")}
    county = make_department(db, "示例县水利局", "示例县")
    government = store.documents.get_government_by_name(db, "示例市")
    campaign_id = store.campaigns.create_campaign(db, government["id"], {
        "name": "评估", "year": 2026, "deadlines": {"self": "2026-03-01"}}, None)
    return {"city": city, "county": county, "government_id": government["id"], "campaign_id": campaign_id}


def test_a_campaign_holds_only_its_governments_things(app, db, two):
    campaign_id, city = two["campaign_id"], two["city"]
    with pytest.raises(store.StoreError, match="评估单位须是本政府的部门"):
        store.campaigns.set_units(db, campaign_id, [city["示例市水利局"], two["county"]], [], None)
    with pytest.raises(store.StoreError, match="实地抽查的单位须在评估范围内"):
        store.campaigns.set_units(db, campaign_id, [city["示例市水利局"]], [city["示例市交通局"]], None)
    county_round = make_round(app, db, departments=["示例县水利局"])
    county_id = store.documents.get_government_by_name(db, "示例县")["id"]
    db.execute("UPDATE rounds SET government_id = ? WHERE id = ?", [county_id, county_round["id"]])
    with pytest.raises(store.StoreError, match="评议轮次须是本政府的评议轮次"):
        store.campaigns.set_rounds(db, campaign_id, [county_round["id"]], None)
    with pytest.raises(store.StoreError, match="已有名为“评估”的评估活动"):
        store.campaigns.create_campaign(db, two["government_id"], {"name": "评估", "year": 2026}, None)
    assert store.count(db, "campaign_units") == 0 and store.count(db, "campaign_rounds") == 0
    assert [row["action"] for row in store.audit.list_audit(db) if row["action"].startswith("campaign")] == [
        "campaign_create"]  # nothing refused was written


def test_a_unit_with_records_stays_and_a_draw_is_recorded_with_its_population(db, two):
    campaign_id, city = two["campaign_id"], two["city"]
    campaign = store.campaigns.get_campaign(db, campaign_id)
    seed, drawn = service.draw_units(db, campaign, "scope", 2, 99, None)
    again = store.campaigns.list_draws(db, campaign_id)[0]
    assert (seed, again["seed"], again["population"], again["drawn"]) == (99, 99, sorted(city), drawn)
    kept = drawn[0]
    store.campaigns.set_feedback(db, campaign_id, city[kept], "反馈", None)
    other = [name for name in city if name not in drawn][0]
    with pytest.raises(store.StoreError, match=f"{kept}（已有反馈意见）"):
        store.campaigns.set_units(db, campaign_id, [city[other]], [], None)
    with pytest.raises(Exception, match="抽取数量（4）超过可抽取的单位数（3）"):
        service.draw_units(db, campaign, "scope", 4, 1, None)
    assert sorted(row["name"] for row in store.campaigns.list_units(db, campaign_id)) == sorted(drawn)
    with pytest.raises(store.StoreError, match="不在本活动的评估范围内"):
        store.campaigns.set_feedback(db, campaign_id, city[other], "反馈", None)


def test_units_outlive_their_documents(db, two):
    """Deleting a unit's only 三定 is refused naming 评估活动; 归入 (a renamed department) keeps the
    unit under its old department, and its 整改 entries count for the unit wherever they go."""
    campaign_id, city = two["campaign_id"], two["city"]
    water, transport = city["示例市水利局"], city["示例市交通局"]
    store.campaigns.set_units(db, campaign_id, [water, transport], [], None)
    version = store.documents.current_version_id(db, water)
    with pytest.raises(store.StoreError, match="评估活动"):
        store.documents.delete_version(db, version, None)
    assert store.documents.get_department(db, water) is not None
    deadline = (date.today() + timedelta(days=10)).isoformat()
    entry = store.campaigns.add_rectification_entry(db, campaign_id, transport, {
        "problem": "问题", "measure": "措施", "owner": "人", "deadline": deadline, "origin": "评估意见"}, None)
    store.documents.move_version(db, store.documents.current_version_id(db, transport), water, None)
    assert store.documents.get_department(db, transport) is not None  # kept: the campaign records it
    assert store.evaluations.get_rectification(db, entry)["department_id"] == water  # the ledger follows
    board = service.board(db, store.campaigns.get_campaign(db, campaign_id)).board
    cells = {row.unit: row.cells["rectify"].detail for row in board.rows}
    assert cells == {"示例市交通局": "未销号 1/1 项", "示例市水利局": "反馈后登记整改事项"}
