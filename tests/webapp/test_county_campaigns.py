"""Counties as evaluated units (issue 19 item 4): a campaign and an indicator system of a city evaluate
its 旗市区; the office registers the counties under the city and chooses them as units (by hand or
drawn); a county's account (a government as a whole) signs in, fills its 自查自评 and files its
机构编制 figures and 领导职数 for 审核备案, which the office returns with a reason or marks 已备案; the
evaluators score the counties on the existing pages and the city's view ranks them; the board,
feedback and 通报 work as for departments. No county reaches another county's campaign or records."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta
from unittest import mock

import pytest
from openpyxl import Workbook
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from survey.campaigns.sampling import draw
from survey.evaluation.indicators import Indicator, IndicatorSystem, system_to_dict
from survey.reform.roll import HEADER
from webapp import auth, store

from conftest import FIXTURE_PASSWORD_METHOD, PASSWORDS, make_department

PASSWORD = "county-pass-12"
COUNTIES = ["海拉尔区", "扎兰屯市", "阿荣旗"]
LEAF_1, LEAF_2 = ("机构设置", "机构限额执行"), ("编制管理", "编制使用")


def day(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()  # read at each use: a run crosses midnight


def _text(response) -> str:
    return response.get_data(as_text=True)


def _post(client, url: str, fields: dict, files: list[tuple[str, bytes, str]] = ()):
    pairs: list = []
    for key, value in fields.items():
        pairs += [(key, item) for item in value] if isinstance(value, list) else [(key, value)]
    pairs += [(key, FileStorage(io.BytesIO(content), name)) for key, content, name in files]
    boundary, body = encode_multipart(MultiDict(pairs))
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _system() -> IndicatorSystem:
    system = IndicatorSystem("旗市区评估指标", [
        Indicator(("机构设置",), 0.5), Indicator(LEAF_1, 1, 10, "manual", "党政机构不超过限额"),
        Indicator(("编制管理",), 0.5), Indicator(LEAF_2, 1, 10, "manual", "不超编进人")])
    system.validate()
    return system


def _sign_in(app, username: str, password: str = PASSWORD):
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": password})
    assert response.status_code in (302, 303), username
    return client


def _register_xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _filing(**changes) -> dict:
    fields = {"as_of": day(-10), "inst-0-approved": "10", "inst-0-actual": "10", "inst-1-approved": "22",
              "inst-1-actual": "23", "post-0-approved": "300", "post-0-actual": "290",
              "leader-0-approved": "24", "leader-0-actual": "24", "leader-1-approved": "60", "leader-1-actual": "62",
              "note": "截至数据日期的实有数"}
    fields.update(changes)
    return fields


@pytest.fixture
def city(app, db, client) -> dict:
    """示例市 with a department (its 三定 loaded), a county-target system and a county campaign made on
    the office's pages: three counties registered, two of them evaluated; an account per county."""
    make_department(db, "示例市水利局")
    government = store.documents.get_government_by_name(db, "示例市")
    system_id = store.evaluations.create_system(db, government["id"], "旗市区评估指标", system_to_dict(_system()),
                                                None, target="counties")
    assert client.post("/login", data={"username": "evaluator", "password": PASSWORDS["evaluator"]}).status_code == 302
    return {"government_id": government["id"], "system_id": system_id}


def _evaluator(app):
    return _sign_in(app, "evaluator", PASSWORDS["evaluator"])


def _make_campaign(app, db, city: dict, client=None) -> dict:
    office = client or _evaluator(app)
    response = office.post("/campaigns/new", data={
        "government": str(city["government_id"]), "name": "2026年度旗市区机构改革评估", "year": "2026",
        "target": "counties", "system": str(city["system_id"]), "plan_due": day(-30), "self_due": day(10),
        "review_due": day(20), "feedback_due": day(40), "rectify_due": day(90)})
    assert response.status_code == 302, _text(response)
    campaign_id = int(re.search(r"/campaigns/(\d+)/settings", response.headers["Location"]).group(1))
    url = f"/campaigns/{campaign_id}"
    response = office.post(url + "/counties/register", data={"names": "\n".join(COUNTIES)})
    assert response.status_code == 302, _text(response)
    ids = store.counties.unit_ids(db, city["government_id"])
    assert sorted(ids) == sorted(COUNTIES)
    assert office.post(url + "/units", data={"units": [str(ids["海拉尔区"]), str(ids["阿荣旗"])]}).status_code == 302
    assert office.post(url + "/plan", data={"plan_text": "评估范围：各旗市区。", "publish": "y"}).status_code == 302
    assert office.post(url + "/materials", data={"name": "自查报告", "note": ""}).status_code == 302
    counties = {name: store.documents.get_government_by_name(db, name)["id"] for name in COUNTIES}
    with mock.patch.object(auth, "PASSWORD_METHOD", FIXTURE_PASSWORD_METHOD):
        for number, name in enumerate(COUNTIES):
            auth.create_user(db, f"county-{number}", PASSWORD, "unit", unit={"government_id": counties[name]})
    return {"campaign_id": campaign_id, "url": url, "ids": ids, "office": office, "counties": counties}


