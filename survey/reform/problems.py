"""机构编制问题台账 (one of 濮阳's 三本台账): each problem found in the staffing of departments, with
its category, the departments it concerns (one entry for a problem common to several), how and
when it was found, its measure and deadline, closed one by one by 对账销号 against evidence.

Bulk import from .xlsx names every bad row and imports nothing until all are right; the export's
columns start with the import's, so a register exported can be imported again (into another
database, keeping its numbers).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from docproc.safe_output import scrubbed

from ..numbered_register import Numbering, Sheet, row_cells, row_dates
from ..registers import (
    CLOSED,
    OPEN,
    OVERDUE_MARK,
    STATUSES,
    import_template_xlsx,
    is_overdue,
    ledger_xlsx,
)
from ..sheets import ListError, cell_text, entries_of, read_table

# 濮阳's own words where the seed names a kind of problem (超审批权限设置机构, 不按规定挂牌, 混编混岗,
# 不按机构编制方案履职); the others are the usual headings of 机构编制 监督检查.
CATEGORIES = ("超编进人", "超职数配备领导", "超审批权限设置机构", "机构名称不规范", "不按规定挂牌", "混编混岗",
              "不按机构编制方案履职", "职责交叉", "其他")
# How 濮阳 finds problems: 自查自纠, on-site checks, 督查, 审计, 评估, 巡视巡察 and the 12310 hotline.
SOURCES = ("自查自纠", "实地抽查", "督查", "机构编制审计", "评估", "巡视巡察", "12310举报", "其他")
IMPORT_HEADER = ["编号", "涉及部门", "问题类别", "问题描述", "整改措施", "发现日期", "发现途径", "整改时限",
                 "状态", "销号日期", "销号说明"]
EXPORT_HEADER = IMPORT_HEADER + ["佐证附件", "是否逾期"]
MAX_ROWS = 5000
MAX_TEXT = 2000
NUMBERING = Numbering("问题", "问题")
_SEPARATORS = re.compile(r"[、，,；;\n]+")


class ProblemError(ListError):
    """A problem entry or register file that cannot be saved; `errors` are Chinese messages."""


def format_number(year: int, serial: int) -> str:
    """The register's 编号: 问题-2026-001 (the year the problem was found, then its serial)."""
    return NUMBERING.format(year, serial)


def parse_number(text: str) -> tuple[int, int] | None:
    """(year, serial) of a well-formed 编号, None otherwise."""
    return NUMBERING.parse(text)


@dataclass
class Problem:
    departments: list[str]
    category: str
    description: str
    found_on: date
    source: str
    due_on: date
    measure: str = ""
    status: str = OPEN
    closed_on: date | None = None
    closing_note: str = ""
    attachments: list[str] = field(default_factory=list)  # evidence file names
    number: str | None = None  # assigned once by the store; None until stored
    history: list[tuple[str, str, str]] = field(default_factory=list)  # (date, from, to)

    def problems(self) -> list[str]:
        """What is wrong with the entry (empty when it can be saved)."""
        found = []
        if not self.departments:
            found.append("请至少填写一个涉及部门")
        if self.category not in CATEGORIES:
            found.append(f"问题类别应为{'、'.join(CATEGORIES)}之一")
        if not self.description.strip():
            found.append("“问题描述”不能为空")
        texts = (("问题描述", self.description), ("整改措施", self.measure), ("销号说明", self.closing_note))
        for name, value in texts:
            if len(value) > MAX_TEXT:
                found.append(f"{name}不超过 {MAX_TEXT} 字")
        if self.source not in SOURCES:
            found.append(f"发现途径应为{'、'.join(SOURCES)}之一")
        if self.due_on < self.found_on:
            found.append("整改时限不能早于发现日期")
        if self.status not in STATUSES:
            found.append(f"状态应为{'、'.join(STATUSES)}之一")
        found += self._closing_problems()
        return found

    def _closing_problems(self) -> list[str]:
        if self.status != CLOSED:
            return ["未销号的问题不应填写销号日期"] if self.closed_on else []
        found = []
        if self.closed_on is None:
            found.append("已销号的问题须填写销号日期")
        elif self.closed_on < self.found_on:
            found.append("销号日期不能早于发现日期")
        if not self.closing_note.strip() and not self.attachments:
            found.append("销号须有佐证：上传佐证附件或填写销号说明")
        return found

    def validate(self) -> None:
        errors = self.problems()
        if errors:
            raise ProblemError(errors)

    def overdue(self, today: date) -> bool:
        return is_overdue(self.status, self.due_on, today)

    def move(self, status: str, today: date, *, on: date | None = None, note: str = "",
             new_attachment: bool = False) -> None:
        """待整改 → 整改中 → 已销号. Closing (对账销号) needs evidence: a 销号说明, a file uploaded
        with it or one already attached; reopening a closed problem needs the reason."""
        if status not in STATUSES:
            raise ProblemError([f"状态应为{'、'.join(STATUSES)}之一"])
        if status == self.status:
            raise ProblemError([f"问题已是“{status}”"])
        note = note.strip()
        if status == CLOSED:
            closed_on = on or today
            errors = []
            if not (note or new_attachment or self.attachments):
                errors.append("销号须有佐证：请上传佐证附件或填写销号说明")
            if closed_on > today:
                errors.append("销号日期不能晚于今天")
            if closed_on < self.found_on:
                errors.append("销号日期不能早于发现日期")
            if errors:
                raise ProblemError(errors)
            self.closed_on, self.closing_note = closed_on, note
        else:
            if self.status == CLOSED and not note:
                raise ProblemError(["重新打开已销号的问题须写明理由"])
            self.closed_on, self.closing_note = None, ""
        self.history.append((today.isoformat(), self.status, status))
        self.status = status


