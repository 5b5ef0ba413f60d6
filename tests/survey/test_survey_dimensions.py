"""Rounds that rate several dimensions per department: definitions, answers, results with the k rule
in every dimension and cut, evaluation sources, and the raw export that stays unlinkable."""
from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from survey.dimensions import Dimension, dimension_problems, dimensions_text, parse_dimensions
from survey.evaluation.indicators import SOURCE, Indicator, IndicatorSystem, survey_rounds
from survey.evaluation.inputs import survey_scores
from survey.raw_responses import ExportRefused, raw_csv, raw_responses, raw_xlsx
from survey.responses import AnswerError, check_dimension_answers, stored
from survey.results import results_xlsx, round_results
from survey.rounds import Round, RoundError
from survey.scales import COUNTY, parse_scale

SPEED = parse_scale("快=100\n较快=85\n一般=70\n慢=50*\n不了解=", "办事效率")
DIMENSIONS = [Dimension("服务基层", COUNTY), Dimension("工作作风", COUNTY), Dimension("办事效率", SPEED)]
DEPARTMENTS = ["示例市甲局", "示例市乙局"]


def _round(**settings) -> Round:
    values = dict(name="2024年度市县评作为", kind="county", government="示例市", year=2024,
                  departments=list(DEPARTMENTS), dimensions=list(DIMENSIONS))
    values.update(settings)
    return Round(**values)


def _answer(department: str, service: str, style: str, speed: str, comment: str = "") -> dict:
    return {"department": department, "ratings": {"服务基层": service, "工作作风": style, "办事效率": speed},
            **({"comment": comment} if comment else {})}


# --- definitions ----------------------------------------------------------------------

def test_dimensions_are_typed_one_a_line_and_written_back_the_same_way():
    text = "服务基层\n工作作风\n\n办事效率：快=100、较快=85，一般=70；慢=50*、不了解=\n"
    found = parse_dimensions(text, COUNTY)
    assert [d.name for d in found] == ["服务基层", "工作作风", "办事效率"]
    assert found[0].scale == COUNTY and found[2].scale.options == SPEED.options
    assert found[2].scale.value_of("不了解") is None and found[2].scale.is_negative(50)
    assert dimensions_text(found, COUNTY) == "服务基层\n工作作风\n办事效率：快=100、较快=85、一般=70、慢=50*、不了解="
    assert parse_dimensions(dimensions_text(found, COUNTY), COUNTY) == found
    assert Dimension.from_dict(found[2].to_dict()) == found[2]
    assert parse_dimensions("", COUNTY) == []


@pytest.mark.parametrize(("text", "message"), [
    ("办事效率：", "冒号后应写评价等次"),
    ("：好=100、差=50", "缺少维度名称"),
    ("办事效率：快", "评议维度“办事效率”：评价等次第1行应写成“标签=分值”"),
    ("办事效率：快=100", "至少需要两个计分的选项"),
])
def test_a_wrong_dimension_line_is_named(text, message):
    with pytest.raises(ValueError, match=message):
        parse_dimensions(text, COUNTY)


def test_a_round_refuses_duplicate_long_or_unusable_dimension_names():
    assert dimension_problems(DIMENSIONS) == []
    twice = [Dimension("服务基层", COUNTY)] * 2
    assert dimension_problems(twice) == ["评议维度“服务基层”重复"]
    assert "不能含有冒号或 @" in dimension_problems([Dimension("效率@窗口", COUNTY)])[0]
    assert "超过 20 个字" in dimension_problems([Dimension("很" * 21, COUNTY)])[0]
    assert "最多 12 个" in dimension_problems([Dimension(f"维度{i}", COUNTY) for i in range(13)])[0]
    with pytest.raises(RoundError, match="重复"):
        _round(dimensions=twice).validate()
    _round().validate()


# --- answers --------------------------------------------------------------------------

