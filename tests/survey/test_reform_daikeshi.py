"""酒泉's 大科室 rules (seed 001) one by one — pass, fail and cannot-evaluate with the seed's numbers —
posts per division (三定 default, typed override) and the totals per pilot batch."""
from __future__ import annotations

import pytest

from docproc.model import Division, Document, Staffing
from survey.reform import pilots
from survey.reform.posts import DivisionPosts, effective, merge, parse_posts
from survey.reform.rules import RULE_TITLES, ReformRules, check, heads_bands, rule_summary

from workbooks import xlsx_bytes


def _doc(divisions: dict[str, str] | list[str], posts: dict[str, int] | None = None, leaders: int | None = None,
         department: str = "酒泉市测试局") -> Document:
    duties = divisions if isinstance(divisions, dict) else {name: f"负责{name}业务。" for name in divisions}
    text = "，".join(f"{n}{p}名" for n, p in (posts or {}).items())
    return Document(file="t.txt", department=department,
                    divisions=[Division(name, text) for name, text in duties.items()],
                    staffing=Staffing(division_leaders=leaders, text=text))


def _verdict(rule: str, new: Document, previous: Document | None = None, **kwargs):
    return {v.rule: v for v in check(new, previous, **kwargs)}[rule]


def test_every_rule_has_a_verdict_in_the_order_of_the_titles():
    assert [v.rule for v in check(_doc(["办公室"]), None)] == list(RULE_TITLES)


# --- 精简比例不少于30% ------------------------------------------------------------------------

def test_cut_of_at_least_30_percent():
    before = _doc([f"第{i}科" for i in range(10)])
    assert _verdict("division_cut", _doc([f"第{i}科" for i in range(7)]), before).passed is True   # 30 %
    failed = _verdict("division_cut", _doc([f"第{i}科" for i in range(8)]), before)                 # 20 %
    assert failed.passed is False and "未达到30.0%" in failed.explanation
    unknown = _verdict("division_cut", before)
    assert unknown.passed is None and "没有上一版三定规定" in unknown.explanation


# --- 综合性内设机构不超过总数的1/3 ---------------------------------------------------------------

def test_general_divisions_at_most_a_third():
    three_of_nine = ["办公室", "人事科", "财务科"] + [f"业务{i}科" for i in range(6)]
    assert _verdict("general_share", _doc(three_of_nine)).passed is True
    four_of_nine = ["办公室", "人事科", "财务科", "综合科"] + [f"业务{i}科" for i in range(5)]
    failed = _verdict("general_share", _doc(four_of_nine))
    assert failed.passed is False and failed.numbers["general"] == 4
    assert _verdict("general_share", _doc([])).passed is None


# --- 彻底解决“一人科”“两人科”: 大科室 at least 3 posts ----------------------------------------------

def test_no_one_or_two_post_divisions():
    names = ["综合科", "业务一科", "业务二科"]
    assert _verdict("small_divisions", _doc(names, {"综合科": 3, "业务一科": 9, "业务二科": 4})).passed is True
    failed = _verdict("small_divisions", _doc(names, {"综合科": 3, "业务一科": 2, "业务二科": 4}))
    assert failed.passed is False and failed.numbers["small"] == {"业务一科": 2}
    # the 三定 gives two of three: the third is named, with where to enter it
    missing = _verdict("small_divisions", _doc(names, {"综合科": 3, "业务一科": 4}))
    assert missing.passed is None and missing.numbers["missing"] == ["业务二科"]
    assert missing.explanation == "缺少各内设机构编制数（业务二科），请在“大科室核对”页或“工作饱和度”页录入"
    # a typed number fills the gap: the rule evaluates
    assert _verdict("small_divisions", _doc(names), posts={"综合科": 3, "业务一科": 4, "业务二科": 5}).passed is True
    # one known small division fails whatever the others are
    assert _verdict("small_divisions", _doc(names), posts={"综合科": 1}).passed is False


# --- 科级领导职数: 4名1名, 5–7名2名, 8名及以上3名 ------------------------------------------------------

