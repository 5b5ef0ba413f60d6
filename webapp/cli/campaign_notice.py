"""`sanding campaigns notice`: the 通报 of a campaign and the units' 反馈意见 as Word 公文."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .common import db_option, fail, with_store


def _campaign(db, name: str, government: str | None) -> dict:
    from .. import store
    found = None
    if government is not None:
        found = store.documents.get_government_by_name(db, government)
        if found is None:
            fail(f"没有名为“{government}”的政府（须先导入它的三定规定）。")
    matches = [row for row in store.campaigns.find_campaigns(db, name)
               if found is None or row["government_id"] == found["id"]]
    if not matches:
        where = f"“{government}”" if government else ""
        fail(f"{where}没有名为“{name}”的评估活动（sanding campaigns list 列出全部活动）。")
    if len(matches) > 1:
        fail(f"有多个名为“{name}”的评估活动（{'、'.join(row['government_name'] for row in matches)}），"
             "请用 --government 指定政府。")
    return matches[0]


def _bands(text: str | None):
    from survey.campaigns.notice import Bands
    if text is None:
        return Bands()
    parts = [part for part in text.replace("，", ",").replace("/", ",").split(",") if part.strip()]
    try:
        lines = [float(part) for part in parts]
    except ValueError:
        lines = []
    if len(lines) != 3:
        fail(f"--bands 应为优秀、良好、一般三条分数线，用逗号分隔，如 90,80,60（收到“{text}”）。")
    return Bands(*lines)


@click.command("notice")
@click.argument("name")
@click.option("--government", help="活动所属政府（不同政府有同名活动时必须指定）。")
@click.option("--docx", "docx_path", type=click.Path(dir_okay=False), help="通报写到这个 .docx 文件。")
@click.option("--letters", "letters_dir", type=click.Path(file_okay=False),
              help="每个评估单位的反馈意见写到这个文件夹（每个单位一个 .docx，按名次编号）。")
@click.option("--number", default="", help="发文字号，如 示编办〔2026〕12号（[2026] 也可）。")
@click.option("--to", "addressee", help="主送机关（默认：市直各有关单位 / 县直各有关单位）。")
@click.option("--issuer", help="发文机关署名（默认：<政府>机构编制委员会办公室）。")
@click.option("--date", "issued_on", help="成文日期，如 2026-12-02（默认今天；通报中写作二〇二六年十二月二日）。")
@click.option("--bands", help="优秀、良好、一般的分数线，默认 90,80,60（低于一般为较差）。")
@click.option("--title", default="", help="标题（默认：关于<活动名称>情况的通报）。")
@click.option("--contact", default="", help="附注中的联系人及电话。")
@click.option("--no-red-header", is_flag=True, help="不印红头（发文机关标志和红色分隔线）。")
@db_option
@with_store
def notice_command(app, db, name, government, docx_path, letters_dir, number, addressee, issuer, issued_on, bands,
                   title, contact, no_red_header) -> None:
    """评估结束时的通报（排名、等次、发现的主要问题、整改要求和时限）和给每个评估单位的反馈意见，
    均为 Word 公文格式（GB/T 9704）。NAME 为活动名称（或编号）。

    示例：sanding campaigns notice 2026年度机构编制评估 --government 示例市 --docx 通报.docx
    --letters 反馈意见 --number 示编办〔2026〕12号 --date 2026-12-02
    """
    from survey.campaigns.notice import NoticeError, letter_docx, letter_file_name, notice_docx, typical_problems

    from ..services import campaign_notice as service
    if not docx_path and not letters_dir:
        fail("请用 --docx 指定通报文件，或用 --letters 指定反馈意见的文件夹（也可两者都给）。")
    campaign = _campaign(db, name, government)
    options = service.default_options(campaign)
    options.bands = _bands(bands)
    options.number, options.title, options.contact = number, title, contact
    options.red_header = not no_red_header
    options.addressee = addressee if addressee is not None else options.addressee
    options.issuer = issuer if issuer is not None else options.issuer
    if issued_on:
        try:
            options.issued_on = dt.date.fromisoformat(issued_on)
        except ValueError:
            fail(f"--date 应为日期，如 2026-12-02（收到“{issued_on}”）。")
    try:
        facts = service.facts(db, campaign, options.bands, secret=app.config["SECRET_KEY"])
        notice = notice_docx(facts, options)  # checks options and readiness before anything is written
        letters = [(letter_file_name(n, unit.unit), letter_docx(facts, unit.unit, options))
                   for n, unit in enumerate(facts.ordered(), start=1)] if letters_dir else []
    except NoticeError as error:
        fail("不能生成通报：" + "；".join(error.errors))
    if docx_path:
        Path(docx_path).write_bytes(notice)
        problems = sum(len(group.problems) for group in typical_problems(facts))
        click.echo(f"已写出通报：{docx_path}（{len(facts.ranked)} 个单位排名，"
                   f"{len(facts.unranked)} 个暂不排名；发现问题 {problems} 个）")
    if letters_dir:
        folder = Path(letters_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for file_name, data in letters:
            (folder / file_name).write_bytes(data)
        click.echo(f"已写出反馈意见 {len(letters)} 份：{folder}")
