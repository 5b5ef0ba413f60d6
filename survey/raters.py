"""The rater list of a 市县评作为 round, imported from .xlsx or .csv.

Header row: 姓名,单位,组别,评议部门. 评议部门 lists the departments a rater
rates, separated by ; or 、 (empty: all departments of the round). A bad row
is named with its row number and column; nothing is imported until all rows are right.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .sheets import ListError, read_table

HEADER = ["姓名", "单位", "组别", "评议部门"]
MAX_ROWS = 5000


@dataclass
class Rater:
    name: str
    unit: str
    group: str
    departments: list[str] = field(default_factory=list)  # empty: all departments


class RaterListError(ListError):
    """A rater list that cannot be imported; `errors` lists each problem in Chinese."""


def read_raters(data: bytes, file_name: str, departments: list[str],
                groups: list[str] | None = None) -> list[Rater]:
    """Parse and check a rater list against the round's departments (and groups, if given)."""
    rows = read_table(data, HEADER, RaterListError, file_name, max_rows=MAX_ROWS)
    known = {_key(name): name for name in departments}
    raters, errors, seen = [], [], set()
    for number, row in enumerate(rows, start=2):  # row 1: the header read_table checked
        cells = [str(cell).strip() if cell is not None else "" for cell in list(row) + [""] * 4][:4]
        if not any(cells):
            continue
        name, unit, group, wanted = cells
        for column, value in (("姓名", name), ("单位", unit), ("组别", group)):
            if not value:
                errors.append(f"第{number}行“{column}”列为空")
        if groups is not None and group and group not in groups:
            errors.append(f"第{number}行“组别”列的“{group}”不是本轮的评议组别（{'、'.join(groups)}）")
        chosen = []
        for department in [d.strip() for d in re.split(r"[;；、,，]", wanted) if d.strip()]:
            match = known.get(_key(department))
            if match is None:
                errors.append(f"第{number}行“评议部门”列的“{department}”不是本轮评议的部门")
            elif match not in chosen:
                chosen.append(match)
        if (name, unit) in seen and name:
            errors.append(f"第{number}行：{unit}的{name}重复出现")
        seen.add((name, unit))
        raters.append(Rater(name, unit, group, chosen))
    if errors:
        raise RaterListError(errors)
    if not raters:
        raise RaterListError(["文件中没有评议人"])
    return raters


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name)


def singled_out(raters: list[Rater], departments: list[str], k: int) -> list[Rater]:
    """Raters whose group and set of rated departments fewer than `k` raters share.

    A response carries its group and the departments it rates, so such a
    rater's response points at them (or at a handful of people) whatever else
    is hidden. `departments` are the round's: an empty list on a rater means all.
    """
    def profile(rater: Rater) -> tuple:
        return rater.group, frozenset(rater.departments or departments)
    counts: dict[tuple, int] = {}
    for rater in raters:
        counts[profile(rater)] = counts.get(profile(rater), 0) + 1
    return [rater for rater in raters if counts[profile(rater)] < k]


def singled_out_warning(raters: list[Rater], k: int) -> str:
    """The import warning naming singled-out raters (see `singled_out`)."""
    named = "、".join(f"{rater.unit}{rater.name}（{rater.group}）" for rater in raters[:30])
    more = f"等 {len(raters)} 人" if len(raters) > 30 else ""
    return (f"注意：{named}{more}的组别和评议部门与其他评议人相同的不足 {k} 人，"
            "其答卷会因此被认出，背对背对他们不成立。请调整评议部门或组别后重新导入本轮名单。")