def test_heads_by_posts_of_the_seed():
    assert heads_bands(ReformRules().heads_by_posts) == "4名及以下1名，5至7名2名，8名及以上3名"
    posts = {"综合科": 4, "业务一科": 5, "业务二科": 7, "业务三科": 8}  # 1 + 2 + 2 + 3 = 8
    passed = _verdict("division_heads", _doc(list(posts), posts, leaders=8))
    assert passed.passed is True and passed.numbers["allowed"] == 8
    failed = _verdict("division_heads", _doc(list(posts), posts, leaders=9))
    assert failed.passed is False and "超出1名" in failed.explanation
    no_leaders = _verdict("division_heads", _doc(list(posts), posts))
    assert no_leaders.passed is None and "未写明科级领导职数" in no_leaders.explanation
    no_posts = _verdict("division_heads", _doc(list(posts), leaders=4))
    assert no_posts.passed is None and no_posts.explanation.startswith("缺少各内设机构编制数（综合科、业务一科")


# --- 行政审批职责集中到一个科室 ------------------------------------------------------------------------

def test_approval_gathered_in_one_division():
    one = _doc({"综合科": "负责机关日常运转。", "行政审批科": "负责本部门行政许可事项的受理和办理。",
                "监管科": "负责行政许可事项的监督检查；配合行政审批科做好审批工作。"})
    passed = _verdict("approval_concentration", one)
    assert passed.passed is True and "行政审批科" in passed.explanation
    spread = _doc({"综合科": "负责机关日常运转。", "规划科": "核发建设用地规划许可证。",
                   "矿产科": "负责采矿权审批登记工作。"})
    failed = _verdict("approval_concentration", spread)
    assert failed.passed is False and failed.numbers["divisions"] == 2
    assert "规划科（核发建设用地规划许可证）" in failed.explanation and "应集中到一个科室" in failed.explanation
    none = _verdict("approval_concentration", _doc({"综合科": "负责排污许可制度的宣传。"}))
    assert none.passed is None and "未见行政审批" in none.explanation
    bureau = _verdict("approval_concentration",
                      _doc(["投资审批科", "市场准入审批科"], department="酒泉市行政审批服务局"))
    assert bureau.passed is None and "不适用" in bureau.explanation


# --- 机关人事、老干、后勤服务等工作由一个“大科室”负责 -----------------------------------------------------

def test_personnel_veterans_and_services_in_one_division():
    merged = _doc({"综合科": "负责机关人事管理、离退休干部服务和后勤保障工作。", "业务科": "负责业务工作。"})
    passed = _verdict("support_merged", merged)
    assert passed.passed is True and passed.explanation == "人事、老干、后勤工作均由综合科负责"
    separate = _doc({"办公室": "负责机关后勤服务。", "人事科": "负责机关干部管理。",
                     "离退休干部科": "负责老干部服务。", "业务科": "负责业务工作。"})
    failed = _verdict("support_merged", separate)
    assert failed.passed is False and failed.numbers["divisions"] == 3
    assert "人事：人事科" in failed.explanation and "老干：离退休干部科" in failed.explanation
    # 人社局's business is not its own 机关人事
    business = _doc({"办公室": "负责文电。", "考试科": "负责人事考试工作。"})
    assert _verdict("support_merged", business).passed is None


def test_summary_states_the_seed_numbers():
    text = "；".join(rule_summary(ReformRules()).values())
    for words in ("不少于30.0%", "不超过总数的三分之一", "不少于3名", "4名及以下1名，5至7名2名，8名及以上3名",
                  "行政审批职责集中到一个科室", "机关人事、老干、后勤等工作原则上由一个大科室负责"):
        assert words in text
    assert set(rule_summary(ReformRules())) == set(RULE_TITLES)


def test_rules_with_the_new_fields_round_trip():
    rules = ReformRules(approval_exempt=["政务服务"], support_functions={"人事": ["人事"]})
    assert ReformRules.from_dict(rules.to_dict()) == rules
    # a rule set stored before the new rules existed gets their defaults
    assert ReformRules.from_dict({"min_division_cut": 0.25}).approval_words == ["审批", "许可"]


# --- posts per division ----------------------------------------------------------------------------

def test_typed_posts_override_the_three_fixings_and_stay_visible():
    entries = merge(["办公室", "业务科", "机关党委"], {"办公室": 4, "业务科": 2},
                    {"业务科": {"posts": 5, "by": "staff", "at": "2026-01-02T03:04:05+00:00"},
                     "已撤销科": {"posts": 3, "by": "staff", "at": "2026-01-01T00:00:00+00:00"}})
    by_name = {e.division: e for e in entries}
    assert by_name["办公室"].posts == 4 and by_name["办公室"].source == "三定规定"
    assert by_name["业务科"].posts == 5 and by_name["业务科"].source == "手工录入（三定规定2名）"
    assert by_name["业务科"].by == "staff" and by_name["机关党委"].posts is None
    assert not by_name["已撤销科"].in_current
    assert effective(entries) == {"办公室": 4, "业务科": 5}
    assert DivisionPosts("科", typed=3).source == "手工录入"


