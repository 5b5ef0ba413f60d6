"""只考一次 (威海): what the office learns of the departments during the year, counted once at its end.

威海 puts into the year-end evaluation what daily supervision already knows instead of asking the
departments again: how they carried out 市委市政府领导批办, 两办督查交办 and 12345 政务热线转办
matters, and the 推诿扯皮 or 干预机构编制调整 other departments report about them — "经核实后，直接计入
年终考核成绩". Each item is recorded against the department it concerns, with its source, date,
matter and outcome (or the kind of fault reported), and counts only once the office has verified
it (待核实 → 属实 / 不属实, with who, when and why).

Two rules turn a department's verified items of the year into an indicator leaf's value; the
rule and its numbers are in `RULES_TEXT`, said on the register page and in the leaf's evidence:

- `daily[:<来源>]` — a deduction per verified fault (未办结, 逾期办结 at half, 推诿扯皮, 干预机构编制,
  其他问题) from the leaf's maximum, never below its floor;
- `daily-rate[:<来源>]` — the 办结率 of the verified assignments (办结 / 交办) times the maximum.

Items not verified yet are listed as evidence but never counted. Bulk import from .xlsx names
every bad row and imports nothing until all are right; the export's first columns import back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from docproc.safe_output import scrubbed

from ..numbered_register import Numbering, Sheet, row_cells, row_dates
from ..registers import import_template_xlsx, ledger_xlsx
from ..sheets import ListError, cell_text, entries_of, read_table
from .problems import match_departments

# 威海's sources: 领导批办, 两办督查交办, 政务热线转办, and what departments report (推诿扯皮, 干预机构编制).
SOURCES = ("批办", "督查", "热线", "举报", "其他")
SOURCE_NAMES = {"批办": "市委市政府领导批办", "督查": "两办督查交办", "热线": "12345政务服务热线转办",
                "举报": "部门反映的推诿扯皮、干预机构编制等问题", "其他": "其他日常监管事项"}
ASSIGNED_SOURCES = ("批办", "督查", "热线", "其他")  # sources whose items are assignments (交办) with an outcome
IN_PROGRESS, ON_TIME, LATE, UNDONE = OUTCOMES = ("办理中", "按时办结", "逾期办结", "未办结")
SHIRKING, INTERFERING, OTHER_FAULT = FAULTS = ("推诿扯皮", "干预机构编制", "其他问题")
KINDS = {"批办": OUTCOMES, "督查": OUTCOMES, "热线": OUTCOMES, "举报": FAULTS, "其他": OUTCOMES + FAULTS}
PENDING, CONFIRMED, REJECTED = STATES = ("待核实", "属实", "不属实")
# A verified fault costs the leaf's 扣分/项 times its weight: late is half of never.
DEDUCTION_WEIGHTS = {UNDONE: 1.0, LATE: 0.5, SHIRKING: 1.0, INTERFERING: 1.0, OTHER_FAULT: 1.0}
DONE = (ON_TIME, LATE)

IMPORT_HEADER = ["编号", "部门", "来源", "日期", "事项", "来源编号", "情形", "核实结果", "核实人", "核实日期",
                 "核实说明"]
EXPORT_HEADER = IMPORT_HEADER + ["佐证附件"]
MAX_ROWS = 5000
MAX_TEXT = 2000
MAX_SHORT = 100
NUMBERING = Numbering("日常", "事项")
SOURCE_PATTERN = (r"daily(:(" + "|".join(SOURCES) + r"))?|daily-rate(:(" + "|".join(ASSIGNED_SOURCES) + r"))?")
# The leaf sources in words, for the system page's list of 评分来源.
SOURCE_CODES = {"daily": "只考一次：扣分（全部来源）",
                **{f"daily:{code}": f"只考一次：扣分（{SOURCE_NAMES[code]}）" for code in SOURCES},
                "daily-rate": "只考一次：办结率（全部交办事项）",
                **{f"daily-rate:{code}": f"只考一次：办结率（{SOURCE_NAMES[code]}）" for code in ASSIGNED_SOURCES}}

RULES_TEXT = (
    "只计核实为“属实”的事项；待核实的列出但不计分，不属实的不计。",
    "扣分（评分来源 daily 或 daily:来源）：满分起，每项属实的未办结、推诿扯皮、干预机构编制、其他问题扣该指标的"
    "“扣分/项”，逾期办结扣一半，最低为该指标的“最低分”。",
    "办结率（评分来源 daily-rate 或 daily-rate:来源）：得分 = 满分 × 办结数 ÷ 交办数；"
    "交办数为属实的按时办结、逾期办结、未办结事项，办结数为其中按时办结和逾期办结的；本年度没有属实交办事项的部门按满分计。",
    "统计年度取指标体系名称中的年份（如“2026年度…”），名称中没有年份时取指标体系建立的年份；"
    "本政府该年度没有登记任何事项时，该指标缺项（不按满分也不按零分）。",
)


class DailyRecordError(ListError):
    """An item or register file that cannot be saved; `errors` are Chinese messages."""


def format_number(year: int, serial: int) -> str:
    """The register's 编号: 日常-2026-001 (the year of the item's date, then its serial)."""
    return NUMBERING.format(year, serial)


def parse_number(text: str) -> tuple[int, int] | None:
    """(year, serial) of a well-formed 编号, None otherwise."""
    return NUMBERING.parse(text)


@dataclass
class DailyItem:
    department: str
    source: str
    on: date
    matter: str
    kind: str
    reference: str = ""  # the 批示, 督办单 or 工单 number
    status: str = PENDING
    verified_by: str = ""
    verified_on: date | None = None
    verify_note: str = ""
    attachments: list[str] = field(default_factory=list)  # evidence file names
    number: str | None = None  # assigned once by the store
    ref: int | None = None  # the stored id, for links from the evidence
    history: list[tuple[str, str, str, str]] = field(default_factory=list)  # (date, from, to, note)

    def problems(self) -> list[str]:
        """What is wrong with the item (empty when it can be saved)."""
        found = []
        if not self.department.strip():
            found.append("请填写部门")
        if self.source not in SOURCES:
            found.append(f"来源应为{'、'.join(SOURCES)}之一")
        elif self.kind not in KINDS[self.source]:
            found.append(f"来源为“{self.source}”的事项，情形应为{'、'.join(KINDS[self.source])}之一")
        if not self.matter.strip():
            found.append("“事项”不能为空")
        for name, value, limit in (("事项", self.matter, MAX_TEXT), ("核实说明", self.verify_note, MAX_TEXT),
                                   ("来源编号", self.reference, MAX_SHORT), ("核实人", self.verified_by, MAX_SHORT)):
            if len(value) > limit:
                found.append(f"{name}不超过 {limit} 字")
        if self.status not in STATES:
            found.append(f"核实结果应为{'、'.join(STATES)}之一")
        return found + self._verification_problems()

    def _verification_problems(self) -> list[str]:
        if self.status == PENDING:
            return ["待核实的事项不应填写核实人、核实日期或核实说明"] if (
                self.verified_by or self.verified_on or self.verify_note) else []
        found = []
        if not self.verified_by.strip():
            found.append("已核实的事项须填写核实人")
        if self.verified_on is None:
            found.append("已核实的事项须填写核实日期")
        elif self.verified_on < self.on:
            found.append("核实日期不能早于事项日期")
        if not self.verify_note.strip():
            found.append("已核实的事项须填写核实说明")
        if self.status == CONFIRMED and self.kind == IN_PROGRESS:
            found.append("“办理中”的事项不能核实为属实：请先把情形改为按时办结、逾期办结或未办结")
        return found

    def validate(self) -> None:
        errors = self.problems()
        if errors:
            raise DailyRecordError(errors)

    def verify(self, status: str, by: str, today: date, *, on: date | None = None, note: str = "") -> None:
        """待核实 → 属实 / 不属实, or a verified item back to 待核实 or to the other result: each step
        needs its note (the finding, or the reason to change it); a verification is dated no later
        than today and no earlier than the item."""
        note = note.strip()
        errors = []
        if status not in STATES:
            raise DailyRecordError([f"核实结果应为{'、'.join(STATES)}之一"])
        if status == self.status:
            raise DailyRecordError([f"事项已是“{status}”"])
        if not note:
            errors.append("请填写核实说明" if self.status == PENDING else "更改核实结果须写明理由")
        if len(note) > MAX_TEXT:
            errors.append(f"核实说明不超过 {MAX_TEXT} 字")
        if status != PENDING:
            verified_on = on or today
            if verified_on > today:
                errors.append("核实日期不能晚于今天")
            if verified_on < self.on:
                errors.append("核实日期不能早于事项日期")
            if status == CONFIRMED and self.kind == IN_PROGRESS:
                errors.append("“办理中”的事项不能核实为属实：请先把情形改为按时办结、逾期办结或未办结")
        if errors:
            raise DailyRecordError(errors)
        self.history.append((today.isoformat(), self.status, status, note))
        if status == PENDING:
            self.verified_by, self.verified_on, self.verify_note = "", None, ""
        else:
            self.verified_by, self.verified_on, self.verify_note = by, on or today, note
        self.status = status

    def label(self) -> str:
        """How the evidence names the item: 日常-2026-003（2026-03-02 批办：事项，未办结）."""
        return f"{self.number or '未编号'}（{self.on.isoformat()} {self.source}：{self.matter}，{self.kind}）"


# --- the rules that give a leaf its value -----------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """A leaf source of this register: `rate` (办结率) or a deduction, of one source or all."""
    rate: bool
    source: str | None

    def takes(self, item: DailyItem) -> bool:
        return self.source is None or item.source == self.source

    def describe(self) -> str:
        of = f"“{self.source}”" if self.source else "全部来源"
        return f"只考一次：{of}{'办结率' if self.rate else '扣分'}"


def rule_of(source: str) -> Rule | None:
    """The rule a leaf source names (`daily`, `daily:举报`, `daily-rate`, `daily-rate:批办`), else None."""
    if not re.fullmatch(SOURCE_PATTERN, source or ""):
        return None
    head, _, which = source.partition(":")
    return Rule(head == "daily-rate", which or None)


@dataclass
class LeafValue:
    """A leaf's value with the items behind it: `counted` (verified, taken into the value), `pending`
    (not verified yet: listed, never counted) and how many were found 不属实."""
    value: float | None
    evidence: str
    counted: list[DailyItem] = field(default_factory=list)
    pending: list[DailyItem] = field(default_factory=list)
    rejected: int = 0


def _listed(items: list[DailyItem], limit: int = 10) -> str:
    return "；".join(item.label() for item in items[:limit]) + ("等" if len(items) > limit else "")


def leaf_value(source: str, items: list[DailyItem] | None, maximum: float, *, deduction: float = 2.0,
               floor: float = 0.0, year: str = "") -> LeafValue:
    """The value of a leaf whose source is a rule of this register, from one department's items of
    the year. `items` is None when the government recorded nothing that year: the leaf is then
    missing, never full marks nor zero."""
    rule = rule_of(source)
    if rule is None:
        return LeafValue(None, f"无法识别的评分来源“{source}”")
    if items is None:
        return LeafValue(None, f"本政府尚未登记{year + '年度' if year else ''}只考一次事项（日常考核台账）")
    mine = [item for item in items if rule.takes(item)]
    pending = [item for item in mine if item.status == PENDING]
    rejected = sum(1 for item in mine if item.status == REJECTED)
    confirmed = [item for item in mine if item.status == CONFIRMED]
    tail = (f"；另有待核实 {len(pending)} 项，核实前不计" if pending else "") + (
        f"；核实不属实 {rejected} 项，不计" if rejected else "")
    where = f"{year}年度" if year else ""
    if rule.rate:
        assigned = [item for item in confirmed if item.kind in DONE + (UNDONE,)]
        done = [item for item in assigned if item.kind in DONE]
        if not assigned:
            return LeafValue(maximum, f"{rule.describe()}：{where}没有核实属实的交办事项，按满分计" + tail,
                             [], pending, rejected)
        value = round(maximum * len(done) / len(assigned), 2)
        return LeafValue(value, f"{rule.describe()}：{where}交办 {len(assigned)} 项，办结 {len(done)} 项"
                                f"（办结率 {100 * len(done) / len(assigned):.1f}%），按满分 {maximum:g} 折算："
                                + _listed(assigned) + tail, assigned, pending, rejected)
    faults = [item for item in confirmed if item.kind in DEDUCTION_WEIGHTS]
    taken = sum(DEDUCTION_WEIGHTS[item.kind] for item in faults) * deduction
    value = round(max(floor, maximum - taken), 2)
    return LeafValue(value, f"{rule.describe()}：{where}核实属实的扣分事项 {len(faults)} 项，每项扣 {deduction:g} 分"
                            f"（逾期办结扣一半），共扣 {taken:g} 分，最低 {floor:g} 分"
                            + (f"：{_listed(faults)}" if faults else "") + tail, faults, pending, rejected)


def year_of(name: str, created_at: str = "") -> str:
    """The year an indicator system is for: a year in its name (2026年度…), else the year it was made."""
    found = re.search(r"(20\d{2}|19\d{2})", name)
    return found.group(1) if found else (created_at or "")[:4]


# --- import -------------------------------------------------------------------------------------

def _department(row: int, text: str, sheet: Sheet) -> tuple[str, list[str]]:
    matched, unknown = match_departments(text, sheet.departments, sheet.government)
    if unknown:
        return "", [f"第{row}行“部门”列的“{name}”不是本政府已有的部门" for name in unknown]
    if len(matched) > 1:
        return "", [f"第{row}行“部门”列只能写一个部门（每个部门一行）"]
    return (matched[0] if matched else ""), []


def _row_item(row: int, values: list, sheet: Sheet) -> tuple[DailyItem | None, list[str]]:
    """One data row as a DailyItem, or the row's errors (each naming the row)."""
    cells = row_cells(IMPORT_HEADER, values)
    number, errors = sheet.number(row, cell_text(cells["编号"]))
    department, department_errors = _department(row, cell_text(cells["部门"]), sheet)
    dates, date_errors = row_dates(row, cells, (("日期", True), ("核实日期", False)))
    errors += department_errors + date_errors
    if errors:
        return None, errors
    on = dates["日期"]
    assert on is not None, "row_dates names a missing required date"
    item = DailyItem(department=department, source=cell_text(cells["来源"]), on=on, matter=cell_text(cells["事项"]),
                     kind=cell_text(cells["情形"]), reference=cell_text(cells["来源编号"]),
                     status=cell_text(cells["核实结果"]) or PENDING, verified_by=cell_text(cells["核实人"]),
                     verified_on=dates["核实日期"], verify_note=cell_text(cells["核实说明"]), number=number)
    wrong = item.problems()  # an empty 部门 cell is named here too
    if wrong:
        return None, [f"第{row}行：{error}" for error in wrong]
    return item, []


