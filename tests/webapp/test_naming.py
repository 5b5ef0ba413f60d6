"""A document whose department or government the parser did not find is given them by hand,
on the document page or with --department/--government, and keeps them when parsed again."""
from __future__ import annotations

import json

from click.testing import CliRunner

from webapp import store
from webapp.cli import main

NAMELESS = "主要职责：\n（一）负责应急管理工作。\n（二）负责安全生产综合监督管理工作。\n".encode()


def _placed(db) -> set[tuple[str, str]]:
    return {(version["government_name"], version["department_name"])
            for version in (store.documents.get_version(db, v["id"]) for v in store.documents.list_versions(db))}


def test_an_unrecognised_document_is_named_on_its_page_and_keeps_the_name(auth, uploads, client, db):
    auth.login("staff")
    status = uploads.run([(NAMELESS, "决算说明.txt")])
    url = status["jobs"][0]["url"]
    page = client.get(url).get_data(as_text=True)
    assert "未能识别部门名称" in page and 'name="department"' in page
    response = client.post(url + "/naming", data={"department": "岳麓区应急管理局", "government": ""})
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "岳麓区应急管理局" in page and "已将 决算说明.txt 归入 岳麓区 / 岳麓区应急管理局" in page
    names = _placed(db)
    assert names == {("岳麓区", "岳麓区应急管理局")}
    assert store.documents.get_government_by_name(db, store.documents.UNKNOWN_GOVERNMENT) is None
    # The same file uploaded again is parsed again: it stays where staff put it.
    again = uploads.run([(NAMELESS, "决算说明.txt")])
    assert again["jobs"][0]["url"] == url
    names = _placed(db)
    assert names == {("岳麓区", "岳麓区应急管理局")}
    assert "未能识别部门名称" not in client.get(url).get_data(as_text=True)


def test_naming_needs_a_department_and_an_editor(auth, uploads, client):
    auth.login("staff")
    url = uploads.run([(NAMELESS, "决算说明.txt")])["jobs"][0]["url"]
    response = client.post(url + "/naming", data={"department": "  ", "government": "岳麓区"})
    assert response.status_code == 400 and "请填写部门名称" in response.get_data(as_text=True)
    auth.logout()
    auth.login("evaluator")
    assert client.post(url + "/naming", data={"department": "岳麓区应急管理局"}).status_code == 403


def test_cli_naming_options(tmp_path, monkeypatch):
    monkeypatch.setenv("SANDING_SECRET_KEY", "cli-test")
    cli = CliRunner()
    source = tmp_path / "决算说明.txt"
    source.write_bytes(NAMELESS)
    result = cli.invoke(main, ["parse", str(source)])
    assert result.exit_code == 0 and "警告：决算说明.txt：未能识别部门名称" in result.output
    result = cli.invoke(main, ["parse", str(source), "--json", "--department", "岳麓区应急管理局"])
    parsed = json.loads(result.output.strip().splitlines()[-1])
    assert (parsed["department"], parsed["government"]) == ("岳麓区应急管理局", "岳麓区")
    assert "未能识别部门名称" not in parsed["warnings"]
    result = cli.invoke(main, ["parse", str(source), "--department", " "])
    assert result.exit_code != 0 and "部门名称不能为空" in result.output

    db_path = str(tmp_path / "db" / "sanding.db")
    result = cli.invoke(main, ["import", str(source), "--db", db_path])
    assert "警告：决算说明.txt：未能识别部门或所属政府" in result.output
    result = cli.invoke(main, ["import", str(source), "--db", db_path, "--department", "应急管理局",
                               "--government", "岳麓区"])
    assert "岳麓区 / 应急管理局" in result.output, result.output
    result = cli.invoke(main, ["import", str(source), "--db", db_path])
    assert "岳麓区 / 应急管理局" in result.output and "警告" not in result.output

    other = tmp_path / "other.txt"
    other.write_bytes(NAMELESS.replace("应急管理".encode(), "消防救援".encode()))
    result = cli.invoke(main, ["overlaps", str(source), str(other), "--json"])
    assert "警告：决算说明.txt：未识别出部门名称，未参与比对" in result.output
    assert "警告：other.txt：未识别出部门名称，未参与比对" in result.output
    result = cli.invoke(main, ["overlaps", str(source), "--json", "--government", "岳麓区",
                               "--department", "岳麓区应急管理局"])
    assert "未参与比对" not in result.output


def test_a_document_can_be_deleted_with_confirmation(auth, uploads, client, db, app):
    from pathlib import Path

    auth.login("staff")
    url = uploads.run([(NAMELESS, "扫错的文件.txt")])["jobs"][0]["url"]
    version_id = int(url.rstrip("/").rsplit("/", 1)[1])
    stored = store.documents.get_version(db, version_id)["stored_name"]
    assert (Path(app.config["UPLOAD_FOLDER"]) / stored).exists()
    assert client.post(url + "/delete").status_code == 400  # not confirmed
    response = client.post(url + "/delete", data={"confirm": "yes"})
    assert response.status_code == 302
    assert store.documents.get_version(db, version_id) is None
    assert store.documents.get_government_by_name(db, store.documents.UNKNOWN_GOVERNMENT) is None
    assert not (Path(app.config["UPLOAD_FOLDER"]) / stored).exists()
    assert "未识别" not in client.get("/documents/").get_data(as_text=True)
    assert client.get(url).status_code == 404
    assert "version_delete" in [row["action"] for row in store.audit.list_audit(db)]
