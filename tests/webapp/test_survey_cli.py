"""`sanding round`: create, tokens, close, results --json (the JSON contract)."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from webapp import create_app, store
from webapp.cli import main

from conftest import rating_form

DEPARTMENTS = ["示例市甲局", "示例市乙局"]


@pytest.fixture
def cli(monkeypatch, tmp_path):
    monkeypatch.setenv("SANDING_SECRET_KEY", "cli-survey-test")
    monkeypatch.setenv("SANDING_DB", str(tmp_path / "cli.db"))
    monkeypatch.delenv("SANDING_BASE_URL", raising=False)
    return CliRunner()


@pytest.fixture
def files(tmp_path):
    departments = tmp_path / "departments.txt"
    departments.write_text("\n".join(DEPARTMENTS) + "\n", encoding="utf-8")
    raters = tmp_path / "raters.csv"
    rows = ["姓名,单位,组别,评议部门"] + [f"领导{i},县{i},区市党政领导," for i in range(6)] + \
        ["对口甲,县A,对口部门,示例市甲局", "对口乙,县B,对口部门,示例市甲局"]
    raters.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return {"departments": str(departments), "raters": str(raters)}


def _create(cli, files) -> int:
    result = cli.invoke(main, ["round", "create", "--name", "2024评议", "--kind", "county",
                               "--government", "示例市", "--departments", files["departments"],
                               "--raters", files["raters"], "--opens", "2024-01-01T09:00"])
    assert result.exit_code == 0, result.output
    # the two counterpart raters rate one department: fewer than k share that, so they are named
    assert "对口甲" in result.stderr and "对口乙" in result.stderr and "领导0" not in result.stderr
    return json.loads(result.stdout)["round"]


def _submit(tmp_path, link: str, data: dict) -> int:
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "cli-survey-test",
                      "DATABASE": str(tmp_path / "cli.db")})
    try:
        return app.test_client().post(link.split("example.test", 1)[-1].replace(
            "http://127.0.0.1:5000", ""), data=data).status_code
    finally:
        app.extensions["sanding_jobs"].shutdown()


def test_create_tokens_results_close(cli, files, tmp_path):
    round_id = _create(cli, files)
    result = cli.invoke(main, ["round", "tokens", str(round_id), "--csv"])
    assert result.exit_code == 0, result.output
    lines = list(csv.reader(io.StringIO(result.output)))
    assert len(lines) == 8 and all(len(line) == 4 for line in lines)
    leader = ["区市党政领导", "县0", "领导0"]
    assert leader == lines[2][:3] or leader in [line[:3] for line in lines]
    assert all(line[3].startswith("http://127.0.0.1:5000/r/") for line in lines)
    again = cli.invoke(main, ["round", "tokens", str(round_id), "--csv", "--base-url", "https://example.test/"])
    assert [line[3].rsplit("/", 1)[1] for line in csv.reader(io.StringIO(again.output))] == \
        [line[3].rsplit("/", 1)[1] for line in lines]  # re-derived, the same every time
    assert all(line[3].startswith("https://example.test/r/") for line in csv.reader(io.StringIO(again.output)))
    db = store.connect(tmp_path / "cli.db")
    stored = {row["token_hash"] for row in store.rows(db, "SELECT token_hash FROM tokens")}
    assert not any(line[3].rsplit("/", 1)[1] in " ".join(stored) for line in lines)  # only hashes
    db.close()

    for line in lines:
        if line[0] == "区市党政领导":
            data = rating_form(["示例市甲局", "示例市乙局"], {"示例市甲局": "好", "示例市乙局": "较好"})
        else:
            data = rating_form(["示例市甲局"], {"示例市甲局": "一般"})
        assert _submit(tmp_path, line[3], data) == 303
    sealed = cli.invoke(main, ["round", "results", str(round_id), "--json"])
    assert sealed.exit_code == 2 and "评议结束后才公布结果" in sealed.output and "{" not in sealed.stdout
    result = cli.invoke(main, ["round", "close", str(round_id)])
    assert result.exit_code == 0 and "已结束" in result.output
    result = cli.invoke(main, ["round", "results", str(round_id), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data == {"round": round_id, "responses": 8, "departments": [
        {"department": "示例市甲局", "score": 100.0, "left_out": ["对口部门"], "groups": [
            {"group": "区市党政领导", "n": 6, "mean": 100.0, "trimmed_mean": 100.0},
            {"group": "对口部门", "n": 2, "mean": None, "trimmed_mean": None}]},
        {"department": "示例市乙局", "score": 85.0, "left_out": ["对口部门"], "groups": [
            {"group": "区市党政领导", "n": 6, "mean": 85.0, "trimmed_mean": 85.0},
            {"group": "对口部门", "n": 0, "mean": None, "trimmed_mean": None}]}]}
    text = cli.invoke(main, ["round", "results", str(round_id)])
    assert "样本不足" in text.output

    result = cli.invoke(main, ["round", "close", str(round_id)])
    assert result.exit_code == 0 and "此前已经结束" in result.output
    assert _submit(tmp_path, lines[0][3], {"action": "submit"}) == 410


@pytest.mark.parametrize(("arguments", "message"), [
    (["--kind", "county", "--government", "无此市"], "还没有已导入的三定规定"),
    (["--kind", "county", "--government", "示例市", "--opens", "明天"], "ISO 时间"),
    (["--kind", "public", "--government", "示例市", "--departments", "nowhere.txt"], "文件不存在"),
    (["--kind", "public", "--government", "示例市", "--raters", "RATERS"], "只有 county"),
])
def test_bad_create_arguments_end_with_a_chinese_message(cli, files, arguments, message):
    arguments = [files["raters"] if a == "RATERS" else a for a in arguments]
    if "--departments" not in arguments and "无此市" not in arguments and "public" not in arguments \
            or "--raters" in arguments:
        arguments += ["--departments", files["departments"]]
    result = cli.invoke(main, ["round", "create", "--name", "x", *arguments])
    assert result.exit_code == 2 and message in result.output, result.output


def test_bad_rater_file_creates_nothing(cli, files, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,单位,组别,评议部门\n张三,,区市党政领导,\n", encoding="utf-8")
    result = cli.invoke(main, ["round", "create", "--name", "x", "--kind", "county", "--government",
                               "示例市", "--departments", files["departments"], "--raters", str(bad)])
    assert result.exit_code == 2 and "第2行“单位”列为空" in result.output
    db = store.open_db(tmp_path / "cli.db")
    assert store.rounds.list_rounds(db) == []
    db.close()
    assert cli.invoke(main, ["round", "close", "99"]).exit_code == 2


def test_a_round_with_dimensions_from_the_command_line_and_its_raw_responses(cli, files, tmp_path):
    from survey.scales import COUNTY
    from webapp.services import surveys

    from conftest import dimension_form

    result = cli.invoke(main, ["round", "create", "--name", "分维度评议", "--kind", "county", "--government", "示例市",
                               "--departments", files["departments"], "--raters", files["raters"],
                               "--dimension", "服务基层", "--dimension", "办事效率：快=100、较快=85、一般=70、慢=50*"])
    assert result.exit_code == 0, result.output
    round_id = json.loads(result.stdout)["round"]
    db = store.connect(tmp_path / "cli.db")
    row = store.rounds.get_round(db, round_id)
    db.close()
    survey_round = surveys.round_of(row)
    assert [(d.name, d.scale == COUNTY) for d in survey_round.dimensions] == [("服务基层", True), ("办事效率", False)]
    links = list(csv.reader(io.StringIO(cli.invoke(main, ["round", "tokens", str(round_id), "--csv"]).output)))
    for group, _unit, _name, link in links:
        departments = DEPARTMENTS if group == "区市党政领导" else ["示例市甲局"]
        ratings = {d: {"服务基层": "好", "办事效率": "较快"} for d in departments}
        assert _submit(tmp_path, link, dimension_form(survey_round, departments, ratings)) == 303
    xlsx, table = tmp_path / "原始答卷.xlsx", tmp_path / "原始答卷.csv"
    refused = cli.invoke(main, ["round", "responses", str(round_id), "--xlsx", str(xlsx)])
    assert refused.exit_code == 2 and "评议尚未结束" in refused.output and not xlsx.exists()
    assert cli.invoke(main, ["round", "close", str(round_id)]).exit_code == 0
    refused = cli.invoke(main, ["round", "responses", str(round_id), "--csv", str(table)])
    assert refused.exit_code == 2 and "示例市甲局·对口部门（服务基层，2 个）" in refused.output and not table.exists()
    data = json.loads(cli.invoke(main, ["round", "results", str(round_id), "--json"]).output)
    assert [d["dimension"] for d in data["dimensions"]] == ["服务基层", "办事效率"]
    assert data["dimensions"][1]["departments"][0]["score"] == 85.0
    assert data["departments"][0]["score"] == 92.5  # (100 + 85) / 2, counterparts under k left out
    assert "评议维度“办事效率”" in cli.invoke(main, ["round", "results", str(round_id)]).output
    assert cli.invoke(main, ["round", "responses", str(round_id)]).exit_code == 2  # no output file named


def test_raw_responses_command_writes_xlsx_and_csv_once_k_holds(cli, files, tmp_path):
    result = cli.invoke(main, ["round", "create", "--name", "满意度", "--kind", "public", "--government", "示例市",
                               "--departments", files["departments"], "--dimension", "服务态度",
                               "--dimension", "办事效率"])
    round_id = json.loads(result.stdout)["round"]
    db = store.connect(tmp_path / "cli.db")
    for number in range(5):
        store.rounds.submit_public(db, round_id, "企业", [{"department": "示例市甲局", "ratings": {
            "服务态度": "满意", "办事效率": "非常满意"}, "comment": f"=HYPERLINK(\"x\")第{number}条"}],
            "2024-12-0" + str(1 + number), f"guard{number}")
    db.close()
    assert cli.invoke(main, ["round", "close", str(round_id)]).exit_code == 0
    xlsx, table = tmp_path / "原始答卷.xlsx", tmp_path / "原始答卷.csv"
    result = cli.invoke(main, ["round", "responses", str(round_id), "--xlsx", str(xlsx), "--csv", str(table)])
    assert result.exit_code == 0, result.output
    assert "已导出 5 行原始答卷（日期精确到月）" in result.output  # five days of one answer each: by month
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["部门", "组别", "服务态度", "办事效率", "意见建议", "日期"]
    assert {tuple(r[:4]) for r in rows[1:]} == {("示例市甲局", "企业", "满意", "非常满意")}
    assert all(r[4].startswith("'=HYPERLINK") and r[5] == "2024-12" for r in rows[1:])  # formulas made inert
    from openpyxl import load_workbook
    sheet = load_workbook(xlsx)["原始答卷"]
    assert sheet.max_row == 6 and all(cell.data_type != "f" for r in sheet.iter_rows() for cell in r)


def test_a_bad_dimension_on_the_command_line_creates_nothing(cli, files, tmp_path):
    result = cli.invoke(main, ["round", "create", "--name", "x", "--kind", "county", "--government", "示例市",
                               "--departments", files["departments"], "--dimension", "办事效率：快"])
    assert result.exit_code == 2 and "评议维度“办事效率”" in result.output
    result = cli.invoke(main, ["round", "create", "--name", "x", "--kind", "county", "--government", "示例市",
                               "--departments", files["departments"], "--dimension", "作风", "--dimension", "作风"])
    assert result.exit_code == 2 and "评议维度“作风”重复" in result.output
    db = store.open_db(tmp_path / "cli.db")
    assert store.rounds.list_rounds(db) == []
    db.close()