def test_every_dimension_of_every_department_is_needed_to_submit_but_not_for_a_draft():
    ratings = {"示例市甲局": {"服务基层": "好", "工作作风": "较好", "办事效率": "快"},
               "示例市乙局": {"服务基层": "一般"}}
    with pytest.raises(AnswerError, match=r"还有 1 个部门未评价完：示例市乙局（工作作风、办事效率）"):
        check_dimension_answers(DIMENSIONS, DEPARTMENTS, ratings, {})
    answers = check_dimension_answers(DIMENSIONS, DEPARTMENTS, ratings, {"示例市乙局": " 意见 "}, require_all=False)
    assert [stored(a) for a in answers] == [
        {"department": "示例市甲局", "ratings": {"服务基层": "好", "工作作风": "较好", "办事效率": "快"}},
        {"department": "示例市乙局", "ratings": {"服务基层": "一般"}, "comment": "意见"}]


@pytest.mark.parametrize(("ratings", "message"), [
    ({"示例市丙局": {"服务基层": "好"}}, "不在您评议范围内的部门：示例市丙局"),
    ({"示例市甲局": {"廉洁自律": "好"}}, "本轮没有的评议维度：廉洁自律"),
    ({"示例市甲局": {"办事效率": "好"}}, "“示例市甲局”的“办事效率”评价“好”不是有效选项"),
])
def test_forged_or_wrong_dimension_answers_are_refused(ratings, message):
    with pytest.raises(AnswerError, match=message):
        check_dimension_answers(DIMENSIONS, DEPARTMENTS, ratings, {}, require_all=False)


def test_a_round_without_dimensions_stores_its_answers_as_before():
    from survey.responses import check_answers
    [answer] = check_answers(COUNTY, ["示例市甲局"], {"示例市甲局": "好"}, {"示例市甲局": "很好"})
    assert stored(answer) == {"department": "示例市甲局", "label": "好", "comment": "很好"}


# --- results --------------------------------------------------------------------------

def _responses() -> list[tuple[str, list[dict]]]:
    """Six leaders rate both departments; three counterparts (under k = 5) rate 甲局 only."""
    leaders = [("区市党政领导", [_answer("示例市甲局", "好", "较好", "快", f"意见{i}"),
                                 _answer("示例市乙局", "一般", "一般", "慢" if i < 5 else "不了解")])
               for i in range(6)]
    counterparts = [("对口部门", [_answer("示例市甲局", "差", "差", "慢")]) for _ in range(3)]
    return leaders + counterparts


def test_results_per_dimension_hold_the_k_rule_in_every_dimension_and_group():
    results = round_results(_round(), _responses())
    assert list(results.dimensions) == ["服务基层", "工作作风", "办事效率"]
    service = {r.department: r for r in results.dimensions["服务基层"]}
    assert service["示例市甲局"].score == 100.0 and service["示例市甲局"].left_out == ["对口部门"]
    counterpart = service["示例市甲局"].groups[1]
    assert counterpart.hidden and counterpart.mean is None and counterpart.n == 3
    speed = {r.department: r for r in results.dimensions["办事效率"]}
    assert speed["示例市乙局"].groups[0].n == 5 and speed["示例市乙局"].score == 50.0  # 不了解 is no answer
    # Overall: per group the mean of the dimensions, merged by group weights.
    overall = {r.department: r for r in results.departments}
    assert overall["示例市甲局"].score == round((100 + 85 + 100) / 3, 2) == 95.0
    assert overall["示例市甲局"].left_out == ["对口部门"] and overall["示例市甲局"].groups[1].hidden
    assert overall["示例市乙局"].score == 63.33  # (70 + 70 + 50) / 3
    assert results.comments["示例市甲局"] == [f"意见{i}" for i in range(6)]


def test_one_dimension_under_k_hides_that_group_in_the_overall_figure_too():
    answers = [("区市党政领导", [_answer("示例市甲局", "好", "好", "不了解" if i < 2 else "快")]) for i in range(6)]
    results = round_results(_round(departments=["示例市甲局"]), answers)
    assert results.dimensions["办事效率"][0].groups[0].hidden  # 4 valid answers < 5
    assert not results.dimensions["服务基层"][0].groups[0].hidden
    assert results.departments[0].groups[0].hidden and results.departments[0].score is None


