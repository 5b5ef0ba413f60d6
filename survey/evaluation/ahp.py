"""AHP (层次分析法): weights from pairwise comparison matrices on Saaty's 1–9 scale.

Weights are the principal eigenvector; consistency is checked with Saaty's
random index table (Saaty 1980, RI for n = 1…15). A matrix with CR ≥ 0.10 is
refused, naming the judgements that disagree most with the weights.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

RI_TABLE_NAME = "Saaty (1980) 随机一致性指标 RI"
RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
                10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59}
CR_LIMIT = 0.10
METHOD = "特征向量法（主特征向量），一致性比率 CR = CI / RI，CR < 0.10 视为通过"


class AhpError(ValueError):
    """A matrix that cannot be used; the message is in Chinese."""


@dataclass
class AhpResult:
    weights: list[float]
    lambda_max: float
    ci: float
    cr: float
    ri: float
    consistent: bool
    worst: list[str] = field(default_factory=list)  # judgements that disagree most

    def to_dict(self) -> dict:
        return {"weights": [round(w, 6) for w in self.weights], "lambda_max": round(self.lambda_max, 6),
                "ci": round(self.ci, 6), "cr": round(self.cr, 6), "ri_table": RI_TABLE_NAME,
                "ri": self.ri, "consistent": self.consistent, "method": METHOD,
                **({"disagreeing": self.worst} if self.worst else {})}

    def refusal(self, names: list[str] | None = None) -> str:
        return (f"判断矩阵一致性不足（CR = {self.cr:.3f} ≥ {CR_LIMIT}），请修改判断后再提交。"
                f"与权重最不一致的判断：{'；'.join(self.worst)}")


def weigh(matrix: list[list[float]], names: list[str] | None = None) -> AhpResult:
    """Principal-eigenvector weights, λmax, CI and CR of a reciprocal matrix."""
    a = _checked(matrix)
    n = a.shape[0]
    names = names or [f"第{i + 1}项" for i in range(n)]
    if n == 1:
        return AhpResult([1.0], 1.0, 0.0, 0.0, 0.0, True)
    values, vectors = np.linalg.eig(a)
    index = int(np.argmax(values.real))
    vector = np.abs(vectors[:, index].real)
    weights = vector / vector.sum()
    lambda_max = float(values[index].real)
    ci = max(0.0, (lambda_max - n) / (n - 1))
    if n > max(RANDOM_INDEX):
        raise AhpError(f"判断矩阵最多 {max(RANDOM_INDEX)} 阶（Saaty RI 表的范围），实际 {n} 阶")
    ri = RANDOM_INDEX[n]
    cr = ci / ri if ri else 0.0
    result = AhpResult([float(w) for w in weights], lambda_max, ci, cr, ri, cr < CR_LIMIT)
    if not result.consistent:
        result.worst = _worst_judgements(a, weights, names)
    return result


def _worst_judgements(a: np.ndarray, weights: np.ndarray, names: list[str], count: int = 3) -> list[str]:
    """Pairs whose judgement a_ij is furthest from the ratio w_i / w_j the weights imply."""
    n = a.shape[0]
    gaps = []
    for i in range(n):
        for j in range(i + 1, n):
            implied = weights[i] / weights[j]
            gap = max(a[i, j] / implied, implied / a[i, j])
            gaps.append((gap, i, j, implied))
    gaps.sort(reverse=True)
    return [f"“{names[i]}”比“{names[j]}”判为 {_show(a[i, j])}，与权重推算的 {implied:.2f} 相差 {gap:.1f} 倍"
            for gap, i, j, implied in gaps[:count]]


def _show(value: float) -> str:
    if value >= 1:
        return f"{value:g}"
    return f"1/{round(1 / value):g}"


def _checked(matrix: list[list[float]]) -> np.ndarray:
    a = np.array(matrix, dtype=float)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise AhpError("判断矩阵必须是方阵")
    n = a.shape[0]
    for i in range(n):
        if abs(a[i, i] - 1) > 1e-9:
            raise AhpError(f"对角线第{i + 1}个元素应为 1，实际为 {a[i, i]:g}")
        for j in range(n):
            value = a[i, j]
            if not np.isfinite(value) or value <= 0:
                raise AhpError(f"第{i + 1}行第{j + 1}列应为正数，实际为 {value:g}")
            if value > 9 + 1e-9 or value < 1 / 9 - 1e-9:
                raise AhpError(f"第{i + 1}行第{j + 1}列 {value:g} 超出 1–9 标度（1/9 到 9）")
            if abs(value * a[j, i] - 1) > 0.02:
                raise AhpError(f"第{i + 1}行第{j + 1}列与第{j + 1}行第{i + 1}列不互为倒数")
    return a


def geometric_mean(matrices: list[list[list[float]]]) -> list[list[float]]:
    """Several experts' judgements combined element-wise by the geometric mean."""
    if not matrices:
        raise AhpError("没有专家判断矩阵")
    arrays = [_checked(m) for m in matrices]
    if len({a.shape for a in arrays}) != 1:
        raise AhpError("各专家的判断矩阵阶数不一致")
    combined = np.exp(np.mean([np.log(a) for a in arrays], axis=0))
    return combined.tolist()


