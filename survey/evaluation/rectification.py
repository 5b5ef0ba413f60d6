"""The rectification ledger (整改台账): each problem with its measure, owner and deadline,
closed one by one with proof (对账销号)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from docproc.safe_output import scrubbed

from ..registers import OVERDUE_MARK, STATUSES, is_overdue, ledger_xlsx
from ..sheets import ListError

ORIGINS = ("职责交叉", "指标低分", "评估意见", "其他")


class RectificationError(ListError):
    """An entry that cannot be saved or changed; `errors` are Chinese messages."""


@dataclass
class Entry:
    department: str
    problem: str
    measure: str
    owner: str
    deadline: date
    origin: str = "其他"
    source_ref: str = ""  # e.g. a finding key or an indicator path
    status: str = "待整改"
    closed_on: date | None = None
    proof: str = ""
    history: list[tuple[str, str, str]] = field(default_factory=list)  # (date, from, to)
    no: int | None = None  # the ledger's 编号 (stable: the web page and every export show the same)

    def validate(self) -> None:
        problems = []
        for name, value in (("部门", self.department), ("问题", self.problem), ("整改措施", self.measure),
                            ("责任人", self.owner)):
            if not value or not value.strip():
                problems.append(f"“{name}”不能为空")
        if self.status not in STATUSES:
            problems.append(f"状态应为{'、'.join(STATUSES)}之一")
        if self.origin not in ORIGINS:
            problems.append(f"来源应为{'、'.join(ORIGINS)}之一")
        if self.status == "已销号" and (not self.closed_on or not self.proof.strip()):
            problems.append("销号须填写销号日期和整改佐证")
        if problems:
            raise RectificationError(problems)

    def overdue(self, today: date) -> bool:
        return is_overdue(self.status, self.deadline, today)

    def move(self, status: str, today: date, *, proof: str = "") -> None:
        """待整改 → 整改中 → 已销号 (closing needs proof); reopening is allowed with a note."""
        if status not in STATUSES:
            raise RectificationError([f"状态应为{'、'.join(STATUSES)}之一"])
        if status == "已销号":
            if not proof.strip():
                raise RectificationError(["销号须提供整改佐证"])
            self.closed_on, self.proof = today, proof.strip()
        else:
            self.closed_on = None
        self.history.append((today.isoformat(), self.status, status))
        self.status = status


def to_xlsx(entries: list[Entry], today: date) -> bytes:
    """The ledger as .xlsx; overdue entries are filled red."""
    entries = scrubbed(entries)
    header = ["编号", "部门", "问题", "来源", "整改措施", "责任人", "整改时限", "状态", "销号日期", "整改佐证",
              "是否逾期"]
    rows = []
    for number, entry in enumerate(entries, start=1):
        late = entry.overdue(today)
        rows.append(([entry.no if entry.no is not None else number, entry.department, entry.problem,
                      entry.origin, entry.measure, entry.owner, entry.deadline.isoformat(), entry.status,
                      entry.closed_on.isoformat() if entry.closed_on else "", entry.proof,
                      OVERDUE_MARK if late else ""], late))
    return ledger_xlsx("整改台账", header, rows, (6, 24, 40, 10, 40, 12, 12, 10, 12, 30, 8))
