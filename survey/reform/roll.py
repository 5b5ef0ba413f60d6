"""实名制 data and the 超编/超职数 checks on it.

An office's 实名制 register states, per unit (a department of the government), how many posts
of each kind (编制) are approved (核定) and filled (实有), and how many leader posts of each
level are approved and held, as of a date (数据日期). Imported from .xlsx or .csv: every bad row
is named, nothing is read unless all rows are right.

The checks compare 实有 with 核定 per kind and level. Where the register leaves a 核定 empty,
the department's current 三定 gives it, as far as the parser reads it: 行政编制 from the
人员编制 part, 正职/副职 from the leader titles (局长 1名, 副局长 3名 …) and 内设机构领导 from the
科级领导职数 total (the 三定 states 正副科级 as one number, so the level does too).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from docproc.model import Staffing

from ..sheets import ListError, cell_text, entries_of, read_table
from .problems import match_departments

# The kinds of 编制 a 实名制 register lists; the 三定 of a 机关 states only 行政编制.
POST_KINDS = ("行政编制", "政法专项编制", "事业编制", "工勤编制")
# Leader posts by level: the department's own leaders (正职, 副职) and its divisions' leaders
# (内设机构领导, 正副科级 together, as the 三定's 科级领导职数 is one number).
LEADER_LEVELS = ("正职", "副职", "内设机构领导")
HEADER = ["部门"] + [f"{name}{what}" for name in POST_KINDS + LEADER_LEVELS for what in ("核定", "实有")] + ["备注"]
MAX_ROWS = 2000
MAX_COUNT = 100_000
MAX_NOTE = 500
FROM_ROLL, FROM_DOCUMENT = "实名制", "三定"

# Leader titles of the department itself: the principal is 正职; a 副 title, and posts at
# deputy rank (总工程师, 总农艺师, 总督察, 秘书长 …, 专职 party posts), are 副职.
_DEPUTY_TITLE = re.compile(r"^(?:专职|兼职)?(?:副|总(?!队长)|督察长|秘书长|委员)")


class RollError(ListError):
    """A 实名制 file that cannot be imported; `errors` are Chinese messages naming rows."""


@dataclass
class Count:
    """One kind of post (or level of leader post) of a unit: approved and actual, None if not given."""
    approved: int | None = None
    actual: int | None = None

    def to_dict(self) -> dict:
        return {"approved": self.approved, "actual": self.actual}


@dataclass
class RollUnit:
    """One row of a 实名制 register: a department and its numbers (only those given)."""
    department: str
    posts: dict[str, Count] = field(default_factory=dict)  # POST_KINDS → counts
    leaders: dict[str, Count] = field(default_factory=dict)  # LEADER_LEVELS → counts
    note: str = ""


def leader_level(title: str) -> str:
    """正职 or 副职 for a leader title the 三定 parser read (局长 → 正职, 副局长, 总工程师 → 副职)."""
    return "副职" if _DEPUTY_TITLE.match(title) else "正职"


def approved_by_document(staffing: Staffing | None) -> tuple[dict[str, int], dict[str, int]]:
    """(posts by kind, leader posts by level) a parsed 三定's staffing part approves."""
    if staffing is None:
        return {}, {}
    posts = {"行政编制": staffing.administrative_posts} if staffing.administrative_posts is not None else {}
    leaders: dict[str, int] = {}
    for leader in staffing.leaders:
        level = leader_level(leader.title)
        leaders[level] = leaders.get(level, 0) + leader.count
    if staffing.division_leaders is not None:
        leaders["内设机构领导"] = staffing.division_leaders
    return posts, leaders


# --- import ---------------------------------------------------------------------------------------

