"""领导职数台账: actual office holders against the leader posts approved in the 三定.

Import a holder list (.xlsx, header 部门, 姓名, 职务, 级别, 任职时间); a bad row
is named by row and column and nothing is imported until all rows are right.
`snapshot()` compares per department and title (超职数 and 空缺) and is dated by
quarter; `write_xlsx()` exports it, with names only in the admin variant.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

from docproc.model import Document
from docproc.safe_output import save_workbook, scrubbed
from docproc.sheet_layout import lay_out

from ..sheets import ListError, cell_date, read_table

HEADER = ["部门", "姓名", "职务", "级别", "任职时间"]
MAX_ROWS = 20000


@dataclass
class Holder:
    department: str
    name: str
    title: str
    rank: str
    since: dt.date


class HolderListError(ListError):
    """A holder list that cannot be imported; `errors` lists each problem in Chinese."""


def read_holders(data: bytes, departments: list[str] | None = None) -> list[Holder]:
    """Parse an .xlsx holder list; with `departments`, each row's 部门 must be one of them."""
    rows = read_table(data, HEADER, HolderListError, max_rows=MAX_ROWS)
    known = {_key(name): name for name in departments or []}
    holders, errors, seen = [], [], set()
    for number, row in enumerate(rows, start=2):  # row 1: the header read_table checked
        cells = (list(row) + [None] * 5)[:5]
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        department, name, title, rank = (str(c).strip() if c is not None else "" for c in cells[:4])
        for column, value in zip(HEADER[:4], (department, name, title, rank)):
            if not value:
                errors.append(f"第{number}行“{column}”列为空")
        if department and known:
            department = known.get(_key(department), department)
            if _key(department) not in known:
                errors.append(f"第{number}行“部门”列的“{department}”不是已导入三定规定的部门")
        since = cell_date(cells[4])
        if since is None:
            errors.append(f"第{number}行“任职时间”列“{cells[4] if cells[4] is not None else ''}”不是日期"
                          f"（应写作 2021-03-01 或 2021年3月）")
        if name and (department, name, title) in seen:
            errors.append(f"第{number}行：{department}的{name}（{title}）重复出现")
        seen.add((department, name, title))
        if since is not None:
            holders.append(Holder(department, name, title, rank, since))
    if errors:
        raise HolderListError(errors)
    if not holders:
        raise HolderListError(["文件中没有任职人员"])
    return holders


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name)


@dataclass
class PostLine:
    """One leader title of one department: approved, actual, over and vacant."""
    department: str
    title: str
    approved: int | None
    actual: int
    names: list[str] = field(default_factory=list)

    @property
    def over(self) -> int:
        return max(0, self.actual - (self.approved or 0))

    @property
    def vacant(self) -> int:
        return max(0, (self.approved or 0) - self.actual)


@dataclass
class Snapshot:
    """The ledger at a date (its quarter): every department's leader posts."""
    date: dt.date
    lines: list[PostLine]

    @property
    def quarter(self) -> str:
        return f"{self.date.year}年第{(self.date.month - 1) // 3 + 1}季度"

    def departments(self) -> dict[str, dict]:
        """Per department: approved, actual, 超职数 and 空缺 totals."""
        totals: dict[str, dict] = defaultdict(lambda: {"approved": 0, "actual": 0, "over": 0, "vacant": 0})
        for line in self.lines:
            entry = totals[line.department]
            entry["approved"] += line.approved or 0
            entry["actual"] += line.actual
            entry["over"] += line.over
            entry["vacant"] += line.vacant
        return dict(totals)

    def to_dict(self, with_names: bool = False) -> dict:
        lines = []
        for line in self.lines:
            data = {k: v for k, v in asdict(line).items() if k != "names"}
            data.update(over=line.over, vacant=line.vacant)
            if with_names:
                data["names"] = list(line.names)
            lines.append(data)
        return {"date": self.date.isoformat(), "quarter": self.quarter, "lines": lines,
                "departments": self.departments()}


def approved_posts(documents: list[Document]) -> dict[str, dict[str, int]]:
    """Department → leader title → approved count, from each 三定's staffing part."""
    return {doc.department: {leader.title: leader.count for leader in doc.staffing.leaders}
            for doc in documents if doc.department}


