"""The store commands of `sanding`: init, user add, import, demo, help texts."""
from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from webapp import store
from webapp.cli import main


@pytest.fixture
def cli(monkeypatch):
    monkeypatch.setenv("SANDING_SECRET_KEY", "cli-test")  # keep the repository's instance folder clean
    return CliRunner()


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "cli" / "sanding.db")


def _walk(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _walk(command, prefix + (name,))


def test_every_command_has_chinese_help_with_an_example(cli):
    for path, command in _walk(main):
        result = cli.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "示例" in (command.help or ""), path


def test_init_creates_the_database(cli, db_path):
    result = cli.invoke(main, ["init", "--db", db_path])
    assert result.exit_code == 0, result.output
    assert "数据库已就绪" in result.output
    db = store.connect(db_path)
    assert store.schema_version(db) == store.SCHEMA_VERSION
    db.close()


def test_init_reads_sanding_db(cli, db_path):
    result = cli.invoke(main, ["init"], env={"SANDING_DB": db_path})
    assert result.exit_code == 0
    assert db_path in result.output


def test_init_refuses_a_newer_database(cli, db_path):
    cli.invoke(main, ["init", "--db", db_path])
    db = store.connect(db_path)
    db.execute("UPDATE schema_version SET version = 999")
    db.close()
    result = cli.invoke(main, ["init", "--db", db_path])
    assert result.exit_code == 2
    assert "高于本程序支持的版本" in result.output


def test_user_add_with_password_and_prompt(cli, db_path):
    result = cli.invoke(main, ["user", "add", "zhangsan", "--role", "staff",
                               "--password", "zhangsan-1", "--name", "张三", "--db", db_path])
    assert result.exit_code == 0, result.output
    assert "已创建用户 zhangsan（工作人员）" in result.output
    result = cli.invoke(main, ["user", "add", "lisi", "--role", "admin", "--db", db_path],
                        input="lisi-pass-1\nlisi-pass-1\n")
    assert result.exit_code == 0, result.output
    db = store.connect(db_path)
    assert store.users.get_user_by_name(db, "zhangsan")["display_name"] == "张三"
    assert store.users.get_user_by_name(db, "lisi")["role"] == "admin"
    db.close()


def test_user_add_errors(cli, db_path):
    cli.invoke(main, ["user", "add", "a1", "--role", "staff", "--password", "long-pass", "--db", db_path])
    result = cli.invoke(main, ["user", "add", "a1", "--role", "staff", "--password", "long-pass",
                               "--db", db_path])
    assert result.exit_code == 2 and "用户名已存在" in result.output
    result = cli.invoke(main, ["user", "add", "a2", "--role", "staff", "--password", "short",
                               "--db", db_path])
    assert result.exit_code == 2 and "密码至少 8 个字符" in result.output
    result = cli.invoke(main, ["user", "add", "a3", "--role", "boss", "--db", db_path])
    assert result.exit_code == 2


def test_import_files_and_folders(cli, db_path, tmp_path, sample_text):
    folder = tmp_path / "三定"
    (folder / "sub").mkdir(parents=True)
    (folder / "测试局.txt").write_text(sample_text, encoding="utf-8")
    (folder / "sub" / "检验局.txt").write_bytes(sample_text.replace("测试局", "检验局").encode("gb18030"))
    (folder / "answers.json").write_text("{}", encoding="utf-8")
    result = cli.invoke(main, ["import", str(folder), "--db", db_path])
    assert result.exit_code == 0, result.output
    assert "成功 2 个，失败 0 个" in result.output
    assert "示例市 / 示例市测试局" in result.output
    db = store.connect(db_path)
    assert store.count(db, "versions") == 2
    names = {v["file_name"] for v in store.documents.list_versions(db)}
    assert names == {"测试局.txt", "检验局.txt"}
    db.close()


def test_import_bad_files_exit_2_and_keep_going(cli, db_path, tmp_path, sample_text):
    good = tmp_path / "good.txt"
    good.write_text(sample_text, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    random_pdf = tmp_path / "random.pdf"
    random_pdf.write_bytes(bytes(range(256)) * 20)
    wrong = tmp_path / "notes.exe"
    wrong.write_bytes(b"MZ")
    result = cli.invoke(main, ["import", str(empty), str(random_pdf), str(good), str(wrong),
                               str(tmp_path / "missing.txt"), "--db", db_path])
    assert result.exit_code == 2
    assert "文件是空的" in result.output
    assert "random.pdf" in result.output and "不支持的文件类型" in result.output
    assert "不存在" in result.output
    assert "成功 1 个，失败 4 个" in result.output
    db = store.connect(db_path)
    assert store.count(db, "versions") == 1
    assert store.count(db, "departments") == 1
    db.close()
    uploads = tmp_path / "cli" / "uploads"
    assert len(list(uploads.iterdir())) == 1


def test_import_nothing_found(cli, db_path, tmp_path):
    (tmp_path / "empty-folder").mkdir()
    result = cli.invoke(main, ["import", str(tmp_path / "empty-folder"), "--db", db_path])
    assert result.exit_code == 2
    assert "没有找到可导入的文件" in result.output


def test_demo_prepares_database_and_accounts(cli, tmp_path, monkeypatch):
    db_path = str(tmp_path / "demo.db")
    result = cli.invoke(main, ["demo", "--db", db_path, "--no-serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    for username in ("admin", "evaluator", "staff", "unit"):
        assert f"用户名 {username}" in result.output
    db = store.connect(db_path)
    # the four above and a county's account (a campaign of the city evaluates its 旗市区), printed too
    assert store.count(db, "users") == 5 and "以账号 county（密码 county-demo）" in result.output
    # and the 被评估单位 with its submitted self-assessment:
    [own] = [row for row in store.units.account_units(db).values() if row["department_id"] is not None]
    [campaign] = [row for row in store.campaigns.list_campaigns(db) if row["target"] == "departments"]
    [counties] = [row for row in store.campaigns.list_campaigns(db) if row["target"] == "counties"]
    assert counties["unit_count"] == 3 and len(store.counties.list_filings(db, counties["id"])) == 1
    submitted = store.units.get_assessment(db, campaign["id"], own["department_id"])
    assert submitted["status"] == "submitted"
    assert f"被评估单位：用户名 unit　密码 unit-demo　（{own['name']}" in result.output
    assert len(store.units.list_files(db, campaign["id"], own["department_id"])) == 4  # three materials, one evidence
    # A lived-in city: every page has something real to show.
    rounds = store.rounds.list_rounds(db)
    county = next(r for r in rounds if r["kind"] == "county")
    public = next(r for r in rounds if r["kind"] == "public")
    assert county["closed_at"] and store.rounds.response_count(db, county["id"]) >= 10
    assert not public["closed_at"] and store.rounds.response_count(db, public["id"]) > 0
    assert [d["name"] for d in json.loads(public["dimensions_json"])] == ["服务态度", "办事效率", "廉洁自律"]
    assert store.count(db, "scores") > 100 and store.count(db, "rectifications") == 2
    government = store.documents.get_government_by_name(db, "示例市")
    assert len(store.findings.confirmed_overlaps(db, government["id"])) == 3
    problems = store.problems.list_problems(db, government["id"])
    assert sorted(len(p["departments"]) for p in problems) == [1, 2]
    assert [p["status"] for p in problems if p["status"] == "已销号"] == ["已销号"]
    from webapp.services import roll as roll_service
    current, checks = roll_service.current_checks(db, government["id"])
    assert current is not None and len(store.roll.list_roll_imports(db, government["id"])) == 2
    assert {c.department for c in checks.values() if c.over_posts} == {"示例市水利局"}
    assert {c.department for c in checks.values() if c.over_leaders} == {"示例市农业农村局"}
    assert len(store.roll.list_adjustments(db, government["id"])) == 4
    db.close()
    ranked = cli.invoke(main, ["evaluate", "--government", "示例市", "--system", "机构改革评估七项指标", "--json",
                               "--db", db_path])
    assert ranked.exit_code == 0, ranked.output
    data = json.loads(ranked.output.strip().splitlines()[-1])
    assert all(row["rank"] for row in data["departments"])  # nobody stuck unranked
    again = cli.invoke(main, ["demo", "--db", db_path, "--no-serve"])
    assert again.exit_code == 2 and "文件已存在" in again.output


def test_demo_uses_sanding_db_and_keeps_old_versions_as_history(cli, tmp_path, monkeypatch):
    db_path = str(tmp_path / "env-demo.db")
    monkeypatch.setenv("SANDING_DB", db_path)
    result = cli.invoke(main, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert f"数据库：{db_path}" in result.output and f"SANDING_DB={db_path}" in result.output
    listed = cli.invoke(main, ["versions", "--government", "示例市", "--json"])  # the same database
    assert listed.exit_code == 0, listed.output
    water = next(e for e in json.loads(listed.output.strip().splitlines()[-1]) if e["department"] == "示例市水利局")
    assert len(water["versions"]) == 2 and water["current"]["date"] == "2014"