def test_counties_are_registered_under_the_city_and_kept_apart_from_its_departments(app, db, city, client):
    made = _make_campaign(app, db, city, client)
    government_id, ids = city["government_id"], made["ids"]
    for name in COUNTIES:
        county = store.documents.get_government_by_name(db, name)
        assert county["parent_id"] == government_id and county["level"] == "县级"
    # registering again changes nothing; a county under another city, a department's name: refused
    assert client.post(made["url"] + "/counties/register", data={"names": "阿荣旗"}).status_code == 302
    assert store.count(db, "departments") == 1 + len(COUNTIES)
    other = store.documents.get_or_create_government(db, "另一市")
    store.counties.register(db, other, ["莫旗"], None)
    response = client.post(made["url"] + "/counties/register", data={"names": "莫旗\n鄂温克旗"})
    assert response.status_code == 400 and "“莫旗”已登记在其他政府之下" in _text(response)
    assert store.documents.get_government_by_name(db, "鄂温克旗") is None  # all or nothing
    response = client.post(made["url"] + "/counties/register", data={"names": "示例市水利局"})
    assert response.status_code == 400 and "本政府已有名为“示例市水利局”的部门" in _text(response)
    # the city's departments stay its departments: a department campaign offers no county, a county
    # campaign no department, and neither takes the other's by a forged id
    assert list(store.documents.department_ids(db, government_id)) == ["示例市水利局"]
    assert [d["name"] for g in store.documents.list_governments(db) if g["id"] == government_id
            for d in g["departments"]] == ["示例市水利局"]
    response = client.post(made["url"] + "/units", data={"units": [str(ids["阿荣旗"]), str(
        store.documents.department_ids(db, government_id)["示例市水利局"])]})
    assert response.status_code == 400
    other_campaign = store.campaigns.create_campaign(db, government_id, {
        "name": "部门评估", "year": 2026, "system_id": None, "deadlines": {}}, None)
    settings = _text(client.get(f"/campaigns/{other_campaign}/settings"))
    assert "示例市水利局" in settings and "阿荣旗" not in settings
    with pytest.raises(store.StoreError, match="评估单位须是本政府的部门"):
        store.campaigns.set_units(db, other_campaign, [ids["阿荣旗"]], [], None)
    # a county-target system cannot serve a department campaign
    with pytest.raises(store.StoreError, match="所选指标体系评估的是旗市区"):
        store.campaigns.update_campaign(db, other_campaign, {"name": "部门评估", "year": 2026,
                                                             "system_id": city["system_id"]}, None)
    # uploading or deleting a 三定 keeps the counties' rows (they have none of their own)
    make_department(db, "示例市商务局")
    assert sorted(store.counties.unit_ids(db, government_id)) == sorted(COUNTIES)
    # the seeded draw picks among the counties
    response = client.post(made["url"] + "/draw", data={"kind": "scope", "size": "2", "seed": "20260601"})
    assert response.status_code == 302
    assert sorted(u["name"] for u in store.campaigns.list_units(db, made["campaign_id"])) == sorted(
        draw(sorted(COUNTIES), 2, 20260601))


