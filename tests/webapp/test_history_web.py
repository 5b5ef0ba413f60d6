"""年度评估结果 on a real SQLite file: freezing a year (never changed afterwards, the database itself
refuses), corrections as new versions, a renamed department followed across years, the pages
(freeze on the ranking page, a frozen year, two years compared, the trend on the archive page),
the .xlsx export and `sanding history`."""
from __future__ import annotations

import io
import json
import random
import sqlite3
from datetime import date

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from survey.evaluation.indicators import TEMPLATES, system_to_dict
from webapp import store
from webapp.cli import main
from webapp.services import demo
from webapp.services import history as service
from webapp.store import history as history_store

THIS_YEAR = date.today().year


@pytest.fixture
def scored(app, db, sample_city) -> dict:
    """示例市 with the 七项指标 system scored for every department (as in the demo), so all are ranked."""
    system = TEMPLATES["seven"]()
    system_id = store.evaluations.create_system(db, sample_city["id"], system.name, system_to_dict(system), None,
                                                "seven")
    names = store.documents.government_department_names(db, sample_city["id"])
    demo._scores(db, app.config["SECRET_KEY"], sample_city, names, random.Random(1))
    return {"government": sample_city, "system": store.evaluations.get_system(db, system_id), "names": names,
            "secret": app.config["SECRET_KEY"]}


def _freeze(db, scored, year: int, **options) -> service.Frozen:
    return service.freeze(db, scored["government"], scored["system"], year, None, secret=scored["secret"], **options)


def _set_score(db, scored, department: str, value: float) -> None:
    """Change one manual leaf of a department (its total moves)."""
    ids = store.documents.department_ids(db, scored["government"]["id"])
    leaf = next(leaf for leaf in TEMPLATES["seven"]().leaves() if leaf.source == "manual")
    store.evaluations.set_score(db, scored["system"]["id"], ids[department], leaf.path, value, "测试", None)


# --- store -------------------------------------------------------------------------------------------

def test_freezing_keeps_every_department_with_scores_and_the_system(db, scored):
    frozen = _freeze(db, scored, THIS_YEAR - 1)
    assert (frozen.version, frozen.departments, frozen.ranked) == (1, len(scored["names"]), len(scored["names"]))
    snapshot = history_store.get_snapshot(db, frozen.snapshot_id)
    assert (snapshot["year"], snapshot["system_name"], snapshot["system_id"]) == (
        THIS_YEAR - 1, scored["system"]["name"], scored["system"]["id"])
    assert snapshot["system_version"] == scored["system"]["updated_at"]
    assert json.loads(snapshot["system_json"])["name"] == scored["system"]["name"]
    assert [level["name"] for level in snapshot["levels"]] == [i.name for i in TEMPLATES["seven"]().children(())]
    assert snapshot["grading"].startswith("按分数线：优秀 ≥ 90")
    rows = history_store.snapshot_rows(db, frozen.snapshot_id)
    assert [row["rank"] for row in rows] == sorted(row["rank"] for row in rows)
    assert {row["department"] for row in rows} == set(scored["names"])
    first = rows[0]
    assert first["total"] is not None and first["grade"] and set(first["levels"]) == {
        level["name"] for level in snapshot["levels"]}
    assert store.rows(db, "SELECT action, entity FROM audit WHERE action = 'history_freeze'") == [
        {"action": "history_freeze", "entity": f"government:{scored['government']['id']}:history:{THIS_YEAR - 1}"}]


def test_the_database_refuses_any_change_of_a_frozen_year(app, db, scored):
    frozen = _freeze(db, scored, THIS_YEAR)
    before = store.rows(db, "SELECT * FROM history_rows ORDER BY department_id")
    connection = sqlite3.connect(app.config["DATABASE"])
    try:
        for statement in ("UPDATE history_rows SET total = 100",
                          "UPDATE history_rows SET rank = 1 WHERE rank = 2",
                          "DELETE FROM history_rows",
                          "UPDATE history_snapshots SET year = 1999",
                          "DELETE FROM history_snapshots"):
            with pytest.raises(sqlite3.IntegrityError, match="已冻结的年度评估结果不能修改"):
                connection.execute(statement)
        # nor can a row be slipped into a frozen year afterwards
        department_id = store.documents.department_ids(db, scored["government"]["id"])[scored["names"][0]]
        with pytest.raises(sqlite3.IntegrityError, match="已冻结的年度评估结果不能修改"):
            connection.execute("""INSERT INTO history_rows (snapshot_id, department_id, department, total, levels_json)
                VALUES (?, ?, '冒充', 100, '{}')""", [frozen.snapshot_id, department_id + 1000])
        connection.commit()
    finally:
        connection.close()
    assert store.rows(db, "SELECT * FROM history_rows ORDER BY department_id") == before


