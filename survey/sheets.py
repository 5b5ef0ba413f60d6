"""Reading the spreadsheets offices import (.xlsx, .csv), and the one error type for lists of problems.

Importers collect every problem of a file, each naming its row and column in
Chinese, and import nothing unless there are none: `ListError.errors`. Row
limits are checked while reading, so a file with a huge sheet is refused
before the rest of it is read. Text our own exports marked as text with a
leading apostrophe (docproc.safe_output) is read back as it was typed.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from docproc.confine import LimitError, Limits, check_chars, run_confined
from docproc.safe_output import unquoted

BROKEN_XLSX = "Excel 文件已损坏或不是有效的 .xlsx 文件"


class ListError(ValueError):
    """Problems of something imported or entered; `errors` lists each in Chinese."""

    def __init__(self, errors: list[str]):
        super().__init__("；".join(errors))
        self.errors = errors


class TooManyRows(ListError):
    """A sheet with more rows than the importer takes (refused while reading)."""

    def __init__(self, limit: int):
        super().__init__([f"行数过多，一次最多导入 {limit} 行"])
        self.limit = limit


def cell_text(cell) -> str:
    """A cell as trimmed text: empty for None, `12` for the 12.0 a spreadsheet stores."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def entries_of(rows: list, read_row, error: type[ListError], nothing: str) -> list:
    """What `read_row(row_number, values)` makes of each non-blank row after the header, as
    (entry or None, errors); `error` with every row's errors unless there are none, or `nothing`
    when no row held an entry."""
    entries, errors = [], []
    for row, values in enumerate(rows, start=2):  # row 1: the header read_table checked
        if all(cell_text(cell) == "" for cell in values):
            continue
        entry, row_errors = read_row(row, values)
        errors += row_errors
        if entry is not None:
            entries.append(entry)
    if errors:
        raise error(errors)
    if not entries:
        raise error([nothing])
    return entries


def cell_number(cell) -> float | None:
    """A spreadsheet cell as a number (a number cell, or text that reads as one); None otherwise."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return float(cell)
    try:
        return float(str(cell).strip())
    except (TypeError, ValueError):
        return None


def cell_date(value) -> dt.date | None:
    """A spreadsheet cell as a date: a date cell, or text such as 2021-03-01, 2021/3/1, 2021年3月1日
    or 2021年3月 (the first of the month); None otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?|\s*月?)", text)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
    except ValueError:
        return None


def read_table(data: bytes, header: list[str], error: type[ListError], file_name: str = "表格.xlsx", *,
               max_rows: int, limits: Limits | None = None) -> list[list]:
    """The data rows of a sheet whose first row must be `header`; every problem raises `error`."""
    try:
        rows = read_rows(data, file_name, max_rows=max_rows, max_columns=len(header), limits=limits)
    except ListError as problem:
        raise error(problem.errors) from None
    if not rows:
        raise error(["文件中没有内容"])
    found = [str(cell or "").strip() for cell in rows[0]][:len(header)]
    if found != header:
        raise error([f"第1行表头应为“{'，'.join(header)}”，实际为“{'，'.join(found)}”"])
    return rows[1:]


def read_rows(data: bytes, file_name: str = "表格.xlsx", *, max_rows: int | None = None,
              header_rows: int = 1, max_columns: int | None = None, limits: Limits | None = None) -> list[list]:
    """The rows of the first sheet of an .xlsx, or of a .csv (by the file name's suffix).

    More than `max_rows` rows after the `header_rows` are refused (ListError) as
    soon as the reader passes the limit; `max_columns` cuts each row. Empty
    cells are None in .xlsx and "" in .csv. Read in a child process under
    `limits` (docproc.confine's defaults if None); a limit hit is a ListError too.
    """
    limits = limits or Limits()
    try:
        return run_confined(_read_rows, data, file_name, max_rows, header_rows, max_columns, limits,
                            limits=limits, errors=(ListError,))
    except LimitError as error:
        raise ListError([error.message]) from None


def _read_rows(data: bytes, file_name: str, max_rows: int | None, header_rows: int,
               max_columns: int | None, limits: Limits) -> list[list]:
    """read_rows in the child process."""
    suffix = Path(file_name).suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(data, max_columns)
    elif suffix == ".csv":
        rows = csv.reader(io.StringIO(decode_text(data)))
    else:
        raise ListError([f"不支持的文件类型“{suffix}”，请上传 .xlsx 或 .csv"])
    found: list[list] = []
    try:
        for row in rows:
            cells = list(row)[:max_columns] if max_columns else list(row)
            found.append([unquoted(cell) if isinstance(cell, str) else cell for cell in cells])
            if max_rows is not None and len(found) > max_rows + header_rows:
                raise TooManyRows(max_rows)
    except csv.Error:  # a quote never closed, a field longer than the csv module takes
        raise ListError([f"CSV 文件第{len(found) + 1}行格式有误，请在 Excel 中另存为 .xlsx 后再导入"]) from None
    finally:
        if hasattr(rows, "close"):
            rows.close()  # the workbook's file, when the limit stopped the reading early
    check_chars(sum(len(cell) for row in found for cell in row if isinstance(cell, str)), limits)
    return found


def _xlsx_rows(data: bytes, max_columns: int | None):
    """The rows of the active sheet, one for each <row> element the parser reads.

    openpyxl's own iter_rows parses and then drops, uncounted, every <row> numbered at or
    before the one before it, and stops at the row the <dimension> states: a small crafted
    sheet of millions of rows all numbered 2 was read to its end before any row limit. Here
    rows come in file order (a row whose number goes back counts as the next one, and
    nothing is dropped) and a gap in the numbers gives empty rows, counted as read.
    """
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for broken files
        raise ListError([BROKEN_XLSX]) from None
    try:
        sheet = book.active
        with book._archive.open(sheet._worksheet_path) as source:
            parser = WorkSheetParser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                                     date_formats=book._date_formats,
                                     timedelta_formats=book._timedelta_formats)
            count = 0
            for number, cells in parser.parse():
                while count + 1 < number:
                    count += 1
                    yield [None] * (max_columns or 0)
                count += 1
                yield _values(cells, max_columns)
    except ListError:
        raise
    except Exception:  # a broken sheet fails while its rows are read
        raise ListError([BROKEN_XLSX]) from None
    finally:
        book.close()


def _values(cells: list[dict], max_columns: int | None) -> list:
    """A row's cell values by column (None where no cell), cut at `max_columns`."""
    width = max_columns or max((cell["column"] for cell in cells), default=0)
    values: list = [None] * width
    for cell in cells:
        if 1 <= cell["column"] <= width:
            values[cell["column"] - 1] = cell["value"]
    return values


def decode_text(data: bytes) -> str:
    """An uploaded list's text: UTF-8, else the encodings docproc detects (GB18030, Big5 …)."""
    from docproc.errors import ParseError
    from docproc.read.text import decode

    try:
        try:  # plain UTF-8 first: detection can misread short files
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return decode(data)
    except ParseError as error:
        raise ListError([error.message]) from None