def test_a_county_self_assesses_files_for_review_and_is_ranked(app, db, city, client):
    made = _make_campaign(app, db, city, client)
    campaign_id, url, ids = made["campaign_id"], made["url"], made["ids"]
    hailar, arong = _sign_in(app, "county-0"), _sign_in(app, "county-2")
    home = _text(hailar.get("/unit/"))
    assert "2026年度旗市区机构改革评估" in home and "海拉尔区" in home
    page = _text(hailar.get(f"/unit/campaigns/{campaign_id}/"))
    assert "机构限额执行" in page and "机构编制备案" in page
    # 自查自评 against the leaves, submitted with its material
    [material] = store.campaigns.list_materials(db, campaign_id)
    response = _post(hailar, f"/unit/campaigns/{campaign_id}/self", {
        "score-0": "9", "note-0": "党政机构数在限额内", "score-1": "8", "note-1": "无超编", "action": "submit",
        "confirm": "y"}, [(f"files-material-{material['id']}", "自查报告".encode(), "自查报告.pdf")])
    assert response.status_code == 302, _text(response)
    assert store.units.get_assessment(db, campaign_id, ids["海拉尔区"])["status"] == "submitted"
    # the filing: bad input is named and nothing is stored; typed numbers stay on the page
    response = _post(hailar, f"/unit/campaigns/{campaign_id}/filing", _filing(**{"post-0-actual": "二百"}))
    body = _text(response)
    assert response.status_code == 400 and "“行政编制实有”应为 0 或正整数，实际为“二百”" in body
    assert 'value="300"' in body and store.count(db, "county_filings") == 0
    bad = _register_xlsx([["海拉尔区委办公室", "abc"]])
    response = _post(hailar, f"/unit/campaigns/{campaign_id}/filing", _filing(), [("register", bad, "实名制.xlsx")])
    assert response.status_code == 400 and "第2行" in _text(response) and store.count(db, "county_filings") == 0
    register = _register_xlsx([["海拉尔区委办公室", 20, 21], ["海拉尔区发展和改革委员会", 15, 15]])
    response = _post(hailar, f"/unit/campaigns/{campaign_id}/filing", _filing(),
                     [("register", register, "实名制.xlsx")])
    assert response.status_code == 302, _text(response)
    response = _post(hailar, f"/unit/campaigns/{campaign_id}/filing", _filing())
    assert response.status_code == 400 and "上一次报送还在等待编办审核" in _text(response)
    [filing] = store.counties.list_filings(db, campaign_id)
    assert filing["data"]["institutions"]["政府工作部门"] == {"approved": 22, "actual": 23}
    assert [unit["department"] for unit in filing["data"]["units"]] == ["海拉尔区委办公室", "海拉尔区发展和改革委员会"]
    # the office sees the checks, returns it with a reason, the county files again, the office files it
    office_page = _text(client.get(f"{url}/units/{ids['海拉尔区']}"))
    assert "政府工作部门超 1 个" in office_page and "副职超职数 2 名" in office_page
    assert "超编或超职数的单位：海拉尔区委办公室" in office_page
    decide = f"{url}/filings/{filing['id']}"
    response = client.post(decide, data={"decision": "returned", "reason": " "})
    assert response.status_code == 400 and "退回时请填写理由" in _text(response)
    assert client.post(decide, data={"decision": "returned", "reason": "政府工作部门超限额，请说明"}).status_code == 302
    assert client.post(decide, data={"decision": "filed"}).status_code == 400  # decided once only
    page = _text(hailar.get(f"/unit/campaigns/{campaign_id}/"))
    assert "已退回" in page and "政府工作部门超限额，请说明" in page
    assert "报送的机构编制数据被编办退回" in _text(hailar.get("/unit/"))  # the county's home says so too
    response = _post(hailar, f"/unit/campaigns/{campaign_id}/filing", _filing(**{"inst-1-actual": "22"}))
    assert response.status_code == 302
    assert "报送的机构编制数据被编办退回" not in _text(hailar.get("/unit/"))
    latest = store.counties.list_filings(db, campaign_id)[0]
    assert client.post(f"{url}/filings/{latest['id']}", data={"decision": "filed"}).status_code == 302
    assert [row["status"] for row in store.counties.list_filings(db, campaign_id)] == ["filed", "returned"]
    assert "已备案" in _text(hailar.get(f"/unit/campaigns/{campaign_id}/"))
    # the evaluators score both counties on the existing pages; the city's view ranks them
    system_id = city["system_id"]
    for name, values in (("海拉尔区", ("9", "8")), ("阿荣旗", ("10", "9"))):
        sheet = f"/evaluations/systems/{system_id}/departments/{ids[name]}/sheet"
        numbers = re.findall(r'name="value-(\d+)"', _text(client.get(sheet)))
        assert len(numbers) == 2
        fields = {f"value-{n}": v for n, v in zip(numbers, values)} | {f"evidence-{n}": "查阅资料" for n in numbers}
        assert client.post(sheet, data=fields).status_code == 302
    ranking = _text(client.get(f"{url}/counties"))
    order = [ranking.index(name) for name in ("阿荣旗", "海拉尔区")]
    assert order == sorted(order) and "扎兰屯市" not in ranking  # only the campaign's counties
    assert "已备案" in ranking and "已提交" in ranking
    assert ranking.count('class="county-row"') == 2
    county_page = _text(client.get(f"/evaluations/systems/{system_id}/departments/{ids['阿荣旗']}"))
    assert "阿荣旗" in county_page and "机构限额执行" in county_page
    system_ranking = _text(client.get(f"/evaluations/systems/{system_id}/ranking"))
    assert "阿荣旗" in system_ranking and "示例市水利局" not in system_ranking
    # the board, feedback and 通报 treat the counties as units
    board = _text(client.get(url + "/"))
    assert "海拉尔区" in board and "阿荣旗" in board
    assert client.post(f"{url}/units/{ids['阿荣旗']}/feedback", data={"text": "机构设置规范。"}).status_code == 302
    assert "机构设置规范。" in _text(arong.get(f"/unit/campaigns/{campaign_id}/"))
    with client.get(f"/campaigns/{campaign_id}/notice.docx") as response:
        assert response.status_code == 200 and response.data[:2] == b"PK"
    notice = _text(client.get(f"/campaigns/{campaign_id}/notice"))
    assert "阿荣旗" in notice and "海拉尔区" in notice


