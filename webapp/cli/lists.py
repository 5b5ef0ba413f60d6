"""`sanding lists`: a government's 清单 registers (职责边界清单, 审批监管清单, 属地管理清单) from and to
.xlsx, published as editions, compared, as their pages do.

The command line is run by whoever holds the database file, as an admin would: what it imports
takes effect at once (approved in the change log as 命令行) unless --propose leaves it for an
admin to decide on the register's page.
"""
from __future__ import annotations

from pathlib import Path

import click

from .common import db_option, fail, with_store

KINDS_HELP = "清单种类：职责边界、审批监管 或 属地管理。"


@click.group("lists")
def lists_group() -> None:
    """清单（职责边界清单、审批监管清单、属地管理清单）：导入、导出、发布版本、比较版本。

    示例：sanding lists import --government 示例市 --kind 职责边界 职责边界清单.xlsx
    """


def _government(db, name: str) -> dict:
    from .. import store
    found = store.documents.get_government_by_name(db, name)
    if found is None:
        fail(f"没有名为“{name}”的政府（须先导入它的三定规定）。")
    return found


def _kind(name: str):
    from survey.lists.kinds import kind_named
    kind = kind_named(name)
    if kind is None:
        fail(f"清单种类应为 职责边界、审批监管 或 属地管理，不是“{name}”。")
    return kind


def _write(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        fail(f"无法写入 {path}：{error.strerror or error}")


@lists_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--kind", "kind_name", required=True, help=KINDS_HELP)
@click.option("--propose", is_flag=True, help="只提出变更申请，待管理员在清单页面审核（默认直接生效）。")
@db_option
@with_store
def import_command(app, db, file, government, kind_name, propose) -> None:
    """把 .xlsx 清单导入一个政府的清单工作稿（表头同导入模板；有任何一行出错时不导入）。

    已有同名事项的行作为修改，相同的行不变，文件中没有的事项不删除。部门按名称在该政府的部门中查找
    （属地管理清单的县级部门可写任意名称）。

    示例：sanding lists import --government 示例市 --kind 审批监管 审批监管清单.xlsx
    """
    from survey.lists.kinds import ListsError

    from ..services import lists as service
    kind = _kind(kind_name)
    path = Path(file)
    if not path.is_file():
        fail(f"文件不存在：{file}")
    found = _government(db, government)
    try:
        result = service.import_sheet(db, found, kind, path.read_bytes(), path.name, None, approve=not propose)
    except ListsError as error:
        fail(f"{kind.name}有误，未导入任何事项：\n" + "\n".join(error.errors))
    click.echo(f"{found['name']}{kind.name}：{result.text()}。")


@lists_group.command("export")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--kind", "kind_name", required=True, help=KINDS_HELP)
@click.option("--edition", type=click.IntRange(min=1), help="第几版（默认最新发布的版本）。")
@click.option("--draft", is_flag=True, help="导出工作稿而不是已发布的版本（只能导出 .xlsx）。")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="写入的 .xlsx 文件（可再导入）。")
@click.option("--docx", "docx_path", type=click.Path(dir_okay=False), help="写入的 Word 手册（按行业领域编排）。")
@db_option
@with_store
def export_command(app, db, government, kind_name, edition, draft, xlsx_path, docx_path) -> None:
    """把一个政府的清单（已发布的版本或工作稿）写入 .xlsx 和/或 Word。

    示例：sanding lists export --government 示例市 --kind 职责边界 --xlsx 职责边界清单.xlsx --docx 一本通.docx
    """
    from survey.lists.editions import edition_order

    from .. import store
    from ..services import lists as service
    kind = _kind(kind_name)
    if not (xlsx_path or docx_path):
        fail("请用 --xlsx 或 --docx 指定要写入的文件。")
    if draft and (edition or docx_path):
        fail("--draft 导出工作稿，不能与 --edition 或 --docx 同用（Word 手册只导出已发布的版本）。")
    found = _government(db, government)
    register = service.list_id(db, found["id"], kind)
    chosen = None
    if draft:
        matters = edition_order(service.draft_matters(db, register), service.fields(db, found["id"]))
    else:
        if register is None:
            chosen = None
        elif edition:
            chosen = store.lists.get_edition(db, register, edition)
        else:
            chosen = store.lists.latest_edition(db, register)
        if chosen is None:
            fail(f"{found['name']}{kind.name}没有第{edition}版。" if edition else
                 f"{found['name']}{kind.name}尚未发布任何版本（导出工作稿请加 --draft）。")
        matters = service.edition_matters(db, chosen)
    if xlsx_path:
        _write(xlsx_path, service.export_xlsx(kind, matters, found, chosen))
    if docx_path and chosen is not None:
        _write(docx_path, service.export_docx(kind, matters, found, chosen))
    what = service.edition_label(chosen)
    click.echo(f"已导出{found['name']}{kind.name}{what}（{len(matters)} 项）到 "
               + "、".join(path for path in (xlsx_path, docx_path) if path) + "。")