def snapshot(holders: list[Holder], approved: dict[str, dict[str, int]], date: dt.date) -> Snapshot:
    """Compare the holders in office on `date` with the approved leader posts."""
    counts: Counter = Counter()
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for holder in holders:
        if holder.since <= date:
            counts[(holder.department, holder.title)] += 1
            names[(holder.department, holder.title)].append(holder.name)
    keys = [(d, t) for d, titles in approved.items() for t in titles]
    keys += sorted(k for k in counts if k not in set(keys))
    lines = [PostLine(d, t, approved.get(d, {}).get(t), counts.get((d, t), 0), names.get((d, t), []))
             for d, t in keys]
    return Snapshot(date, lines)


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of a quarter: snapshots are taken there."""
    month = quarter * 3
    return dt.date(year, month, 31 if month in (3, 12) else 30)


def write_xlsx(snap: Snapshot, with_names: bool = False) -> bytes:
    """The ledger as .xlsx; names appear only when `with_names` (admins)."""
    from openpyxl import Workbook

    snap = scrubbed(snap)
    book = Workbook()
    sheet = book.active
    sheet.title = "领导职数台账"
    sheet.append([f"领导职数管理台账（{snap.quarter}，截至{snap.date.isoformat()}）"])
    header = ["部门", "职务", "核定职数", "实有人数", "超职数", "空缺"] + (["姓名"] if with_names else [])
    sheet.append(header)
    for line in snap.lines:
        row = [line.department, line.title, line.approved if line.approved is not None else "未核定",
               line.actual, line.over, line.vacant]
        sheet.append(row + (["、".join(line.names)] if with_names else []))
    summary = book.create_sheet("部门汇总")
    summary.append(["部门", "核定职数", "实有人数", "超职数", "空缺"])
    for department, entry in snap.departments().items():
        summary.append([department, entry["approved"], entry["actual"], entry["over"], entry["vacant"]])
    lay_out(sheet, header_row=2)
    lay_out(summary, header_row=1)
    out = io.BytesIO()
    save_workbook(book, out)
    return out.getvalue()


def holders_xlsx(holders: list[Holder]) -> bytes:
    """The holder list as imported (HEADER columns, 任职时间 as a date): it imports back to the
    same holders. Names: for admins only, like the snapshot's names."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "任职人员"
    sheet.append(HEADER)
    for holder in scrubbed(holders):
        sheet.append([holder.department, holder.name, holder.title, holder.rank, holder.since.isoformat()])
    lay_out(sheet, header_row=1)
    out = io.BytesIO()
    save_workbook(book, out)
    return out.getvalue()


def holders_from_rows(found: list[dict]) -> list[Holder]:
    """Stored holder rows (department_name, name, post, level, since) as Holders."""
    return [Holder(row["department_name"], row["name"], row["post"], row["level"], dt.date.fromisoformat(row["since"]))
            for row in found]


def quarter_key(date: dt.date) -> str:
    """`2024-Q1`: how a snapshot's quarter is stored and sorted."""
    return f"{date.year}-Q{(date.month - 1) // 3 + 1}"


def parse_quarter(key: str) -> dt.date:
    """The last day of a quarter written `2024-Q1`; raises ValueError."""
    match = re.fullmatch(r"(\d{4})-Q([1-4])", key.strip())
    if not match:
        raise ValueError(f"季度应写作 2024-Q1，实际为“{key}”")
    return quarter_end(int(match.group(1)), int(match.group(2)))


def snapshot_from_dict(data: dict, holders: list[dict] | None = None) -> Snapshot:
    """A stored snapshot (`to_dict()` without names) back, names filled from `holders`
    (dicts with department_name, post, name, since) when given."""
    date = dt.date.fromisoformat(data["date"])
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for holder in holders or []:
        if holder.get("since", "") <= data["date"]:
            names[(holder["department_name"], holder["post"])].append(holder["name"])
    lines = [PostLine(line["department"], line["title"], line["approved"], line["actual"],
                      names.get((line["department"], line["title"]), [])) for line in data["lines"]]
    return Snapshot(date, lines)
