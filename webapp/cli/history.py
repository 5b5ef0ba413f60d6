"""`sanding history`: freeze a year's evaluation results, list the frozen years, compare two."""
from __future__ import annotations

import json
from pathlib import Path

import click

from .common import db_option, fail, with_store


@click.group("history")
def history_group() -> None:
    """年度评估结果：把评估结果冻结为某一年度的结果（冻结后不能修改），列出、对比各年度。

    示例：sanding history freeze --government 示例市 --system 机构改革评估七项指标 --year 2026
    """


def _government(db, name: str) -> dict:
    from .. import store
    found = store.documents.get_government_by_name(db, name)
    if found is None:
        fail(f"没有名为“{name}”的政府。")
    return found


@history_group.command("freeze")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--system", "system_name", required=True, help="指标体系名称或编号。")
@click.option("--year", required=True, type=click.IntRange(1990, 2200), help="年度，如 2026。")
@click.option("--grades", help="等次分数线：优秀,良好,一般（默认 90,80,60，其余为较差）。")
@click.option("--shares", help="改按名次比例定等次：优秀,良好,一般 的比例，如 0.2,0.4,0.3。")
@click.option("--correct", "correction", help="更正已冻结的年度：写明更正原因，另存为新的版本（原版本保留）。")
@db_option
@with_store
def freeze_command(app, db, government, system_name, year, grades, shares, correction) -> None:
    """按指标体系现在的评估结果冻结一个政府某一年度的结果：各部门总分、名次、等次、一级指标得分率和所用指标体系。

    冻结后不能修改；同一年度再次冻结会被拒绝，确需更正的用 --correct 写明原因，另存为新版本，以最新版本为准。

    示例：sanding history freeze --government 示例市 --system 机构改革评估七项指标 --year 2026
    """
    from survey.evaluation.indicators import IndicatorError

    from .. import store
    from ..services import evaluations as evaluation_data
    from ..services import history as service
    from .evaluations import _grading
    grading = _grading(grades, shares)
    found = _government(db, government)
    system_row = store.evaluations.find_system(db, found["id"], system_name)
    if system_row is None:
        fail(f"“{government}”没有名称或编号为“{system_name}”的指标体系。")
    if correction is not None and not correction.strip():
        fail("--correct 须写明更正原因。")
    try:
        frozen = service.freeze(db, found, system_row, year, None, secret=app.config["SECRET_KEY"],
                                grading=grading, correction=correction or "")
    except service.HistoryError as error:
        fail(str(error))
    except evaluation_data.EvaluationError as error:
        fail(str(error))
    except IndicatorError as error:
        fail("指标体系有误：" + "；".join(error.errors))
    click.echo(f"已冻结{found['name']}{year}年度评估结果（第 {frozen.version} 版，指标体系“{system_row['name']}”）："
               f"{frozen.departments} 个部门，其中 {frozen.ranked} 个有名次。")


@history_group.command("list")
@click.option("--government", help="只列出这个政府。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@db_option
@with_store
def list_command(app, db, government, as_json) -> None:
    """列出已冻结的年度评估结果（每个年度的各个版本，最新版本为准）。

    示例：sanding history list --government 示例市
    """
    from ..store import history as history_store
    government_id = _government(db, government)["id"] if government else None
    found = history_store.list_snapshots(db, government_id)
    if as_json:
        click.echo(json.dumps([{"government": row["government_name"], "year": row["year"], "version": row["version"],
                                "current": row["current"], "system": row["system_name"],
                                "system_version": row["system_version"], "grading": row["grading"],
                                "departments": row["row_count"], "frozen_by": row["frozen_by_name"],
                                "frozen_at": row["frozen_at"], "reason": row["reason"]} for row in found],
                              ensure_ascii=False))
        return
    if not found:
        click.echo("尚未冻结任何年度的评估结果。")
        return
    for row in found:
        state = "" if row["current"] else "（已更正）"
        reason = f"　更正原因：{row['reason']}" if row["reason"] else ""
        click.echo(f"{row['government_name']}\t{row['year']}年\t第 {row['version']} 版{state}\t{row['system_name']}\t"
                   f"{row['row_count']} 个部门\t{row['frozen_by_name']} {row['frozen_at'][:10]}{reason}")


@history_group.command("compare")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--from", "old_year", required=True, type=click.IntRange(1990, 2200), help="较早的年度。")
@click.option("--to", "new_year", required=True, type=click.IntRange(1990, 2200), help="较晚的年度。")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="把对比表写入 .xlsx 文件。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@db_option
@with_store
def compare_command(app, db, government, old_year, new_year, xlsx_path, as_json) -> None:
    """对比两个已冻结年度的评估结果：各部门当年与此前的名次、总分及其变化，新增和不再参评的部门。

    部门按部门编号对应（更名后三定归入新部门的，随之对应），不按名称。

    示例：sanding history compare --government 示例市 --from 2024 --to 2025 --xlsx 对比.xlsx
    """
    from survey.evaluation.history import comparison_header, comparison_rows

    from ..services import history as service
    found = _government(db, government)
    try:
        compared = service.comparison(db, found["id"], old_year, new_year)
    except service.HistoryError as error:
        fail(str(error))
    if xlsx_path:
        try:
            Path(xlsx_path).write_bytes(service.comparison_workbook(found, compared))
        except OSError as error:
            fail(f"无法写入 {xlsx_path}：{error.strerror or error}")
    header, table = comparison_header(compared), comparison_rows(compared)
    if as_json:
        click.echo(json.dumps({"government": found["name"], "from": compared.old_year, "to": compared.new_year,
                               "summary": compared.summary(),
                               "departments": [dict(zip(header, row)) for row in table]}, ensure_ascii=False))
        return
    click.echo(compared.summary())
    for row in table:
        click.echo("\t".join(str(cell) for cell in row))
    if xlsx_path:
        click.echo(f"已写入 {xlsx_path}。")
