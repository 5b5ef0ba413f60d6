"""Glue between the store and `survey.reform.roll`, `.adjustments` and `.archive` that the 实名制
and 编制调整台账 pages, the archive page (一单位一档案), the evaluation's `roll` sources and the
`sanding staffing-log` commands share."""
from __future__ import annotations

import re
from datetime import date

from docproc.model import Staffing
from survey.reform.adjustments import Adjustment, AdjustmentError, by_year, net_change, read_adjustments, to_xlsx
from survey.reform.archive import Archive, EvaluationLine, RegisterLine, VersionLine
from survey.reform.roll import (
    RollError,
    RollUnit,
    UnitCheck,
    approved_by_document,
    check_unit,
    read_roll,
    unit_from_dict,
    units_xlsx,
)
from survey.registers import is_overdue

from .. import store
from . import ingest

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILE_NAME = 200


# --- 实名制 -----------------------------------------------------------------------------------------

def government_staffing(db, government_id: int) -> dict[str, Staffing]:
    """Department name → the 人员编制 of its current 三定 (with staff corrections applied)."""
    return {row["department_name"]: ingest.corrected_document(db, row).staffing
            for row in store.documents.current_versions(db, government_id)}


def import_roll(db, government: dict, data: bytes, file_name: str, as_of: date, by: int | None) -> tuple[int, int]:
    """Store a 实名制 sheet as the government's data of `as_of`, beside earlier imports (all rows
    or none). Returns (import id, units). RollError names every bad row."""
    if len(data) > MAX_FILE_BYTES:
        raise RollError([f"文件超过 {MAX_FILE_BYTES // (1024 * 1024)} MB"])
    if as_of > date.today():
        raise RollError(["数据日期不能晚于今天"])
    ids = store.documents.department_ids(db, government["id"])
    units = read_roll(data, list(ids), government["name"], file_name=file_name)
    stored = [{"department_id": ids[unit.department], "department_name": unit.department, "note": unit.note,
               "figures": {"posts": {k: vars(v) for k, v in unit.posts.items()},
                           "leaders": {k: vars(v) for k, v in unit.leaders.items()}}} for unit in units]
    try:
        import_id = store.roll.save_roll(db, government["id"], as_of.isoformat(), file_name[:MAX_FILE_NAME],
                                         stored, by)
    except store.StoreError as error:  # a department deleted meanwhile
        raise RollError([str(error)]) from None
    return import_id, len(units)


def unit_of(row: dict) -> RollUnit:
    """A stored roll_units row as a RollUnit."""
    return unit_from_dict({"department": row["department_name"], "note": row["note"], **row["figures"]})


def import_checks(db, government_id: int, import_id: int) -> list[tuple[int, UnitCheck]]:
    """(department id, checks) of every unit of an import, against each department's current 三定,
    by name."""
    staffing = government_staffing(db, government_id)
    return [(row["department_id"], check_unit(unit_of(row), staffing.get(row["department_name"])))
            for row in store.roll.roll_units(db, import_id)]


def export_roll(db, government_id: int, row: dict) -> bytes:
    """An import's data as .xlsx in the import's columns (imports back to the same units), units
    with 超编 or 超职数 against the current 三定 filled red."""
    units = [unit_of(unit) for unit in store.roll.roll_units(db, row["id"])]
    flagged = frozenset(check.department for _id, check in import_checks(db, government_id, row["id"])
                        if check.flagged)
    return units_xlsx(f"实名制{row['as_of']}", units, flagged)


def current_checks(db, government_id: int) -> tuple[dict | None, dict[int, UnitCheck]]:
    """The current import (None before the first) and its checks by department id: what the
    evaluation's `roll` sources score."""
    row = store.roll.current_roll_import(db, government_id)
    if row is None:
        return None, {}
    staffing = government_staffing(db, government_id)
    return row, {unit["department_id"]: check_unit(unit_of(unit), staffing.get(unit["department_name"]))
                 for unit in store.roll.roll_units(db, row["id"])}


# --- 编制调整台账 ----------------------------------------------------------------------------------

def adjustment_of(row: dict) -> Adjustment:
    return Adjustment(row["department_name"], date.fromisoformat(row["on_date"]), row["kind"], row["post_kind"],
                      row["count"], row["counterpart"], row["document_no"], row["note"])


def entry_of(entry: Adjustment, department_ids: dict[str, int]) -> dict:
    """What `store.roll.add_adjustments` takes for a checked entry."""
    return {"department_id": department_ids[entry.department], "on_date": entry.on.isoformat(), "kind": entry.kind,
            "post_kind": entry.post_kind, "count": entry.count, "counterpart": entry.counterpart,
            "document_no": entry.document_no, "note": entry.note}


def add_adjustment(db, government: dict, entry: Adjustment, by: int | None) -> int:
    """Store one entry typed in the web form (checked here too). AdjustmentError if it is wrong."""
    entry.validate()
    ids = store.documents.department_ids(db, government["id"])
    if entry.department not in ids:
        raise AdjustmentError(["部门须是本政府的部门"])
    try:
        return store.roll.add_adjustments(db, government["id"], [entry_of(entry, ids)], by)[0]
    except store.StoreError as error:
        raise AdjustmentError([str(error)]) from None


