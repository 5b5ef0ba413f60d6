"""The layout every exported sheet shares: the header frozen, columns as wide as their text."""
from __future__ import annotations

import unicodedata

MIN_WIDTH, MAX_WIDTH = 8, 60


def lay_out(sheet, header_row: int) -> None:
    """Freeze the rows down to `header_row` (a title row above it stays in view too) and give
    each column no writer sized a width that fits its longest line from the header down."""
    from openpyxl.styles import Font

    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1).coordinate
    for cell in sheet[header_row]:
        if cell.value is not None and not cell.font.bold:
            cell.font = Font(bold=True)
    for cells in sheet.iter_cols(min_row=header_row):
        letter = cells[0].column_letter
        if letter in sheet.column_dimensions and sheet.column_dimensions[letter].customWidth:
            continue
        longest = max((display_width(line) for cell in cells if cell.value is not None
                       for line in str(cell.value).splitlines()), default=0)
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))


def display_width(text: str) -> int:
    """Columns a line takes in a spreadsheet: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
