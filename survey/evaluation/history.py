"""Evaluation results over the years (年度评估结果): what a frozen year holds, a department's trend
with its 同比 change, and two years compared department by department.

A year's results are frozen once (the store refuses any change afterwards), so everything here
works on plain frozen rows. Departments are matched across years by a key the caller gives (the
department's id, following a renamed department's 三定 where it was filed, see
webapp/store/history.py), never by name: a department renamed in a reform is the same unit.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from .evaluate import DepartmentEvaluation, Grading
from .indicators import IndicatorSystem


@dataclass
class YearResult:
    """One department's frozen result in one year."""
    key: int  # matches the department across years
    department: str  # its name in that year
    total: float | None
    rank: int | None
    grade: str | None
    ranked: int = 0  # departments ranked that year
    missing: int = 0  # leaves without a score (no total, no rank)
    levels: dict[str, float | None] = field(default_factory=dict)  # first-level 得分率 (0–100)


def first_levels(system: IndicatorSystem) -> list[dict]:
    """The first-level indicators with their weight in the whole system (shares summing to 1)."""
    tops = system.children(())
    return [{"name": top.name, "weight": round(system.effective_weight(top), 6)} for top in tops]


def frozen_rows(system: IndicatorSystem, evaluations: list[DepartmentEvaluation]) -> list[dict]:
    """What a year keeps of each department: total, rank, grade, missing leaves and the first-level
    得分率 (the share of the indicator's maximum reached, as on the radar chart)."""
    return [{"department": e.department, "total": e.total, "rank": e.rank, "grade": e.grade,
             "missing": len(e.missing), "levels": e.first_level(system)} for e in evaluations]


def grading_text(grading: Grading) -> str:
    """How grades were given, in words: 分数线 or 名次比例."""
    if grading.shares:
        parts = "，".join(f"{name}前 {share * 100:g}%" for name, share in grading.shares.items())
        return f"按名次比例：{parts}，其余{grading.lowest}"
    lines = sorted(grading.thresholds.items(), key=lambda item: -item[1])
    return "按分数线：" + "，".join(f"{name} ≥ {value:g}" for name, value in lines) + f"，其余{grading.lowest}"


def competition_ranks(totals: dict[int, float | None]) -> dict[int, int | None]:
    """Competition ranks (1, 2, 2, 4) of the keys with a total; None for the others."""
    ordered = sorted(value for value in totals.values() if value is not None)[::-1]
    return {key: None if value is None else ordered.index(value) + 1 for key, value in totals.items()}


def signed(value: float | None, digits: int = 2) -> str:
    """A change as the office writes it: +1.25, -0.50, 持平; — when it cannot be said."""
    if value is None:
        return "—"
    if round(value, digits) == 0:
        return "持平"
    return f"{value:+.{digits}f}"


def rank_text(change: int | None) -> str:
    """A change of rank: 上升 2 位, 下降 1 位, 持平; — when either year has no rank."""
    if change is None:
        return "—"
    if change == 0:
        return "持平"
    return f"上升 {change} 位" if change > 0 else f"下降 {-change} 位"


def _difference(now: float | None, then: float | None) -> float | None:
    return None if now is None or then is None else round(now - then, 2)


@dataclass
class TrendPoint:
    year: int
    result: YearResult
    total_change: float | None = None  # 同比: against the year before (None: no total then or now)
    rank_change: int | None = None  # positive: moved up
    level_changes: dict[str, float | None] = field(default_factory=dict)


def trend(by_year: dict[int, YearResult]) -> list[TrendPoint]:
    """A department's results by year, oldest first, each with its 同比 change: against the year
    just before only (a year without a frozen result leaves the next one without a 同比)."""
    points = []
    for year in sorted(by_year):
        result = by_year[year]
        point = TrendPoint(year, result)
        before = by_year.get(year - 1)
        if before is not None:
            if result.total is not None and before.total is not None:
                point.total_change = round(result.total - before.total, 2)
            if result.rank is not None and before.rank is not None:
                point.rank_change = before.rank - result.rank
            point.level_changes = {name: _difference(value, before.levels.get(name))
                                   for name, value in result.levels.items()}
        points.append(point)
    return points


