"""实名制 pages, the 编制调整台账 (web and `sanding staffing-log`), the `roll` indicator source on the
store and 一单位一档案 (page and Word export), on the sample city imported into a real database."""
from __future__ import annotations

import io

from click.testing import CliRunner
from docx import Document as WordDocument
from openpyxl import load_workbook
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from survey.evaluation.indicators import Indicator, IndicatorSystem, system_to_dict
from survey.reform import adjustments
from survey.reform.roll import HEADER
from webapp import store
from webapp.cli import main
from webapp.services import evaluations as evaluation_service

from workbooks import xlsx_bytes

WATER, TRADE, FARM = "示例市水利局", "示例市商务局", "示例市农业农村局"


def _text(response) -> str:
    return response.get_data(as_text=True)


def _post_files(client, url: str, fields: dict, files: dict[str, tuple[bytes, str]]):
    """A multipart POST encoded here (the test client would spool it to a file it never closes)."""
    pairs = list(fields.items()) + [(key, FileStorage(io.BytesIO(content), name))
                                    for key, (content, name) in files.items()]
    boundary, body = encode_multipart(MultiDict(pairs))
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _roll_row(department: str, **cells) -> list:
    values = {column: None for column in HEADER}
    values["部门"] = department
    values.update(cells)
    return [values[column] for column in HEADER]


# 水利局's 三定: 行政编制 28, 局长 1, 副局长 3 + 总工程师 1, 科级 11 (corpus/sample_city).
GOOD = [_roll_row("水利局", 行政编制实有=30, 正职实有=1, 副职实有=4, 内设机构领导实有=10),
        _roll_row(TRADE, 事业编制核定=12, 事业编制实有=10, 副职实有=3)]


def _import(client, government_id: int, rows: list[list], as_of: str, name: str = "实名制.xlsx",
            data: bytes | None = None):
    return _post_files(client, f"/roll/{government_id}/import", {"as_of": as_of},
                       {"file": (data if data is not None else xlsx_bytes(rows, HEADER), name)})


