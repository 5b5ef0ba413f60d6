"""`sanding roll`: a government's 实名制 data — import (.xlsx/.csv) as its page does, list an import's
units with their 超编/超职数 checks, and export an import's data so that it imports back."""
from __future__ import annotations

import json
from pathlib import Path

import click

from .common import db_option, fail, with_store


@click.group("roll")
def roll_group() -> None:
    """实名制数据（各单位编制和领导职数的核定数、实有数）：导入、列出超编超职数核对、导出。

    示例：sanding roll import 实名制.xlsx --government 示例市 --as-of 2026-03-31
    """


def _government(db, name: str) -> dict:
    from .. import store
    found = store.documents.get_government_by_name(db, name)
    if found is None:
        fail(f"没有名为“{name}”的政府（须先导入它的三定规定）。")
    return found


def _date(text: str | None):
    """The --as-of date (2026-03-31, 2026/3/31 or 2026年3月31日), else today."""
    import re
    from datetime import date

    from survey.sheets import cell_date
    if text is None:
        return date.today()
    whole_day = re.fullmatch(r"\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*", text)
    found = cell_date(text) if whole_day else None
    if found is None:
        fail(f"数据日期“{text}”格式不对，应如 2026-03-31。")
    return found


def _import_row(db, government: dict, as_of: str | None) -> dict | None:
    """The current import, or the one of the date --as-of names (of two that day, the later);
    exit 2 naming the dates kept when there is none of that date."""
    from .. import store
    if as_of is None:
        return store.roll.current_roll_import(db, government["id"])
    day = _date(as_of).isoformat()
    imports = store.roll.list_roll_imports(db, government["id"])
    found = next((row for row in imports if row["as_of"] == day), None)
    if found is None:
        kept = "、".join(dict.fromkeys(row["as_of"] for row in imports)) or "无"
        fail(f"{government['name']}没有数据日期为 {day} 的实名制数据（已有：{kept}）。")
    return found


@roll_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--as-of", "as_of", help="数据日期，如 2026-03-31（默认今天；不能晚于今天）。")
@db_option
@with_store
def import_command(app, db, file, government, as_of) -> None:
    """把 .xlsx 或 .csv 实名制数据导入一个政府，作为该数据日期的数据（表头同导入模板；有任何一行出错时不导入）。

    每个部门一行，部门写全称或不带政府名的简称；核定数留空时按该部门现行三定规定核对。
    历次导入按数据日期保存，不覆盖，数据日期最新的为现行数据。

    示例：sanding roll import 实名制.xlsx --government 示例市 --as-of 2026-03-31
    """
    from survey.reform.roll import RollError

    from ..services import roll as service
    path = Path(file)
    if not path.is_file():
        fail(f"文件不存在：{file}")
    day = _date(as_of)
    found = _government(db, government)
    try:
        _import_id, count = service.import_roll(db, found, path.read_bytes(), path.name, day, None)
    except RollError as error:
        fail("实名制数据有误，未导入任何单位：\n" + "\n".join(error.errors))
    click.echo(f"已导入 {count} 个单位的实名制数据（{found['name']}，数据日期 {day.isoformat()}）。")


def _line_texts(lines, over: str, vacant: str) -> str:
    return "；".join(f"{line.name}{line.text()}".replace("，超 ", f"，{over} ").replace("，空 ", f"，{vacant} ")
                    for line in lines) or "—"


@roll_group.command("list")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--as-of", "as_of", help="列出这个数据日期的导入（默认现行数据）。")
@click.option("--flagged", is_flag=True, help="只列超编或超职数的单位。")
@click.option("--json", "as_json", is_flag=True,
              help='每行输出一个 JSON 对象：{"as_of", "department", "flagged", "posts", "leaders", '
                   '"over_posts", "over_leaders", "vacant_posts", "note"}。')
@db_option
@with_store
def list_command(app, db, government, as_of, flagged, as_json) -> None:
    """列出一个政府的实名制数据及核对结果：每个单位各类编制、各层级领导职数的核定与实有，
    超编、超职数和空编（核定数未填的按现行三定规定，标“三定”）。

    示例：sanding roll list --government 示例市 --flagged
    """
    from survey.reform.roll import totals

    from .. import store
    from ..services import roll as service
    found = _government(db, government)
    row = _import_row(db, found, as_of)
    if row is None:
        if not as_json:
            click.echo(f"{found['name']}还没有导入实名制数据。")
        return
    checks = [check for _id, check in service.import_checks(db, found["id"], row["id"])]
    shown = [check for check in checks if check.flagged or not flagged]
    if as_json:
        for check in shown:
            click.echo(json.dumps({"as_of": row["as_of"], "flagged": check.flagged, **check.to_dict()},
                                  ensure_ascii=False))
        return
    imports = store.roll.list_roll_imports(db, found["id"])
    current = "现行" if imports and imports[0]["id"] == row["id"] else "历史"
    click.echo(f"{found['name']}实名制数据：数据日期 {row['as_of']}（{current}，{row['file_name']}，"
               f"{row['unit_count']} 个单位）")
    for check in shown:
        mark = "【超编/超职数】" if check.flagged else ""
        note = f"\t备注：{check.note}" if check.note else ""
        click.echo(f"{check.department}{mark}\t编制：{_line_texts(check.posts, '超编', '空编')}\t"
                   f"领导职数：{_line_texts(check.leaders, '超职数', '空缺')}{note}")
    found_totals = totals(checks)
    click.echo(f"超编或超职数单位 {len(found_totals.flagged)} 个；超编合计 {found_totals.over_posts} 名，"
               f"超职数合计 {found_totals.over_leaders} 名，空编合计 {found_totals.vacant_posts} 名。")
    if len(imports) > 1:
        click.echo("历次导入：" + "、".join(f"{i['as_of']}（{i['unit_count']} 个单位）" for i in imports))


@roll_group.command("export")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--xlsx", "xlsx_path", required=True, type=click.Path(dir_okay=False), help="写入的 .xlsx 文件。")
@click.option("--as-of", "as_of", help="导出这个数据日期的导入（默认现行数据）。")
@db_option
@with_store
def export_command(app, db, government, xlsx_path, as_of) -> None:
    """把一次实名制导入的数据按导入模板的各列写入 .xlsx（与页面“导出原始数据”相同，可再导入；
    超编或超职数的单位标红）。

    示例：sanding roll export --government 示例市 --xlsx 实名制.xlsx
    """
    from ..services import roll as service
    found = _government(db, government)
    row = _import_row(db, found, as_of)
    if row is None:
        fail(f"{found['name']}还没有导入实名制数据。")
    data = service.export_roll(db, found["id"], row)
    try:
        Path(xlsx_path).write_bytes(data)
    except OSError as error:
        fail(f"无法写入 {xlsx_path}：{error.strerror or error}")
    click.echo(f"已导出 {row['unit_count']} 个单位的实名制数据（数据日期 {row['as_of']}）到 {xlsx_path}。")