@pytest.mark.parametrize("text, expected", [("", None), ("  ", None), ("5", 5), ("0", 0), ("12名", 12)])
def test_posts_typed(text, expected):
    assert parse_posts(text, "办公室") == expected


@pytest.mark.parametrize("text", ["-1", "3.5", "五", "1001", "99999"])
def test_bad_posts_are_refused_with_the_division_named(text):
    with pytest.raises(ValueError, match="办公室的编制数"):
        parse_posts(text, "办公室")


# --- pilot batches -----------------------------------------------------------------------------------

def _units() -> list[pilots.PilotUnit]:
    rules = {"small_divisions": True, "approval_concentration": None}
    return [
        pilots.PilotUnit("甲局", "第一批", 10, 5, {**rules, "division_cut": True}, {"综合科": 9, "业务科": 3}, 20),
        pilots.PilotUnit("乙局", "第一批", 13, 10, {**rules, "division_cut": False}, {"综合科": 4}, 30),
        pilots.PilotUnit("丙局", "第二批", None, 6, {"division_cut": None, "small_divisions": False}, {}, 12),
        pilots.PilotUnit("丁局", None, 8, 6, {"division_cut": False}, {}, None),
    ]


def test_totals_per_batch_as_the_seed_reports_them():
    lines = {line.batch: line for line in pilots.totals(_units(), ["第一批", "第二批"], list(RULE_TITLES))}
    assert list(lines) == ["第一批", "第二批", "未分批", "合计"]
    first = lines["第一批"]
    assert (first.units, first.before, first.after) == (2, 23, 15)
    assert first.cut == pytest.approx(8 / 23) and first.max_cut == 0.5 and first.min_cut == pytest.approx(3 / 13)
    assert first.rules["division_cut"] == {"passed": 1, "failed": 1, "unknown": 0, "share": 0.5}
    assert first.rules["approval_concentration"]["share"] is None
    assert (first.posts, first.posts_known, first.posts_max, first.posts_min) == (16, 3, 9, 3)
    assert first.posts_average == pytest.approx(16 / 3) and first.administrative_posts == 50
    second = lines["第二批"]  # no previous version: divisions now only
    assert second.compared == 0 and second.cut is None and second.divisions == 6
    assert second.rules["small_divisions"]["share"] == 0.0
    total = lines["合计"]
    assert (total.units, total.compared, total.before, total.after) == (4, 3, 31, 21)


def test_export_and_import_round_trip():
    units = _units()
    data = pilots.write_xlsx(units, pilots.totals(units, ["第一批", "第二批"], list(RULE_TITLES)), RULE_TITLES)
    found = pilots.read_assignments(data, [u.name for u in units])
    assert found == {"甲局": "第一批", "乙局": "第一批", "丙局": "第二批", "丁局": ""}
    import io

    from openpyxl import load_workbook
    summary = list(load_workbook(io.BytesIO(data))["批次汇总"].iter_rows(values_only=True))
    rows = {row[0]: dict(zip(summary[0], row)) for row in summary[1:]}
    assert rows["第一批"]["精简比例"] == "34.8%" and rows["第一批"]["最高精简比例"] == "50.0%"
    assert rows["第二批"]["现有内设机构"] == 6 and rows["第二批"]["改革后内设机构"] == 0
    assert rows["合计"]["每科室平均"] == 5.3 and rows["第一批"]["不设一二人科室通过率"] == "100.0%"


def test_a_bad_batch_sheet_names_row_and_column():
    rows = [["部门", "试点批次"], ["甲局", "第一批"], ["", "第一批"], ["戊局", "第二批"], ["甲局", "第二批"]]
    with pytest.raises(pilots.AssignmentError) as caught:
        pilots.read_assignments(xlsx_bytes(rows), ["甲局", "乙局"])
    assert caught.value.errors == ["第3行“部门”列为空", "第4行“部门”列“戊局”不是本级政府已导入三定规定的部门",
                                   "第5行“部门”列“甲局”与第2行重复"]
    with pytest.raises(pilots.AssignmentError) as caught:
        pilots.read_assignments(xlsx_bytes([["单位", "批次"], ["甲局", "第一批"]]), ["甲局"])
    assert caught.value.errors == ["第1行表头应为“部门，试点批次”，实际为“单位，批次”"]