def _count(row: int, column: str, cell) -> tuple[int | None, str | None]:
    """A cell as a count of people: a whole number from 0 (`12`, `12名`, `12人`); empty is None."""
    if isinstance(cell, bool):
        return None, f"第{row}行“{column}”列应为人数（0 或正整数）"
    if isinstance(cell, int):
        value: int | None = cell
    elif isinstance(cell, float):
        value = int(cell) if cell.is_integer() else None
    else:
        text = cell_text(cell)
        if not text:
            return None, None
        match = re.fullmatch(r"(\d+)\s*[名人]?", text)
        value = int(match.group(1)) if match else None
    if value is None or value < 0:
        return None, f"第{row}行“{column}”列的“{cell_text(cell)}”不是人数（应为 0 或正整数）"
    if value > MAX_COUNT:
        return None, f"第{row}行“{column}”列的 {value} 过大"
    return value, None


def _row_unit(row: int, values: list, departments: list[str], government: str,
              seen: dict[str, int]) -> tuple[RollUnit | None, list[str]]:
    cells = dict(zip(HEADER, (list(values) + [None] * len(HEADER))[:len(HEADER)]))
    errors: list[str] = []
    name_text = cell_text(cells["部门"])
    matched, unknown = match_departments(name_text, departments, government)
    department = matched[0] if len(matched) == 1 and not unknown else None
    if not name_text:
        errors.append(f"第{row}行“部门”列为空")
    elif unknown:
        errors += [f"第{row}行“部门”列的“{name}”不是本政府已有的部门" for name in unknown]
    elif len(matched) > 1:
        errors.append(f"第{row}行“部门”列只能填写一个部门，实际为“{name_text}”")
    elif department in seen:
        errors.append(f"第{row}行：{department}与第{seen[department]}行重复")
    unit = RollUnit(department or name_text, note=cell_text(cells["备注"]))
    if len(unit.note) > MAX_NOTE:
        errors.append(f"第{row}行“备注”不超过 {MAX_NOTE} 字")
    for group, names in ((unit.posts, POST_KINDS), (unit.leaders, LEADER_LEVELS)):
        for name in names:
            count = Count()
            for what, attribute in (("核定", "approved"), ("实有", "actual")):
                value, error = _count(row, f"{name}{what}", cells[f"{name}{what}"])
                if error:
                    errors.append(error)
                setattr(count, attribute, value)
            if count.approved is not None or count.actual is not None:
                group[name] = count
    if not errors and not unit.posts and not unit.leaders:
        errors.append(f"第{row}行没有任何编制或领导职数的数字")
    if errors:
        return None, errors
    assert department is not None, "a row without one known department has errors"
    seen[department] = row
    return unit, []


def read_roll(data: bytes, departments: list[str], government: str = "", *,
              file_name: str = "实名制.xlsx") -> list[RollUnit]:
    """The units of a 实名制 sheet (.xlsx or .csv, first row HEADER). `departments` are the
    government's; a unit is matched by full name or without the government's name (水利局 for
    示例市水利局). Every bad row is named; RollError unless all rows are right."""
    rows = read_table(data, HEADER, RollError, file_name, max_rows=MAX_ROWS)
    seen: dict[str, int] = {}
    return entries_of(rows, lambda row, values: _row_unit(row, values, departments, government, seen),
                      RollError, "文件中没有单位")


def units_xlsx(title: str, units: list[RollUnit], flagged: frozenset[str] = frozenset()) -> bytes:
    """An import's own data as .xlsx in the import's columns (HEADER): only the numbers it gave,
    so it imports back to the same units; units in `flagged` (超编 or 超职数) filled red."""
    from ..registers import ledger_xlsx

    rows = []
    for unit in sorted(units, key=lambda u: u.department):
        cells: list = [unit.department]
        for group, names in ((unit.posts, POST_KINDS), (unit.leaders, LEADER_LEVELS)):
            for name in names:
                count = group.get(name, Count())
                cells += [count.approved, count.actual]
        rows.append((cells + [unit.note], unit.department in flagged))
    widths = [26] + [10] * (2 * (len(POST_KINDS) + len(LEADER_LEVELS))) + [24]
    return ledger_xlsx(title[:31], HEADER, rows, widths)


