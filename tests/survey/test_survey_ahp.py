"""AHP on Saaty's published worked examples, expert aggregation and bad matrices."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from survey.evaluation.ahp import AhpError, geometric_mean, read_matrix, weigh
from webapp.cli import main

# Saaty (1980), relative wealth of nations: published eigenvector and λmax = 7.61.
NATIONS = [[1, 4, 9, 6, 6, 5, 5], [1 / 4, 1, 7, 5, 5, 3, 4], [1 / 9, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 7, 1 / 5],
           [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3], [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
           [1 / 5, 1 / 3, 7, 3, 3, 1, 2], [1 / 5, 1 / 4, 5, 3, 3, 1 / 2, 1]]
NATIONS_WEIGHTS = [0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094]


def test_saaty_wealth_of_nations():
    result = weigh(NATIONS)
    assert [round(w, 3) for w in result.weights] == NATIONS_WEIGHTS
    assert round(result.lambda_max, 2) == 7.61
    assert round(result.ci, 3) == 0.101 and round(result.cr, 3) == 0.077  # RI(7) = 1.32
    assert result.consistent


def test_textbook_three_by_three():
    result = weigh([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    assert [round(w, 3) for w in result.weights] == [0.637, 0.258, 0.105]
    assert round(result.lambda_max, 3) == 3.039 and round(result.cr, 3) == 0.033


def test_inconsistent_matrix_names_the_worst_judgements():
    result = weigh([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]], ["职能配置", "内设机构", "人员编制"])
    assert not result.consistent and result.cr >= 0.10
    assert "职能配置" in result.refusal() and "CR" in result.refusal()


def test_geometric_mean_of_experts():
    combined = geometric_mean([[[1, 4], [1 / 4, 1]], [[1, 1], [1, 1]]])
    assert combined[0][1] == pytest.approx(2.0) and combined[1][0] == pytest.approx(0.5)


def test_upper_triangle_csv_with_names_and_fractions():
    matrix, names = read_matrix(",甲,乙,丙\n甲,1,3,5\n乙,,1,3\n丙,,,1\n")
    assert names == ["甲", "乙", "丙"]
    assert matrix[2][0] == pytest.approx(1 / 5)
    matrix, names = read_matrix("1,1/3\n3,1\n")
    assert names is None and matrix[0][1] == pytest.approx(1 / 3)


@pytest.mark.parametrize("matrix, message", [
    ([[1, 2], [2, 1]], "不互为倒数"),
    ([[1, 12], [1 / 12, 1]], "超出 1–9 标度"),
    ([[1, 0], [0, 1]], "应为正数"),
    ([[2, 1], [1, 1]], "对角线"),
    ([[1, 2, 3], [1 / 2, 1, 2]], "方阵"),
])
def test_bad_matrices(matrix, message):
    with pytest.raises(AhpError, match=message):
        weigh(matrix)


def test_cli_json_contract_and_refusal(tmp_path):
    good = tmp_path / "m.csv"
    good.write_text(",甲,乙,丙\n甲,1,3,5\n乙,,1,3\n丙,,,1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ahp", str(good), "--json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert set(data) >= {"weights", "lambda_max", "ci", "cr", "ri_table", "consistent"}
    assert data["consistent"] is True and "Saaty" in data["ri_table"]
    bad = tmp_path / "bad.csv"
    bad.write_text("1,9,1/9\n,1,9\n,,1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ahp", str(bad), "--json"])
    assert result.exit_code == 1 and json.loads(result.stdout)["consistent"] is False
    assert "一致性不足" in result.stderr
    text = tmp_path / "text.csv"
    text.write_text("1,a\n,1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ahp", str(text)])
    assert result.exit_code == 2 and "不是数字" in result.output


def test_cli_combines_several_experts_by_geometric_mean(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("1,4\n,1\n", encoding="utf-8")
    second.write_text("1,1\n,1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ahp", str(first), str(second), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["weights"] == pytest.approx([2 / 3, 1 / 3], abs=1e-6)  # combined 1:2
