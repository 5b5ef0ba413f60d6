"""Review of overlapping responsibilities in the web app: findings, decisions, 职责边界清单."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from webapp import create_app, store
from webapp.overlaps import highlight

from conftest import PASSWORDS, wait_for_detection

MARKET, FARM = "示例市市场监督管理局", "示例市农业农村局"


def _p01(db, government_id: int) -> dict:
    """P01 of the answer key: 食用农产品 between market supervision and agriculture (settled)."""
    [row] = [row for row in store.findings.list_findings(db, government_id)
             if {row["department_a"], row["department_b"]} == {MARKET, FARM}
             and "食用农产品" in row["data"]["terms"]]
    return row


def _url(government_id: int, key: str = "", action: str = "") -> str:
    url = f"/overlaps/{government_id}/"
    if key:
        url += f"findings/{key}"
    return url + (f"/{action}" if action else "")


def _rows(page: str) -> int:
    return page.count('class="finding-row"')


def test_upload_detects_and_decisions_survive_a_revised_file(client, auth, uploads, db,
                                                             sample_city_files):
    auth.login("staff")
    status = uploads.run([(path.read_bytes(), path.name) for path in sample_city_files])
    assert all(job["status"] == "done" for job in status["jobs"]), status
    government = store.documents.get_government_by_name(db, "示例市")
    wait_for_detection(client, government["id"])
    p01 = _p01(db, government["id"])
    assert p01["kind"] == "settled"
    page = client.get(_url(government["id"])).get_data(as_text=True)
    assert "最近一次识别" in page and _rows(page) == store.findings.finding_facets(db, government["id"])["total"]

    response = client.post(_url(government["id"], p01["key"], "confirm"), data={
        "lead": MARKET, "assisting": [FARM], "matter": "食用农产品质量安全监管",
        "division_of_work": "以进入批发、零售市场或生产加工企业为界分段监管"})
    assert response.status_code == 302
    other = next(row for row in store.findings.list_findings(db, government["id"]) if row["key"] != p01["key"])
    client.post(_url(government["id"], other["key"], "dismiss"), data={"reason": "对象不同"})
    decisions_before = store.count(db, "decisions")

    # A revised 三定 of the market department: one unrelated duty (计量) changed.
    source = sample_city_files[0]
    assert source.name.startswith("01_shichang")
    text = source.read_text("utf-8")
    revised = text.replace("推行法定计量单位，管理计量器具及量值传递和比对工作。",
                           "推行法定计量单位，建立社会公用计量标准，管理计量器具及量值传递和比对工作。")
    assert revised != text
    status = uploads.run([(revised.encode("utf-8"), "市场监管局三定（修订）.txt")])
    assert status["jobs"][0]["status"] == "done"
    wait_for_detection(client, government["id"])

    assert store.count(db, "decisions") == decisions_before
    again = store.findings.get_finding(db, government["id"], p01["key"])
    assert again["present"] == 1 and again["status"] == "confirmed"
    assert again["lead"] == MARKET and again["assisting"] == [FARM]
    assert store.findings.get_finding(db, government["id"], other["key"])["status"] == "dismissed"
    page = client.get(_url(government["id"])).get_data(as_text=True)
    assert "有 2 个版本，只比对现行版本 市场监管局三定（修订）.txt" in page
    detail = client.get(_url(government["id"], p01["key"])).get_data(as_text=True)
    assert "已确认" in detail and "食用农产品质量安全监管" in detail


def test_findings_page_filters(client, auth, db, sample_city):
    auth.login("evaluator")
    government_id = sample_city["id"]
    all_rows = store.findings.list_findings(db, government_id)
    page = client.get(_url(government_id)).get_data(as_text=True)
    assert _rows(page) == len(all_rows)
    for kind, name in (("overlap", "职责交叉"), ("lead_assist", "牵头配合"), ("settled", "已有分工")):
        count = sum(row["kind"] == kind for row in all_rows)
        assert f"<strong>{count}</strong> {name}" in page

    page = client.get(_url(government_id) + "?kind=settled").get_data(as_text=True)
    assert _rows(page) == sum(row["kind"] == "settled" for row in all_rows) > 0
    assert "kind-overlap" not in page.split("<tbody>")[1]

    page = client.get(_url(government_id) + f"?department={FARM}").get_data(as_text=True)
    assert _rows(page) == sum(FARM in (r["department_a"], r["department_b"]) for r in all_rows) > 0

    page = client.get(_url(government_id) + "?topic=食品安全&min_score=0.6").get_data(as_text=True)
    expected = [r for r in all_rows if r["topic"] == "食品安全" and r["score"] >= 0.6]
    assert _rows(page) == len(expected) > 0
    scores = [float(s) for s in re.findall(r'<td class="score">([\d.]+)</td>', page)]
    assert scores and min(scores) >= 0.6

    page = client.get(_url(government_id) + "?scope=divisions").get_data(as_text=True)
    assert _rows(page) == sum(r["scope"] == "divisions" for r in all_rows)

    store.findings.set_decision(db, government_id, all_rows[0]["key"], {"status": "dismissed", "reason": "x"},
                       by=None)
    page = client.get(_url(government_id) + "?status=dismissed").get_data(as_text=True)
    assert _rows(page) == 1 and all_rows[0]["key"] in page
    page = client.get(_url(government_id) + "?status=open").get_data(as_text=True)
    assert _rows(page) == len(all_rows) - 1

    page = client.get(_url(government_id) + "?min_score=abc&kind=<x>&status=nope")
    assert page.status_code == 200 and _rows(page.get_data(as_text=True)) == len(all_rows)
    assert client.get("/overlaps/9999/").status_code == 404


def test_detail_shows_both_sides_with_marked_terms_escaped(client, auth, db, sample_city):
    government_id = sample_city["id"]
    finding = {
        "a": {"government": "示例市", "department": MARKET, "division": "<b>科</b>", "section": "divisions",
              "no": 3, "text": "<script>alert(1)</script>负责食品安全监督管理&协调", "file": "a.txt"},
        "b": {"government": "示例市", "department": FARM, "division": None, "section": "duties",
              "no": 6, "text": "負責食品安全<img src=x onerror=alert(2)>抽检", "file": "b.txt"},
        "score": 0.77, "terms": ["食品安全", "<i>"], "kind": "overlap", "topic": "食品安全",
        "settled_by": "市农业农村局负责<em>食品安全</em>。", "matter_a": "负责食品安全监督管理&协调",
        "matter_b": "负責食品安全抽检", "key": "evil00000000000000000", "scope": "departments"}
    rows = [{**row["data"], "scope": row["scope"]} for row in store.findings.list_findings(db, government_id)]
    store.findings.save_findings(db, government_id, rows + [finding], generation=1, notes=[], departments=16,
                        items=1)
    auth.login("staff")
    page = client.get(_url(government_id, finding["key"])).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "<em>食品安全</em>" not in page and "<b>科</b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;负责<mark>食品安全</mark>监督管理&amp;协调" in page
    assert "負責<mark>食品安全</mark>&lt;img src=x onerror=alert(2)&gt;抽检" in page
    assert "&lt;em&gt;<mark>食品安全</mark>&lt;/em&gt;" in page  # the 有关职责分工 statement
    assert "内设机构职责第 3 项" in page and "主要职责第 6 项" in page
    assert "0.77" in page and MARKET in page and FARM in page


def test_highlight_marks_terms_and_escapes_everything_else():
    assert str(highlight("a<b>食品安全c", ["食品安全"])) == "a&lt;b&gt;<mark>食品安全</mark>c"
    # Traditional characters are matched through their simplified form.
    assert str(highlight("監督食品安全風險", ["食品安全风险"])) == "監督<mark>食品安全風險</mark>"
    # Overlapping and nested terms become one mark.
    assert str(highlight("食品安全风险监测", ["食品安全", "安全风险", "风险监测"])) == \
        "<mark>食品安全风险监测</mark>"
    assert str(highlight("", ["x"])) == ""


def test_detail_prefills_the_confirm_form(client, auth, db, sample_city):
    p01 = _p01(db, sample_city["id"])
    auth.login("staff")
    page = client.get(_url(sample_city["id"], p01["key"])).get_data(as_text=True)
    assert "有关职责分工" in page and "<mark>食用农产品</mark>" in page
    assert re.search(r'name="matter"[^>]*value="[^"]*食用农产品', page)
    assert re.search(rf'name="lead" value="{FARM}" required checked', page)  # from the statement
    assert re.search(rf'name="assisting" value="{MARKET}" checked', page)
    division = re.search(r'<textarea id="division_of_work"[^>]*>([^<]*)</textarea>', page).group(1)
    assert "食用农产品" in division  # the 有关职责分工 statement


@pytest.fixture
def csrf_app(app_config, database_templates):
    """The app with CSRF protection on, on a copy of the sample city (findings detected)."""
    database_templates.copy("sample_city", Path(app_config["DATABASE"]))
    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    yield app
    app.extensions["sanding_jobs"].shutdown()


def _token(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_confirm_and_dismiss_with_csrf_and_audit(csrf_app):
    app = csrf_app
    db = store.connect(app.config["DATABASE"])
    government_id = store.documents.get_government_by_name(db, "示例市")["id"]
    p01 = _p01(db, government_id)
    client = app.test_client()
    login = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"username": "staff", "password": PASSWORDS["staff"],
                                "csrf_token": _token(login)})
    page = client.get(_url(government_id, p01["key"])).get_data(as_text=True)
    data = {"lead": MARKET, "assisting": [FARM], "matter": "食用农产品质量安全",
            "division_of_work": "分段监管"}

    assert client.post(_url(government_id, p01["key"], "confirm"), data=data).status_code == 400
    assert store.findings.get_finding(db, government_id, p01["key"])["status"] == "open"
    response = client.post(_url(government_id, p01["key"], "confirm"),
                           data={**data, "csrf_token": _token(page)})
    assert response.status_code == 302
    row = store.findings.get_finding(db, government_id, p01["key"])
    assert (row["status"], row["lead"], row["assisting"], row["matter"]) == (
        "confirmed", MARKET, [FARM], "食用农产品质量安全")

    # 主办 must be one of the two parties; a dismissal needs a reason.
    bad = client.post(_url(government_id, p01["key"], "confirm"),
                      data={**data, "lead": "示例市公安局", "csrf_token": _token(page)})
    assert bad.status_code == 400 and "主办部门必须是交叉的一方" in bad.get_data(as_text=True)
    empty = client.post(_url(government_id, p01["key"], "dismiss"),
                        data={"reason": "   ", "csrf_token": _token(page)})
    assert empty.status_code == 400 and "请填写排除理由" in empty.get_data(as_text=True)
    assert store.findings.get_finding(db, government_id, p01["key"])["status"] == "confirmed"

    response = client.post(_url(government_id, p01["key"], "dismiss"),
                           data={"reason": "按环节分段，已有分工", "csrf_token": _token(page)})
    assert response.status_code == 302
    dismissed, confirmed = store.audit.list_audit(db)[:2]
    user_id = store.users.get_user_by_name(db, "staff")["id"]
    assert confirmed["action"] == "decision_confirmed" and confirmed["by"] == user_id
    assert confirmed["old"] is None and "食用农产品质量安全" in confirmed["new"]
    assert dismissed["action"] == "decision_dismissed" and dismissed["by"] == user_id
    assert '"confirmed"' in dismissed["old"] and "按环节分段" in dismissed["new"]
    assert dismissed["at"]

    page = client.get(_url(government_id, p01["key"])).get_data(as_text=True)
    assert "已排除" in page and "按环节分段，已有分工" in page
    assert client.post(_url(government_id, p01["key"], "reopen"),
                       data={"csrf_token": _token(page)}).status_code == 302
    assert store.findings.get_finding(db, government_id, p01["key"])["status"] == "open"
    db.close()


def test_evaluator_views_but_cannot_decide(client, auth, db, sample_city):
    government_id = sample_city["id"]
    p01 = _p01(db, government_id)
    auth.login("evaluator")
    page = client.get(_url(government_id, p01["key"])).get_data(as_text=True)
    assert "食用农产品" in page
    assert "确认为职责边界事项" not in page and 'name="reason"' not in page
    listing = client.get(_url(government_id)).get_data(as_text=True)
    assert "重新识别" not in listing
    for action, data in (("confirm", {"lead": MARKET, "matter": "x"}), ("dismiss", {"reason": "x"}),
                         ("reopen", {})):
        assert client.post(_url(government_id, p01["key"], action), data=data).status_code == 403
    assert client.post(f"/overlaps/{government_id}/detect").status_code == 403
    assert store.count(db, "decisions") == 0
    assert client.get(f"/overlaps/{government_id}/boundary.docx").status_code == 200


def test_redetect_button_runs_in_the_background(client, auth, db, sample_city):
    auth.login("staff")
    response = client.post(f"/overlaps/{sample_city['id']}/detect")
    assert response.status_code == 302
    status = wait_for_detection(client, sample_city["id"])
    assert status["findings"] > 20 and not status["message"]
    assert store.audit.list_audit(db)[0]["action"] == "detect"


def _confirm_p01(db, government_id) -> dict:
    p01 = _p01(db, government_id)
    store.findings.set_decision(db, government_id, p01["key"], {
        "status": "confirmed", "lead": FARM, "assisting": [MARKET], "matter": "食用农产品质量安全监管",
        "division_of_work": "进入市场前由农业农村局监管，进入市场后由市场监管局监管"}, by=None)
    return p01


def test_boundary_page_groups_confirmed_matters_by_field(client, auth, db, sample_city):
    government_id = sample_city["id"]
    auth.login("evaluator")
    assert "暂无已确认的事项" in client.get(f"/overlaps/{government_id}/boundary").get_data(as_text=True)
    p01 = _confirm_p01(db, government_id)
    page = client.get(f"/overlaps/{government_id}/boundary").get_data(as_text=True)
    assert "示例市职责边界清单" in page and "索引" in page
    assert f"一、{p01['topic']}" in page
    assert "食用农产品质量安全监管" in page and "进入市场前由农业农村局监管" in page
    assert "有关职责分工" in page  # the basis quotes the settling statement
    assert 'href="#field-1"' in page and 'id="field-1"' in page


def test_xlsx_and_docx_exports_contain_the_confirmed_matter(client, auth, db, sample_city):
    from docx import Document
    from openpyxl import load_workbook

    government_id = sample_city["id"]
    _confirm_p01(db, government_id)
    auth.login("staff")
    response = client.get(f"/overlaps/{government_id}/boundary.xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "示例市职责边界清单"
    assert values[1][:3] == ["序号", "领域", "事项"]
    assert len(values) == 3
    assert values[2][2] == "食用农产品质量安全监管" and values[2][4] == FARM
    header = values[1]
    row = dict(zip(header, values[2]))
    assert row["状态"] == "已确认"
    assert row["职责分工"] == "进入市场前由农业农村局监管，进入市场后由市场监管局监管"
    assert "《示例市农业农村局三定规定》主要职责第" in row["依据"] and "有关职责分工" in row["依据"]

    response = client.get(f"/overlaps/{government_id}/boundary.docx")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    document = Document(io.BytesIO(response.data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "示例市职责边界清单"
    assert "目录" in texts and any("食用农产品质量安全监管" in text for text in texts)
    [table] = document.tables
    assert [cell.text for cell in table.rows[0].cells] == ["序号", "事项", "主办部门", "协办部门",
                                                          "职责分工", "依据"]
    assert [cell.text for cell in table.rows[1].cells][:4] == ["1", "食用农产品质量安全监管", FARM, MARKET]
    styles = document.styles.element.xml
    assert 'w:eastAsia="宋体"' in styles and 'w:eastAsia="黑体"' in styles


def test_department_summary_from_the_document_page(client, auth, db, sample_city):
    government_id = sample_city["id"]
    _confirm_p01(db, government_id)
    department_id = store.documents.department_ids(db, government_id)[FARM]
    version_id = store.documents.list_versions(db, department_id)[0]["id"]
    auth.login("evaluator")
    version_page = client.get(f"/documents/versions/{version_id}").get_data(as_text=True)
    assert f"/overlaps/departments/{department_id}" in version_page
    page = client.get(f"/overlaps/departments/{department_id}").get_data(as_text=True)
    mine = store.findings.list_findings(db, government_id, department=FARM)
    assert FARM in page and "部门职责交叉" in page
    assert _rows(page) == len(mine) > 0
    total = re.search(r'<tr class="total">.*?<td><strong>(\d+)</strong>', page, re.S).group(1)
    assert int(total) == len(mine)
    assert _p01(db, government_id)["key"] in page
    assert client.get("/overlaps/departments/99999").status_code == 404


def test_index_lists_governments(client, auth, db, sample_city):
    auth.login("staff")
    page = client.get("/overlaps/").get_data(as_text=True)
    assert "示例市" in page and "示例县" in page
    assert f"/overlaps/{sample_city['id']}/" in page
    nav = client.get("/documents/").get_data(as_text=True)
    assert 'href="/overlaps/"' in nav and 'href="/overlaps/boundary"' in nav


def test_cli_import_runs_detection(tmp_path, monkeypatch, sample_city_files):
    from click.testing import CliRunner

    from webapp.cli import main
    monkeypatch.setenv("SANDING_SECRET_KEY", "cli-test")
    db_path = str(tmp_path / "cli.db")
    result = CliRunner().invoke(main, ["import", str(sample_city_files[0].parent), "--db", db_path])
    assert result.exit_code == 0, result.output
    assert "职责交叉识别：示例市" in result.output
    db = store.connect(db_path)
    government_id = store.documents.get_government_by_name(db, "示例市")["id"]
    assert _p01(db, government_id)["kind"] == "settled"
    assert store.findings.get_detection(db, government_id)["finished_at"]
    db.close()


# Who may open each overlap route: "all" signed-in roles, or "editors" (admin and staff).
ROUTES = {
    "overlaps.index": ("GET", "/overlaps/", "all"),
    "overlaps.boundary_index": ("GET", "/overlaps/boundary", "all"),
    "overlaps.findings": ("GET", "/overlaps/{g}/", "all"),
    "overlaps.status": ("GET", "/overlaps/{g}/status", "all"),
    "overlaps.detect": ("POST", "/overlaps/{g}/detect", "editors"),
    "overlaps.finding": ("GET", "/overlaps/{g}/findings/{k}", "all"),
    "overlaps.confirm": ("POST", "/overlaps/{g}/findings/{k}/confirm", "editors"),
    "overlaps.dismiss": ("POST", "/overlaps/{g}/findings/{k}/dismiss", "editors"),
    "overlaps.reopen": ("POST", "/overlaps/{g}/findings/{k}/reopen", "editors"),
    "overlaps.boundary": ("GET", "/overlaps/{g}/boundary", "all"),
    "overlaps.boundary_xlsx": ("GET", "/overlaps/{g}/boundary.xlsx", "all"),
    "overlaps.boundary_docx": ("GET", "/overlaps/{g}/boundary.docx", "all"),
    "overlaps.department": ("GET", "/overlaps/departments/{d}", "all"),
}


def test_access_rule_of_every_overlap_route(app, client, auth, db, sample_city):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if rule.endpoint.startswith("overlaps.")}
    assert endpoints == set(ROUTES)
    for endpoint, (_method, _path, who) in ROUTES.items():
        declared = app.view_functions[endpoint].access
        assert set(declared) == ({"admin", "staff"} if who == "editors"
                                 else {"admin", "staff", "evaluator"}), endpoint
    values = {"g": sample_city["id"], "k": _p01(db, sample_city["id"])["key"],
              "d": store.documents.department_ids(db, sample_city["id"])[FARM]}
    for role in (None, "evaluator", "staff", "admin"):
        if role:
            auth.login(role)
        for endpoint, (method, path, who) in ROUTES.items():
            url = path.format(**values)
            response = client.open(url, method=method, data={"reason": "测试", "lead": FARM,
                                                             "matter": "测试事项"})
            if role is None:
                expected = {302}
            elif who == "editors" and role == "evaluator":
                expected = {403}
            else:
                expected = {200, 302}
            assert response.status_code in expected, (role, endpoint, response.status_code)
            if role is None and response.status_code == 302:
                assert "/login" in response.headers["Location"]
        if role:
            auth.logout()


def test_no_inline_script_in_overlap_pages(client, auth, db, sample_city):
    auth.login("staff")
    key = _p01(db, sample_city["id"])["key"]
    for path in (f"/overlaps/{sample_city['id']}/", f"/overlaps/{sample_city['id']}/findings/{key}",
                 f"/overlaps/{sample_city['id']}/boundary", "/overlaps/"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>" not in page and "onclick" not in page and "style=" not in page, path


def test_findings_can_be_searched_and_are_paged(client, auth, db, sample_city, monkeypatch):
    from webapp import overlaps

    government_id = sample_city["id"]
    auth.login("staff")
    page = client.get(_url(government_id) + "?q=食用农产品").get_data(as_text=True)
    matched = [f for f in store.findings.list_findings(db, government_id)
               if "食用农产品" in json.dumps(f["data"], ensure_ascii=False)]
    assert matched and _rows(page) == len(matched) and f"符合条件 {len(matched)} 条" in page
    assert _rows(client.get(_url(government_id) + "?q=没有这种事项").get_data(as_text=True)) == 0
    monkeypatch.setattr(overlaps, "PAGE_SIZE", 10)
    total = store.findings.finding_facets(db, government_id)["total"]
    first = client.get(_url(government_id)).get_data(as_text=True)
    assert _rows(first) == 10 and f"第 1 / {-(-total // 10)} 页" in first and "下一页" in first
    last = client.get(_url(government_id) + f"?page={-(-total // 10)}").get_data(as_text=True)
    assert _rows(last) == total - 10 * (-(-total // 10) - 1) and "上一页" in last