def template_xlsx() -> bytes:
    """An empty register to fill in, with a sheet saying how each column is filled."""
    import io

    from openpyxl import Workbook

    from docproc.safe_output import save_workbook
    from docproc.sheet_layout import lay_out

    book = Workbook()
    sheet = book.active
    sheet.title = "实名制"
    sheet.append(HEADER)
    lay_out(sheet, header_row=1)
    notes = book.create_sheet("填写说明")
    notes.append(["列", "怎么填"])
    for line in (
            ("部门", "部门全称或不带政府名的简称，每个部门一行"),
            ("××核定", "核定数（人数）；留空时按该部门现行三定规定核对（行政编制、正职、副职、内设机构领导职数）"),
            ("××实有", "实有人数；留空则不核对该类"),
            ("内设机构领导", "正副科级合计（与三定规定的“科级领导职数”一致）"),
            ("正职、副职", "部门领导：局长等为正职，副局长、总工程师等为副职"),
            ("备注", f"可空，不超过 {MAX_NOTE} 字"),
            ("", "数据日期在导入时填写；同一政府可多次导入，按数据日期保存，最新的为现行数据。"),
            ("", "有任何一行出错时不导入，并列出出错的行和原因。")):
        notes.append(list(line))
    lay_out(notes, header_row=1)
    out = io.BytesIO()
    save_workbook(book, out)
    return out.getvalue()


# --- checks ---------------------------------------------------------------------------------------

@dataclass
class Line:
    """One kind of post or level of leader post of a unit, checked: 实有 against 核定."""
    name: str
    approved: int | None
    actual: int | None
    source: str = ""  # where the 核定 came from: FROM_ROLL, FROM_DOCUMENT or "" (none)

    @property
    def checked(self) -> bool:
        return self.approved is not None and self.actual is not None

    @property
    def over(self) -> int:
        return max(0, (self.actual or 0) - (self.approved or 0)) if self.checked else 0

    @property
    def vacant(self) -> int:
        return max(0, (self.approved or 0) - (self.actual or 0)) if self.checked else 0

    def text(self, unit: str = "名") -> str:
        """核定 10 名（三定）、实有 12 名，超 2 名 — as pages, exports and evidence say it."""
        approved = "未核定" if self.approved is None else f"核定 {self.approved} {unit}" + (
            f"（{self.source}）" if self.source else "")
        actual = "实有未填" if self.actual is None else f"实有 {self.actual} {unit}"
        verdict = f"，超 {self.over} {unit}" if self.over else (f"，空 {self.vacant} {unit}" if self.vacant else "")
        return f"{approved}、{actual}{verdict}"

    def to_dict(self) -> dict:
        return {"name": self.name, "approved": self.approved, "actual": self.actual, "source": self.source,
                "over": self.over, "vacant": self.vacant}


@dataclass
class UnitCheck:
    """A unit's checks: 超编 and 空编 per kind of post, 超职数 and 空缺 per level of leader post."""
    department: str
    posts: list[Line]
    leaders: list[Line]
    note: str = ""

    @property
    def over_posts(self) -> dict[str, int]:
        """超编 per kind (kinds with none left out)."""
        return {line.name: line.over for line in self.posts if line.over}

    @property
    def over_leaders(self) -> dict[str, int]:
        """超职数 per level."""
        return {line.name: line.over for line in self.leaders if line.over}

    @property
    def vacant_posts(self) -> dict[str, int]:
        """空编 per kind."""
        return {line.name: line.vacant for line in self.posts if line.vacant}

    @property
    def flagged(self) -> bool:
        return bool(self.over_posts or self.over_leaders)

    def line(self, name: str) -> Line | None:
        return next((line for line in self.posts + self.leaders if line.name == name), None)

    def to_dict(self) -> dict:
        return {"department": self.department, "note": self.note,
                "posts": [line.to_dict() for line in self.posts],
                "leaders": [line.to_dict() for line in self.leaders],
                "over_posts": self.over_posts, "over_leaders": self.over_leaders, "vacant_posts": self.vacant_posts}


