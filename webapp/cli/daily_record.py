"""`sanding daily-record`: a government's 只考一次 日常考核台账 — import and export (.xlsx) as its page
does, and list the items with the page's filters."""
from __future__ import annotations

import json
import re

import click

from .common import db_option, fail, with_store
from .registers import export_file, government_named, import_file

SOURCES = ("批办", "督查", "热线", "举报", "其他")  # survey.reform.daily_record.SOURCES, kept light here
STATES = ("待核实", "属实", "不属实")


@click.group("daily-record")
def daily_record_group() -> None:
    """只考一次日常考核台账（领导批办、督查交办、热线转办、推诿扯皮和干预编制举报）：导入、列出、导出。

    示例：sanding daily-record import 日常考核台账.xlsx --government 示例市
    """


@daily_record_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--government", required=True, help="政府名称，如 示例市。")
@db_option
@with_store
def import_command(app, db, file, government) -> None:
    """把 .xlsx 日常考核台账导入一个政府（表头同导入模板；有任何一行出错时不导入）。

    部门按名称在该政府的部门中查找（全称或不带政府名的简称），每行一个部门。编号留空时由系统编号。

    示例：sanding daily-record import 日常考核台账.xlsx --government 示例市
    """
    from ..services import daily_record as service
    import_file(db, government, file, service, "日常考核台账有误，未导入任何事项")


def _filtered(db, government: dict, department: str | None, source: str | None, month: str | None,
              status: str | None) -> list[dict]:
    from .. import store
    from ..store import daily_record as items_store
    department_id = None
    if department:
        ids = store.documents.department_ids(db, government["id"])
        department_id = ids.get(department) or ids.get(government["name"] + department)
        if department_id is None:
            fail(f"“{government['name']}”没有名为“{department}”的部门。")
    if month and not re.fullmatch(r"\d{4}-\d{2}", month):
        fail(f"月份“{month}”格式不对，应如 2026-03。")
    return items_store.list_items(db, government["id"], department_id=department_id, source=source, month=month,
                                  status=status)


@daily_record_group.command("list")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--department", help="只列一个部门（全称或不带政府名的简称）。")
@click.option("--source", type=click.Choice(SOURCES), help="只列一种来源。")
@click.option("--month", help="只列一个月，如 2026-03。")
@click.option("--status", type=click.Choice(STATES), help="只列一种核实结果。")
@click.option("--json", "as_json", is_flag=True, help="每行输出一个 JSON 对象。")
@db_option
@with_store
def list_command(app, db, government, department, source, month, status, as_json) -> None:
    """列出一个政府的日常考核事项（可按部门、来源、月份、核实结果筛选）。

    示例：sanding daily-record list --government 示例市 --status 待核实
    """
    found = government_named(db, government)
    rows = _filtered(db, found, department, source, month, status)
    for row in rows:
        if as_json:
            click.echo(json.dumps({key: row[key] for key in (
                "number", "department_name", "source", "on_date", "matter", "reference", "kind", "status",
                "verified_by_name", "verified_on", "verify_note")}, ensure_ascii=False))
        else:
            verified = f"{row['status']}（{row['verified_by_name']} {row['verified_on']}）" if row["verified_on"] \
                else row["status"]
            click.echo(f"{row['number']}\t{row['on_date']}\t{row['department_name']}\t{row['source']}\t"
                       f"{row['kind']}\t{verified}\t{row['matter']}")
    if not as_json:
        click.echo(f"共 {len(rows)} 项。")


@daily_record_group.command("export")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--xlsx", "xlsx_path", required=True, type=click.Path(dir_okay=False), help="写入的 .xlsx 文件。")
@db_option
@with_store
def export_command(app, db, government, xlsx_path) -> None:
    """把一个政府的日常考核台账写入 .xlsx（与页面导出相同，可再导入）。

    示例：sanding daily-record export --government 示例市 --xlsx 日常考核台账.xlsx
    """
    from ..services import daily_record as service
    export_file(db, government, xlsx_path, service)
