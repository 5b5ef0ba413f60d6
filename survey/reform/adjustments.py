"""编制 adjustment log (编制调整台账): each change of a unit's posts — 核增, 核减, 调整, 收回, 上划,
下沉 — with its date, kind of post, signed count, the other unit (for 上划/下沉), the document
(文号) and a note; shown per unit and year with a running total, imported from and exported to
.xlsx (the export's first columns import back).

The count is the change for this unit: +2 it gains two posts, -2 it loses two. 核增 only adds,
核减 and 收回 only take away, so a count written without its sign takes the kind's direction
(核减 3 is -3); 调整, 上划 and 下沉 go either way and need the sign of this unit's change.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from docproc.safe_output import scrubbed

from ..sheets import ListError, cell_date, cell_text, entries_of, read_table
from .problems import match_departments
from .roll import POST_KINDS

KINDS = ("核增", "核减", "调整", "收回", "上划", "下沉")
# The direction a kind fixes: 核增 adds posts, 核减 and 收回 take them away.
DIRECTION = {"核增": 1, "核减": -1, "收回": -1}
# Posts moved to or from another unit name that unit.
WITH_COUNTERPART = ("上划", "下沉")
IMPORT_HEADER = ["部门", "日期", "类型", "编制类别", "数量", "对方单位", "文号", "备注"]
EXPORT_HEADER = IMPORT_HEADER + ["年度", "累计（该部门该类编制）"]
MAX_ROWS = 5000
MAX_COUNT = 10_000
MAX_TEXT = {"对方单位": 100, "文号": 100, "备注": 1000}
_DATE_HINT = "（应写作 2026-03-01 或 2026年3月1日）"


class AdjustmentError(ListError):
    """An entry or a log file that cannot be saved; `errors` are Chinese messages."""


def signed_count(kind: str, count: int) -> int:
    """The count with the direction the kind fixes (核减 3 → -3); unchanged for the others.
    Raises AdjustmentError for a count against the kind's direction, or zero."""
    if count == 0:
        raise AdjustmentError(["数量不能为 0"])
    direction = DIRECTION.get(kind)
    if direction is None:
        return count
    if direction > 0 and count < 0:
        raise AdjustmentError([f"{kind}的数量应为正数（减少编制请选核减或收回）"])
    return abs(count) * direction


@dataclass
class Adjustment:
    department: str
    on: date
    kind: str
    post_kind: str
    count: int  # signed: this unit's change
    counterpart: str = ""
    document_no: str = ""
    note: str = ""

    def problems(self) -> list[str]:
        """What is wrong with the entry (empty when it can be saved)."""
        found = []
        if not self.department:
            found.append("请选择部门")
        if self.kind not in KINDS:
            found.append(f"类型应为{'、'.join(KINDS)}之一")
        if self.post_kind not in POST_KINDS:
            found.append(f"编制类别应为{'、'.join(POST_KINDS)}之一")
        if self.count == 0:
            found.append("数量不能为 0")
        elif abs(self.count) > MAX_COUNT:
            found.append(f"数量不超过 {MAX_COUNT}")
        elif self.kind in DIRECTION and (self.count > 0) != (DIRECTION[self.kind] > 0):
            found.append(f"{self.kind}的数量应为{'正' if DIRECTION[self.kind] > 0 else '负'}数")
        if self.kind in WITH_COUNTERPART and not self.counterpart.strip():
            found.append(f"{self.kind}须填写对方单位")
        for name, value in (("对方单位", self.counterpart), ("文号", self.document_no), ("备注", self.note)):
            if len(value) > MAX_TEXT[name]:
                found.append(f"{name}不超过 {MAX_TEXT[name]} 字")
        return found

    def validate(self) -> None:
        errors = self.problems()
        if errors:
            raise AdjustmentError(errors)


# --- per unit and year ----------------------------------------------------------------------------

@dataclass
class Step:
    """An entry with the running total of its unit's posts of its kind after it."""
    entry: Adjustment
    total: int
    ref: object = None  # the caller's handle on the entry (its stored id)


@dataclass
class Year:
    year: int
    steps: list[Step] = field(default_factory=list)

    @property
    def net(self) -> dict[str, int]:
        """The year's net change per kind of post."""
        found: dict[str, int] = {}
        for step in self.steps:
            found[step.entry.post_kind] = found.get(step.entry.post_kind, 0) + step.entry.count
        return found


def by_year(entries: list[Adjustment], refs: list | None = None) -> list[Year]:
    """One unit's entries by year, oldest first, each with the running total of its kind of post
    (the net change since the first entry). `refs` go with the entries into their steps."""
    order = sorted(range(len(entries)), key=lambda n: (entries[n].on, n))
    running: dict[str, int] = {}
    years: dict[int, Year] = {}
    for n in order:
        entry = entries[n]
        running[entry.post_kind] = running.get(entry.post_kind, 0) + entry.count
        years.setdefault(entry.on.year, Year(entry.on.year)).steps.append(
            Step(entry, running[entry.post_kind], refs[n] if refs else None))
    return list(years.values())


def net_change(entries: list[Adjustment], since: date | None = None) -> dict[str, int]:
    """The net change per kind of post over `entries` (those after `since`, if given)."""
    found: dict[str, int] = {}
    for entry in entries:
        if since is None or entry.on > since:
            found[entry.post_kind] = found.get(entry.post_kind, 0) + entry.count
    return found


def count_text(count: int) -> str:
    return f"+{count}" if count > 0 else str(count)


# --- import ---------------------------------------------------------------------------------------

