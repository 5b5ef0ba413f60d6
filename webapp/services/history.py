"""年度评估结果: freeze an evaluation as a government's results of a year, and read the frozen years
back as a department's trend or two years compared. The page, the archive and `sanding history`
call these, so they agree."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from survey.evaluation.evaluate import Grading
from survey.evaluation.history import (
    Comparison,
    TrendPoint,
    YearResult,
    compare,
    comparison_xlsx,
    first_levels,
    frozen_rows,
    grading_text,
    trend,
)

from .. import store
from ..store import history as history_store
from . import evaluations as evaluation_data


class HistoryError(ValueError):
    """A freeze or a comparison that cannot be done; the message is Chinese."""


@dataclass
class Frozen:
    snapshot_id: int
    version: int
    departments: int
    ranked: int


def check_year(year: int, today: date | None = None) -> None:
    """A year of results is one that has begun (not a year to come) and a plausible one."""
    this_year = (today or date.today()).year
    if year > this_year:
        raise HistoryError(f"年度 {year} 晚于今年（{this_year}），不能冻结尚未到来的年度")
    if year < 1990:
        raise HistoryError(f"年度 {year} 不对，请写四位数的年份，如 {this_year}")


def freeze(db, government: dict, system_row: dict, year: int, by: int | None, *, secret: str,
           grading: Grading | None = None, correction: str = "", today: date | None = None) -> Frozen:
    """Evaluate the government with the system now and freeze the results as the year's.
    HistoryError (Chinese) when the year is wrong, nothing can be ranked, or the year is frozen
    already and no correction reason is given; the evaluation's own errors pass through."""
    check_year(year, today)
    correction = correction.strip()
    grading = grading or Grading()
    outcome = evaluation_data.evaluate_government(db, government, system_row, grading=grading, secret=secret)
    ranked = sum(1 for evaluation in outcome.evaluations if evaluation.rank is not None)
    if not ranked:
        raise HistoryError("没有一个部门有总分（各部门都还有未评分的指标），冻结没有意义；请先完成评分")
    found = []
    for row in frozen_rows(outcome.system, outcome.evaluations):
        department_id = outcome.departments[row["department"]]
        found.append({**row, "department_id": department_id,
                      "version_id": store.documents.current_version_id(db, department_id)})
    from survey.evaluation.indicators import system_to_dict
    system = {"id": system_row["id"], "name": system_row["name"], "version": system_row["updated_at"],
              "data": system_to_dict(outcome.system), "levels": first_levels(outcome.system)}
    try:
        snapshot_id, version = history_store.freeze(db, government["id"], year, system, grading_text(grading),
                                                    found, by, correction=correction)
    except store.StoreError as error:
        raise HistoryError(str(error)) from None
    return Frozen(snapshot_id, version, len(found), ranked)


def year_results(db, snapshot: dict) -> list[YearResult]:
    """A frozen year's rows as YearResults keyed by department (see store.history.snapshot_rows);
    departments merged into one since (two rows now on one key) keep the key they were frozen under."""
    found = history_store.snapshot_rows(db, snapshot["id"])
    ranked = sum(1 for row in found if row["rank"] is not None)
    keys = [row["key"] for row in found]
    return [YearResult(key=row["key"] if keys.count(row["key"]) == 1 else row["department_id"],
                       department=row["department"], total=row["total"], rank=row["rank"], grade=row["grade"],
                       ranked=ranked, missing=row["missing"], levels=row["levels"]) for row in found]


def by_year(db, government_id: int) -> dict[int, tuple[dict, list[YearResult]]]:
    """Each frozen year of the government (its counting version) with its results."""
    return {year: (snapshot, year_results(db, snapshot))
            for year, snapshot in sorted(history_store.current_snapshots(db, government_id).items())}


@dataclass
class DepartmentHistory:
    points: list[TrendPoint]
    levels: list[str]  # first-level indicator names in the order of the newest year that has them
    snapshots: dict[int, dict]  # year → the snapshot (system, version)


def department_history(db, department: dict) -> DepartmentHistory:
    """The department's results in each frozen year of its government, with 同比."""
    found: dict[int, YearResult] = {}
    snapshots = {}
    for year, (snapshot, results) in by_year(db, department["government_id"]).items():
        mine = next((result for result in results if result.key == department["id"]), None)
        if mine is not None:
            found[year] = mine
            snapshots[year] = snapshot
    levels: list[str] = []
    for year in sorted(found, reverse=True):
        levels += [name for name in found[year].levels if name not in levels]
    return DepartmentHistory(trend(found), levels, snapshots)


def years(db, government_id: int) -> list[int]:
    return sorted(history_store.current_snapshots(db, government_id))


def comparison(db, government_id: int, old_year: int, new_year: int) -> Comparison:
    """Two frozen years of the government compared; HistoryError when one is not frozen."""
    frozen = by_year(db, government_id)
    missing = [str(year) for year in (old_year, new_year) if year not in frozen]
    if missing:
        known = f"（已冻结：{'、'.join(str(y) for y in frozen)}年）" if frozen else "（尚未冻结任何年度）"
        raise HistoryError(f"{'、'.join(missing)}年度没有冻结的评估结果{known}")
    if old_year == new_year:
        raise HistoryError("请选择两个不同的年度进行对比")
    if old_year > new_year:
        old_year, new_year = new_year, old_year
    return compare(old_year, frozen[old_year][1], new_year, frozen[new_year][1])


def comparison_workbook(government: dict, found: Comparison) -> bytes:
    return comparison_xlsx(found, f"{government['name']}{found.old_year}年与{found.new_year}年评估结果对比")
