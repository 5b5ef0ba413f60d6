"""What the registers whose entries are numbered 前缀-年份-序号 (问题-2026-001 in the 机构编制问题台账,
日常-2026-001 in the 只考一次 日常考核台账) share: the 编号 itself, and the checks an .xlsx import makes of
a sheet's 编号 and date columns, in the same words for both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .sheets import cell_date, cell_text

DATE_HINT = "（应写作 2026-03-01 或 2026年3月1日）"


@dataclass(frozen=True)
class Numbering:
    """A register's 编号: `prefix`-year-serial; `noun` is what the register's messages call an entry."""
    prefix: str
    noun: str

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(rf"{re.escape(self.prefix)}-(\d{{4}})-(\d{{3,6}})")

    def format(self, year: int, serial: int) -> str:
        return f"{self.prefix}-{year}-{serial:03d}"

    def parse(self, text: str) -> tuple[int, int] | None:
        """(year, serial) of a well-formed 编号, None otherwise."""
        match = self.pattern.fullmatch(text.strip())
        return (int(match.group(1)), int(match.group(2))) if match and int(match.group(2)) > 0 else None


@dataclass
class Sheet:
    """What every row of one imported file is checked against."""
    numbering: Numbering
    departments: list[str]
    government: str
    taken: set[str]
    seen: dict[str, int] = field(default_factory=dict)  # 编号 → the row that gave it first

    def number(self, row: int, text: str) -> tuple[str | None, list[str]]:
        """A row's 编号 cell: None when empty (the store numbers it), else the 编号 or why it is refused."""
        if not text:
            return None, []
        if self.numbering.parse(text) is None:
            example = self.numbering.format(2026, 1)
            return None, [f"第{row}行“编号”列的“{text}”格式不对（应如 {example}，或留空由系统编号）"]
        if text in self.taken:
            noun = self.numbering.noun
            return None, [f"第{row}行：编号“{text}”已在台账中，未重复导入（修改已有{noun}请在台账页面编辑）"]
        if text in self.seen:
            return None, [f"第{row}行：编号“{text}”与第{self.seen[text]}行重复"]
        self.seen[text] = row
        return text, []


def row_cells(header: list[str], values: list) -> dict:
    """A data row's cells by column name (None for cells the row lacks)."""
    return dict(zip(header, (list(values) + [None] * len(header))[:len(header)]))


def row_dates(row: int, cells: dict, columns: tuple[tuple[str, bool], ...]) -> tuple[dict[str, date | None], list[str]]:
    """The (column, required) date columns of a row: each as a date or None, and every unreadable or
    missing required one named."""
    found: dict[str, date | None] = {}
    errors = []
    for column, required in columns:
        raw = cells[column]
        found[column] = cell_date(raw) if cell_text(raw) else None
        if found[column] is None and (cell_text(raw) or required):
            shown = cell_text(raw)
            errors.append(f"第{row}行“{column}”列" + (f"的“{shown}”不是日期{DATE_HINT}" if shown else "为空"))
    return found, errors
