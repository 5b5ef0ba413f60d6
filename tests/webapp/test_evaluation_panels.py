"""Expert panels on the web (issue 19, item 3): experts score back-to-back, the office closes
leaves and resolves disagreements with a reason, rankings and exports use the combination, score
sheets are each expert's own, AHP judgements of several experts combine, old scores upgrade."""
from __future__ import annotations

import io
import json
import math
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from survey.evaluation.indicators import Indicator, IndicatorSystem, system_to_dict
from webapp import auth, store
from webapp.cli import main
from webapp.services import ingest

from conftest import PASSWORDS, SAMPLE_TEXT
from workbooks import xlsx_bytes

SECRET = "test-secret"
EXPERTS = {"expert-a": "甲专家", "expert-b": "乙专家", "expert-c": "丙专家"}
PASSWORD = "expert-pass-1"
FIRST, SECOND = "示例市测试局", "示例市质检局"
LEAF = "履职/职责落实"


def panel_system() -> IndicatorSystem:
    third = round(1 / 3, 6)
    return IndicatorSystem("专家组测试", [
        Indicator(("履职",), 0.6), Indicator(("编制",), 0.4, 10, "manual", description="核定编制使用情况"),
        Indicator(("履职", "职责落实"), third, 10, "manual", description="查阅台账"),
        Indicator(("履职", "协作配合"), third, 10, "manual"), Indicator(("履职", "服务质量"), third, 10, "manual")])


@pytest.fixture
def city(app, db, tmp_path):
    """示例市 with two parsed departments, the panel test system and three expert accounts."""
    uploads = Path(app.config["UPLOAD_FOLDER"])
    for name in (FIRST, SECOND):
        path = tmp_path / f"{name}.txt"
        path.write_text(SAMPLE_TEXT.replace(FIRST, name), encoding="utf-8")
        ingest.import_path(db, path, uploads, None, app.config["MAX_CONTENT_LENGTH"])
    government = store.documents.get_government_by_name(db, "示例市")
    system = panel_system()
    system_id = store.evaluations.create_system(db, government["id"], system.name, system_to_dict(system), None)
    with mock.patch.object(auth, "PASSWORD_METHOD", "pbkdf2:sha256:1000"):
        users = {name: auth.create_user(db, name, PASSWORD, "evaluator", display) for name, display in EXPERTS.items()}
    ids = store.documents.department_ids(db, government["id"])
    return {"government": government, "system_id": system_id, "ids": ids, "users": users,
            "system": f"/evaluations/systems/{system_id}"}


def signed_in(app, username: str):
    client = app.test_client()
    password = PASSWORDS.get(username, PASSWORD)
    response = client.post("/login", data={"username": username, "password": password})
    assert response.status_code in (302, 303), username
    return client


def text(response) -> str:
    return response.get_data(as_text=True)


def set_panel(app, city, *members: str, threshold: str = "20"):
    office = signed_in(app, "admin")
    response = office.post(city["system"] + "/panel", data={
        "member": [str(city["users"][name]) for name in members], "threshold": threshold})
    assert response.status_code == 302, text(response)
    return office


def score(client, city, department: str, path: str, value: str, evidence: str, **extra):
    url = f"{city['system']}/departments/{city['ids'][department]}/score"
    return client.post(url, data={"path": path, "value": value, "evidence": evidence, **extra})


def department_url(city, department: str = FIRST) -> str:
    return f"{city['system']}/departments/{city['ids'][department]}"


# --- back-to-back until the leaf is closed ----------------------------------------------------------

