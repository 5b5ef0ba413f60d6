"""Evaluation campaigns (评估活动) on the web and in `sanding campaigns`: create → choose or draw
units (reproducibly, seed and population recorded) → 方案 and materials → submissions → scores on
the existing score page → 实地 visit with an attachment → feedback → 整改 entry in the 整改台账 →
the status board; reminders printed, exported and stored; bad input refused in Chinese with
nothing lost."""
from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from survey.campaigns.sampling import draw
from survey.evaluation.indicators import seven_indicator_template, system_to_dict
from webapp import store
from webapp.cli import main
from webapp.services import problems as evidence

from conftest import make_department, make_round

NAMES = ["示例市水利局", "示例市商务局", "示例市交通运输局"]  # departments of a city without documents


def day(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()  # read at each use: a run crosses midnight


def _text(response) -> str:
    return response.get_data(as_text=True)


def _post_files(client, url: str, fields: dict, files: list[tuple[str, bytes, str]]):
    """A multipart POST encoded here (the test client would spool it to a file it never closes)."""
    pairs: list = []
    for key, value in fields.items():
        pairs += [(key, item) for item in value] if isinstance(value, list) else [(key, value)]
    pairs += [(key, FileStorage(io.BytesIO(content), name)) for key, content, name in files]
    boundary, body = encode_multipart(MultiDict(pairs))
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


@pytest.fixture
def city(db, sample_city) -> dict:
    """The sample city's 示例市 (its departments parsed, so the score pages evaluate them) with the
    7-indicator system."""
    ids = store.documents.department_ids(db, sample_city["id"])
    government = sample_city
    system = seven_indicator_template()
    system_id = store.evaluations.create_system(db, government["id"], system.name, system_to_dict(system), None,
                                                "seven")
    manual = [leaf.path for leaf in system.leaves() if leaf.source == "manual"]
    return {"id": government["id"], "ids": ids, "names": sorted(ids), "system_id": system_id, "manual": manual}


def _campaign_form(city: dict, **changes) -> dict:
    data = {"government": str(city["id"]), "name": "2026年度机构编制评估", "year": "2026",
            "system": str(city["system_id"]), "plan_due": day(-30), "self_due": day(-3), "review_due": day(20),
            "feedback_due": day(40), "rectify_due": day(90)}
    data.update(changes)
    return data


def _create(client, city: dict, **changes) -> int:
    response = client.post("/campaigns/new", data=_campaign_form(city, **changes))
    assert response.status_code == 302, _text(response)
    return int(re.search(r"/campaigns/(\d+)/settings", response.headers["Location"]).group(1))


def _units(db, campaign_id: int) -> dict[str, bool]:
    return {row["name"]: bool(row["on_site"]) for row in store.campaigns.list_units(db, campaign_id)}


@pytest.mark.parametrize("changes, message", [
    ({"self_due": day(-40)}, f"“自查自评”的截止日期（{day(-40)}）早于“方案”的截止日期（{day(-30)}）"),
    ({"year": "二〇二六"}, "年度应为整数"),
    ({"name": "  "}, "请填写活动名称"),
    ({"review_due": "明天"}, "评估/抽查截止应为日期"),
    ({"system": "987654"}, "请从列表中选择指标体系"),
])
def test_a_bad_campaign_is_refused_in_chinese(client, auth, db, city, changes, message):
    auth.login("evaluator")
    response = client.post("/campaigns/new", data=_campaign_form(city, **changes))
    body = _text(response)
    assert response.status_code == 400 and message in body and "Traceback" not in body
    assert store.count(db, "campaigns") == 0


def test_the_whole_flow_ends_on_the_board(app, client, auth, db, city):
    ids, names = city["ids"], city["names"]
    auth.login("evaluator")
    assert "新建评估活动" in _text(client.get("/campaigns/"))
    campaign_id = _create(client, city)
    url = f"/campaigns/{campaign_id}"
    response = client.post("/campaigns/new", data=_campaign_form(city))
    assert response.status_code == 400 and "本政府已有名为“2026年度机构编制评估”的评估活动" in _text(response)
    # the 方案 and its materials list
    for name in ("自查报告", "信息表1"):
        assert client.post(url + "/materials", data={"name": name, "note": ""}).status_code == 302
    response = client.post(url + "/materials", data={"name": "信息表1"})
    assert response.status_code == 400 and "材料“信息表1”重复" in _text(response)
    response = client.post(url + "/plan", data={"plan_text": "", "publish": "y"})
    assert response.status_code == 400 and "发布前请填写方案内容" in _text(response)
    assert client.post(url + "/plan", data={"plan_text": "评估范围：市直部门。", "publish": "y"}).status_code == 302
    campaign = store.campaigns.get_campaign(db, campaign_id)
    assert campaign["plan_published_on"] == date.today().isoformat() and campaign["deadlines"]["self"] == day(-3)
    # units by hand, then drawn with a seed: the same seed draws the same units
    chosen = [ids[names[0]], ids[names[1]]]
    response = client.post(url + "/units", data={"units": [str(i) for i in chosen], "site": [str(chosen[0])]})
    assert response.status_code == 302
    assert _units(db, campaign_id) == {names[0]: True, names[1]: False}
    response = client.post(url + "/draw", data={"kind": "scope", "size": "3", "seed": "20260520"})
    assert response.status_code == 302
    expected = draw(names, 3, 20260520)
    assert sorted(_units(db, campaign_id)) == sorted(expected)
    assert client.post(url + "/draw", data={"kind": "scope", "size": "3", "seed": "20260520"}).status_code == 302
    assert sorted(_units(db, campaign_id)) == sorted(expected)
    response = client.post(url + "/draw", data={"kind": "scope", "size": str(len(names) + 1), "seed": "1"})
    assert response.status_code == 400
    assert f"抽取数量（{len(names) + 1}）超过可抽取的单位数（{len(names)}）" in _text(response)
    response = client.post(url + "/draw", data={"kind": "scope", "size": "2", "seed": "12x"})
    assert response.status_code == 400 and "随机种子应为 0 到" in _text(response)
    assert sorted(_units(db, campaign_id)) == sorted(expected)  # refused draws change nothing
    response = client.post(url + "/draw", data={"kind": "site", "size": "1", "seed": "7"})
    assert response.status_code == 302
    site = draw(sorted(expected), 1, 7)[0]
    assert [name for name, on_site in _units(db, campaign_id).items() if on_site] == [site]
    draws = store.campaigns.list_draws(db, campaign_id)
    assert [(d["kind"], d["seed"], d["size"]) for d in draws] == [
        ("site", 7, 1), ("scope", 20260520, 3), ("scope", 20260520, 3)]
    assert draws[1]["population"] == names and draws[1]["drawn"] == expected
    settings = _text(client.get(url + "/settings"))
    assert "20260520" in settings and "抽取记录" in settings and "评估范围：市直部门。" in settings
    first, late = sorted(set(expected) - {site})[0], sorted(set(expected) - {site})[1]
    # the first unit submits everything (recorded on its behalf), with a file
    unit_url = f"{url}/units/{ids[first]}"
    materials = [str(m["id"]) for m in store.campaigns.list_materials(db, campaign_id)]
    response = _post_files(client, unit_url + "/submissions", {"submitted_on": day(-5), "materials": materials},
                           [("files", b"<script>", "自查报告.html")])
    assert response.status_code == 400 and "不支持的附件类型“.html”" in _text(response)
    assert store.count(db, "campaign_submissions") == 0 and store.count(db, "campaign_files") == 0
    response = _post_files(client, unit_url + "/submissions", {"submitted_on": day(1), "materials": materials}, [])
    assert response.status_code == 400 and "报送日期不能晚于今天" in _text(response)
    response = _post_files(client, unit_url + "/submissions", {"submitted_on": day(-5), "materials": materials},
                           [("files", b"%PDF-1.4 self", "自查报告.pdf")])
    assert response.status_code == 302
    # every manual leaf scored on the existing score page
    sheet = f"/evaluations/systems/{city['system_id']}/departments/{ids[first]}/sheet"
    leaves = re.findall(r'name="value-(\d+)"', _text(client.get(sheet)))
    assert len(leaves) == len(city["manual"])
    scores = {f"value-{n}": "1" for n in leaves} | {f"evidence-{n}": "查阅资料" for n in leaves}
    assert client.post(sheet, data=scores).status_code == 302
    # the on-site unit: a visit with an attachment; a unit not on the list cannot have one
    site_url = f"{url}/units/{ids[site]}"
    response = _post_files(client, f"{url}/units/{ids[first]}/visits", {"visited_on": day(-1), "notes": "座谈"}, [])
    assert response.status_code == 400 and "未列入实地抽查名单" in _text(response)
    response = _post_files(client, site_url + "/visits", {"visited_on": day(-1), "notes": ""}, [])
    assert response.status_code == 400 and "请填写发现与记录" in _text(response)
    response = _post_files(client, site_url + "/visits", {
        "visited_on": day(-1), "people": "分管副局长、办公室主任", "materials": "三定规定、机构编制管理证",
        "notes": "内设机构按三定设置；科室挂牌规范。"}, [("files", b"photo-bytes", "现场照片.jpg")])
    assert response.status_code == 302
    [visit] = store.campaigns.list_visits(db, campaign_id)
    [attachment] = visit["files"]
    assert attachment["stored_name"].startswith("campaign-") and attachment["file_name"] == "现场照片.jpg"
    stored = Path(app.config["UPLOAD_FOLDER"]) / attachment["stored_name"]
    assert stored.read_bytes() == b"photo-bytes" and stored.stat().st_mode & 0o777 == 0o600
    page = _text(client.get(site_url))
    assert "分管副局长、办公室主任" in page and "现场照片.jpg" in page
    download = client.get(f"/campaigns/files/{attachment['id']}")
    body = download.data
    download.close()
    assert download.status_code == 200 and body == b"photo-bytes"
    assert download.headers["Content-Disposition"].startswith("attachment")
    # feedback, then a 整改 entry in the 整改台账, closed there
    assert client.post(unit_url + "/feedback", data={"text": "  "}).status_code == 400
    response = client.post(unit_url + "/feedback", data={"text": "职责落实到位，个别科室职责表述需修订。"})
    assert response.status_code == 302
    response = client.post(unit_url + "/rectifications", data={
        "problem": "科室职责表述与三定不一致", "measure": "修订科室职责", "owner": "办公室", "deadline": day(30)})
    assert response.status_code == 302
    [entry] = store.campaigns.list_rectifications(db, campaign_id)
    ledger = store.evaluations.list_rectifications(db, city["id"])
    assert [(e["id"], e["origin"], e["source_ref"]) for e in ledger] == [
        (entry["id"], "评估意见", "评估活动：2026年度机构编制评估")]
    board = _text(client.get(url + "/"))
    assert "当前阶段：<strong>评估/抽查</strong>" in board and "未销号 1/1 项" in board
    assert client.post(f"/rectification/entries/{entry['id']}/status", data={
        "status": "已销号", "closed_on": day(0), "proof": "已印发修订后的科室职责"}).status_code == 302
    # the board: each unit's row
    rows = {row.unit: row for row in _board(db, campaign_id).rows}
    assert {column: cell.status for column, cell in rows[first].cells.items()} == {
        "self": "done", "review": "done", "site": "na", "feedback": "done", "rectify": "done"}
    assert rows[site].cells["site"].status == "done" and rows[site].cells["self"].status == "late"
    assert rows[late].cells["self"].status == "late"
    assert rows[late].cells["review"].detail == f"已评 0/{len(city['manual'])} 项"
    board = _text(client.get(url + "/"))
    assert board.count('class="unit-row"') == 3 and "各阶段“已完成”的含义" in board
    first_row = re.search(rf'data-unit="{first}">(.*?)</tr>', board, re.S).group(1)
    assert first_row.count("cell-done") == 4 and "cell-na" in first_row
    late_row = re.search(rf'data-unit="{late}">(.*?)</tr>', board, re.S).group(1)
    assert "cell-late" in late_row and "未报送" in late_row
    # a unit with records stays in scope; a submitted material stays on the list
    keep = [str(ids[name]) for name in expected if name != first]
    response = client.post(url + "/units", data={"units": keep, "site": [str(ids[site])]})
    assert response.status_code == 400 and f"{first}（已有材料报送、反馈意见、整改事项）" in _text(response)
    assert sorted(_units(db, campaign_id)) == sorted(expected)
    response = client.post(url + "/units", data={"units": [str(ids[name]) for name in expected], "site": []})
    assert response.status_code == 400 and "已有实地抽查记录" in _text(response)
    material = store.campaigns.list_materials(db, campaign_id)[0]
    response = client.post(f"{url}/materials/{material['id']}/delete")
    assert response.status_code == 400 and "已有单位报送“自查报告”，不能从清单中删除" in _text(response)
    # a deadline moved before the previous phase's is refused and the stored ones kept
    response = client.post(url + "/edit", data={**_campaign_form(city), "feedback_due": day(10)})
    assert response.status_code == 400 and "“反馈”的截止日期" in _text(response)
    assert store.campaigns.get_campaign(db, campaign_id)["deadlines"]["feedback"] == day(40)


def _board(db, campaign_id: int):
    from webapp.services import campaigns as service
    return service.board(db, store.campaigns.get_campaign(db, campaign_id)).board


def _late_campaign(db, city: dict) -> int:
    """A campaign straight in the store: three units, none has submitted, the 自查自评 deadline past."""
    ids, names = city["ids"], city["names"]
    campaign_id = store.campaigns.create_campaign(db, city["id"], {
        "name": "2026年度评估", "year": 2026, "system_id": city["system_id"],
        "deadlines": {"self": day(-4), "review": day(10)}}, None)
    units = [ids[name] for name in names[:3]]
    store.campaigns.set_units(db, campaign_id, units, [units[0]], None)
    store.campaigns.add_submission(db, campaign_id, units[2], {"submitted_on": day(-6)}, [], [], None)
    return campaign_id


def test_reminders_are_printed_exported_and_stored(client, auth, db, city):
    campaign_id = _late_campaign(db, city)
    url = f"/campaigns/{campaign_id}/reminders"
    auth.login("staff")  # reads, exports, changes nothing
    page = _text(client.get(url))
    assert "自查自评（2 个单位）" in page and page.count('class="late-row"') == 2 and "未提醒" in page
    assert "提醒全部逾期单位" not in page
    assert client.post(url).status_code == 403
    auth.logout()
    auth.login("evaluator")
    response = client.post(url)
    assert response.status_code == 302 and store.count(db, "campaign_reminders") == 2
    names = city["names"]
    reminders = store.campaigns.list_reminders(db, campaign_id, city["ids"][names[0]])
    assert reminders[0]["phase"] == "self"
    assert reminders[0]["message"] == (f"请抓紧完成“2026年度评估”的自查自评工作（未报送）：截止日期为 {day(-4)}，"
                                       "已逾期 4 天。")
    response = client.get(url + ".xlsx")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    found = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert found[0] == ["阶段", "截止日期", "逾期天数", "单位", "未完成情况", "最近提醒时间", "最近提醒内容"]
    assert sorted(row[3] for row in found[1:]) == names[:2]
    assert all(row[:3] == ["自查自评", day(-4), 4] and row[4] == "未报送" and row[6].startswith("请抓紧完成")
               for row in found[1:])
    # one unit, a message of the office's own
    unit_url = f"/campaigns/{campaign_id}/units/{city['ids'][names[1]]}"
    assert "请抓紧完成" in _text(client.get(unit_url))  # the form offers the standard text
    response = client.post(unit_url + "/reminders", data={"phase": "self", "message": "请于本周五前报送自查报告。"})
    assert response.status_code == 302 and "请于本周五前报送自查报告。" in _text(client.get(unit_url))
    response = client.post(unit_url + "/reminders", data={"phase": "某阶段", "message": "x"})
    assert response.status_code == 400 and "请选择阶段" in _text(response)
    assert client.post(f"/campaigns/{campaign_id}/units/987654/reminders", data={
        "phase": "self", "message": "x"}).status_code == 404  # not a unit of this campaign


def test_staff_read_and_every_form_carries_a_csrf_token(app_config, database_templates, passwords):
    from webapp import create_app
    database_templates.copy("accounts", Path(app_config["DATABASE"]))
    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    try:
        db = store.connect(app.config["DATABASE"])
        ids = {name: make_department(db, name) for name in NAMES}
        city = {"id": store.documents.get_government_by_name(db, "示例市")["id"], "ids": ids, "names": NAMES,
                "system_id": None}
        campaign_id = _late_campaign(db, city)
        store.campaigns.add_material(db, campaign_id, "自查报告", "", None)
        client = app.test_client()
        login = _text(client.get("/login"))
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login).group(1)
        client.post("/login", data={"username": "evaluator", "password": passwords["evaluator"],
                                    "csrf_token": token})
        unit = ids[NAMES[0]]
        for url in ("/campaigns/", f"/campaigns/{campaign_id}/settings", f"/campaigns/{campaign_id}/reminders",
                    f"/campaigns/{campaign_id}/units/{unit}"):
            page = _text(client.get(url))
            posts = page.count('method="post"')
            assert posts >= 2 and page.count('name="csrf_token"') == posts, url
        response = client.post(f"/campaigns/{campaign_id}/units/{unit}/feedback", data={"text": "反馈"})
        assert response.status_code == 400 and "安全令牌" in _text(response)
        assert store.count(db, "campaign_feedback") == 0
        db.close()
    finally:
        app.extensions["sanding_jobs"].shutdown()


