"""Glue between the store and `survey.reform.daily_record` that the 只考一次 pages, the evaluations and
the `sanding daily-record` commands share: rows as items, import, export, and the items of a year
that an indicator leaf counts."""
from __future__ import annotations

from datetime import date

from survey.reform.daily_record import (
    DailyItem,
    DailyRecordError,
    LeafValue,
    leaf_value,
    parse_number,
    read_items,
    rule_of,
    to_xlsx,
    year_of,
)

from .. import store
from ..store import daily_record as items_store

MAX_REGISTER_BYTES = 5 * 1024 * 1024


def item_of(row: dict, files: list[str] | None = None) -> DailyItem:
    """A stored row as a `DailyItem` (with its evidence file names, where given)."""
    return DailyItem(department=row["department_name"], source=row["source"], on=date.fromisoformat(row["on_date"]),
                     matter=row["matter"], kind=row["kind"], reference=row["reference"], status=row["status"],
                     verified_by=row["verified_by_name"],
                     verified_on=date.fromisoformat(row["verified_on"]) if row["verified_on"] else None,
                     verify_note=row["verify_note"], attachments=list(files or []), number=row["number"],
                     ref=row["id"])


def entry_of(item: DailyItem, department_ids: dict[str, int], note: str = "") -> dict:
    """What `store.daily_record.add_item` takes for a checked item."""
    parsed = parse_number(item.number) if item.number else None  # an imported number is kept
    year, serial = parsed if parsed else (item.on.year, None)
    return {"department_id": department_ids[item.department], "source": item.source, "on_date": item.on.isoformat(),
            "matter": item.matter, "reference": item.reference, "kind": item.kind, "status": item.status,
            "verified_by_name": item.verified_by,
            "verified_on": item.verified_on.isoformat() if item.verified_on else None,
            "verify_note": item.verify_note, "year": year, "serial": serial, "note": note}


def import_register(db, government: dict, data: bytes, file_name: str, by: int | None) -> list[str]:
    """Import a register sheet (all rows or none); the new numbers. DailyRecordError names every bad row."""
    if len(data) > MAX_REGISTER_BYTES:
        raise DailyRecordError([f"文件超过 {MAX_REGISTER_BYTES // (1024 * 1024)} MB"])
    ids = store.documents.department_ids(db, government["id"])
    found = read_items(data, list(ids), government["name"], file_name=file_name,
                       taken=items_store.numbers(db, government["id"]))
    try:
        return items_store.add_items(db, government["id"], [entry_of(item, ids, f"导入：{file_name}"[:200])
                                                            for item in found], by)
    except store.StoreError as error:  # a number taken meanwhile by another import
        raise DailyRecordError([str(error)]) from None


def imported_text(numbers: list[str]) -> str:
    """What an import added: 2 项事项（日常-2026-001 至 日常-2026-002）."""
    span = numbers[0] + (f" 至 {numbers[-1]}" if len(numbers) > 1 else "")
    return f"{len(numbers)} 项事项（{span}）"


def export_register(db, government_id: int, found: list[dict] | None = None) -> bytes:
    """The government's register (or the rows `found`) as .xlsx; it imports back."""
    found = items_store.list_items(db, government_id) if found is None else found
    names = items_store.file_names(db, government_id)
    return to_xlsx([item_of(row, names.get(row["id"])) for row in found])


def uses_register(system) -> bool:
    """Whether any leaf of an indicator system takes its value from this register."""
    return any(rule_of(leaf.source or "") is not None for leaf in system.leaves())


def year_items(db, government_id: int, year: str) -> dict[int, list[DailyItem]] | None:
    """The government's items of `year` by department id; None when it recorded none that year
    (the leaves are then missing, never full marks)."""
    found = items_store.list_items(db, government_id, year=int(year)) if year.isdigit() else []
    if not found:
        return None
    names = items_store.file_names(db, government_id)
    by_department: dict[int, list[DailyItem]] = {}
    for row in found:
        by_department.setdefault(row["department_id"], []).append(item_of(row, names.get(row["id"])))
    return by_department


def system_year(system_row: dict) -> str:
    return year_of(system_row["name"], system_row.get("created_at") or "")


def leaf_evidence(outcome, department: str) -> dict[str, LeafValue]:
    """For the evaluation page: each leaf of this register (by its path joined with /) with the items
    behind its value, as `survey.reform.daily_record.leaf_value` counted them."""
    inputs = outcome.inputs.get(department)
    if inputs is None:
        return {}
    found = {}
    for leaf in outcome.system.leaves():
        if rule_of(leaf.source or "") is not None:
            found["/".join(leaf.path)] = leaf_value(leaf.source, inputs.daily_items, leaf.max or 0,
                                                    deduction=leaf.deduction, floor=leaf.floor,
                                                    year=inputs.daily_year)
    return found
