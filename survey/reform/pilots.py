"""大科室 pilot batches (试点批次): totals per batch, the .xlsx export and its import.

酒泉 ran its 大科室 reform in three batches of departments and reported each batch as
divisions before and after, the highest, lowest and overall cut, and posts per 大科室 (most,
fewest, average). `totals` gives those figures with the share of units passing each rule.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from docproc.safe_output import save_workbook, scrubbed
from docproc.sheet_layout import lay_out

from ..sheets import ListError, cell_text, entries_of, read_table

UNIT_HEADER = ["部门", "试点批次"]
MAX_ROWS = 2000
NO_BATCH = "未分批"
ALL = "合计"


@dataclass
class PilotUnit:
    name: str
    batch: str | None
    before: int | None           # divisions in the previous 三定 (None: no previous version)
    after: int                   # divisions in the current 三定
    verdicts: dict[str, bool | None] = field(default_factory=dict)
    posts: dict[str, int] = field(default_factory=dict)  # known posts per current division
    administrative_posts: int | None = None

    @property
    def cut(self) -> float | None:
        return (self.before - self.after) / self.before if self.before else None


@dataclass
class BatchTotals:
    batch: str
    units: int = 0
    compared: int = 0            # units with a previous version
    before: int = 0              # divisions before, of the compared units
    after: int = 0               # divisions after, of the compared units
    divisions: int = 0           # divisions now, of every unit
    cut: float | None = None
    max_cut: float | None = None
    min_cut: float | None = None
    rules: dict[str, dict] = field(default_factory=dict)  # rule → passed, failed, unknown, share
    administrative_posts: int = 0
    posts: int = 0               # known posts of divisions
    posts_known: int = 0         # divisions whose posts are known
    posts_max: int | None = None
    posts_min: int | None = None
    posts_average: float | None = None


def batch_totals(name: str, units: list[PilotUnit], rules: list[str]) -> BatchTotals:
    """The figures of one batch (or of all units)."""
    found = BatchTotals(name, units=len(units))
    compared = [u for u in units if u.before]
    found.compared = len(compared)
    found.before = sum(u.before or 0 for u in compared)
    found.after = sum(u.after for u in compared)
    found.divisions = sum(u.after for u in units)
    if found.before:
        found.cut = (found.before - found.after) / found.before
        cuts = [u.cut for u in compared if u.cut is not None]
        found.max_cut, found.min_cut = max(cuts), min(cuts)
    for rule in rules:
        results = [u.verdicts.get(rule) for u in units]
        passed, failed = results.count(True), results.count(False)
        found.rules[rule] = {"passed": passed, "failed": failed, "unknown": len(units) - passed - failed,
                             "share": passed / (passed + failed) if passed + failed else None}
    found.administrative_posts = sum(u.administrative_posts or 0 for u in units)
    counts = [count for u in units for count in u.posts.values()]
    found.posts, found.posts_known = sum(counts), len(counts)
    if counts:
        found.posts_max, found.posts_min = max(counts), min(counts)
        found.posts_average = sum(counts) / len(counts)
    return found


def totals(units: list[PilotUnit], batches: list[str], rules: list[str]) -> list[BatchTotals]:
    """One line per batch in the given order, 未分批 if any unit has none, then 合计."""
    lines = [batch_totals(name, [u for u in units if u.batch == name], rules) for name in batches]
    loose = [u for u in units if u.batch not in batches]
    if loose:
        lines.append(batch_totals(NO_BATCH, loose, rules))
    lines.append(batch_totals(ALL, units, rules))
    return lines


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def write_xlsx(units: list[PilotUnit], lines: list[BatchTotals], titles: dict[str, str]) -> bytes:
    """试点部门 (first: edited and imported back, 部门 and 试点批次 first) and 批次汇总."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "试点部门"
    header = UNIT_HEADER + ["改革前内设机构", "改革后内设机构", "精简比例", "行政编制", "已知编制的内设机构",
                            "各内设机构编制合计"] + list(titles.values())
    sheet.append(header)
    marks = {True: "通过", False: "未通过", None: "无法核对"}
    for unit in scrubbed(units):
        sheet.append([unit.name, unit.batch or "", unit.before, unit.after, _share(unit.cut),
                      unit.administrative_posts, len(unit.posts), sum(unit.posts.values())]
                     + [marks[unit.verdicts.get(rule)] for rule in titles])
    summary = book.create_sheet("批次汇总")
    top = ["试点批次", "部门数", "有上一版本的部门", "改革前内设机构", "改革后内设机构", "精简比例", "最高精简比例",
           "最低精简比例", "行政编制", "已知编制的内设机构", "各内设机构编制合计", "每科室最多", "每科室最少",
           "每科室平均", "现有内设机构"]
    summary.append(top + [f"{title}通过率" for title in titles.values()])
    for line in scrubbed(lines):
        summary.append([line.batch, line.units, line.compared, line.before, line.after, _share(line.cut),
                        _share(line.max_cut), _share(line.min_cut), line.administrative_posts, line.posts_known,
                        line.posts, line.posts_max, line.posts_min,
                        None if line.posts_average is None else round(line.posts_average, 1), line.divisions]
                       + [_share(line.rules[rule]["share"]) for rule in titles])
    lay_out(sheet, header_row=1)
    lay_out(summary, header_row=1)
    out = io.BytesIO()
    save_workbook(book, out)
    return out.getvalue()


class AssignmentError(ListError):
    """A batch sheet that cannot be imported; `errors` names row and column in Chinese."""


def read_assignments(data: bytes, departments: list[str], file_name: str = "试点批次.xlsx") -> dict[str, str]:
    """部门 → 试点批次 (empty: taken out of its batch) from the first sheet, whose first columns are
    部门, 试点批次 (the export's 试点部门 sheet); all rows or nothing."""
    rows = read_table(data, UNIT_HEADER, AssignmentError, file_name, max_rows=MAX_ROWS)
    known = set(departments)
    seen: dict[str, int] = {}

    def read_row(number: int, values: list) -> tuple[tuple[str, str] | None, list[str]]:
        name, batch = cell_text(values[0]), cell_text(values[1] if len(values) > 1 else None)
        if not name:
            return None, [f"第{number}行“部门”列为空"]
        if name not in known:
            return None, [f"第{number}行“部门”列“{name}”不是本级政府已导入三定规定的部门"]
        if name in seen:
            return None, [f"第{number}行“部门”列“{name}”与第{seen[name]}行重复"]
        seen[name] = number
        if len(batch) > 40:
            return None, [f"第{number}行“试点批次”列超过40个字"]
        return (name, batch), []

    return dict(entries_of(rows, read_row, AssignmentError, "文件中没有部门"))
