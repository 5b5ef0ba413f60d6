"""`sanding campaigns`: list evaluation campaigns (评估活动) and print one's status board."""
from __future__ import annotations

import json

import click

from .campaign_notice import notice_command
from .common import db_option, fail, with_store


@click.group("campaigns")
def campaigns_group() -> None:
    """评估活动：列出活动，查看某个活动各单位各阶段的完成情况（状态看板）。

    示例：sanding campaigns status 2026年度机构编制评估 --government 示例市
    """


def _government(db, name: str | None) -> dict | None:
    from .. import store
    if name is None:
        return None
    found = store.documents.get_government_by_name(db, name)
    if found is None:
        fail(f"没有名为“{name}”的政府（须先导入它的三定规定）。")
    return found


@campaigns_group.command("list")
@click.option("--government", help="只列出这个政府的评估活动，如 示例市。")
@click.option("--json", "as_json", is_flag=True,
              help="输出 JSON：每个活动一项（评估对象 target：departments 部门 / counties 旗市区，"
                   "阶段、评估单位数、逾期单位数）。")
@db_option
@with_store
def list_command(app, db, government, as_json) -> None:
    """列出评估活动：政府、年度、评估对象（部门或旗市区）、指标体系、当前阶段、评估单位数和逾期单位数。

    示例：sanding campaigns list --government 示例市
    """
    from .. import store
    from ..services import campaigns as service
    found = _government(db, government)
    rows = service.list_json(db, store.campaigns.list_campaigns(db, found["id"] if found else None))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        click.echo("暂无评估活动。")
        return
    for row in rows:
        click.echo(f"{row['id']}\t{row['government']}\t{row['name']}（{row['year']} 年度）\t"
                   f"评估对象：{row['target_name']}\t指标体系：{row['system'] or '未选'}\t"
                   f"当前阶段：{row['phase_name']}\t评估单位 {row['units']} 个\t逾期单位 {row['late']} 个")


@campaigns_group.command("status")
@click.argument("name")
@click.option("--government", help="活动所属政府（不同政府有同名活动时必须指定）。")
@click.option("--json", "as_json", is_flag=True,
              help='输出 JSON：{"campaign", "government", "phase", "deadlines", "plan", "columns", '
                   '"units": [{"unit", "on_site", "cells": {阶段: {"status", "detail", "deadline", …}}}], "counts"}。')
@db_option
@with_store
def status_command(app, db, name, government, as_json) -> None:
    """打印评估活动的状态看板：每个单位在自查自评、评估打分、实地抽查、反馈、整改各阶段
    已完成、逾期（过了截止日期仍未完成）还是未完成。NAME 为活动名称（或编号）。

    示例：sanding campaigns status 2026年度机构编制评估 --government 示例市 --json
    """
    from .. import store
    from ..services import campaigns as service
    found = _government(db, government)
    matches = [row for row in store.campaigns.find_campaigns(db, name)
               if found is None or row["government_id"] == found["id"]]
    if not matches:
        where = f"“{government}”" if government else ""
        fail(f"{where}没有名为“{name}”的评估活动（sanding campaigns list 列出全部活动）。")
    if len(matches) > 1:
        fail(f"有多个名为“{name}”的评估活动（{'、'.join(row['government_name'] for row in matches)}），"
             "请用 --government 指定政府。")
    board = service.board(db, matches[0])
    if as_json:
        click.echo(json.dumps(service.to_json(board), ensure_ascii=False))
    else:
        click.echo("\n".join(service.status_lines(board)))


campaigns_group.add_command(notice_command)  # sanding campaigns notice: the 通报 and the units' letters