def test_an_expert_does_not_see_another_expert_score_before_the_leaf_is_closed(app, db, city):
    office = set_panel(app, city, "expert-a", "expert-b")
    a, b, staff = signed_in(app, "expert-a"), signed_in(app, "expert-b"), signed_in(app, "staff")
    assert score(a, city, FIRST, LEAF, "2.35", "甲专家核查台账记录").status_code == 302
    mine = text(a.get(department_url(city)))
    assert "我的评分：2.35（甲专家核查台账记录）" in mine

    pages = {"department": department_url(city), "sheet": department_url(city) + "/sheet",
             "progress": city["system"] + "/panel", "ranking": city["system"] + "/ranking"}
    for who, client in (("乙专家", b), ("工作人员", staff), ("管理员", office)):
        for name, url in pages.items():
            response = client.get(url)
            if who == "工作人员" and name == "sheet":
                assert response.status_code == 403
                continue
            page = text(response)
            assert response.status_code == 200, (who, name)
            assert "2.35" not in page and "甲专家核查台账记录" not in page, (who, name)
    page = text(b.get(department_url(city)))
    assert "专家组已评 1/2 人，未评：乙专家" in page and "评分中" in page and 'class="own-score"' not in page
    assert "评分修改记录" not in page  # A's change is not B's to read before closing
    for export in ("/scores.xlsx", "/scores-combined.xlsx"):
        book = load_workbook(io.BytesIO(b.get(city["system"] + export).data))
        values = [cell for row in book.active.iter_rows(values_only=True) for cell in row]
        assert 2.35 not in values and "甲专家核查台账记录" not in values, export
    # the department report and the summary carry no open score either
    assert "2.35" not in json.dumps(_evaluate_json(app), ensure_ascii=False)

    assert score(b, city, FIRST, LEAF, "4.5", "乙专家现场查看").status_code == 302
    assert "2.35" not in text(b.get(department_url(city)))  # B's own score does not open A's
    response = office.post(city["system"] + "/close", data={"path": LEAF})
    assert response.status_code == 302
    page = text(b.get(department_url(city)))
    assert "2.35" in page and "甲专家核查台账记录" in page and "乙专家现场查看" in page
    assert "平均 <strong>3.42</strong> 分" in page and "已于" in page  # (2.35 + 4.5) / 2 = 3.425
    assert "评分修改记录" in page
    # closed: the findings are final
    response = score(a, city, FIRST, LEAF, "5", "改分")
    assert response.status_code == 409 and "已关闭" in text(response)
    [row] = store.evaluations.list_scores(db, city["system_id"], city["ids"][FIRST], by=city["users"]["expert-a"])
    assert row["value"] == 2.35
    closure = store.evaluations.closed_leaves(db, city["system_id"])[tuple(LEAF.split("/"))]
    assert closure["by_name"] == "测试admin"
    assert any(entry["action"] == "leaf_close" for entry in store.audit.list_audit(db))


def _evaluate_json(app) -> dict:
    result = CliRunner().invoke(main, ["evaluate", "--government", "示例市", "--system", "专家组测试", "--json",
                                       "--db", app.config["DATABASE"]], env={"SANDING_SECRET_KEY": SECRET})
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_only_panel_members_score_and_the_office_sets_the_panel_with_checks(app, db, city):
    office = set_panel(app, city, "expert-a")
    outsider = signed_in(app, "evaluator")  # an evaluator not on the panel
    response = score(outsider, city, FIRST, LEAF, "4", "依据")
    assert response.status_code == 403 and "只有专家组成员可以评分" in text(response)
    response = score(office, city, FIRST, LEAF, "4", "依据")
    assert response.status_code == 403
    assert store.count(db, "scores") == 0
    sheet = text(outsider.get(department_url(city) + "/sheet"))
    assert "您不是专家组成员" in sheet and "保存全部得分" not in sheet
    before = store.evaluations.get_panel(db, city["system_id"])
    for data, message in (({"member": [str(city["users"]["expert-a"])], "threshold": "abc"}, "分歧阈值应为"),
                          ({"member": [str(city["users"]["expert-a"])], "threshold": "0"}, "分歧阈值应为"),
                          ({"member": [str(store.users.get_user_by_name(db, "admin")["id"])], "threshold": "20"},
                           "只能选择"),  # the office is not on a panel
                          ({"member": ["x"], "threshold": "20"}, "只能选择")):
        response = office.post(city["system"] + "/panel", data=data)
        assert response.status_code == 400 and message in text(response), data
    assert store.evaluations.get_panel(db, city["system_id"]) == before
    expert = signed_in(app, "expert-a")
    assert expert.post(city["system"] + "/panel", data={"threshold": "20"}).status_code == 403
    assert expert.post(city["system"] + "/close", data={"all": "y"}).status_code == 403
    assert office.post(city["system"] + "/close", data={}).status_code == 400
    page = text(office.get(city["system"] + "/"))
    assert "甲专家（expert-a）" in page and 'id="panel-members">甲专家<' in page
    assert [row["action"] for row in store.audit.list_audit(db)][0] == "panel_set"