def test_a_group_cut_applies_the_k_rule_to_each_dimension_it_shows():
    results = round_results(_round(), _responses(), groups=["对口部门"])
    for found in results.dimensions.values():
        assert found[0].score is None and found[0].groups[0].hidden
    assert results.departments[0].score is None
    data = results.to_json(7)
    assert [d["dimension"] for d in data["dimensions"]] == ["服务基层", "工作作风", "办事效率"]
    assert data["dimensions"][0]["departments"][0]["groups"] == [
        {"group": "对口部门", "n": 3, "mean": None, "trimmed_mean": None}]


def test_a_round_without_dimensions_has_no_dimension_results_or_json_key():
    plain = _round(dimensions=[])
    results = round_results(plain, [("区市党政领导", [{"department": "示例市甲局", "label": "好"}])] * 5)
    assert results.dimensions == {} and "dimensions" not in results.to_json(1)
    assert results.departments[0].score == 100.0


def test_results_xlsx_has_a_sheet_per_dimension_department_and_group():
    book = load_workbook(io.BytesIO(results_xlsx(round_results(_round(), _responses()), "结果")))
    assert book.sheetnames == ["评议结果", "分维度结果", "意见建议"]
    rows = list(book["分维度结果"].iter_rows(values_only=True))
    assert rows[0][:6] == ("评议维度", "部门", "维度得分", "未计入维度得分的组别", "组别", "有效评价数")
    assert "快" in rows[0] and "好" in rows[0]  # the answers of every dimension's scale
    assert len(rows) == 1 + 3 * 2 * 2  # dimensions × departments × groups
    hidden = [row for row in rows[1:] if row[0] == "办事效率" and row[1] == "示例市甲局" and row[4] == "对口部门"]
    assert hidden[0][6] == "样本不足" and hidden[0][5] == 3
    overall = list(book["评议结果"].iter_rows(min_row=4, values_only=True))
    assert overall[0][:2] == ("示例市甲局", 95.0)


# --- evaluation sources ------------------------------------------------------------------

def test_each_dimension_feeds_its_own_indicator_source():
    scores = survey_scores({7: ("2024年度市县评作为", round_results(_round(), _responses()))}, "示例市甲局")
    assert scores["7"].score == 95.0
    assert scores["7@工作作风"].score == 85.0 and scores["7@工作作风"].label.startswith("2024年度市县评作为·工作作风")
    assert scores["7@工作作风:区市党政领导"].score == 85.0
    assert scores["7@办事效率:对口部门"].score is None  # under k: missing, never zero
    for source in ("survey:7@工作作风", "survey:7@办事效率:区市党政领导", "survey:7:企业", "survey:7"):
        assert SOURCE.match(source), source
    assert not SOURCE.match("survey:7@") and not SOURCE.match("survey:@效率")
    system = IndicatorSystem("体系", [Indicator(("作风",), 1, 100, "survey:7@工作作风"),
                                       Indicator(("效率",), 0, 100, "survey:8@办事效率:企业")])
    assert survey_rounds(system) == {7: ["作风"], 8: ["效率"]}


# --- raw export ---------------------------------------------------------------------------

def _by_day(responses, day="2024-12-20"):
    return [(group, day, answers) for group, answers in responses]


def test_raw_export_is_refused_where_any_department_group_or_dimension_is_under_k():
    with pytest.raises(ExportRefused) as refused:
        raw_responses(_round(), _by_day(_responses()))
    message = str(refused.value)
    assert "不能导出原始答卷" in message and "示例市甲局·对口部门（服务基层，3 个）" in message
    assert "最少样本数 k（5 个）" in message
    with pytest.raises(ExportRefused, match="还没有答卷"):
        raw_responses(_round(), [])


