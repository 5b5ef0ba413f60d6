"""Spreadsheets as users fill them in, for the tests of every importer."""
from __future__ import annotations

import io


def xlsx_bytes(rows: list[list], header: list | None = None) -> bytes:
    """An .xlsx workbook whose first sheet holds `header` (if given) and then `rows`."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in ([header] if header is not None else []) + list(rows):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
