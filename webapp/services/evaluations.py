"""Glue between the store and the pure evaluation functions (`survey`): systems, inputs, results, reports.

The CLI (`sanding evaluate`) and the evaluator pages call the same functions here,
so both score, rank and report alike.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from survey.evaluation import report as reports
from survey.evaluation.evaluate import Check, DepartmentEvaluation, DepartmentInputs, Grading, evaluate
from survey.evaluation.indicators import IndicatorError, IndicatorSystem, survey_rounds, system_from_dict
from survey.evaluation.inputs import ConfirmedOverlap, department_inputs, roll_checks
from survey.evaluation.rectification import Entry
from survey.results import HIDDEN_TEXT, RoundResults
from survey.results import round_results as round_results_of

from .. import store
from . import ingest, panels, reform, surveys
from . import roll as roll_service


class EvaluationError(ValueError):
    """An evaluation that cannot run; the message is Chinese."""


@dataclass
class Outcome:
    """One evaluation of a government's departments with one system."""
    government: dict
    system_row: dict
    system: IndicatorSystem
    rounds: dict[int, tuple[str, RoundResults]]
    departments: dict[str, int]  # name → id
    inputs: dict[str, DepartmentInputs] = field(default_factory=dict)
    evaluations: list[DepartmentEvaluation] = field(default_factory=list)

    def of(self, department: str) -> DepartmentEvaluation | None:
        return next((e for e in self.evaluations if e.department == department), None)


def system_of(row: dict) -> IndicatorSystem:
    return system_from_dict(row["data"])


def check_system(db, government_id: int, system: IndicatorSystem,
                 sees: Callable[[int], bool] = lambda _government_id: True) -> None:
    """Validate the system and its survey sources: each round must exist and be this government's.
    A round of a government the user does not see (`sees`, webapp.scope.sees_id) is named as one
    that does not exist, so a typed source cannot probe another unit's rounds."""
    errors = []
    try:
        system.validate()
    except IndicatorError as error:
        errors += error.errors
    for round_id, leaves in survey_rounds(system).items():
        row = store.rounds.get_round(db, round_id)
        where = "、".join(f"“{leaf}”" for leaf in leaves)
        if row is None or not sees(row["government_id"]):
            errors.append(f"末级指标{where}引用的评议轮次 {round_id} 不存在")
        elif row["government_id"] != government_id:
            errors.append(f"末级指标{where}引用的评议轮次 {round_id}（{row['name']}）属于“{row['government_name']}”，"
                          "不是本政府的评议轮次")
        else:
            errors += _unknown_dimensions(system, round_id, row)
    if errors:
        raise IndicatorError(errors)


def _unknown_dimensions(system: IndicatorSystem, round_id: int, row: dict) -> list[str]:
    """Leaves whose source names a dimension (survey:<round>@<dimension>) the round does not rate."""
    rated = {dimension.name for dimension in surveys.round_of(row).dimensions}
    errors = []
    for leaf in system.leaves():
        head = (leaf.source or "").split(":")[1:2]
        number, _, dimension = (head[0] if head else "").partition("@")
        if leaf.source and leaf.source.startswith("survey:") and number == str(round_id) \
                and dimension and dimension not in rated:
            known = f"（本轮维度：{'、'.join(sorted(rated))}）" if rated else "（本轮没有评议维度）"
            errors.append(f"末级指标“{'/'.join(leaf.path)}”引用的评议维度“{dimension}”不在评议轮次 {round_id}"
                          f"（{row['name']}）中{known}")
    return errors


def round_results(db, government_id: int, round_ids: list[int], secret: str
                  ) -> dict[int, tuple[str, RoundResults]]:
    """The k-anonymous results of each round; every round must belong to the government.
    A back-to-back round that has not ended gives no results yet (its leaves stay missing)."""
    found = {}
    for round_id in round_ids:
        row = store.rounds.get_round(db, round_id)
        if row is None:
            raise EvaluationError(f"评议轮次 {round_id} 不存在")
        if row["government_id"] != government_id:
            raise EvaluationError(f"评议轮次 {round_id}（{row['name']}）属于“{row['government_name']}”，"
                                  "不能用于本政府的评估")
        try:
            results = surveys.results(db, secret, row)
        except store.StoreError as error:
            raise EvaluationError(str(error)) from None
        if results is None:
            found[round_id] = (f"{row['name']}（评议尚未结束，结束后才有结果）",
                               round_results_of(surveys.round_of(row), [], None))
        else:
            found[round_id] = (row["name"], results)
    return found


def current_document(db, department_id: int):
    """The department's current 三定 (store.documents decides which) with staff corrections
    applied (None if none)."""
    version_id = store.documents.current_version_id(db, department_id)
    return ingest.version_document(db, version_id) if version_id else None