def test_roll_import_checks_and_history(client, auth, db, sample_city):
    gid = sample_city["id"]
    auth.login("staff")
    assert "还没有导入实名制数据" in _text(client.get(f"/roll/{gid}/"))
    response = _import(client, gid, GOOD, "2026-03-31")
    assert response.status_code == 302 and "/imports/" in response.headers["Location"]
    page = _text(client.get(f"/roll/{gid}/"))
    assert "数据日期 <strong>2026-03-31</strong>" in page and "超编或超职数单位 1 个" in page
    assert '<strong class="roll-bad">超编 2</strong>' in page  # 水利局: 30 against the 三定's 28
    assert '<span class="roll-vacant">空编 2</span>' in page  # 商务局's 事业编制
    assert 'title="核定数取自现行三定规定">三定' in page
    assert page.count('class="roll-unit over"') == 1

    # a bad file: every bad row named, nothing stored
    bad = _import(client, gid, [GOOD[0], _roll_row("示例市气象局", 行政编制实有=3), _roll_row(TRADE, 正职实有="两")],
                  "2026-04-30")
    assert bad.status_code == 400
    text = _text(bad)
    assert "未导入任何单位" in text and "第3行“部门”列的“示例市气象局”不是本政府已有的部门" in text
    assert "第4行“正职实有”列的“两”不是人数" in text
    assert len(store.roll.list_roll_imports(db, gid)) == 1
    for fields, message in (({"as_of": "2099-01-01"}, "数据日期不能晚于今天"), ({"as_of": "昨天"}, "数据日期应为日期")):
        refused = _post_files(client, f"/roll/{gid}/import", fields, {"file": (xlsx_bytes(GOOD, HEADER), "a.xlsx")})
        assert refused.status_code == 400 and message in _text(refused)
    assert _post_files(client, f"/roll/{gid}/import", {"as_of": "2026-03-31"}, {}).status_code == 400

    # an earlier date imported later is history: the newest 数据日期 stays current; nothing is overwritten
    csv = (",".join(HEADER) + "\n" + "示例市水利局" + ",28,27" + "," * (len(HEADER) - 4) + "\n").encode("utf-8")
    assert _import(client, gid, [], "2025-12-31", "旧实名制.csv", data=csv).status_code == 302
    imports = store.roll.list_roll_imports(db, gid)
    assert [row["as_of"] for row in imports] == ["2026-03-31", "2025-12-31"]
    assert [row["unit_count"] for row in imports] == [2, 1]
    assert "数据日期 <strong>2026-03-31</strong>" in _text(client.get(f"/roll/{gid}/"))
    older = _text(client.get(f"/roll/{gid}/imports/{imports[1]['id']}"))
    assert "历史" in older and "没有超编或超职数的单位" in older and "空编 1" in older
    # the same date again is kept beside the first, and the later import of that date is current
    assert _import(client, gid, [GOOD[1]], "2026-03-31").status_code == 302
    assert len(store.roll.list_roll_imports(db, gid)) == 3
    assert "没有超编或超职数的单位" in _text(client.get(f"/roll/{gid}/"))
    assert len(store.roll.roll_units(db, imports[0]["id"])) == 2  # the first 2026-03-31 import as it was

    sheet = load_workbook(io.BytesIO(client.get(f"/roll/{gid}/imports/{imports[0]['id']}.xlsx").data)).active
    header = [cell.value for cell in sheet[1]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[WATER][header.index("行政编制超编")] == 2 and rows[WATER][header.index("行政编制核定")] == 28
    assert rows[TRADE][header.index("事业编制空编")] == 2
    template = load_workbook(io.BytesIO(client.get("/roll/template.xlsx").data)).active
    assert [cell.value for cell in template[1]] == HEADER
    assert client.get(f"/roll/{gid}/imports/987654").status_code == 404


def test_a_leaf_fed_by_the_roll_ranks_a_department_with_over_posts_lower(app, db, sample_city):
    gid = sample_city["id"]
    ids = store.documents.department_ids(db, gid)
    government = store.documents.get_government(db, gid)
    system = IndicatorSystem("实名制核对", [Indicator(("机构编制日常管理",), 1.0),
                                          Indicator(("机构编制日常管理", "不超编"), 1.0, 10, "roll:posts")])
    system_id = store.evaluations.create_system(db, gid, system.name, system_to_dict(system), None)
    row = store.evaluations.get_system(db, system_id)
    secret = app.config["SECRET_KEY"]
    before = evaluation_service.evaluate_government(db, government, row, secret=secret)
    assert before.of(WATER).indicators[0].score is None  # no 实名制 yet: missing, never zero
    units = [{"department_id": ids[name], "department_name": name, "note": "",
              "figures": {"posts": {"行政编制": {"approved": None, "actual": actual}}, "leaders": {}}}
             for name, actual in ((WATER, 30), (TRADE, 20))]
    store.roll.save_roll(db, gid, "2026-03-31", "实名制.xlsx", units, None)
    outcome = evaluation_service.evaluate_government(db, government, row, secret=secret)
    water, trade = outcome.of(WATER), outcome.of(TRADE)
    assert water.indicators[0].score == 0 and trade.indicators[0].score == 10
    assert water.total < trade.total and trade.rank < water.rank
    assert "超 2 名" in water.indicators[0].evidence and "2026-03-31" in water.indicators[0].evidence
    assert outcome.of(FARM).indicators[0].score is None  # not in the import


def _entry(**changes) -> dict:
    data = {"on_date": "2025-03-10", "kind": "核增", "post_kind": "行政编制", "count": "2", "counterpart": "",
            "document_no": "示编办〔2025〕5号", "note": "河湖长制"}
    data.update(changes)
    return data


def test_adjustment_log_web_and_command_line_round_trip(app, client, auth, db, sample_city, tmp_path):
    gid = sample_city["id"]
    ids = store.documents.department_ids(db, gid)
    auth.login("staff")
    assert "暂无编制调整记录" in _text(client.get(f"/roll/{gid}/log"))
    response = client.post(f"/roll/{gid}/log/new", data=_entry(department=str(ids[WATER])))
    assert response.status_code == 302
    assert client.post(f"/roll/{gid}/log/new", data=_entry(department=str(ids[WATER]), kind="核减", count="1",
                                                           on_date="2026-02-01")).status_code == 302
    refused = client.post(f"/roll/{gid}/log/new", data=_entry(department=str(ids[WATER]), kind="上划", count="-1"))
    assert refused.status_code == 400 and "上划须填写对方单位" in _text(refused)
    for changes, message in (({"count": "两"}, "数量应为整数"), ({"count": "-2"}, "核增的数量应为正数"),
                             ({"department": "987654"}, "部门须是本政府的部门"), ({"on_date": ""}, "请填写日期")):
        wrong = client.post(f"/roll/{gid}/log/new", data={**_entry(department=str(ids[WATER])), **changes})
        assert wrong.status_code == 400 and message in _text(wrong), changes
    rows = store.roll.list_adjustments(db, gid)
    assert [(row["kind"], row["count"]) for row in rows] == [("核增", 2), ("核减", -1)]  # 核减 1 is -1

    sheet = xlsx_bytes([[TRADE, "2025-09-01", "下沉", "事业编制", -1, "城东街道办事处", "示编办〔2025〕18号", None],
                        ["商务局", "2026-01-05", "收回", "事业编制", 2, None, None, "空编收回"]],
                       adjustments.IMPORT_HEADER)
    assert _post_files(client, f"/roll/{gid}/log/import", {}, {"file": (sheet, "调整.xlsx")}).status_code == 302
    bad = xlsx_bytes([[TRADE, "2025-09-01", "下沉", "事业编制", -1, None, None, None]], adjustments.IMPORT_HEADER)
    refused = _post_files(client, f"/roll/{gid}/log/import", {}, {"file": (bad, "坏.xlsx")})
    assert refused.status_code == 400 and "第2行：下沉须填写对方单位" in _text(refused)
    assert len(store.roll.list_adjustments(db, gid)) == 4
    page = _text(client.get(f"/roll/{gid}/log?department_id={ids[TRADE]}&year=2026"))
    assert page.count('class="adjustment-row"') == 1 and "空编收回" in page and "-2" in page

    # the command line exports what the page exports, and imports it back
    out = tmp_path / "编制调整台账.xlsx"
    runner = CliRunner()
    result = runner.invoke(main, ["staffing-log", "export", "--government", "示例市", "--xlsx", str(out),
                                  "--db", app.config["DATABASE"]])
    assert result.exit_code == 0, result.output
    assert "已导出 4 条记录" in result.output
    exported = [row for row in load_workbook(out).active.iter_rows(min_row=2, values_only=True)]
    web = load_workbook(io.BytesIO(client.get(f"/roll/{gid}/log.xlsx").data)).active
    assert exported == [row for row in web.iter_rows(min_row=2, values_only=True)]
    assert [row[:5] + row[8:] for row in exported if row[0] == WATER] == [
        (WATER, "2025-03-10", "核增", "行政编制", 2, 2025, 2), (WATER, "2026-02-01", "核减", "行政编制", -1, 2026, 1)]
    result = runner.invoke(main, ["staffing-log", "import", str(out), "--government", "示例市",
                                  "--db", app.config["DATABASE"]])
    assert result.exit_code == 0 and "已导入 4 条编制调整记录" in result.output
    again = store.roll.list_adjustments(db, gid)
    key = [(r["department_name"], r["on_date"], r["kind"], r["post_kind"], r["count"], r["counterpart"],
            r["document_no"], r["note"]) for r in again]
    assert len(key) == 8 and all(key.count(entry) == 2 for entry in key)
    one = tmp_path / "水利局.xlsx"
    result = runner.invoke(main, ["staffing-log", "export", "--government", "示例市", "--department", "水利局",
                                  "--year", "2026", "--xlsx", str(one), "--db", app.config["DATABASE"]])
    assert result.exit_code == 0 and "已导出 2 条记录" in result.output

    # bad input: a Chinese message, exit 2, nothing stored
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(bad)
    for args, message in (([str(broken), "--government", "示例市"], "第2行：下沉须填写对方单位"),
                          ([str(tmp_path / "无.xlsx"), "--government", "示例市"], "文件不存在"),
                          ([str(out), "--government", "无此市"], "没有名为“无此市”的政府")):
        result = runner.invoke(main, ["staffing-log", "import", *args, "--db", app.config["DATABASE"]])
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["staffing-log", "export", "--government", "示例市", "--department", "气象局",
                                  "--xlsx", str(one), "--db", app.config["DATABASE"]])
    assert result.exit_code == 2 and "“气象局”不是示例市的一个部门" in result.output
    assert len(store.roll.list_adjustments(db, gid)) == 8

    # deleting needs the confirmation; the 操作记录 keeps what the entry said
    entry = again[0]
    assert client.post(f"/roll/log/{entry['id']}/delete").status_code == 302
    assert store.roll.get_adjustment(db, entry["id"]) is not None
    assert client.post(f"/roll/log/{entry['id']}/delete", data={"confirm": "yes"}).status_code == 302
    assert store.roll.get_adjustment(db, entry["id"]) is None
    assert store.rows(db, "SELECT * FROM audit WHERE action = 'adjustment_delete'")[0]["old"].count(entry["kind"])