def test_staff_see_the_board_without_forms(client, auth, db, city):
    campaign_id = _late_campaign(db, city)
    auth.login("staff")
    for url in (f"/campaigns/{campaign_id}/", f"/campaigns/{campaign_id}/settings",
                f"/campaigns/{campaign_id}/units/{city['ids'][city['names'][0]]}", "/campaigns/"):
        response = client.get(url)
        assert response.status_code == 200 and 'method="post" action="/campaigns' not in _text(response), url
    assert "2026年度评估" in _text(client.get("/campaigns/"))
    assert client.post(f"/campaigns/{campaign_id}/plan", data={"plan_text": "x"}).status_code == 403


def test_attachments_are_limited_and_a_refused_record_keeps_no_file(app, client, auth, db, city, monkeypatch):
    campaign_id = _late_campaign(db, city)
    unit = city["ids"][city["names"][0]]  # chosen for 实地抽查
    url = f"/campaigns/{campaign_id}/units/{unit}/visits"
    auth.login("admin")
    monkeypatch.setattr(evidence, "MAX_ATTACHMENT_BYTES", 1024)
    fields = {"visited_on": day(-1), "notes": "现场查看"}
    response = _post_files(client, url, fields, [("files", b"ok", "记录.pdf"), ("files", b"x" * 2048, "照片.jpg")])
    assert response.status_code == 400 and "照片.jpg：附件超过" in _text(response)
    response = _post_files(client, url, fields, [("files", b"", "空.pdf")])
    assert response.status_code == 400 and "附件是空文件" in _text(response)
    response = _post_files(client, url, fields, [("files", b"ok", f"{n}.pdf") for n in range(11)])
    assert response.status_code == 400 and "一次最多上传 10 个附件" in _text(response)
    assert store.count(db, "campaign_visits") == 0 and store.count(db, "campaign_files") == 0
    assert not list(Path(app.config["UPLOAD_FOLDER"]).glob("campaign-*"))
    assert client.get("/campaigns/files/987654").status_code == 404