@dataclass
class ComparedRow:
    key: int
    old: YearResult | None
    new: YearResult | None

    @property
    def status(self) -> str:
        if self.old is None:
            return "新增"
        if self.new is None:
            return "不再参评"
        return "更名" if self.old.department != self.new.department else ""

    @property
    def name(self) -> str:
        found = self.new or self.old
        assert found is not None, "a compared row has at least one year"
        return found.department

    @property
    def rank_change(self) -> int | None:
        if self.old is None or self.new is None or self.old.rank is None or self.new.rank is None:
            return None
        return self.old.rank - self.new.rank

    @property
    def total_change(self) -> float | None:
        if self.old is None or self.new is None or self.old.total is None or self.new.total is None:
            return None
        return round(self.new.total - self.old.total, 2)


@dataclass
class Comparison:
    old_year: int
    new_year: int
    rows: list[ComparedRow]

    @property
    def added(self) -> list[ComparedRow]:
        return [row for row in self.rows if row.old is None]

    @property
    def gone(self) -> list[ComparedRow]:
        return [row for row in self.rows if row.new is None]

    @property
    def renamed(self) -> list[ComparedRow]:
        return [row for row in self.rows if row.status == "更名"]

    def summary(self) -> str:
        both = [row for row in self.rows if row.rank_change is not None]
        up = sum(1 for row in both if row.rank_change and row.rank_change > 0)
        down = sum(1 for row in both if row.rank_change and row.rank_change < 0)
        text = (f"{self.new_year}年与{self.old_year}年相比：两年均有名次的 {len(both)} 个部门中，名次上升 {up} 个、"
                f"下降 {down} 个、持平 {len(both) - up - down} 个")
        extra = [f"{label} {len(found)} 个" for label, found in (("新增", self.added), ("不再参评", self.gone),
                                                                ("更名", self.renamed)) if found]
        return text + ("；" + "、".join(extra) if extra else "") + "。"


def compare(old_year: int, old: list[YearResult], new_year: int, new: list[YearResult]) -> Comparison:
    """Two years side by side, matched by key: this year's order (ranked first, by rank), then the
    departments of the earlier year that are gone, by their rank then."""
    before = {result.key: result for result in old}
    after = {result.key: result for result in new}
    rows = [ComparedRow(key, before.get(key), result) for key, result in after.items()]
    rows.sort(key=lambda row: (row.new is None or row.new.rank is None, row.new.rank if row.new else 0, row.name))
    gone = [ComparedRow(key, result, None) for key, result in before.items() if key not in after]
    gone.sort(key=lambda row: (row.old is None or row.old.rank is None, row.old.rank if row.old else 0, row.name))
    return Comparison(old_year, new_year, rows + gone)


def _cell(value):
    return "—" if value is None else value


def comparison_header(found: Comparison) -> list[str]:
    old, new = found.old_year, found.new_year
    return ["部门", f"{old}年名称", f"{old}年名次", f"{new}年名次", "名次变化", f"{old}年总分", f"{new}年总分",
            "总分变化", f"{old}年等次", f"{new}年等次", "说明"]


def comparison_rows(found: Comparison) -> list[list]:
    """The comparison as rows of `comparison_header`."""
    out = []
    for row in found.rows:
        old, new = row.old, row.new
        out.append([row.name, old.department if old else "—", _cell(old.rank if old else None),
                    _cell(new.rank if new else None), rank_text(row.rank_change),
                    _cell(old.total if old else None), _cell(new.total if new else None), signed(row.total_change),
                    _cell(old.grade if old else None), _cell(new.grade if new else None), row.status])
    return out


MATCHING_NOTE = ("部门按部门编号对应，不按名称：机构改革中更名的部门，其三定规定归入新部门后，历年结果随之对应到新部门"
                 "（“更名”）；未归入的，旧部门显示为“不再参评”，新部门显示为“新增”。")


def comparison_xlsx(found: Comparison, title: str) -> bytes:
    """The comparison as a workbook: the table, then a sheet saying what was compared and how."""
    from openpyxl import load_workbook

    from docproc.safe_output import save_workbook
    from docproc.sheet_layout import lay_out

    from ..registers import ledger_xlsx

    data = ledger_xlsx("历年对比", comparison_header(found), [(row, False) for row in comparison_rows(found)],
                       (28, 28, 10, 10, 12, 10, 10, 10, 10, 10, 10))
    book = load_workbook(io.BytesIO(data))
    about = book.create_sheet("说明")
    about.append(["项目", "内容"])
    about.append(["标题", title])
    about.append(["比较", f"{found.old_year}年 → {found.new_year}年（各年度已冻结的评估结果）"])
    about.append(["结果", found.summary()])
    about.append(["对应方式", MATCHING_NOTE])
    lay_out(about, header_row=1)
    out = io.BytesIO()
    save_workbook(book, out)
    return out.getvalue()