def read_items(data: bytes, departments: list[str], government: str = "", *, file_name: str = "日常考核台账.xlsx",
               taken: set[str] | None = None) -> list[DailyItem]:
    """The items of a register sheet (header IMPORT_HEADER; further columns, such as an export's
    佐证附件, are ignored). `departments` are the government's; `taken` the numbers it already uses.
    Every bad row is named; DailyRecordError unless all rows are right."""
    rows = read_table(data, IMPORT_HEADER, DailyRecordError, file_name, max_rows=MAX_ROWS)
    sheet = Sheet(NUMBERING, departments, government, set(taken or ()))
    return entries_of(rows, lambda row, values: _row_item(row, values, sheet), DailyRecordError, "文件中没有事项")


# --- export ---------------------------------------------------------------------------------------

def to_xlsx(items: list[DailyItem]) -> bytes:
    """The register as .xlsx, items verified 属实 filled red; its first columns import back."""
    rows = []
    for item in scrubbed(items):
        rows.append(([item.number or "", item.department, item.source, item.on.isoformat(), item.matter,
                      item.reference, item.kind, item.status, item.verified_by,
                      item.verified_on.isoformat() if item.verified_on else "", item.verify_note,
                      "、".join(item.attachments)], item.status == CONFIRMED and item.kind in DEDUCTION_WEIGHTS))
    return ledger_xlsx("只考一次日常考核台账", EXPORT_HEADER, rows, (14, 24, 8, 12, 44, 16, 12, 10, 10, 12, 36, 24))


