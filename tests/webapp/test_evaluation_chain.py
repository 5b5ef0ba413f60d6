"""The whole chain on the sample city: import, detection, decisions, two rounds rated through the real
submit paths, manual scores through the evaluator page, a closed rectification entry, evaluation —
totals and ranks checked against numbers computed by hand here."""
from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from survey.evaluation.indicators import Indicator, IndicatorSystem, to_xlsx
from webapp import store
from webapp.cli import main

from conftest import close_round, make_round, rating_form, survey_raters

LABELS = ["好", "较好", "一般", "差"]
VALUES = {"好": 100, "较好": 85, "一般": 70, "差": 50}
# Departments whose 三定 states the number of divisions (and it matches the list): the only ones
# the staffing leaf can check without a leader-post ledger; all pass. The others have no staffing data.
STAFFED = {"示例市生态环境局", "示例市水利局", "示例市教育局", "示例市商务局", "示例市交通运输局"}
SYSTEM_NAME = "链条测试指标"


def custom_system(county_round: int) -> IndicatorSystem:
    system = IndicatorSystem(SYSTEM_NAME)
    system.indicators = [
        Indicator(("履职尽责",), 0.4, 10, "manual"),
        Indicator(("市县评作为",), 0.3, 10, f"survey:{county_round}"),
        Indicator(("职责交叉",), 0.2, 10, "overlaps", deduction=2, floor=0),
        Indicator(("人员编制",), 0.1, 10, "staffing"),
    ]
    return system


def label(rater: int, department: int) -> str:
    return LABELS[(rater + department) % 4]