def test_a_second_freeze_of_a_year_is_refused_and_a_correction_is_a_new_version(db, scored):
    first = _freeze(db, scored, THIS_YEAR - 1)
    old_rows = history_store.snapshot_rows(db, first.snapshot_id)
    with pytest.raises(service.HistoryError, match=f"{THIS_YEAR - 1}年度的评估结果已经冻结（第 1 版），不能再次冻结"):
        _freeze(db, scored, THIS_YEAR - 1)
    with pytest.raises(service.HistoryError, match="还没有冻结的评估结果，无需更正"):
        _freeze(db, scored, THIS_YEAR - 2, correction="错了")
    _set_score(db, scored, scored["names"][0], 0)
    second = _freeze(db, scored, THIS_YEAR - 1, correction="复核发现评分录入错误")
    assert second.version == 2
    versions = history_store.list_snapshots(db, scored["government"]["id"])
    assert [(v["version"], v["current"], v["reason"]) for v in versions] == [
        (2, True, "复核发现评分录入错误"), (1, False, "")]
    assert history_store.current_snapshots(db, scored["government"]["id"])[THIS_YEAR - 1]["id"] == second.snapshot_id
    assert history_store.snapshot_rows(db, first.snapshot_id) == old_rows  # the first version stays as it was
    assert store.count(db, "history_snapshots") == 2


def test_bad_years_and_nothing_ranked_are_refused_and_store_nothing(db, scored, sample_city):
    with pytest.raises(service.HistoryError, match="晚于今年"):
        _freeze(db, scored, THIS_YEAR + 1)
    with pytest.raises(service.HistoryError, match="四位数的年份"):
        _freeze(db, scored, 85)
    empty = TEMPLATES["city"]()
    system_id = store.evaluations.create_system(db, sample_city["id"], "未评分体系", system_to_dict(empty), None,
                                                "city")
    with pytest.raises(service.HistoryError, match="没有一个部门有总分"):
        service.freeze(db, sample_city, store.evaluations.get_system(db, system_id), THIS_YEAR, None,
                       secret=scored["secret"])
    assert store.count(db, "history_snapshots") == 0 and store.count(db, "history_rows") == 0


def test_a_department_renamed_by_gui_ru_is_followed_across_years(db, scored):
    """The 2024 row was frozen under 交通局; its 三定 is then filed (归入) under 交通运输局, a new
    department: the old year's row follows it (matched by department, named as it was then)."""
    government_id = scored["government"]["id"]
    name = scored["names"][0]
    old_id = store.documents.department_ids(db, government_id)[name]
    frozen = _freeze(db, scored, THIS_YEAR - 2)
    version_id = store.documents.current_version_id(db, old_id)
    new_id = db.execute("INSERT INTO departments (government_id, name) VALUES (?, ?)",
                        [government_id, "示例市改名后的局"]).lastrowid
    db.conn.commit()
    store.documents.move_version(db, version_id, new_id, None)
    # the old department keeps its frozen row (its id is what the row was frozen under)
    assert store.documents.get_department(db, old_id) is not None
    [row] = [row for row in history_store.snapshot_rows(db, frozen.snapshot_id) if row["department"] == name]
    assert (row["department_id"], row["key"]) == (old_id, new_id)
    found = service.department_history(db, {"id": new_id, "government_id": government_id, "name": "示例市改名后的局"})
    assert [(p.year, p.result.department) for p in found.points] == [(THIS_YEAR - 2, name)]


def test_a_department_with_frozen_results_keeps_its_last_version(app, db, scored):
    _freeze(db, scored, THIS_YEAR)
    department_id = store.documents.department_ids(db, scored["government"]["id"])[scored["names"][0]]
    version_id = store.documents.current_version_id(db, department_id)
    with pytest.raises(store.StoreError, match="年度评估结果"):
        store.documents.delete_version(db, version_id, None)
    assert store.documents.current_version_id(db, department_id) == version_id


def test_department_trend_and_comparison_across_frozen_years(db, scored):
    first, second = scored["names"][0], scored["names"][1]
    _set_score(db, scored, first, 0)
    _freeze(db, scored, THIS_YEAR - 2)
    _set_score(db, scored, first, 20)
    _freeze(db, scored, THIS_YEAR - 1)
    department = store.documents.get_department(db, store.documents.department_ids(
        db, scored["government"]["id"])[first])
    found = service.department_history(db, department)
    assert [p.year for p in found.points] == [THIS_YEAR - 2, THIS_YEAR - 1]
    earlier, later = (p.result for p in found.points)
    assert found.points[1].total_change == round(later.total - earlier.total, 2) and later.total > earlier.total
    compared = service.comparison(db, scored["government"]["id"], THIS_YEAR - 1, THIS_YEAR - 2)  # either order
    assert (compared.old_year, compared.new_year) == (THIS_YEAR - 2, THIS_YEAR - 1)
    row = next(row for row in compared.rows if row.name == first)
    assert row.total_change == found.points[1].total_change and row.status == ""
    assert next(row for row in compared.rows if row.name == second).total_change == 0
    with pytest.raises(service.HistoryError, match=f"{THIS_YEAR - 5}年度没有冻结的评估结果"):
        service.comparison(db, scored["government"]["id"], THIS_YEAR - 5, THIS_YEAR - 1)


