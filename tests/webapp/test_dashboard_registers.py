"""The 工作台 lists the units over their 编制 or leader posts in the current 实名制 import and the
campaign units late on a phase, each linking to its page, within the account's scope."""
from __future__ import annotations

from datetime import date, timedelta

import scoped_city

from webapp import store
from webapp.services import dashboard


def _day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


def _roll(db, government_id: int, as_of: str, over: dict[str, int]) -> None:
    """An import where each named department has `over[name]` 行政编制 more than its 核定 of 10."""
    ids = store.documents.department_ids(db, government_id)
    store.roll.save_roll(db, government_id, as_of, "实名制.xlsx", [
        {"department_id": ids[name], "department_name": name, "note": "",
         "figures": {"posts": {"行政编制": {"approved": 10, "actual": 10 + extra}}}} for name, extra in over.items()],
        None)


def _late_campaign(db, government_id: int, name: str, units: list[str]) -> int:
    """A campaign whose 自查自评 deadline passed four days ago; only the last unit submitted."""
    ids = store.documents.department_ids(db, government_id)
    campaign_id = store.campaigns.create_campaign(db, government_id, {
        "name": name, "year": date.today().year, "system_id": None,
        "deadlines": {"self": _day(-4), "review": _day(10)}}, None)
    store.campaigns.set_units(db, campaign_id, [ids[unit] for unit in units], [], None)
    store.campaigns.add_submission(db, campaign_id, ids[units[-1]], {"submitted_on": _day(-6)}, [], [], None)
    return campaign_id


def test_the_current_imports_over_units_link_to_their_archive(client, auth, db, sample_city):
    gid = sample_city["id"]
    ids = store.documents.department_ids(db, gid)
    auth.login("evaluator")
    page = client.get("/").get_data(as_text=True)
    assert "现行实名制数据中没有超编或超职数的单位" in page and "评估活动中没有逾期的单位" in page
    _roll(db, gid, "2025-12-31", {"示例市商务局": 3, "示例市水利局": 0})
    _roll(db, gid, "2026-03-31", {"示例市水利局": 2, "示例市商务局": 0})  # current: 商务局 is within its numbers now
    page = client.get("/").get_data(as_text=True)
    assert "示例市水利局：行政编制超编 2 名（实名制数据 2026-03-31）" in page
    assert f'href="/archive/departments/{ids["示例市水利局"]}"' in page
    assert "示例市商务局：" not in page
    found = dashboard.over_units(db)
    assert [(todo.endpoint, todo.args) for todo in found] == [
        ("archive.department", {"department_id": ids["示例市水利局"]})]


def test_leader_posts_over_the_三定_are_listed_too(db, sample_city):
    gid = sample_city["id"]
    ids = store.documents.department_ids(db, gid)
    # 水利局's 三定: 副局长 3 and 总工程师 1 are its 副职 (4); 5 held
    store.roll.save_roll(db, gid, "2026-03-31", "实名制.xlsx", [
        {"department_id": ids["示例市水利局"], "department_name": "示例市水利局", "note": "",
         "figures": {"leaders": {"副职": {"approved": None, "actual": 5}}}}], None)
    [todo] = dashboard.over_units(db)
    assert todo.text == "示例市水利局：副职超职数 1 名（实名制数据 2026-03-31）"


def test_campaign_units_late_on_a_phase_link_to_their_page(client, auth, db, sample_city):
    gid = sample_city["id"]
    ids = store.documents.department_ids(db, gid)
    campaign_id = _late_campaign(db, gid, "2026年度评估", ["示例市水利局", "示例市商务局", "示例市农业农村局"])
    auth.login("staff")
    page = client.get("/").get_data(as_text=True)
    assert "评估活动逾期单位 <span class=\"muted\">2 个</span>" in page
    assert "2026年度评估：示例市水利局自查自评逾期 4 天" in page
    assert f'href="/campaigns/{campaign_id}/units/{ids["示例市商务局"]}"' in page
    assert "示例市农业农村局自查自评" not in page  # submitted in time
    assert client.get(f"/campaigns/{campaign_id}/units/{ids['示例市商务局']}").status_code == 200
    assert dashboard.late_units(db, today=date.today() - timedelta(days=30)) == []  # not yet past the deadline


def test_a_scoped_account_sees_only_its_governments_units(client, auth, db, two_governments):
    own = store.documents.get_government_by_name(db, scoped_city.OWN)
    other = store.documents.get_government_by_name(db, scoped_city.OTHER)
    own_names = sorted(store.documents.department_ids(db, own["id"]))
    other_names = sorted(store.documents.department_ids(db, other["id"]))
    _roll(db, own["id"], "2026-03-31", {own_names[0]: 1})
    _roll(db, other["id"], "2026-03-31", {other_names[0]: 4})
    _late_campaign(db, own["id"], "县评估活动", own_names[:2])
    _late_campaign(db, other["id"], "市评估活动", other_names[:2])
    auth.login("own-staff", scoped_city.PASSWORD)
    page = client.get("/").get_data(as_text=True)
    assert f"{own_names[0]}：行政编制超编 1 名" in page and f"县评估活动：{own_names[0]}自查自评逾期" in page
    assert scoped_city.OTHER not in page and "市评估活动" not in page
    auth.logout()
    auth.login("staff")  # unlimited: both
    page = client.get("/").get_data(as_text=True)
    assert f"{other_names[0]}：行政编制超编 4 名" in page and "市评估活动" in page and "县评估活动" in page
