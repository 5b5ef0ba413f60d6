"""Accounts limited to some governments (issue 19, item 5): the rules, the admin's user pages, the
command line, uploads, and lists, counts and exports holding only the account's governments.

Every route × forged id, and every page and export for leaks, is walked in test_access_table.py.
"""
from __future__ import annotations

import io
import json
import re

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from scoped_city import OTHER, OWN, PASSWORD, SIGNS_IN

from webapp import store
from webapp.cli import main
from webapp.scope_rules import ScopeError, clean_names, covers, grant, scope_of, sees

from conftest import PASSWORDS


def _sign_in(app, username: str, password: str = PASSWORD):
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": password})
    assert response.status_code in (302, 303), username
    return client


def _text(response) -> str:
    return response.get_data(as_text=True)


# --- the rules ---------------------------------------------------------------------------------------

def test_the_rules_of_a_scope():
    county, city = scope_of(["示例县"]), scope_of(["示例市", "示例县"])
    assert scope_of([]) is None and sees(None, "未识别") and sees(county, "示例县")
    assert not sees(county, "示例市") and not sees(county, "未识别")
    assert covers(None, county) and covers(city, county) and not covers(county, city)
    assert not covers(city, None) and covers(None, None)
    assert grant(city, ["示例县", " 示例县 "]) == county and grant(None, []) is None
    with pytest.raises(ScopeError, match="示例市 不在本账号的范围"):
        grant(county, ["示例市"])
    with pytest.raises(ScopeError, match="不能创建或设置不限范围的账号"):
        grant(county, [])
    with pytest.raises(ScopeError, match="“未识别”不是一个政府"):
        clean_names(["未识别"])


# --- the admin's user pages --------------------------------------------------------------------------

def test_a_limited_admin_manages_only_accounts_within_its_scope(app, two_governments, db):
    client = _sign_in(app, "own-admin")
    page = _text(client.get("/admin/users"))
    listed = set(re.findall(r"<tr[^>]*><td>([^<]+)</td>", page))
    assert listed == {*SIGNS_IN.values(), "own-spare"}  # not the unlimited accounts, not 示例市's
    form = {"username": "xian-new", "role": "staff", "password": "new-pass-12"}
    response = client.post("/admin/users", data={**form, "governments": [OTHER]})
    assert response.status_code == 400 and "示例市 不在本账号的范围（示例县）之内" in _text(response)
    response = client.post("/admin/users", data=form)
    assert response.status_code == 400 and "不能创建或设置不限范围的账号" in _text(response)
    assert store.users.get_user_by_name(db, "xian-new") is None
    response = client.post("/admin/users", data={**form, "governments": [OWN]})
    assert response.status_code == 302
    assert store.users.get_scope(db, store.users.get_user_by_name(db, "xian-new")["id"]) == [OWN]
    unlimited = store.users.get_user_by_name(db, "staff")["id"]
    for action in ("password", "disable", "scope"):
        assert client.post(f"/admin/users/{unlimited}/{action}", data={}).status_code == 404
    spare = two_governments[OWN]["user_id"]
    response = client.post(f"/admin/users/{spare}/scope", data={"governments": [OWN, OTHER]},
                           follow_redirects=True)
    assert "不在本账号的范围" in _text(response) and store.users.get_scope(db, spare) == [OWN]


def test_an_unlimited_admin_limits_an_account_whose_sessions_end(app, two_governments, db):
    staff = _sign_in(app, "staff", PASSWORDS["staff"])
    assert OTHER in _text(staff.get("/documents/"))
    admin = _sign_in(app, "admin", PASSWORDS["admin"])
    staff_id = store.users.get_user_by_name(db, "staff")["id"]
    response = admin.post(f"/admin/users/{staff_id}/scope", data={"other_governments": f" {OWN}、"})
    assert response.status_code == 302 and store.users.get_scope(db, staff_id) == [OWN]
    assert "/login" in staff.get("/documents/").headers["Location"]  # signed out by the change
    staff = _sign_in(app, "staff", PASSWORDS["staff"])
    page = _text(staff.get("/documents/"))
    assert OWN in page and OTHER not in page
    assert "示例县" in _text(admin.get("/admin/users"))
    entry = store.audit.list_audit(db, 1)[0]
    assert entry["action"] == "user_scope" and json.loads(entry["new"]) == {"governments": [OWN]}
    response = admin.post(f"/admin/users/{staff_id}/scope", data={})  # nothing chosen: unlimited again
    assert response.status_code == 302 and store.users.get_scope(db, staff_id) == []
    admin_id = store.users.get_user_by_name(db, "admin")["id"]
    response = admin.post(f"/admin/users/{admin_id}/scope", data={"governments": [OWN]}, follow_redirects=True)
    assert "不能修改自己的范围" in _text(response) and store.users.get_scope(db, admin_id) == []
    with pytest.raises(store.StoreError, match="唯一的不限范围的管理员"):
        store.users.set_scope(db, admin_id, [OWN], "token", None)
    with pytest.raises(store.StoreError, match="唯一的不限范围的管理员"):
        store.users.set_active(db, admin_id, False, "token", None)


