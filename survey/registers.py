"""What the registers closed by 对账销号 share (the 整改台账 and the 机构编制问题台账): the statuses an
entry goes through, when it is overdue, and the .xlsx layout of the ledger offices print and file."""
from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from docproc.safe_output import save_workbook

OPEN, IN_PROGRESS, CLOSED = STATUSES = ("待整改", "整改中", "已销号")
OVERDUE_MARK = "逾期"


def is_overdue(status: str, due: date, today: date) -> bool:
    """Open past its deadline: a closed entry is never overdue, whenever it was closed."""
    return status != CLOSED and today > due


def ledger_xlsx(title: str, header: Sequence[str], rows: Sequence[tuple[list, bool]],
                widths: Sequence[float]) -> bytes:
    """One sheet `title`: a bold frozen header, then `rows` as (cells, overdue); overdue rows are
    filled red so that a printed ledger shows them too. Text cells go through save_workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    overdue_fill = PatternFill("solid", fgColor="FDE2E2")
    for cells, late in rows:
        sheet.append(cells)
        if late:
            for cell in sheet[sheet.max_row]:
                cell.fill = overdue_fill
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()


def import_template_xlsx(title: str, header: Sequence[str], lists: Sequence[tuple[str, Sequence[str]]],
                         notes: Sequence[tuple[str, str]], max_rows: int) -> bytes:
    """An empty register to fill in: sheet `title` with the `header`, a drop-down list of the allowed
    values in each (column letter, values) of `lists` for up to `max_rows` rows, and a second sheet
    填写说明 with the (column, how it is filled) `notes`."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from docproc.sheet_layout import lay_out

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(header))
    for column, allowed in lists:
        validation = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True)
        validation.add(f"{column}2:{column}{max_rows + 1}")
        sheet.add_data_validation(validation)
    lay_out(sheet, header_row=1)
    sheet_notes = book.create_sheet("填写说明")
    sheet_notes.append(["列", "怎么填"])
    for line in notes:
        sheet_notes.append(list(line))
    lay_out(sheet_notes, header_row=1)
    buffer = io.BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()