# --- import -------------------------------------------------------------------------------------

def _key(name: str) -> str:
    return re.sub(r"\s+", "", name)


def match_departments(text: str, departments: list[str], government: str = "") -> tuple[list[str], list[str]]:
    """The departments a cell names (several separated by 、，, or ；), matched within the government by
    full name or by the name without the government's (水利局 for 示例市水利局); and the names not found."""
    known = {_key(name): name for name in departments}
    matched: list[str] = []
    unknown: list[str] = []
    for part in _SEPARATORS.split(text):
        key = _key(part)
        if not key:
            continue
        name = known.get(key) or known.get(_key(government) + key)
        if name is None:
            unknown.append(part.strip())
        elif name not in matched:
            matched.append(name)
    return matched, unknown


def _row_problem(row: int, values: list, sheet: Sheet) -> tuple[Problem | None, list[str]]:
    """One data row as a Problem, or the row's errors (each naming the row)."""
    cells = row_cells(IMPORT_HEADER, values)
    number, errors = sheet.number(row, cell_text(cells["编号"]))
    departments, unknown = match_departments(cell_text(cells["涉及部门"]), sheet.departments, sheet.government)
    errors += [f"第{row}行“涉及部门”列的“{name}”不是本政府已有的部门" for name in unknown]
    dates, date_errors = row_dates(row, cells, (("发现日期", True), ("整改时限", True), ("销号日期", False)))
    errors += date_errors
    status = cell_text(cells["状态"]) or OPEN
    if status == CLOSED and not cell_text(cells["销号说明"]):
        errors.append(f"第{row}行：已销号的问题须填写销号说明（佐证附件不能随表格导入，"
                      "可先按“整改中”导入，再在台账页面上传附件销号）")
    if errors:
        return None, errors
    found_on, due_on = dates["发现日期"], dates["整改时限"]
    assert found_on is not None and due_on is not None, "row_dates names a missing required date"
    problem = Problem(departments=departments, category=cell_text(cells["问题类别"]),
                      description=cell_text(cells["问题描述"]), found_on=found_on, source=cell_text(cells["发现途径"]),
                      due_on=due_on, measure=cell_text(cells["整改措施"]), status=status,
                      closed_on=dates["销号日期"], closing_note=cell_text(cells["销号说明"]), number=number)
    wrong = problem.problems()  # an empty 涉及部门 cell is named here too
    if wrong:
        return None, [f"第{row}行：{error}" for error in wrong]
    return problem, []


def read_problems(data: bytes, departments: list[str], government: str = "", *, file_name: str = "问题台账.xlsx",
                  taken: set[str] | None = None) -> list[Problem]:
    """The problems of a register sheet (header IMPORT_HEADER; more columns after it, such as an
    export's, are ignored). `departments` are the government's; `taken` the numbers it already
    uses. Every bad row is named; ProblemError unless all rows are right."""
    rows = read_table(data, IMPORT_HEADER, ProblemError, file_name, max_rows=MAX_ROWS)
    sheet = Sheet(NUMBERING, departments, government, set(taken or ()))
    return entries_of(rows, lambda row, values: _row_problem(row, values, sheet), ProblemError, "文件中没有问题")


# --- export ---------------------------------------------------------------------------------------

def to_xlsx(problems: list[Problem], today: date) -> bytes:
    """The register as .xlsx, overdue problems filled red; its first columns import back."""
    rows = []
    for problem in scrubbed(problems):
        late = problem.overdue(today)
        rows.append(([problem.number or "", "、".join(problem.departments), problem.category, problem.description,
                      problem.measure, problem.found_on.isoformat(), problem.source, problem.due_on.isoformat(),
                      problem.status, problem.closed_on.isoformat() if problem.closed_on else "",
                      problem.closing_note, "、".join(problem.attachments), OVERDUE_MARK if late else ""], late))
    return ledger_xlsx("机构编制问题台账", EXPORT_HEADER, rows, (14, 30, 14, 44, 36, 12, 12, 12, 9, 12, 30, 24, 8))


def template_xlsx() -> bytes:
    """An empty register to fill in: the header, drop-down lists for the fixed columns, and a
    second sheet saying how each column is filled."""
    lists = (("C", CATEGORIES), ("G", SOURCES), ("I", STATUSES))
    return import_template_xlsx("机构编制问题台账", IMPORT_HEADER, lists, _TEMPLATE_NOTES, MAX_ROWS)


_TEMPLATE_NOTES = (
    ("编号", "留空，导入时由系统编号（如 问题-2026-001）；从本平台导出的台账导入另一数据库时保留原编号"),
    ("涉及部门", "部门全称或不带政府名的简称，多个部门用、或，分隔（共性问题登记一次）"),
    ("问题类别", "、".join(CATEGORIES)),
    ("问题描述", f"必填，不超过 {MAX_TEXT} 字"),
    ("整改措施", "可空"),
    ("发现日期", "如 2026-03-01"),
    ("发现途径", "、".join(SOURCES)),
    ("整改时限", "如 2026-06-30，不早于发现日期"),
    ("状态", "、".join(STATUSES) + "；留空为待整改"),
    ("销号日期", "仅已销号的问题填写"),
    ("销号说明", "已销号的问题必填（佐证附件请在台账页面上传）"),
    ("", "有任何一行出错时不导入，并列出出错的行和原因。"),
)