@dataclass
class GroupAhp:
    """Several experts' judgements of one parent's children, combined."""
    experts: list[tuple[str, AhpResult]]  # each expert's own weights and CR, in the order given
    matrix: list[list[float]]  # the element-wise geometric mean of the matrices used
    result: AhpResult  # the group matrix's weights, λmax, CI and CR
    used: list[str]  # experts whose matrices went into the group matrix
    left_out: list[str] = field(default_factory=list)  # inconsistent experts dropped on request

    @property
    def inconsistent(self) -> list[str]:
        """Experts whose own matrix has CR ≥ 0.10 (flagged on the page)."""
        return [name for name, result in self.experts if not result.consistent]


def group_weights(judgements: list[tuple[str, list[list[float]]]], names: list[str] | None = None, *,
                  drop_inconsistent: bool = False) -> GroupAhp:
    """Each expert's CR, and the weights and CR of the element-wise geometric mean of their
    matrices (which keeps a matrix reciprocal, so it is a judgement matrix itself). With
    `drop_inconsistent`, experts whose CR ≥ 0.10 are left out of the group matrix."""
    if not judgements:
        raise AhpError("还没有专家提交判断矩阵")
    experts = [(expert, weigh(matrix, names)) for expert, matrix in judgements]
    chosen = [(expert, matrix) for (expert, matrix), (_, result) in zip(judgements, experts)
              if result.consistent or not drop_inconsistent]
    if not chosen:
        raise AhpError("所有专家的判断矩阵一致性都未通过（CR ≥ 0.10），无法形成专家组判断矩阵")
    matrix = geometric_mean([m for _, m in chosen])
    left_out = [expert for expert, result in experts if drop_inconsistent and not result.consistent]
    return GroupAhp(experts, matrix, weigh(matrix, names), [expert for expert, _ in chosen], left_out)


def read_matrix(text: str) -> tuple[list[list[float]], list[str] | None]:
    """A CSV matrix, full or upper triangle (lower cells empty), values like 3, 0.2 or 1/5.

    An optional first row and first column of names are recognised when the
    top-left cell is empty or not a number.
    """
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    if not rows:
        raise AhpError("矩阵文件是空的")
    names = None
    if rows[0] and _number(rows[0][0]) is None and len(rows) > 1:
        names = rows[0][1:]
        rows = [row[1:] for row in rows[1:]]
    n = len(rows)
    matrix: list[list[float | None]] = [[None] * n for _ in range(n)]
    for i, row in enumerate(rows):
        if len(row) > n and any(row[n:]):
            raise AhpError(f"第{i + 1}行的列数多于行数，矩阵必须是方阵")
        for j in range(n):
            cell = row[j] if j < len(row) else ""
            if cell == "":
                continue
            value = _number(cell)
            if value is None:
                raise AhpError(f"第{i + 1}行第{j + 1}列“{cell}”不是数字")
            matrix[i][j] = value
    full: list[list[float]] = []
    for i in range(n):
        full.append([])
        for j in range(n):
            value = matrix[i][j]
            if i == j:
                value = value or 1.0
            elif value is None:
                mirror = matrix[j][i]
                if mirror is None:
                    raise AhpError(f"第{i + 1}行第{j + 1}列和第{j + 1}行第{i + 1}列都为空")
                value = 1 / mirror
            full[i].append(value)
    return full, names


def _number(cell: str) -> float | None:
    try:
        return float(Fraction(cell.replace("／", "/")))
    except (ValueError, ZeroDivisionError):
        return None