def confirmed(db, government_id: int) -> list[ConfirmedOverlap] | None:
    """Confirmed findings of the government; None if detection never ran."""
    rows = store.findings.confirmed_overlaps(db, government_id)
    if not rows and not store.findings.detection_ran(db, government_id):
        return None
    return [ConfirmedOverlap(row["key"], row["matter"], row["department_a"], row["department_b"],
                             row["lead"], tuple(row["assisting"])) for row in rows]


def counties(system_row: dict) -> bool:
    """Whether the system evaluates the government's counties (旗市区) rather than its departments."""
    return system_row.get("target") == store.counties.COUNTIES


def evaluated_units(db, system_row: dict) -> dict[str, int]:
    """Whom the system evaluates, name → id, by name: the departments of its government that have a
    三定, or the counties under it (their unit rows, store.counties)."""
    if counties(system_row):
        return store.counties.unit_ids(db, system_row["government_id"])
    names = store.documents.government_department_names(db, system_row["government_id"])
    ids = store.documents.department_ids(db, system_row["government_id"])
    return {name: ids[name] for name in names}


def evaluate_government(db, government: dict, system_row: dict, round_ids: list[int] | None = None,
                        grading: Grading | None = None, *, secret: str) -> Outcome:
    """Assemble every department's inputs and evaluate; EvaluationError / IndicatorError when impossible."""
    system = system_of(system_row)
    if system_row["government_id"] != government["id"]:
        raise EvaluationError(f"指标体系“{system_row['name']}”属于“{system_row['government_name']}”，"
                              f"不是“{government['name']}”的指标体系")
    check_system(db, government["id"], system)
    wanted = sorted(survey_rounds(system)) if round_ids is None else list(dict.fromkeys(round_ids))
    results = round_results(db, government["id"], wanted, secret)
    units = evaluated_units(db, system_row)
    if not units:
        raise EvaluationError(f"“{government['name']}”还没有登记下辖旗市区，无法评估" if counties(system_row)
                              else f"“{government['name']}”没有已导入三定规定的部门，无法评估")
    outcome = Outcome(government, system_row, system, results, units)
    overlaps = confirmed(db, government["id"])
    closed = store.evaluations.closed_refs(db, government["id"])
    rectifying = store.evaluations.closed_refs(db, government["id"], closed=False)
    pending: dict[str, int] = {}
    for row in store.findings.list_findings(db, government["id"], status="open", scope="departments"):
        if row["kind"] != "settled":
            for name in {row["department_a"], row["department_b"]}:
                pending[name] = pending.get(name, 0) + 1
    scores: dict[int, list[dict]] = {}
    for row in store.evaluations.list_scores(db, system_row["id"]):
        scores.setdefault(row["department_id"], []).append(row)
    reform = _reform_checks(db, government["id"]) if any(
        leaf.source == "reform" for leaf in system.leaves()) else {}
    holders = _latest_holders(db, government["id"])
    roll_import, roll = roll_service.current_checks(db, government["id"]) if any(
        (leaf.source or "").startswith("roll") for leaf in system.leaves()) else (None, {})
    # several evaluators' findings on a leaf combine (survey.evaluation.panels); with a panel a
    # leaf counts once the office has closed it, and a final score the office set overrides it
    rules = panels.rules(db, system_row["id"])
    decided = panels.resolutions(db, system_row["id"])
    leaf_maxima = panels.maxima(system)
    for name, department_id in outcome.departments.items():
        outcome.inputs[name] = department_inputs(
            name, manual_rows=scores.get(department_id, []), surveys=results, confirmed=overlaps,
            closed=closed, document=current_document(db, department_id),
            holders=holders.get(department_id) if holders is not None else None,
            rectifying=rectifying, pending=pending.get(name, 0), maxima=leaf_maxima, rules=rules,
            resolutions=decided.get(department_id))
        outcome.inputs[name].reform_checks = reform.get(department_id)
        if department_id in roll and roll_import is not None:  # the `roll` sources: the current 实名制 import
            outcome.inputs[name].roll_checks = roll_checks(roll[department_id])
            outcome.inputs[name].roll_as_of = roll_import["as_of"]
    _daily_items(db, outcome)
    outcome.evaluations = evaluate(system, list(outcome.inputs.values()), grading)
    return outcome


def _daily_items(db, outcome: Outcome) -> None:
    """The `daily` sources: each department's 只考一次 items of the system's year."""
    from . import daily_record

    if not daily_record.uses_register(outcome.system):
        return
    year = daily_record.system_year(outcome.system_row)
    by_department = daily_record.year_items(db, outcome.government["id"], year)
    for name, department_id in outcome.departments.items():
        outcome.inputs[name].daily_year = year
        outcome.inputs[name].daily_items = None if by_department is None else by_department.get(department_id, [])


