"""`sanding staffing-log`: import and export a government's 编制调整台账 (.xlsx), as its page does."""
from __future__ import annotations

from pathlib import Path

import click

from .common import db_option, fail, with_store


@click.group("staffing-log")
def staffing_log_group() -> None:
    """编制调整台账（核增、核减、调整、收回、上划、下沉）：从 .xlsx 批量导入、导出。

    示例：sanding staffing-log import 编制调整台账.xlsx --government 示例市
    """


def _government(db, name: str) -> dict:
    from .. import store
    found = store.documents.get_government_by_name(db, name)
    if found is None:
        fail(f"没有名为“{name}”的政府（须先导入它的三定规定）。")
    return found


@staffing_log_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--government", required=True, help="政府名称，如 示例市。")
@db_option
@with_store
def import_command(app, db, file, government) -> None:
    """把 .xlsx 或 .csv 编制调整台账导入一个政府（表头同导入模板；有任何一行出错时不导入）。

    部门按名称在该政府的部门中查找（全称或不带政府名的简称）；数量为本部门编制的增减，
    核增、核减、收回可不写正负号。

    示例：sanding staffing-log import 编制调整台账.xlsx --government 示例市
    """
    from survey.reform.adjustments import AdjustmentError

    from ..services import roll as service
    path = Path(file)
    if not path.is_file():
        fail(f"文件不存在：{file}")
    found = _government(db, government)
    try:
        count = service.import_adjustments(db, found, path.read_bytes(), path.name, None)
    except AdjustmentError as error:
        fail("编制调整台账有误，未导入任何记录：\n" + "\n".join(error.errors))
    click.echo(f"已导入 {count} 条编制调整记录。")


@staffing_log_group.command("export")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--xlsx", "xlsx_path", required=True, type=click.Path(dir_okay=False), help="写入的 .xlsx 文件。")
@click.option("--department", help="只导出这个部门（全称或不带政府名的简称）。")
@click.option("--year", type=click.IntRange(1900, 2200), help="只导出这一年度，如 2026。")
@db_option
@with_store
def export_command(app, db, government, xlsx_path, department, year) -> None:
    """把一个政府的编制调整台账写入 .xlsx（与页面导出相同，含各部门的年度和累计，可再导入）。

    示例：sanding staffing-log export --government 示例市 --xlsx 编制调整台账.xlsx
    """
    from survey.reform.problems import match_departments

    from .. import store
    from ..services import roll as service
    found = _government(db, government)
    department_id = None
    if department:
        ids = store.documents.department_ids(db, found["id"])
        matched, unknown = match_departments(department, list(ids), found["name"])
        if unknown or len(matched) != 1:
            fail(f"“{department}”不是{found['name']}的一个部门。")
        department_id = ids[matched[0]]
    entries = store.roll.list_adjustments(db, found["id"], department_id=department_id, year=year)
    data = service.export_adjustments(db, found, entries)
    try:
        Path(xlsx_path).write_bytes(data)
    except OSError as error:
        fail(f"无法写入 {xlsx_path}：{error.strerror or error}")
    click.echo(f"已导出 {len(entries)} 条记录到 {xlsx_path}。")