# --- pages ---------------------------------------------------------------------------------------------

def _text(response) -> str:
    return response.get_data(as_text=True)


def _post_freeze(client, scored, year, **extra):
    return client.post(f"/history/systems/{scored['system']['id']}/freeze",
                       data={"year": str(year), "confirm": "yes", **extra})


def test_an_evaluator_freezes_from_the_ranking_page_and_staff_cannot(client, auth, db, scored):
    auth.login("staff")
    page = _text(client.get(f"/evaluations/systems/{scored['system']['id']}/ranking"))
    assert "历年对比" in page and 'id="freeze-form"' not in page
    assert _post_freeze(client, scored, THIS_YEAR).status_code == 403
    auth.logout()
    auth.login("evaluator")
    page = _text(client.get(f"/evaluations/systems/{scored['system']['id']}/ranking"))
    assert 'id="freeze-form"' in page and f'value="{THIS_YEAR}"' in page
    unconfirmed = client.post(f"/history/systems/{scored['system']['id']}/freeze", data={"year": str(THIS_YEAR)})
    assert unconfirmed.status_code == 400 and "确认冻结" in _text(unconfirmed)
    for bad, message in (("二〇二六", "四位数的年度"), (str(THIS_YEAR + 1), "晚于今年")):
        response = _post_freeze(client, scored, bad)
        assert response.status_code == 400 and message in _text(response)
    assert store.count(db, "history_snapshots") == 0
    response = _post_freeze(client, scored, THIS_YEAR)
    assert response.status_code == 302 and "/history/snapshots/" in response.headers["Location"]
    page = _text(client.get(response.headers["Location"]))
    assert f"{THIS_YEAR}年度评估结果" in page and "已冻结 · 第 1 版" in page and scored["names"][0] in page
    assert page.count('class="frozen-row"') == len(scored["names"])
    again = _post_freeze(client, scored, THIS_YEAR)
    assert again.status_code == 409 and "已经冻结" in _text(again)
    no_reason = _post_freeze(client, scored, THIS_YEAR, correct="1", correction=" ")
    assert no_reason.status_code == 400 and "更正原因" in _text(no_reason)
    corrected = _post_freeze(client, scored, THIS_YEAR, correct="1", correction="补录评分后更正")
    assert corrected.status_code == 302
    page = _text(client.get(corrected.headers["Location"]))
    assert "第 2 版" in page and "补录评分后更正" in page
    assert store.count(db, "history_snapshots") == 2


def test_the_government_page_compares_two_years_and_exports_them(client, auth, db, scored):
    first = scored["names"][0]
    _set_score(db, scored, first, 0)
    _freeze(db, scored, THIS_YEAR - 2)
    _set_score(db, scored, first, 20)
    _freeze(db, scored, THIS_YEAR - 1)
    auth.login("staff")
    government_id = scored["government"]["id"]
    page = _text(client.get(f"/history/governments/{government_id}"))
    assert f"{THIS_YEAR - 1}年与{THIS_YEAR - 2}年相比" in page and "部门编号对应" in page
    assert page.count('class="compare-row') == len(scored["names"])
    assert "上升" in page and f'aria-label="{THIS_YEAR - 2}年至{THIS_YEAR - 1}年总分变化"' in page
    chosen = client.get(f"/history/governments/{government_id}?from={THIS_YEAR - 1}&to={THIS_YEAR - 2}")
    assert chosen.status_code == 200
    missing = client.get(f"/history/governments/{government_id}?from=1999&to={THIS_YEAR - 1}")
    assert missing.status_code == 404 and "1999年度没有冻结的评估结果" in _text(missing)
    assert client.get(f"/history/governments/{government_id}?from=abc&to=2024").status_code == 400
    exported = client.get(f"/history/governments/{government_id}/compare.xlsx")
    assert exported.status_code == 200
    book = load_workbook(io.BytesIO(exported.data))
    rows = [[cell.value for cell in row] for row in book["历年对比"].iter_rows()]
    assert rows[0][2:4] == [f"{THIS_YEAR - 2}年名次", f"{THIS_YEAR - 1}年名次"]
    assert len(rows) == len(scored["names"]) + 1
    assert {row[0] for row in rows[1:]} == set(scored["names"])
    index = _text(client.get("/history/"))
    assert f"{THIS_YEAR - 2}年" in index and f"{THIS_YEAR - 1}年" in index


