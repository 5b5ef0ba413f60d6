"""`sanding overlaps`: overlapping duties in files or folders of 三定 documents."""
from __future__ import annotations

import json
import sys

import click

from docproc import ParseError, parse
from docproc.boundary import rows, write_xlsx
from docproc.overlap import OverlapFinder

from .commands import collect_files

KIND_NAMES = {"overlap": "交叉", "lead_assist": "牵头配合", "settled": "已有分工"}


@click.command("overlaps")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="输出 JSON：{departments, items, findings}。")
@click.option("--min-score", default=0.3, show_default=True, type=click.FloatRange(0.0, 1.0),
              help="相似度下限（0–1）。")
@click.option("--top", "top", default=None, type=click.IntRange(1), help="只输出得分最高的 K 条。")
@click.option("--within-departments", is_flag=True, help="比对同一部门内设机构之间的职责交叉（而不是部门之间）。")
@click.option("--across-governments", is_flag=True, help="也比对不同政府的部门（对标）。")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="把职责边界清单草稿写入 .xlsx 文件。")
def overlaps_command(paths, as_json, min_score, top, within_departments, across_governments, xlsx_path):
    """找出三定规定之间的职责交叉（部门之间，或内设机构之间）。

    示例：sanding overlaps 示例市三定/ --json --xlsx 职责边界清单.xlsx
    """
    files = collect_files(paths)
    documents, failed = [], 0
    for path in files:
        try:
            documents.append(parse(path))
        except ParseError as error:
            click.echo(f"错误：{error}", err=True)
            failed += 1
    if not documents:
        click.echo("错误：没有可比对的三定规定文件（支持 .docx .pdf .txt .html）。", err=True)
        sys.exit(2)
    finder = OverlapFinder(min_score=min_score, within_departments=within_departments,
                           across_governments=across_governments).fit(documents)
    findings = finder.findings_[:top] if top else finder.findings_
    for note in finder.notes_:
        click.echo(f"提示：{note}", err=True)
    departments = len({(item.government, item.department) for item in finder.items_})
    if as_json:
        click.echo(json.dumps({"departments": departments, "items": len(finder.items_),
                               "findings": [finding.to_dict() for finding in findings],
                               "notes": finder.notes_}, ensure_ascii=False))
    else:
        click.echo(f"比对 {departments} 个部门的 {len(finder.items_)} 项职责，发现 {len(findings)} 处可能的职责交叉：")
        for number, finding in enumerate(findings, start=1):
            click.echo(f"{number}. [{KIND_NAMES[finding.kind]}·{finding.topic}] {finding.score:.2f} "
                       f"{'、'.join(finding.terms[:4])}")
            for ref, matter in ((finding.a, finding.matter_a), (finding.b, finding.matter_b)):
                where = f"{ref.department}{ref.division or ''}" + (
                    f" 第{ref.no}项" if ref.section == "divisions" else f" 主要职责第{ref.no}项")
                click.echo(f"    {where}：{matter}")
            if finding.settled_by:
                click.echo(f"    已有分工：{finding.settled_by}")
    if xlsx_path:
        try:
            write_xlsx(rows(findings), xlsx_path)
        except OSError as error:
            click.echo(f"错误：无法写入 {xlsx_path}（{error.strerror}）", err=True)
            sys.exit(2)
        click.echo(f"已写入职责边界清单草稿：{xlsx_path}", err=True)
    if failed:
        sys.exit(2)