# --- combination, disagreement and the office's resolution ------------------------------------------

def test_a_disagreement_is_resolved_by_the_office_with_a_reason_that_overrides(app, db, city):
    office = set_panel(app, city, "expert-a", "expert-b", "expert-c")
    experts = {name: signed_in(app, name) for name in EXPERTS}
    for name, value in zip(EXPERTS, ("2", "6", "7")):  # spread 5 > 20 % of 10
        assert score(experts[name], city, FIRST, LEAF, value, f"{EXPERTS[name]}依据").status_code == 302
    url = department_url(city)
    response = office.post(url + "/resolve", data={"path": LEAF, "value": "6", "reason": "复核"})
    assert response.status_code == 409 and "尚未关闭" in text(response)
    assert office.post(city["system"] + "/close", data={"path": LEAF}).status_code == 302
    page = text(office.get(url))
    assert "分歧较大" in page and "最高分与最低分相差 5 分，超过满分的 20%（2 分）" in page
    assert "平均 <strong>5</strong> 分" in page and "标准差 2.65" in page  # sample SD of 2, 6, 7
    progress = text(office.get(city["system"] + "/panel"))
    assert "1 个部门分歧较大" in progress

    for data, message in (({"path": LEAF, "value": "6", "reason": ""}, "请填写裁定理由"),
                          ({"path": LEAF, "value": "11", "reason": "复核"}, "最终得分应为 0 到 10 之间的数")):
        response = office.post(url + "/resolve", data=data)
        assert response.status_code == 400 and message in text(response)
    assert store.count(db, "score_resolutions") == 0
    forged = experts["expert-a"].post(url + "/resolve", data={"path": LEAF, "value": "6", "reason": "x"})
    assert forged.status_code == 403

    response = office.post(url + "/resolve", data={"path": LEAF, "value": "6.5",
                                                   "reason": "复核原始台账，采信现场核查"})
    assert response.status_code == 302
    leaf = _leaf(app, db, city, FIRST, ["履职", "职责落实"])
    assert leaf["score"] == 6.5 and "裁定为6.5 分，理由：复核原始台账，采信现场核查" in leaf["evidence"]
    [entry] = [row for row in store.audit.list_audit(db) if row["action"] == "score_resolve"]
    assert json.loads(entry["new"])["reason"] == "复核原始台账，采信现场核查"
    page = text(experts["expert-b"].get(url))
    assert "已裁定" in page and "理由：复核原始台账，采信现场核查" in page
    response = office.post(url + "/resolve", data={"path": LEAF, "clear": "y", "reason": "撤销，按专家组平均"})
    assert response.status_code == 302
    assert _leaf(app, db, city, FIRST, ["履职", "职责落实"])["score"] == 5
    assert [row["action"] for row in store.audit.list_audit(db)][0] == "score_unresolve"


def _leaf(app, db, city, department: str, path: list[str]) -> dict:
    from webapp.services import evaluations as evaluation_data
    row = store.evaluations.get_system(db, city["system_id"])
    outcome = evaluation_data.evaluate_government(db, city["government"], row, secret=SECRET)
    return next(leaf.to_dict() for leaf in outcome.of(department).indicators if leaf.path == path)


