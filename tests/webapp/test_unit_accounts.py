"""The evaluated units sign in (被评估单位, issue 19 item 2): an account tied to one department sees
only its own unit — its campaigns, the office's reminders, the plan — fills its 自查自评 (drafts,
one submission, read-only until the office sends it back with a reason; late past the deadline,
never refused), acknowledges the feedback, reports 整改 progress that the office accepts (the entry
is closed) or returns; evaluators read self-score beside theirs with large differences flagged.
Accounts are made on the user page and by `sanding user add --role unit`; the schema upgrade keeps
every account and its scope. Every route × role and forged id is walked in test_access_table.py."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta
from unittest import mock

import pytest
from click.testing import CliRunner
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from survey.evaluation.indicators import Indicator, IndicatorSystem, system_to_dict
from webapp import auth, store
from webapp.cli import main

from conftest import FIXTURE_PASSWORD_METHOD, PASSWORDS, make_department

PASSWORD = "unit-pass-12"
UNIT_A, UNIT_B, OUTSIDE = "示例市水利局", "示例市商务局", "示例市交通运输局"
LEAF_1, LEAF_2 = ("职能配置", "职责清晰"), ("履职尽责", "服务对象满意")
FLAG = '<span class="tag tag-warn">差异较大</span>'


def day(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()  # read at each use: a run crosses midnight


def _text(response) -> str:
    return response.get_data(as_text=True)


def _post(client, url: str, fields: dict, files: list[tuple[str, bytes, str]] = ()):
    """A multipart POST encoded here (the test client would spool it to a file it never closes)."""
    pairs: list = []
    for key, value in fields.items():
        pairs += [(key, item) for item in value] if isinstance(value, list) else [(key, value)]
    pairs += [(key, FileStorage(io.BytesIO(content), name)) for key, content, name in files]
    boundary, body = encode_multipart(MultiDict(pairs))
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _system() -> IndicatorSystem:
    system = IndicatorSystem("两项指标", [
        Indicator(("职能配置",), 0.5), Indicator(LEAF_1, 1, 10, "manual", "职责边界清晰、无交叉"),
        Indicator(("履职尽责",), 0.5), Indicator(LEAF_2, 1, 20, "manual", "服务对象满意度")])
    system.validate()
    return system


@pytest.fixture
def city(app, db) -> dict:
    """示例市 with three departments, a two-leaf system and a campaign (plan published, two materials,
    units 水利局 and 商务局, 自查自评 due in ten days); a unit account for each unit."""
    ids = {name: make_department(db, name) for name in (UNIT_A, UNIT_B, OUTSIDE)}
    government = store.documents.get_government_by_name(db, "示例市")
    system_id = store.evaluations.create_system(db, government["id"], "两项指标", system_to_dict(_system()), None)
    campaign_id = _campaign(db, government["id"], "2026年度机构编制评估", system_id, [ids[UNIT_A], ids[UNIT_B]])
    materials = {row["name"]: row["id"] for row in store.campaigns.list_materials(db, campaign_id)}
    with mock.patch.object(auth, "PASSWORD_METHOD", FIXTURE_PASSWORD_METHOD):
        for username, name in (("unit-a", UNIT_A), ("unit-b", UNIT_B)):
            auth.create_user(db, username, PASSWORD, "unit", unit={"department_id": ids[name]})
    return {"government_id": government["id"], "ids": ids, "system_id": system_id, "campaign_id": campaign_id,
            "materials": materials}


def _campaign(db, government_id: int, name: str, system_id: int | None, unit_ids: list[int],
              self_due: int = 10) -> int:
    campaign_id = store.campaigns.create_campaign(db, government_id, {
        "name": name, "year": 2026, "system_id": system_id,
        "deadlines": {"plan": day(-20), "self": day(self_due), "review": day(30)}}, None)
    store.campaigns.set_plan(db, campaign_id, "一、评估范围：水利局、商务局。", day(-20), None)
    for material in ("自查报告", "机构编制情况信息表"):
        store.campaigns.add_material(db, campaign_id, material, "", None)
    store.campaigns.set_units(db, campaign_id, unit_ids, [], None)
    return campaign_id


def _sign_in(app, username: str, password: str = PASSWORD):
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": password})
    assert response.status_code in (302, 303), username
    return client


def _complete(city: dict, **changes) -> tuple[dict, list]:
    """A complete self-assessment: both leaves scored, a file per material, evidence on leaf 1."""
    fields = {"score-0": "8", "note-0": "职责边界清单已建立", "score-1": "18", "note-1": "满意度调查已开展",
              "action": "save"}
    fields.update(changes)
    files = [(f"files-material-{city['materials']['自查报告']}", "自查报告".encode(), "自查报告.pdf"),
             (f"files-material-{city['materials']['机构编制情况信息表']}", b"PK sheet", "信息表.xlsx"),
             ("files-leaf-0", "清单".encode(), "职责边界清单.docx")]
    return fields, files


def _download(client, url: str) -> tuple[int, bytes, dict]:
    """Status, body and headers of a download, its file closed."""
    with client.get(url) as response:
        return response.status_code, response.get_data(), dict(response.headers)


def _self_url(city: dict) -> str:
    return f"/unit/campaigns/{city['campaign_id']}/self"


def _board_cell(db, city: dict, unit: str):
    from webapp.services import campaigns as campaign_service
    campaign = store.campaigns.get_campaign(db, city["campaign_id"])
    board = campaign_service.board(db, campaign).board
    return next(row for row in board.rows if row.unit == unit).cells["self"]


# --- who sees what ------------------------------------------------------------------------------------

def test_a_unit_account_sees_only_its_own_unit(app, db, city):
    a, b = _sign_in(app, "unit-a"), _sign_in(app, "unit-b")
    response = a.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/unit/")
    home = _text(a.get("/unit/"))
    assert "2026年度机构编制评估" in home and UNIT_A in home and UNIT_B not in home
    assert "三定文件" not in home and "本单位" in home  # the office's menu is not shown
    campaign_id = city["campaign_id"]
    assert a.get(f"/unit/campaigns/{campaign_id}/").status_code == 200
    # every page of the office is closed to a unit
    for url in ("/documents/", "/campaigns/", f"/campaigns/{campaign_id}/", "/evaluations/", "/admin/users",
                f"/campaigns/{campaign_id}/units/{city['ids'][UNIT_A]}", f"/rectification/{city['government_id']}/",
                f"/campaigns/{campaign_id}/reminders.xlsx", "/problems/"):
        assert a.get(url).status_code == 403, url
    # the other unit's things, by their ids: 404 as if they did not exist, and nothing changes
    fields, files = _complete(city)
    assert _post(b, _self_url(city), fields, files).status_code == 302
    [b_file, *_] = store.units.list_files(db, campaign_id, city["ids"][UNIT_B])
    assert a.get(f"/unit/files/{b_file['id']}").status_code == 404
    assert _download(b, f"/unit/files/{b_file['id']}")[0] == 200
    assert a.get(f"/campaigns/unit-files/{b_file['id']}").status_code == 403
    store.campaigns.add_reminders(db, campaign_id, [{"department_id": city["ids"][UNIT_B], "phase": "self",
                                                     "message": "商务局请抓紧"}], None)
    [reminder] = store.campaigns.list_reminders(db, campaign_id, city["ids"][UNIT_B])
    assert a.post(f"/unit/reminders/{reminder['id']}/read").status_code == 404
    assert store.campaigns.list_reminders(db, campaign_id, city["ids"][UNIT_B])[0]["read_at"] is None
    assert "商务局请抓紧" not in _text(a.get("/unit/"))
    entry_id = store.campaigns.add_rectification_entry(db, campaign_id, city["ids"][UNIT_B], {
        "problem": "商务局的问题", "measure": "整改", "owner": "局长", "deadline": day(30), "origin": "评估意见",
        "source_ref": ""}, None)
    assert a.post(f"/unit/campaigns/{campaign_id}/rectifications/{entry_id}", data={"text": "冒充"}).status_code == 404
    assert store.units.list_reports(db, campaign_id, city["ids"][UNIT_B]) == []
    # a campaign the unit is not in, and ids that do not exist
    other = _campaign(db, city["government_id"], "另一个活动", None, [city["ids"][UNIT_B]])
    for url in (f"/unit/campaigns/{other}/", "/unit/campaigns/987654/", "/unit/files/987654"):
        assert a.get(url).status_code == 404, url
    assert _post(a, f"/unit/campaigns/{other}/self", fields).status_code == 404
    assert "另一个活动" not in _text(a.get("/unit/"))
    assert store.units.get_assessment(db, other, city["ids"][UNIT_B]) is None


# --- 自查自评 ------------------------------------------------------------------------------------------

def test_a_unit_saves_drafts_submits_once_and_the_office_reopens(app, db, city):
    a = _sign_in(app, "unit-a")
    campaign_id, unit_id = city["campaign_id"], city["ids"][UNIT_A]
    # a score out of the leaf's range: refused in Chinese, nothing stored, what was typed kept
    response = _post(a, _self_url(city), {"score-0": "8", "note-0": "已自查", "score-1": "25", "action": "save"})
    page = _text(response)
    assert response.status_code == 400 and "“履职尽责/服务对象满意”的自评分应在 0 到 20 分之间" in page
    assert 'value="25"' in page and "已自查" in page
    assert store.units.get_assessment(db, campaign_id, unit_id) is None
    # a file of a kind not taken: refused, nothing stored
    response = _post(a, _self_url(city), {"score-0": "8", "action": "save"}, [("files-leaf-0", b"MZ", "x.exe")])
    assert response.status_code == 400 and "不支持的附件类型" in _text(response)
    assert store.units.get_assessment(db, campaign_id, unit_id) is None
    # fields of a system changed since the page was opened: refused, nothing stored
    response = _post(a, _self_url(city), {"leaf-0": "旧指标", "score-0": "8", "action": "save"})
    assert response.status_code == 400 and "指标体系已调整，请刷新页面" in _text(response)
    assert store.units.get_assessment(db, campaign_id, unit_id) is None
    # a draft with one score (full-width digits read as typed)
    response = _post(a, _self_url(city), {"score-0": "７．５", "note-0": "已自查", "action": "save"})
    assert response.status_code == 302
    draft = store.units.get_assessment(db, campaign_id, unit_id)
    assert draft["status"] == "draft"
    assert store.units.self_scores(db, draft["id"])[LEAF_1] == {"value": 7.5, "note": "已自查"}
    # submitting needs the confirmation, then everything: what is missing is named, the draft is kept
    response = _post(a, _self_url(city), {"score-0": "7.5", "action": "submit"})
    assert response.status_code == 400 and "请先勾选“确认提交”" in _text(response)
    response = _post(a, _self_url(city), {"score-0": "7.5", "note-0": "改过", "action": "submit", "confirm": "1"})
    page = _text(response)
    assert response.status_code == 400 and "草稿已保存，但还不能提交" in page
    assert "以下指标尚未自评打分：履职尽责/服务对象满意" in page
    assert "以下材料尚未上传：自查报告、机构编制情况信息表" in page
    assert store.units.get_assessment(db, campaign_id, unit_id)["status"] == "draft"
    assert _board_cell(db, city, UNIT_A).status == "missing"
    fields, files = _complete(city, action="submit", confirm="1")
    response = _post(a, _self_url(city), fields, files)
    assert response.status_code == 302
    submitted = store.units.get_assessment(db, campaign_id, unit_id)
    assert submitted["status"] == "submitted" and submitted["submitted_on"] == date.today().isoformat()
    [own] = store.campaigns.list_submissions(db, campaign_id, unit_id)
    assert own["on_behalf"] == 0 and sorted(own["material_names"]) == ["机构编制情况信息表", "自查报告"]
    cell = _board_cell(db, city, UNIT_A)
    assert cell.status == "done" and not cell.done_late
    # read-only: no more saving, the page shows no form
    response = _post(a, _self_url(city), {"score-0": "1", "action": "save"})
    assert response.status_code == 400 and "自查自评已提交，不能再修改" in _text(response)
    assert store.units.self_scores(db, submitted["id"])[LEAF_1]["value"] == 8
    page = _text(a.get(f"/unit/campaigns/{campaign_id}/"))
    assert 'id="self-form"' not in page and "自查自评已提交" in page
    # only evaluators send it back, and only with a reason
    reopen = f"/campaigns/{campaign_id}/units/{unit_id}/self/reopen"
    assert _sign_in(app, "staff", PASSWORDS["staff"]).post(reopen, data={"reason": "x"}).status_code == 403
    evaluator = _sign_in(app, "evaluator", PASSWORDS["evaluator"])
    response = evaluator.post(reopen, data={"reason": " "})
    assert response.status_code == 400 and "请填写退回理由" in _text(response)
    assert store.units.get_assessment(db, campaign_id, unit_id)["status"] == "submitted"
    assert evaluator.post(reopen, data={"reason": "自查报告缺少整改情况"}).status_code == 302
    reopened = store.units.get_assessment(db, campaign_id, unit_id)
    assert reopened["status"] == "draft" and reopened["submission_id"] is None
    assert store.campaigns.list_submissions(db, campaign_id, unit_id)[0]["withdrawn_at"]  # kept, marked
    assert _board_cell(db, city, UNIT_A).status == "missing"  # the board waits for the next submission
    page = _text(a.get(f"/unit/campaigns/{campaign_id}/"))
    assert "退回修改：自查报告缺少整改情况" in page and 'id="self-form"' in page
    assert "已退回，不计" in _text(evaluator.get(f"/campaigns/{campaign_id}/units/{unit_id}"))
    assert evaluator.post(reopen, data={"reason": "再退"}).status_code == 400  # nothing to send back
    # submitted again: the files are still there, the board counts it once more
    response = _post(a, _self_url(city), {"score-0": "8", "score-1": "18", "action": "submit", "confirm": "1"})
    assert response.status_code == 302
    assert [h["action"] for h in store.units.history(db, reopened["id"])] == ["submit", "reopen", "submit"]
    assert _board_cell(db, city, UNIT_A).status == "done"


def test_files_are_removed_only_from_a_draft_and_served_as_downloads(app, db, city):
    a = _sign_in(app, "unit-a")
    campaign_id, unit_id = city["campaign_id"], city["ids"][UNIT_A]
    fields, files = _complete(city)
    assert _post(a, _self_url(city), fields, files).status_code == 302
    found = store.units.list_files(db, campaign_id, unit_id)
    evidence = next(f for f in found if f["path"] == LEAF_1)
    status, body, headers = _download(a, f"/unit/files/{evidence['id']}")
    assert status == 200 and body == "清单".encode()
    assert headers["Content-Type"] == "application/octet-stream" and "attachment" in headers["Content-Disposition"]
    office = _sign_in(app, "staff", PASSWORDS["staff"])
    assert _download(office, f"/campaigns/unit-files/{evidence['id']}")[1] == "清单".encode()
    response = _post(a, _self_url(city), {**fields, "remove": [str(evidence["id"])]})
    assert response.status_code == 302
    assert evidence["id"] not in [f["id"] for f in store.units.list_files(db, campaign_id, unit_id)]
    assert a.get(f"/unit/files/{evidence['id']}").status_code == 404
    response = _post(a, _self_url(city), {**fields, "remove": ["abc"]})
    assert response.status_code == 400 and "编号无效" in _text(response)
    response = _post(a, _self_url(city), {**fields, "remove": ["987654"]})
    assert response.status_code == 400 and "不属于本单位" in _text(response)
    assert len(store.units.list_files(db, campaign_id, unit_id)) == 2


def test_past_the_deadline_a_submission_is_taken_and_marked_late(app, db, city):
    late_campaign = _campaign(db, city["government_id"], "逾期的活动", city["system_id"], [city["ids"][UNIT_A]],
                              self_due=-2)
    materials = {row["name"]: row["id"] for row in store.campaigns.list_materials(db, late_campaign)}
    a = _sign_in(app, "unit-a")
    page = _text(a.get(f"/unit/campaigns/{late_campaign}/"))
    assert "已过截止日期，仍可提交，将记为逾期" in page
    fields, files = _complete({**city, "materials": materials}, action="submit", confirm="1")
    response = _post(a, f"/unit/campaigns/{late_campaign}/self", fields, files)
    assert response.status_code == 302
    assert "记为逾期提交" in _text(a.get(response.headers["Location"]))
    assessment = store.units.get_assessment(db, late_campaign, city["ids"][UNIT_A])
    assert [h["late"] for h in store.units.history(db, assessment["id"])] == [1]
    from webapp.services import campaigns as campaign_service
    board = campaign_service.board(db, store.campaigns.get_campaign(db, late_campaign)).board
    cell = board.rows[0].cells["self"]
    assert cell.status == "done" and cell.done_late  # shown as 逾期完成 on the board
    evaluator = _sign_in(app, "evaluator", PASSWORDS["evaluator"])
    assert "逾期提交" in _text(evaluator.get(f"/campaigns/{late_campaign}/units/{city['ids'][UNIT_A]}"))
    assert "逾期完成" in _text(evaluator.get(f"/campaigns/{late_campaign}/"))


def test_an_unpublished_plan_keeps_the_self_assessment_closed(app, db, city):
    draft_campaign = store.campaigns.create_campaign(db, city["government_id"], {
        "name": "未发布方案的活动", "year": 2026, "system_id": city["system_id"], "deadlines": {}}, None)
    store.campaigns.set_units(db, draft_campaign, [city["ids"][UNIT_A]], [], None)
    a = _sign_in(app, "unit-a")
    assert "评估方案尚未发布" in _text(a.get(f"/unit/campaigns/{draft_campaign}/"))
    response = _post(a, f"/unit/campaigns/{draft_campaign}/self", {"score-0": "5", "action": "save"})
    assert response.status_code == 400 and "评估方案尚未发布" in _text(response)
    assert store.units.get_assessment(db, draft_campaign, city["ids"][UNIT_A]) is None


# --- the office reads it: self-score beside the evaluators' --------------------------------------------

def test_evaluators_see_self_scores_beside_theirs_with_large_differences_flagged(app, db, city):
    campaign_id, unit_id = city["campaign_id"], city["ids"][UNIT_A]
    evaluator = _sign_in(app, "evaluator", PASSWORDS["evaluator"])
    evaluator_id = store.users.get_user_by_name(db, "evaluator")["id"]
    store.evaluations.set_score(db, city["system_id"], unit_id, LEAF_1, 5, "查阅资料", evaluator_id)  # max 10
    store.evaluations.set_score(db, city["system_id"], unit_id, LEAF_2, 16, "问卷", evaluator_id)  # max 20
    url = f"/campaigns/{campaign_id}/units/{unit_id}"
    assert "单位尚未填写自查自评" in _text(evaluator.get(url))
    a = _sign_in(app, "unit-a")
    fields, files = _complete(city, action="submit", confirm="1")  # 8 of 10, 18 of 20
    _post(a, _self_url(city), {**fields, "action": "save"}, files)
    assert "单位正在填写，尚未提交" in _text(evaluator.get(url))  # a draft is the unit's own business
    assert _post(a, _self_url(city), fields).status_code == 302
    page = _text(evaluator.get(url))
    rows = {leaf: flag for flag, leaf in re.findall(r'<tr class="compare-row( flagged)?" data-leaf="([^"]+)"', page)}
    # 8 − 5 = 3 points, over 20 % of 10; 18 − 16 = 2 points, within 20 % of 20 (4)
    assert rows == {"职能配置/职责清晰": " flagged", "履职尽责/服务对象满意": ""}
    assert "+3" in page and page.count(FLAG) == 1 and "职责边界清单已建立" in page and "职责边界清单.docx" in page
    staff = _sign_in(app, "staff", PASSWORDS["staff"])
    assert FLAG in _text(staff.get(url)) and 'id="reopen-form"' not in _text(staff.get(url))


def test_a_leaf_not_scored_yet_shows_no_difference(app, db, city):
    a = _sign_in(app, "unit-a")
    fields, files = _complete(city, action="submit", confirm="1")
    assert _post(a, _self_url(city), fields, files).status_code == 302
    evaluator = _sign_in(app, "evaluator", PASSWORDS["evaluator"])
    page = _text(evaluator.get(f"/campaigns/{city['campaign_id']}/units/{city['ids'][UNIT_A]}"))
    assert page.count("尚未评分") >= 2 and FLAG not in page and 'class="compare-row flagged"' not in page


# --- feedback and reminders ---------------------------------------------------------------------------

def test_the_unit_acknowledges_feedback_and_a_revised_one_asks_again(app, db, city):
    campaign_id, unit_id = city["campaign_id"], city["ids"][UNIT_A]
    a = _sign_in(app, "unit-a")
    response = a.post(f"/unit/campaigns/{campaign_id}/feedback")
    assert response.status_code == 400 and "编办尚未反馈意见" in _text(response)
    evaluator = _sign_in(app, "evaluator", PASSWORDS["evaluator"])
    evaluator.post(f"/campaigns/{campaign_id}/units/{unit_id}/feedback", data={"text": "职责分工文件需更新。"})
    office_url = f"/campaigns/{campaign_id}/units/{unit_id}"
    assert "单位尚未确认收到" in _text(evaluator.get(office_url))
    page = _text(a.get(f"/unit/campaigns/{campaign_id}/"))
    assert "职责分工文件需更新。" in page and 'id="acknowledge"' in page
    assert "编办已反馈意见，请查看并确认收到" in _text(a.get("/unit/"))
    assert a.post(f"/unit/campaigns/{campaign_id}/feedback").status_code == 302
    assert "unit-to-do" not in _text(a.get("/unit/"))
    acknowledged = store.campaigns.get_feedback(db, campaign_id, unit_id)["acknowledged_at"]
    assert acknowledged and "确认收到" in _text(a.get(f"/unit/campaigns/{campaign_id}/"))
    assert "单位已于" in _text(evaluator.get(office_url))
    a.post(f"/unit/campaigns/{campaign_id}/feedback")  # again: the first time stays
    assert store.campaigns.get_feedback(db, campaign_id, unit_id)["acknowledged_at"] == acknowledged
    evaluator.post(f"/campaigns/{campaign_id}/units/{unit_id}/feedback", data={"text": "职责分工文件需更新。"})
    assert store.campaigns.get_feedback(db, campaign_id, unit_id)["acknowledged_at"] == acknowledged  # same text
    evaluator.post(f"/campaigns/{campaign_id}/units/{unit_id}/feedback", data={"text": "另补充：科室职责表。"})
    assert store.campaigns.get_feedback(db, campaign_id, unit_id)["acknowledged_at"] is None
    assert "编办已反馈意见，请查看并确认收到" in _text(a.get("/unit/"))  # a revised feedback asks again


def test_the_unit_reads_the_offices_reminders(app, db, city):
    campaign_id, unit_id = city["campaign_id"], city["ids"][UNIT_A]
    evaluator = _sign_in(app, "evaluator", PASSWORDS["evaluator"])
    evaluator.post(f"/campaigns/{campaign_id}/units/{unit_id}/reminders",
                   data={"phase": "self", "message": "请于本周内提交自查报告。"})
    a = _sign_in(app, "unit-a")
    home = _text(a.get("/unit/"))
    assert "请于本周内提交自查报告。" in home and "1 条未读" in home
    [reminder] = store.campaigns.list_reminders(db, campaign_id, unit_id)
    assert a.post(f"/unit/reminders/{reminder['id']}/read").status_code == 302
    assert store.campaigns.list_reminders(db, campaign_id, unit_id)[0]["read_at"]
    assert "条未读" not in _text(a.get("/unit/"))
    assert "单位已读" in _text(evaluator.get(f"/campaigns/{campaign_id}/units/{unit_id}"))


def test_the_home_page_shows_each_phase_with_its_deadline_and_the_units_state(app, db, city):
    a = _sign_in(app, "unit-a")
    home = _text(a.get("/unit/"))
    assert day(10) in home and day(30) in home and "一、评估范围：水利局、商务局。" in home
    assert "自查报告" in home and "机构编制情况信息表" in home and "未完成" in home
    assert "当前阶段：<strong class=\"current-phase\">自查自评</strong>" in home


# --- 整改 -----------------------------------------------------------------------------------------------

def test_the_unit_reports_progress_and_the_office_returns_then_accepts(app, db, city):
    campaign_id, unit_id = city["campaign_id"], city["ids"][UNIT_A]
    entry_id = store.campaigns.add_rectification_entry(db, campaign_id, unit_id, {
        "problem": "科室职责分工文件未更新", "measure": "修订分工文件", "owner": "办公室主任", "deadline": day(20),
        "origin": "评估意见", "source_ref": "评估活动：2026年度机构编制评估"}, None)
    a = _sign_in(app, "unit-a")
    assert "1 项整改事项待报告进展" in _text(a.get("/unit/"))  # the home names what waits on the unit
    url = f"/unit/campaigns/{campaign_id}/rectifications/{entry_id}"
    response = _post(a, url, {"text": " "})
    assert response.status_code == 400 and "请填写整改进展" in _text(response)
    response = _post(a, url, {"text": "已修订分工文件，待党组会审议。"}, [("files", "会议纪要".encode(), "纪要.pdf")])
    assert response.status_code == 302
    assert store.evaluations.get_rectification(db, entry_id)["status"] == "整改中"
    response = _post(a, url, {"text": "再报一次"})
    assert response.status_code == 400 and "尚待编办审核" in _text(response)
    [report] = store.units.list_reports(db, campaign_id, unit_id)
    decide = f"/campaigns/{campaign_id}/reports/{report['id']}"
    waiting = f"2026年度机构编制评估：{UNIT_A}报告了整改进展，待审核"
    assert waiting in _text(_sign_in(app, "evaluator", PASSWORDS["evaluator"]).get("/"))  # on the 工作台
    assert _sign_in(app, "staff", PASSWORDS["staff"]).post(decide, data={"decision": "accepted"}).status_code == 403
    assert a.post(decide, data={"decision": "accepted"}).status_code == 403
    evaluator = _sign_in(app, "evaluator", PASSWORDS["evaluator"])
    page = _text(evaluator.get(f"/campaigns/{campaign_id}/units/{unit_id}"))
    assert "已修订分工文件，待党组会审议。" in page and "纪要.pdf" in page and "认可并销号" in page
    response = evaluator.post(decide, data={"decision": "returned", "reason": ""})
    assert response.status_code == 400 and "退回须填写理由" in _text(response)
    assert evaluator.post(decide, data={"decision": "returned", "reason": "须附审议通过的文件"}).status_code == 302
    assert store.evaluations.get_rectification(db, entry_id)["status"] == "整改中"
    page = _text(a.get(f"/unit/campaigns/{campaign_id}/"))
    assert "退回理由：须附审议通过的文件" in page and "已退回" in page
    assert "1 项整改事项待报告进展（其中 1 项被退回）" in _text(a.get("/unit/"))
    response = evaluator.post(decide, data={"decision": "accepted"})
    assert response.status_code == 400 and "该报告已审核" in _text(response)
    response = _post(a, url, {"text": "分工文件已印发。"}, [("files", "文件".encode(), "印发文件.pdf")])
    assert response.status_code == 302
    second = store.units.list_reports(db, campaign_id, unit_id)[-1]
    assert evaluator.post(f"/campaigns/{campaign_id}/reports/{second['id']}",
                          data={"decision": "accepted"}).status_code == 302
    entry = store.evaluations.get_rectification(db, entry_id)
    assert entry["status"] == "已销号" and entry["closed_on"] == date.today().isoformat()
    assert entry["proof"] == "分工文件已印发。（佐证附件：印发文件.pdf）"
    notes = [row["note"] for row in store.evaluations.rectification_history(db, entry_id)]
    assert notes[0] == "登记" and notes[1] == "单位报告整改进展" and notes[2].startswith("退回单位报告的整改进展")
    assert notes[3].startswith("认可单位报告的整改进展")
    assert [r["status"] for r in store.units.list_reports(db, campaign_id, unit_id)] == ["returned", "accepted"]
    assert waiting not in _text(evaluator.get("/"))
    assert "unit-to-do" not in _text(a.get("/unit/"))  # closed: nothing waits on the unit
    response = _post(a, url, {"text": "还想再报"})
    assert response.status_code == 400 and "已销号" in _text(response)
    assert _board_cell(db, city, UNIT_A).status in ("missing", "done")  # the board's 整改 column follows the ledger


def test_one_report_waits_at_a_time_even_when_two_arrive_at_once(db, city):
    campaign_id, unit_id = city["campaign_id"], city["ids"][UNIT_A]
    entry_id = store.campaigns.add_rectification_entry(db, campaign_id, unit_id, {
        "problem": "问题", "measure": "措施", "owner": "人", "deadline": day(20), "origin": "评估意见",
        "source_ref": ""}, None)
    store.units.add_report(db, campaign_id, unit_id, entry_id, "第一次", [], None)
    with pytest.raises(store.StoreError, match="尚待编办审核"):  # the store's own unique index, not a check
        store.units.add_report(db, campaign_id, unit_id, entry_id, "第二次", [], None)


# --- accounts ----------------------------------------------------------------------------------------

def test_an_admin_creates_a_unit_account_on_the_user_page(app, db, city):
    admin = _sign_in(app, "admin", PASSWORDS["admin"])
    page = _text(admin.get("/admin/users"))
    assert f"示例市 · {UNIT_A}" in page and "示例市（政府整体）" in page
    form = {"username": "shuili", "role": "unit", "password": "shuili-pass-1"}
    response = admin.post("/admin/users", data=form)
    assert response.status_code == 400 and "须选择其单位" in _text(response)
    response = admin.post("/admin/users", data={**form, "role": "staff", "unit": f"d:{city['ids'][UNIT_A]}"})
    assert response.status_code == 400 and "只有角色为“被评估单位”的账号才选择单位" in _text(response)
    response = admin.post("/admin/users", data={**form, "unit": "d:987654"})
    assert response.status_code == 400 and "所选部门不存在" in _text(response)
    assert store.users.get_user_by_name(db, "shuili") is None
    response = admin.post("/admin/users", data={**form, "unit": f"d:{city['ids'][UNIT_A]}", "governments": ["示例县"]})
    assert response.status_code == 302  # the ticked governments give way to the unit's
    user = store.users.get_user_by_name(db, "shuili")
    assert user["role"] == "unit" and store.users.get_scope(db, user["id"]) == ["示例市"]
    assert store.units.get_account_unit(db, user["id"])["name"] == UNIT_A
    page = _text(admin.get("/admin/users"))
    assert re.search(rf"<td>被评估单位<span class=\"vs\">{UNIT_A}</span></td>", page)
    with pytest.raises(store.StoreError, match="范围随单位确定"):
        store.users.set_scope(db, user["id"], ["示例县"], "token", None)
    response = admin.post(f"/admin/users/{user['id']}/scope", data={"governments": ["示例县"]})
    assert store.users.get_scope(db, user["id"]) == ["示例市"]
    assert "范围随单位确定" in _text(admin.get(response.headers["Location"]))
    client = _sign_in(app, "shuili", "shuili-pass-1")
    assert "2026年度机构编制评估" in _text(client.get("/unit/"))


def test_a_limited_admin_cannot_make_a_unit_outside_its_scope(app, db, city):
    make_department(db, "示例县水利局", "示例县")
    county = store.documents.get_government_by_name(db, "示例县")
    with mock.patch.object(auth, "PASSWORD_METHOD", FIXTURE_PASSWORD_METHOD):
        auth.create_user(db, "xian-admin", PASSWORD, "admin", governments=["示例县"])
    admin = _sign_in(app, "xian-admin")
    page = _text(admin.get("/admin/users"))
    assert "示例县（政府整体）" in page and UNIT_A not in page
    response = admin.post("/admin/users", data={"username": "sly", "role": "unit", "password": "sly-pass-12",
                                                "unit": f"d:{city['ids'][UNIT_A]}"})
    assert response.status_code == 400 and "所选单位不存在" in _text(response)
    response = admin.post("/admin/users", data={"username": "xian", "role": "unit", "password": "xian-pass-12",
                                                "unit": f"g:{county['id']}"})
    assert response.status_code == 302
    xian = store.users.get_user_by_name(db, "xian")
    assert store.units.get_account_unit(db, xian["id"])["department_id"] is None
    page = _text(_sign_in(app, "xian", "xian-pass-12").get("/unit/"))
    assert "示例县（旗市区政府整体）" in page and "上级政府编办将本旗市区列为评估对象后" in page


def test_sanding_user_add_makes_unit_accounts(app, db, city):
    path = app.config["DATABASE"]

    def run(*args):
        return CliRunner().invoke(main, ["user", "add", *args, "--password", "unit-pass-99", "--db", path])

    result = run("shuili", "--role", "unit", "--department", UNIT_A, "--government", "示例市")
    assert result.exit_code == 0 and f"已创建用户 shuili（被评估单位；单位：{UNIT_A}）" in result.output
    result = run("shangwu", "--role", "unit", "--department", "商务局", "--government", "示例市")  # short name
    assert result.exit_code == 0 and UNIT_B in result.output
    result = run("xian", "--role", "unit", "--government", "示例县")  # a county as a whole, not imported yet
    assert result.exit_code == 0, result.output
    for args, message in (
            (("bad1", "--role", "unit", "--department", UNIT_A), "须用一个 --government"),
            (("bad2", "--role", "unit", "--department", "不存在局", "--government", "示例市"),
             "没有名为“不存在局”的部门"),
            (("bad3", "--role", "staff", "--department", UNIT_A), "--department 只用于被评估单位账号"),
            (("bad4", "--role", "unit", "--department", "水利局", "--government", "示例州"), "数据库中还没有 示例州"),
            (("shuili", "--role", "unit", "--government", "示例市"), "用户名已存在")):
        result = run(*args)
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output, args
    assert store.users.get_user_by_name(db, "bad1") is None
    listed = CliRunner().invoke(main, ["user", "list", "--db", path]).output
    assert f"shuili\t被评估单位（{UNIT_A}）" in listed and "xian\t被评估单位（示例县）" in listed
    result = CliRunner().invoke(main, ["user", "scope", "shuili", "--government", "示例县", "--db", path])
    assert result.exit_code == 2 and "范围随单位确定" in result.output
    help_text = CliRunner().invoke(main, ["user", "add", "--help"]).output
    assert "被评估单位" in help_text and "--department" in help_text


def test_a_department_with_a_unit_account_keeps_its_only_version(app, db, city):
    version = store.documents.list_versions(db, city["ids"][OUTSIDE])[0]
    with mock.patch.object(auth, "PASSWORD_METHOD", FIXTURE_PASSWORD_METHOD):
        auth.create_user(db, "jiaotong", PASSWORD, "unit", unit={"department_id": city["ids"][OUTSIDE]})
    with pytest.raises(store.StoreError, match="被评估单位账号"):
        store.documents.delete_version(db, version["id"], None)
    assert store.documents.get_department(db, city["ids"][OUTSIDE]) is not None


def test_the_schema_upgrade_keeps_accounts_and_their_scopes(tmp_path):
    from webapp.store import schema
    db = store.connect(tmp_path / "old.db")
    version = schema.MIGRATIONS.index(schema._v21_unit_accounts)
    schema.migrate(db, schema.MIGRATIONS[:version])
    db.execute("INSERT INTO users (username, password_hash, role, created_at) VALUES ('xian', 'h', 'staff', 'now')")
    db.execute("INSERT INTO account_scope (user_id, government) VALUES (1, '示例县')")
    db.conn.commit()
    with pytest.raises(Exception, match="CHECK"):
        db.execute("INSERT INTO users (username, password_hash, role, created_at) VALUES ('u', 'h', 'unit', 'now')")
    db.conn.rollback()
    schema.migrate(db)
    assert store.users.get_scope(db, 1) == ["示例县"] and store.users.get_user(db, 1)["role"] == "staff"
    db.execute("INSERT INTO users (username, password_hash, role, created_at) VALUES ('u', 'h', 'unit', 'now')")
    with pytest.raises(Exception, match="CHECK"):
        db.execute("INSERT INTO users (username, password_hash, role, created_at) VALUES ('v', 'h', 'boss', 'now')")
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()
    again = store.connect(tmp_path / "old.db")  # a new connection reads the widened definition
    assert "'unit'" in again.execute("SELECT sql FROM sqlite_master WHERE name = 'users'").fetchone()[0]
    again.close()