def test_the_archive_gathers_a_department_and_exports_it(app, client, auth, db, sample_city):
    gid = sample_city["id"]
    ids = store.documents.department_ids(db, gid)
    auth.login("staff")
    archive_url = f"/archive/departments/{ids[WATER]}"
    page = _text(client.get(archive_url))
    assert "尚无本单位的实名制数据" in page and "尚无编制调整记录" in page and "无相关问题" in page
    assert "行政编制为28名" in page  # the current 三定's staffing paragraph
    assert _import(client, gid, GOOD, "2026-03-31").status_code == 302
    assert _import(client, gid, [_roll_row(WATER, 行政编制实有=28)], "2025-12-31").status_code == 302
    # entered from the archive page, it goes back there
    response = client.post(f"/roll/{gid}/log/new", data=_entry(department=str(ids[WATER]), back="archive"))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{archive_url}#adjustments")
    client.post(f"/roll/{gid}/log/new", data=_entry(department=str(ids[WATER]), kind="下沉", count="-1",
                                                   counterpart="城东街道", on_date="2025-09-01"))
    client.post(f"/roll/{gid}/log/new", data=_entry(department=str(ids[WATER]), kind="收回", count="1",
                                                   post_kind="事业编制", on_date="2026-04-15"))
    refused = client.post(f"/roll/{gid}/log/new", data=_entry(department=str(ids[WATER]), kind="上划", count="-1",
                                                             back="archive"))
    assert refused.status_code == 400 and "上划须填写对方单位" in _text(refused) and "机构编制档案" in _text(refused)
    store.problems.add_problem(db, gid, {"category": "超编进人", "description": "超编进人 2 名", "measure": "逐步消化",
                                         "found_on": "2026-04-01", "source": "自查自纠", "due_on": "2026-12-31",
                                         "department_ids": [ids[WATER], ids[TRADE]], "year": 2026}, None)
    store.evaluations.add_rectification(db, gid, ids[WATER], {
        "problem": "内设机构职责未落实", "measure": "修订职责", "owner": "办公室", "deadline": "2026-01-31",
        "origin": "评估意见", "source_ref": ""}, None)
    system = IndicatorSystem("2026年度实名制核对", [Indicator(("日常管理",), 1.0),
                                                Indicator(("日常管理", "不超编"), 1.0, 10, "roll:posts")])
    store.evaluations.create_system(db, gid, system.name, system_to_dict(system), None)

    page = _text(client.get(archive_url))
    assert "示例市水利局机构编制档案" in page and "/documents/" in page and "现行" in page
    assert "实名制数据日期 <strong>2026-03-31</strong>" in page
    assert '<strong class="roll-bad">超编 2</strong>' in page and "此前的实名制数据（1 次）" in page
    assert "2025年" in page and "2026年" in page
    assert '<td class="running">+2</td>' in page and '<td class="running">+1</td>' in page
    assert "问题-2026-001" in page and "内设机构职责未落实" in page and "逾期" in page
    assert "2026年度实名制核对" in page and "0.00 分" in page
    docx = client.get(f"{archive_url}.docx")
    assert docx.status_code == 200 and docx.mimetype.endswith("wordprocessingml.document")
    word = WordDocument(io.BytesIO(docx.data))
    text = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)
    assert "示例市水利局机构编制档案" in text and "核对结论：行政编制超编 2 名。" in text
    assert "2025年" in text and "本年净变化：行政编制 +1。" in text
    assert "问题-2026-001" in cells and "内设机构职责未落实" in cells and "2026年度实名制核对" in cells
    assert "城东街道" in cells and "超编 2" in cells
    # linked from the department's other pages
    assert archive_url in _text(client.get(f"/reform/departments/{ids[WATER]}/versions"))
    assert archive_url in _text(client.get("/reform/"))
    assert client.get("/archive/departments/987654").status_code == 404