def import_adjustments(db, government: dict, data: bytes, file_name: str, by: int | None) -> int:
    """Import a log sheet into the government's 编制调整台账 (all rows or none); how many were added."""
    if len(data) > MAX_FILE_BYTES:
        raise AdjustmentError([f"文件超过 {MAX_FILE_BYTES // (1024 * 1024)} MB"])
    ids = store.documents.department_ids(db, government["id"])
    entries = read_adjustments(data, list(ids), government["name"], file_name=file_name)
    try:
        return len(store.roll.add_adjustments(db, government["id"], [entry_of(e, ids) for e in entries], by))
    except store.StoreError as error:
        raise AdjustmentError([str(error)]) from None


def export_adjustments(db, government: dict, found: list[dict] | None = None) -> bytes:
    """The government's log (or the rows `found`) as .xlsx; its first columns import back."""
    found = store.roll.list_adjustments(db, government["id"]) if found is None else found
    return to_xlsx([adjustment_of(row) for row in found], f"{government['name']}编制调整台账")


# --- 一单位一档案 ------------------------------------------------------------------------------------

def _year_of(system_row: dict) -> str:
    """The year a system is for: a year in its name (2025年度…), else the year it was made."""
    found = re.search(r"(20\d{2}|19\d{2})", system_row["name"])
    return found.group(1) if found else (system_row.get("created_at") or "")[:4]


def _evaluations(db, government: dict, department: dict, secret: str) -> list[EvaluationLine]:
    """The department's result under each of the government's indicator systems, by year."""
    from survey.evaluation.indicators import IndicatorError

    from .evaluations import EvaluationError, evaluate_government

    lines = []
    for row in store.evaluations.list_systems(db, government["id"]):
        line = EvaluationLine(_year_of(row), row["name"], ref=row["id"])
        try:
            outcome = evaluate_government(db, government, row, secret=secret)
        except (EvaluationError, IndicatorError) as error:
            line.error = "暂不能评估：" + ("；".join(error.errors) if isinstance(error, IndicatorError) else str(error))
            lines.append(line)
            continue
        result = outcome.of(department["name"])
        if result is None:
            continue  # a department without a current 三定 is not evaluated
        line.total, line.rank, line.grade, line.missing = result.total, result.rank, result.grade, len(result.missing)
        line.ranked = sum(1 for e in outcome.evaluations if e.rank is not None)
        lines.append(line)
    return sorted(lines, key=lambda line: (line.year, line.system), reverse=True)


def _registers(db, government_id: int, department_id: int) -> tuple[list[RegisterLine], list[RegisterLine]]:
    today = date.today()
    problems = [RegisterLine(row["number"], row["description"], row["measure"], row["due_on"], row["status"],
                             is_overdue(row["status"], date.fromisoformat(row["due_on"]), today), row["id"])
                for row in store.problems.list_problems(db, government_id, department_id=department_id)]
    rectifications = [RegisterLine(f"整改-{row['id']}", row["problem"], row["measure"], row["deadline"], row["status"],
                                   is_overdue(row["status"], date.fromisoformat(row["deadline"]), today), row["id"])
                      for row in store.evaluations.list_rectifications(db, government_id, department_id)]
    return problems, rectifications


def archive(db, department: dict, *, secret: str, evaluations: bool = True) -> Archive:
    """Everything kept about one department (see survey.reform.archive)."""
    government = store.documents.get_government(db, department["government_id"])
    assert government is not None, "a department's government exists"
    found = Archive(department["name"], government["name"])
    versions = store.documents.department_versions(db, department["id"])
    found.versions = [VersionLine(row["title"] or "", row["date"], row["date_source"], row["file_name"],
                                  row["current"], row["id"]) for row in versions]
    staffing = None
    if versions:
        current = versions[-1]
        staffing = ingest.version_document(db, current["id"]).staffing
        found.staffing_text = staffing.text
        found.stated_posts, found.stated_leaders = approved_by_document(staffing)
        found.document_date = current["effective_date"]
    rolls = store.roll.department_roll(db, department["id"])
    checks = [(row["as_of"], check_unit(unit_of(row), staffing)) for row in rolls]
    if checks:
        found.roll_as_of, found.check = checks[0]
        found.roll_history = checks[1:]
    elif staffing is not None:  # no 实名制 yet: the 三定's numbers alone, nothing to check them against
        found.check = check_unit(RollUnit(department["name"]), staffing)
    rows = store.roll.list_adjustments(db, government["id"], department_id=department["id"])
    entries = [adjustment_of(row) for row in rows]
    found.adjustments = by_year(entries, [row["id"] for row in rows])
    if entries and found.document_date:
        found.since_document = net_change(entries, date.fromisoformat(found.document_date)) or None
    found.problems, found.rectifications = _registers(db, government["id"], department["id"])
    if evaluations:
        found.evaluations = _evaluations(db, government, department, secret)
    return found
