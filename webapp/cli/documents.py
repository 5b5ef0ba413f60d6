"""Document commands: parse, import, overlaps, diff."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import collect_files, db_option, fail, with_store


def naming_options(command):
    """`--department` and `--government`: what the text does not say (or says wrongly)."""
    command = click.option("--government", default=None, metavar="政府",
                           help="指定所属政府（如 岳麓区），用于文中没有写明的情况。")(command)
    return click.option("--department", default=None, metavar="部门",
                        help="指定部门名称（如 岳麓区应急管理局），用于文中没有写明或识别有误的情况。")(command)


def _check_naming(department: str | None, government: str | None) -> None:
    for value, what in ((department, "部门名称"), (government, "政府名称")):
        if value is not None and not value.strip():
            fail(f"{what}不能为空。")


def parsed_files(paths, department: str | None, government: str | None) -> tuple[list, bool]:
    """Parse each file (a refused one is an error on stderr) and apply the names given by hand;
    returns the documents and whether any file failed."""
    from docproc import ParseError, parse
    _check_naming(department, government)
    documents, failed = [], False
    for path in paths:
        try:
            doc = parse(path)
        except ParseError as error:
            click.echo(f"错误：{error}", err=True)
            failed = True
            continue
        doc.assign(department, government)
        documents.append(doc)
    return documents, failed


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="每个文件输出一行 JSON。")
@naming_options
def parse_command(files: tuple[str, ...], as_json: bool, department: str | None, government: str | None) -> None:
    """解析三定规定文件（.docx .pdf .txt .html）。

    示例：sanding parse 市场监管局三定.docx --json
          sanding parse 决算说明.txt --department 岳麓区应急管理局
    """
    documents, failed = parsed_files(files, department, government)
    for doc in documents:
        if not doc.department:
            click.echo(f"警告：{doc.file}：未能识别部门名称，可用 --department 指定。", err=True)
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


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--date", "effective_date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="施行日期 YYYY-MM-DD（不填则取文件中的施行日期，再不然按导入先后）。")
@naming_options
@db_option
@with_store
def import_command(app, db, paths: tuple[str, ...], effective_date=None, department: str | None = None,
                   government: str | None = None) -> None:
    """把三定规定文件或文件夹导入数据库（与网页上传相同的处理）。

    出错的文件不会写入任何内容，其余文件照常导入；有文件出错时退出码为 2。
    同一部门的多个版本按施行日期排序，最新的为现行版本。

    示例：sanding import 三定/ 市场监管局.docx --db sanding.db
          sanding import 旧版/交通局2010.txt --date 2010-06-01
          sanding import 决算说明.txt --department 岳麓区应急管理局 --government 岳麓区
    """
    from docproc import SUPPORTED_SUFFIXES

    from ..services.ingest import Naming
    _check_naming(department, government)
    files = collect_files(paths)
    if not files:
        fail("没有找到可导入的文件（支持 " + "、".join(SUPPORTED_SUFFIXES) + "）。")
    touched: set[str] = set()
    failed = import_files(app, db, files, touched=touched,
                          effective_date=effective_date.date().isoformat() if effective_date else None,
                          naming=Naming(department, government) if department or government else None)
    click.echo(f"共 {len(files)} 个文件，成功 {len(files) - failed} 个，失败 {failed} 个。")
    detect_governments(db, touched)
    if failed:
        sys.exit(2)

def import_files(app, db, files: list[Path], echo=click.echo,
                 touched: set[str] | None = None, effective_date: str | None = None, naming=None) -> int:
    """Import files one by one (each in its own transaction); returns how many failed.

    The names of the governments the imported files went to are added to `touched`.
    """
    from docproc import ParseError

    from ..services import ingest
    uploads = Path(app.config["UPLOAD_FOLDER"])
    max_bytes = app.config["MAX_CONTENT_LENGTH"]
    failed = 0
    for path in files:
        try:
            if not path.is_file():
                raise ParseError(f"{path}：文件不存在。")
            result = ingest.import_path(db, path, uploads, None, max_bytes, effective_date, naming,
                                        limits=ingest.parse_limits(app.config))
        except ParseError as error:
            failed += 1
            message = str(error)
            click.echo(f"错误：{message if path.name in message else f'{path.name}：{message}'}",
                       err=True)
            continue
        if touched is not None:
            touched.add(result.government)
        echo(f"{path.name} → {result.summary()}")
        if "未能识别部门名称" in result.warnings or "未能从部门名称识别所属政府" in result.warnings:
            click.echo(f"警告：{path.name}：未能识别部门或所属政府，已归入“{result.government}”；"
                       "可用 --department/--government 重新导入，或在网页上填写。", err=True)
    return failed

def detect_governments(db, names: set[str], echo=click.echo) -> None:
    """Run overlap detection now for each named government and say what it found."""
    from .. import store
    from ..services import detection
    for name in sorted(names):
        government = store.documents.get_government_by_name(db, name)
        if government is None:
            continue
        counts = detection.detect_now(db, government["id"])
        if counts is None:
            click.echo(f"错误：{name}：{detection.FAILED}", err=True)
        else:
            echo(f"职责交叉识别：{name} 共 {counts['found']} 处（新增 {counts['new']} 处）。")


KIND_NAMES = {"overlap": "交叉", "lead_assist": "牵头配合", "settled": "已有分工"}

@click.command("overlaps")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="输出 JSON：{departments, items, findings}。")
@click.option("--min-score", default=None, type=click.FloatRange(0.0, 1.0),
              help="相似度下限（0–1）；默认同一政府内 0.3，对标（--across-governments 找到的跨政府同类职责）0.15。")
@click.option("--top", "top", default=None, type=click.IntRange(1), help="只输出得分最高的 K 条。")
@click.option("--within-departments", is_flag=True, help="比对同一部门内设机构之间的职责交叉（而不是部门之间）。")
@click.option("--across-governments", is_flag=True, help="也比对不同政府的部门（对标）。")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="把职责边界清单草稿写入 .xlsx 文件。")
@click.option("--partitioned", is_flag=True,
              help="分任务比对：每个政府内部一项任务，--across-governments 时每类部门的对标一项任务。")
@click.option("--scheduler", envvar="SANDING_DASK_SCHEDULER", metavar="地址",
              help="在 Dask 集群上分任务比对（如 tcp://10.0.0.5:8786；也可设 SANDING_DASK_SCHEDULER）。")
@naming_options
def overlaps_command(paths, as_json, min_score, top, within_departments, across_governments, xlsx_path,
                     partitioned, scheduler, department, government):
    """找出三定规定之间的职责交叉（部门之间，或内设机构之间）。

    示例：sanding overlaps 示例市三定/ --json --xlsx 职责边界清单.xlsx
    """
    from docproc.boundary import rows, write_xlsx
    documents, failed = parsed_files(collect_files(paths), department, government)
    if not documents:
        click.echo("错误：没有可比对的三定规定文件（支持 .docx .pdf .txt .html）。", err=True)
        sys.exit(2)
    if (partitioned or scheduler) and within_departments:
        fail("--within-departments 不能与 --partitioned 或 --scheduler 同用（内设机构之间的比对在每个部门内完成）。")
    if partitioned or scheduler:
        found, notes, items = _partitioned(documents, scheduler, min_score, across_governments, top)
    else:
        from docproc.overlap import OverlapFinder

        finder = OverlapFinder(min_score=min_score, within_departments=within_departments,
                               across_governments=across_governments).fit(documents)
        found, notes, items = finder.findings_, finder.notes_, finder.items_
    findings = found[:top] if top else found
    for note in notes:
        dropped = "未参与比对" in note
        hint = "（可用 --department 指定部门名称）" if dropped else ""
        click.echo(f"{'警告' if dropped else '提示'}：{note}{hint}", err=True)
    departments = len({(doc.government, doc.department) for doc in documents if doc.department}) \
        if (partitioned or scheduler) else len({(item.government, item.department) for item in items})
    count = items if isinstance(items, int) else len(items)
    if as_json:
        click.echo(json.dumps({"departments": departments, "items": count,
                               "findings": [finding.to_dict() for finding in findings],
                               "notes": notes}, ensure_ascii=False))
    else:
        click.echo(f"比对 {departments} 个部门的 {count} 项职责，发现 {len(findings)} 处可能的职责交叉：")
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


def _partitioned(documents, scheduler: str | None, min_score: float | None, across_governments: bool,
                 top: int | None):
    """(findings, notes, items) of the partitioned run, here or on the Dask cluster at `scheduler`;
    with `top`, each task builds only its first `top` findings."""
    from docproc.partitioned import detect

    try:
        run = detect(documents, scheduler=scheduler, min_score=min_score, benchmark=across_governments, limit=top)
    except ImportError:
        fail("在集群上比对需要 Dask：pip install 'dask[distributed]'")
    except OSError as error:  # the scheduler cannot be reached (distributed raises OSError subclasses)
        fail(f"无法连接 Dask 调度器 {scheduler}（{error}）")
    return run.findings, run.notes, run.items


@click.command("relations")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True,
              help='每个文件输出一行 JSON：{"file", "department", "relations": '
                   '[{"a", "b", "relation", "quote", "source"}]}。')
@naming_options
def relations_command(paths, as_json: bool, department: str | None, government: str | None) -> None:
    """找出文件中写明的部门之间的关系：职责分工、职责调整（划入、划出、整合）和条文中的分工、牵头会同。

    适用于三定规定，也适用于法规、通知和职责边界清单。

    示例：sanding relations 三定/ 条例.pdf --json
    """
    from ..labels import RELATIONS
    files = collect_files(paths)
    if not files:
        fail("没有找到可读取的文件（支持 .docx .pdf .txt .html）。")
    documents, failed = parsed_files(files, department, government)
    for doc in documents:
        if as_json:
            click.echo(json.dumps({"file": doc.file, "department": doc.department, "relations": doc.relations},
                                  ensure_ascii=False))
            continue
        click.echo(f"{doc.file}（{doc.department or '未识别部门'}）：{len(doc.relations)} 处部门关系")
        for relation in doc.relations:
            click.echo(f"  [{RELATIONS.get(relation['relation'], relation['relation'])}] "
                       f"{relation['a']} — {relation['b']}：{relation['quote'][:60]}")
    if failed:
        sys.exit(2)


@click.command("versions")
@click.option("--government", required=True, metavar="政府", help="政府名称，如 示例市。")
@click.option("--json", "as_json", is_flag=True,
              help='输出 JSON：[{"department", "current": {"title", "date", "file"}, "versions": [...]}]。')
@db_option
@with_store
def versions_command(app, db, government: str, as_json: bool) -> None:
    """列出一个政府各部门的三定版本和现行版本（按施行日期，其次文号年份，再次上传先后）。

    示例：sanding versions --government 示例市 --json
    """
    from .. import store
    from ..services.ingest import version_summary
    found = store.documents.get_government_by_name(db, government)
    if found is None:
        fail(f"没有找到政府“{government}”。")
    result = []
    for department in store.documents.government_departments(db, found["id"]):
        versions = [version_summary(row) for row in store.documents.department_versions(db, department["id"])]
        result.append({"department": department["name"], "current": versions[-1], "versions": versions})
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    for entry in result:
        current = entry["current"]
        click.echo(f"{entry['department']}：现行 {current['file']}（{current['date']}，{current['date_source']}）"
                   + (f"，另有 {len(entry['versions']) - 1} 个历史版本" if len(entry["versions"]) > 1 else ""))


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
    from docproc import ParseError, parse
    from docproc.diff import diff, write_docx
    documents = []
    for name in (old, new):
        try:
            documents.append(parse(name))
        except ParseError as error:
            fail(str(error))
        except OSError:
            fail(f"无法读取文件 {name}")
    result = diff(documents[0], documents[1])
    if docx_out:
        try:
            write_docx(result, docx_out)
        except OSError:
            fail(f"无法写入 {docx_out}")
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        click.echo(_diff_summary(result))


def _diff_summary(result) -> str:
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