def _exportable(count: int = 12) -> list[tuple[str, str, list[dict]]]:
    return [("区市党政领导", "2024-12-20", [_answer("示例市甲局", "好", "较好", "快", f"甲{i:02d}"),
                                            _answer("示例市乙局", "一般", "差", "慢", f"乙{i:02d}")])
            for i in range(count)]


def test_raw_rows_carry_no_rater_no_order_and_no_link_between_one_ballots_departments():
    raw = raw_responses(_round(), _exportable())
    assert raw.header == ["部门", "组别", "服务基层", "工作作风", "办事效率", "意见建议", "日期"]
    assert len(raw.rows) == 24 and raw.date_precision == "日"
    assert [row[0] for row in raw.rows] == ["示例市甲局"] * 12 + ["示例市乙局"] * 12  # the round's order
    assert {tuple(row[1:5]) for row in raw.rows[:12]} == {("区市党政领导", "好", "较好", "快")}
    assert all(row[6] == "2024-12-20" for row in raw.rows)
    # Within a department the order is random: 40 exports give many orders, none the stored one.
    orders = {tuple(row[5] for row in raw_responses(_round(), _exportable()).rows[:12]) for _ in range(40)}
    assert len(orders) > 30 and tuple(f"甲{i:02d}" for i in range(12)) not in orders
    # Rows of one ballot do not line up across departments more than chance would have them.
    together = 0
    for _ in range(40):
        rows = raw_responses(_round(), _exportable()).rows
        together += sum(a[5][1:] == b[5][1:] for a, b in zip(rows[:12], rows[12:]))
    assert together < 40 * 3  # one in 12 by chance: about 40 of 480


def test_the_date_is_coarsened_where_a_day_would_cut_fewer_than_k_rows():
    spread = [(group, f"2024-12-{1 + number % 7:02d}", answers) for number, (group, _day, answers)
              in enumerate(_exportable(14))]
    raw = raw_responses(_round(), spread)
    assert raw.date_precision == "月" and {row[6] for row in raw.rows} == {"2024-12"}
    assert any("只精确到月" in note for note in raw.notes)
    months = [(group, "2024-11-30" if number < 2 else "2024-12-02", answers)
              for number, (group, _day, answers) in enumerate(_exportable(12))]
    raw = raw_responses(_round(), months)
    assert raw.date_precision == "评议期间" and {row[6] for row in raw.rows} == {""}


def test_raw_export_of_a_round_without_dimensions_has_one_rating_column():
    plain = _round(dimensions=[])
    answers = [("区市党政领导", "2024-12-20", [{"department": "示例市甲局", "label": "好"}])] * 5
    raw = raw_responses(plain, answers)
    assert raw.header == ["部门", "组别", "评价", "意见建议", "日期"]
    assert raw.rows[0] == ["示例市甲局", "区市党政领导", "好", "", "2024-12-20"]


def test_raw_xlsx_and_csv_hold_the_rows_and_say_what_they_leave_out():
    raw = raw_responses(_round(), _exportable())
    book = load_workbook(io.BytesIO(raw_xlsx(raw, "2024年度原始答卷")))
    assert book.sheetnames == ["原始答卷", "说明"]
    rows = list(book["原始答卷"].iter_rows(values_only=True))
    assert list(rows[0]) == raw.header and [list(r) for r in rows[1:]] == [[c or "" for c in r] for r in raw.rows]
    assert book["原始答卷"].freeze_panes == "A2"
    notes = "\n".join(str(r[0]) for r in book["说明"].iter_rows(values_only=True))
    assert "不含评议人" in notes and "随机打乱" in notes and "办事效率：快=100" in notes
    data = raw_csv(raw)
    assert data.startswith("\ufeff".encode())  # Excel and WPS read UTF-8 only with its mark
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines[0] == raw.header and lines[1:] == raw.rows
    assert not re.search(r"\d{2}:\d{2}", data.decode("utf-8-sig"))  # no time of day anywhere