# --- sanding campaigns ------------------------------------------------------------------------------

def _cli(app, *args):
    return CliRunner().invoke(main, ["campaigns", *args, "--db", app.config["DATABASE"]])


def test_cli_lists_and_prints_the_board(app, db, city):
    names = city["names"]
    result = _cli(app, "list")
    assert result.exit_code == 0 and "暂无评估活动" in result.output
    campaign_id = _late_campaign(db, city)
    result = _cli(app, "list", "--json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert (row["id"], row["name"], row["government"], row["units"], row["late"], row["phase_name"]) == (
        campaign_id, "2026年度评估", "示例市", 3, 2, "方案")
    result = _cli(app, "list")
    assert "2026年度评估（2026 年度）" in result.output and "逾期单位 2 个" in result.output
    result = _cli(app, "status", "2026年度评估")
    assert result.exit_code == 0, result.output
    assert "示例市 · 2026年度评估（2026 年度）" in result.output and "当前阶段：方案" in result.output
    assert f"{names[0]}（实地抽查）" in result.output and "  自查自评：逾期（未报送）" in result.output
    assert "  实地抽查：不适用（未抽中实地抽查）" in result.output
    result = _cli(app, "status", "2026年度评估", "--government", "示例市", "--json")
    data = json.loads(result.output)
    assert data["campaign"] == "2026年度评估" and data["phase"] == "plan"
    cells = {unit["unit"]: unit["cells"]["self"]["status"] for unit in data["units"]}
    assert cells == {names[0]: "late", names[1]: "late", names[2]: "done"}
    assert data["counts"]["self"] == {"done": 1, "late": 2, "missing": 0, "na": 0}
    assert _cli(app, "status", str(campaign_id), "--json").exit_code == 0  # by number too
    for args, message in ((("status", "无此活动"), "没有名为“无此活动”的评估活动"),
                          (("status", "2026年度评估", "--government", "无此市"), "没有名为“无此市”的政府"),
                          (("list", "--government", "无此市"), "没有名为“无此市”的政府")):
        result = _cli(app, *args)
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    county_id = store.documents.get_government_by_name(db, "示例县")["id"]
    store.campaigns.create_campaign(db, county_id, {"name": "2026年度评估", "year": 2026}, None)
    result = _cli(app, "status", "2026年度评估")
    assert result.exit_code == 2 and "请用 --government 指定政府" in result.output
    assert "评估活动" in CliRunner().invoke(main, ["campaigns", "--help"]).output
    assert "状态看板" in CliRunner().invoke(main, ["campaigns", "status", "--help"]).output


