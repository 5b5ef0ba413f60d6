"""Reform comparison pages: versions with dates, the comparison against the answer key,
大科室 verdicts, the leader-post ledger (names for admins only) and work saturation."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from survey.reform.rules import score
from webapp import store

from shared_paths import SAMPLE_CITY as CITY
from workbooks import xlsx_bytes

KEY = {pair["new_department"]: pair
       for pair in json.loads((CITY / "previous_answers.json").read_text("utf-8"))["pairs"]}


def _xlsx(rows: list[list]) -> bytes:
    return xlsx_bytes(rows)


def _department_id(db, name: str) -> int:
    return store.one(db, "SELECT id FROM departments WHERE name = ?", [name])["id"]


def test_versions_are_ordered_by_date_and_the_newest_is_current(reform_city, db, client, auth):
    shangwu = _department_id(db, "示例市商务局")
    versions = store.documents.department_versions(db, shangwu)
    assert [v["effective_date"] for v in versions] == ["2010-05-01", None]
    assert versions[-1]["current"] and versions[-1]["file_name"] == "12_shangwu.txt"
    # the 施行 date is read from the text where there is one
    market = store.documents.department_versions(db, _department_id(db, "示例市市场监督管理局"))
    assert market[0]["effective_date"] == "2019-03-01"
    # overlap detection compares the current version, not the one uploaded last
    assert store.documents.current_version_id(db, shangwu) == versions[-1]["id"]
    auth.login("evaluator")
    page = client.get(f"/reform/departments/{shangwu}/versions").get_data(as_text=True)
    assert "2010-05-01" in page and "现行" in page and "历史版本" in page
    assert "归入部门" not in page  # evaluators cannot edit
    # the older version stays readable
    assert client.get(f"/documents/versions/{versions[0]['id']}").status_code == 200
    version_page = client.get(f"/documents/versions/{versions[-1]['id']}").get_data(as_text=True)
    assert f"/reform/departments/{shangwu}/compare" in version_page


def _merged_rows(page: str) -> list[tuple[list[str], str]]:
    rows = re.findall(r'<tr class="merged"><td>合并</td><td>(.*?)</td><td>(.*?)</td></tr>', page)
    return sorted((sorted(a.split("、")), b) for a, b in rows)


@pytest.mark.parametrize("name", ["示例市商务局", "示例市水利局"])
def test_comparison_page_matches_the_answer_key(reform_city, db, client, auth, name):
    pair = KEY[name]
    auth.login("evaluator")
    page = client.get(f"/reform/departments/{_department_id(db, name)}/compare").get_data(as_text=True)
    duties = pair["duties"]
    assert (f"主要职责新增 {len(duties['added'])} 项、删除 {len(duties['removed'])} 项、"
            f"修改 {len(duties['changed'])} 项、未变 {len(duties['unchanged'])} 项") in page
    assert _merged_rows(page) == sorted((sorted(m["from"]), m["into"]) for m in pair["divisions"]["merged"])
    for removed in pair["divisions"]["removed"]:
        assert f"<td>撤销</td><td>{removed}</td>" in page
    shown = [item["shown"] for item in pair["declared"]]
    assert page.count("declared-shown") == shown.count(True)
    assert page.count("declared-missing") == shown.count(False)
    for item in pair["undeclared"]:
        assert item["excerpt"] in page.split('id="undeclared"')[1]
    staffing = pair["staffing"]
    posts = staffing["administrative_posts"]
    assert f"<th scope=\"row\">行政编制</th><td>{posts[0]}</td><td>{posts[1]}</td>" in page


def test_comparison_docx_and_version_choice(reform_city, db, client, auth):
    from docx import Document
    auth.login("staff")
    shangwu = _department_id(db, "示例市商务局")
    versions = store.documents.department_versions(db, shangwu)
    response = client.get(f"/reform/departments/{shangwu}/compare.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.data)).paragraphs)
    assert "三定规定新旧对照" in text and "职责调整核对" in text
    same = versions[-1]["id"]
    page = client.get(f"/reform/departments/{shangwu}/compare?old={same}&new={same}")
    assert "请选择两个不同的版本" in page.get_data(as_text=True)
    assert client.get(f"/reform/departments/{shangwu}/compare?new=999999").status_code == 404
    assert client.get(f"/reform/departments/{shangwu}/compare.docx?old={same}&new={same}").status_code == 400


def test_renamed_department_version_is_moved_and_compared(reform_city, db, client, auth):
    old_department = _department_id(db, "示例市交通局")
    new_department = _department_id(db, "示例市交通运输局")
    old_version = store.documents.department_versions(db, old_department)[0]
    assert old_version["effective_date"] == "2010-06-01"  # given by `sanding import --date`
    auth.login("staff")
    page = client.get(f"/reform/departments/{new_department}/compare?old={old_version['id']}")
    assert "主要职责新增 2 项、删除 2 项" in page.get_data(as_text=True)
    response = client.post(f"/reform/versions/{old_version['id']}/move",
                           data={"department_id": new_department, "confirm": "yes"})
    assert response.status_code == 302
    assert store.documents.get_department(db, old_department) is None
    versions = store.documents.department_versions(db, new_department)
    assert [v["id"] for v in versions][0] == old_version["id"] and versions[-1]["current"]
    page = client.get(f"/reform/departments/{new_department}/compare").get_data(as_text=True)
    assert "主要职责新增 2 项、删除 2 项、修改 8 项、未变 1 项" in page
    assert "<td>撤销</td><td>驾驶员培训管理科</td>" in page


def _move_old_jiaotong(db, client, auth) -> None:
    """File 示例市交通局 (2010) as the previous version of 示例市交通运输局."""
    auth.login("staff")
    old = store.documents.department_versions(db, _department_id(db, "示例市交通局"))[0]
    client.post(f"/reform/versions/{old['id']}/move",
                data={"department_id": _department_id(db, "示例市交通运输局"), "confirm": "yes"})
    auth.logout()


def test_reform_verdicts_and_rules(reform_city, db, client, auth):
    _move_old_jiaotong(db, client, auth)
    auth.login("evaluator")
    shangwu = _department_id(db, "示例市商务局")
    page = client.get(f"/reform/departments/{shangwu}/checks").get_data(as_text=True)
    assert "内设机构由12个减为7个，精简41.7%，达到30.0%的要求" in page
    assert "综合类内设机构1个" in page
    overview = client.get(f"/reform/{reform_city['id']}/checks").get_data(as_text=True)
    row = re.search(r"示例市交通运输局</a></th>(.*?)</tr>", overview, re.S).group(1)
    assert "verdict-fail" in row.split("</td>")[0]  # 12 → 9 divisions: cut 25 % < 30 %
    assert client.get(f"/reform/{reform_city['id']}/rules").status_code == 403
    auth.logout()
    auth.login("admin")
    form = client.get(f"/reform/{reform_city['id']}/rules").get_data(as_text=True)
    assert 'value="30"' in form and "机关党委" in form
    response = client.post(f"/reform/{reform_city['id']}/rules", data={
        "min_division_cut": "20", "max_general_share": "33.33", "general_divisions": "办公室\n人事\n财务",
        "min_posts_per_division": "3", "heads_by_posts": "0:1, 5:2, 8:3"})
    assert response.status_code == 302
    overview = client.get(f"/reform/{reform_city['id']}/checks").get_data(as_text=True)
    row = re.search(r"示例市交通运输局</a></th>(.*?)</tr>", overview, re.S).group(1)
    assert "verdict-pass" in row.split("</td>")[0]
    bad = client.post(f"/reform/{reform_city['id']}/rules", data={
        "min_division_cut": "abc", "max_general_share": "33", "general_divisions": "办公室",
        "min_posts_per_division": "3", "heads_by_posts": "5-2"})
    assert bad.status_code == 400
    assert "编制数:职数" in bad.get_data(as_text=True)


def test_score_is_the_share_of_applicable_rules_passed():
    from survey.reform.rules import Verdict
    verdicts = [Verdict("a", "", True, {}, ""), Verdict("b", "", False, {}, ""),
                Verdict("c", "", None, {}, ""), Verdict("d", "", True, {}, "")]
    assert score(verdicts) == pytest.approx(2 / 3)
    assert score([Verdict("c", "", None, {}, "")]) is None


HOLDERS = [["部门", "姓名", "职务", "级别", "任职时间"],
           ["示例市商务局", "张一", "局长", "正处级", "2019-01-01"],
           ["示例市商务局", "李二", "副局长", "副处级", "2019-01-01"],
           ["示例市商务局", "王三", "副局长", "副处级", "2020年3月"],
           ["示例市商务局", "赵四", "副局长", "副处级", "2021-06-01"],
           ["示例市商务局", "钱五", "副局长", "副处级", "2022-02-01"],
           ["示例市水利局", "孙六", "局长", "正处级", "2018-05-01"],
           ["示例市水利局", "周七", "副局长", "副处级", "2025-01-01"]]


def test_ledger_import_and_names_only_for_admins(reform_city, db, client, auth):
    auth.login("staff")
    response = client.post(f"/reform/{reform_city['id']}/ledger", data={
        "quarter": "2024-Q1", "file": (io.BytesIO(_xlsx(HOLDERS)), "holders.xlsx")},
        content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    snapshot_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2024年第1季度" in page
    shangwu = re.search(r"<th scope=\"row\">示例市商务局</th>(.*?)</tr>", page).group(1)
    assert re.findall(r"<td>(.*?)</td>", shangwu) == ["4", "5", "1", ""]  # 局长1+副局长3; 5 in office
    shuili = re.search(r"<th scope=\"row\">示例市水利局</th>(.*?)</tr>", page).group(1)
    assert re.findall(r"<td>(.*?)</td>", shuili) == ["5", "1", "", "4"]  # 周七 starts after the quarter
    for name in ("张一", "钱五", "孙六"):
        assert name not in page
    export = load_workbook(io.BytesIO(client.get(f"/reform/{reform_city['id']}/ledger/{snapshot_id}.xlsx").data))
    cells = [str(c) for row in export.active.iter_rows(values_only=True) for c in row if c is not None]
    assert "姓名" not in cells and not any("张一" in c for c in cells)
    auth.logout()
    auth.login("evaluator")
    assert "钱五" not in client.get(f"/reform/{reform_city['id']}/ledger/{snapshot_id}").get_data(as_text=True)
    auth.logout()
    auth.login("admin")
    page = client.get(f"/reform/{reform_city['id']}/ledger/{snapshot_id}").get_data(as_text=True)
    assert "李二、王三、赵四、钱五" in page and "周七" not in page
    export = load_workbook(io.BytesIO(client.get(f"/reform/{reform_city['id']}/ledger/{snapshot_id}.xlsx").data))
    cells = [str(c) for row in export.active.iter_rows(values_only=True) for c in row if c is not None]
    assert "姓名" in cells and "李二、王三、赵四、钱五" in cells
    listing = client.get(f"/reform/{reform_city['id']}/ledger").get_data(as_text=True)
    assert "2024年第1季度" in listing
    # the audit log holds counts, not names
    assert not any("张一" in (row["new"] or "") for row in store.audit.list_audit(db))


def test_bad_ledger_names_row_and_column_and_imports_nothing(reform_city, db, client, auth):
    auth.login("staff")
    rows = [HOLDERS[0], HOLDERS[1], ["示例市商务局", "", "副局长", "副处级", "2019-01-01"],
            ["示例市商务局", "王三", "副局长", "副处级", "去年"],
            ["示例市不存在局", "赵四", "局长", "正处级", "2019-01-01"]]
    response = client.post(f"/reform/{reform_city['id']}/ledger", data={
        "quarter": "2024-Q1", "file": (io.BytesIO(_xlsx(rows)), "holders.xlsx")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "第3行“姓名”列为空" in page
    assert "第4行“任职时间”列" in page
    assert "第5行“部门”列" in page
    assert store.count(db, "leader_snapshots") == 0 and store.count(db, "leader_holders") == 0
    broken = client.post(f"/reform/{reform_city['id']}/ledger", data={
        "quarter": "2024-Q1", "file": (io.BytesIO(b"not a workbook"), "holders.xlsx")},
        content_type="multipart/form-data")
    assert broken.status_code == 400 and "损坏" in broken.get_data(as_text=True)
    auth.logout()
    auth.login("evaluator")
    response = client.post(f"/reform/{reform_city['id']}/ledger", data={"quarter": "2024-Q1"})
    assert response.status_code == 403


TASKS = [["事项", "频次/年", "单次工时", "参与人数"],
         ["公文处理", 250, 4, 1],      # 1000 h
         ["会议保障", 20, 10, 3],      # 600 h
         ["信息报送", 52, 2, 1]]       # 104 h → 1704 h


def test_saturation_import_figures_and_settings(reform_city, db, client, auth):
    shangwu = _department_id(db, "示例市商务局")
    auth.login("staff")
    response = client.post(f"/reform/departments/{shangwu}/saturation", data={
        "division": "办公室", "posts": "1", "file": (io.BytesIO(_xlsx(TASKS)), "tasks.xlsx")},
        content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get(f"/reform/departments/{shangwu}/saturation").get_data(as_text=True)
    row = re.search(r"<th scope=\"row\">办公室</th>(.*?)</tr>", page, re.S).group(1)
    # available: 1 post × 250 days × 8 h × 0.85 = 1700 h; 1704 / 1700 = 100.2 %
    assert re.findall(r"<td>(.*?)</td>", row)[1:5] == ["3", "1704", "1700", "100.2%"]
    assert "正常" in row
    assert "未导入工作事项" in page  # the other divisions
    # bad sheet: row and column named, nothing replaced
    bad = TASKS[:2] + [["会议保障", "每月", 10, 3], ["", 1, 1, 1]]
    response = client.post(f"/reform/departments/{shangwu}/saturation", data={
        "division": "办公室", "file": (io.BytesIO(_xlsx(bad)), "tasks.xlsx")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "第3行“频次/年”列" in text and "第4行“事项”列为空" in text
    assert len(store.reform.saturation_tasks(db, shangwu)) == 3
    assert client.get(f"/reform/{reform_city['id']}/saturation/settings").status_code == 403
    auth.logout()
    auth.login("admin")
    response = client.post(f"/reform/{reform_city['id']}/saturation/settings", data={
        "working_days": "250", "hours_per_day": "8", "efficiency": "0.5", "low": "80", "high": "110"})
    assert response.status_code == 302
    page = client.get(f"/reform/departments/{shangwu}/saturation").get_data(as_text=True)
    row = re.search(r"<th scope=\"row\">办公室</th>(.*?)</tr>", page, re.S).group(1)
    # 1 × 250 × 8 × 0.5 = 1000 h; 1704 / 1000 = 170.4 %
    assert re.findall(r"<td>(.*?)</td>", row)[1:5] == ["3", "1704", "1000", "170.4%"]
    assert "饱和度过高" in row
    bad = client.post(f"/reform/{reform_city['id']}/saturation/settings", data={
        "working_days": "250", "hours_per_day": "8", "efficiency": "2", "low": "80", "high": "110"})
    assert bad.status_code == 400 and "效率系数" in bad.get_data(as_text=True)


def _routes(government_id: int, department_id: int, version_id: int) -> list[tuple[str, str, tuple]]:
    """(method, url, roles allowed) for every reform route."""
    everyone = ("admin", "evaluator", "staff")
    editors = ("admin", "staff")
    g, d, v = government_id, department_id, version_id
    return [
        ("GET", "/reform/", everyone),
        ("GET", f"/reform/departments/{d}/versions", everyone),
        ("POST", f"/reform/versions/{v}/date", editors),
        ("POST", f"/reform/versions/{v}/move", editors),
        ("GET", f"/reform/departments/{d}/compare", everyone),
        ("GET", f"/reform/departments/{d}/compare.docx", everyone),
        ("GET", f"/reform/departments/{d}/checks", everyone),
        ("POST", f"/reform/departments/{d}/posts", editors),
        ("GET", f"/reform/{g}/checks", everyone),
        ("GET", f"/reform/{g}/rules", ("admin",)),
        ("POST", f"/reform/{g}/rules", ("admin",)),
        ("GET", f"/reform/{g}/ledger", everyone),
        ("POST", f"/reform/{g}/ledger", editors),
        ("GET", f"/reform/{g}/ledger/1", everyone),
        ("GET", f"/reform/{g}/ledger/1.xlsx", everyone),
        ("GET", f"/reform/{g}/ledger/1/holders.xlsx", ("admin",)),
        ("GET", f"/reform/departments/{d}/saturation", everyone),
        ("POST", f"/reform/departments/{d}/saturation", editors),
        ("GET", f"/reform/{g}/saturation/settings", ("admin",)),
        ("POST", f"/reform/{g}/saturation/settings", ("admin",)),
        ("GET", f"/reform/{g}/pilots", everyone),
        ("POST", f"/reform/{g}/pilots/batches", editors),
        ("POST", f"/reform/{g}/pilots/assign", editors),
        ("GET", f"/reform/{g}/pilots.xlsx", everyone),
        ("POST", f"/reform/{g}/pilots/import", editors),
    ]


def test_access_rules_of_every_reform_route(app, db, client, auth, sample_file):
    from webapp.services import ingest
    result = ingest.import_path(db, sample_file, Path(app.config["UPLOAD_FOLDER"]), None, None)
    version = store.documents.get_version(db, result.version_id)
    routes = _routes(version["government_id"], version["department_id"], version["id"])
    reform_rules = [rule for rule in app.url_map.iter_rules()
                    if rule.endpoint.startswith(("reform.", "staffing.", "pilots."))]
    methods = sum(len(rule.methods - {"HEAD", "OPTIONS"}) for rule in reform_rules)
    assert methods == len(routes)  # a new route must be added to this table
    for method, url, _roles in routes:
        response = client.open(url, method=method)
        assert response.status_code == 302 and "/login" in response.headers["Location"], (method, url)
    for role in ("admin", "evaluator", "staff"):
        auth.login(role)
        for method, url, roles in routes:
            if method == "POST" and role in roles:
                continue  # the forms are exercised in the tests above
            status = client.open(url, method=method).status_code
            if role in roles:
                assert status in (200, 400, 404), (role, method, url, status)  # 404: no snapshot; 400: one version
            else:
                assert status == 403, (role, method, url, status)
        auth.logout()


def test_filing_a_version_under_another_department_needs_a_confirmation(reform_city, db, client, auth):
    old = store.documents.department_versions(db, _department_id(db, "示例市交通局"))[0]
    auth.login("staff")
    response = client.post(f"/reform/versions/{old['id']}/move",
                           data={"department_id": _department_id(db, "示例市交通运输局")})
    assert response.status_code == 400 and "请勾选“确认归入”" in response.get_data(as_text=True)
    assert store.documents.get_department(db, _department_id(db, "示例市交通局")) is not None