def template_xlsx() -> bytes:
    """An empty register to fill in: the header, drop-down lists for the fixed columns, and a
    second sheet saying how each column is filled."""
    lists = (("C", SOURCES), ("G", OUTCOMES + FAULTS), ("H", STATES))
    return import_template_xlsx("只考一次日常考核台账", IMPORT_HEADER, lists, _TEMPLATE_NOTES, MAX_ROWS)


_TEMPLATE_NOTES = (
    ("编号", "留空，导入时由系统编号（如 日常-2026-001）；从本平台导出的台账导入另一数据库时保留原编号"),
    ("部门", "事项所涉及（被考核）的部门，全称或不带政府名的简称，每行一个部门"),
    ("来源", "；".join(f"{code}：{name}" for code, name in SOURCE_NAMES.items())),
    ("日期", "交办、转办或反映的日期，如 2026-03-01"),
    ("事项", f"必填，不超过 {MAX_TEXT} 字"),
    ("来源编号", "批示、督办单或热线工单的编号，可空"),
    ("情形", "批办、督查、热线：" + "、".join(OUTCOMES) + "；举报：" + "、".join(FAULTS) + "；其他：以上均可"),
    ("核实结果", "、".join(STATES) + "；留空为待核实"),
    ("核实人", "已核实（属实或不属实）的事项必填"),
    ("核实日期", "已核实的事项必填，不早于事项日期"),
    ("核实说明", "已核实的事项必填（佐证附件请在台账页面上传）"),
    ("", "有任何一行出错时不导入，并列出出错的行和原因。"),
)