def test_an_account_limited_to_another_government_sees_none_of_it(client, auth, db, sample_city):
    gid = sample_city["id"]
    ids = store.documents.department_ids(db, gid)
    entry = store.roll.add_adjustments(db, gid, [{"department_id": ids[WATER], "on_date": "2025-03-10",
                                                   "kind": "核增", "post_kind": "行政编制", "count": 1}], None)[0]
    staff = store.users.get_user_by_name(db, "staff")
    store.users.set_scope(db, staff["id"], ["示例县"], "new-session", None)
    auth.login("staff")
    for url in (f"/roll/{gid}/", f"/roll/{gid}/log", f"/roll/{gid}/log.xlsx", f"/archive/departments/{ids[WATER]}",
                f"/archive/departments/{ids[WATER]}.docx"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/roll/log/{entry}/delete", data={"confirm": "yes"}).status_code == 404
    assert client.post(f"/roll/{gid}/log/new", data=_entry(department=str(ids[WATER]))).status_code == 404
    assert store.roll.get_adjustment(db, entry) is not None


def test_evaluators_read_but_do_not_enter(client, auth, db, sample_city):
    gid = sample_city["id"]
    auth.login("evaluator")
    page = _text(client.get(f"/roll/{gid}/log"))
    assert "暂无编制调整记录" in page and "登记编制调整" not in page and "批量导入" not in page
    page = _text(client.get(f"/roll/{gid}/"))
    assert "还没有导入实名制数据" in page and 'id="import"' not in page