def _latest_holders(db, government_id: int) -> dict[int, dict[str, int]] | None:
    """Office holders per department and title in the newest 领导职数台账 snapshot (None: no ledger)."""

    snapshots = store.reform.list_leader_snapshots(db, government_id)
    if not snapshots:
        return None
    newest = max(snapshots, key=lambda row: row["quarter"])
    counts: dict[int, dict[str, int]] = {}
    for holder in store.reform.leader_holders(db, newest["id"]):
        if holder["department_id"] is not None:
            posts = counts.setdefault(holder["department_id"], {})
            posts[holder["post"]] = posts.get(holder["post"], 0) + 1
    return counts


def _reform_checks(db, government_id: int) -> dict[int, list[Check]]:
    """Each department's 大科室 verdicts as checks (the `reform` scoring source)."""
    found = {}
    for entry in reform.government_checks(db, government_id):
        if entry.get("department") and entry["verdicts"]:
            found[entry["department"]["id"]] = [
                Check(verdict.title, verdict.passed, verdict.explanation) for verdict in entry["verdicts"]]
    return found


def to_json(outcome: Outcome) -> dict:
    """The JSON of `sanding evaluate --json`."""
    return {"government": outcome.government["name"], "system": outcome.system.name,
            "rounds": sorted(outcome.rounds),
            "departments": [evaluation.to_dict() for evaluation in outcome.evaluations]}


def entry_of(row: dict) -> Entry:
    """A ledger row as a `survey.rectification.Entry`."""
    return Entry(department=row["department_name"], problem=row["problem"], measure=row["measure"],
                 owner=row["owner"], deadline=date.fromisoformat(row["deadline"]), origin=row["origin"],
                 source_ref=row["source_ref"], status=row["status"],
                 closed_on=date.fromisoformat(row["closed_on"]) if row["closed_on"] else None,
                 proof=row["proof"], no=row["id"])


def survey_lines(outcome: Outcome, department: str) -> list[str]:
    """One line per round (and group) for the report; 样本不足 where k hides a value."""
    lines = []
    for round_id, (name, results) in outcome.rounds.items():
        result = next((r for r in results.departments if r.department == department), None)
        if result is None:
            continue
        lines.append(f"{name}（轮次 {round_id}）：综合 {_result_text(result)}")
        for dimension, by_department in results.dimensions.items():
            found = next((r for r in by_department if r.department == department), None)
            if found is not None:
                lines.append(f"{name}（轮次 {round_id}）·{dimension}：{_result_text(found)}")
    return lines


def _result_text(result) -> str:
    """A merged score and each group's, 样本不足 where k hides them."""
    merged = HIDDEN_TEXT if result.score is None else f"{result.score:g} 分"
    groups = "；".join(f"{g.group} {g.n} 人" + (f"，{HIDDEN_TEXT}" if g.hidden else f"，{g.trimmed_mean:g} 分")
                      for g in result.groups)
    return f"{merged}（{groups}）"


def department_report(db, outcome: Outcome, department: str) -> bytes:
    """The department's .docx report: scores, radar chart, overlaps, surveys, open entries, conclusion."""
    department_id = outcome.departments[department]
    conclusion = store.evaluations.get_conclusion(db, outcome.system_row["id"], department_id)
    entries = [entry_of(row) for row in store.evaluations.list_rectifications(
        db, outcome.government["id"], department_id, open_only=True)]
    inputs = outcome.inputs[department]
    overlaps = [f"{matter}（已确认，尚未明确主办或整改未销号）" for matter in inputs.open_overlaps or []]
    if inputs.pending_overlaps:
        overlaps.append(f"另有待审核的疑似职责交叉 {inputs.pending_overlaps} 处（审核后确认的计入上项）。")
    evaluation = outcome.of(department)
    assert evaluation is not None, "evaluate_government evaluates every department of the outcome"
    data = reports.DepartmentReport(evaluation, conclusion["text"] if conclusion else "",
                                    overlaps,
                                    survey_lines(outcome, department), entries)
    return reports.department_report(outcome.system, data, government=outcome.government["name"])


def summary_report(outcome: Outcome) -> bytes:
    return reports.summary_report(outcome.system, outcome.evaluations, government=outcome.government["name"],
                                  title=f"{outcome.government['name']}{outcome.system.name}评估结果通报")


def ranking_xlsx(outcome: Outcome) -> bytes:
    return reports.ranking_xlsx(outcome.system, outcome.evaluations, government=outcome.government["name"])
