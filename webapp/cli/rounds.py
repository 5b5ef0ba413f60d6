"""`sanding round`: create, list links, close and read the results of survey rounds.

The same store and survey functions as the web pages. Rater links are
re-derived from the secret key (SANDING_SECRET_KEY or instance/secret_key)
and the round's salt; the database keeps only their hashes.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from datetime import datetime
from pathlib import Path

import click

from docproc.safe_output import csv_row

from .common import db_option, fail, with_store

KINDS = {"county": "市县评作为", "public": "服务对象满意度"}  # as survey.rounds.KINDS (checked by a test)


@click.group("round")
def round_group() -> None:
    """评议轮次：新建、导出评议链接、结束、查看结果。

    示例：sanding round create --name 2024年度市县评作为 --kind county --government 示例市 --raters 评议人.xlsx
    """


def _time(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        fail(f"{name} 应为 ISO 时间，如 2024-12-01T09:00，实际为“{value}”。")


def _read(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        fail(f"文件不存在：{path}")
    return file.read_bytes()


@round_group.command("create")
@click.option("--name", required=True, help="轮次名称。")
@click.option("--kind", required=True, type=click.Choice(list(KINDS)),
              help="county（市县评作为，背对背）或 public（服务对象满意度）。")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--departments", "departments_file", type=click.Path(dir_okay=False),
              help="部门名单文件（.txt 每行一个，或 .csv/.xlsx 第一列）；不填则用该政府已导入三定规定的全部部门。")
@click.option("--raters", "raters_file", type=click.Path(dir_okay=False),
              help="评议人名单 .xlsx/.csv（表头：姓名,单位,组别,评议部门），仅 county。")
@click.option("--opens", help="开始时间（ISO，如 2024-12-01T09:00）。")
@click.option("--closes", help="结束时间（ISO）。")
@click.option("--year", type=int, help="年度（默认今年）。")
@click.option("--k", "k_min", type=int, default=5, show_default=True, help="最少样本数 k。")
@click.option("--dimension", "dimensions", multiple=True,
              help="评议维度，可重复：--dimension 服务基层 --dimension 工作作风（按本类型的默认等次评价）；"
                   "另用等次的写成“办事效率：快=100、较快=85、一般=70、慢=50*”。不填则每个部门只评一个总体评价。")
@db_option
@with_store
def create_command(app, db, name, kind, government, departments_file, raters_file, opens, closes,
                   year, k_min, dimensions) -> None:
    """新建评议轮次（可同时导入评议人），输出 {"round": ID}。

    示例：sanding round create --name 2024年度市县评作为 --kind county --government 示例市
    --departments 部门.txt --raters 评议人.xlsx --opens 2024-12-01T09:00 --closes 2024-12-15T18:00
    --dimension 服务基层 --dimension 工作作风 --dimension 办事效率 --dimension 廉洁自律
    """
    from survey.dimensions import parse_dimensions
    from survey.raters import RaterListError, read_raters, singled_out, singled_out_warning
    from survey.rounds import Round, RoundError, read_department_list
    from survey.scales import DEFAULTS

    from .. import store
    from ..services import surveys
    if departments_file:
        try:
            departments = read_department_list(_read(departments_file), Path(departments_file).name)
        except RoundError as error:
            fail(str(error))
    else:
        found = store.documents.get_government_by_name(db, government)
        departments = store.documents.government_department_names(db, found["id"]) if found else []
        if not departments:
            fail(f"“{government}”还没有已导入的三定规定，请用 --departments 指定部门名单。")
    try:
        rated = parse_dimensions("\n".join(d.replace("\n", " ") for d in dimensions), DEFAULTS[kind])
    except ValueError as error:
        fail(str(error))
    survey_round = Round(name=name, kind=kind, government=government,
                         year=year or datetime.now().year, departments=departments,
                         opens=_time(opens, "--opens"), closes=_time(closes, "--closes"), k_min=k_min,
                         dimensions=rated)
    try:
        survey_round.validate()
    except RoundError as error:
        fail(str(error))
    raters = []
    if raters_file:
        if kind != "county":
            fail("只有 county（市县评作为）轮次有评议人名单。")
        try:
            raters = read_raters(_read(raters_file), Path(raters_file).name, departments,
                                 list(survey_round.groups))
        except RaterListError as error:
            fail("评议人名单有误，未导入：" + "；".join(error.errors))
    government_id = store.documents.get_or_create_government(db, government)
    round_id = store.rounds.create_round(db, government_id, surveys.encode_round(survey_round), None)
    if raters:
        row = store.rounds.get_round(db, round_id)
        assert row is not None, "created just above"
        store.rounds.add_raters(db, round_id, [{"name": r.name, "unit": r.unit, "group": r.group,
                                         "departments": r.departments} for r in raters],
                         surveys.link_keys(app.config["SECRET_KEY"], row), None)
        exposed = singled_out(raters, departments, survey_round.k_min)
        if exposed:
            click.echo(singled_out_warning(exposed, survey_round.k_min), err=True)
    click.echo(json.dumps({"round": round_id}))


def _round_row(db, round_id: int) -> dict:
    from .. import store
    row = store.rounds.get_round(db, round_id)
    if row is None:
        fail(f"评议轮次不存在：{round_id}")
    return row


@round_group.command("tokens")
@click.argument("round_id", type=int)
@click.option("--csv", "as_csv", is_flag=True, help="以 CSV 输出（组别,单位,姓名,链接），不加则输出对齐的表格。")
@click.option("--base-url", envvar="SANDING_BASE_URL", default=None,
              help="链接的网址前缀（也可用环境变量 SANDING_BASE_URL；默认 http://127.0.0.1:5000）。")
@db_option
@with_store
def tokens_command(app, db, round_id: int, as_csv: bool, base_url: str) -> None:
    """输出每名评议人的个人评议链接（--csv：每行 组别,单位,姓名,链接）。

    链接由服务器密钥重新推导，数据库只保存其摘要；更换 SANDING_SECRET_KEY 会使全部链接失效。

    示例：sanding round tokens 3 --csv --base-url https://pingyi.example.gov.cn > 链接.csv
    """
    from ..services import surveys
    row = _round_row(db, round_id)
    raters = surveys.rater_links(db, app.config["SECRET_KEY"], row, base_url or surveys.DEFAULT_BASE_URL)
    if not as_csv:
        for rater in raters:
            click.echo(f"{rater['group_name']}\t{rater['unit']}\t{rater['name']}\t{rater['link']}")
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for rater in raters:
        writer.writerow(csv_row([rater["group_name"], rater["unit"], rater["name"], rater["link"]]))
    click.echo(buffer.getvalue(), nl=False)


@round_group.command("close")
@click.argument("round_id", type=int)
@db_option
@with_store
def close_command(app, db, round_id: int) -> None:
    """立即结束评议轮次（之后链接只显示评议已结束）。

    示例：sanding round close 3
    """
    from .. import store
    from ..services import surveys
    row = _round_row(db, round_id)
    try:
        closed = surveys.close(db, app.config["SECRET_KEY"], row, None)
    except store.StoreError as error:
        fail(str(error))
    click.echo(f"评议轮次 {round_id} 已结束。" if closed else f"评议轮次 {round_id} 此前已经结束。")


@round_group.command("results")
@click.argument("round_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（样本不足处为 null）。")
@db_option
@with_store
def results_command(app, db, round_id: int, as_json: bool) -> None:
    """输出评议结果：各部门综合得分及各组人数、平均分、去极值平均分。

    少于 k 个有效评价的组显示“样本不足”（JSON 中为 null），且不计入综合得分。

    示例：sanding round results 3 --json
    """
    from .. import store
    from ..services import surveys
    row = _round_row(db, round_id)
    try:
        found = surveys.results(db, app.config["SECRET_KEY"], row)
    except store.StoreError as error:
        fail(str(error))
    if found is None:
        fail(f"{surveys.NOT_READY}（可用 sanding round close {round_id} 结束本轮）")
    if as_json:
        click.echo(json.dumps(found.to_json(round_id), ensure_ascii=False))
        return
    click.echo(f"{row['name']}：有效答卷 {found.responses} 份")
    for result in found.departments:
        click.echo(_result_line(result))
    for dimension, results in found.dimensions.items():
        click.echo(f"评议维度“{dimension}”：")
        for result in results:
            click.echo(_result_line(result))
    sys.stdout.flush()


def _result_line(result) -> str:
    """A department's merged score and each group's n and means, 样本不足 where k hides them."""
    score = "样本不足" if result.score is None else f"{result.score:g}"
    parts = [f"{g.group} {g.n}人 " + ("样本不足" if g.hidden else f"{g.mean:g}/{g.trimmed_mean:g}")
             for g in result.groups]
    return f"{result.department}\t{score}\t" + "；".join(parts)


@round_group.command("responses")
@click.argument("round_id", type=int)
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="写入 .xlsx 文件。")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), help="写入 .csv 文件（UTF-8，Excel 可直接打开）。")
@db_option
@with_store
def responses_command(app, db, round_id: int, xlsx_path: str | None, csv_path: str | None) -> None:
    """导出原始答卷：每份答卷对每个部门一行（组别、评价或各维度评价、意见建议、日期）。

    不含评议人信息和提交顺序（各行用密码学随机数打乱），日期最多精确到日。本轮结束后、且每个有答卷的
    部门和组别的有效评价都不少于 k 个时才能导出，否则说明原因，不写文件。

    示例：sanding round responses 3 --xlsx 原始答卷.xlsx --csv 原始答卷.csv
    """
    from survey.raw_responses import ExportRefused, raw_csv, raw_xlsx

    from .. import store
    from ..services import surveys
    if not xlsx_path and not csv_path:
        fail("请用 --xlsx 或 --csv 指定输出文件。")
    row = _round_row(db, round_id)
    formats = "+".join(name for name, path in (("xlsx", xlsx_path), ("csv", csv_path)) if path)
    try:
        found = surveys.raw_export(db, app.config["SECRET_KEY"], row, None, formats)
    except (ExportRefused, store.StoreError) as error:
        fail(str(error))
    writers = ((xlsx_path, lambda: raw_xlsx(found, f"{row['name']}原始答卷")), (csv_path, lambda: raw_csv(found)))
    for path, data in writers:
        if not path:
            continue
        try:
            Path(path).write_bytes(data())
        except OSError as error:
            fail(f"无法写入 {path}：{error.strerror or error}")
    dated = "不含日期" if found.date_precision == "评议期间" else f"日期精确到{found.date_precision}"
    click.echo(f"已导出 {len(found.rows)} 行原始答卷（{dated}）。")
