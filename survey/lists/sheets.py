"""A 清单 as .xlsx: import (every bad row named with its number and reason, nothing taken unless all
rows are right) and export. The export's header is the import's, so a list exported from one
database (or one edition) imports into another as the same matters.
"""
from __future__ import annotations

from ..registers import ledger_xlsx
from ..sheets import read_table
from .kinds import MAX_NAME, MAX_TEXT, Context, Kind, ListsError, Matter, check_matter

MAX_ROWS = 5000
NUMBER = "序号"  # written by the export, ignored by the import (an edition numbers its matters itself)


def header(kind: Kind) -> list[str]:
    return [NUMBER, *kind.headers]


def _blank(cell) -> bool:
    return cell is None or str(cell).strip() == ""


def matters_from_rows(kind: Kind, rows: list[list], context: Context, *, first_row: int = 2,
                      pending: set[str] | None = None) -> list[Matter]:
    """The matters of a sheet's data rows (cells in `header(kind)` order); ListsError names every bad
    row. `first_row` is the number of the first data row in the sheet; `pending` the names a change
    request not yet decided would add (proposing them twice would only give the approver a conflict)."""
    matters: list[Matter] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    width = len(header(kind))
    for number, values in enumerate(rows, start=first_row):
        cells = (list(values) + [None] * width)[:width]
        if all(_blank(cell) for cell in cells):
            continue
        raw = {column.key: cells[index + 1] for index, column in enumerate(kind.columns)}
        matter, wrong = check_matter(kind, raw, context)
        if matter is not None and matter.name in seen:
            wrong = [f"{kind.columns[0].header}“{matter.name}”与第{seen[matter.name]}行重复"]
        elif matter is not None and matter.name in (pending or ()):
            wrong = [f"{kind.columns[0].header}“{matter.name}”已有待审核的新增申请，未重复提出"]
        errors += [f"第{number}行：{error}" for error in wrong]
        if matter is not None and not wrong:
            seen[matter.name] = number
            matters.append(matter)
    if errors:
        raise ListsError(errors)
    if not matters:
        raise ListsError(["文件中没有事项"])
    return matters


def read_matters(kind: Kind, data: bytes, context: Context, file_name: str = "清单.xlsx", *,
                 pending: set[str] | None = None) -> list[Matter]:
    """The matters of a workbook whose first row is `header(kind)`; ListsError unless all are right."""
    rows = read_table(data, header(kind), ListsError, file_name, max_rows=MAX_ROWS)
    return matters_from_rows(kind, rows, context, pending=pending)


def _width(kind: Kind, key: str) -> float:
    column = kind.column(key)
    if column.type == "name":
        return 30
    if column.type == "text":
        return 48
    return 22 if column.type in ("departments", "items") else 16


def to_xlsx(kind: Kind, matters: list[Matter], title: str | None = None) -> bytes:
    """The matters in their order, numbered; the sheet imports back."""
    rows = [([number, *(matter.text(column.key) for column in kind.columns)], False)
            for number, matter in enumerate(matters, start=1)]
    widths = [6, *(_width(kind, column.key) for column in kind.columns)]
    return ledger_xlsx((title or kind.name)[:31], header(kind), rows, widths)


def template_xlsx(kind: Kind, fields: list[str]) -> bytes:
    """An empty list to fill in: the header, drop-down lists where the values are fixed, and a
    second sheet saying how each column is filled."""
    import io

    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from docproc.safe_output import save_workbook
    from docproc.sheet_layout import lay_out

    book = Workbook()
    sheet = book.active
    sheet.title = kind.name
    sheet.append(header(kind))
    for index, column in enumerate(kind.columns, start=2):
        allowed = fields if column.type == "field" else list(column.choices)
        listed = '"' + ",".join(allowed) + '"'
        if allowed and len(listed) <= 255 and not any("," in value for value in allowed):  # Excel's limit
            validation = DataValidation(type="list", formula1=listed, allow_blank=True)
            letter = sheet.cell(row=1, column=index).column_letter
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            sheet.add_data_validation(validation)
    lay_out(sheet, header_row=1)
    notes = book.create_sheet("填写说明")
    notes.append(["列", "怎么填"])
    notes.append([NUMBER, "可空；导入时不读，发布时按行业领域重新编号"])
    for column in kind.columns:
        notes.append([column.header, _note(column, fields)])
    notes.append(["", "有任何一行出错时不导入，并列出出错的行和原因。已有同名事项的行作为修改，相同的行不变；"
                      "文件中没有的事项不会删除（删除请在清单页面逐项提出）。"])
    lay_out(notes, header_row=1)
    out = io.BytesIO()
    save_workbook(book, out)
    return out.getvalue()


def _note(column, fields: list[str]) -> str:
    required = "必填" if column.required else "可空"
    if column.type == "name":
        what = f"不超过 {MAX_NAME} 字，本清单中不重复"
    elif column.type == "field":
        what = "行业领域索引中的名称：" + "、".join(fields)
    elif column.type == "choice":
        what = "、".join(column.choices) + "之一"
    elif column.type == "department":
        what = "一个部门，写全称或不带政府名的简称"
    elif column.type == "departments":
        what = "部门全称或简称，多个用、分隔"
    elif column.type == "items":
        what = "多项用、分隔"
    else:
        what = f"不超过 {MAX_TEXT} 字"
    return "；".join(part for part in (required, what, column.hint) if part)
