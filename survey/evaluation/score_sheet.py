"""The scores of a system as one .xlsx sheet, one row per department and leaf scored by hand,
to fill in away from the platform and import back: every problem named by row and column,
nothing imported unless there are none. With an expert panel, a sheet holds one evaluator's own
scores (and an import is that evaluator's); the combined sheet (`write_combined`) shows the
panel's combination with its spread, and has a header of its own so it is never imported as
anyone's scores."""
from __future__ import annotations

import io
from dataclasses import dataclass

from docproc.safe_output import save_workbook, scrubbed
from docproc.sheet_layout import lay_out

from ..sheets import ListError, cell_number, read_table
from .indicators import IndicatorSystem

HEADER = ["部门", "指标", "满分", "评分标准", "得分", "评分依据"]
COMBINED_HEADER = ["部门", "指标", "满分", "综合得分", "计分方法", "评分人数", "最低分", "最高分", "标准差", "分歧",
                   "未评专家", "裁定理由", "状态"]
MAX_ROWS = 20000


class ScoreSheetError(ListError):
    """Problems of an imported score sheet, each naming its row and column."""


@dataclass
class SheetScore:
    department: str
    path: tuple[str, ...]
    value: float
    evidence: str


def write_sheet(system: IndicatorSystem, departments: list[str],
                scores: dict[tuple[str, tuple[str, ...]], tuple[float, str]]) -> bytes:
    """The sheet with what is scored so far (`scores[(department, path)] = (value, evidence)`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    system, departments, scores = scrubbed((system, departments, scores))
    book = Workbook()
    sheet = book.active
    sheet.title = "评分"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    leaves = [leaf for leaf in system.leaves() if leaf.source == "manual"]
    for department in departments:
        for leaf in leaves:
            value, evidence = scores.get((department, leaf.path), (None, ""))
            sheet.append([department, "/".join(leaf.path), leaf.max, leaf.description, value, evidence])
    for column, width in zip("ABCDEF", (24, 30, 8, 40, 8, 50)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()


def read_sheet(data: bytes, file_name: str, system: IndicatorSystem, departments: list[str]) -> list[SheetScore]:
    """The filled rows of an imported sheet; rows without a score and evidence are skipped.
    Raises ScoreSheetError naming every problem (row and column) when any row is wrong."""
    rows = read_table(data, HEADER, ScoreSheetError, file_name, max_rows=MAX_ROWS)
    leaves = {"/".join(leaf.path): leaf for leaf in system.leaves() if leaf.source == "manual"}
    known = set(departments)
    found: list[SheetScore] = []
    errors: list[str] = []
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(rows, start=2):  # row 1: the header read_table checked
        cells = (list(row) + [None] * 6)[:6]
        department, path = str(cells[0] or "").strip(), str(cells[1] or "").strip()
        raw, evidence = cells[4], str(cells[5] or "").strip()
        if raw in (None, "") and not evidence:
            continue
        where = f"第{number}行"
        if department not in known:
            errors.append(f"{where}第A列（部门）：没有部门“{department}”")
            continue
        leaf = leaves.get(path)
        if leaf is None:
            errors.append(f"{where}第B列（指标）：“{path}”不是本指标体系中由评估员打分的指标")
            continue
        if (department, path) in seen:
            errors.append(f"{where}：{department}的“{path}”重复出现")
            continue
        seen.add((department, path))
        value = cell_number(raw)
        if value is None or not 0 <= value <= (leaf.max or 0):
            shown = raw if raw is not None else ""
            errors.append(f"{where}第E列（得分）：应为 0 到 {leaf.max:g} 之间的数，实际为“{shown}”")
        if not evidence:
            errors.append(f"{where}第F列（评分依据）：请填写评分依据")
        if value is not None and evidence and 0 <= value <= (leaf.max or 0):
            found.append(SheetScore(department, leaf.path, round(value, 2), evidence[:4000]))
    if errors:
        raise ScoreSheetError(errors)
    return found



@dataclass
class CombinedRow:
    """One department and leaf of the combined sheet; the numbers are None where they may not be
    shown yet (a panel's leaf not closed)."""
    department: str
    path: tuple[str, ...]
    maximum: float
    value: float | None
    method: str
    scorers: int
    low: float | None = None
    high: float | None = None
    stdev: float | None = None
    flag: str = ""
    missing: str = ""
    reason: str = ""
    status: str = ""


def write_combined(title: str, rows: list[CombinedRow]) -> bytes:
    """The combined scores of a system, one row per department and leaf."""
    from openpyxl import Workbook

    title, rows = scrubbed((title, rows))
    book = Workbook()
    sheet = book.active
    sheet.title = "综合得分"
    sheet.append([title])
    sheet.append(COMBINED_HEADER)
    for row in rows:
        sheet.append([row.department, "/".join(row.path), row.maximum, row.value, row.method, row.scorers,
                      row.low, row.high, None if row.stdev is None else round(row.stdev, 2), row.flag,
                      row.missing, row.reason, row.status])
    lay_out(sheet, header_row=2)
    buffer = io.BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()
