"""One current 三定 per department, everywhere: old versions uploaded after new ones stay history."""
from __future__ import annotations

import json

from click.testing import CliRunner

from docproc.dates import document_year
from webapp import store
from webapp.cli import main
from webapp.services import detection, evaluations

from shared_paths import SAMPLE_CITY_PREVIOUS, SAMPLE_CITY_SOURCE


def test_document_year_from_the_number_of_the_issuing_or_cited_document():
    assert document_year(["示例市水利局主要职责内设机构和人员编制规定",
                          "根据《…的通知》（示省办发〔2014〕8号），设立示例市水利局。"]) == 2014
    assert document_year(["XX县应急管理局职能配置、内设机构和人员编制规定", "第一条 根据有关规定。"]) is None


def _import(db_path, *paths):
    result = CliRunner().invoke(main, ["import", *map(str, paths), "--db", db_path])
    assert result.exit_code == 0, result.output
    return result.output


def test_old_versions_imported_last_stay_history(tmp_path, monkeypatch):
    monkeypatch.setenv("SANDING_SECRET_KEY", "versions-test")
    db_path = str(tmp_path / "v.db")
    _import(db_path, SAMPLE_CITY_SOURCE)
    output = _import(db_path, SAMPLE_CITY_PREVIOUS)
    assert ("04_shuili.txt → 已导入：示例市 / 示例市水利局（主要职责 15 项）；"
            "早于现行版本 04_shuili.txt（2014；本文件 2010）") in output
    # renamed since: the old name comes in as a department of its own, and the message says of which
    assert ("14_jiaotong_yunshu.txt → 已导入：示例市 / 示例市交通局（主要职责 12 项）；"
            "与已有的 示例市交通运输局 同类，可能是它改革前的名称") in output
    assert output.count("同类") == 1 and "同类" not in _import(db_path, SAMPLE_CITY_SOURCE)
    result = CliRunner().invoke(main, ["versions", "--government", "示例市", "--json", "--db", db_path])
    assert result.exit_code == 0, result.output
    listed = {entry["department"]: entry for entry in json.loads(result.output.strip().splitlines()[-1])}
    for name in ("示例市水利局", "示例市商务局"):
        current = listed[name]["current"]
        assert current["date"] == "2014" and current["date_source"] == "文号年份", current
        assert set(current) >= {"title", "date", "file"}
        assert [v["date"] for v in listed[name]["versions"]] == ["2010", "2014"]
    db = store.connect(db_path)
    try:
        government = store.documents.get_government_by_name(db, "示例市")
        water = next(d for d in store.documents.government_departments(db, government["id"])
                     if d["name"] == "示例市水利局")
        # Evaluation and detection read the same current version.
        assert len(evaluations.current_document(db, water["id"]).divisions) == 9
        documents = detection.government_documents(db, government["id"])
        assert [len(d.divisions) for d in documents if d.department == "示例市水利局"] == [9]
    finally:
        db.close()


def test_versions_of_an_unknown_government_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("SANDING_SECRET_KEY", "versions-test")
    result = CliRunner().invoke(main, ["versions", "--government", "无此市", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "没有找到政府“无此市”" in result.output


def test_a_version_filed_under_its_renamed_department_leaves_detection(reform_city, db, client, auth):
    government = store.documents.get_government_by_name(db, "示例市")
    departments = {d["name"]: d["id"] for d in store.documents.government_departments(db, government["id"])}
    old = store.documents.department_versions(db, departments["示例市交通局"])[0]
    assert "示例市交通局" in {d.department for d in detection.government_documents(db, government["id"])}
    auth.login("staff")
    client.post(f"/reform/versions/{old['id']}/move",
                data={"department_id": departments["示例市交通运输局"], "confirm": "yes"})
    documents = detection.government_documents(db, government["id"])
    assert "示例市交通局" not in {d.department for d in documents}
    assert [d.file for d in documents if d.department == "示例市交通运输局"] == ["14_jiaotong_yunshu.txt"]
    found = detection.detect(documents)["findings"]
    assert not [f for f in found if {f["a"]["department"], f["b"]["department"]} == {"示例市交通运输局"}
                and f["scope"] == "departments"]


def test_an_old_upload_says_it_is_history(auth, uploads, client, db):
    auth.login("staff")
    uploads.run([((SAMPLE_CITY_SOURCE / "04_shuili.txt").read_bytes(), "04_shuili.txt")])
    data = uploads.run([((SAMPLE_CITY_PREVIOUS / "04_shuili.txt").read_bytes(), "水利局2010.txt")])
    assert "早于现行版本 04_shuili.txt（2014；本文件 2010），作为历史版本保存" in data["jobs"][0]["message"]


def test_the_documents_list_tells_versions_apart(auth, uploads, client):
    auth.login("staff")
    uploads.run([((SAMPLE_CITY_SOURCE / "04_shuili.txt").read_bytes(), "04_shuili.txt")])
    uploads.run([((SAMPLE_CITY_PREVIOUS / "04_shuili.txt").read_bytes(), "04_shuili.txt")])
    page = client.get("/documents/").get_data(as_text=True)
    current, history = page.index("现行"), page.index("历史版本")
    assert current < history  # current first
    assert "2014 年（文号） · 主要职责 14 项 · 内设机构 9 个" in page and "内设机构 15 个" in page
    assert "2010 年（文号）" in page