@lists_group.command("publish")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--kind", "kind_name", required=True, help=KINDS_HELP)
@click.option("--title", default="", help="版本名称（默认“今年年份+年版”，如 2026年版）。")
@click.option("--note", default="", help="发布说明。")
@db_option
@with_store
def publish_command(app, db, government, kind_name, title, note) -> None:
    """把清单的工作稿发布为新的版本（第N版）；已发布的版本不再修改。

    示例：sanding lists publish --government 示例市 --kind 职责边界 --title 2026年版
    """
    from survey.lists.kinds import ListsError

    from ..services import lists as service
    kind = _kind(kind_name)
    found = _government(db, government)
    try:
        edition = service.publish(db, found, kind, None, title=title, note=note)
    except ListsError as error:
        fail("未能发布：" + "；".join(error.errors))
    click.echo(f"已发布{found['name']}{kind.name}{service.edition_label(edition)}，共 {edition['matter_count']} 项。")


@lists_group.command("findings")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--propose", is_flag=True, help="只提出变更申请，待管理员在清单页面审核（默认直接生效）。")
@db_option
@with_store
def findings_command(app, db, government, propose) -> None:
    """把职责交叉识别中已确认的事项复制到职责边界清单工作稿（已复制或提出过的不再重复）。

    示例：sanding lists findings --government 示例市
    """
    from survey.lists.kinds import ListsError

    from ..services import lists as service
    found = _government(db, government)
    try:
        result = service.copy_findings(db, found, None, approve=not propose)
    except ListsError as error:
        fail("未能复制：" + "；".join(error.errors))
    said = f"新增 {result.added} 项" + ("，已直接生效" if result.approved else
                                        f"，已提出变更申请（第 {result.batch} 批）" if result.added else "")
    click.echo(f"{found['name']}职责边界清单：{said}；{result.unchanged} 项已在清单中或已提出过。")
    for skipped in result.skipped:
        click.echo(f"未复制 {skipped}", err=True)


@lists_group.command("diff")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--kind", "kind_name", required=True, help=KINDS_HELP)
@click.option("--from", "old", required=True, help="原版本：版本号（如 1），或 工作稿。")
@click.option("--to", "new", required=True, help="新版本：版本号（如 2），或 工作稿。")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="把变动明细写入 .xlsx。")
@db_option
@with_store
def diff_command(app, db, government, kind_name, old, new, xlsx_path) -> None:
    """比较清单的两个版本（或版本与工作稿）：新增、删除、修改的事项及修改的项目。

    示例：sanding lists diff --government 示例市 --kind 职责边界 --from 1 --to 2 --xlsx 变动.xlsx
    """
    from survey.lists.editions import diff_rows
    from survey.lists.kinds import ListsError

    from ..services import lists as service
    kind = _kind(kind_name)
    refs = []
    for ref in (old, new):
        ref = ref.strip()
        if ref in ("工作稿", "draft"):
            refs.append(service.DRAFT)
        elif ref.isdigit() and len(ref) < 9:
            refs.append(ref)
        else:
            fail(f"版本应为版本号（如 1）或 工作稿，不是“{ref}”。")
    found = _government(db, government)
    try:
        before, after, changes = service.compare(db, found, kind, refs[0], refs[1])
    except ListsError as error:
        fail("；".join(error.errors))
    click.echo(f"{service.edition_label(before)} → {service.edition_label(after)}：{changes.summary()}")
    for row in diff_rows(kind, changes):
        click.echo("  " + " · ".join(cell.replace("\n", "；") for cell in row if cell))
    if xlsx_path:
        _write(xlsx_path, service.diff_xlsx(kind, found, before, after, changes))
