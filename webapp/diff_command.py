"""`sanding diff`: compare two versions of a department's 三定."""
from __future__ import annotations

import json
import sys

import click

from docproc import ParseError, parse
from docproc.diff import diff, write_docx


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.option("--docx", "docx_out", type=click.Path(dir_okay=False), help="另存为 Word 对照报告。")
def diff_command(old: str, new: str, as_json: bool, docx_out: str | None) -> None:
    """对照同一部门新旧两版三定规定：职责增删改、内设机构变化、编制变化、职责调整核对。

    OLD 是原规定，NEW 是现行规定。

    示例：sanding diff 交通局2010.txt 交通运输局2014.docx --docx 对照.docx
    """
    documents = []
    for name in (old, new):
        try:
            documents.append(parse(name))
        except ParseError as error:
            _fail(str(error))
        except OSError:
            _fail(f"无法读取文件 {name}")
    result = diff(*documents)
    if docx_out:
        try:
            write_docx(result, docx_out)
        except OSError:
            _fail(f"无法写入 {docx_out}")
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        click.echo(_summary(result))


def _summary(result) -> str:
    lines = [f"原规定：{result.old_file}（{result.old_department or '未识别'}）",
             f"新规定：{result.new_file}（{result.new_department or '未识别'}）",
             f"主要职责：新增 {len(result.added)} 项，删除 {len(result.removed)} 项，"
             f"修改 {len(result.changed)} 项，未变 {len(result.unchanged)} 项"]
    lines += [f"  ＋{d.label}{d.text}" for d in result.added]
    lines += [f"  －{d.label}{d.text}" for d in result.removed]
    lines += [f"  ～{p.old.label}→{p.new.label}{p.new.text}（相似度 {p.score:.2f}）" for p in result.changed]
    lines.append("内设机构：")
    lines += [f"  保留：{name}" for name in result.kept]
    lines += [f"  更名：{r['from']} → {r['to']}" for r in result.renamed]
    lines += [f"  合并：{'、'.join(m['from'])} → {m['into']}" for m in result.merged]
    lines += [f"  拆分：{s['from']} → {'、'.join(s['into'])}" for s in result.split]
    lines += [f"  撤销：{name}" for name in result.divisions_removed]
    lines += [f"  新设：{name}" for name in result.divisions_added]
    staffing = result.staffing
    posts = staffing["administrative_posts"]
    lines.append(f"行政编制：{posts['old']} → {posts['new']}；内设机构数："
                 f"{staffing['divisions']['old']} → {staffing['divisions']['new']}；科级领导职数："
                 f"{staffing['division_leaders']['old']} → {staffing['division_leaders']['new']}")
    lines.append("职责调整核对：")
    for check in result.declared:
        verdict = {True: "已体现", False: "未体现", None: "无法核对"}[check.shown]
        lines.append(f"  〔{check.kind}〕{check.text}：{verdict}")
    lines.append("未说明的职责变化：" + ("无" if not result.undeclared else ""))
    for item in result.undeclared:
        lines.append(f"  {'新增' if item['status'] == 'added' else '删除'}：{item['label']}{item['text']}")
    return "\n".join(lines)


def _fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(2)
