"""Evaluation commands: evaluate (scores, ranks, grades, reports) and ahp (weights)."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from .common import db_option, fail, with_store


def _round_ids(value: str | None) -> list[int] | None:
    if not value:
        return None
    parts = [part.strip() for part in re.split(r"[,，\s]+", value) if part.strip()]
    if not parts or not all(part.isdigit() for part in parts):
        fail(f"--rounds 应为逗号分隔的评议轮次编号，如 3,5，实际为“{value}”。")
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
    from survey.evaluation.indicators import IndicatorError

    from .. import store
    from ..services import evaluations as evaluation_data
    round_ids = _round_ids(rounds)
    grading = _grading(grades, shares)
    found = store.documents.get_government_by_name(db, government)
    if found is None:
        fail(f"没有名为“{government}”的政府。")
    system_row = store.evaluations.find_system(db, found["id"], system_name)
    if system_row is None:
        fail(f"“{government}”没有名称或编号为“{system_name}”的指标体系。")
    try:
        outcome = evaluation_data.evaluate_government(db, found, system_row, round_ids, grading,
                                                      secret=app.config["SECRET_KEY"])
    except evaluation_data.EvaluationError as error:
        fail(str(error))
    except IndicatorError as error:
        fail("指标体系有误：" + "；".join(error.errors))
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
        fail(f"等次设置“{text}”应为三个用逗号分隔的数字")
    if len(values) != 3:
        fail(f"等次设置“{text}”应为三个数字（优秀、良好、一般）")
    if shares:
        if any(v < 0 for v in values) or sum(values) > 1:
            fail("等次比例应为非负数，且合计不超过 1")
        return Grading(shares=dict(zip(names, values)))
    if not values[0] >= values[1] >= values[2]:
        fail("等次分数线应从高到低：优秀 ≥ 良好 ≥ 一般")
    return Grading(thresholds=dict(zip(names, values)))


@click.command("ahp")
@click.argument("matrix_files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
def ahp_command(matrix_files: tuple[str, ...], as_json: bool) -> None:
    """用层次分析法（特征向量法）计算权重并检验一致性。

    MATRIX_FILES 是 CSV 判断矩阵（全矩阵或上三角，可含名称行和名称列，可写 1/5）；
    给出多位专家的矩阵时，先按元素几何平均合成一个矩阵。
    一致性比率 CR ≥ 0.10 时拒绝（退出码 1），文件有误时退出码 2。

    示例：sanding ahp 一级指标判断矩阵.csv --json
    示例：sanding ahp 专家甲.csv 专家乙.csv 专家丙.csv
    """
    from docproc.errors import ParseError
    from docproc.read.text import decode
    from survey.evaluation.ahp import AhpError, geometric_mean, read_matrix, weigh
    matrix_file = matrix_files[0]
    try:
        matrices, names = [], None
        for matrix_file in matrix_files:
            matrix, found_names = read_matrix(decode(Path(matrix_file).read_bytes()))
            matrices.append(matrix)
            names = names or found_names
        matrix = matrices[0] if len(matrices) == 1 else geometric_mean(matrices)
        result = weigh(matrix, names)
    except FileNotFoundError:
        fail(f"找不到文件 {matrix_file}")
    except (ParseError, AhpError) as error:
        fail(str(error))
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        labels = names or [f"第{i + 1}项" for i in range(len(result.weights))]
        for label, weight in zip(labels, result.weights):
            click.echo(f"{label}\t{weight:.4f}")
        click.echo(f"λmax = {result.lambda_max:.4f}，CI = {result.ci:.4f}，RI = {result.ri}，CR = {result.cr:.4f}")
        click.echo("方法：特征向量法；随机一致性指标表：Saaty (1980)")
    if not result.consistent:
        click.echo(result.refusal(), err=True)
        sys.exit(1)  # refused: the weights must not be used
