"""实名制 import and the 超编/超职数/空编 checks, the 编制 adjustment log (signs, running totals,
import naming bad rows, export → import), the `roll` indicator sources and the archive's Word file."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook

from docproc.staffing import parse_staffing
from survey.evaluation.evaluate import DepartmentInputs, evaluate
from survey.evaluation.indicators import Indicator, IndicatorError, IndicatorSystem
from survey.evaluation.inputs import roll_checks
from survey.reform import adjustments
from survey.reform.adjustments import Adjustment, AdjustmentError, by_year, read_adjustments, signed_count
from survey.reform.archive import Archive, RegisterLine, VersionLine, archive_docx
from survey.reform.roll import (
    HEADER,
    Count,
    RollError,
    RollUnit,
    approved_by_document,
    check_unit,
    checks_xlsx,
    leader_level,
    read_roll,
    template_xlsx,
    totals,
)

from workbooks import xlsx_bytes

DEPARTMENTS = ["示例市水利局", "示例市商务局", "示例市交通运输局"]
WATER = parse_staffing("市水利局机关行政编制为28名。其中：局长1名、副局长3名，总工程师1名；"
                       "科级领导职数11名（含机关党委专职副书记1名）。")


def _row(**cells) -> list:
    values = {column: None for column in HEADER}
    values["部门"] = "示例市水利局"
    values.update(cells)
    return [values[column] for column in HEADER]


def _sheet(rows: list[list]) -> bytes:
    return xlsx_bytes(rows, HEADER)


def _csv(rows: list[list]) -> bytes:
    lines = [",".join(HEADER)] + [",".join("" if cell is None else str(cell) for cell in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- what the 三定 approves ---------------------------------------------------------------------------

def test_leader_levels_follow_the_titles_the_parser_reads():
    assert [leader_level(t) for t in ("局长", "主任", "党组书记", "总队长")] == ["正职"] * 4
    deputies = ("副局长", "副主任", "总工程师", "总农艺师", "专职副书记", "秘书长")
    assert [leader_level(t) for t in deputies] == ["副职"] * len(deputies)
    posts, leaders = approved_by_document(WATER)
    assert posts == {"行政编制": 28}
    assert leaders == {"正职": 1, "副职": 4, "内设机构领导": 11}  # 总工程师 counts as 副职
    assert approved_by_document(None) == ({}, {})


# --- import -------------------------------------------------------------------------------------------

def test_a_good_sheet_is_read_with_names_matched_and_numbers_as_given():
    units = read_roll(_sheet([
        _row(行政编制核定=28, 行政编制实有=30, 正职实有=1, 副职实有="4名", 备注="含借调 1 名"),
        _row(部门="商务局", 事业编制核定=12.0, 事业编制实有="12", 内设机构领导实有=" 8 "),
        [None] * len(HEADER),  # an empty row is skipped
    ]), DEPARTMENTS, "示例市")
    water, trade = units
    assert water.department == "示例市水利局" and water.note == "含借调 1 名"
    assert (water.posts["行政编制"].approved, water.posts["行政编制"].actual) == (28, 30)
    assert water.leaders["副职"].approved is None and water.leaders["副职"].actual == 4
    assert "事业编制" not in water.posts  # only what the sheet gives
    assert trade.department == "示例市商务局" and trade.posts["事业编制"].approved == 12
    assert trade.leaders["内设机构领导"].actual == 8


def test_a_csv_reads_like_the_xlsx():
    rows = [_row(行政编制核定=28, 行政编制实有=30), _row(部门="示例市商务局", 正职核定=1, 正职实有=1)]
    from_csv = read_roll(_csv(rows), DEPARTMENTS, "示例市", file_name="实名制.csv")
    from_xlsx = read_roll(_sheet(rows), DEPARTMENTS, "示例市")
    assert from_csv == from_xlsx and len(from_csv) == 2


def test_every_bad_row_is_named_and_nothing_is_read():
    with pytest.raises(RollError) as caught:
        read_roll(_sheet([
            _row(行政编制实有=10),
            _row(部门="示例市气象局", 行政编制实有=3),
            _row(行政编制实有=11),  # 水利局 again
            _row(部门="", 行政编制实有=3),
            _row(部门="示例市商务局", 行政编制实有=-1, 正职核定="一名", 副职实有=2.5),
            _row(部门="示例市交通运输局"),
            _row(部门="示例市商务局、示例市交通运输局", 行政编制实有=3),
        ]), DEPARTMENTS, "示例市")
    errors = caught.value.errors
    assert "第3行“部门”列的“示例市气象局”不是本政府已有的部门" in errors
    assert "第4行：示例市水利局与第2行重复" in errors
    assert "第5行“部门”列为空" in errors
    assert "第6行“行政编制实有”列的“-1”不是人数（应为 0 或正整数）" in errors
    assert "第6行“正职核定”列的“一名”不是人数（应为 0 或正整数）" in errors
    assert "第6行“副职实有”列的“2.5”不是人数（应为 0 或正整数）" in errors
    assert "第7行没有任何编制或领导职数的数字" in errors
    assert any(error.startswith("第8行“部门”列只能填写一个部门") for error in errors)
    assert not any(error.startswith("第2行") for error in errors)


def test_a_wrong_header_or_an_empty_file_is_refused():
    with pytest.raises(RollError) as caught:
        read_roll(xlsx_bytes([["示例市水利局", 1]], ["单位", "人数"]), DEPARTMENTS)
    assert caught.value.errors[0].startswith("第1行表头应为“部门，行政编制核定")
    with pytest.raises(RollError, match="文件中没有单位"):
        read_roll(_sheet([]), DEPARTMENTS)
    with pytest.raises(RollError, match="不支持的文件类型"):
        read_roll(b"x", DEPARTMENTS, file_name="实名制.txt")


def test_the_template_is_the_import_header():
    book = load_workbook(io.BytesIO(template_xlsx()))
    assert [cell.value for cell in book["实名制"][1]] == HEADER and "填写说明" in book.sheetnames
    with pytest.raises(RollError, match="文件中没有单位"):
        read_roll(template_xlsx(), DEPARTMENTS)


# --- checks -------------------------------------------------------------------------------------------

def test_over_and_vacant_posts_per_kind_and_over_leaders_per_level():
    [unit] = read_roll(_sheet([_row(行政编制实有=30, 事业编制核定=12, 事业编制实有=9, 工勤编制核定=2,
                                    正职实有=1, 副职实有=6, 内设机构领导核定=12, 内设机构领导实有=12)]),
                       DEPARTMENTS, "示例市")
    check = check_unit(unit, WATER)
    assert check.over_posts == {"行政编制": 2}  # 30 against the 三定's 28
    assert check.vacant_posts == {"事业编制": 3}
    assert check.over_leaders == {"副职": 2}  # 6 against 副局长 3 + 总工程师 1
    administrative = check.line("行政编制")
    assert (administrative.approved, administrative.source) == (28, "三定")
    assert check.line("事业编制").source == "实名制"
    assert check.line("内设机构领导").approved == 12  # the sheet's own 核定 wins over the 三定's 11
    assert not check.line("工勤编制").checked and check.line("工勤编制").over == 0  # 实有 not given
    assert check.flagged
    assert administrative.text() == "核定 28 名（三定）、实有 30 名，超 2 名"
    assert check.line("事业编制").text() == "核定 12 名（实名制）、实有 9 名，空 3 名"


def test_without_a_3ding_only_the_sheets_own_numbers_are_checked():
    unit = RollUnit("示例市商务局")
    unit.posts["行政编制"] = Count(None, 20)
    check = check_unit(unit, None)
    assert not check.line("行政编制").checked and not check.flagged and check.over_posts == {}
    within = check_unit(read_roll(_sheet([_row(行政编制实有=28, 副职实有=4)]), DEPARTMENTS, "示例市")[0], WATER)
    assert not within.flagged and within.over_posts == {} and within.vacant_posts == {}
    found = totals([check, within, check_unit(read_roll(_sheet([_row(行政编制实有=31)]), DEPARTMENTS)[0], WATER)])
    assert (found.over_posts, found.over_leaders, found.flagged) == (3, 0, ["示例市水利局"])


def test_the_checks_export_marks_flagged_units():
    over = check_unit(read_roll(_sheet([_row(行政编制实有=30)]), DEPARTMENTS, "示例市")[0], WATER)
    fine = check_unit(read_roll(_sheet([_row(部门="示例市商务局", 行政编制核定=10, 行政编制实有=8)]),
                                DEPARTMENTS, "示例市")[0], None)
    sheet = load_workbook(io.BytesIO(checks_xlsx("实名制核对2026-03-31", [over, fine]))).active
    header = [cell.value for cell in sheet[1]]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values[0][header.index("行政编制超编")] == 2 and values[0][header.index("行政编制核定")] == 28
    assert values[1][header.index("行政编制空编")] == 2 and values[1][header.index("核定来源")] == "实名制"
    assert values[0][header.index("核定来源")] == "三定规定：行政编制、正职、副职、内设机构领导"
    assert sheet["A2"].fill.fgColor.rgb.endswith("FDE2E2") and sheet["A3"].fill.fill_type is None


# --- the `roll` indicator sources ---------------------------------------------------------------------

def _system(source: str) -> IndicatorSystem:
    return IndicatorSystem("测试", [Indicator(("机构编制日常管理",), 1.0),
                                   Indicator(("机构编制日常管理", "超编超职数"), 1.0, 10, source)])


def test_a_leaf_fed_by_the_roll_scores_a_department_with_over_posts_lower():
    over = check_unit(read_roll(_sheet([_row(行政编制实有=30, 副职实有=4)]), DEPARTMENTS, "示例市")[0], WATER)
    within = check_unit(read_roll(_sheet([_row(行政编制实有=27, 副职实有=4)]), DEPARTMENTS, "示例市")[0], WATER)
    inputs = [DepartmentInputs("超编局", roll_checks=roll_checks(over), roll_as_of="2026-03-31"),
              DepartmentInputs("未超编局", roll_checks=roll_checks(within), roll_as_of="2026-03-31"),
              DepartmentInputs("无数据局")]
    results = {e.department: e for e in evaluate(_system("roll:posts"), inputs)}
    assert results["未超编局"].indicators[0].score == 10 and results["超编局"].indicators[0].score == 0
    assert results["超编局"].total < results["未超编局"].total
    evidence = results["超编局"].indicators[0].evidence
    assert "2026-03-31" in evidence and "行政编制：超出（核定 28 名（三定）、实有 30 名，超 2 名）" in evidence
    assert results["无数据局"].indicators[0].score is None and "没有该部门的实名制数据" in \
        results["无数据局"].indicators[0].evidence
    both = {e.department: e for e in evaluate(_system("roll"), inputs)}
    assert both["超编局"].indicators[0].score == 5  # 副职 within, 行政编制 over: 1 of 2
    leaders = {e.department: e for e in evaluate(_system("roll:leaders"), inputs)}
    assert leaders["超编局"].indicators[0].score == 10


def test_an_unknown_roll_source_is_refused():
    with pytest.raises(IndicatorError, match="roll\\[:posts\\|:leaders\\]"):
        _system("roll:people").validate()
    _system("roll:leaders").validate()


# --- the adjustment log -------------------------------------------------------------------------------

LOG_ROW = {"部门": "示例市水利局", "日期": "2025-03-10", "类型": "核增", "编制类别": "行政编制", "数量": 2,
           "对方单位": None, "文号": "示编办〔2025〕5号", "备注": None}


def _log(*rows: dict) -> bytes:
    return xlsx_bytes([[{**LOG_ROW, **row}[column] for column in adjustments.IMPORT_HEADER] for row in rows],
                      adjustments.IMPORT_HEADER)


def test_the_kind_fixes_the_direction_where_it_has_one():
    assert signed_count("核增", 2) == 2 and signed_count("核减", 3) == -3 and signed_count("收回", -1) == -1
    assert signed_count("调整", -2) == -2 and signed_count("下沉", 1) == 1
    for kind, count in (("核增", -2), ("调整", 0)):
        with pytest.raises(AdjustmentError):
            signed_count(kind, count)
    entry = Adjustment("示例市水利局", dt.date(2025, 1, 1), "上划", "行政编制", -1)
    assert entry.problems() == ["上划须填写对方单位"]
    assert Adjustment("示例市水利局", dt.date(2025, 1, 1), "核减", "机关编制", 2).problems() == [
        "编制类别应为行政编制、政法专项编制、事业编制、工勤编制之一", "核减的数量应为负数"]


def test_a_log_is_read_with_signs_and_every_bad_row_named():
    entries = read_adjustments(_log({}, {"类型": "核减", "数量": 3, "日期": "2025年9月1日"},
                                     {"部门": "商务局", "类型": "下沉", "数量": "-1", "对方单位": "城东街道"}),
                               DEPARTMENTS, "示例市")
    assert [(e.department, e.kind, e.count, e.on) for e in entries] == [
        ("示例市水利局", "核增", 2, dt.date(2025, 3, 10)), ("示例市水利局", "核减", -3, dt.date(2025, 9, 1)),
        ("示例市商务局", "下沉", -1, dt.date(2025, 3, 10))]
    with pytest.raises(AdjustmentError) as caught:
        read_adjustments(_log({}, {"部门": "气象局"}, {"日期": "去年"}, {"类型": "划转", "编制类别": ""},
                              {"数量": "两名"}, {"类型": "核增", "数量": -2}, {"类型": "上划", "数量": -1},
                              {"数量": 0}), DEPARTMENTS, "示例市")
    errors = caught.value.errors
    assert errors == [
        "第3行“部门”列的“气象局”不是本政府已有的部门",
        "第4行“日期”列的“去年”不是日期（应写作 2026-03-01 或 2026年3月1日）",
        "第5行“类型”列的“划转”应为核增、核减、调整、收回、上划、下沉之一",
        "第5行“编制类别”列为空，应为行政编制、政法专项编制、事业编制、工勤编制之一",
        "第6行“数量”列的“两名”不是整数（增加写 2，减少写 -2）",
        "第7行：核增的数量应为正数（减少编制请选核减或收回）",
        "第8行：上划须填写对方单位",
        "第9行：数量不能为 0",
    ]


def test_running_totals_by_year_and_the_export_imports_back():
    entries = read_adjustments(_log({"日期": "2025-09-01", "类型": "下沉", "数量": -1, "对方单位": "城东街道"},
                                    {},
                                    {"日期": "2026-04-15", "类型": "收回", "编制类别": "事业编制", "数量": 2},
                                    {"日期": "2026-05-01", "类型": "核增", "数量": 3}), DEPARTMENTS, "示例市")
    years = by_year(entries, refs=["a", "b", "c", "d"])
    assert [y.year for y in years] == [2025, 2026]
    assert [(s.entry.on.isoformat(), s.total, s.ref) for s in years[0].steps] == [
        ("2025-03-10", 2, "b"), ("2025-09-01", 1, "a")]
    assert [(s.entry.post_kind, s.total) for s in years[1].steps] == [("事业编制", -2), ("行政编制", 4)]
    assert years[0].net == {"行政编制": 1} and years[1].net == {"事业编制": -2, "行政编制": 3}
    exported = adjustments.to_xlsx(entries)
    sheet = load_workbook(io.BytesIO(exported)).active
    assert [cell.value for cell in sheet[1]] == adjustments.EXPORT_HEADER
    assert [row[8:] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        (2025, 2), (2025, 1), (2026, -2), (2026, 4)]
    again = read_adjustments(exported, DEPARTMENTS, "示例市")
    assert sorted(again, key=lambda e: (e.on, e.kind)) == sorted(entries, key=lambda e: (e.on, e.kind))
    template = load_workbook(io.BytesIO(adjustments.template_xlsx()))
    assert [cell.value for cell in template.active[1]] == adjustments.IMPORT_HEADER


# --- the archive's Word file --------------------------------------------------------------------------

def test_the_archive_word_file_holds_every_part():
    over = check_unit(read_roll(_sheet([_row(行政编制实有=30)]), DEPARTMENTS, "示例市")[0], WATER)
    entries = read_adjustments(_log({}, {"日期": "2026-02-01", "类型": "核减", "数量": 1}), DEPARTMENTS, "示例市")
    archive = Archive("示例市水利局", "示例市",
                      versions=[VersionLine("示例市水利局主要职责内设机构和人员编制规定", "2014", "文号年份",
                                            "水利.txt", True, 1)],
                      staffing_text="市水利局机关行政编制为28名。", check=over, roll_as_of="2026-03-31",
                      adjustments=by_year(entries), since_document={"行政编制": 1}, document_date="2014-06-01",
                      problems=[RegisterLine("问题-2026-001", "超编进人 2 名", "年底前消化", "2026-12-31", "待整改")])
    word = WordDocument(io.BytesIO(archive_docx(archive, today=dt.date(2026, 5, 1))))
    text = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(cell.text for t in word.tables for row in t.rows for cell in row.cells)
    assert "示例市水利局机构编制档案" in text and "实名制数据日期：2026-03-31" in text
    assert "核对结论：行政编制超编 2 名。" in text and "2025年" in text and "2026年" in text
    assert "本年净变化：行政编制 -1。" in text and "后净调整：行政编制 +1" in text
    assert "无整改事项。" in text and "尚无评估。" in text
    assert "超编 2" in cells and "问题-2026-001" in cells and "示编办〔2025〕5号" in cells


def test_hostile_text_stays_text_in_every_export():
    hostile = "=HYPERLINK(\"http://evil.example\")\x07"
    entry = Adjustment("示例市水利局", dt.date(2025, 1, 1), "下沉", "行政编制", -1, hostile, "@文号", hostile)
    sheet = load_workbook(io.BytesIO(adjustments.to_xlsx([entry]))).active
    row = [cell.value for cell in sheet[2]]
    assert row[5] == "'=HYPERLINK(\"http://evil.example\")" and row[6] == "'@文号" and row[4] == -1
    assert read_adjustments(adjustments.to_xlsx([entry]), DEPARTMENTS)[0].counterpart == hostile.rstrip("\x07")
    unit = read_roll(_sheet([_row(行政编制实有=30, 备注="+SUM(A1:A2)")]), DEPARTMENTS, "示例市")[0]
    assert unit.note == "+SUM(A1:A2)"
    check = check_unit(unit, WATER)
    cells = [cell.value for cell in load_workbook(io.BytesIO(checks_xlsx("核对", [check]))).active[2]]
    assert cells[-1] == "'+SUM(A1:A2)"
    archive = Archive(hostile, "示例市", check=check, roll_as_of="2026-03-31", adjustments=by_year([entry]))
    word = WordDocument(io.BytesIO(archive_docx(archive)))
    assert word.paragraphs[0].text.startswith("=HYPERLINK") and "\x07" not in word.paragraphs[0].text
