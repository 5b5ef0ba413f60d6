"""`sanding problems`: import and export a government's 机构编制问题台账 (.xlsx), as its page does."""
from __future__ import annotations

import click

from .common import db_option, with_store
from .registers import export_file, import_file


@click.group("problems")
def problems_group() -> None:
    """机构编制问题台账：从 .xlsx 批量导入、导出。

    示例：sanding problems import 问题台账.xlsx --government 示例市
    """


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
    from ..services import problems as service
    import_file(db, government, file, service, "问题台账有误，未导入任何问题")


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
    export_file(db, government, xlsx_path, service)
