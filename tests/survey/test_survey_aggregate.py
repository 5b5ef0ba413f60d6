"""Aggregation, scales, tokens and rater lists, checked on hand-computed examples."""
from __future__ import annotations

import io
from datetime import datetime

import pytest

from survey.aggregate import TrimRule, merge, summarise
from survey.raters import RaterListError, read_raters
from survey.responses import AnswerError, check_answers
from survey.rounds import Round, RoundError
from survey.scales import COUNTY, PUBLIC, Scale
from survey.tokens import new_token, token_hash


def test_county_group_by_hand():
    # 100,100,85,70,50,100,85 (+ one 不了解): n = 7, sum 590.
    labels = ["好", "好", "较好", "一般", "差", "好", "较好", "不了解"]
    result = summarise("区市党政领导", labels, COUNTY)
    assert (result.n, result.answered) == (7, 8)
    assert result.mean == 84.29  # 590 / 7 = 84.2857…
    assert result.dropped == [50, 100]  # one lowest and one highest
    assert result.trimmed_mean == 88.0  # (100+100+85+85+70) / 5
    assert result.satisfaction_rate == 85.71  # 6 of 7 not 差
    assert result.distribution == {"好": 3, "较好": 2, "一般": 1, "差": 1, "不了解": 1}


def test_no_trimming_below_seven_answers():
    result = summarise("对口部门", ["好", "较好", "一般", "差", "好", "好"], COUNTY)
    assert result.dropped == [] and result.trimmed_mean == result.mean == 84.17  # 505 / 6 = 84.1666…


def test_explicit_whole_number_trimmed_at_each_end():
    labels = ["非常满意"] * 5 + ["满意"] * 3 + ["基本满意"] * 2 + ["不满意"] * 2  # n = 12
    result = summarise("企业", labels, PUBLIC, trim=TrimRule(count=2, min_answers=7))
    # sorted: 0,0,70,70,85,85,85,100,100,100,100,100 → drop two at each end,
    # keep 70,70,85,85,85,100,100,100 = 695 / 8 = 86.875 → 86.88 (halves up).
    assert result.dropped == [0, 0, 100, 100]
    assert result.trimmed_mean == 86.88
    assert result.mean == 74.58  # (500 + 255 + 140 + 0) / 12 = 895 / 12 = 74.583…
    assert result.satisfaction_rate == 83.33  # 10 of 12 not 不满意


def test_groups_under_k_are_hidden_and_left_out_of_the_merge():
    leaders = summarise("区市党政领导", ["好"] * 6 + ["较好"] * 2, COUNTY)  # 8 answers
    counterparts = summarise("对口部门", ["好", "一般", "差"], COUNTY)  # 3 < k
    assert counterparts.hidden and counterparts.public()["mean"] is None
    merged = merge("示例市市场监督管理局", [leaders, counterparts], {"区市党政领导": 0.6, "对口部门": 0.4})
    assert merged.left_out == ["对口部门"]
    assert merged.score == leaders.trimmed_mean  # only the visible group remains, weight renormalised


def test_weighted_merge_by_hand():
    a = summarise("区市党政领导", ["好"] * 5, COUNTY)  # 100
    b = summarise("对口部门", ["一般"] * 5, COUNTY)  # 70
    merged = merge("部门", [a, b], {"区市党政领导": 0.6, "对口部门": 0.4})
    assert merged.score == 88.0  # 0.6*100 + 0.4*70


def test_rounding_halves_up():
    result = summarise("群众", ["非常满意", "满意", "满意", "满意", "满意", "满意", "满意", "满意"], PUBLIC,
                       trim=TrimRule(count=0))
    assert result.mean == 86.88  # 695 / 8 = 86.875 → 86.88


def test_scale_round_trip_and_unknown_label():
    assert Scale.from_dict(COUNTY.to_dict()) == COUNTY
    with pytest.raises(KeyError):
        COUNTY.value_of("很好")


def test_tokens_are_long_and_stored_as_hashes():
    token = new_token()
    assert len(token) >= 32 and token != new_token()
    assert len(token_hash(token)) == 64 and token not in token_hash(token)


