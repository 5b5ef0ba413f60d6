"""The 清单 pages and `sanding lists`: proposing by hand, import naming bad rows, approval and
rejection, dated editions, the diff (page and .xlsx), the 一本通's search and exports opened back,
copying confirmed findings (twice adds nothing), the 行业领域 index, and the CLI round trip."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from survey.lists import sheets
from survey.lists.kinds import KINDS
from webapp import create_app, store
from webapp.cli import main
from webapp.services import lists as service

from conftest import make_department
from workbooks import xlsx_bytes

NAMES = ["示例市水利局", "示例市公安局", "示例市自然资源和规划局", "示例市行政审批服务局"]
BOUNDARY = KINDS["boundary"]


@pytest.fixture
def city(db) -> dict:
    for name in NAMES:
        make_department(db, name)
    return store.documents.get_government_by_name(db, "示例市")


def _text(response) -> str:
    return response.get_data(as_text=True)


def _post_files(client, url: str, files: dict[str, tuple[bytes, str]]):
    """A multipart POST encoded here (the test client would spool it to a file it never closes)."""
    boundary, body = encode_multipart(MultiDict([(key, FileStorage(io.BytesIO(content), name))
                                                 for key, (content, name) in files.items()]))
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _form(**changes) -> dict:
    data = {"matter": "河道采砂管理", "field": "水利水务", "lead": "示例市水利局", "assisting": ["示例市公安局"],
            "duties": "水利局负责采砂许可和监督检查；公安局依法打击非法采砂。", "basis": "三定规定",
            "reason": "新增地方事项"}
    data.update(changes)
    return data


def _row(kind, values: dict) -> list:
    return [None, *(values.get(header, "") for header in kind.headers)]


def _sheet(kind, rows: list[dict]) -> bytes:
    return xlsx_bytes([_row(kind, values) for values in rows], sheets.header(kind))


def _register_id(db, city, kind=BOUNDARY) -> int:
    return service.list_id(db, city["id"], kind)


def _approve_all(client, db, city, kind=BOUNDARY) -> None:
    for change in store.lists.list_changes(db, _register_id(db, city, kind), status="pending"):
        response = client.post(f"/lists/{city['id']}/{kind.key}/changes/{change['id']}/decide",
                               data={"decision": "approve"})
        assert response.status_code == 302, _text(response)


def test_propose_approve_publish_edit_and_compare(client, auth, db, city):
    gid = city["id"]
    auth.login("staff")
    page = _text(client.get(f"/lists/{gid}/boundary/"))
    assert "工作稿中还没有事项" in page and "提出新增事项" in page and "发布新版本" not in page
    form = _text(client.get(f"/lists/{gid}/boundary/propose"))
    assert 'value="示例市公安局"' in form and "<option value=\"水利水务\">水利水务</option>" in form
    response = client.post(f"/lists/{gid}/boundary/propose", data=_form())
    assert response.status_code == 302 and response.headers["Location"].endswith("#pending")
    page = _text(client.get(f"/lists/{gid}/boundary/"))
    assert "已提出新增“河道采砂管理”的申请" in page and 'class="change-row"' in page and "批准</button>" not in page
    assert client.post(f"/lists/{gid}/boundary/publish", data={}).status_code == 403
    [change] = store.lists.list_changes(db, _register_id(db, city), status="pending")
    assert client.post(f"/lists/{gid}/boundary/changes/{change['id']}/decide",
                       data={"decision": "approve"}).status_code == 403
    auth.logout()
    # the admin approves; a rejection without its reason is refused
    auth.login("admin")
    url = f"/lists/{gid}/boundary/changes/{change['id']}/decide"
    page = _text(client.get(url.replace("/decide", "").rsplit("/changes", 1)[0] + "/", follow_redirects=True))
    assert "批准</button>" in page
    response = client.post(url, data={"decision": "reject", "note": ""})
    assert response.status_code == 400 and "未能审核：驳回须写明理由" in _text(response)
    assert client.post(url, data={"decision": "approve", "note": "同意"}).status_code == 302
    [matter] = service.draft_matters(db, _register_id(db, city))
    assert matter.values["assisting"] == ["示例市公安局"]
    response = client.post(f"/lists/{gid}/boundary/publish", data={"title": "2025年版", "note": "首批"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/editions/1")
    edition = _text(client.get(response.headers["Location"]))
    assert "第1版（2025年版）" in edition and "河道采砂管理" in edition and "共 1 个行业领域、1 项" in edition
    # a second edition after an approved edit; the diff names the changed column
    both = ["示例市公安局", "示例市自然资源和规划局"]
    response = client.post(f"/lists/{gid}/boundary/matters/{matter.id}/edit",
                           data=_form(assisting=both, reason="自然资源和规划局参与"))
    assert response.status_code == 302
    assert "公安局依法打击非法采砂" in _text(client.get(f"/lists/{gid}/boundary/matters/{matter.id}"))
    _approve_all(client, db, city)
    assert client.post(f"/lists/{gid}/boundary/publish", data={}).status_code == 302
    response = client.post(f"/lists/{gid}/boundary/publish", data={})
    assert response.status_code == 400 and "未能发布：工作稿与第2版" in _text(response)
    diff = _text(client.get(f"/lists/{gid}/boundary/diff?from=1&to=2"))
    assert "第1版（2025年版） → 第2版（" in diff and "新增 0 项、删除 0 项、修改 1 项" in diff
    assert re.search(r"<td>协办部门</td><td class=\"prewrap\"><del>示例市公安局</del></td>"
                     r"<td class=\"prewrap\"><ins>示例市公安局、示例市自然资源和规划局</ins></td>", diff)
    data = client.get(f"/lists/{gid}/boundary/diff.xlsx?from=1&to=2").data
    rows = list(load_workbook(io.BytesIO(data))["变动明细"].iter_rows(values_only=True))
    assert rows[1] == ("修改", "河道采砂管理", "水利水务", "协办部门", "示例市公安局",
                       "示例市公安局、示例市自然资源和规划局")
    # the log: who proposed and decided what, when and why
    log = _text(client.get(f"/lists/{gid}/boundary/changes"))
    assert log.count('class="change-row"') == 2 and "自然资源和规划局参与" in log and "同意" in log
    assert "测试staff" in log and "测试admin" in log
    assert client.get(f"/lists/{gid}/boundary/diff?from=1&to=x").status_code == 404
    assert client.get(f"/lists/{gid}/boundary/diff?from=1&to=7").status_code == 404
    assert client.get(f"/lists/{gid}/boundary/editions/7").status_code == 404


@pytest.mark.parametrize("changes, message", [
    ({"reason": " "}, "请填写变更理由"),
    ({"lead": "示例市教育局"}, "请从列表中选择主办部门"),
    ({"field": ""}, "“行业领域”不能为空"),
    ({"assisting": ["示例市水利局"]}, "协办部门不应包含主办部门"),
    ({"matter": "长" * 201}, "事项不超过 200 字"),
])
def test_a_bad_proposal_is_refused_in_chinese(client, auth, db, city, changes, message):
    auth.login("staff")
    response = client.post(f"/lists/{city['id']}/boundary/propose", data=_form(**changes))
    page = _text(response)
    assert response.status_code == 400 and message in page and "Traceback" not in page
    assert 'value="河道采砂管理"' in page or "长" * 201 in page  # what was typed is kept
    assert store.count(db, "list_changes") == 0


GOOD = {"事项": "河道采砂管理", "行业领域": "水利水务", "主办部门": "水利局", "协办部门": "公安局", "各自职责": "分工"}


def test_import_names_bad_rows_then_proposes_one_batch(client, auth, db, city):
    gid = city["id"]
    auth.login("staff")
    bad = _sheet(BOUNDARY, [GOOD, {**GOOD, "事项": "河湖划界", "协办部门": "教育局"}, {**GOOD, "行业领域": "海洋"}])
    response = _post_files(client, f"/lists/{gid}/boundary/import", {"file": (bad, "清单.xlsx")})
    page = _text(response)
    assert response.status_code == 400 and "职责边界清单有误，未导入任何事项" in page
    assert "第3行：“协办部门”的“教育局”不是本政府已有的部门" in page and "第4行：“行业领域”的“海洋”" in page
    assert store.count(db, "list_changes") == 0
    response = _post_files(client, f"/lists/{gid}/approval/import", {"file": (bad, "清单.xlsx")})
    assert response.status_code == 400 and "第1行表头应为" in _text(response)
    assert client.post(f"/lists/{gid}/boundary/import", data={}).status_code == 400
    good = _sheet(BOUNDARY, [GOOD, {**GOOD, "事项": "河湖划界", "协办部门": "自然资源和规划局"}])
    response = _post_files(client, f"/lists/{gid}/boundary/import", {"file": (good, "清单.xlsx")})
    assert response.status_code == 302
    page = _text(client.get(response.headers["Location"]))
    assert "新增 2 项、修改 0 项，已提出变更申请（第 1 批），待管理员审核" in page and "第 1 批" in page
    auth.logout()
    auth.login("admin")
    page = _text(client.get(f"/lists/{gid}/boundary/"))
    assert "本批全部批准" in page
    response = client.post(f"/lists/{gid}/boundary/batches/1/decide", data={"decision": "approve"})
    assert response.status_code == 302
    assert sorted(m.name for m in service.draft_matters(db, _register_id(db, city))) == ["河湖划界", "河道采砂管理"]
    # the same file again changes nothing; a changed row is an edit
    response = _post_files(client, f"/lists/{gid}/boundary/import", {"file": (good, "清单.xlsx")})
    assert "文件中的事项与工作稿相同" in _text(client.get(response.headers["Location"]))
    edited = _sheet(BOUNDARY, [{**GOOD, "各自职责": "新的分工"}])
    _post_files(client, f"/lists/{gid}/boundary/import", {"file": (edited, "清单.xlsx")})
    [change] = store.lists.list_changes(db, _register_id(db, city), status="pending")
    assert (change["action"], change["old"]["duties"], change["new"]["duties"]) == ("edit", "分工", "新的分工")


def test_exports_open_back_and_the_template_downloads(client, auth, db, city):
    gid = city["id"]
    service.import_sheet(db, city, BOUNDARY, _sheet(BOUNDARY, [GOOD]), "清单.xlsx", None, approve=True)
    service.publish(db, city, BOUNDARY, None, title="2026年版")
    auth.login("evaluator")
    book = load_workbook(io.BytesIO(client.get(f"/lists/{gid}/boundary/editions/1.xlsx").data))
    assert list(book.active.iter_rows(min_row=2, values_only=True)) == [
        (1, "河道采砂管理", "水利水务", "示例市水利局", "示例市公安局", "分工", None)]
    response = client.get(f"/lists/{gid}/boundary/editions/1.docx")
    assert "attachment" in response.headers["Content-Disposition"]
    document = Document(io.BytesIO(response.data))
    assert "示例市职责边界清单" in [p.text for p in document.paragraphs]
    assert document.tables[0].rows[1].cells[1].text == "河道采砂管理"
    draft = load_workbook(io.BytesIO(client.get(f"/lists/{gid}/boundary/draft.xlsx").data))
    assert draft.active["B2"].value == "河道采砂管理"
    template = load_workbook(io.BytesIO(client.get(f"/lists/{gid}/territorial/template.xlsx").data))
    assert [c.value for c in template.active[1]] == sheets.header(KINDS["territorial"])
    # evaluators read but propose nothing
    page = _text(client.get(f"/lists/{gid}/boundary/"))
    assert "提出新增事项" not in page and "批量导入" not in page
    assert client.post(f"/lists/{gid}/boundary/propose", data=_form()).status_code == 403


def test_the_handbook_searches_the_published_editions(client, auth, db, city):
    gid = city["id"]
    approval = KINDS["approval"]
    service.import_sheet(db, city, BOUNDARY, _sheet(BOUNDARY, [
        GOOD, {**GOOD, "事项": "非法采矿查处", "行业领域": "自然资源", "主办部门": "自然资源和规划局",
               "各自职责": "自然资源和规划局负责查处无证采矿"}]), "清单.xlsx", None, approve=True)
    service.import_sheet(db, city, approval, _sheet(approval, [{
        "许可事项": "取水许可", "行业领域": "水利水务", "事项类型": "行政许可", "审批部门": "行政审批服务局",
        "监管部门": "水利局", "审批监管环节": "技术审查、专家评审"}]), "审批.xlsx", None, approve=True)
    auth.login("staff")
    page = _text(client.get(f"/lists/{gid}/handbook"))
    assert "尚未发布任何版本" in page and "共 0 项" in page
    service.publish(db, city, BOUNDARY, None)
    service.publish(db, city, approval, None)
    service.propose_add(db, city, BOUNDARY, {**_form(matter="未发布的事项"), "assisting": []}, "待审核", None)
    page = _text(client.get(f"/lists/{gid}/handbook"))
    assert "共 3 项" in page and page.count('class="lists-entry lists-result"') == 3 and "未发布的事项" not in page

    def found(query: str) -> list[str]:
        text = _text(client.get(f"/lists/{gid}/handbook?{query}"))
        return re.findall(r'<article class="lists-entry lists-result">\s*<h3>(.*?) <span', text)

    assert found("department=示例市水利局") == ["河道采砂管理", "取水许可"]
    assert found("field=自然资源") == ["非法采矿查处"]
    assert found("q=專家評審") == ["取水许可"]  # typed in traditional characters
    assert found("q=采砂&kind=approval") == []
    assert found("q=采矿 查处") == ["非法<mark>采矿查处</mark>"]  # both words marked
    assert "没有符合条件的事项" in _text(client.get(f"/lists/{gid}/handbook?q=无此事项"))
    assert client.get(f"/lists/{gid}/handbook?kind=<script>&q=" + "长" * 500).status_code == 200
    assert 'href="/lists/handbook/">一本通</a>' in page  # in the navigation


def test_copying_confirmed_findings_twice_adds_nothing(client, auth, db, sample_city):
    gid = sample_city["id"]
    findings = [f for f in store.findings.list_findings(db, gid, scope="departments") if f["kind"] != "settled"][:2]
    for finding in findings:
        store.findings.set_decision(db, gid, finding["key"], {
            "status": "confirmed", "lead": finding["department_a"], "assisting": [finding["department_b"]],
            "matter": f"确认事项{finding['id']}", "division_of_work": "甲主办，乙配合"}, None)
    auth.login("staff")
    response = client.post(f"/lists/{gid}/boundary/findings", data={})
    assert response.status_code == 302
    assert "从职责交叉复制：新增 2 项" in _text(client.get(response.headers["Location"]))
    register = _register_id(db, sample_city)
    pending = store.lists.list_changes(db, register, status="pending")
    assert {c["finding_key"] for c in pending} == {f["key"] for f in findings}
    assert {c["new"]["lead"] for c in pending} == {f["department_a"] for f in findings}
    response = client.post(f"/lists/{gid}/boundary/findings", data={})
    assert "没有新的已确认事项；2 项已在清单中或已提出过" in _text(client.get(response.headers["Location"]))
    auth.logout()
    auth.login("admin")
    client.post(f"/lists/{gid}/boundary/batches/1/decide", data={"decision": "approve"})
    [matter, _other] = service.draft_matters(db, register)
    assert matter.finding_key in {f["key"] for f in findings} and matter.values["duties"] == "甲主办，乙配合"
    client.post(f"/lists/{gid}/boundary/matters/{matter.id}/remove", data={"reason": "不再交叉"})
    _approve_all(client, db, sample_city)
    client.post(f"/lists/{gid}/boundary/findings", data={})  # a removed one stays removed
    assert len(service.draft_matters(db, register)) == 1
    assert store.lists.list_changes(db, register, status="pending") == []
    page = _text(client.get(f"/lists/{gid}/boundary/matters/{_other.id}"))
    assert "来自" in page and "职责交叉识别" in page


def test_the_field_index_is_edited_by_admins(client, auth, db, city):
    gid = city["id"]
    service.import_sheet(db, city, BOUNDARY, _sheet(BOUNDARY, [GOOD]), "清单.xlsx", None, approve=True)
    auth.login("staff")
    page = _text(client.get(f"/lists/{gid}/fields"))
    assert "水利水务 <span class=\"muted\">1 项</span>" in page and "编辑索引" not in page
    assert client.post(f"/lists/{gid}/fields", data={"names": "安全生产"}).status_code == 403
    auth.logout()
    auth.login("admin")
    response = client.post(f"/lists/{gid}/fields", data={"names": "安全生产\n其他"})
    assert response.status_code == 400 and "水利水务（1 项）" in _text(response)
    assert client.post(f"/lists/{gid}/fields", data={"names": " \n "}).status_code == 400
    response = client.post(f"/lists/{gid}/fields", data={"names": "水利水务\n安全生产\n安全生产\n其他"})
    assert response.status_code == 302 and store.lists.field_names(db, gid) == ["水利水务", "安全生产", "其他"]
    response = client.post(f"/lists/{gid}/fields/rename", data={"old": "水利水务", "new": "水利"})
    assert response.status_code == 302
    assert service.draft_matters(db, _register_id(db, city))[0].field == "水利"
    response = client.post(f"/lists/{gid}/fields/rename", data={"old": "不存在", "new": "x"})
    assert response.status_code == 400 and "请选择索引中的行业领域" in _text(response)


def test_the_registers_are_linked_and_scoped_by_government(client, auth, db, city):
    auth.login("evaluator")
    page = _text(client.get(f"/lists/{city['id']}/"))
    for kind in KINDS.values():
        assert f'href="/lists/{city["id"]}/{kind.key}/"' in page
    assert _text(client.get("/lists/", follow_redirects=True)).count("职责边界清单") >= 1
    assert 'href="/lists/">清单</a>' in _text(client.get("/problems/", follow_redirects=True))
    assert client.get("/lists/987654/boundary/").status_code == 404
    assert client.get(f"/lists/{city['id']}/other/").status_code == 404


def test_every_form_carries_a_csrf_token(app_config, database_templates, passwords):
    database_templates.copy("accounts", Path(app_config["DATABASE"]))
    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    try:
        db = store.connect(app.config["DATABASE"])
        for name in NAMES:
            make_department(db, name)
        city = store.documents.get_government_by_name(db, "示例市")
        service.import_sheet(db, city, BOUNDARY, _sheet(BOUNDARY, [GOOD]), "清单.xlsx", None, approve=True)
        service.propose_add(db, city, BOUNDARY, {**_form(matter="河湖划界"), "assisting": []}, "新增", None)
        matter = service.draft_matters(db, _register_id(db, city))[0]
        client = app.test_client()
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', _text(client.get("/login"))).group(1)
        client.post("/login", data={"username": "admin", "password": passwords["admin"], "csrf_token": token})
        gid = city["id"]
        for url in (f"/lists/{gid}/boundary/", f"/lists/{gid}/boundary/matters/{matter.id}",
                    f"/lists/{gid}/boundary/propose", f"/lists/{gid}/fields"):
            page = _text(client.get(url))
            posts = page.count('method="post"')
            assert posts >= 2 and page.count('name="csrf_token"') == posts, url
        response = client.post(f"/lists/{gid}/boundary/propose", data=_form(matter="没有令牌"))
        assert response.status_code == 400 and "安全令牌" in _text(response)
        assert store.count(db, "list_changes") == 2
        db.close()
    finally:
        app.extensions["sanding_jobs"].shutdown()


# --- sanding lists ---------------------------------------------------------------------------------

def _cli(db_path: str, *args):
    return CliRunner().invoke(main, ["lists", *args, "--db", db_path])


def test_cli_round_trip_import_publish_export_import(app, db, city, tmp_path, app_config):
    db_path = app.config["DATABASE"]
    territorial = KINDS["territorial"]
    rows = [{"事项": "违法建设查处", "行业领域": "城市管理", "主体责任": "县级部门", "县级部门": "县城管局、水利局",
             "县级部门职责": "立案查处", "乡镇（街道）职责": "巡查报告", "依据": "城乡规划法"},
            {"事项": "河湖日常巡查", "行业领域": "水利水务", "主体责任": "乡镇（街道）", "县级部门": "县水利局",
             "县级部门职责": "业务指导", "乡镇（街道）职责": "落实巡河"}]
    sheet = tmp_path / "属地管理.xlsx"
    sheet.write_bytes(_sheet(territorial, [rows[0], {**rows[1], "主体责任": "村级"}]))
    result = _cli(db_path, "import", "--government", "示例市", "--kind", "属地管理", str(sheet))
    assert result.exit_code == 2 and "属地管理清单有误，未导入任何事项" in result.output
    assert "第3行：“主体责任”应为县级部门、乡镇（街道）之一" in result.output and "Traceback" not in result.output
    sheet.write_bytes(_sheet(territorial, rows))
    for args, message in ((("--kind", "权责"), "清单种类应为"), (("--government", "无此市"), "没有名为“无此市”的政府")):
        base = {"--government": "示例市", "--kind": "属地管理"}
        base.update(dict([args]))
        result = _cli(db_path, "import", *[x for pair in base.items() for x in pair], str(sheet))
        assert result.exit_code == 2 and message in result.output
    result = _cli(db_path, "import", "--government", "示例市", "--kind", "属地管理", str(tmp_path / "无.xlsx"))
    assert result.exit_code == 2 and "文件不存在" in result.output
    result = _cli(db_path, "export", "--government", "示例市", "--kind", "属地管理", "--xlsx", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2 and "尚未发布任何版本" in result.output
    result = _cli(db_path, "import", "--government", "示例市", "--kind", "属地管理", str(sheet))
    assert result.exit_code == 0 and "新增 2 项、修改 0 项，已直接生效" in result.output
    result = _cli(db_path, "publish", "--government", "示例市", "--kind", "属地管理", "--title", "2026年版")
    assert result.exit_code == 0 and "第1版（2026年版），共 2 项" in result.output
    result = _cli(db_path, "publish", "--government", "示例市", "--kind", "属地管理")
    assert result.exit_code == 2 and "无需发布" in result.output
    out, handbook = tmp_path / "导出.xlsx", tmp_path / "一本通.docx"
    result = _cli(db_path, "export", "--government", "示例市", "--kind", "属地管理", "--xlsx", str(out),
                  "--docx", str(handbook))
    assert result.exit_code == 0 and "第1版（2026年版）（2 项）" in result.output
    tables = Document(str(handbook)).tables  # by the 行业领域 index: 水利水务 before 城市管理
    assert [table.rows[1].cells[1].text for table in tables] == ["河湖日常巡查", "违法建设查处"]
    # into another database: the same matters
    other = tmp_path / "other" / "sanding.db"
    other_app = create_app({**app_config, "DATABASE": str(other)})
    try:
        other_db = store.connect(str(other))
        for name in NAMES:
            make_department(other_db, name)
        result = _cli(str(other), "import", "--government", "示例市", "--kind", "属地管理", str(out))
        assert result.exit_code == 0, result.output
        copied = store.documents.get_government_by_name(other_db, "示例市")
        again = [m.values for m in service.draft_matters(other_db, service.list_id(other_db, copied["id"],
                                                                                   territorial))]
        register = service.list_id(db, city["id"], territorial)
        assert again == [m.values for m in service.edition_matters(db, store.lists.latest_edition(db, register))]
        assert again[1]["matter"] == "违法建设查处" and again[1]["county"] == ["县城管局", "示例市水利局"]
        other_db.close()
    finally:
        other_app.extensions["sanding_jobs"].shutdown()
    result = _cli(db_path, "import", "--government", "示例市", "--kind", "属地管理", str(out))
    assert result.exit_code == 0 and "没有需要提出的变更" in result.output


def test_cli_propose_findings_and_diff(app, db, city, tmp_path):
    db_path = app.config["DATABASE"]
    sheet = tmp_path / "边界.xlsx"
    sheet.write_bytes(_sheet(BOUNDARY, [GOOD]))
    assert _cli(db_path, "import", "--government", "示例市", "--kind", "职责边界", str(sheet)).exit_code == 0
    assert _cli(db_path, "publish", "--government", "示例市", "--kind", "职责边界").exit_code == 0
    sheet.write_bytes(_sheet(BOUNDARY, [{**GOOD, "依据": "新依据"}]))
    result = _cli(db_path, "import", "--government", "示例市", "--kind", "职责边界", "--propose", str(sheet))
    assert result.exit_code == 0 and "待管理员审核" in result.output
    result = _cli(db_path, "diff", "--government", "示例市", "--kind", "职责边界", "--from", "1", "--to", "工作稿")
    assert result.exit_code == 0 and "第1版" in result.output and "没有变动" in result.output  # still pending
    service.decide_batch(db, city, BOUNDARY, 2, True, "", None)
    out = tmp_path / "变动.xlsx"
    result = _cli(db_path, "diff", "--government", "示例市", "--kind", "职责边界", "--from", "1", "--to", "工作稿",
                  "--xlsx", str(out))
    assert result.exit_code == 0 and "修改 1 项" in result.output and "依据 · 新依据" in result.output
    assert load_workbook(out)["变动明细"]["D2"].value == "依据"
    result = _cli(db_path, "diff", "--government", "示例市", "--kind", "职责边界", "--from", "一", "--to", "2")
    assert result.exit_code == 2 and "版本应为版本号" in result.output
    result = _cli(db_path, "findings", "--government", "示例市")
    assert result.exit_code == 0 and "新增 0 项" in result.output
    result = _cli(db_path, "export", "--government", "示例市", "--kind", "职责边界", "--draft", "--docx", "x.docx")
    assert result.exit_code == 2 and "Word 手册只导出已发布的版本" in result.output
    assert "清单" in CliRunner().invoke(main, ["lists", "--help"]).output


def test_the_demo_publishes_each_kind(sample_city, db):
    from webapp.services import demo
    line = demo._findings(db, sample_city["id"])
    assert "确认 3 处" in line
    said = demo._lists(db, sample_city)
    assert "职责边界清单 2 个版本" in said and "第2版增加职责交叉确认的 3 项" in said
    for kind in KINDS.values():
        register = service.list_id(db, sample_city["id"], kind)
        latest = store.lists.latest_edition(db, register)
        assert latest is not None and latest["matter_count"] >= 4, kind.key
    register = service.list_id(db, sample_city["id"], BOUNDARY)
    _old, _new, found = service.compare(db, sample_city, BOUNDARY, "1", "2")
    assert len(found.added) == 3 and [c.new.name for c in found.changed] == ["燃气安全监督管理"]
    [pending] = store.lists.list_changes(db, register, status="pending")
    assert pending["matter"] == "校外培训机构监管" and "示例市公安局" in pending["new"]["assisting"]


@pytest.mark.parametrize("kind, form, shown", [
    ("approval", {"matter": "取水许可", "field": "水利水务", "type": "行政许可", "approver": "示例市行政审批服务局",
                  "supervisors": ["示例市水利局"], "steps": "技术审查、专家评审", "duties": "", "basis": ""},
     "技术审查、专家评审"),
    ("territorial", {"matter": "违法建设查处", "field": "城市管理", "primary": "县级部门", "county": "县城管局、水利局",
                     "county_duties": "立案查处", "town_duties": "巡查报告", "basis": ""},
     "县城管局、示例市水利局"),
])
def test_each_kind_is_proposed_through_its_own_form(client, auth, db, city, kind, form, shown):
    auth.login("admin")
    page = _text(client.get(f"/lists/{city['id']}/{kind}/propose"))
    assert all(f'name="{key}"' in page for key in form)
    response = client.post(f"/lists/{city['id']}/{kind}/propose", data={**form, "reason": "新增"})
    assert response.status_code == 302, _text(response)
    _approve_all(client, db, city, KINDS[kind])
    register = _register_id(db, city, KINDS[kind])
    [matter] = service.draft_matters(db, register)
    page = _text(client.get(f"/lists/{city['id']}/{kind}/matters/{matter.id}"))
    assert shown in page and f'value="{form["matter"]}"' in page
    assert shown in _text(client.get(f"/lists/{city['id']}/{kind}/"))
