"""A county's 机构编制 figures and 领导职数 filed for 审核备案 in a campaign that evaluates counties.

A county (旗市区) evaluated by its city states, as of a date, how many 党政机构 it has (核定 and
实有), its posts by kind of 编制 and its leader posts by level for the county as a whole — the
figures of a 实名制 register (`survey.reform.roll`: POST_KINDS, LEADER_LEVELS, Count) — and may add
the register itself, one row per unit of the county, in the 实名制 template. The office checks
the filing (实有 against 核定: 超编, 超职数, 超机构数) and marks it 已备案 or returns it with a reason;
the county then files again. Nothing here knows Flask or SQL.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..reform.roll import (
    HEADER,
    LEADER_LEVELS,
    MAX_COUNT,
    MAX_ROWS,
    POST_KINDS,
    Count,
    Line,
    RollError,
    RollUnit,
    UnitCheck,
    check_unit,
    check_units,
    read_roll,
    unit_from_dict,
    units_to_dict,
)
from ..sheets import ListError, cell_text, read_table

# The 党政机构 a county counts (the 机构限额 is stated for these two).
INSTITUTION_KINDS = ("党委工作机关", "政府工作部门")
SUBMITTED, FILED, RETURNED = "submitted", "filed", "returned"
STATUS_NAMES = {SUBMITTED: "待审核", FILED: "已备案", RETURNED: "已退回"}
DECISIONS = (FILED, RETURNED)
MAX_NOTE = 500
MAX_REASON = 500
# (field prefix, group, names) of the form's number fields: `inst-0-approved`, `post-2-actual` …
GROUPS = (("inst", "机构数", INSTITUTION_KINDS), ("post", "编制", POST_KINDS), ("leader", "领导职数", LEADER_LEVELS))
_SEPARATORS = re.compile(r"[、，,；;]")


class FilingError(ListError):
    """A filing that cannot be stored or decided; `errors` are Chinese messages."""


@dataclass
class Filing:
    """What a county filed: its 机构数, and for the county as a whole (`total`) its 编制 by kind and
    领导职数 by level; the per-unit register (`units`) when it uploaded one."""
    as_of: dt.date
    institutions: dict[str, Count] = field(default_factory=dict)
    total: RollUnit = field(default_factory=lambda: RollUnit("合计"))
    units: list[RollUnit] = field(default_factory=list)
    note: str = ""


def field_names() -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """The form's number fields: (group, legend, [(name, field of 核定, field of 实有)])."""
    return [(prefix, legend, [(name, f"{prefix}-{n}-approved", f"{prefix}-{n}-actual")
                              for n, name in enumerate(names)]) for prefix, legend, names in GROUPS]


def _number(label: str, raw: str, errors: list[str]) -> int | None:
    text = (raw or "").strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,9})\s*[名人个]?", text)
    if match is None:
        errors.append(f"“{label}”应为 0 或正整数，实际为“{text[:20]}”")
        return None
    value = int(match.group(1))
    if value > MAX_COUNT:
        errors.append(f"“{label}”的 {value} 过大")
        return None
    return value


def read_form(form: Mapping[str, str], today: dt.date) -> Filing:
    """The filing typed on the form (数据日期, the numbers, 说明); FilingError names every problem.
    At least one number must be given, and 数据日期 cannot lie in the future."""
    errors: list[str] = []
    raw_date = (form.get("as_of") or "").strip()
    as_of = None
    try:
        as_of = dt.date.fromisoformat(raw_date) if raw_date else None
    except ValueError:
        errors.append(f"数据日期应为日期（如 {today.isoformat()}），实际为“{raw_date[:20]}”")
    if as_of is None and not errors:
        errors.append("请填写数据日期")
    elif as_of is not None and as_of > today:
        errors.append("数据日期不能晚于今天")
    groups: dict[str, dict[str, Count]] = {}
    for prefix, _legend, fields in field_names():
        found = groups.setdefault(prefix, {})
        for name, approved, actual in fields:
            count = Count(_number(f"{name}核定", form.get(approved, ""), errors),
                          _number(f"{name}实有", form.get(actual, ""), errors))
            if count.approved is not None or count.actual is not None:
                found[name] = count
    note = (form.get("note") or "").strip()
    if len(note) > MAX_NOTE:
        errors.append(f"说明不超过 {MAX_NOTE} 字")
    if not errors and not any(groups.values()):
        errors.append("请至少填写一项机构数、编制或领导职数")
    if errors:
        raise FilingError(errors)
    assert as_of is not None
    return Filing(as_of, groups["inst"], RollUnit("合计", groups["post"], groups["leader"]), note=note)