@pytest.mark.slow
def test_whole_chain_on_the_sample_city(app, client, auth, db, sample_city):
    government_id = sample_city["id"]
    names = store.documents.government_department_names(db, government_id)
    assert len(names) == 16 and STAFFED <= set(names)
    ids = store.documents.department_ids(db, government_id)

    # --- confirm four findings between departments (distinct matters), the last without its 主办;
    # --- dismiss a fifth --------------------------------------------------------------------------
    across = store.findings.list_findings(db, government_id, scope="departments")
    chosen = across[:4]
    for number, finding in enumerate(chosen):
        store.findings.set_decision(db, government_id, finding["key"], {
            "status": "confirmed", "lead": finding["department_a"] if number < 3 else None,
            "assisting": [finding["department_b"]] if number < 3 else [], "matter": f"测试事项{number}"}, None)
    store.findings.set_decision(db, government_id, across[4]["key"], {"status": "dismissed", "reason": "对象不同"},
                                None)

    # --- a county round (5 leaders, 3 counterparts: under k) and a public round, real submit paths --
    raters = survey_raters(5) + survey_raters(3, group="对口部门")
    county = make_round(app, db, raters=raters, departments=names, name="2024年度市县评作为")
    for rater, token in enumerate(county["tokens"].values()):
        data = rating_form(names, {department: label(rater, number) for number, department in enumerate(names)})
        assert client.post(f"/r/{token}", data=data).status_code == 303
    close_round(app, db, county)  # back-to-back results exist once the round has ended
    public = make_round(app, db, kind="public", departments=names, name="2024年度服务对象满意度")
    for person in range(2):
        answer = app.test_client().post(f"/s/{public['public_key']}", data={
            "department": names[0], "group": "企业", "label": "满意"})
        assert answer.status_code == 200

    # --- the indicator system, imported as .xlsx through the evaluator page -----------------------
    auth.login("evaluator")
    response = client.post("/evaluations/new", data={
        "government": str(government_id), "template": "xlsx", "name": "",
        "file": (io.BytesIO(to_xlsx(custom_system(county["id"]))), "指标.xlsx")},
        content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    system_row = store.evaluations.find_system(db, government_id, SYSTEM_NAME)
    system_id = system_row["id"]

    # --- manual scores through the department page; the last department stays unscored -------------
    manual = {}
    for number, department in enumerate(names[:-1]):
        manual[department] = 5 + number % 5
        response = client.post(f"/evaluations/systems/{system_id}/departments/{ids[department]}/score",
                               data={"path": "履职尽责", "value": str(manual[department]),
                                     "evidence": f"查阅台账第{number}页"})
        assert response.status_code == 302
    # a change is recorded with old and new value
    first = names[0]
    client.post(f"/evaluations/systems/{system_id}/departments/{ids[first]}/score",
                data={"path": "履职尽责", "value": "9.5", "evidence": "复核后调整"})
    manual[first] = 9.5
    [change] = [c for c in store.evaluations.score_changes(db, system_id, ids[first]) if c["old"] is not None]
    assert (change["old"], change["new"], change["evidence"]) == (5, 9.5, "复核后调整")

    # --- matters in the 清单 with their 主办 are settled; one with an open 整改 entry (测试事项1) and one
    # --- without a 主办 (测试事项3) are not; a closed entry (已销号, 测试事项0) settles its matter too ---
    def rectify(finding: dict, number: int, measure: str) -> None:
        response = client.post(f"/rectification/{government_id}/new", data={
            "department": str(ids[finding["department_a"]]), "problem": f"职责交叉：测试事项{number}",
            "measure": measure, "owner": "张三", "deadline": (date.today() + timedelta(days=30)).isoformat(),
            "origin": "职责交叉", "source_ref": f"finding:{finding['key']}"})
        assert response.status_code == 302

    rectify(chosen[1], 1, "修订三定")
    closed = chosen[0]
    rectify(closed, 0, "明确分工")
    [entry] = [row for row in store.evaluations.list_rectifications(db, government_id) if row["measure"] == "明确分工"]
    response = client.post(f"/rectification/entries/{entry['id']}/status", data={
        "status": "已销号", "closed_on": date.today().isoformat(), "proof": "印发分工文件", "note": ""})
    assert store.evaluations.get_rectification(db, entry["id"])["status"] == "已销号"

    # --- expected results, by hand ------------------------------------------------------------------
    open_matters = {department: set() for department in names}
    for number, finding in ((1, chosen[1]), (3, chosen[3])):
        for department in (finding["department_a"], finding["department_b"]):
            open_matters[department].add(f"测试事项{number}")
    expected = {}
    for number, department in enumerate(names):
        survey = sum(VALUES[label(rater, number)] for rater in range(5)) / 5  # leaders only; 3 < k
        survey_leaf = round(10 * survey / 100, 2)
        overlaps_leaf = max(0, 10 - 2 * len(open_matters[department]))
        if department not in manual or department not in STAFFED:
            expected[department] = None
            continue
        expected[department] = round(100 * (0.4 * manual[department] / 10 + 0.3 * survey_leaf / 10
                                            + 0.2 * overlaps_leaf / 10 + 0.1 * 1.0), 2)
    totals = sorted((total for total in expected.values() if total is not None), reverse=True)
    ranks = {department: 1 + sum(other > total for other in totals)
             for department, total in expected.items() if total is not None}

    # --- sanding evaluate --json ---------------------------------------------------------------------
    cli = CliRunner()
    result = cli.invoke(main, ["evaluate", "--government", "示例市", "--system", SYSTEM_NAME,
                               "--rounds", f"{county['id']},{public['id']}", "--json",
                               "--db", app.config["DATABASE"]], env={"SANDING_SECRET_KEY": "test-secret"})
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    got = {row["department"]: row for row in data["departments"]}
    assert set(got) == set(names)
    for department in names:
        row = got[department]
        if expected[department] is None:
            assert row["total"] is None and row["rank"] is None, department
        else:
            assert abs(row["total"] - expected[department]) < 0.005, (department, row, expected[department])
            assert row["rank"] == ranks[department], department
        by_path = {tuple(i["path"]): i for i in row["indicators"]}
        assert set(by_path) == {("履职尽责",), ("市县评作为",), ("职责交叉",), ("人员编制",)}
        assert by_path[("职责交叉",)]["score"] == max(0, 10 - 2 * len(open_matters[department]))
        assert "测试事项0" not in by_path[("职责交叉",)]["evidence"]
        assert "测试事项2" not in by_path[("职责交叉",)]["evidence"]  # in the 清单 with its 主办
        assert by_path[("市县评作为",)]["source"] == f"survey:{county['id']}"
        assert "对口部门" in by_path[("市县评作为",)]["evidence"]  # left out, named
        if department not in manual:
            assert by_path[("履职尽责",)]["score"] is None  # missing, never zero
    assert got[first]["indicators"][0]["evidence"].endswith("复核后调整")
    assert [row["rank"] for row in data["departments"] if row["rank"]] == sorted(ranks.values())
    assert len(ranks) == len(STAFFED) and all(got[d]["grade"] for d in ranks)

    # --- the pages agree; k-anonymity on the department page -----------------------------------------
    page = client.get(f"/evaluations/systems/{system_id}/ranking").get_data(as_text=True)
    best = min(ranks, key=ranks.get)
    assert best in page and f"{expected[best]:.2f}" in page and "<svg" in page and "style=" not in page
    page = client.get(f"/evaluations/systems/{system_id}/departments/{ids[first]}").get_data(as_text=True)
    assert "样本不足" in page and "2024年度服务对象满意度" not in page  # the system does not use it
    department_page = client.get(f"/evaluations/systems/{system_id}/departments/{ids[names[0]]}")
    assert department_page.status_code == 200

    # --- exports -------------------------------------------------------------------------------------
    folder = app.config["DATABASE"] + "-docx"
    xlsx = app.config["DATABASE"] + "-ranking.xlsx"
    result = cli.invoke(main, ["evaluate", "--government", "示例市", "--system", str(system_id), "--xlsx", xlsx,
                               "--docx", folder, "--db", app.config["DATABASE"]],
                        env={"SANDING_SECRET_KEY": "test-secret"})
    assert result.exit_code == 0, result.output
    sheet = load_workbook(xlsx)["评估排名"]
    table = {row[1]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert table[best][0] == 1 and abs(table[best][2] - expected[best]) < 0.005
    from pathlib import Path
    reports = sorted(p.name for p in Path(folder).glob("*.docx"))
    assert len(reports) == 17 and "示例市评估结果通报.docx" in reports
    summary = Document(str(Path(folder) / "示例市评估结果通报.docx"))
    cells = [cell.text for table in summary.tables for row in table.rows for cell in row.cells]
    assert best in cells and f"{expected[best]:.2f}" in cells
    assert summary.inline_shapes  # the bar chart