def test_the_archive_page_shows_the_trend_with_year_on_year_change(client, auth, db, scored):
    first = scored["names"][0]
    department_id = store.documents.department_ids(db, scored["government"]["id"])[first]
    auth.login("staff")
    page = _text(client.get(f"/archive/departments/{department_id}"))
    assert 'id="history"' in page and "尚无冻结的年度评估结果" in page
    _set_score(db, scored, first, 0)
    _freeze(db, scored, THIS_YEAR - 2)
    _set_score(db, scored, first, 20)
    _freeze(db, scored, THIS_YEAR - 1)
    page = _text(client.get(f"/archive/departments/{department_id}"))
    assert "<svg" in page and 'class="chart trend-chart"' in page and "style=" not in page.split('id="history"')[1]
    assert f"{THIS_YEAR - 2}年" in page and f"{THIS_YEAR - 1}年" in page
    assert page.count('class="trend-row"') == 2
    change = service.department_history(db, store.documents.get_department(db, department_id)).points[1].total_change
    assert f'<td class="yoy">{change:+.2f}</td>' in page


# --- command line ------------------------------------------------------------------------------------

def test_cli_freeze_list_compare(app, db, scored, tmp_path):
    runner, database = CliRunner(), ["--db", app.config["DATABASE"]]
    system = scored["system"]["name"]
    result = runner.invoke(main, ["history", "freeze", "--government", "示例市", "--system", system,
                                  "--year", str(THIS_YEAR - 1), *database])
    assert result.exit_code == 0, result.output
    assert f"已冻结示例市{THIS_YEAR - 1}年度评估结果（第 1 版" in result.output
    again = runner.invoke(main, ["history", "freeze", "--government", "示例市", "--system", system,
                                 "--year", str(THIS_YEAR - 1), *database])
    assert again.exit_code == 2 and "已经冻结" in again.output and "Traceback" not in again.output
    for arguments, message in ((["--government", "无此市", "--system", system, "--year", "2024"],
                                "没有名为“无此市”的政府"),
                               (["--government", "示例市", "--system", "无此体系", "--year", "2024"], "没有名称或编号"),
                               (["--government", "示例市", "--system", system, "--year", str(THIS_YEAR + 1)],
                                "晚于今年")):
        bad = runner.invoke(main, ["history", "freeze", *arguments, *database])
        assert bad.exit_code == 2 and message in bad.output, bad.output
    _set_score(db, scored, scored["names"][0], 0)
    result = runner.invoke(main, ["history", "freeze", "--government", "示例市", "--system", system,
                                  "--year", str(THIS_YEAR), "--shares", "0.2,0.4,0.3", *database])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(main, ["history", "list", "--json", *database])
    assert listed.exit_code == 0
    found = json.loads(listed.output)
    assert [(row["year"], row["version"], row["current"]) for row in found] == [
        (THIS_YEAR, 1, True), (THIS_YEAR - 1, 1, True)]
    assert found[0]["grading"].startswith("按名次比例")
    text = runner.invoke(main, ["history", "list", "--government", "示例市", *database]).output
    assert f"示例市\t{THIS_YEAR}年\t第 1 版" in text
    out = tmp_path / "对比.xlsx"
    compared = runner.invoke(main, ["history", "compare", "--government", "示例市", "--from", str(THIS_YEAR - 1),
                                    "--to", str(THIS_YEAR), "--xlsx", str(out), "--json", *database])
    assert compared.exit_code == 0, compared.output
    data = json.loads(compared.output)
    assert data["summary"].startswith(f"{THIS_YEAR}年与{THIS_YEAR - 1}年相比") and len(data["departments"]) == len(
        scored["names"])
    assert load_workbook(out)["历年对比"].max_row == len(scored["names"]) + 1
    missing = runner.invoke(main, ["history", "compare", "--government", "示例市", "--from", "2001", "--to",
                                   str(THIS_YEAR), *database])
    assert missing.exit_code == 2 and "2001年度没有冻结的评估结果" in missing.output


def test_the_demo_freezes_the_two_years_before_this_one(app, db, sample_city):
    system = TEMPLATES["seven"]()
    store.evaluations.create_system(db, sample_city["id"], system.name, system_to_dict(system), None, "seven")
    lines = demo.populate(db, app.config["SECRET_KEY"])
    assert any(line.startswith("年度评估结果") for line in lines)
    years = service.by_year(db, sample_city["id"])
    assert sorted(years) == [THIS_YEAR - 2, THIS_YEAR - 1]
    older, newer = (results for _snapshot, results in years.values())
    assert len(newer) == len(older) + 1  # the last department is 新增 in the later year
    department = store.documents.get_department(db, newer[0].key)
    points = service.department_history(db, department).points
    assert len(points) in (1, 2) and all(p.result.total is not None for p in points)
