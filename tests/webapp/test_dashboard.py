"""The 工作台: each role sees what needs doing, with a link to the page where it is done."""
from __future__ import annotations

from datetime import date, timedelta

from webapp import store

from conftest import make_department
from shared_paths import SAMPLE_CITY_PREVIOUS, SAMPLE_CITY_SOURCE

NAMELESS = "主要职责：\n（一）负责应急管理工作。\n（二）负责安全生产综合监督管理工作。\n".encode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_staff_see_unnamed_files_undated_versions_and_pending_findings(auth, uploads, client, db):
    auth.login("staff")
    assert "暂无待办事项" in client.get("/").get_data(as_text=True)
    uploads.run([(NAMELESS, "决算说明.txt"),
                 ((SAMPLE_CITY_SOURCE / "04_shuili.txt").read_bytes(), "04_shuili.txt"),
                 ((SAMPLE_CITY_SOURCE / "08_yingji_guanli.txt").read_bytes(), "08_yingji_guanli.txt")])
    uploads.run([((SAMPLE_CITY_PREVIOUS / "04_shuili.txt").read_bytes(), "水利局2010.txt")])
    page = client.get("/").get_data(as_text=True)
    assert "决算说明.txt：未能识别部门名称，请填写" in page
    assert "示例市水利局：2 个版本中有的没有施行日期，请核实现行版本" in page
    government = store.documents.get_government_by_name(db, "示例市")
    if store.findings.finding_facets(db, government["id"])["by_status"].get("open"):
        assert "疑似职责交叉待审核" in page and f"/overlaps/{government['id']}/?status=open" in page


def test_overdue_rectification_is_on_the_evaluators_list(auth, client, db, sample_city):
    government_id = sample_city["id"]
    department_id = store.documents.department_ids(db, government_id)["示例市水利局"]
    auth.login("evaluator")
    late = (date.today() - timedelta(days=3)).isoformat()
    client.post(f"/rectification/{government_id}/new", data={
        "department": str(department_id), "problem": "科室职责不清", "measure": "修订职责", "owner": "李四",
        "origin": "评估意见", "source_ref": "", "deadline": late})
    page = client.get("/").get_data(as_text=True)
    assert "示例市：1 项整改已逾期（未销号 1 项）" in page and f"/rectification/{government_id}/" in page


def test_overdue_problems_are_on_every_roles_list(auth, client, db):
    from webapp.services import problems as service

    department_id = make_department(db, "示例市水利局")
    government_id = store.documents.get_government_by_name(db, "示例市")["id"]
    late = (date.today() - timedelta(days=3)).isoformat()
    for due in (late, "2099-01-01"):
        store.problems.add_problem(db, government_id, {
            "category": "超编进人", "description": "超编", "measure": "", "found_on": "2020-01-01", "source": "督查",
            "due_on": due, "department_ids": [department_id], "year": 2020}, None)
    assert len(service.overdue(store.problems.list_problems(db, government_id), date.today())) == 1
    for role in ("staff", "evaluator"):
        auth.login(role)
        page = client.get("/").get_data(as_text=True)
        assert "示例市：1 项机构编制问题已逾期（未销号 2 项）" in page
        assert f"/problems/{government_id}/?overdue=1" in page
        auth.logout()
