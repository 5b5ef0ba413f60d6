"""Survey pages: admin rounds, rater links, public answers, k-anonymity in every view, access rules."""
from __future__ import annotations

import io
import json
import re
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook

from webapp import create_app, store

from conftest import SURVEY_DEPARTMENTS as DEPTS
from conftest import all_ratings, close_round, make_round, rating_form, survey_raters
from workbooks import xlsx_bytes

ROUND_FORM = {"name": "2024年度市县评作为", "kind": "county", "government": "示例市", "year": 2024,
              "department_source": "list", "departments": "\n".join(DEPTS), "k_min": 5,
              "trim_count": 1, "trim_min": 7, "anonymous": "y"}


def _xlsx(rows: list[list]) -> bytes:
    return xlsx_bytes(rows)


def _text(response) -> str:
    return response.get_data(as_text=True)


# --- admin pages ------------------------------------------------------------------

def test_admin_creates_a_round_from_a_pasted_list_and_imports_raters(client, auth, db):
    auth.login("admin")
    response = client.post("/rounds/new", data=ROUND_FORM)
    assert response.status_code == 302
    row = store.rounds.list_rounds(db)[0]
    assert row["name"] == "2024年度市县评作为" and row["k_min"] == 5 and row["anonymous"] == 1
    data = _xlsx([["姓名", "单位", "组别", "评议部门"], ["张三", "甲县", "区市党政领导", ""],
                  ["李四", "乙县", "对口部门", "示例市甲局、示例市乙局"]])
    response = client.post(f"/rounds/{row['id']}/raters", data={"file": (io.BytesIO(data), "评议人.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    raters = store.rounds.list_raters(db, row["id"])
    assert [(r["name"], r["departments"]) for r in raters] == [("张三", []), ("李四", ["示例市甲局", "示例市乙局"])]
    page = _text(client.get(f"/rounds/{row['id']}/"))
    assert "评议人 2 名" in page and "导入评议人" in page


@pytest.mark.parametrize(("changes", "message"), [
    ({"departments": ""}, "没有被评议的部门"),
    ({"departments": "甲局\n甲局"}, "被评议部门有重复"),
    ({"groups": "区市党政领导=0.5\n对口部门=0.2"}, "权重之和应为 1"),
    ({"scale": "好"}, "标签=分值"),
    ({"department_source": "documents", "government": "无此市"}, "还没有已解析的三定规定"),
])
def test_round_form_refuses_bad_settings(client, auth, db, changes, message):
    auth.login("admin")
    response = client.post("/rounds/new", data={**ROUND_FORM, **changes})
    assert response.status_code == 400 and message in _text(response)
    assert store.rounds.list_rounds(db) == []


def test_round_departments_from_the_governments_documents_and_from_a_file(client, auth, db, uploads,
                                                                          sample_file):
    auth.login("admin")
    uploads.run([(sample_file.read_bytes(), sample_file.name)])
    response = client.post("/rounds/new", data={**ROUND_FORM, "department_source": "documents"})
    assert response.status_code == 302
    assert store.rounds.list_rounds(db)[0]["departments_json"] == '["示例市测试局"]'
    data = "部门名称\n市甲局\n市乙局\n".encode("gbk")
    response = client.post("/rounds/new", data={**ROUND_FORM, "department_source": "file",
                                                "departments_file": (io.BytesIO(data), "部门.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    assert store.rounds.list_rounds(db)[0]["departments_json"] == '["市甲局", "市乙局"]'


def test_malformed_rater_spreadsheet_names_row_and_column_and_imports_nothing(app, client, auth, db):
    row = make_round(app, db)
    auth.login("admin")
    data = _xlsx([["姓名", "单位", "组别", "评议部门"], ["张三", "甲县", "区市党政领导", ""],
                  ["", "乙县", "对口部门", ""], ["王五", "丙县", "人大代表", ""],
                  ["赵六", "丁县", "对口部门", "不存在局"]])
    response = client.post(f"/rounds/{row['id']}/raters", data={"file": (io.BytesIO(data), "r.xlsx")},
                           content_type="multipart/form-data")
    page = _text(response)
    assert response.status_code == 400
    assert "第3行“姓名”列为空" in page and "第4行“组别”列的“人大代表”不是本轮的评议组别" in page
    assert "第5行“评议部门”列的“不存在局”" in page
    assert store.rounds.list_raters(db, row["id"]) == []
    response = client.post(f"/rounds/{row['id']}/raters",
                           data={"file": (io.BytesIO(b"not a zip"), "r.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "已损坏" in _text(response)


def test_links_export_and_printable_sheet_with_qr_codes(app, client, auth, db):
    row = make_round(app, db, raters=survey_raters(3))
    auth.login("admin")
    response = client.get(f"/rounds/{row['id']}/links.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0] == ("组别", "单位", "姓名", "评议部门数", "链接")
    links = sorted(line[4] for line in lines[1:])
    assert links == sorted(f"http://localhost/r/{t}" for t in row["tokens"].values())
    page = _text(client.get(f"/rounds/{row['id']}/links"))
    assert page.count("<svg") == 3 and "@page" not in page and "<script>" not in page
    assert all(token in page for token in row["tokens"].values())
    assert len(next(iter(row["tokens"].values()))) >= 22  # ≥ 128 bits in URL-safe base64
    public = make_round(app, db, kind="public")
    page = _text(client.get(f"/rounds/{public['id']}/qr"))
    assert page.count("<svg") == len(DEPTS) + 1 and f"/s/{public['public_key']}/" in page


def test_many_raters_print_per_unit_in_pages(app, client, auth, db, monkeypatch):
    from webapp import rounds
    monkeypatch.setattr(rounds, "CARDS_PER_SHEET", 2)
    raters = (survey_raters(3, unit="甲县") + survey_raters(1, group="对口部门", unit="甲县")
              + [{**rater, "name": f"乙县{rater['name']}"} for rater in survey_raters(2, unit="乙县 & 丙镇")])
    row = make_round(app, db, raters=raters)
    auth.login("admin")
    page = _text(client.get(f"/rounds/{row['id']}/links"))  # 6 raters, 2 a sheet: units first
    assert "<svg" not in page and "请按单位分别打印" in page
    assert re.search(r"<td>甲县</td><td>区市党政领导、对口部门</td><td>4</td>", page)
    assert re.search(r"<td>乙县 &amp; 丙镇</td><td>区市党政领导</td><td>2</td>", page)
    assert "unit=%E7%94%B2%E5%8E%BF&amp;page=2" in page and "page=3" not in page
    first = _text(client.get(f"/rounds/{row['id']}/links", query_string={"unit": "甲县"}))
    second = _text(client.get(f"/rounds/{row['id']}/links", query_string={"unit": "甲县", "page": 2}))
    assert first.count("<svg") == 2 and second.count("<svg") == 2 and "第 2/2 页" in second
    printed = [name for name, token in row["tokens"].items() if token in first + second]
    assert sorted(printed) == ["区市党政领导0", "区市党政领导1", "区市党政领导2", "对口部门0"]
    other = _text(client.get(f"/rounds/{row['id']}/links", query_string={"unit": "乙县 & 丙镇"}))
    assert other.count("<svg") == 2 and "分页" not in other
    response = client.get(f"/rounds/{row['id']}/links", query_string={"unit": "丁县"})
    assert response.status_code == 404 and "没有单位为“丁县”的评议人" in _text(response)
    response = client.get(f"/rounds/{row['id']}/links", query_string={"unit": "甲县", "page": 3})
    assert response.status_code == 404 and "共 2 页" in _text(response)
    response = client.get(f"/rounds/{row['id']}/links", query_string={"unit": "甲县", "page": "x"})
    assert response.status_code == 200 and "第 1/2 页" in _text(response)  # not a number: the first page


def test_progress_shows_counts_per_group_and_unit_never_ratings(app, client, auth, db):
    raters = survey_raters(2, unit="甲县") + survey_raters(1, group="对口部门", unit="乙县")
    row = make_round(app, db, raters=raters)
    client.post(f"/r/{row['tokens']['区市党政领导0']}", data=all_ratings(DEPTS, "差"))
    auth.login("admin")
    page = _text(client.get(f"/rounds/{row['id']}/progress"))
    assert re.search(r"<td>区市党政领导</td><td>甲县</td><td>2</td><td>1</td><td>1</td>", page)
    assert "<td>差" not in page and "区市党政领导0" not in page  # no names in an anonymous round


def test_progress_of_a_back_to_back_round_moves_only_at_its_snapshots(app, client, auth, db, monkeypatch):
    """Counts that changed with each submission would show which unit had just submitted:
    a back-to-back round's counts are a snapshot renewed at most every PROGRESS_MINUTES."""
    from datetime import datetime, timedelta

    from webapp.services import surveys
    raters = survey_raters(2, unit="甲县") + survey_raters(2, group="对口部门", unit="乙县")
    row = make_round(app, db, raters=raters)
    auth.login("admin")
    assert client.post(f"/r/{row['tokens']['区市党政领导0']}", data=all_ratings(DEPTS)).status_code == 303
    first = _text(client.get(f"/rounds/{row['id']}/progress"))
    assert re.search(r"<td>区市党政领导</td><td>甲县</td><td>2</td><td>1</td><td>1</td>", first)
    assert "每 30 分钟更新一次" in first
    assert client.post(f"/r/{row['tokens']['对口部门0']}", data=all_ratings(DEPTS)).status_code == 303
    same = _text(client.get(f"/rounds/{row['id']}/progress"))
    assert re.search(r"<td>对口部门</td><td>乙县</td><td>2</td><td>0</td><td>2</td>", same)  # not yet
    listed = _text(client.get("/rounds/"))
    assert re.search(r"<td>4</td>\s*<td>1<span", listed)  # the list shows the snapshot too
    later = datetime.now() + timedelta(minutes=31)
    monkeypatch.setattr(surveys, "datetime", type("Clock", (datetime,), {"now": staticmethod(lambda: later)}))
    renewed = _text(client.get(f"/rounds/{row['id']}/progress"))
    assert re.search(r"<td>对口部门</td><td>乙县</td><td>2</td><td>1</td><td>1</td>", renewed)


def test_results_of_a_back_to_back_round_wait_until_it_ends(app, client, auth, db):
    row = make_round(app, db, raters=survey_raters(5))
    for token in row["tokens"].values():
        assert client.post(f"/r/{token}", data=all_ratings(DEPTS, "差")).status_code == 303
    auth.login("evaluator")
    page = _text(client.get(f"/rounds/{row['id']}/results"))
    assert "评议结束后才公布结果" in page and "<td>示例市甲局</td>" not in page and "满意率" not in page
    export = client.get(f"/rounds/{row['id']}/results.xlsx")
    assert export.status_code == 409 and "评议结束后才公布结果" in _text(export)
    assert "密封保存" in _text(client.get(f"/rounds/{row['id']}/"))
    auth.logout()
    auth.login("admin")
    assert client.post(f"/rounds/{row['id']}/close", data={"confirm": "yes"}).status_code == 302
    page = _text(client.get(f"/rounds/{row['id']}/results"))
    assert "<td>示例市甲局</td>" in page and "有效答卷 5 份" in page


def test_k_cannot_be_lowered_once_a_round_has_answers(app, client, auth, db):
    row = make_round(app, db, raters=survey_raters(1), k_min=5)
    assert client.post(f"/r/{row['tokens']['区市党政领导0']}", data=all_ratings(DEPTS)).status_code == 303
    auth.login("admin")
    form = {**ROUND_FORM, "k_min": "1"}
    response = client.post(f"/rounds/{row['id']}/edit", data=form)
    assert response.status_code == 400 and "最少样本数 k" in _text(response)
    assert store.rounds.get_round(db, row["id"])["k_min"] == 5


def test_import_names_raters_whose_department_list_singles_them_out(app, client, auth, db):
    row = make_round(app, db, k_min=3)
    rows = ["姓名,单位,组别,评议部门"] + [f"领导{i},县{i},区市党政领导," for i in range(4)] + \
        ["对口甲,县甲,对口部门,示例市甲局", "对口乙,县乙,对口部门,示例市甲局", "对口丙,县丙,对口部门,示例市乙局"]
    auth.login("admin")
    response = client.post(f"/rounds/{row['id']}/raters", data={
        "file": (io.BytesIO("\n".join(rows).encode("utf-8")), "raters.csv")}, content_type="multipart/form-data")
    assert response.status_code == 302
    page = _text(client.get(response.headers["Location"]))
    assert "已导入 7 名评议人" in page
    warning = re.search(r"注意：[^<]*", page).group(0)
    assert all(name in warning for name in ("对口甲", "对口乙", "对口丙")) and "领导0" not in warning


def test_close_round_then_links_say_it_has_ended(app, client, auth, db):
    row = make_round(app, db, raters=survey_raters(1))
    token = row["tokens"]["区市党政领导0"]
    auth.login("admin")
    assert client.post(f"/rounds/{row['id']}/close", data={"confirm": "yes"}).status_code == 302
    response = client.get(f"/r/{token}")
    assert response.status_code == 410 and "评议已结束" in _text(response)
    response = client.post(f"/r/{token}", data=all_ratings(DEPTS))
    assert response.status_code == 410 and store.rounds.answer_count(db, row["id"]) == 0


def test_anonymity_setting_cannot_change_once_there_are_responses(app, client, auth, db):
    row = make_round(app, db, raters=survey_raters(1))
    client.post(f"/r/{row['tokens']['区市党政领导0']}", data=all_ratings(DEPTS))
    auth.login("admin")
    form = {**ROUND_FORM, "name": "新名称"}
    form.pop("anonymous")
    response = client.post(f"/rounds/{row['id']}/edit", data=form)
    assert response.status_code == 400 and "不能再修改匿名设置" in _text(response)
    assert store.rounds.get_round(db, row["id"])["anonymous"] == 1
    response = client.post(f"/rounds/{row['id']}/edit", data={**form, "anonymous": "y"})
    assert response.status_code == 302 and store.rounds.get_round(db, row["id"])["name"] == "新名称"


# --- rater pages ---------------------------------------------------------------------

def test_rater_sees_only_their_departments_and_the_token_is_not_in_the_form(app, client, db):
    row = make_round(app, db, raters=survey_raters(1, departments=["示例市乙局"]))
    token = row["tokens"]["区市党政领导0"]
    page = _text(client.get(f"/r/{token}"))
    assert "示例市乙局" in page and "示例市甲局" not in page and "示例市丙局" not in page
    form = re.search(r"<form[^>]*>", page).group(0)
    assert "action" not in form  # posts to its own URL: the token stays in the path
    hidden = re.findall(r'<input type="hidden" name="([^"]+)"', page)
    assert hidden == ["csrf_token", "v"] and page.count(token) == 0
    for label in ("好", "较好", "一般", "差", "不了解"):
        assert f'<span>{label}</span>' in page
    assert re.findall(r'name="(r\d+)"', page) == ["r0"] * 5  # one department, five options


def test_draft_save_and_restore_then_submit_once(app, client, db):
    row = make_round(app, db, raters=survey_raters(1))
    url = f"/r/{row['tokens']['区市党政领导0']}"
    response = client.post(url, data=rating_form(DEPTS, {"示例市甲局": "较好"}, {"示例市乙局": "只写了意见"}, "draft"))
    assert response.status_code == 303 and response.headers["Location"].endswith("?saved=1")
    page = _text(client.get(response.headers["Location"]))
    assert "草稿已保存" in page and "只写了意见" in page
    assert re.search(r'name="r0" value="1" required\s+checked', page)  # 较好, the second option
    response = client.post(url, data=all_ratings(DEPTS, "一般"))
    assert response.status_code == 303
    page = _text(client.get(url))
    assert "已提交，感谢" in page and "示例市甲局" not in page
    again = client.post(url, data=all_ratings(DEPTS, "好"))
    assert again.status_code == 410 and "只能提交一次" in _text(again)
    assert store.rounds.answer_count(db, row["id"]) == 1 and store.count(db, "drafts") == 0


def test_a_submission_while_the_database_stays_locked_gets_503_and_can_be_repeated(app, client, db,
                                                                                   monkeypatch):
    import sqlite3
    row = make_round(app, db, raters=survey_raters(1))
    url = f"/r/{row['tokens']['区市党政领导0']}"
    monkeypatch.setattr(store.db, "BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(app.config["DATABASE"])
    other.execute("BEGIN IMMEDIATE")  # a long import or restore holding the write lock
    response = client.post(url, data=all_ratings(DEPTS, "一般"))
    assert response.status_code == 503 and "没有保存" in _text(response)
    assert "Traceback" not in _text(response)
    other.rollback()
    other.close()
    assert client.post(url, data=all_ratings(DEPTS, "一般")).status_code == 303
    assert store.rounds.answer_count(db, row["id"]) == 1


@pytest.mark.parametrize(("data", "message"), [
    ({**all_ratings(DEPTS), "r3": "0"}, "不在您评议范围内的部门（第 4 项）"),
    ({**all_ratings(DEPTS), "c7": "x"}, "不在您评议范围内的部门（第 8 项）"),
    ({**all_ratings(DEPTS), "r0": "特别好"}, "不是有效选项"),
    ({**all_ratings(DEPTS), "r0": "5"}, "不是有效选项"),
    ({**all_ratings(DEPTS), "r0": "100"}, "不是有效选项"),
    (rating_form(DEPTS, {"示例市甲局": "好"}), "还有 2 个部门未评价"),
    ({**all_ratings(DEPTS), "c0": "长" * 501}, "超过 500 字"),
    (rating_form(DEPTS, {}, {"示例市甲局": "长" * 501}, "draft"), "不超过 500 字"),
])
def test_bad_rater_input_is_refused_and_nothing_is_stored(app, client, db, data, message):
    row = make_round(app, db, raters=survey_raters(1, departments=DEPTS))
    response = client.post(f"/r/{row['tokens']['区市党政领导0']}", data=data)
    assert response.status_code == 400 and message in _text(response)
    assert store.rounds.answer_count(db, row["id"]) == 0 and store.count(db, "ballots") == 0
    assert store.count(db, "drafts") == 0


def test_a_form_rendered_before_the_round_changed_is_refused_not_read_against_the_new_list(app, client, db):
    import json
    row = make_round(app, db, raters=survey_raters(1))
    url = f"/r/{row['tokens']['区市党政领导0']}"
    assert client.post(url, data=rating_form(DEPTS, {"示例市甲局": "差"}, {"示例市甲局": "草稿意见"},
                                             "draft")).status_code == 303
    rendered = all_ratings(DEPTS, "好")  # the page as it was: 甲, 乙, 丙
    reordered = list(reversed(DEPTS))
    store.rounds.update_round(db, row["id"], {"departments_json": json.dumps(reordered, ensure_ascii=False)}, None)
    response = client.post(url, data=rendered)
    page = _text(response)
    assert response.status_code == 409 and "评议表已经调整" in page
    assert store.rounds.answer_count(db, row["id"]) == 0 and store.count(db, "ballots") == 0
    assert page.index("示例市丙局") < page.index("示例市甲局") and "草稿意见" in page  # the draft kept
    assert re.search(r'name="r2" value="3" required\s+checked', page)  # 甲局 is third now: 差
    response = client.post(url, data=rating_form(reordered, {"示例市甲局": "差", "示例市乙局": "好",
                                                             "示例市丙局": "一般"}))
    assert response.status_code == 303
    close_round(app, db, row)
    [(_, answers)] = store.rounds.round_responses(db, row["id"])
    assert {a["department"]: a["label"] for a in answers} == {"示例市甲局": "差", "示例市乙局": "好",
                                                            "示例市丙局": "一般"}


def test_oversized_rating_request_is_refused_with_413(app, client, db):
    row = make_round(app, db, raters=survey_raters(1))
    response = client.post(f"/r/{row['tokens']['区市党政领导0']}",
                           data={**all_ratings(DEPTS), "c0": "x" * 400_000})
    assert response.status_code == 413 and store.rounds.answer_count(db, row["id"]) == 0


def test_unknown_token_is_404_and_rounds_not_open_say_so(app, client, db):
    response = client.get("/r/" + "A" * 32)
    assert response.status_code == 404 and "评议链接无效" in _text(response)
    assert client.get("/r/" + "A" * 300).status_code == 404
    future = make_round(app, db, raters=survey_raters(1), opens=datetime.now() + timedelta(days=2))
    response = client.get(f"/r/{future['tokens']['区市党政领导0']}")
    assert response.status_code == 403 and "评议尚未开始" in _text(response)
    past = make_round(app, db, raters=survey_raters(1), opens=datetime.now() - timedelta(days=9),
                      closes=datetime.now() - timedelta(days=2))
    response = client.post(f"/r/{past['tokens']['区市党政领导0']}", data=all_ratings(DEPTS))
    assert response.status_code == 410 and "评议已结束" in _text(response)


def test_csrf_failure_on_the_rater_form(app_config, tmp_path):
    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    db = store.connect(app.config["DATABASE"])
    row = make_round(app, db, raters=survey_raters(1))
    client = app.test_client()
    url = f"/r/{row['tokens']['区市党政领导0']}"
    response = client.post(url, data=all_ratings(DEPTS))
    assert response.status_code == 400 and "安全令牌" in _text(response)
    assert store.rounds.answer_count(db, row["id"]) == 0
    token = re.search(r'name="csrf_token" value="([^"]+)"', _text(client.get(url))).group(1)
    assert client.post(url, data={**all_ratings(DEPTS), "csrf_token": token}).status_code == 303
    db.close()
    app.extensions["sanding_jobs"].shutdown()


# --- k-anonymity in every view ---------------------------------------------------------

def _rated_round(app, client, db, *, leaders: int, counterparts: int, k: int = 5):
    raters = survey_raters(leaders) + survey_raters(counterparts, group="对口部门")
    row = make_round(app, db, raters=raters, k_min=k)
    for number, (name, token) in enumerate(row["tokens"].items()):
        data = all_ratings(DEPTS, ["好", "较好", "一般", "差"][number % 4])
        data["c0"] = f"意见{name}"  # 示例市甲局
        assert client.post(f"/r/{token}", data=data).status_code == 303
    close_round(app, db, row)
    return row


def test_groups_under_k_are_hidden_everywhere_and_left_out_of_the_merge(app, client, auth, db):
    row = _rated_round(app, client, db, leaders=7, counterparts=3)
    auth.login("evaluator")
    page = _text(client.get(f"/rounds/{row['id']}/results"))
    assert "3 · 样本不足" in page and "未计入：对口部门（样本不足）" in page
    # 7 leaders: 好 85 好 … trimmed; the counterparts' 3 answers never show a mean
    filtered = _text(client.get(f"/rounds/{row['id']}/results?group=对口部门"))
    assert "样本不足" in filtered and "满意率" not in filtered
    book = load_workbook(io.BytesIO(client.get(f"/rounds/{row['id']}/results.xlsx?group=对口部门").data))
    cells = [c for r in book["评议结果"].iter_rows(min_row=4, values_only=True) for c in r]
    assert "样本不足" in cells and not any(isinstance(c, float) for c in cells)
    book = load_workbook(io.BytesIO(client.get(f"/rounds/{row['id']}/results.xlsx").data))
    lines = list(book["评议结果"].iter_rows(min_row=4, values_only=True))
    counterpart = [line for line in lines if line[3] == "对口部门"]
    assert all(line[5:] == ("样本不足",) * len(line[5:]) for line in counterpart)
    assert all("对口部门（样本不足）" in line[2] for line in lines)
    comments = list(book["意见建议"].iter_rows(min_row=2, values_only=True))
    assert len([c for c in comments if c[0] == "示例市甲局"]) == 10


def test_department_under_k_hides_its_comments_and_score(app, client, auth, db):
    row = _rated_round(app, client, db, leaders=2, counterparts=2)
    auth.login("admin")
    page = _text(client.get(f"/rounds/{row['id']}/results"))
    assert "意见区市" not in page and "样本不足" in page
    assert not re.search(r"\d+\.\d+ · ", page)  # no mean shown anywhere


def test_comments_are_listed_without_rater_information_in_sorted_order(app, client, auth, db):
    row = _rated_round(app, client, db, leaders=5, counterparts=0)
    auth.login("admin")
    page = _text(client.get(f"/rounds/{row['id']}/results"))
    listed = re.findall(r"<li>(意见[^<]+)</li>", page)
    assert listed == sorted(listed) and len(listed) == 5


# --- public survey -------------------------------------------------------------------

def test_public_answer_once_per_person_and_department(app, client, db):
    row = make_round(app, db, kind="public")
    url = f"/s/{row['public_key']}"
    page = _text(client.get(url))
    assert "企业" in page and "群众" in page and "基层单位" in page and "其他" in page
    data = {"department": "示例市甲局", "group": "企业", "label": "满意", "comment": "办事快"}
    response = client.post(url, data=data)
    assert response.status_code == 200 and "提交成功" in _text(response)
    again = client.post(url, data=data)
    assert again.status_code == 409 and "您已评价过该部门" in _text(again)
    fixed = client.post(f"/s/{row['public_key']}/示例市甲局", data={"group": "企业", "label": "不满意"})
    assert fixed.status_code == 409
    other = client.post(f"/s/{row['public_key']}/示例市乙局", data={"group": "群众", "label": "非常满意"})
    assert other.status_code == 200
    another_person = app.test_client()
    assert another_person.post(url, data=data).status_code == 200
    assert store.rounds.answer_count(db, row["id"]) == 3
    assert store.count(db, "public_guards") == 3
    groups = sorted(g for g, _ in store.rounds.round_responses(db, row["id"]))
    assert groups == ["企业", "企业", "群众"]


def test_forged_respondent_cookie_gets_a_new_id_and_bad_public_input_is_refused(app, client, db):
    row = make_round(app, db, kind="public", access_code="8086")
    url = f"/s/{row['public_key']}"
    base = {"department": "示例市甲局", "group": "企业", "label": "满意", "access_code": "8086"}
    for changes, status, message in [({"access_code": "1"}, 403, "访问码不正确"),
                                     ({"department": "示例市丁局"}, 400, "请选择要评价的部门"),
                                     ({"group": "领导"}, 400, "请选择您的身份"),
                                     ({"label": "很好"}, 400, "不是有效选项"),
                                     ({"comment": "长" * 501}, 400, "超过 500 字")]:
        response = client.post(url, data={**base, **changes})
        assert response.status_code == status and message in _text(response), changes
    assert client.get(f"/s/{row['public_key']}/示例市丁局").status_code == 404
    assert client.get("/s/999").status_code == 404
    county = make_round(app, db)
    assert client.get(f"/s/{county['public_key']}").status_code == 404
    assert store.rounds.answer_count(db, row["id"]) == 0
    client.set_cookie("sanding_respondent", "forged.value")
    assert client.post(url, data=base).status_code == 200


def test_public_rate_limit_per_address(app_config):
    app = create_app({**app_config, "PUBLIC_RATE_LIMIT": 3})
    db = store.connect(app.config["DATABASE"])
    row = make_round(app, db, kind="public")
    statuses = []
    for number in range(5):
        client = app.test_client()  # five "people" behind one address
        statuses.append(client.post(f"/s/{row['public_key']}", data={
            "department": DEPTS[number % 3], "group": "群众", "label": "满意"}).status_code)
    assert statuses == [200, 200, 200, 429, 429]
    db.close()
    app.extensions["sanding_jobs"].shutdown()


@pytest.mark.parametrize("proxies", [0, 1])
def test_public_rate_limit_behind_nginx_counts_each_respondent(app_config, proxies):
    """With SANDING_PROXIES=1 the limit counts the address nginx forwards (the last one in
    X-Forwarded-For, which nginx appends); without it, a forwarded address is not believed."""
    app = create_app({**app_config, "PUBLIC_RATE_LIMIT": 2, "PROXIES": proxies})
    db = store.connect(app.config["DATABASE"])
    row = make_round(app, db, kind="public")

    def answer(forwarded: str, number: int) -> int:
        client = app.test_client()
        return client.post(f"/s/{row['public_key']}", headers={"X-Forwarded-For": forwarded},
                           environ_base={"REMOTE_ADDR": "127.0.0.1"},  # nginx on the same host
                           data={"department": DEPTS[number % 3], "group": "群众", "label": "满意"}).status_code

    people = [answer(f"10.0.0.{number}", number) for number in range(5)]
    # one phone claiming other addresses: nginx appends the one it saw
    spoofing = [answer(f"10.9.9.{number}, 10.0.1.1", number) for number in range(3)]
    if proxies:
        assert people == [200] * 5 and spoofing == [200, 200, 429]
    else:
        assert people == [200, 200, 429, 429, 429] and spoofing == [429] * 3
    db.close()
    app.extensions["sanding_jobs"].shutdown()


def test_csrf_failure_on_the_public_form(app_config):
    """Public pages keep no session: the form token is bound to the respondent's cookie."""
    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    db = store.connect(app.config["DATABASE"])
    row = make_round(app, db, kind="public")
    url = f"/s/{row['public_key']}/示例市甲局"
    answer = {"group": "企业", "label": "满意"}
    phone, other_phone = app.test_client(), app.test_client()
    response = phone.post(url, data=answer)
    assert response.status_code == 400 and "安全令牌" in _text(response)
    token = re.search(r'name="csrf_token" value="([^"]+)"', _text(phone.get(url))).group(1)
    other_phone.get(url)  # a cookie of its own
    for forged in (token + "x", "x." + token.split(".")[1], "令牌.abc", ""):
        assert phone.post(url, data={**answer, "csrf_token": forged}).status_code == 400
    response = other_phone.post(url, data={**answer, "csrf_token": token})  # someone else's token
    assert response.status_code == 400 and store.rounds.answer_count(db, row["id"]) == 0
    response = phone.post(url, data={**answer, "csrf_token": token})
    assert response.status_code == 200 and store.rounds.answer_count(db, row["id"]) == 1
    db.close()
    app.extensions["sanding_jobs"].shutdown()


def test_pages_without_login_carry_no_session_and_a_fresh_form_token(app, client, auth, db):
    public = make_round(app, db, kind="public")
    county = make_round(app, db, raters=survey_raters(1))
    urls = (f"/s/{public['public_key']}", f"/r/{county['tokens']['区市党政领导0']}")
    for url in urls:  # a phone that has never been here
        phone = app.test_client()
        first, second = phone.get(url), phone.get(url)
        assert first.status_code == second.status_code == 200
        cookies = " ".join(first.headers.getlist("Set-Cookie") + second.headers.getlist("Set-Cookie"))
        assert "sanding_session" not in cookies
        tokens = [re.search(r'name="csrf_token" value="([^"]+)"', _text(page)).group(1)
                  for page in (first, second)]
        assert tokens[0] != tokens[1]  # a new nonce each time: the token names nobody
    auth.login("admin")  # an administrator's browser opens the links
    for url in urls:
        response = client.get(url)
        cookies = " ".join(response.headers.getlist("Set-Cookie"))
        assert response.status_code == 200 and "sanding_session" not in cookies
    unknown = client.get("/r/" + "A" * 32)  # the error page does not know who is signed in
    assert unknown.status_code == 404 and "评议链接无效" in _text(unknown) and "退出" not in _text(unknown)
    assert "退出" in _text(client.get("/rounds/"))  # still signed in on the other pages


def test_an_edited_round_shows_at_once_on_its_public_and_rater_pages(app, client, db):
    public = make_round(app, db, kind="public")
    county = make_round(app, db, raters=survey_raters(1))
    public_url, rater_url = f"/s/{public['public_key']}", f"/r/{county['tokens']['区市党政领导0']}"
    assert "测试评议" in _text(client.get(public_url)) and "测试评议" in _text(client.get(rater_url))
    store.rounds.update_round(db, public["id"], {"name": "改名后的评议", "access_code": "2468"}, None)
    store.rounds.update_round(db, county["id"], {"name": "改名后的市县评议"}, None)
    page = _text(client.get(public_url))
    assert "改名后的评议" in page and "测试评议" not in page and 'name="access_code"' in page
    assert "改名后的市县评议" in _text(client.get(rater_url))
    for row in (public, county):
        close_round(app, db, row)
    assert client.get(public_url).status_code == 410 and client.get(rater_url).status_code == 410


def test_rendered_forms_kept_per_worker_stay_within_their_budget(app, client, db, monkeypatch):
    from webapp.rate import page_cache
    monkeypatch.setattr(page_cache, "MAX_BYTES", 20_000)
    subsets = [[a, b] for a in DEPTS for b in DEPTS if a != b]
    raters = [{"name": f"评议人{i}", "unit": f"单位{i}", "group": "区市党政领导", "departments": subset}
              for i, subset in enumerate(subsets * 3)]
    row = make_round(app, db, raters=raters)
    for rater in raters:
        page = _text(client.get(f"/r/{row['tokens'][rater['name']]}"))
        shown = [d for d in DEPTS if d in page]
        assert sorted(shown) == sorted(rater["departments"])
        assert app.extensions["sanding_page_cache"].size <= 20_000


# --- access rules ----------------------------------------------------------------------

# endpoint: (method, path, who) — who: "admin", "readers" (admin, evaluator), "rater", "public"
ROUTES = {
    "rounds.index": ("GET", "/rounds/", "readers"),
    "rounds.create": ("GET", "/rounds/new", "admin"),
    "rounds.detail": ("GET", "/rounds/{r}/", "readers"),
    "rounds.edit": ("GET", "/rounds/{r}/edit", "admin"),
    "rounds.import_raters": ("POST", "/rounds/{r}/raters", "admin"),
    "rounds.links_xlsx": ("GET", "/rounds/{r}/links.xlsx", "admin"),
    "rounds.links_sheet": ("GET", "/rounds/{r}/links", "admin"),
    "rounds.public_qr": ("GET", "/rounds/{p}/qr", "admin"),
    "rounds.progress": ("GET", "/rounds/{r}/progress", "admin"),
    "rounds.close": ("POST", "/rounds/{c}/close", "admin"),
    "rounds.results": ("GET", "/rounds/{z}/results", "readers"),
    "rounds.results_export": ("GET", "/rounds/{z}/results.xlsx", "readers"),
    "rounds.raw_export": ("GET", "/rounds/{z}/responses.csv", "readers"),
    "rate.rate": ("GET", "/r/{t}", "rater"),
    "rate.public_survey": ("GET", "/s/{k}", "public"),
    "rate.healthz": ("GET", "/healthz", "public"),
}
DECLARED = {"admin": {"admin"}, "readers": {"admin", "evaluator"}, "rater": {"rater"},
            "public": {"public"}}


def test_access_rule_of_every_survey_route_for_every_role(app, client, auth, db):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if rule.endpoint.split(".")[0] in ("rounds", "rate")}
    assert endpoints == set(ROUTES)
    for endpoint, (_method, _path, who) in ROUTES.items():
        assert set(app.view_functions[endpoint].access) == DECLARED[who], endpoint
    county = make_round(app, db, raters=survey_raters(1))
    public = make_round(app, db, kind="public")
    ended = make_round(app, db, raters=survey_raters(1))
    close_round(app, db, ended)
    values = {"r": county["id"], "p": public["id"], "k": public["public_key"], "z": ended["id"],
              "c": make_round(app, db)["id"], "t": county["tokens"]["区市党政领导0"]}
    for role in (None, "staff", "evaluator", "admin"):
        if role:
            auth.login(role)
        for endpoint, (method, path, who) in ROUTES.items():
            response = client.open(path.format(**values), method=method)
            if who in ("rater", "public"):
                expected = {200}
            elif role is None:
                expected = {302}
            elif role == "admin" or (who == "readers" and role == "evaluator"):
                expected = {200, 302, 400, 409}  # 400: a POST without its file; 409: no answers to export
            else:
                expected = {403}
            assert response.status_code in expected, (role, endpoint, response.status_code)
            if role is None and who not in ("rater", "public"):
                assert "/login" in response.headers["Location"]
        if role:
            auth.logout()


def test_survey_pages_have_no_inline_script_and_escape_user_text(app, client, auth, db):
    row = make_round(app, db, raters=[{"name": "<script>x</script>", "unit": "<b>县</b>",
                                       "group": "区市党政领导", "departments": []}],
                     name="<script>alert(1)</script>")
    auth.login("admin")
    token = row["tokens"]["<script>x</script>"]
    for path in ("/rounds/", f"/rounds/{row['id']}/", f"/rounds/{row['id']}/links",
                 f"/rounds/{row['id']}/progress", f"/rounds/{row['id']}/results", "/rounds/new",
                 f"/r/{token}"):
        page = _text(client.get(path))
        assert "<script>alert" not in page and "<script>x" not in page and "onclick" not in page, path
        assert "style=" not in page, path


def test_switching_to_a_public_round_takes_its_own_defaults(client, auth, db):
    """The page fills in the 市县评作为 groups and scale; a 服务对象满意度 round created without
    touching them gets its own (citizens are not asked whether they are 区市党政领导)."""
    from survey.rounds import DEFAULT_GROUPS
    from survey.scales import DEFAULTS, scale_text
    from webapp.rounds import groups_text

    auth.login("admin")
    form = {**ROUND_FORM, "name": "2024年度服务对象满意度", "kind": "public",
            "groups": groups_text(DEFAULT_GROUPS["county"]), "scale": scale_text(DEFAULTS["county"])}
    assert client.post("/rounds/new", data=form).status_code == 302
    row = next(r for r in store.rounds.list_rounds(db) if r["name"] == "2024年度服务对象满意度")
    stored = store.rounds.get_round(db, row["id"])
    assert json.loads(stored["groups_json"]) == dict(DEFAULT_GROUPS["public"])
    assert "区市党政领导" not in stored["groups_json"] and "满意" in stored["scale_json"]


def test_ending_a_round_needs_a_confirmation(client, auth, db):
    auth.login("admin")
    assert client.post("/rounds/new", data=ROUND_FORM).status_code == 302
    row = store.rounds.list_rounds(db)[0]
    response = client.post(f"/rounds/{row['id']}/close", follow_redirects=True)
    assert "请先勾选“确认结束”" in _text(response)
    assert not store.rounds.get_round(db, row["id"])["closed_at"]
    assert 'name="confirm" value="yes" required' in _text(client.get(f"/rounds/{row['id']}/"))