def test_a_limited_admin_reads_the_log_of_its_own_governments(app, two_governments, db):
    page = _text(_sign_in(app, "own-admin").get("/admin/audit"))
    shown = int(re.search(r"共 (\d+) 条", page).group(1))
    everything = int(re.search(r"共 (\d+) 条", _text(_sign_in(app, "admin", PASSWORDS["admin"])
                                                        .get("/admin/audit"))).group(1))
    assert 0 < shown < everything
    assert OWN in page and OTHER not in page and "other-staff" not in page


def test_the_log_of_a_scope_holds_the_entries_about_its_governments(app, two_governments, db):
    ids = {name: frozenset([samples["government_id"]]) for name, samples in two_governments.items()}
    own = store.audit.list_audit(db, 100_000, within=(ids[OWN], frozenset()))
    other = store.audit.list_audit(db, 100_000, within=(ids[OTHER], frozenset()))
    assert not {entry["id"] for entry in own} & {entry["id"] for entry in other}
    assert {"version", "round", "indicator_system", "rectification", "problem", "government", "campaign", "list",
            "roll", "adjustment"} <= {entry["entity"].split(":")[0] for entry in own}
    assert all(OTHER not in (entry["old"] or "") + (entry["new"] or "") for entry in own)
    assert store.audit.count_audit(db, within=(ids[OWN], frozenset())) == len(own)


# --- the command line --------------------------------------------------------------------------------

def test_the_command_line_sets_and_lists_scopes(tmp_path, monkeypatch):
    monkeypatch.setenv("SANDING_SECRET_KEY", "cli-test")
    db = ["--db", str(tmp_path / "sanding.db")]
    cli = CliRunner()
    result = cli.invoke(main, ["user", "add", "xian", "--role", "staff", "--password", "xian-pass-1",
                               "--government", "示例县", "--government", "示例区", *db])
    assert result.exit_code == 0, result.output
    assert "可查看的政府：示例区、示例县" in result.output and "数据库中还没有 示例区、示例县" in result.output
    listed = cli.invoke(main, ["user", "list", *db]).output
    assert "\t".join(["xian", "工作人员", "（无姓名）", "正常", "示例区、示例县"]) in listed
    result = cli.invoke(main, ["user", "scope", "xian", "--government", "示例市", *db])
    assert result.exit_code == 0 and "xian 可查看的政府：示例市" in result.output
    result = cli.invoke(main, ["user", "scope", "xian", "--all", *db])
    assert result.exit_code == 0 and "xian 可查看的政府：不限" in result.output
    for arguments, message in ((["xian"], "二者选一"), (["xian", "--all", "--government", "示例县"], "二者选一"),
                               (["xian", "--government", "未识别"], "不是一个政府"),
                               (["nobody", "--all"], "用户不存在")):
        result = cli.invoke(main, ["user", "scope", *arguments, *db])
        assert result.exit_code == 2 and message in result.output, (arguments, result.output)
    result = cli.invoke(main, ["user", "add", "boss", "--role", "admin", "--password", "boss-pass-1", *db])
    result = cli.invoke(main, ["user", "scope", "boss", "--government", "示例县", *db])
    assert result.exit_code == 2 and "唯一的不限范围的管理员" in result.output


# --- uploads ---------------------------------------------------------------------------------------

TEXT_OF = """{government}测试局职能配置、内设机构和人员编制规定
第一条 根据有关规定，制定本规定。
第二条 本局的主要职责是：
（一）负责全县测试工作的统筹协调。
（二）完成交办的其他任务。
"""


