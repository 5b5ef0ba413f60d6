"""Issue #20 item 7: every register of the demo city is filled, and what it exports as .xlsx imports
into a fresh database (the sample city's 三定 only, nothing else) to the same entries.

The demo database is built once for the module by `sanding demo --no-serve`; each test copies the
fresh database and moves one register across with the commands an office would use (or the page's
download where there is no command). 只考一次 has its own round trip (tests/webapp/test_daily_record_web.py).
"""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from survey.reform import leader_posts
from survey.reform.roll import HEADER
from webapp import create_app, store
from webapp.cli import main

from conftest import config_for
from shared_paths import SAMPLE_CITY_PREVIOUS, SAMPLE_CITY_SOURCE

CITY = "示例市"
LIST_KINDS = ("职责边界", "审批监管", "属地管理")


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    """(the demo database, a fresh database with the same 三定 and nothing else), built once."""
    folder = tmp_path_factory.mktemp("registers")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SANDING_SECRET_KEY", "round-trip-test")
        demo, fresh = folder / "demo" / "demo.db", folder / "fresh" / "fresh.db"
        demo.parent.mkdir()
        fresh.parent.mkdir()
        _run("demo", "--db", str(demo), "--no-serve")
        _run("import", str(SAMPLE_CITY_SOURCE), str(SAMPLE_CITY_PREVIOUS), "--db", str(fresh))
        yield demo, fresh


@pytest.fixture
def moved(databases, tmp_path, monkeypatch):
    """(demo db path, a copy of the fresh db's path, open demo store, open fresh store)."""
    monkeypatch.setenv("SANDING_SECRET_KEY", "round-trip-test")
    demo, fresh = databases
    target = tmp_path / "target" / "sanding.db"
    target.parent.mkdir()
    for suffix in ("", "-wal"):
        if Path(f"{fresh}{suffix}").exists():
            shutil.copy2(f"{fresh}{suffix}", f"{target}{suffix}")
    source_db, target_db = store.connect(str(demo)), store.connect(str(target))
    try:
        yield str(demo), str(target), source_db, target_db
    finally:
        source_db.close()
        target_db.close()


@pytest.fixture
def clients(tmp_path):
    """A signed-in test client of the app on a database path, per call; the apps' job pools shut
    down afterwards."""
    apps = []

    def client_for(database: str, username: str, password: str):
        app = create_app({**config_for(tmp_path / f"app{len(apps)}"), "DATABASE": database})
        apps.append(app)
        client = app.test_client()
        assert client.post("/login", data={"username": username, "password": password}).status_code == 302
        return client
    yield client_for
    for app in apps:
        app.extensions["sanding_jobs"].shutdown()


def _government(db) -> dict:
    found = store.documents.get_government_by_name(db, CITY)
    assert found is not None
    return found


def test_the_demo_city_has_every_register_filled(moved):
    _demo, _target, db, _fresh = moved
    government_id = _government(db)["id"]
    from survey.lists.kinds import KINDS
    from webapp.services import lists as list_service
    from webapp.services import roll as roll_service
    from webapp.store import daily_record

    for kind in KINDS.values():
        assert list_service.draft_matters(db, list_service.list_id(db, government_id, kind)), kind.key
    assert len(store.problems.list_problems(db, government_id)) == 2
    current, checks = roll_service.current_checks(db, government_id)
    assert current is not None and any(check.flagged for check in checks.values())
    assert len(store.roll.list_adjustments(db, government_id)) == 4
    [snapshot] = store.reform.list_leader_snapshots(db, government_id)
    assert snapshot["holders"] > 20 and any(line["over"] for line in snapshot["summary"]["lines"])
    assert daily_record.list_items(db, government_id)
    rounds = [row for row in store.rounds.list_rounds(db) if row["closed_at"]]
    assert rounds and store.rounds.response_count(db, rounds[0]["id"]) >= 10


def _roll_units(db, government_id: int) -> list[tuple]:
    row = store.roll.current_roll_import(db, government_id)
    return [(unit["department_name"], unit["figures"], unit["note"]) for unit in store.roll.roll_units(db, row["id"])]


def test_the_roll_exports_and_imports_into_a_fresh_database(moved, tmp_path):
    demo, target, db, fresh = moved
    out = tmp_path / "实名制.xlsx"
    output = _run("roll", "export", "--government", CITY, "--xlsx", str(out), "--db", demo)
    current = store.roll.current_roll_import(db, _government(db)["id"])
    assert f"已导出 {current['unit_count']} 个单位" in output
    sheet = load_workbook(out).active
    assert [cell.value for cell in sheet[1]] == HEADER  # the import template's columns
    red = {row[0].value for row in sheet.iter_rows(min_row=2) if row[0].fill.fgColor.rgb.endswith("FDE2E2")}
    assert red == {"示例市水利局", "示例市农业农村局"}  # 超编, 超职数: marked on paper too
    output = _run("roll", "import", str(out), "--government", CITY, "--as-of", current["as_of"], "--db", target)
    assert f"已导入 {current['unit_count']} 个单位的实名制数据" in output
    assert _roll_units(fresh, _government(fresh)["id"]) == _roll_units(db, _government(db)["id"])
    assert store.roll.current_roll_import(fresh, _government(fresh)["id"])["as_of"] == current["as_of"]
    listed = _run("roll", "list", "--government", CITY, "--flagged", "--db", target)
    assert "示例市水利局【超编/超职数】" in listed and "超编或超职数单位 2 个" in listed