def test_rankings_reports_and_exports_use_the_combined_scores(app, db, city):
    office = set_panel(app, city, "expert-a", "expert-b")
    a, b = signed_in(app, "expert-a"), signed_in(app, "expert-b")
    leaves = ["编制", "履职/职责落实", "履职/协作配合", "履职/服务质量"]
    # 示例市测试局: 8 and 6 everywhere (mean 7); 示例市质检局: 9 and 3 (mean 6), though A gives it the best
    for department, (first, second) in ((FIRST, ("8", "6")), (SECOND, ("9", "3"))):
        for path in leaves:
            assert score(a, city, department, path, first, "甲依据").status_code == 302
            assert score(b, city, department, path, second, "乙依据").status_code == 302
    before = text(office.get(city["system"] + "/ranking"))
    assert "70.00" not in before and "60.00" not in before  # nothing counts before closing
    assert all(department["rank"] is None for department in _evaluate_json(app)["departments"])
    assert office.post(city["system"] + "/close", data={"all": "y"}).status_code == 302
    ranking = {d["department"]: d for d in _evaluate_json(app)["departments"]}
    assert (ranking[FIRST]["total"], ranking[FIRST]["rank"]) == (70, 1)
    assert (ranking[SECOND]["total"], ranking[SECOND]["rank"]) == (60, 2)
    page = text(office.get(city["system"] + "/ranking"))
    assert "70.00" in page and "60.00" in page and page.index(FIRST) < page.index(SECOND)
    book = load_workbook(io.BytesIO(office.get(city["system"] + "/ranking.xlsx").data))
    cells = [cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]
    assert 70 in cells and 60 in cells
    from docx import Document
    report = Document(io.BytesIO(office.get(department_url(city, SECOND) + "/report.docx").data))
    table_text = " ".join(cell.text for table in report.tables for row in table.rows for cell in row.cells)
    assert "2 人评分，平均 6 分" in table_text and "乙专家（3 分）：乙依据" in table_text
    combined = load_workbook(io.BytesIO(a.get(city["system"] + "/scores-combined.xlsx").data)).active
    rows = list(combined.iter_rows(values_only=True))
    assert list(rows[1][:6]) == ["部门", "指标", "满分", "综合得分", "计分方法", "评分人数"]
    line = next(row for row in rows if row[0] == SECOND and row[1] == "编制")
    assert (line[3], line[4], line[5], line[6], line[7], line[8]) == (6, "平均", 2, 3, 9, 4.24)
    assert "相差 6 分" in line[9] and line[12] == "已关闭"


# --- score sheets: one's own, and the combined one ---------------------------------------------------

