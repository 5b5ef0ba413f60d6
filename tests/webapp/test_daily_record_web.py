"""The 只考一次 register (`webapp/daily_record.py`), its store and `sanding daily-record`: recording,
filters, the verification step with evidence, import naming bad rows and storing nothing, the export
importing back, and an indicator leaf taking its value from the register with the items shown."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from survey.evaluation.indicators import Indicator, IndicatorSystem, system_to_dict
from survey.reform.daily_record import IMPORT_HEADER, SOURCES, STATES
from webapp import store
from webapp.cli import daily_record as cli_module
from webapp.cli import main
from webapp.store import daily_record as items_store

from conftest import make_department
from workbooks import xlsx_bytes

NAMES = ["示例市水利局", "示例市商务局"]
YEAR = date.today().year


@pytest.fixture
def city(db) -> dict:
    ids = {name: make_department(db, name) for name in NAMES}
    return {"id": store.documents.get_government_by_name(db, "示例市")["id"], "ids": ids}


def _text(response) -> str:
    return response.get_data(as_text=True)


def _form(department_id: int, **changes) -> dict:
    data = {"department": str(department_id), "source": "督查", "on": f"{YEAR}-01-05", "matter": "两办督查交办事项",
            "reference": "督〔1〕号", "kind": "未办结"}
    data.update(changes)
    return data


def _post_files(client, url: str, fields: dict, files: dict[str, tuple[bytes, str]]):
    """A multipart POST encoded here (the test client would spool it to a file it never closes)."""
    pairs = list(fields.items()) + [(key, FileStorage(io.BytesIO(content), name))
                                    for key, (content, name) in files.items()]
    boundary, body = encode_multipart(MultiDict(pairs))
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _row(**changes) -> list:
    values = {"编号": "", "部门": "水利局", "来源": "热线", "日期": f"{YEAR}-03-01", "事项": "12345 工单转办",
              "来源编号": "", "情形": "按时办结", "核实结果": "", "核实人": "", "核实日期": "", "核实说明": ""}
    values.update(changes)
    return [values[column] for column in IMPORT_HEADER]


def test_record_filter_verify_with_evidence_and_edit(client, auth, db, city, app):
    gid, ids = city["id"], city["ids"]
    auth.login("staff")
    page = _text(client.get(f"/daily-record/{gid}/"))
    assert "暂无事项" in page and "计分规则" in page and "每项属实的未办结" in page and "登记事项" in page
    response = client.post(f"/daily-record/{gid}/new", data=_form(ids["示例市水利局"]))
    assert response.status_code == 302
    client.post(f"/daily-record/{gid}/new", data=_form(ids["示例市商务局"], source="举报", kind="推诿扯皮",
                                                         on=f"{YEAR}-02-10", matter="联合检查推诿"))
    rows = items_store.list_items(db, gid)
    assert [row["number"] for row in rows] == [f"日常-{YEAR}-001", f"日常-{YEAR}-002"]
    assert all(row["status"] == "待核实" for row in rows)
    first = rows[0]["id"]
    for query, count in ((f"department_id={ids['示例市商务局']}", 1), ("source=督查", 1), (f"month={YEAR}-02", 1),
                         ("status=待核实", 2), ("status=属实", 0), (f"month={YEAR}-03", 0)):
        assert _text(client.get(f"/daily-record/{gid}/?{query}")).count('class="daily-row"') == count, query
    # a bad entry: 举报 with an outcome, and a department of no government of ours
    response = client.post(f"/daily-record/{gid}/new", data=_form(ids["示例市水利局"], source="举报"))
    assert response.status_code == 400 and "情形应为推诿扯皮、干预机构编制、其他问题之一" in _text(response)
    assert client.post(f"/daily-record/{gid}/new", data=_form(999_999)).status_code == 400
    assert len(items_store.list_items(db, gid)) == 2
    # verification needs its note; a refused one leaves no file behind
    uploads = list(Path(app.config["UPLOAD_FOLDER"]).glob("*"))
    response = _post_files(client, f"/daily-record/items/{first}/verify", {"status": "属实", "note": ""},
                           {"file": (b"record", "核实记录.pdf")})
    assert response.status_code == 400 and "请填写核实说明" in _text(response)
    assert list(Path(app.config["UPLOAD_FOLDER"]).glob("*")) == uploads
    response = _post_files(client, f"/daily-record/items/{first}/verify",
                           {"status": "属实", "note": "调阅督办回复，确未办结", "verified_on": f"{YEAR}-01-20"},
                           {"file": (b"record", "核实记录.pdf")})
    assert response.status_code == 302
    row = items_store.get_item(db, first)
    assert (row["status"], row["verified_on"]) == ("属实", f"{YEAR}-01-20")
    assert row["verify_note"] == "调阅督办回复，确未办结"
    assert row["verified_by_name"] and row["file_count"] == 1
    detail = _text(client.get(f"/daily-record/items/{first}"))
    assert "核实记录.pdf" in detail and "待核实 → 属实" in detail and 'id="edit"' not in detail
    [stored] = items_store.list_files(db, first)
    download = client.get(f"/daily-record/files/{stored['id']}")
    assert download.data == b"record" and "attachment" in download.headers["Content-Disposition"]
    download.close()  # the file it streamed
    # a verified item is not edited; set back to 待核实 (with a reason) first
    assert client.post(f"/daily-record/items/{first}/edit", data=_form(ids["示例市水利局"])).status_code == 400
    response = client.post(f"/daily-record/items/{first}/verify", data={"status": "待核实", "note": ""})
    assert response.status_code == 400 and "更改核实结果须写明理由" in _text(response)
    client.post(f"/daily-record/items/{first}/verify", data={"status": "待核实", "note": "情形登记有误"})
    response = client.post(f"/daily-record/items/{first}/edit", data=_form(ids["示例市水利局"], kind="逾期办结"))
    assert response.status_code == 302
    row = items_store.get_item(db, first)
    assert (row["kind"], row["number"], row["status"], row["verified_on"]) == ("逾期办结", f"日常-{YEAR}-001", "待核实",
                                                                              None)
    audit = store.rows(db, "SELECT action FROM audit WHERE entity = ?", [f"daily_item:{first}"])
    assert [entry["action"] for entry in audit].count("daily_item_verify") == 2
    # evaluators read but do not record or verify
    auth.logout()
    auth.login("evaluator")
    assert "登记事项" not in _text(client.get(f"/daily-record/{gid}/"))
    assert client.post(f"/daily-record/items/{first}/verify", data={"status": "属实", "note": "x"}).status_code == 403


def test_bad_import_names_rows_and_stores_nothing(client, auth, db, city):
    gid = city["id"]
    auth.login("staff")
    data = xlsx_bytes([_row(), _row(部门="无此局"), _row(核实结果="属实")], IMPORT_HEADER)
    response = _post_files(client, f"/daily-record/{gid}/import", {}, {"file": (data, "台账.xlsx")})
    page = _text(response)
    assert response.status_code == 400 and "未导入任何事项" in page
    assert "第3行“部门”列的“无此局”不是本政府已有的部门" in page and "第4行：已核实的事项须填写核实人" in page
    assert items_store.list_items(db, gid) == []
    response = _post_files(client, f"/daily-record/{gid}/import", {}, {"file": (b"not a workbook", "台账.xlsx")})
    assert response.status_code == 400 and items_store.list_items(db, gid) == []
    verified = _row(来源="督查", 情形="未办结", 核实结果="属实", 核实人="张三", 核实日期=f"{YEAR}-03-05",
                    核实说明="核实")
    good = xlsx_bytes([_row(), verified], IMPORT_HEADER)
    response = _post_files(client, f"/daily-record/{gid}/import", {}, {"file": (good, "台账.xlsx")})
    assert response.status_code == 302 and len(items_store.list_items(db, gid)) == 2


def test_export_imports_back_into_another_database(client, auth, db, city, app, tmp_path):
    gid, ids = city["id"], city["ids"]
    items_store.add_item(db, gid, {"department_id": ids["示例市水利局"], "source": "批办", "on_date": f"{YEAR}-04-01",
                                   "matter": "=HYPERLINK(\"x\")", "reference": "批〔7〕号", "kind": "按时办结",
                                   "year": YEAR, "status": "属实", "verified_by_name": "张三",
                                   "verified_on": f"{YEAR}-04-03", "verify_note": "办结报告"}, None)
    items_store.add_item(db, gid, {"department_id": ids["示例市商务局"], "source": "举报", "on_date": f"{YEAR}-05-01",
                                   "matter": "干预编制", "kind": "干预机构编制", "year": YEAR}, None)
    auth.login("evaluator")
    response = client.get(f"/daily-record/{gid}/items.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert [cell.value for cell in sheet[1]][:len(IMPORT_HEADER)] == IMPORT_HEADER
    path = tmp_path / "台账.xlsx"
    path.write_bytes(response.data)
    # the CLI's lists of choices are the register's own
    assert cli_module.SOURCES == SOURCES and cli_module.STATES == STATES
    other = tmp_path / "other.db"
    fresh = store.open_db(other)
    try:
        for name in NAMES:
            make_department(fresh, name)
        runner = CliRunner()
        imported = ["daily-record", "import", str(path), "--government", "示例市", "--db", str(other)]
        result = runner.invoke(main, imported)
        assert result.exit_code == 0, result.output
        assert f"已导入 2 项事项（日常-{YEAR}-001 至 日常-{YEAR}-002）" in result.output
        keys = ("number", "department_name", "source", "on_date", "matter", "reference", "kind", "status",
                "verified_by_name", "verified_on", "verify_note")
        other_gid = store.documents.get_government_by_name(fresh, "示例市")["id"]
        assert [{key: row[key] for key in keys} for row in items_store.list_items(fresh, other_gid)] == \
            [{key: row[key] for key in keys} for row in items_store.list_items(db, gid)]
        again = runner.invoke(main, imported)
        assert again.exit_code == 2 and "已在台账中" in again.output
        assert len(items_store.list_items(fresh, other_gid)) == 2
        listed = runner.invoke(main, ["daily-record", "list", "--government", "示例市", "--status", "属实",
                                      "--db", str(other)])
        assert listed.exit_code == 0 and f"日常-{YEAR}-001" in listed.output and "共 1 项。" in listed.output
        bad = runner.invoke(main, ["daily-record", "list", "--government", "示例市", "--month", "三月",
                                   "--db", str(other)])
        assert bad.exit_code == 2 and "月份“三月”格式不对" in bad.output
        out = tmp_path / "out.xlsx"
        result = runner.invoke(main, ["daily-record", "export", "--government", "示例市", "--xlsx", str(out),
                                      "--db", str(other)])
        assert result.exit_code == 0 and out.read_bytes()[:2] == b"PK"
        missing = runner.invoke(main, ["daily-record", "import", str(tmp_path / "无.xlsx"), "--government", "示例市",
                                       "--db", str(other)])
        assert missing.exit_code == 2 and "文件不存在" in missing.output
    finally:
        fresh.close()


def test_a_leaf_takes_its_value_from_the_register_with_the_items_shown(client, auth, db, sample_city):
    gid = store.documents.get_government_by_name(db, "示例市")["id"]
    ids = store.documents.department_ids(db, gid)
    system = IndicatorSystem(f"{YEAR}年度履职考核", [
        Indicator(("履职",), 1), Indicator(("履职", "推诿扯皮"), 0.5, 10, "daily:举报", deduction=3, floor=2),
        Indicator(("履职", "交办落实"), 0.5, 10, "daily-rate")])
    system_id = store.evaluations.create_system(db, gid, system.name, system_to_dict(system), None)
    auth.login("evaluator")
    page = _text(client.get(f"/evaluations/systems/{system_id}/departments/{ids['示例市水利局']}"))
    assert f"本政府尚未登记{YEAR}年度只考一次事项" in page  # missing, not full marks
    for kind, status in (("推诿扯皮", "属实"), ("推诿扯皮", "属实"), ("推诿扯皮", "属实"), ("干预机构编制", "不属实")):
        items_store.add_item(db, gid, {
            "department_id": ids["示例市水利局"], "source": "举报", "on_date": f"{YEAR}-02-01", "matter": f"{kind}事项",
            "kind": kind, "year": YEAR, "status": status, "verified_by_name": "张三", "verified_on": f"{YEAR}-02-02",
            "verify_note": "核实"}, None)
    items_store.add_item(db, gid, {"department_id": ids["示例市水利局"], "source": "批办", "on_date": f"{YEAR}-03-01",
                                   "matter": "批办待核", "kind": "未办结", "year": YEAR}, None)
    items_store.add_item(db, gid, {"department_id": ids["示例市水利局"], "source": "批办",
                                   "on_date": f"{YEAR - 1}-03-01",
                                   "matter": "上年度事项", "kind": "未办结", "year": YEAR - 1, "status": "属实",
                                   "verified_by_name": "张三", "verified_on": f"{YEAR - 1}-03-02", "verify_note": "x"},
                         None)
    page = _text(client.get(f"/evaluations/systems/{system_id}/departments/{ids['示例市水利局']}"))
    # 10 − 3 × 3 = 1, floor 2; no verified assignment this year: full marks; last year's item not counted
    assert 'data-path="履职/推诿扯皮"' in page and "共扣 9 分，最低 2 分" in page
    assert page.count('class="daily-counted"') == 3 and page.count('class="daily-pending muted"') == 1
    assert "没有核实属实的交办事项，按满分计" in page and "上年度事项" not in page
    assert "总分 <strong>60.00</strong>" in page  # (2/10 + 10/10) / 2
    other = _text(client.get(f"/evaluations/systems/{system_id}/departments/{ids['示例市商务局']}"))
    assert "总分 <strong>100.00</strong>" in other
    system_page = _text(client.get(f"/evaluations/systems/{system_id}/"))
    assert 'name="deduction-1" value="3"' in system_page and "只考一次" in system_page


def test_template_downloads_and_index(client, auth, city):
    auth.login("staff")
    response = client.get("/daily-record/template.xlsx")
    book = load_workbook(io.BytesIO(response.data))
    assert [cell.value for cell in book.active[1]] == IMPORT_HEADER and "填写说明" in book.sheetnames
    assert client.get("/daily-record/").status_code == 302  # one government: its register
