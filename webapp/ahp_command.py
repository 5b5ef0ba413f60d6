"""`sanding ahp`: AHP weights and consistency of a pairwise comparison matrix."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from docproc.errors import ParseError
from docproc.read.text import decode
from survey.evaluation.ahp import AhpError, geometric_mean, read_matrix, weigh


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
        _fail(f"找不到文件 {matrix_file}")
    except (ParseError, AhpError) as error:
        _fail(str(error))
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


def _fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(2)