def test_the_demo_city_has_a_campaign_in_review_with_one_late_unit(app, db, sample_city):
    import random

    from survey.evaluation.indicators import TEMPLATES
    from webapp.services import campaigns as service
    from webapp.services import demo

    for key, make in TEMPLATES.items():
        system = make()
        store.evaluations.create_system(db, sample_city["id"], system.name, system_to_dict(system), None, key)
    survey_round = make_round(app, db, name="2025年度市县评作为", departments=city_names(db, sample_city))
    line = demo._campaign(db, sample_city, random.Random(1))
    [campaign] = store.campaigns.list_campaigns(db, sample_city["id"])
    board = service.board(db, campaign).board
    assert board.phase == "review" and len(board.rows) == 6 and "评估/抽查阶段" in line
    assert sum(row.on_site for row in board.rows) == 2
    assert sorted(row.cells["site"].status for row in board.rows if row.on_site) == ["done", "missing"]
    late = line.split("，")[-1].removesuffix("自查自评逾期")
    assert [(column, row.unit) for column, row, _cell in board.late()] == [("self", late)]
    assert {row.cells["review"].status for row in board.rows} == {"done", "missing"}
    assert [d["seed"] for d in store.campaigns.list_draws(db, campaign["id"])] == list(reversed(demo.CAMPAIGN_SEEDS))
    assert [row["id"] for row in store.campaigns.list_rounds(db, campaign["id"])] == [survey_round["id"]]
    # the unit that signs in itself, scored in full, has the office's feedback to acknowledge
    [answered] = [row for row in board.rows if row.cells["feedback"].status == "done"]
    assert answered.cells["review"].status == "done" and answered.cells["rectify"].status == "na"
    unit_id = service.board(db, campaign).unit_ids[answered.unit]
    assert store.campaigns.get_feedback(db, campaign["id"], unit_id)["acknowledged_at"] is None


def city_names(db, government: dict) -> list[str]:
    return sorted(store.documents.department_ids(db, government["id"]))