def test_a_county_reaches_only_its_own_campaign_and_records(app, db, city, client):
    made = _make_campaign(app, db, city, client)
    campaign_id, url, ids = made["campaign_id"], made["url"], made["ids"]
    zalantun = _sign_in(app, "county-1")  # registered, but not a unit of the campaign
    hailar = _sign_in(app, "county-0")
    assert "2026年度旗市区机构改革评估" not in _text(zalantun.get("/unit/"))
    assert zalantun.get(f"/unit/campaigns/{campaign_id}/").status_code == 404
    assert _post(zalantun, f"/unit/campaigns/{campaign_id}/filing", _filing()).status_code == 404
    assert store.count(db, "county_filings") == 0
    # another county's reminder and file, by their ids: 404, as if they did not exist
    store.campaigns.add_reminders(db, campaign_id, [{"department_id": ids["阿荣旗"], "phase": "self",
                                                     "message": "请尽快提交"}], None)
    [reminder] = store.campaigns.list_reminders(db, campaign_id)
    assert hailar.post(f"/unit/reminders/{reminder['id']}/read").status_code == 404
    assert store.campaigns.list_reminders(db, campaign_id)[0]["read_at"] is None
    arong = _sign_in(app, "county-2")
    [material] = store.campaigns.list_materials(db, campaign_id)
    assert _post(arong, f"/unit/campaigns/{campaign_id}/self", {"score-0": "9", "action": "save"},
                 [(f"files-material-{material['id']}", b"report", "report.pdf")]).status_code == 302
    [own_file] = store.units.list_files(db, campaign_id, ids["阿荣旗"])
    with hailar.get(f"/unit/files/{own_file['id']}") as response:
        assert response.status_code == 404
    with arong.get(f"/unit/files/{own_file['id']}") as response:
        assert response.status_code == 200
    # a campaign of the city that evaluates departments, and the office's pages: closed
    other = store.campaigns.create_campaign(db, city["government_id"], {
        "name": "部门评估", "year": 2026, "system_id": None, "deadlines": {}}, None)
    assert hailar.get(f"/unit/campaigns/{other}/").status_code == 404
    assert hailar.get(f"{url}/counties").status_code == 403
    assert hailar.get(f"{url}/units/{ids['海拉尔区']}").status_code == 403
    # the office decides only filings of the campaign in the URL
    response = _post(hailar, f"/unit/campaigns/{campaign_id}/filing", _filing())
    assert response.status_code == 302
    [filing] = store.counties.list_filings(db, campaign_id)
    assert client.post(f"/campaigns/{other}/filings/{filing['id']}", data={"decision": "filed"}).status_code == 404
    assert store.counties.get_filing(db, filing["id"])["status"] == "submitted"