def _lines(names: tuple[str, ...], given: dict[str, Count], stated: dict[str, int]) -> list[Line]:
    lines = []
    for name in names:
        count = given.get(name, Count())
        if count.approved is not None:
            approved, source = count.approved, FROM_ROLL
        elif name in stated:
            approved, source = stated[name], FROM_DOCUMENT
        else:
            approved, source = None, ""
        if approved is not None or count.actual is not None:
            lines.append(Line(name, approved, count.actual, source))
    return lines


def check_unit(unit: RollUnit, staffing: Staffing | None = None) -> UnitCheck:
    """Compare a unit's 实有 with its 核定: the register's own, else what the department's current
    三定 (`staffing`, its parsed 人员编制) approves. A kind without both numbers is shown unchecked."""
    posts, leaders = approved_by_document(staffing)
    return UnitCheck(unit.department, _lines(POST_KINDS, unit.posts, posts),
                     _lines(LEADER_LEVELS, unit.leaders, leaders), unit.note)


def check_units(units: list[RollUnit], staffing: dict[str, Staffing]) -> list[UnitCheck]:
    """Every unit checked against its department's 三定 (`staffing` by department name), by name."""
    return [check_unit(unit, staffing.get(unit.department)) for unit in sorted(units, key=lambda u: u.department)]


@dataclass
class Totals:
    """A government's totals over its units: 超编, 空编 and 超职数, and the units flagged."""
    over_posts: int = 0
    vacant_posts: int = 0
    over_leaders: int = 0
    flagged: list[str] = field(default_factory=list)


def totals(checks: list[UnitCheck]) -> Totals:
    found = Totals()
    for check in checks:
        found.over_posts += sum(check.over_posts.values())
        found.vacant_posts += sum(check.vacant_posts.values())
        found.over_leaders += sum(check.over_leaders.values())
        if check.flagged:
            found.flagged.append(check.department)
    return found


def units_to_dict(units: list[RollUnit]) -> list[dict]:
    """Units as stored: only the numbers given."""
    return [{"department": unit.department, "note": unit.note,
             "posts": {name: count.to_dict() for name, count in unit.posts.items()},
             "leaders": {name: count.to_dict() for name, count in unit.leaders.items()}} for unit in units]


def unit_from_dict(data: dict) -> RollUnit:
    return RollUnit(data["department"], {name: Count(**value) for name, value in data.get("posts", {}).items()},
                    {name: Count(**value) for name, value in data.get("leaders", {}).items()}, data.get("note", ""))


def checks_xlsx(title: str, checks: list[UnitCheck]) -> bytes:
    """The checks as .xlsx: one row per unit, 核定/实有/超/空 per kind and level, 超编 or 超职数
    rows filled red (a printed sheet shows them too)."""
    from ..registers import ledger_xlsx

    header = ["部门"]
    for name in POST_KINDS:
        header += [f"{name}核定", f"{name}实有", f"{name}超编", f"{name}空编"]
    for name in LEADER_LEVELS:
        header += [f"{name}核定", f"{name}实有", f"{name}超职数", f"{name}空缺"]
    header += ["核定来源", "备注"]
    rows = []
    for check in checks:
        cells: list = [check.department]
        for name in POST_KINDS + LEADER_LEVELS:
            line = check.line(name)
            cells += [None, None, None, None] if line is None else [
                line.approved, line.actual, line.over or None, line.vacant or None]
        from_document = [line.name for line in check.posts + check.leaders if line.source == FROM_DOCUMENT]
        cells += ["三定规定：" + "、".join(from_document) if from_document else "实名制", check.note]
        rows.append((cells, check.flagged))
    widths = [26] + [9] * (4 * (len(POST_KINDS) + len(LEADER_LEVELS))) + [24, 24]
    return ledger_xlsx(title[:31], header, rows, widths)
