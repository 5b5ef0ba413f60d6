"""Pilot batches (试点批次) of the 大科室 reform: each department's figures from its 大科室 checks,
and the totals per batch for the page and the .xlsx. No Flask here."""
from __future__ import annotations

from survey.reform import pilots as pilot_rules
from survey.reform import posts as posts_module
from survey.reform.rules import RULE_TITLES

from ..store import pilots as pilot_store
from . import reform


def overview(db, government_id: int) -> dict:
    """The batches, every department with its batch and figures, and the totals per batch."""
    batches = pilot_store.list_batches(db, government_id)
    names = {row["id"]: row["name"] for row in batches}
    assigned = pilot_store.assignments(db, government_id)
    units, rows = [], []
    for entry in reform.government_checks(db, government_id):
        department = entry["department"]
        unit = pilot_rules.PilotUnit(
            department["name"], names.get(assigned.get(department["id"], -1)), entry["before"], entry["after"],
            {verdict.rule: verdict.passed for verdict in entry["verdicts"]},
            posts_module.effective(entry["posts"]), entry["administrative_posts"])
        units.append(unit)
        rows.append({"department": department, "unit": unit, "batch_id": assigned.get(department["id"]),
                     "score": entry["score"]})
    lines = pilot_rules.totals(units, [row["name"] for row in batches], list(RULE_TITLES))
    return {"batches": batches, "rows": rows, "units": units, "lines": lines}


def export(db, government_id: int) -> bytes:
    data = overview(db, government_id)
    return pilot_rules.write_xlsx(data["units"], data["lines"], RULE_TITLES)
