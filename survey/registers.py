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
