"""The 通报 and the 反馈意见 of a campaign on the web (`/campaigns/<id>/notice…`) and in `sanding
campaigns notice`: options from the form, the ranking among the units in scope with the office's
bands, each unit's letter and all of them in a .zip; a campaign without a system, without units or
without scores, and bad options, answered in Chinese with no file."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlencode

import docx
import pytest
from click.testing import CliRunner

from survey.evaluation.indicators import Indicator, IndicatorSystem, system_to_dict
from webapp import store
from webapp.cli import main

NAMES = ["示例市水利局", "示例市商务局", "示例市交通运输局", "示例市教育局"]
OUTSIDE = "示例市公安局"  # a department of the government that is not in the campaign
SHARES = {"示例市水利局": 0.95, "示例市商务局": 0.85, "示例市交通运输局": 0.65}  # 教育局 is not scored
LEAVES = [("职能配置", "职责清晰", 50.0), ("内设机构", "设置合理", 25.0), ("内设机构", "运行顺畅", 25.0)]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _system() -> IndicatorSystem:
    system = IndicatorSystem("测试指标体系", [Indicator(("职能配置",), 0.5), Indicator(("内设机构",), 0.5)])
    system.indicators += [Indicator((top, leaf), 0.5 if top == "内设机构" else 1.0, points, "manual")
                          for top, leaf, points in LEAVES]
    system.validate()
    return system


@pytest.fixture
def campaign(db, sample_city) -> dict:
    """The sample city's 示例市 (its 三定 parsed, so the evaluation runs on them) with a manual-only
    system and a campaign over four of its departments: three scored (95, 85, 65), one not;
    feedback and 整改 entries for two."""
    government_id = sample_city["id"]
    ids = store.documents.department_ids(db, government_id)
    system = _system()
    system_id = store.evaluations.create_system(db, government_id, system.name, system_to_dict(system), None)
    campaign_id = store.campaigns.create_campaign(db, government_id, {
        "name": "2026年度机构编制评估", "year": 2026, "system_id": system_id,
        "deadlines": {"review": "2026-10-31", "feedback": "2026-11-30", "rectify": "2027-03-31"}}, None)
    store.campaigns.set_units(db, campaign_id, [ids[name] for name in NAMES], [ids["示例市水利局"]], None)
    for name, share in SHARES.items():
        for top, leaf, points in LEAVES:
            store.evaluations.set_score(db, system_id, ids[name], [top, leaf], points * share, "查阅资料", None)
    store.campaigns.set_feedback(db, campaign_id, ids["示例市商务局"], "存在的问题：一是混编混岗问题仍未解决；"
                                 "二是权责清单未及时调整。\n建议对照三定规定整改。", None)
    store.campaigns.set_feedback(db, campaign_id, ids["示例市交通运输局"], "总体较好，但内设机构职责边界不清。", None)
    for name, problem, due in (("示例市交通运输局", "超职数配备副局长1名", "2027-02-28"),
                               ("示例市商务局", "混编混岗问题仍未解决", "2027-03-15")):
        store.campaigns.add_rectification_entry(db, campaign_id, ids[name], {
            "problem": problem, "measure": "按规定整改", "owner": "办公室主任", "deadline": due,
            "origin": "评估意见", "source_ref": "评估活动：2026年度机构编制评估"}, None)
    return {"id": campaign_id, "ids": ids, "system_id": system_id, "government_id": government_id}


def _url(campaign: dict, tail: str = "notice", **options) -> str:
    url = f"/campaigns/{campaign['id']}/{tail}"
    return url + ("?" + urlencode(options) if options else "")


def _docx(response):
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    assert response.mimetype == DOCX and response.get_data()[:2] == b"PK"
    return docx.Document(io.BytesIO(response.get_data()))


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


OPTIONS = {"number": "示编办[2026]12号", "addressee": "市直各有关单位", "issuer": "示例市机构编制委员会办公室",
           "issued_on": "2026-12-02", "title": "", "contact": "张三，0000-1234567", "excellent": "90", "good": "80",
           "fair": "70", "header": "red"}


def test_the_office_previews_and_downloads_the_notice(client, auth, campaign):
    auth.login("evaluator")
    board = client.get(f"/campaigns/{campaign['id']}/").get_data(as_text=True)
    assert _url(campaign, "notice.docx") in board and _url(campaign, "letters.zip") in board
    page = client.get(_url(campaign)).get_data(as_text=True)
    assert "关于2026年度机构编制评估情况的通报" in page and "下载通报（.docx）" in page
    assert 'data-unit="示例市水利局"' in page and "95.00" in page and "暂不排名" in page
    assert 'data-category="人员编制和领导职数"' in page and "示例市商务局：混编混岗问题仍未解决" in page
    document = _docx(client.get(_url(campaign, "notice.docx", **OPTIONS)))
    texts = _texts(document)
    assert texts[:4] == ["示例市机构编制委员会办公室", "示编办〔2026〕12号", "关于2026年度机构编制评估情况的通报",
                         "市直各有关单位："]
    assert texts[-3:] == ["示例市机构编制委员会办公室", "二〇二六年十二月二日", "（联系人：张三，0000-1234567）"]
    ranking = _rows(document.tables[0])
    # ranked among the four units only (示例市公安局 is not in the campaign); 一般 from 70 up
    assert ranking == [["名次", "单位", "得分", "等次"], ["1", "示例市水利局", "95.00", "优秀"],
                       ["2", "示例市商务局", "85.00", "良好"], ["3", "示例市交通运输局", "65.00", "较差"]]
    body = "\n".join(texts)
    assert "示例市教育局（缺3项）尚有指标未评分，暂不排名" in body and "示例市公安局" not in body
    assert "90分及以上为优秀，80分（含）至90分为良好，70分（含）至80分为一般，70分以下为较差" in body
    assert "评估中共发现问题4个，涉及2个单位" in body
    assert "共2个问题，涉及2个单位（示例市商务局、示例市交通运输局）" in body  # 人员编制和领导职数
    assert _rows(document.tables[1])[1:] == [["示例市商务局", "1", "0", "2027年3月15日"],
                                             ["示例市交通运输局", "1", "0", "2027年2月28日"]]
    assert "请各单位于2027年3月31日前将整改落实情况" in body
    plain = _docx(client.get(_url(campaign, "notice.docx", **{**OPTIONS, "header": "plain", "number": ""})))
    assert _texts(plain)[0] == "关于2026年度机构编制评估情况的通报"


def test_letters_one_at_a_time_and_all_together(client, auth, campaign):
    auth.login("staff")  # staff may download
    ids = campaign["ids"]
    document = _docx(client.get(_url(campaign, f"units/{ids['示例市商务局']}/letter.docx", **OPTIONS)))
    texts = _texts(document)
    assert texts[3] == "示例市商务局："
    assert "你单位评估得分85.00分，在3个参加排名的单位中位列第2名，等次为“良好”" in "".join(texts)
    assert "存在的问题：一是混编混岗问题仍未解决；二是权责清单未及时调整。" in texts
    assert _rows(document.tables[1])[1] == ["1", "混编混岗问题仍未解决", "按规定整改", "办公室主任", "2027年3月15日"]
    response = client.get(_url(campaign, f"units/{ids['示例市商务局']}/letter.docx"))  # default options
    assert "02-示例市商务局反馈意见.docx" in unquote(response.headers["Content-Disposition"])
    assert client.get(_url(campaign, f"units/{ids[OUTSIDE]}/letter.docx")).status_code == 404
    assert client.get(_url(campaign, "units/987654/letter.docx")).status_code == 404
    response = client.get(_url(campaign, "letters.zip", **OPTIONS))
    assert response.status_code == 200 and response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as archive:
        assert archive.namelist() == ["01-示例市水利局反馈意见.docx", "02-示例市商务局反馈意见.docx",
                                      "03-示例市交通运输局反馈意见.docx", "04-示例市教育局反馈意见.docx"]
        last = _texts(docx.Document(io.BytesIO(archive.read("04-示例市教育局反馈意见.docx"))))
    assert last[3] == "示例市教育局：" and "你单位尚有3项指标未评分，得分、排名和等次待评分完成后另行反馈。" in last


@pytest.mark.parametrize("changes, message", [
    ({"excellent": "80", "good": "85"}, "分数线应从高到低：优秀（80）高于良好（85），良好高于一般（70）"),
    ({"fair": "六十"}, "一般分数线应为数字，如 90"),
    ({"number": "十二号"}, "发文字号“十二号”应写作 机关代字〔年份〕序号号，如 示编办〔2026〕12号"),
    ({"issued_on": "明天"}, "成文日期应为日期，如 2026-03-01"),
    ({"issuer": ""}, "请填写发文机关"),
    ({"header": "blue"}, "请选择是否印红头"),
])
def test_bad_options_are_named_and_no_file_is_sent(client, auth, campaign, changes, message):
    auth.login("evaluator")
    for tail in ("notice.docx", "letters.zip", f"units/{campaign['ids']['示例市水利局']}/letter.docx"):
        response = client.get(_url(campaign, tail, **{**OPTIONS, **changes}))
        body = response.get_data(as_text=True)
        assert response.status_code == 400 and response.mimetype == "text/html", tail
        assert message in body and "Traceback" not in body, tail


def test_a_campaign_without_system_units_or_scores_gets_a_message_not_an_empty_notice(client, auth, db, campaign):
    auth.login("evaluator")
    government_id = campaign["government_id"]
    empty = store.campaigns.create_campaign(db, government_id, {"name": "无指标体系的活动", "year": 2026}, None)
    store.campaigns.set_units(db, empty, [campaign["ids"]["示例市水利局"]], [], None)
    unscored = store.campaigns.create_campaign(db, government_id, {
        "name": "未评分的活动", "year": 2026, "system_id": campaign["system_id"]}, None)
    store.campaigns.set_units(db, unscored, [campaign["ids"]["示例市教育局"]], [], None)
    no_units = store.campaigns.create_campaign(db, government_id, {
        "name": "没有单位的活动", "year": 2026, "system_id": campaign["system_id"]}, None)
    for campaign_id, message in (
            (empty, "评估活动“无指标体系的活动”尚未选择指标体系，不能生成通报：请在“方案与设置”中选择指标体系"),
            (unscored, "评估活动“未评分的活动”的评估单位都还没有完成评分，无法排名，不能生成通报："
                       "示例市教育局（缺 3 项）"),
            (no_units, "评估活动“没有单位的活动”尚未确定评估单位，不能生成通报")):
        page = client.get(f"/campaigns/{campaign_id}/notice")
        assert page.status_code == 200 and message in page.get_data(as_text=True)
        assert "disabled>下载通报" in page.get_data(as_text=True)
        for tail in ("notice.docx", "letters.zip"):
            response = client.get(f"/campaigns/{campaign_id}/{tail}")
            assert response.status_code == 400 and message in response.get_data(as_text=True), (campaign_id, tail)
    assert client.get("/campaigns/987654/notice.docx").status_code == 404


# --- sanding campaigns notice ---------------------------------------------------------------------

def _cli(app, *args):
    return CliRunner().invoke(main, ["campaigns", "notice", *args, "--db", app.config["DATABASE"]])


def test_cli_writes_the_notice_and_the_letters(app, db, campaign, tmp_path):
    out, folder = tmp_path / "通报.docx", tmp_path / "反馈意见"
    result = _cli(app, "2026年度机构编制评估", "--government", "示例市", "--docx", str(out), "--letters", str(folder),
                  "--number", "示编办〔2026〕12号", "--date", "2026-12-02", "--bands", "90,80,70")
    assert result.exit_code == 0, result.output
    assert "已写出通报" in result.output and "3 个单位排名，1 个暂不排名；发现问题 4 个" in result.output
    assert "已写出反馈意见 4 份" in result.output
    document = docx.Document(out)
    assert _texts(document)[1] == "示编办〔2026〕12号" and "二〇二六年十二月二日" in _texts(document)
    assert [row[3] for row in _rows(document.tables[0])[1:]] == ["优秀", "良好", "较差"]
    assert sorted(path.name for path in Path(folder).iterdir()) == [
        "01-示例市水利局反馈意见.docx", "02-示例市商务局反馈意见.docx", "03-示例市交通运输局反馈意见.docx",
        "04-示例市教育局反馈意见.docx"]
    result = _cli(app, str(campaign["id"]), "--docx", str(tmp_path / "plain.docx"), "--no-red-header")
    assert result.exit_code == 0 and _texts(docx.Document(tmp_path / "plain.docx"))[0].startswith("关于")


@pytest.mark.parametrize("args, message", [
    (("无此活动", "--docx", "x.docx"), "没有名为“无此活动”的评估活动"),
    (("2026年度机构编制评估",), "请用 --docx 指定通报文件，或用 --letters 指定反馈意见的文件夹"),
    (("2026年度机构编制评估", "--docx", "x.docx", "--bands", "90,80"), "--bands 应为优秀、良好、一般三条分数线"),
    (("2026年度机构编制评估", "--docx", "x.docx", "--date", "2026/12/02"), "--date 应为日期，如 2026-12-02"),
    (("2026年度机构编制评估", "--docx", "x.docx", "--number", "12号"), "不能生成通报：发文字号“12号”应写作"),
    (("无指标体系的活动", "--docx", "x.docx"), "不能生成通报：评估活动“无指标体系的活动”尚未选择指标体系"),
])
def test_cli_refuses_in_chinese_and_writes_nothing(app, db, campaign, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    store.campaigns.create_campaign(db, campaign["government_id"], {"name": "无指标体系的活动", "year": 2026}, None)
    result = _cli(app, *args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.docx").exists()


def test_an_account_limited_to_a_county_gets_its_own_notice_and_nothing_of_the_city(app, db, two_governments):
    """An evaluator limited to 示例县 downloads the 通报 and letters of 示例县's campaign (ranked among
    its own units, naming nothing of 示例市) and gets 404 for 示例市's campaign and units."""
    from scoped_city import OTHER, OWN, PASSWORD, SIGNS_IN
    own, other = two_governments[OWN], two_governments[OTHER]
    system_id = store.evaluations.create_system(db, own["government_id"], "县测试指标体系", system_to_dict(_system()),
                                                None)
    campaign = store.campaigns.get_campaign(db, own["campaign_id"])
    store.campaigns.update_campaign(db, campaign["id"], {"name": campaign["name"], "year": campaign["year"],
                                                         "system_id": system_id, "deadlines": {}}, None)
    [unit] = store.campaigns.list_units(db, campaign["id"])
    for top, leaf, points in LEAVES:
        store.evaluations.set_score(db, system_id, unit["department_id"], [top, leaf], points * 0.9, "查阅资料", None)
    client = app.test_client()
    client.post("/login", data={"username": SIGNS_IN["evaluator"], "password": PASSWORD})
    for tail in ("notice.docx", "letters.zip", f"units/{unit['department_id']}/letter.docx"):
        response = client.get(f"/campaigns/{campaign['id']}/{tail}")
        assert response.status_code == 200, (tail, response.get_data(as_text=True)[:500])
        with zipfile.ZipFile(io.BytesIO(response.get_data())) as archive:
            inner = [archive.read(name) for name in archive.namelist()]
        parts = [zipfile.ZipFile(io.BytesIO(data)) for data in inner] if tail.endswith(".zip") else [
            zipfile.ZipFile(io.BytesIO(response.get_data()))]
        xml = "".join(part.read(name).decode("utf-8", "replace") for part in parts for name in part.namelist()
                      if name.endswith(".xml"))
        assert unit["name"] in xml and "示例县机构编制委员会办公室" in xml and OTHER not in xml, tail
    for url in (f"/campaigns/{other['campaign_id']}/notice", f"/campaigns/{other['campaign_id']}/notice.docx",
                f"/campaigns/{other['campaign_id']}/letters.zip",
                f"/campaigns/{campaign['id']}/units/{other['department_id']}/letter.docx"):
        assert client.get(url).status_code == 404, url