def _cell_count(cell) -> int | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return int(cell) if cell.is_integer() else None
    match = re.fullmatch(r"([+-]?)\s*(\d+)\s*名?", cell_text(cell).replace("－", "-").replace("＋", "+"))
    return None if match is None else int(match.group(2)) * (-1 if match.group(1) == "-" else 1)


def _row_entry(row: int, values: list, departments: list[str], government: str
               ) -> tuple[Adjustment | None, list[str]]:
    cells = dict(zip(IMPORT_HEADER, (list(values) + [None] * len(IMPORT_HEADER))[:len(IMPORT_HEADER)]))
    errors: list[str] = []
    name_text = cell_text(cells["部门"])
    matched, unknown = match_departments(name_text, departments, government)
    if not name_text:
        errors.append(f"第{row}行“部门”列为空")
    elif unknown:
        errors += [f"第{row}行“部门”列的“{name}”不是本政府已有的部门" for name in unknown]
    elif len(matched) > 1:
        errors.append(f"第{row}行“部门”列只能填写一个部门（两个部门之间的划转请各登记一行）")
    on = cell_date(cells["日期"])
    if on is None:
        shown = cell_text(cells["日期"])
        errors.append(f"第{row}行“日期”列" + (f"的“{shown}”不是日期{_DATE_HINT}" if shown else "为空"))
    kind, post_kind = cell_text(cells["类型"]), cell_text(cells["编制类别"])
    if kind not in KINDS:
        errors.append(f"第{row}行“类型”列" + (f"的“{kind}”" if kind else "为空，") + f"应为{'、'.join(KINDS)}之一")
    if post_kind not in POST_KINDS:
        errors.append(f"第{row}行“编制类别”列" + (f"的“{post_kind}”" if post_kind else "为空，")
                      + f"应为{'、'.join(POST_KINDS)}之一")
    count = _cell_count(cells["数量"])
    if count is None:
        shown = cell_text(cells["数量"])
        errors.append(f"第{row}行“数量”列" + (f"的“{shown}”不是整数（增加写 2，减少写 -2）" if shown else "为空"))
    elif kind in KINDS:
        try:
            count = signed_count(kind, count)
        except AdjustmentError as error:
            errors += [f"第{row}行：{message}" for message in error.errors]
    if errors:
        return None, errors
    assert on is not None and count is not None, "a missing date or count is named above"
    entry = Adjustment(matched[0], on, kind, post_kind, count, cell_text(cells["对方单位"]), cell_text(cells["文号"]),
                       cell_text(cells["备注"]))
    wrong = entry.problems()
    if wrong:
        return None, [f"第{row}行：{error}" for error in wrong]
    return entry, []


def read_adjustments(data: bytes, departments: list[str], government: str = "", *,
                     file_name: str = "编制调整台账.xlsx") -> list[Adjustment]:
    """The entries of a log sheet (.xlsx or .csv, header IMPORT_HEADER; columns after it, such as an
    export's 年度 and 累计, are ignored). Every bad row is named; AdjustmentError unless all are right."""
    rows = read_table(data, IMPORT_HEADER, AdjustmentError, file_name, max_rows=MAX_ROWS)
    return entries_of(rows, lambda row, values: _row_entry(row, values, departments, government),
                      AdjustmentError, "文件中没有调整记录")


# --- export ---------------------------------------------------------------------------------------

def to_xlsx(entries: list[Adjustment], title: str = "编制调整台账") -> bytes:
    """The log as .xlsx, by department and date, with each entry's year and its unit's running
    total of that kind of post; the first columns import back."""
    from ..registers import ledger_xlsx

    rows = []
    by_department: dict[str, list[Adjustment]] = {}
    for entry in scrubbed(entries):
        by_department.setdefault(entry.department, []).append(entry)
    for department in sorted(by_department):
        for year in by_year(by_department[department]):
            for step in year.steps:
                entry = step.entry
                rows.append(([entry.department, entry.on.isoformat(), entry.kind, entry.post_kind,
                              entry.count, entry.counterpart, entry.document_no, entry.note,
                              year.year, step.total], False))
    return ledger_xlsx(title[:31], EXPORT_HEADER, rows, (28, 12, 8, 14, 8, 24, 22, 30, 8, 12))


def template_xlsx() -> bytes:
    """An empty log to fill in: the header, drop-down lists for the fixed columns and a sheet of notes."""
    import io

    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from docproc.safe_output import save_workbook
    from docproc.sheet_layout import lay_out

    book = Workbook()
    sheet = book.active
    sheet.title = "编制调整台账"
    sheet.append(IMPORT_HEADER)
    for column, allowed in (("C", KINDS), ("D", POST_KINDS)):
        validation = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True)
        validation.add(f"{column}2:{column}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)
    lay_out(sheet, header_row=1)
    notes = book.create_sheet("填写说明")
    notes.append(["列", "怎么填"])
    for line in (
            ("部门", "部门全称或不带政府名的简称，每行一个部门；两个部门之间划转编制请各登记一行"),
            ("日期", "如 2026-03-01（批复或文件日期）"),
            ("类型", "、".join(KINDS)),
            ("编制类别", "、".join(POST_KINDS)),
            ("数量", "本部门编制的变化：增加写 2，减少写 -2；核增、核减、收回可不写正负号，按类型确定增减"),
            ("对方单位", "上划、下沉必填：编制划到或来自的单位"),
            ("文号", "如 示编办〔2026〕3号"),
            ("备注", "可空"),
            ("", "有任何一行出错时不导入，并列出出错的行和原因。")):
        notes.append(list(line))
    lay_out(notes, header_row=1)
    out = io.BytesIO()
    save_workbook(book, out)
    return out.getvalue()
