"""机构编制问题台账 rules: entries, 对账销号 against evidence, import naming bad rows, export."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from survey.reform.problems import (
    CATEGORIES,
    EXPORT_HEADER,
    IMPORT_HEADER,
    SOURCES,
    Problem,
    ProblemError,
    format_number,
    match_departments,
    parse_number,
    read_problems,
    template_xlsx,
    to_xlsx,
)

from workbooks import xlsx_bytes

DEPARTMENTS = ["示例市水利局", "示例市商务局", "示例市交通运输局"]
TODAY = dt.date(2026, 5, 1)


def _problem(**changes) -> Problem:
    values = dict(departments=["示例市水利局"], category="超编进人", description="超编制进人 2 名",
                  found_on=dt.date(2026, 3, 1), source="自查自纠", due_on=dt.date(2026, 6, 30))
    values.update(changes)
    return Problem(**values)


def _sheet(rows: list[list]) -> bytes:
    return xlsx_bytes(rows, IMPORT_HEADER)


def _row(**cells) -> list:
    values = {"编号": None, "涉及部门": "示例市水利局", "问题类别": "混编混岗", "问题描述": "行政事业人员混岗",
              "整改措施": "", "发现日期": "2026-03-01", "发现途径": "实地抽查", "整改时限": "2026-06-30",
              "状态": None, "销号日期": None, "销号说明": None}
    values.update(cells)
    return [values[column] for column in IMPORT_HEADER]


def test_numbers_are_read_back_as_written():
    assert format_number(2026, 1) == "问题-2026-001" and format_number(2026, 1234) == "问题-2026-1234"
    assert parse_number("问题-2026-001") == (2026, 1) and parse_number(" 问题-2026-1234 ") == (2026, 1234)
    for bad in ("问题-26-001", "问题-2026-1", "问题-2026-000", "2026-001", "问题-2026-001a"):
        assert parse_number(bad) is None, bad


def test_an_entry_names_what_is_wrong():
    assert _problem().problems() == []
    wrong = _problem(departments=[], category="乱设机构", description=" ", source="听说",
                     due_on=dt.date(2026, 2, 1)).problems()
    assert "请至少填写一个涉及部门" in wrong and "“问题描述”不能为空" in wrong
    assert any(e.startswith("问题类别应为超编进人") for e in wrong)
    assert any(e.startswith("发现途径应为") for e in wrong) and "整改时限不能早于发现日期" in wrong
    assert "未销号的问题不应填写销号日期" in _problem(closed_on=TODAY).problems()
    assert "销号须有佐证：上传佐证附件或填写销号说明" in _problem(status="已销号", closed_on=TODAY).problems()
    assert _problem(status="已销号", closed_on=TODAY, attachments=["整改报告.pdf"]).problems() == []
    with pytest.raises(ProblemError):
        _problem(description="x" * 2001).validate()


def test_closing_needs_evidence_and_reopening_a_reason():
    problem = _problem()
    with pytest.raises(ProblemError, match="销号须有佐证"):
        problem.move("已销号", TODAY)
    assert problem.status == "待整改" and problem.history == []
    with pytest.raises(ProblemError, match="已是"):
        problem.move("待整改", TODAY)
    with pytest.raises(ProblemError, match="不能晚于今天"):
        problem.move("已销号", TODAY, on=TODAY + dt.timedelta(days=1), note="已清退")
    with pytest.raises(ProblemError, match="不能早于发现日期"):
        problem.move("已销号", TODAY, on=dt.date(2026, 1, 1), note="已清退")
    problem.move("整改中", TODAY)
    problem.move("已销号", TODAY, note=" 已清退超编人员 ")
    assert (problem.status, problem.closed_on, problem.closing_note) == ("已销号", TODAY, "已清退超编人员")
    with pytest.raises(ProblemError, match="须写明理由"):
        problem.move("整改中", TODAY)
    problem.move("整改中", TODAY, note="复查发现仍有混岗")
    assert problem.closed_on is None and problem.closing_note == ""
    problem.move("已销号", TODAY, new_attachment=True)  # the file uploaded with the closing is the evidence
    assert problem.status == "已销号"
    attached = _problem(attachments=["整改报告.pdf"])
    attached.move("已销号", TODAY)  # a file attached before counts too
    assert [h[1:] for h in problem.history] == [("待整改", "整改中"), ("整改中", "已销号"), ("已销号", "整改中"),
                                                 ("整改中", "已销号")]


def test_departments_are_matched_within_the_government():
    assert match_departments("示例市水利局、商务局，示例市水利局", DEPARTMENTS, "示例市") == (
        ["示例市水利局", "示例市商务局"], [])
    assert match_departments("水利局; 教育局", DEPARTMENTS, "示例市") == (["示例市水利局"], ["教育局"])
    assert match_departments("", DEPARTMENTS, "示例市") == ([], [])


def test_import_reads_good_rows_with_several_departments():
    data = _sheet([
        _row(涉及部门="示例市水利局、示例市商务局，交通运输局", 问题类别="超职数配备领导",
             发现日期=dt.date(2026, 3, 2)),
        [None] * len(IMPORT_HEADER),  # an empty row is skipped
        _row(编号="问题-2025-007", 状态="已销号", 销号日期="2026年4月1日", 销号说明="已调整", 发现途径="12310举报"),
        _row(状态="整改中", 整改措施="'=清理混岗人员"),  # as our exports write it
    ])
    first, closed, working = read_problems(data, DEPARTMENTS, "示例市", taken={"问题-2025-001"})
    assert first.departments == ["示例市水利局", "示例市商务局", "示例市交通运输局"] and first.number is None
    assert first.found_on == dt.date(2026, 3, 2) and first.status == "待整改"
    assert closed.number == "问题-2025-007" and closed.closed_on == dt.date(2026, 4, 1) and closed.status == "已销号"
    assert working.status == "整改中" and working.measure == "=清理混岗人员"


def test_import_names_every_bad_row_and_takes_none():
    data = _sheet([
        _row(),
        _row(涉及部门="示例市水利局、示例市教育局", 问题类别="乱设机构"),
        _row(发现日期="去年", 整改时限=None),
        _row(编号="问题-2025-001"),
        _row(编号="2025-9"),
        _row(编号="问题-2026-050"), _row(编号="问题-2026-050"),
        _row(状态="已销号", 销号日期="2026-04-01"),
        _row(涉及部门=None, 整改时限="2026-01-01"),
        _row(销号日期="2026-04-01"),
    ])
    with pytest.raises(ProblemError) as caught:
        read_problems(data, DEPARTMENTS, "示例市", taken={"问题-2025-001"})
    errors = caught.value.errors
    assert "第3行“涉及部门”列的“示例市教育局”不是本政府已有的部门" in errors
    assert "第4行“发现日期”列的“去年”不是日期（应写作 2026-03-01 或 2026年3月1日）" in errors
    assert "第4行“整改时限”列为空" in errors
    assert any(e.startswith("第5行：编号“问题-2025-001”已在台账中") for e in errors)
    assert any(e.startswith("第6行“编号”列的“2025-9”格式不对") for e in errors)
    assert "第8行：编号“问题-2026-050”与第7行重复" in errors
    assert any(e.startswith("第9行：已销号的问题须填写销号说明") for e in errors)
    assert "第10行：请至少填写一个涉及部门" in errors and "第10行：整改时限不能早于发现日期" in errors
    assert "第11行：未销号的问题不应填写销号日期" in errors
    assert not any(e.startswith("第2行") for e in errors)
    # the category of row 3 is only named once its department is right
    data = _sheet([_row(问题类别="乱设机构")])
    with pytest.raises(ProblemError, match="第2行：问题类别应为"):
        read_problems(data, DEPARTMENTS, "示例市")


def test_wrong_header_and_empty_files_are_refused():
    with pytest.raises(ProblemError, match="第1行表头应为"):
        read_problems(xlsx_bytes([_row()], ["部门", "问题"]), DEPARTMENTS)
    with pytest.raises(ProblemError, match="文件中没有问题"):
        read_problems(template_xlsx(), DEPARTMENTS)  # the template's header is the importer's
    with pytest.raises(ProblemError, match="Excel 文件已损坏"):
        read_problems(b"not a workbook", DEPARTMENTS)


def test_export_imports_back_and_marks_overdue():
    problems = [
        _problem(number="问题-2026-001", departments=["示例市水利局", "示例市商务局"], measure="清退",
                 due_on=dt.date(2026, 4, 1)),
        _problem(number="问题-2026-002", category="机构名称不规范", description="+挂牌名称与三定不符",
                 status="已销号", closed_on=dt.date(2026, 4, 20), closing_note="已更换牌子",
                 attachments=["照片.jpg", "整改报告.pdf"], source="督查"),
    ]
    data = to_xlsx(problems, TODAY)
    sheet = load_workbook(io.BytesIO(data))["机构编制问题台账"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == EXPORT_HEADER and sheet.freeze_panes == "A2"
    assert rows[1][0] == "问题-2026-001" and rows[1][1] == "示例市水利局、示例市商务局" and rows[1][-1] == "逾期"
    assert sheet["A2"].fill.fgColor.rgb.endswith("FDE2E2")
    assert rows[2][11] == "照片.jpg、整改报告.pdf" and rows[2][-1] is None
    assert rows[2][3] == "'+挂牌名称与三定不符"  # made inert, read back as typed
    back = read_problems(data, DEPARTMENTS, "示例市")
    for before, after in zip(problems, back):
        before.attachments = []  # evidence files do not travel in a sheet
        assert after == before


def test_template_offers_the_fixed_lists():
    book = load_workbook(io.BytesIO(template_xlsx()))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == IMPORT_HEADER
    formulas = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert '"' + ",".join(CATEGORIES) + '"' in formulas and '"' + ",".join(SOURCES) + '"' in formulas
    assert book.sheetnames == ["机构编制问题台账", "填写说明"]