DEPARTMENTS = ["示例市市场监督管理局", "示例市农业农村局", "示例市生态环境局"]


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def test_rater_list_from_csv_and_xlsx():
    text = "姓名,单位,组别,评议部门\n张三,示例县人民政府,区市党政领导,示例市市场监督管理局；示例市农业农村局\n" \
           "李四,示例县农业农村局,对口部门,\n"
    raters = read_raters(_csv(text), "raters.csv", DEPARTMENTS)
    assert raters[0].departments == ["示例市市场监督管理局", "示例市农业农村局"]
    assert raters[1].departments == []  # all departments
    from openpyxl import Workbook

    book = Workbook()
    for row in [["姓名", "单位", "组别", "评议部门"],
                ["王五", "示例区政府", "区市党政领导", "示例市生态环境局、示例市农业农村局"]]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_raters(buffer.getvalue(), "raters.xlsx", DEPARTMENTS)[0].departments == \
        ["示例市生态环境局", "示例市农业农村局"]


@pytest.mark.parametrize("text, message", [
    ("名字,单位,组别,评议部门\n张三,县政府,领导,\n", "第1行表头"),
    ("姓名,单位,组别,评议部门\n张三,,领导,\n", "第2行“单位”列为空"),
    ("姓名,单位,组别,评议部门\n张三,县政府,领导,示例市不存在局\n", "第2行“评议部门”列的“示例市不存在局”"),
    ("姓名,单位,组别,评议部门\n张三,县政府,领导,\n张三,县政府,领导,\n", "第3行：县政府的张三重复出现"),
    ("姓名,单位,组别,评议部门\n", "没有评议人"),
])
def test_bad_rater_lists_name_row_and_column(text, message):
    with pytest.raises(RaterListError) as caught:
        read_raters(_csv(text), "raters.csv", DEPARTMENTS)
    assert message in str(caught.value)


def test_rater_list_wrong_type_and_corrupt_xlsx():
    with pytest.raises(RaterListError, match="不支持的文件类型"):
        read_raters(b"abc", "raters.pdf", DEPARTMENTS)
    with pytest.raises(RaterListError, match="Excel 文件已损坏"):
        read_raters(b"not a zip", "raters.xlsx", DEPARTMENTS)


# --- checking submitted answers -------------------------------------------------------------


def test_answers_for_exactly_the_raters_departments():
    answers = check_answers(COUNTY, ["甲局", "乙局"], {"甲局": "好", "乙局": "不了解"}, {"甲局": "很好"})
    assert [(a.department, a.value, a.comment) for a in answers] == [("甲局", 100, "很好"), ("乙局", None, "")]


@pytest.mark.parametrize("ratings, comments, message", [
    ({"甲局": "好", "丙局": "差"}, {}, "不在您评议范围内的部门：丙局"),
    ({"甲局": "很好", "乙局": "好"}, {}, "不是有效选项"),
    ({"甲局": "好"}, {}, "还有 1 个部门未评价：乙局"),
    ({"甲局": "好", "乙局": "好"}, {"乙局": "长" * 501}, "超过 500 字"),
    ({"甲局": "好", "乙局": "好"}, {"丁局": "x"}, "丁局"),
])
def test_bad_answers_are_refused(ratings, comments, message):
    with pytest.raises(AnswerError, match=message):
        check_answers(COUNTY, ["甲局", "乙局"], ratings, comments)


# --- rounds -----------------------------------------------------------------------------------


def test_round_defaults_and_states():
    r = Round("2026年市县评作为", "county", "示例市", 2026, ["甲局", "乙局"],
              opens=datetime(2026, 11, 1), closes=datetime(2026, 11, 30))
    r.validate()
    assert r.scale.name == "市县评作为" and r.groups == {"区市党政领导": 0.6, "对口部门": 0.4}
    assert [r.state(datetime(2026, 10, 1)), r.state(datetime(2026, 11, 5)), r.state(datetime(2026, 12, 1))] == \
        ["未开始", "进行中", "已结束"]


@pytest.mark.parametrize("change, message", [
    (dict(kind="other"), "评议类型"), (dict(departments=[]), "没有被评议的部门"),
    (dict(departments=["甲局", "甲局"]), "重复"), (dict(groups={"区市党政领导": 0.5}), "权重之和"),
    (dict(opens=datetime(2026, 12, 1), closes=datetime(2026, 11, 1)), "结束时间"),
])
def test_bad_rounds(change, message):
    values = dict(name="轮次", kind="county", government="示例市", year=2026, departments=["甲局"])
    values.update(change)
    with pytest.raises(RoundError, match=message):
        Round(**values).validate()