def test_the_roll_page_exports_what_the_command_exports(moved, clients, tmp_path):
    demo, _target, db, _fresh = moved
    client = clients(demo, "staff", "staff-demo")
    government_id = _government(db)["id"]
    current = store.roll.current_roll_import(db, government_id)
    page = client.get(f"/roll/{government_id}/").get_data(as_text=True)
    link = f"/roll/{government_id}/imports/{current['id']}/data.xlsx"
    assert link in page
    web = load_workbook(io.BytesIO(client.get(link).data)).active
    out = tmp_path / "cli.xlsx"
    _run("roll", "export", "--government", CITY, "--xlsx", str(out), "--db", demo)
    assert list(web.iter_rows(values_only=True)) == list(load_workbook(out).active.iter_rows(values_only=True))


def test_the_adjustment_log_moves_to_a_fresh_database(moved, tmp_path):
    demo, target, db, fresh = moved
    out = tmp_path / "编制调整台账.xlsx"
    assert "已导出 4 条记录" in _run("staffing-log", "export", "--government", CITY, "--xlsx", str(out), "--db", demo)
    assert "已导入 4 条编制调整记录" in _run("staffing-log", "import", str(out), "--government", CITY, "--db", target)

    def entries(database) -> list[tuple]:
        found = store.roll.list_adjustments(database, _government(database)["id"])
        return [(r["department_name"], r["on_date"], r["kind"], r["post_kind"], r["count"], r["counterpart"],
                 r["document_no"], r["note"]) for r in found]
    assert entries(fresh) == entries(db) and len(entries(db)) == 4


def test_the_problem_register_moves_to_a_fresh_database(moved, tmp_path):
    from webapp.services import problems as service

    demo, target, db, fresh = moved
    out = tmp_path / "问题台账.xlsx"
    _run("problems", "export", "--government", CITY, "--xlsx", str(out), "--db", demo)
    _run("problems", "import", str(out), "--government", CITY, "--db", target)

    def problems(database) -> list:
        found = [service.problem_of(row) for row in store.problems.list_problems(database, _government(database)["id"])]
        return sorted(found, key=lambda problem: problem.number or "")
    assert problems(fresh) == problems(db) and len(problems(db)) == 2
    assert [p.status for p in problems(fresh)].count("已销号") == 1  # its 销号说明 and date came along


@pytest.mark.parametrize("kind", LIST_KINDS)
def test_each_list_draft_moves_to_a_fresh_database(moved, tmp_path, kind):
    from survey.lists.kinds import kind_named
    from webapp.services import lists as service

    demo, target, db, fresh = moved
    out = tmp_path / f"{kind}.xlsx"
    _run("lists", "export", "--government", CITY, "--kind", kind, "--draft", "--xlsx", str(out), "--db", demo)
    _run("lists", "import", str(out), "--government", CITY, "--kind", kind, "--db", target)

    def matters(database) -> list[tuple]:
        register = service.list_id(database, _government(database)["id"], kind_named(kind))
        found = service.draft_matters(database, register)
        return sorted((matter.name, sorted(matter.values.items())) for matter in found)
    assert matters(db) and matters(fresh) == matters(db)


def test_the_leader_ledger_holders_move_to_a_fresh_database(moved, clients):
    demo, target, db, fresh = moved
    government_id = _government(db)["id"]
    [snapshot] = store.reform.list_leader_snapshots(db, government_id)
    source = clients(demo, "admin", "admin-demo")
    link = f"/reform/{government_id}/ledger/{snapshot['id']}/holders.xlsx"
    assert link in source.get(f"/reform/{government_id}/ledger/{snapshot['id']}").get_data(as_text=True)
    data = source.get(link).data
    assert [c.value for c in load_workbook(io.BytesIO(data)).active[1]] == leader_posts.HEADER
    staff = clients(demo, "staff", "staff-demo")
    assert staff.get(link).status_code == 403  # names: admins only
    assert link not in staff.get(f"/reform/{government_id}/ledger/{snapshot['id']}").get_data(as_text=True)

    _run("user", "add", "chief", "--role", "admin", "--password", "chief-pass-1", "--db", target)
    client = clients(target, "chief", "chief-pass-1")
    fresh_id = _government(fresh)["id"]
    boundary, body = encode_multipart(MultiDict([("quarter", snapshot["quarter"]),
                                                 ("file", FileStorage(io.BytesIO(data), "任职人员.xlsx"))]))
    response = client.post(f"/reform/{fresh_id}/ledger", data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 302, response.get_data(as_text=True)
    [copied] = store.reform.list_leader_snapshots(fresh, fresh_id)
    assert copied["summary"] == snapshot["summary"] and copied["quarter"] == snapshot["quarter"]

    def holders(database, snapshot_id: int) -> list:
        return sorted(leader_posts.holders_from_rows(store.reform.leader_holders(database, snapshot_id)),
                      key=lambda h: (h.department, h.title, h.name))
    assert holders(fresh, copied["id"]) == holders(db, snapshot["id"])


def test_raw_responses_export_but_never_import(moved, tmp_path):
    """原始答卷 leave the system unlinkable (survey/raw_responses.py): shuffled rows with no rater, so
    there is nothing to import them back as, by design; the demo's closed round exports them."""
    demo, _target, db, _fresh = moved
    closed = next(row for row in store.rounds.list_rounds(db) if row["closed_at"])
    out = tmp_path / "原始答卷.xlsx"
    output = _run("round", "responses", str(closed["id"]), "--xlsx", str(out), "--db", demo)
    assert "行原始答卷" in output
    rows = list(load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert len(rows) >= 10 and not any("评议人" in str(cell) for cell in load_workbook(out).active[1])
