"""Text that is safe to write into the files users download (.xlsx, .csv, .docx).

Two dangers, whoever typed the text (staff, evaluators, the public, an imported list):
- a spreadsheet cell starting with `=`, `+`, `-`, `@`, tab or CR can be taken for a formula
  (openpyxl writes `=…` as one; Excel and WPS evaluate a CSV field like that), so such text is
  written with a leading apostrophe, the spreadsheet convention for "this is text";
- characters XML 1.0 cannot hold (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/FFFF)
  make openpyxl and python-docx raise, so one stored comment could break an export for good;
  they are dropped.

Every writer goes through `save_workbook`, `csv_row` or `scrubbed`, so no export depends on its
data having been cleaned on the way in. Our own importers undo the apostrophe (`unquoted`), so a
sheet exported, filled in and imported again round-trips.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import IO, Any, TypeVar

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")
QUOTE = "'"

T = TypeVar("T")


def plain(text: str) -> str:
    """The text without the characters XML (and so .xlsx and .docx) cannot hold."""
    return _NOT_XML.sub("", text)


def inert(text: str) -> str:
    """The text as a spreadsheet cell that can never be a formula."""
    text = plain(text)
    if text.startswith(_FORMULA_START) and not _harmless(text):
        return QUOTE + text
    return text


def _harmless(text: str) -> bool:
    """A lone sign or a signed number is data, not a formula (and `-` is the usual 'none')."""
    return text in ("-", "+") or bool(_NUMBER.fullmatch(text))


def unquoted(text: str) -> str:
    """The text a user typed, from a cell `inert` wrote (for our own importers)."""
    if text.startswith(QUOTE) and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text


def csv_row(values) -> list:
    """A CSV row's fields with text made inert; numbers and None stay as they are."""
    return [inert(value) if isinstance(value, str) else value for value in values]


def save_workbook(book, target: str | Path | IO[bytes]) -> None:
    """Save an openpyxl workbook after making every text cell and sheet title safe."""
    for sheet in book.worksheets:
        sheet.title = plain(sheet.title) or "Sheet"
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str):
                    # assigning again also resets a data type openpyxl guessed (`=…` → formula)
                    cell.value = inert(value)
                    cell.data_type = "s"
    book.save(str(target) if isinstance(target, Path) else target)


def scrubbed(value: T) -> T:
    """A copy of plain data (dataclasses, lists, tuples, dicts, text) with every text `plain`,
    for writers such as python-docx that refuse such characters as soon as they are set."""
    return _scrub(value)


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return plain(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _scrub(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_scrub(item) for item in value)
    if isinstance(value, dict):
        return {_scrub(key): _scrub(item) for key, item in value.items()}
    return value