def test_a_county_campaign_and_system_are_made_on_the_pages(app, db, city, client):
    response = client.post("/evaluations/new", data={"government": str(city["government_id"]),
                                                     "template": "seven", "name": "旗市区七项", "target": "counties"})
    assert response.status_code == 302, _text(response)
    row = store.evaluations.find_system(db, city["government_id"], "旗市区七项")
    assert row["target"] == "counties"
    response = client.post("/campaigns/new", data={
        "government": str(city["government_id"]), "name": "部门评估", "year": "2026", "target": "departments",
        "system": str(row["id"])})
    assert response.status_code == 400 and "所选指标体系评估的是旗市区，与本活动的评估对象不符" in _text(response)
    assert store.count(db, "campaigns") == 0
    response = client.post("/campaigns/new", data={
        "government": str(city["government_id"]), "name": "部门评估", "year": "2026", "target": "乡镇"})
    assert response.status_code == 400 and "请选择评估对象" in _text(response)
    # a ranking before any county is registered says why there is none
    campaign_id = store.campaigns.create_campaign(db, city["government_id"], {
        "name": "旗市区评估", "year": 2026, "system_id": row["id"], "deadlines": {}, "target": "counties"}, None)
    page = _text(client.get(f"/campaigns/{campaign_id}/counties"))
    assert "还没有登记下辖旗市区，无法评估" in page
    department_campaign = store.campaigns.create_campaign(db, city["government_id"], {
        "name": "部门评估", "year": 2026, "system_id": None, "deadlines": {}}, None)
    assert client.get(f"/campaigns/{department_campaign}/counties").status_code == 404


def test_the_demo_city_evaluates_its_counties(app, db, city, client):
    import random

    from webapp.services import demo

    government = store.documents.get_government(db, city["government_id"])
    line = demo._counties(db, government, random.Random(1))
    assert "3 个旗市区，2 个已评分" in line
    campaign = next(c for c in store.campaigns.list_campaigns(db, government["id"]) if c["target"] == "counties")
    ranking = _text(client.get(f"/campaigns/{campaign['id']}/counties"))
    assert ranking.count('class="county-row"') == 3 and "待审核" in ranking
    ranked = re.findall(r'<tr class="county-row"><td>(\d+|—)</td>', ranking)
    assert ranked[:2] == ["1", "2"] and ranked[2] == "—"  # 西河旗 is not scored yet
    username, password, _name = demo.DEMO_COUNTY_ACCOUNT
    county = _sign_in(app, username, password)
    page = _text(county.get(f"/unit/campaigns/{campaign['id']}/"))
    assert "西河旗" in page and "待审核" in page and "已提交" in page


def test_the_cli_lists_and_prints_a_county_campaign_with_its_target(app, db, city):
    """`sanding campaigns list/status` name whom a campaign evaluates, and the board's rows are the counties."""
    import json

    from click.testing import CliRunner

    from webapp.cli import main

    found = _make_campaign(app, db, city)
    store.campaigns.create_campaign(db, city["government_id"], {"name": "2026年度部门评估", "year": 2026}, None)

    def cli(*args):
        result = CliRunner().invoke(main, ["campaigns", *args, "--db", app.config["DATABASE"]])
        assert result.exit_code == 0, result.output
        return result.output

    rows = {row["name"]: row for row in json.loads(cli("list", "--json"))}
    assert (rows["2026年度旗市区机构改革评估"]["target"], rows["2026年度旗市区机构改革评估"]["target_name"]) == (
        "counties", "旗市区")
    assert (rows["2026年度部门评估"]["target"], rows["2026年度部门评估"]["units"]) == ("departments", 0)
    assert rows["2026年度旗市区机构改革评估"]["units"] == 2
    lines = {line.split("\t")[2]: line for line in cli("list").splitlines()}
    assert "评估对象：旗市区" in lines["2026年度旗市区机构改革评估（2026 年度）"]
    assert "评估对象：部门" in lines["2026年度部门评估（2026 年度）"]
    text = cli("status", "2026年度旗市区机构改革评估")
    assert "评估对象：旗市区；指标体系：旗市区评估指标" in text
    assert "海拉尔区\n  自查自评：未完成（未报送）" in text and "阿荣旗\n" in text and "扎兰屯市" not in text
    data = json.loads(cli("status", str(found["campaign_id"]), "--json"))
    assert data["target"] == "counties" and sorted(unit["unit"] for unit in data["units"]) == ["海拉尔区", "阿荣旗"]