def _post_upload(client, text: str, name: str, government: str | None = None):
    from werkzeug.datastructures import FileStorage, MultiDict
    from werkzeug.test import encode_multipart

    fields: list = [("files", FileStorage(io.BytesIO(text.encode()), name))]
    fields += [("government", government)] if government else []
    boundary, body = encode_multipart(MultiDict(fields))
    return client.post("/documents/upload", data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _upload(client, text: str, name: str, government: str | None = None) -> dict:
    from conftest import UploadActions
    response = _post_upload(client, text, name, government)
    assert response.status_code == 302, _text(response)
    return UploadActions(client).wait(response.headers["Location"])["jobs"][0]


def test_uploads_of_a_limited_account_stay_within_its_scope(app, two_governments, db):
    client = _sign_in(app, "own-staff")
    job = _upload(client, TEXT_OF.format(government="示例市"), "市测试局.txt")
    assert job["status"] == "failed" and "文件属于“示例市”，不在本账号的范围（示例县）之内" in job["message"]
    assert "示例市测试局" not in store.documents.department_ids(db, two_governments[OTHER]["government_id"])
    job = _upload(client, TEXT_OF.format(government=""), "无名测试局.txt")
    assert job["status"] == "done" and "示例县 /" in job["message"], job
    version_id = int(job["url"].rstrip("/").rsplit("/", 1)[1])
    assert store.documents.get_version(db, version_id)["government_id"] == two_governments[OWN]["government_id"]
    response = client.post(f"/documents/versions/{version_id}/naming",
                           data={"department": "示例市测试局", "government": OTHER})
    assert response.status_code == 400 and "不在本账号的范围" in _text(response)
    assert store.documents.get_version(db, version_id)["government_id"] == two_governments[OWN]["government_id"]


# --- lists, counts and exports ---------------------------------------------------------------------------

def test_lists_counts_and_exports_hold_only_the_accounts_governments(app, two_governments):
    client = _sign_in(app, "own-evaluator")
    dashboard = _text(client.get("/"))
    assert "示例县：1 项整改已逾期" in dashboard and "示例县：1 项机构编制问题已逾期" in dashboard
    assert OTHER not in dashboard
    systems = _text(client.get("/evaluations/"))
    assert "示例县指标体系" in systems and "示例市指标体系" not in systems
    rounds = _text(client.get("/rounds/"))
    assert "示例县county评议" in rounds and "示例市" not in rounds
    # one government in scope: the indexes go straight to its pages
    own = two_governments[OWN]["government_id"]
    for index, target in (("/overlaps/", f"/overlaps/{own}/"), ("/problems/", f"/problems/{own}/"),
                          ("/rectification/", f"/rectification/{own}/")):
        assert client.get(index).headers["Location"].endswith(target), index
    for url, column in ((f"/problems/{own}/problems.xlsx", "问题描述"), (f"/rectification/{own}/ledger.xlsx", "问题")):
        sheet = load_workbook(io.BytesIO(client.get(url).get_data())).active
        rows = [[str(cell or "") for cell in row] for row in sheet.iter_rows(values_only=True)]
        header = next(n for n, row in enumerate(rows) if column in row)
        body = [row for row in rows[header + 1:] if any(row)]
        assert body and all("示例县" in " ".join(row) and OTHER not in " ".join(row) for row in body), (url, rows)
    staff = _sign_in(app, "own-staff")
    assert "示例县" in _text(staff.get("/")) and OTHER not in _text(staff.get("/"))


def test_a_source_naming_another_governments_round_reads_as_missing(app, two_governments, db):
    client = _sign_in(app, "own-evaluator")
    system_id = two_governments[OWN]["system_id"]
    other_round = two_governments[OTHER]["round_id"]
    data = store.evaluations.get_system(db, system_id)["data"]
    form = {"name": data["name"]}
    for number, item in enumerate(data["indicators"]):
        form[f"weight-{number}"] = "" if item["weight"] is None else str(item["weight"])
        form[f"max-{number}"] = "" if item["max"] is None else str(item["max"])
        form[f"source-{number}"] = item["source"] or ""
    form["source-1"] = f"survey:{other_round}"
    response = client.post(f"/evaluations/systems/{system_id}/edit", data=form)
    assert response.status_code == 400 and f"评议轮次 {other_round} 不存在" in _text(response)
    assert "示例市county评议" not in _text(response) and OTHER not in _text(response)


def test_an_account_of_several_governments_says_where_an_unnamed_file_goes(app, two_governments, db):
    from webapp.auth import create_user
    create_user(db, "city-staff", "city-pass-12", "staff", governments=[OTHER, OWN])
    client = _sign_in(app, "city-staff", "city-pass-12")
    page = _text(client.get("/documents/upload"))
    assert '<select id="government" name="government" required>' in page and "<option>示例县</option>" in page
    response = _post_upload(client, TEXT_OF.format(government=""), "无名测试局.txt", "示例区")
    assert response.status_code == 400 and "所属政府须从列表中选择" in _text(response)
    job = _upload(client, TEXT_OF.format(government=""), "无名测试局.txt", OWN)
    assert job["status"] == "done" and "示例县 /" in job["message"], job
    job = _upload(client, TEXT_OF.format(government="") + "（另一份）\n", "无名测试局二.txt")
    assert job["status"] == "failed" and "未能识别文件所属的政府" in job["message"]
    assert "请在上传页选择所属政府" in job["message"]
