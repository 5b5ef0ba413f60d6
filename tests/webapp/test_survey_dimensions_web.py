"""Rounds with dimensions through the web app: the round form, the rater and public forms (one
control per dimension, drafts, final submit), results and exports per dimension, the raw export
and its refusals, dimensions as indicator sources, and rounds of an older schema."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from survey.dimensions import Dimension
from survey.evaluation.indicators import Indicator, IndicatorSystem, system_to_dict
from survey.scales import COUNTY, PUBLIC, parse_scale
from webapp import store
from webapp.services import evaluations as evaluation_data
from webapp.services import ingest, surveys

from conftest import SURVEY_DEPARTMENTS as DEPTS
from conftest import close_round, dimension_form, make_round, survey_raters

SPEED = parse_scale("快=100\n较快=85\n一般=70\n慢=50*\n不了解=", "办事效率")
DIMENSIONS = [Dimension("服务基层", COUNTY), Dimension("工作作风", COUNTY), Dimension("办事效率", SPEED)]
ROUND_FORM = {"name": "2024年度市县评作为", "kind": "county", "government": "示例市", "year": 2024,
              "department_source": "list", "departments": "\n".join(DEPTS), "k_min": 5,
              "trim_count": 1, "trim_min": 7, "anonymous": "y",
              "dimensions": "服务基层\n工作作风\n办事效率：快=100、较快=85、一般=70、慢=50*、不了解="}


def _text(response) -> str:
    return response.get_data(as_text=True)


def _round(app, db, **settings) -> dict:
    return make_round(app, db, dimensions=list(DIMENSIONS), **settings)


def _all(label: str = "好", speed: str = "快", departments=DEPTS) -> dict[str, dict[str, str]]:
    return {d: {"服务基层": label, "工作作风": label, "办事效率": speed} for d in departments}


# --- the round form ------------------------------------------------------------------

def test_admin_defines_dimensions_with_the_round_and_cannot_change_them_once_answered(app, client, auth, db):
    auth.login("admin")
    response = client.post("/rounds/new", data=ROUND_FORM)
    assert response.status_code == 302, _text(response)[-2000:]
    row = store.rounds.list_rounds(db)[0]
    stored = surveys.round_of(store.rounds.get_round(db, row["id"]))
    assert [d.name for d in stored.dimensions] == ["服务基层", "工作作风", "办事效率"]
    assert stored.dimensions[0].scale == COUNTY and stored.dimensions[2].scale.labels()[0] == "快"
    page = _text(client.get(f"/rounds/{row['id']}/"))
    assert "评议维度" in page and "服务基层、工作作风、办事效率（快=100、较快=85" in page
    edit = _text(client.get(f"/rounds/{row['id']}/edit"))
    assert "服务基层\n工作作风\n办事效率：快=100、较快=85、一般=70、慢=50*、不了解=" in edit
    changed = client.post(f"/rounds/{row['id']}/edit", data={**ROUND_FORM, "dimensions": "服务基层\n廉洁自律"})
    assert changed.status_code == 302
    assert [d.name for d in surveys.round_of(store.rounds.get_round(db, row["id"])).dimensions] == \
        ["服务基层", "廉洁自律"]
    store.rounds.submit_public(db, row["id"], "区市党政领导", [{"department": DEPTS[0], "ratings": {}}],
                               "2024-12-01", "guard")  # any stored answer freezes what answers mean
    refused = client.post(f"/rounds/{row['id']}/edit", data={**ROUND_FORM, "dimensions": "服务基层"})
    assert refused.status_code == 400 and "不能再修改评议维度" in _text(refused)


@pytest.mark.parametrize(("dimensions", "message"), [
    ("服务基层\n服务基层", "评议维度“服务基层”重复"),
    ("办事效率：快", "评议维度“办事效率”：评价等次第1行"),
    ("效率@窗口", "不能含有冒号或 @"),
])
def test_bad_dimensions_are_refused_with_the_reason(client, auth, db, dimensions, message):
    auth.login("admin")
    response = client.post("/rounds/new", data={**ROUND_FORM, "dimensions": dimensions})
    assert response.status_code == 400 and message in _text(response)
    assert store.rounds.list_rounds(db) == []


def test_a_round_without_dimensions_says_so_and_keeps_one_rating_per_department(app, client, auth, db):
    row = make_round(app, db, raters=survey_raters(1))
    auth.login("admin")
    assert "无（每个部门一个总体评价）" in _text(client.get(f"/rounds/{row['id']}/"))
    page = _text(client.get(f"/r/{row['tokens']['区市党政领导0']}"))
    assert 'name="r0"' in page and 'name="r0.0"' not in page and 'class="dim"' not in page


# --- the rater form -------------------------------------------------------------------

def test_rater_form_has_one_control_per_dimension_and_keeps_drafts(app, client, db):
    row = _round(app, db, raters=survey_raters(1))
    survey_round = surveys.round_of(row)
    link = f"/r/{row['tokens']['区市党政领导0']}"
    page = _text(client.get(link))
    for number in range(len(DEPTS)):
        for which in range(3):
            assert len(re.findall(rf'name="r{number}\.{which}"', page)) == 5  # every option of its scale
    assert page.count('<fieldset class="dim">') == 9 and "<legend>办事效率</legend>" in page
    assert "每个部门评 3 项：服务基层、工作作风、办事效率" in page
    draft = dimension_form(survey_round, DEPTS, {DEPTS[0]: {"服务基层": "好", "办事效率": "较快"}},
                           {DEPTS[1]: "只写了意见"}, action="draft")
    assert client.post(link, data=draft).status_code == 303
    page = _text(client.get(link))
    checked = re.findall(r'name="(r\d\.\d)" value="(\d)" required checked', page)
    assert sorted(checked) == [("r0.0", "0"), ("r0.2", "1")]
    assert "只写了意见" in page and '<fieldset class="dept done">' not in page  # 甲局 is not complete
    missing = dimension_form(survey_round, DEPTS, {**_all(), DEPTS[2]: {"服务基层": "好"}})
    response = client.post(link, data=missing)
    assert response.status_code == 400 and "还有 1 个部门未评价完：示例市丙局（工作作风、办事效率）" in _text(response)
    assert 'name="r2.0" value="0" required checked' in _text(response)  # what was typed stays
    assert client.post(link, data=dimension_form(survey_round, DEPTS, _all(), {DEPTS[0]: "好"})).status_code == 303
    assert store.rounds.answer_count(db, row["id"]) == 1 and store.count(db, "drafts") == 0
    assert client.post(link, data=dimension_form(survey_round, DEPTS, _all())).status_code == 410
    close_round(app, db, row)
    [(group, answers)] = store.rounds.round_responses(db, row["id"])
    assert answers[0] == {"department": DEPTS[0], "ratings": {"服务基层": "好", "工作作风": "好", "办事效率": "快"},
                          "comment": "好"}


@pytest.mark.parametrize(("field", "value", "message"), [
    ("r0.3", "0", "不在您评议范围内"),  # a fourth dimension
    ("r3.0", "0", "不在您评议范围内"),  # a fourth department
    ("r0.2", "慢慢", "“示例市甲局”的“办事效率”评价“慢慢”不是有效选项"),
])
def test_forged_dimension_fields_are_refused_and_nothing_is_stored(app, client, db, field, value, message):
    row = _round(app, db, raters=survey_raters(1))
    data = {**dimension_form(surveys.round_of(row), DEPTS, _all()), field: value}
    response = client.post(f"/r/{row['tokens']['区市党政领导0']}", data=data)
    assert response.status_code == 400 and message in _text(response)
    assert store.rounds.answer_count(db, row["id"]) == 0


def test_a_form_rendered_before_the_dimensions_changed_is_refused(app, client, db):
    row = _round(app, db, raters=survey_raters(1))
    stale = dimension_form(surveys.round_of(row), DEPTS, _all())
    changed = surveys.round_of(row)
    changed.dimensions = DIMENSIONS[:2]
    store.rounds.update_round(db, row["id"], surveys.encode_round(changed), None)
    response = client.post(f"/r/{row['tokens']['区市党政领导0']}", data=stale)
    assert response.status_code == 409 and "评议表已经调整" in _text(response)
    assert store.rounds.answer_count(db, row["id"]) == 0


def test_public_form_asks_each_dimension(app, client, db):
    dimensions = [Dimension("服务态度", PUBLIC), Dimension("办事效率", PUBLIC)]
    row = make_round(app, db, kind="public", dimensions=dimensions)
    page = _text(client.get(f"/s/{row['public_key']}"))
    assert "<legend>服务态度</legend>" in page and 'name="d1" value="不满意"' in page and 'name="label"' not in page
    answer = {"department": DEPTS[0], "group": "企业", "d0": "满意", "comment": "窗口热情"}
    response = client.post(f"/s/{row['public_key']}", data=answer)
    assert response.status_code == 400 and "未评价完" in _text(response)
    assert 'name="d0" value="满意" required checked' in _text(response)
    assert client.post(f"/s/{row['public_key']}", data={**answer, "d1": "基本满意"}).status_code == 200
    [(group, answers)] = store.rounds.round_responses(db, row["id"])
    assert group == "企业" and answers == [{"department": DEPTS[0], "comment": "窗口热情",
                                          "ratings": {"服务态度": "满意", "办事效率": "基本满意"}}]


# --- results and exports ------------------------------------------------------------------

def _rated(app, client, db, *, leaders: int = 6, counterparts: int = 2, closed: bool = True) -> dict:
    """A round with dimensions rated by `leaders` and `counterparts` (under k when fewer than 5)."""
    raters = survey_raters(leaders) + survey_raters(counterparts, group="对口部门")
    row = _round(app, db, raters=raters)
    survey_round = surveys.round_of(row)
    for number, token in enumerate(row["tokens"].values()):
        ratings = _all("好" if number % 2 else "较好", "快" if number % 3 else "一般")
        data = dimension_form(survey_round, DEPTS, ratings, {DEPTS[0]: f"意见{number:02d}"})
        assert client.post(f"/r/{token}", data=data).status_code == 303
    if closed:
        close_round(app, db, row)
    return row


def test_results_page_and_xlsx_show_each_dimension_with_the_k_rule(app, client, auth, db):
    row = _rated(app, client, db)
    auth.login("evaluator")
    page = _text(client.get(f"/rounds/{row['id']}/results"))
    assert "各维度得分" in page and "综合得分为各维度得分的平均" in page
    for name in ("服务基层", "工作作风", "办事效率"):
        assert f"<th>{name}</th>" in page and f"{name}：各组明细" in page
    assert page.count("2 · 样本不足") == 3 * 3 + 3  # each dimension's table and the overall one
    cut = _text(client.get(f"/rounds/{row['id']}/results?group=对口部门"))
    assert "92.5" not in cut and cut.count("样本不足") >= 9  # the counterparts alone: under k everywhere
    book = load_workbook(io.BytesIO(client.get(f"/rounds/{row['id']}/results.xlsx").data))
    assert book.sheetnames == ["评议结果", "分维度结果", "意见建议"]
    rows = list(book["分维度结果"].iter_rows(values_only=True))
    counterpart = [r for r in rows[1:] if r[4] == "对口部门"]
    assert len(counterpart) == 9 and all(r[6] == "样本不足" for r in counterpart)


def test_raw_export_waits_for_the_end_and_for_k_and_leaves_no_trace_of_raters(app, client, auth, db):
    open_round = _rated(app, client, db, leaders=6, counterparts=0, closed=False)
    auth.login("evaluator")
    response = client.get(f"/rounds/{open_round['id']}/responses.xlsx")
    assert response.status_code == 409 and "评议尚未结束" in _text(response)
    assert "导出原始答卷" not in _text(client.get(f"/rounds/{open_round['id']}/"))  # no button yet
    under_k = _rated(app, client, db, leaders=6, counterparts=2)
    response = client.get(f"/rounds/{under_k['id']}/responses.csv")
    assert response.status_code == 409
    assert "不能导出原始答卷：示例市甲局·对口部门（服务基层，2 个）" in _text(response)
    close_round(app, db, open_round)
    assert "导出原始答卷 (.xlsx)" in _text(client.get(f"/rounds/{open_round['id']}/"))
    response = client.get(f"/rounds/{open_round['id']}/responses.xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    rows = list(book["原始答卷"].iter_rows(values_only=True))
    assert rows[0] == ("部门", "组别", "服务基层", "工作作风", "办事效率", "意见建议", "日期")
    assert len(rows) == 1 + 6 * len(DEPTS)
    everything = json.dumps([list(r) for r in rows], ensure_ascii=False, default=str)
    for rater in survey_raters(6):
        assert rater["name"] not in everything and rater["unit"] not in everything
    assert {r[6] for r in rows[1:]} == {surveys.today()}
    response = client.get(f"/rounds/{open_round['id']}/responses.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    lines = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert lines[0] == list(rows[0]) and len(lines) == len(rows)
    logged = store.rows(db, "SELECT action, new FROM audit WHERE action = 'round_raw_export'")
    assert [json.loads(entry["new"]) for entry in logged] == [{"rows": 18, "format": "xlsx"},
                                                              {"rows": 18, "format": "csv"}]
    auth.logout()
    auth.login("staff")
    assert client.get(f"/rounds/{open_round['id']}/responses.csv").status_code == 403


def test_raw_export_rows_do_not_follow_the_order_responses_are_stored_in(app, client, auth, db):
    row = _rated(app, client, db, leaders=12, counterparts=0)
    stored_order = [answers[0]["comment"] for _group, answers in store.rounds.round_responses(db, row["id"])]
    auth.login("admin")
    orders = set()
    for _ in range(6):
        rows = list(csv.reader(io.StringIO(client.get(f"/rounds/{row['id']}/responses.csv").data.decode("utf-8-sig"))))
        orders.add(tuple(r[5] for r in rows[1:] if r[0] == DEPTS[0]))
    assert len(orders) >= 5 and tuple(stored_order) not in orders


# --- evaluation -------------------------------------------------------------------------------

def test_each_dimension_can_feed_its_own_indicator_leaf(app, client, auth, db, sample_file):
    ingest.import_path(db, sample_file, Path(app.config["UPLOAD_FOLDER"]), None, app.config["MAX_CONTENT_LENGTH"])
    government = store.documents.get_government_by_name(db, "示例市")
    department = "示例市测试局"
    row = make_round(app, db, raters=survey_raters(5), departments=[department], dimensions=list(DIMENSIONS))
    survey_round = surveys.round_of(row)
    for number, token in enumerate(row["tokens"].values()):
        ratings = {department: {"服务基层": "好", "工作作风": "一般", "办事效率": "较快"}}
        assert client.post(f"/r/{token}", data=dimension_form(survey_round, [department], ratings)).status_code == 303
    close_round(app, db, row)
    system = IndicatorSystem("维度测试", [
        Indicator(("服务基层",), 0.5, 10, f"survey:{row['id']}@服务基层"),
        Indicator(("工作作风",), 0.3, 10, f"survey:{row['id']}@工作作风:区市党政领导"),
        Indicator(("综合",), 0.2, 10, f"survey:{row['id']}")])
    system_id = store.evaluations.create_system(db, government["id"], system.name, system_to_dict(system), None, None)
    system_row = store.evaluations.get_system(db, system_id)
    outcome = evaluation_data.evaluate_government(db, government, system_row, secret=app.config["SECRET_KEY"])
    leaves = {tuple(leaf.path): leaf for leaf in outcome.of(department).indicators}
    assert leaves[("服务基层",)].score == 10.0 and "·服务基层" in leaves[("服务基层",)].evidence
    assert leaves[("工作作风",)].score == 7.0  # 70 of 100
    assert leaves[("综合",)].score == 8.5  # (100 + 70 + 85) / 3 = 85
    auth.login("evaluator")
    page = _text(client.get(f"/evaluations/systems/{system_id}/"))
    assert f'value="survey:{row["id"]}@办事效率"' in page and "评议：测试评议·办事效率（全部组别）" in page
    assert f'value="survey:{row["id"]}@办事效率:对口部门"' in page
    assert "评议：测试评议·服务基层（全部组别）" in page  # the leaf's present source, in words
    department_page = _text(client.get(f"/evaluations/systems/{system_id}/departments/"
                                       f"{outcome.departments[department]}"))
    assert "各维度：服务基层 <strong>100.0</strong>" in department_page
    bad = IndicatorSystem("维度测试", [Indicator(("廉洁",), 1, 10, f"survey:{row['id']}@廉洁自律")])
    with pytest.raises(Exception, match="评议维度“廉洁自律”不在评议轮次"):
        evaluation_data.check_system(db, government["id"], bad)


# --- older databases --------------------------------------------------------------------------

def test_rounds_of_a_database_before_dimensions_keep_working(tmp_path):
    path = tmp_path / "v15.db"
    db = store.connect(path)
    store.migrate(db, store.MIGRATIONS[:15])
    db.execute("INSERT INTO governments (id, name) VALUES (1, '示例市')")
    db.execute("""INSERT INTO rounds (id, government_id, kind, name, year, scale_json, groups_json,
        departments_json, token_salt, created_at, public_key) VALUES (1, 1, 'public', '旧轮次', 2024, ?,
        '{"企业": 1}', '["示例市甲局"]', 'salt', '2024-01-01', 'k')""", [json.dumps(PUBLIC.to_dict())])
    db.execute("""INSERT INTO responses (id, round_id, group_name, day, answers_json)
        VALUES (9, 1, '企业', '2024-01-02', '[{"department": "示例市甲局", "label": "满意"}]')""")
    db.conn.commit()
    db.close()
    db = store.open_db(path)
    row = store.rounds.get_round(db, 1)
    assert row["dimensions_json"] == "[]" and surveys.round_of(row).dimensions == []
    results = surveys.results(db, "secret", row)
    assert results.dimensions == {} and results.departments[0].groups[0].n == 1
    db.close()
