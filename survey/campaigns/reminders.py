"""Reminding late units: who is late in which phase, by how many days, the message the office
sends (stored per unit, to be shown on the unit's home page once units sign in) and the sheet it
prints or files."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from docproc.safe_output import scrubbed

from ..registers import ledger_xlsx
from .board import COLUMN_NAMES, Board, Cell

HEADER = ["阶段", "截止日期", "逾期天数", "单位", "未完成情况", "最近提醒时间", "最近提醒内容"]
MAX_MESSAGE = 1000


@dataclass
class LateUnit:
    column: str
    unit: str
    deadline: date | None
    days: int
    detail: str
    reminded_at: str = ""  # the last reminder sent to the unit (any phase), as stored
    message: str = ""

    @property
    def phase_name(self) -> str:
        return COLUMN_NAMES[self.column]

    def to_dict(self) -> dict:
        return {"phase": self.column, "phase_name": self.phase_name, "unit": self.unit,
                "deadline": self.deadline.isoformat() if self.deadline else None, "days_late": self.days,
                "detail": self.detail, "reminded_at": self.reminded_at or None, "message": self.message or None}


def late_units(board: Board, reminders: dict[str, dict] | None = None) -> list[LateUnit]:
    """Every late cell of the board, phase by phase; `reminders` maps a unit to its last stored
    reminder ({"at", "message"})."""
    reminders = reminders or {}
    found = []
    for column, row, cell in board.late():
        last = reminders.get(row.unit) or {}
        found.append(LateUnit(column, row.unit, cell.deadline, cell.days_late(board.today), cell.detail,
                              (last.get("at") or "")[:16].replace("T", " "), last.get("message") or ""))
    return found


def default_message(campaign: str, column: str, cell: Cell, today: date) -> str:
    """The reminder the office sends unless it writes its own."""
    due = f"截止日期为 {cell.deadline.isoformat()}，已逾期 {cell.days_late(today)} 天" if cell.deadline else "已逾期"
    return f"请抓紧完成“{campaign}”的{COLUMN_NAMES[column]}工作（{cell.detail}）：{due}。"


def to_xlsx(late: list[LateUnit]) -> bytes:
    """The late units as .xlsx (Chinese headings), one row per unit and phase."""
    rows = [([item.phase_name, item.deadline.isoformat() if item.deadline else "", item.days, item.unit,
              item.detail, item.reminded_at, item.message], False) for item in scrubbed(late)]
    return ledger_xlsx("逾期单位", HEADER, rows, (12, 12, 9, 26, 30, 17, 50))
