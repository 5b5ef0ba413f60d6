"""The `sanding` command: every subcommand calls the same core functions as the web app."""
from __future__ import annotations

import json
import sys

import click

from docproc import ParseError, parse

from .cli_messages import install as install_click_messages

install_click_messages()  # click's own usage errors and help headings in Chinese


def _fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """三定规定解析、职责交叉识别与机构改革评估平台。"""


@main.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="每个文件输出一行 JSON。")
def parse_command(files: tuple[str, ...], as_json: bool) -> None:
    """解析三定规定文件（.docx .pdf .txt .html）。

    示例：sanding parse 市场监管局三定.docx --json
    """
    failed = False
    for name in files:
        try:
            doc = parse(name)
        except ParseError as error:
            click.echo(f"错误：{error}", err=True)
            failed = True
            continue
        if as_json:
            click.echo(json.dumps(doc.to_dict(), ensure_ascii=False))
        else:
            click.echo(_summary(doc))
    if failed:
        sys.exit(2)


def _summary(doc) -> str:
    lines = [
        f"文件：{doc.file}",
        f"部门：{doc.department or '（未识别）'}　政府：{doc.government or '（未识别）'}",
        f"主要职责：{len(doc.duties)} 项　内设机构：{len(doc.divisions)} 个"
        + (f"（规定写明 {doc.division_count_stated} 个）" if doc.division_count_stated else ""),
    ]
    for duty in doc.duties:
        mark = "〔兜底〕" if duty.boilerplate else ("〔不完整〕" if duty.incomplete else "")
        lines.append(f"  {duty.label}{duty.text}{mark}")
    for division in doc.divisions:
        lines.append(f"  【{division.name}】{len(division.duties)} 项职责")
    posts = doc.staffing.administrative_posts
    if posts is not None:
        lines.append(f"行政编制：{posts} 名")
    for warning in doc.warnings:
        lines.append(f"提示：{warning}")
    return "\n".join(lines)


def _register_store_commands() -> None:
    from .commands import register
    from .ahp_command import ahp_command
    from .backup_command import backup_command, restore_command
    from .diff_command import diff_command
    from .evaluate_command import evaluate_command
    from .overlap_command import overlaps_command
    from .round_command import round_group
    register(main)
    main.add_command(round_group)
    main.add_command(overlaps_command)
    main.add_command(ahp_command)
    main.add_command(backup_command)
    main.add_command(restore_command)
    main.add_command(diff_command)
    main.add_command(evaluate_command)


_register_store_commands()

if __name__ == "__main__":
    main()
