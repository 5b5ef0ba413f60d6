"""The 机构编制问题台账 pages and `sanding problems`: entering a problem of several departments,
filters and pages, 对账销号 against evidence files, import naming bad rows, export → import."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from survey.reform.problems import IMPORT_HEADER
from webapp import create_app, store
from webapp.cli import main
from webapp.services import problems as service

from conftest import make_department
from workbooks import xlsx_bytes

NAMES = ["示例市水利局", "示例市商务局", "示例市交通运输局"]


def _department(db, name: str, government: str = "示例市") -> int:
    return make_department(db, name, government)


@pytest.fixture
def city(db) -> dict:
    ids = {name: _department(db, name) for name in NAMES}
    return {"id": store.documents.get_government_by_name(db, "示例市")["id"], "ids": ids}


def _text(response) -> str:
    return response.get_data(as_text=True)


def _form(ids: list[int], **changes) -> dict:
    data = {"departments": [str(i) for i in ids], "category": "混编混岗", "description": "行政事业人员混岗使用",
            "measure": "", "found_on": "2026-03-01", "source": "实地抽查", "due_on": "2026-06-30"}
    data.update(changes)
    return data


def _post_files(client, url: str, fields: dict, files: dict[str, tuple[bytes, str]]):
    """A multipart POST encoded here (the test client would spool it to a file it never closes)."""
    pairs = [(key, value) for key, value in fields.items()]
    pairs += [(key, FileStorage(io.BytesIO(content), name)) for key, (content, name) in files.items()]
    boundary, body = encode_multipart(MultiDict(pairs))
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _sheet(rows: list[list]) -> bytes:
    return xlsx_bytes(rows, IMPORT_HEADER)


def test_a_problem_of_several_departments_is_one_entry(client, auth, db, city):
    gid, ids = city["id"], city["ids"]
    auth.login("staff")
    page = _text(client.get(f"/problems/{gid}/"))
    assert "暂无问题" in page and "登记问题" in page and 'value="%d"' % ids["示例市商务局"] in page
    response = client.post(f"/problems/{gid}/new", data=_form([ids["示例市水利局"], ids["示例市商务局"]]))
    assert response.status_code == 302
    [row] = store.problems.list_problems(db, gid)
    number = "问题-2026-001"
    assert row["number"] == number and response.headers["Location"].endswith(f"/problems/entries/{row['id']}")
    detail = _text(client.get(f"/problems/entries/{row['id']}"))
    assert number in detail and "示例市商务局、示例市水利局" in detail and "对账销号" in detail
    for department in ("示例市水利局", "示例市商务局"):
        found = _text(client.get(f"/problems/{gid}/?department_id={ids[department]}"))
        assert found.count('class="problem-row') == 1 and f">{number}</a>" in found
    assert "没有符合条件的问题" in _text(client.get(f"/problems/{gid}/?department_id={ids['示例市交通运输局']}"))
    found = _text(client.get(f"/problems/{gid}/?category=混编混岗&status=待整改&q=混岗"))
    assert found.count('class="problem-row') == 1
    assert "没有符合条件" in _text(client.get(f"/problems/{gid}/?category=超编进人"))
    # evaluators read, and change nothing
    auth.logout()
    auth.login("evaluator")
    page = _text(client.get(f"/problems/{gid}/"))
    assert number in page and "登记问题" not in page and "批量导入" not in page
    assert "更改状态" not in _text(client.get(f"/problems/entries/{row['id']}"))
    assert client.post(f"/problems/{gid}/new", data=_form([ids["示例市水利局"]])).status_code == 403
    assert "<script>" not in page and "style=" not in page
    # linked from the navigation, beside the 整改台账
    assert 'href="/problems/">问题台账</a>' in page


@pytest.mark.parametrize("changes, message", [
    ({"departments": []}, "请至少选择一个涉及部门"),
    ({"found_on": "去年三月"}, "发现日期应为日期"),
    ({"due_on": ""}, "请填写整改时限"),
    ({"due_on": "2026-01-01"}, "整改时限不能早于发现日期"),
    ({"category": "乱设机构"}, "请从列表中选择问题类别"),
    ({"description": "  "}, "请填写问题描述"),
    ({"departments": ["987654"]}, "涉及部门须是本政府的部门"),
])
def test_a_bad_entry_is_refused_in_chinese(client, auth, db, city, changes, message):
    auth.login("admin")
    response = client.post(f"/problems/{city['id']}/new", data=_form([city["ids"]["示例市水利局"]], **changes))
    assert response.status_code == 400 and message in _text(response) and "Traceback" not in _text(response)
    assert store.count(db, "problems") == 0


def test_closing_needs_evidence_and_files_are_for_signed_in_users(app, client, auth, db, city):
    gid = city["id"]
    auth.login("staff")
    client.post(f"/problems/{gid}/new", data=_form([city["ids"]["示例市水利局"]], found_on="2026-01-10"))
    [row] = store.problems.list_problems(db, gid)
    url = f"/problems/entries/{row['id']}"
    response = client.post(url + "/status", data={"status": "已销号", "note": "  ", "closed_on": "2026-02-01"})
    assert response.status_code == 400 and "销号须有佐证" in _text(response)
    page = _text(response)  # the refused form keeps what was chosen, the edit form shows the problem
    assert '<option selected value="已销号">' in page and 'value="2026-02-01"' in page
    assert "行政事业人员混岗使用</textarea>" in page
    assert store.problems.get_problem(db, row["id"])["status"] == "待整改"
    assert store.count(db, "problem_history") == 1
    # a refused closing keeps no file it carried
    uploads = Path(app.config["UPLOAD_FOLDER"])
    response = _post_files(client, url + "/status", {"status": "已销号", "closed_on": "2025-12-31"},
                           {"file": (b"%PDF-1.4 report", "整改报告.pdf")})
    assert response.status_code == 400 and "销号日期不能早于发现日期" in _text(response)
    assert not list(uploads.glob("problem-*")) and store.count(db, "problem_attachments") == 0
    response = _post_files(client, url + "/status", {"status": "已销号", "note": ""},
                           {"file": (b"%PDF-1.4 report", "../整改报告.pdf")})
    assert response.status_code == 302
    closed = store.problems.get_problem(db, row["id"])
    assert (closed["status"], closed["closed_on"]) == ("已销号", date.today().isoformat())
    [attachment] = store.problems.list_attachments(db, row["id"])
    assert attachment["file_name"] == "整改报告.pdf" and attachment["stored_name"] != "整改报告.pdf"
    stored = uploads / attachment["stored_name"]
    assert stored.read_bytes() == b"%PDF-1.4 report" and stored.stat().st_mode & 0o777 == 0o600
    audit = store.audit.list_audit(db, action="problem_status")[0]
    assert audit["entity"] == f"problem:{row['id']}" and "整改报告.pdf" in audit["new"]
    # reopening needs the reason; a closed problem is not edited
    response = client.post(url + "/status", data={"status": "整改中", "note": ""})
    assert response.status_code == 400 and "须写明理由" in _text(response)
    response = client.post(url + "/edit", data=_form([city["ids"]["示例市水利局"]]))
    assert response.status_code == 400 and "已销号的问题不能修改" in _text(response)
    # the evidence file goes to every signed-in role, always as a download
    auth.logout()
    auth.login("evaluator")
    response = client.get(f"/problems/attachments/{attachment['id']}")
    body = response.data
    response.close()  # the file it streamed
    assert response.status_code == 200 and body == b"%PDF-1.4 report"
    assert response.mimetype == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "整改报告.pdf" in _text(client.get(url))
    auth.logout()
    response = client.get(f"/problems/attachments/{attachment['id']}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_attachments_are_checked_and_limited(client, auth, db, city, monkeypatch):
    auth.login("staff")
    client.post(f"/problems/{city['id']}/new", data=_form([city["ids"]["示例市水利局"]]))
    [row] = store.problems.list_problems(db, city["id"])
    url = f"/problems/entries/{row['id']}/attachments"
    response = _post_files(client, url, {}, {"file": (b"<script>alert(1)</script>", "说明.html")})
    assert response.status_code == 400 and "不支持的附件类型“.html”" in _text(response)
    response = _post_files(client, url, {}, {"file": (b"", "空.pdf")})
    assert response.status_code == 400 and "附件是空文件" in _text(response)
    monkeypatch.setattr(service, "MAX_ATTACHMENT_BYTES", 1024)
    response = _post_files(client, url, {}, {"file": (b"x" * 2048, "大.pdf")})
    assert response.status_code == 400 and "附件超过" in _text(response)
    assert client.post(url, data={}).status_code == 400
    assert store.count(db, "problem_attachments") == 0
    response = _post_files(client, url, {}, {"file": (b"photo", "现场照片.JPG")})
    assert response.status_code == 302
    assert [a["file_name"] for a in store.problems.list_attachments(db, row["id"])] == ["现场照片.JPG"]
    assert client.get("/problems/attachments/987654").status_code == 404


def test_editing_keeps_the_number(client, auth, db, city):
    ids = city["ids"]
    auth.login("admin")
    client.post(f"/problems/{city['id']}/new", data=_form([ids["示例市水利局"]]))
    [row] = store.problems.list_problems(db, city["id"])
    page = _text(client.get(f"/problems/entries/{row['id']}"))
    assert 'name="departments" value="%d" checked' % ids["示例市水利局"] in page
    response = client.post(f"/problems/entries/{row['id']}/edit",
                           data=_form([ids["示例市商务局"], ids["示例市交通运输局"]], found_on="2025-02-01",
                                      description="改为：超职数配备副局长"))
    assert response.status_code == 302
    edited = store.problems.get_problem(db, row["id"])
    assert edited["number"] == row["number"] and edited["description"] == "改为：超职数配备副局长"
    assert edited["department_names"] == "示例市交通运输局、示例市商务局"
    response = client.post(f"/problems/entries/{row['id']}/edit", data=_form([], description=""))
    assert response.status_code == 400 and "请填写问题描述" in _text(response)
    assert store.problems.get_problem(db, row["id"])["description"] == "改为：超职数配备副局长"


def test_import_names_bad_rows_and_stores_nothing(client, auth, db, city):
    auth.login("staff")
    good = [None, "水利局、示例市商务局", "超编进人", "超编 3 名", "", "2026-03-01", "机构编制审计", "2026-09-30",
            None, None, None]
    bad = [None, "示例市教育局", "超编进人", "超编", "", "2026-13-01", "审计", "2026-09-30", None, None, None]
    response = _post_files(client, f"/problems/{city['id']}/import", {},
                           {"file": (_sheet([good, bad]), "问题.xlsx")})
    page = _text(response)
    assert response.status_code == 400 and "问题台账有误，未导入任何问题" in page
    assert "第3行“涉及部门”列的“示例市教育局”不是本政府已有的部门" in page
    assert "第3行“发现日期”列的“2026-13-01”不是日期" in page
    assert store.count(db, "problems") == 0
    response = _post_files(client, f"/problems/{city['id']}/import", {}, {"file": (b"PK\x03\x04broken", "问题.xlsx")})
    assert response.status_code == 400 and "Excel 文件已损坏" in _text(response)
    assert client.post(f"/problems/{city['id']}/import", data={}).status_code == 400
    response = _post_files(client, f"/problems/{city['id']}/import", {}, {"file": (_sheet([good, good]), "问题.xlsx")})
    assert response.status_code == 302
    assert "已导入 2 项问题（问题-2026-001 至 问题-2026-002）" in _text(client.get(response.headers["Location"]))
    assert store.problems.list_problems(db, city["id"])[0]["department_names"] == "示例市商务局、示例市水利局"


def test_export_imports_back(client, auth, db, city):
    ids = city["ids"]
    auth.login("staff")
    late = (date.today() - timedelta(days=3)).isoformat()
    client.post(f"/problems/{city['id']}/new", data=_form([ids["示例市水利局"], ids["示例市商务局"]],
                                                          found_on="2025-05-01", due_on=late, measure="清理"))
    client.post(f"/problems/{city['id']}/new", data=_form([ids["示例市交通运输局"]], category="不按规定挂牌"))
    rows = store.problems.list_problems(db, city["id"])
    first = next(row for row in rows if row["category"] == "混编混岗")
    second = next(row for row in rows if row["category"] == "不按规定挂牌")
    client.post(f"/problems/entries/{second['id']}/status", data={"status": "已销号", "note": "已摘牌"})
    page = _text(client.get(f"/problems/{city['id']}/"))
    assert "逾期 1 项" in page and f'<a href="/problems/entries/{first["id"]}">{first["number"]}</a>' in page
    data = client.get(f"/problems/{city['id']}/problems.xlsx").data
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2, values_only=True))
    by_number = {r[0]: r for r in rows}  # the numbers the page shows
    assert set(by_number) == {first["number"], second["number"]}
    assert by_number[first["number"]][-1] == "逾期"
    assert by_number[second["number"]][8:11] == ("已销号", date.today().isoformat(), "已摘牌")
    only = load_workbook(io.BytesIO(client.get(f"/problems/{city['id']}/problems.xlsx?category=不按规定挂牌").data))
    assert [r[0] for r in only.active.iter_rows(min_row=2, values_only=True)] == [second["number"]]
    # importing it unchanged would enter each problem twice: refused, row by row
    response = _post_files(client, f"/problems/{city['id']}/import", {}, {"file": (data, "导出.xlsx")})
    assert response.status_code == 400 and _text(response).count("已在台账中") == 2
    # without its numbers it imports as new problems saying the same
    book = load_workbook(io.BytesIO(data))
    for cell in book.active["A"][1:]:
        cell.value = None
    renumbered = io.BytesIO()
    book.save(renumbered)
    response = _post_files(client, f"/problems/{city['id']}/import", {}, {"file": (renumbered.getvalue(), "导出.xlsx")})
    assert response.status_code == 302
    rows = store.problems.list_problems(db, city["id"])
    assert len(rows) == 4
    copies = {row["number"]: service.problem_of(row) for row in rows}
    for original in (first, second):
        copy = next(p for n, p in copies.items() if n != original["number"]
                    and p.description == original["description"] and p.category == original["category"])
        mine = service.problem_of(store.problems.get_problem(db, original["id"]))
        mine.number = copy.number
        assert copy == mine


def test_template_downloads(client, auth):
    auth.login("evaluator")
    response = client.get("/problems/template.xlsx")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    assert [c.value for c in load_workbook(io.BytesIO(response.data)).active[1]] == IMPORT_HEADER


def test_long_registers_come_in_pages_keeping_the_filters(client, auth, db, city):
    entries = [service.entry_of(service.problem_of({
        "departments": [{"id": city["ids"]["示例市水利局"], "name": "示例市水利局"}], "category": "其他",
        "description": f"问题{n:02d}", "found_on": "2026-01-01", "source": "督查", "due_on": "2030-01-01",
        "measure": "", "status": "待整改", "closed_on": None, "closing_note": "", "number": None}),
        {"示例市水利局": city["ids"]["示例市水利局"]}) for n in range(1, 61)]
    store.problems.add_problems(db, city["id"], entries, None)
    auth.login("evaluator")
    first = _text(client.get(f"/problems/{city['id']}/"))
    assert first.count('class="problem-row') == 50 and "第 1 / 2 页" in first
    second = _text(client.get(f"/problems/{city['id']}/?page=2"))
    assert second.count('class="problem-row') == 10 and "问题-2026-060" in second
    kept = _text(client.get(f"/problems/{city['id']}/?category=其他&q=问题"))
    assert "page=2" in kept and "category=%E5%85%B6%E4%BB%96" in kept


def test_every_form_carries_a_csrf_token(app_config, database_templates, passwords):
    database_templates.copy("accounts", Path(app_config["DATABASE"]))
    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    try:
        db = store.connect(app.config["DATABASE"])
        ids = {name: _department(db, name) for name in NAMES}
        gid = store.documents.get_government_by_name(db, "示例市")["id"]
        problem_id, _ = store.problems.add_problem(db, gid, service.entry_of(service.problem_of({
            "departments": [{"id": ids["示例市水利局"], "name": "示例市水利局"}], "category": "其他",
            "description": "x", "found_on": "2026-01-01", "source": "督查", "due_on": "2030-01-01", "measure": "",
            "status": "待整改", "closed_on": None, "closing_note": "", "number": None}), ids), None)
        client = app.test_client()
        login = _text(client.get("/login"))
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login).group(1)
        client.post("/login", data={"username": "staff", "password": passwords["staff"], "csrf_token": token})
        for url in (f"/problems/{gid}/", f"/problems/entries/{problem_id}"):
            page = _text(client.get(url))
            posts = page.count('method="post"')
            assert posts >= 2 and page.count('name="csrf_token"') == posts, url
        response = client.post(f"/problems/{gid}/new", data=_form([ids["示例市水利局"]]))
        assert response.status_code == 400 and "安全令牌" in _text(response)
        assert store.count(db, "problems") == 1
        db.close()
    finally:
        app.extensions["sanding_jobs"].shutdown()


# --- sanding problems ------------------------------------------------------------------------------

def _cli(app, *args):
    return CliRunner().invoke(main, ["problems", *args, "--db", app.config["DATABASE"]])


def test_cli_imports_and_exports(app, db, city, tmp_path):
    good = [None, "水利局", "超编进人", "超编 3 名", "", "2026-03-01", "督查", "2026-09-30", None, None, None]
    bad = [None, "教育局", "超编进人", "超编", "", "2026-03-01", "督查", "2026-09-30", None, None, None]
    sheet = tmp_path / "问题.xlsx"
    sheet.write_bytes(_sheet([good, bad]))
    result = _cli(app, "import", str(sheet), "--government", "示例市")
    assert result.exit_code == 2 and "问题台账有误，未导入任何问题" in result.output
    assert "第3行“涉及部门”列的“教育局”不是本政府已有的部门" in result.output and "Traceback" not in result.output
    assert store.count(db, "problems") == 0
    result = _cli(app, "import", str(tmp_path / "无此文件.xlsx"), "--government", "示例市")
    assert result.exit_code == 2 and "文件不存在" in result.output
    result = _cli(app, "import", str(sheet), "--government", "无此市")
    assert result.exit_code == 2 and "没有名为“无此市”的政府" in result.output
    sheet.write_bytes(b"not a workbook")
    result = _cli(app, "import", str(sheet), "--government", "示例市")
    assert result.exit_code == 2 and "Excel 文件已损坏" in result.output and "Traceback" not in result.output
    sheet.write_bytes(_sheet([good]))
    result = _cli(app, "import", str(sheet), "--government", "示例市")
    assert result.exit_code == 0 and "已导入 1 项问题（问题-2026-001）" in result.output
    [row] = store.problems.list_problems(db, city["id"])
    assert store.problems.problem_history(db, row["id"])[0]["by"] is None  # 命令行 in the audit log
    out = tmp_path / "导出.xlsx"
    result = _cli(app, "export", "--government", "示例市", "--xlsx", str(out))
    assert result.exit_code == 0 and "已导出" in result.output
    assert next(load_workbook(out).active.iter_rows(min_row=2, values_only=True))[0] == "问题-2026-001"
    result = _cli(app, "export", "--government", "示例市", "--xlsx", str(tmp_path / "无此目录" / "x.xlsx"))
    assert result.exit_code == 2 and "无法写入" in result.output
    assert "机构编制问题台账" in CliRunner().invoke(main, ["problems", "--help"]).output
