"""`sanding roll import/list/export`: the 实名制 from the command line, as its page does it — all rows
or none, bad rows named with exit 2, imports kept by 数据日期, the export importing back."""
from __future__ import annotations

import json
from datetime import date, timedelta

from click.testing import CliRunner
from openpyxl import load_workbook

from survey.reform.roll import HEADER
from webapp import store
from webapp.cli import main

from workbooks import xlsx_bytes

WATER, TRADE = "示例市水利局", "示例市商务局"


def _row(department: str, **cells) -> list:
    values = {column: None for column in HEADER}
    values.update({"部门": department, **cells})
    return [values[column] for column in HEADER]


# 水利局's 三定: 行政编制 28, 局长 1, 副局长 3 + 总工程师 1 (corpus/sample_city).
GOOD = [_row("水利局", 行政编制实有=30, 正职实有=1, 副职实有=4, 备注="含借调 1 名"),
        _row(TRADE, 事业编制核定=12, 事业编制实有=10)]


def _cli(app, *args: str):
    return CliRunner().invoke(main, [*args, "--db", app.config["DATABASE"]])


def _imports(db, government_id: int) -> list[dict]:
    return store.roll.list_roll_imports(db, government_id)


def test_import_then_list_with_the_checks(app, db, sample_city, tmp_path):
    gid = sample_city["id"]
    sheet = tmp_path / "实名制.xlsx"
    sheet.write_bytes(xlsx_bytes(GOOD, HEADER))
    result = _cli(app, "roll", "list", "--government", "示例市")
    assert result.exit_code == 0 and "示例市还没有导入实名制数据" in result.output
    result = _cli(app, "roll", "import", str(sheet), "--government", "示例市", "--as-of", "2026年3月31日")
    assert result.exit_code == 0, result.output
    assert "已导入 2 个单位的实名制数据（示例市，数据日期 2026-03-31）" in result.output
    [row] = _imports(db, gid)
    assert row["as_of"] == "2026-03-31" and row["imported_by"] is None and row["file_name"] == "实名制.xlsx"

    result = _cli(app, "roll", "list", "--government", "示例市")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("示例市实名制数据：数据日期 2026-03-31（现行")
    water = next(line for line in lines if line.startswith(WATER))
    assert "【超编/超职数】" in water and "行政编制核定 28 名（三定）、实有 30 名，超编 2 名" in water
    assert "备注：含借调 1 名" in water
    trade = next(line for line in lines if line.startswith(TRADE))
    assert "【" not in trade and "事业编制核定 12 名（实名制）、实有 10 名，空编 2 名" in trade
    assert "超编或超职数单位 1 个；超编合计 2 名" in result.output
    flagged = _cli(app, "roll", "list", "--government", "示例市", "--flagged", "--json")
    [unit] = [json.loads(line) for line in flagged.output.splitlines()]
    assert unit["department"] == WATER and unit["flagged"] and unit["over_posts"] == {"行政编制": 2}
    assert unit["as_of"] == "2026-03-31"


def test_imports_are_kept_by_date_and_listed_by_date(app, db, sample_city, tmp_path):
    gid = sample_city["id"]
    first, second = tmp_path / "一.xlsx", tmp_path / "二.csv"
    first.write_bytes(xlsx_bytes(GOOD, HEADER))
    second.write_text(",".join(HEADER) + "\n水利局,28,27" + "," * (len(HEADER) - 3) + "\n", encoding="utf-8")
    assert _cli(app, "roll", "import", str(first), "--government", "示例市", "--as-of", "2026-03-31").exit_code == 0
    assert _cli(app, "roll", "import", str(second), "--government", "示例市", "--as-of", "2025-12-31").exit_code == 0
    assert [row["as_of"] for row in _imports(db, gid)] == ["2026-03-31", "2025-12-31"]  # the newest is current
    current = _cli(app, "roll", "list", "--government", "示例市")
    assert "数据日期 2026-03-31（现行" in current.output
    assert "历次导入：2026-03-31（2 个单位）、2025-12-31（1 个单位）" in current.output
    older = _cli(app, "roll", "list", "--government", "示例市", "--as-of", "2025-12-31")
    assert "数据日期 2025-12-31（历史" in older.output and "空编 1 名" in older.output
    # no --as-of: today's date
    assert _cli(app, "roll", "import", str(second), "--government", "示例市").exit_code == 0
    assert _imports(db, gid)[0]["as_of"] == date.today().isoformat()


def test_the_export_imports_back_to_the_same_units(app, db, sample_city, tmp_path):
    gid = sample_city["id"]
    sheet, out = tmp_path / "实名制.xlsx", tmp_path / "导出.xlsx"
    sheet.write_bytes(xlsx_bytes(GOOD, HEADER))
    _cli(app, "roll", "import", str(sheet), "--government", "示例市", "--as-of", "2026-03-31")
    result = _cli(app, "roll", "export", "--government", "示例市", "--xlsx", str(out))
    assert result.exit_code == 0 and "已导出 2 个单位的实名制数据（数据日期 2026-03-31）" in result.output
    assert [c.value for c in load_workbook(out).active[1]] == HEADER
    result = _cli(app, "roll", "import", str(out), "--government", "示例市", "--as-of", "2026-04-30")
    assert result.exit_code == 0, result.output
    new, old = _imports(db, gid)

    def units(row):
        return [(u["department_name"], u["figures"], u["note"]) for u in store.roll.roll_units(db, row["id"])]
    assert units(new) == units(old) and units(old)[1][1]["posts"]["行政编制"] == {"approved": None, "actual": 30}


def test_bad_input_names_the_rows_exits_2_and_stores_nothing(app, db, sample_city, tmp_path):
    gid = sample_city["id"]
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(xlsx_bytes([GOOD[0], _row("气象局", 行政编制实有=3), _row(TRADE, 行政编制实有="三十"),
                                _row("水利局", 行政编制实有=1)], HEADER))
    good = tmp_path / "好.xlsx"
    good.write_bytes(xlsx_bytes(GOOD, HEADER))
    future = (date.today() + timedelta(days=1)).isoformat()
    cases = [
        ([str(bad), "--government", "示例市"], ["未导入任何单位", "第3行“部门”列的“气象局”不是本政府已有的部门",
                                               "第4行“行政编制实有”列的“三十”不是人数",
                                               "第5行：示例市水利局与第2行重复"]),
        ([str(good), "--government", "示例市", "--as-of", future], ["数据日期不能晚于今天"]),
        ([str(good), "--government", "示例市", "--as-of", "2026-02-30"], ["数据日期“2026-02-30”格式不对"]),
        ([str(good), "--government", "示例市", "--as-of", "2026年3月"], ["格式不对，应如 2026-03-31"]),
        ([str(tmp_path / "无.xlsx"), "--government", "示例市"], ["文件不存在"]),
        ([str(good), "--government", "无此市"], ["没有名为“无此市”的政府"]),
    ]
    for args, messages in cases:
        result = _cli(app, "roll", "import", *args)
        assert result.exit_code == 2, (args, result.output)
        assert all(message in result.output for message in messages), (args, result.output)
        assert "Traceback" not in result.output
    assert _imports(db, gid) == []
    result = _cli(app, "roll", "list", "--government", "示例市", "--as-of", "2020-01-01")
    assert result.exit_code == 2 and "没有数据日期为 2020-01-01 的实名制数据（已有：无）" in result.output
    result = _cli(app, "roll", "export", "--government", "示例市", "--xlsx", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2 and "示例市还没有导入实名制数据" in result.output