def test_score_sheets_are_each_experts_own_and_import_as_theirs(app, db, city):
    office = set_panel(app, city, "expert-a", "expert-b")
    a, b = signed_in(app, "expert-a"), signed_in(app, "expert-b")
    sheet = load_workbook(io.BytesIO(a.get(city["system"] + "/scores.xlsx").data)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert all(row[4] is None for row in rows[1:])
    index = next(n for n, row in enumerate(rows) if row[0] == FIRST and row[1] == LEAF)
    rows[index][4], rows[index][5] = 7, "甲专家表格评分"
    response = a.post(city["system"] + "/scores", data={"file": (io.BytesIO(xlsx_bytes(rows)), "评分表.xlsx")},
                      content_type="multipart/form-data")
    assert response.status_code == 302
    rows[index][4], rows[index][5] = 3, "乙专家表格评分"
    response = b.post(city["system"] + "/scores", data={"file": (io.BytesIO(xlsx_bytes(rows)), "评分表.xlsx")},
                      content_type="multipart/form-data")
    assert response.status_code == 302
    found = {row["by"]: row["value"] for row in store.evaluations.list_scores(db, city["system_id"])}
    assert found == {city["users"]["expert-a"]: 7, city["users"]["expert-b"]: 3}  # two findings, none replaced
    own = load_workbook(io.BytesIO(a.get(city["system"] + "/scores.xlsx").data)).active
    filled = [row for row in own.iter_rows(min_row=2, values_only=True) if row[4] is not None]
    assert [(row[4], row[5]) for row in filled] == [(7, "甲专家表格评分")]
    # the combined sheet is never imported as anyone's scores
    combined = a.get(city["system"] + "/scores-combined.xlsx").data
    response = a.post(city["system"] + "/scores", data={"file": (io.BytesIO(combined), "综合.xlsx")},
                      content_type="multipart/form-data")
    assert response.status_code == 400 and "未导入任何一项" in text(response)
    outsider = signed_in(app, "evaluator")
    response = outsider.post(city["system"] + "/scores", data={"file": (io.BytesIO(xlsx_bytes(rows)), "x.xlsx")},
                             content_type="multipart/form-data")
    assert response.status_code == 403
    # a closed leaf: the same row again is fine, a changed one refuses the whole file
    assert office.post(city["system"] + "/close", data={"path": LEAF}).status_code == 302
    response = b.post(city["system"] + "/scores", data={"file": (io.BytesIO(xlsx_bytes(rows)), "评分表.xlsx")},
                      content_type="multipart/form-data")
    assert response.status_code == 302
    other = next(n for n, row in enumerate(rows) if row[0] == SECOND and row[1] == "编制")
    rows[other][4], rows[other][5] = 5, "新评分"
    rows[index][4] = 4
    response = b.post(city["system"] + "/scores", data={"file": (io.BytesIO(xlsx_bytes(rows)), "评分表.xlsx")},
                      content_type="multipart/form-data")
    assert response.status_code == 409 and "已关闭" in text(response) and f"{FIRST}的“{LEAF}”" in text(response)
    assert store.count(db, "scores") == 2  # nothing of that file stored
    combined = load_workbook(io.BytesIO(a.get(city["system"] + "/scores-combined.xlsx").data)).active
    line = next(row for row in combined.iter_rows(values_only=True) if row[0] == FIRST and row[1] == LEAF)
    assert (line[3], line[5]) == (5, 2)


def test_the_one_page_sheet_saves_only_ones_own_and_shows_closed_leaves_read_only(app, db, city):
    office = set_panel(app, city, "expert-a", "expert-b")
    a, b = signed_in(app, "expert-a"), signed_in(app, "expert-b")
    url = department_url(city) + "/sheet"
    page = text(a.get(url))
    assert "您本人" in page and 'name="value-0"' in page
    assert a.post(url, data={"value-1": "6", "evidence-1": "甲逐项"}).status_code == 302
    assert b.post(url, data={"value-1": "8", "evidence-1": "乙逐项"}).status_code == 302
    assert store.count(db, "scores") == 2
    assert 'value="8"' not in text(a.get(url))
    assert office.post(city["system"] + "/close", data={"path": LEAF}).status_code == 302
    page = text(a.get(url))
    assert "已关闭" in page and 'name="value-1"' not in page


# --- AHP judgements from several experts ------------------------------------------------------------

TEXTBOOK = {"a-0-1": "3", "a-0-2": "5", "a-1-2": "3"}
PERMUTED = {"a-0-1": "5", "a-0-2": "3", "a-1-2": "1/3"}
INCONSISTENT = {"a-0-1": "9", "a-0-2": "1/9", "a-1-2": "9"}


def test_experts_judge_apart_and_the_office_adopts_the_group_weights(app, db, city):
    office = set_panel(app, city, "expert-a", "expert-b", "expert-c")
    experts = {name: signed_in(app, name) for name in EXPERTS}
    url = city["system"] + "/ahp"
    before = store.evaluations.get_system(db, city["system_id"])["data"]
    for name, judgements in zip(EXPERTS, (TEXTBOOK, PERMUTED, INCONSISTENT)):
        response = experts[name].post(url, data={"parent": "履职", **judgements})
        assert response.status_code == 302, text(response)
    assert store.evaluations.get_system(db, city["system_id"])["data"] == before  # no weights changed yet
    response = experts["expert-a"].post(url, data={"parent": "履职", **TEXTBOOK, "a-0-1": "x"})
    assert response.status_code == 400 and "应为 1/9 到 9 之间的数" in text(response)
    assert office.post(url, data={"parent": "履职", **TEXTBOOK}).status_code == 403  # the office adopts, not judges
    page = text(experts["expert-b"].get(city["system"] + "/"))
    assert "0.033" in page and "丙专家" in page and "未通过（CR ≥ 0.1）" in page
    assert 'value="1/3"' in page  # B's own judgement fills B's form
    # all three: the group matrix (with the inconsistent expert) is what the page shows
    response = office.post(url + "/adopt", data={"parent": "履职", "drop_inconsistent": "y"})
    assert response.status_code == 302
    data = store.evaluations.get_system(db, city["system_id"])["data"]
    weights = [i["weight"] for i in data["indicators"] if i["path"][:1] == ["履职"] and len(i["path"]) == 2]
    total = math.sqrt(15) + 2
    assert weights == pytest.approx([math.sqrt(15) / total, 1 / total, 1 / total], abs=1e-5)
    [adopted] = [row for row in store.audit.list_audit(db) if row["action"] == "ahp_adopt"]
    assert sorted(json.loads(adopted["new"])["experts"]) == sorted(["甲专家", "乙专家"])
    assert data["matrices"][0]["matrix"][0][1] == pytest.approx(math.sqrt(15))
    assert experts["expert-a"].post(url + "/adopt", data={"parent": "履职"}).status_code == 403
    response = office.post(url + "/adopt", data={"parent": "编制"})
    assert response.status_code == 400


def test_without_a_panel_the_ahp_page_applies_weights_as_before(app, db, city):
    evaluator = signed_in(app, "evaluator")
    response = evaluator.post(city["system"] + "/ahp", data={"parent": "履职", **TEXTBOOK})
    assert response.status_code == 302 and store.count(db, "ahp_judgements") == 0
    data = store.evaluations.get_system(db, city["system_id"])["data"]
    weights = [i["weight"] for i in data["indicators"] if i["path"][:1] == ["履职"] and len(i["path"]) == 2]
    assert [round(w, 3) for w in weights] == [0.637, 0.258, 0.105]


# --- older databases ----------------------------------------------------------------------------

def test_single_scores_of_an_older_database_read_as_one_evaluators(tmp_path):
    from webapp.services import backup
    from webapp.store import schema

    before = store.MIGRATIONS.index(schema.V22_PANELS)
    path = tmp_path / "old.db"
    db = store.connect(path)
    store.migrate(db, store.MIGRATIONS[:before])
    db.execute("""INSERT INTO users (id, username, password_hash, role, display_name, created_at)
        VALUES (7, '老评估员', 'x', 'evaluator', '老评估员', '2025-01-01T00:00:00+00:00'),
               (8, '新专家', 'x', 'evaluator', '新专家', '2025-01-01T00:00:00+00:00')""")
    db.execute("INSERT INTO governments (id, name) VALUES (1, '示例市')")
    db.execute("INSERT INTO departments (id, government_id, name) VALUES (3, 1, '示例市测试局')")
    system = IndicatorSystem("旧体系", [Indicator(("履职",), 0.5, 10, "manual"),
                                      Indicator(("编制",), 0.5, 10, "manual")])
    db.execute("""INSERT INTO indicator_systems (id, government_id, name, data_json, created_at, updated_at)
        VALUES (5, 1, '旧体系', ?, '2025-01-01', '2025-01-01')""", [json.dumps(system_to_dict(system))])
    db.execute("""INSERT INTO scores (id, system_id, department_id, path_json, value, evidence, by, at, not_applicable)
        VALUES (11, 5, 3, '["履职"]', 8.5, '查阅台账', 7, '2025-06-01T09:00:00', 0),
               (12, 5, 3, '["编制"]', 0, '编制已划转', NULL, '2025-06-02T09:00:00', 1)""")
    db.conn.commit()
    db.close()

    upgraded = store.open_db(path)
    try:
        assert store.schema_version(upgraded) == store.SCHEMA_VERSION
        found = {row["id"]: row for row in store.evaluations.list_scores(upgraded, 5)}
        assert (found[11]["value"], found[11]["evidence"], found[11]["by_name"]) == (8.5, "查阅台账", "老评估员")
        assert found[12]["not_applicable"] == 1 and found[12]["by"] is None
        assert backup.schema_differences(backup.schema_of(upgraded.conn), backup.reference_schema(None)) == []
        assert upgraded.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        from survey.evaluation.inputs import manual_scores
        manual, pending = manual_scores(store.evaluations.list_scores(upgraded, 5))
        assert manual[("履职",)].said("评分") == "老评估员于2025-06-01评分：查阅台账" and pending == {}
        assert manual[("编制",)].not_applicable
        # the key is now one per evaluator: a second evaluator's finding sits beside the old one
        store.evaluations.set_score(upgraded, 5, 3, ("履职",), 6.5, "复核", 8, shared=False)
        assert len(store.evaluations.list_scores(upgraded, 5)) == 3
        manual, _ = manual_scores(store.evaluations.list_scores(upgraded, 5))
        assert manual[("履职",)].value == 7.5
    finally:
        upgraded.close()


def test_without_a_panel_a_leaf_keeps_one_score_and_a_dissolved_panels_findings_stay(app, db, city):
    a, b = signed_in(app, "expert-a"), signed_in(app, "expert-b")
    assert score(a, city, FIRST, LEAF, "4", "甲").status_code == 302
    assert score(b, city, FIRST, LEAF, "6", "乙改").status_code == 302  # the team's one score, as before panels
    [row] = store.evaluations.list_scores(db, city["system_id"])
    assert (row["value"], row["by"]) == (6, city["users"]["expert-b"])
    assert "由 4 分改为 6 分" in text(b.get(department_url(city)))
    office = set_panel(app, city, "expert-a", "expert-b")
    assert score(a, city, FIRST, LEAF, "2", "甲专家").status_code == 302  # now A's own beside B's
    assert len(store.evaluations.list_scores(db, city["system_id"])) == 2
    response = office.post(city["system"] + "/panel", data={"threshold": "20"})  # no members: dissolved
    assert response.status_code == 302 and "已取消评估专家组" in text(office.get(city["system"] + "/"))
    assert _leaf(app, db, city, FIRST, ["履职", "职责落实"])["score"] == 4  # both count, combined, at once
    assert score(signed_in(app, "evaluator"), city, FIRST, LEAF, "5", "复核").status_code == 302
    assert sorted(row["value"] for row in store.evaluations.list_scores(db, city["system_id"])) == [2, 5, 6]


def test_the_progress_page_lists_one_campaigns_units_and_closing_keeps_it(app, db, city):
    """`?campaign=` limits the progress page to a campaign's units (the campaign's board and unit pages
    link there); closing from it comes back to it; a campaign of another system or none is a 404."""
    office = set_panel(app, city, "expert-a", "expert-b")
    government_id = city["government"]["id"]
    campaign_id = store.campaigns.create_campaign(db, government_id, {
        "name": "2026年度评估", "year": 2026, "system_id": city["system_id"]}, None)
    store.campaigns.set_units(db, campaign_id, [city["ids"][SECOND]], [], None)
    progress = f"{city['system']}/panel"
    everyone, limited = text(office.get(progress)), text(office.get(f"{progress}?campaign={campaign_id}"))
    assert FIRST in everyone and SECOND in everyone
    assert FIRST not in limited and SECOND in limited
    assert f'只列出评估活动“<a href="/campaigns/{campaign_id}/">2026年度评估</a>”的评估单位（1 个）' in limited
    assert f'name="campaign" value="{campaign_id}"' in limited
    response = office.post(f"{city['system']}/close", data={"path": LEAF, "campaign": str(campaign_id)})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/panel?campaign={campaign_id}")
    board = text(office.get(f"/campaigns/{campaign_id}/"))
    assert f"/panel?campaign={campaign_id}" in board
    other = store.campaigns.create_campaign(db, government_id, {"name": "未选体系", "year": 2026}, None)
    for value in (str(other), "999", "abc", "9" * 30):
        assert office.get(f"{progress}?campaign={value}").status_code == 404, value
