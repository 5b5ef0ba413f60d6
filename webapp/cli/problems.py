"""`sanding problems`: import and export a government's 机构编制问题台账 (.xlsx), as its page does."""
from __future__ import annotations

from pathlib import Path

import click

from .common import db_option, fail, with_store


@click.group("problems")
def problems_group() -> None:
    """机构编制问题台账：从 .xlsx 批量导入、导出。

    示例：sanding problems import 问题台账.xlsx --government 示例市
    """


def _government(db, name: str) -> dict:
    from .. import store
    found = store.documents.get_government_by_name(db, name)
    if found is None:
        fail(f"没有名为“{name}”的政府（须先导入它的三定规定）。")
    return found


@problems_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--government", required=True, help="政府名称，如 示例市。")
@db_option
@with_store
def import_command(app, db, file, government) -> None:
    """把 .xlsx 问题台账导入一个政府的机构编制问题台账（表头同导入模板；有任何一行出错时不导入）。

    涉及部门按名称在该政府的部门中查找，多个部门用、或，分隔。编号留空时由系统编号。

    示例：sanding problems import 问题台账.xlsx --government 示例市
    """
    from survey.reform.problems import ProblemError

    from ..services import problems as service
    path = Path(file)
    if not path.is_file():
        fail(f"文件不存在：{file}")
    found = _government(db, government)
    try:
        numbers = service.import_register(db, found, path.read_bytes(), path.name, None)
    except ProblemError as error:
        fail("问题台账有误，未导入任何问题：\n" + "\n".join(error.errors))
    click.echo(f"已导入 {service.imported_text(numbers)}。")


@problems_group.command("export")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--xlsx", "xlsx_path", required=True, type=click.Path(dir_okay=False), help="写入的 .xlsx 文件。")
@db_option
@with_store
def export_command(app, db, government, xlsx_path) -> None:
    """把一个政府的机构编制问题台账写入 .xlsx（与页面导出相同，可再导入）。

    示例：sanding problems export --government 示例市 --xlsx 问题台账.xlsx
    """
    from ..services import problems as service
    found = _government(db, government)
    data = service.export_register(db, found["id"])
    try:
        Path(xlsx_path).write_bytes(data)
    except OSError as error:
        fail(f"无法写入 {xlsx_path}：{error.strerror or error}")
    click.echo(f"已导出到 {xlsx_path}。")
