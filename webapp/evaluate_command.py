"""`sanding evaluate`: score, rank and grade a government's departments with one indicator system."""
from __future__ import annotations

import json
import re
from pathlib import Path

import click

from survey.evaluation.indicators import IndicatorError

from . import evaluation_data, store
from .commands import _fail, db_option, with_store


def _round_ids(value: str | None) -> list[int] | None:
    if not value:
        return None
    parts = [part.strip() for part in re.split(r"[,，\s]+", value) if part.strip()]
    if not parts or not all(part.isdigit() for part in parts):
        _fail(f"--rounds 应为逗号分隔的评议轮次编号，如 3,5，实际为“{value}”。")
    return [int(part) for part in parts]


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "部门"


@click.command("evaluate")
@click.option("--government", required=True, help="政府名称，如 示例市。")
@click.option("--system", "system_name", required=True, help="指标体系名称或编号。")
@click.option("--rounds", help="使用的评议轮次编号（逗号分隔）；默认为指标体系引用的轮次。")
@click.option("--grades", help="等次分数线：优秀,良好,一般（默认 90,80,60，其余为较差）。")
@click.option("--shares", help="改按名次比例定等次：优秀,良好,一般 的比例，如 0.2,0.4,0.3（其余为较差）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="把排名表写入 .xlsx 文件。")
@click.option("--docx", "docx_dir", type=click.Path(file_okay=False),
              help="把各部门评估报告和汇总通报（.docx）写入此目录。")
@db_option
@with_store
def evaluate_command(app, db, government, system_name, rounds, grades, shares, as_json, xlsx_path,
                     docx_dir) -> None:
    """按指标体系为一个政府的各部门评分、排名、定等次。

    每项得分注明来源（评估员及依据、评议轮次、职责交叉、人员编制核对）；未评分的指标显示为缺项，
    不按零分计，有缺项的部门不排名。

    示例：sanding evaluate --government 示例市 --system 机构改革评估七项指标 --rounds 3,4 --json
    """
    round_ids = _round_ids(rounds)
    grading = _grading(grades, shares)
    found = store.documents.get_government_by_name(db, government)
    if found is None:
        _fail(f"没有名为“{government}”的政府。")
    system_row = store.evaluations.find_system(db, found["id"], system_name)
    if system_row is None:
        _fail(f"“{government}”没有名称或编号为“{system_name}”的指标体系。")
    try:
        outcome = evaluation_data.evaluate_government(db, found, system_row, round_ids, grading,
                                                      secret=app.config["SECRET_KEY"])
    except evaluation_data.EvaluationError as error:
        _fail(str(error))
    except IndicatorError as error:
        _fail("指标体系有误：" + "；".join(error.errors))
    if xlsx_path:
        Path(xlsx_path).parent.mkdir(parents=True, exist_ok=True)
        Path(xlsx_path).write_bytes(evaluation_data.ranking_xlsx(outcome))
    if docx_dir:
        folder = Path(docx_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for department in outcome.departments:
            (folder / f"{_safe(department)}评估报告.docx").write_bytes(
                evaluation_data.department_report(db, outcome, department))
        (folder / f"{_safe(government)}评估结果通报.docx").write_bytes(evaluation_data.summary_report(outcome))
    if as_json:
        click.echo(json.dumps(evaluation_data.to_json(outcome), ensure_ascii=False))
        return
    click.echo(f"{government}　{outcome.system.name}：{len(outcome.evaluations)} 个部门")
    for evaluation in outcome.evaluations:
        if evaluation.total is None:
            click.echo(f"  —\t{evaluation.department}\t缺 {len(evaluation.missing)} 项，暂不排名")
        else:
            click.echo(f"  {evaluation.rank}\t{evaluation.department}\t{evaluation.total:.2f}\t{evaluation.grade}")


def _grading(grades: str | None, shares: str | None):
    """--grades 90,80,60 (score lines) or --shares 0.2,0.4,0.3 (shares of the ranking)."""
    from survey.evaluation.evaluate import Grading

    names = ["优秀", "良好", "一般"]
    text = shares or grades
    if not text:
        return Grading()
    try:
        values = [float(part) for part in text.replace("，", ",").split(",")]
    except ValueError:
        _fail(f"等次设置“{text}”应为三个用逗号分隔的数字")
    if len(values) != 3:
        _fail(f"等次设置“{text}”应为三个数字（优秀、良好、一般）")
    if shares:
        if any(v < 0 for v in values) or sum(values) > 1:
            _fail("等次比例应为非负数，且合计不超过 1")
        return Grading(shares=dict(zip(names, values)))
    if not values[0] >= values[1] >= values[2]:
        _fail("等次分数线应从高到低：优秀 ≥ 良好 ≥ 一般")
    return Grading(thresholds=dict(zip(names, values)))