def read_units(data: bytes, file_name: str) -> list[RollUnit]:
    """The county's own 实名制 register (the 实名制 template: one row per unit of the county, any
    unit name, each once); FilingError names every bad row, nothing is read unless all are right."""
    try:
        rows = read_table(data, HEADER, RollError, file_name, max_rows=MAX_ROWS)
        names = sorted({part.strip() for row in rows if row for part in _SEPARATORS.split(cell_text(row[0]))
                        if part.strip()})
        return read_roll(data, names, file_name=file_name)
    except ListError as error:
        raise FilingError(error.errors) from None


@dataclass
class FilingCheck:
    """A filing checked: 超机构数 per kind, the county's 超编 and 超职数, and each unit's when given."""
    institutions: list[Line]
    total: UnitCheck
    units: list[UnitCheck]

    @property
    def over_institutions(self) -> dict[str, int]:
        return {line.name: line.over for line in self.institutions if line.over}

    @property
    def flagged_units(self) -> list[str]:
        return [check.department for check in self.units if check.flagged]

    @property
    def flagged(self) -> bool:
        return bool(self.over_institutions or self.total.flagged or self.flagged_units)

    def problems(self) -> list[str]:
        """What the office should look at, in words (empty: nothing over its 核定)."""
        found = [f"{name}超 {over} 个" for name, over in self.over_institutions.items()]
        found += [f"{name}超编 {over} 名" for name, over in self.total.over_posts.items()]
        found += [f"{name}超职数 {over} 名" for name, over in self.total.over_leaders.items()]
        if self.flagged_units:
            found.append("超编或超职数的单位：" + "、".join(self.flagged_units))
        return found


def check(filing: Filing) -> FilingCheck:
    """The filing's numbers checked: 实有 against 核定 (a kind with one of them missing is shown unchecked)."""
    institutions = [Line(name, count.approved, count.actual) for name in INSTITUTION_KINDS
                    if (count := filing.institutions.get(name)) is not None]
    found = FilingCheck(institutions, check_unit(filing.total), check_units(filing.units, {}))
    for unit in [found.total, *found.units]:
        for line in unit.posts + unit.leaders:
            line.source = ""  # every 核定 here is the county's own figure: no source to name
    return found


def to_dict(filing: Filing) -> dict:
    """The filing as stored."""
    return {"as_of": filing.as_of.isoformat(), "note": filing.note,
            "institutions": {name: count.to_dict() for name, count in filing.institutions.items()},
            "total": units_to_dict([filing.total])[0], "units": units_to_dict(filing.units)}


def from_dict(data: dict) -> Filing:
    return Filing(dt.date.fromisoformat(data["as_of"]),
                  {name: Count(**value) for name, value in data.get("institutions", {}).items()},
                  unit_from_dict(data["total"]), [unit_from_dict(unit) for unit in data.get("units", [])],
                  data.get("note", ""))


def filing_problems(waiting: bool) -> list[str]:
    """Why the county cannot file now (empty: it can)."""
    return ["上一次报送还在等待编办审核，审核后才能再次报送"] if waiting else []


def decision_problems(status: str, decision: str, reason: str) -> list[str]:
    """Why the office cannot decide the filing so (empty: it can): only a filing waiting for review is
    decided, 备案 or 退回, and a return needs the reason the county will read."""
    if status != SUBMITTED:
        return [f"该报送{STATUS_NAMES.get(status, status)}，不能再审核"]
    if decision not in DECISIONS:
        return ["请选择备案或退回"]
    reason = (reason or "").strip()
    if decision == RETURNED and not reason:
        return ["退回时请填写理由，单位将看到理由"]
    if len(reason) > MAX_REASON:
        return [f"理由不超过 {MAX_REASON} 字"]
    return []
