"""Glue between the store and `survey.campaigns.county_filing` for campaigns that evaluate counties
(旗市区): registering counties under a city, a county's filing of 机构编制 figures and 领导职数 for
审核备案 (form and optional 实名制 register), the office's decision, and the city's view ranking the
counties of a campaign by the evaluators' scores.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from survey.campaigns import county_filing as rules
from survey.campaigns.self_assessment import STATUS_NAMES as SELF_STATUS_NAMES
from survey.evaluation.indicators import IndicatorError

from .. import store
from . import evaluations as evaluation_data

MAX_COUNTIES = 50  # registered at once
MAX_NAME = 50
MAX_REGISTER_BYTES = 5 * 1024 * 1024


def county_names(text: str) -> list[str]:
    """The county names typed one a line (or separated by 、，), each once; FilingError when one is
    not a name."""
    import re

    names: list[str] = []
    for part in re.split(r"[\n、，,；;]", text or ""):
        name = part.strip()
        if not name or name in names:
            continue
        if len(name) > MAX_NAME or any(ord(c) < 32 for c in name):
            raise rules.FilingError([f"旗市区名称“{name[:20]}”无效（不超过 {MAX_NAME} 个字）"])
        names.append(name)
    if not names:
        raise rules.FilingError(["请填写要登记的旗市区名称，每行一个"])
    if len(names) > MAX_COUNTIES:
        raise rules.FilingError([f"一次最多登记 {MAX_COUNTIES} 个旗市区"])
    return names


# --- filings --------------------------------------------------------------------------------------

@dataclass
class FilingView:
    """A stored filing with its figures checked, as the county's and the office's pages show it."""
    row: dict
    filing: rules.Filing
    checked: rules.FilingCheck

    @property
    def status_name(self) -> str:
        return rules.STATUS_NAMES[self.row["status"]]


def view_of(row: dict) -> FilingView:
    filing = rules.from_dict(row["data"])
    return FilingView(row, filing, rules.check(filing))


def filings(db, campaign_id: int, department_id: int) -> list[FilingView]:
    """The unit's filings, newest first."""
    return [view_of(row) for row in store.counties.list_filings(db, campaign_id, department_id)]


def waiting(db, campaign_id: int, department_id: int) -> bool:
    return any(row["status"] == rules.SUBMITTED for row in store.counties.list_filings(db, campaign_id, department_id))


def file_filing(db, campaign: dict, department_id: int, form: dict[str, str], upload: tuple[bytes, str] | None,
                by: int | None, today: date | None = None) -> int:
    """The county files its figures (and, when given, its 实名制 register as .xlsx/.csv); FilingError
    names every problem and nothing is stored then."""
    if campaign.get("target") != store.counties.COUNTIES:
        raise rules.FilingError(["本活动不评估旗市区，无需报送机构编制备案"])
    errors = rules.filing_problems(waiting(db, campaign["id"], department_id))
    if errors:
        raise rules.FilingError(errors)
    filing = rules.read_form(form, today or date.today())
    file_name = ""
    if upload is not None:
        data, file_name = upload
        if len(data) > MAX_REGISTER_BYTES:
            raise rules.FilingError(["实名制表格太大（不超过 5 MB）"])
        filing.units = rules.read_units(data, file_name)
    try:
        return store.counties.add_filing(db, campaign["id"], department_id, rules.to_dict(filing), file_name, by)
    except store.StoreError as error:
        raise rules.FilingError([str(error)]) from None


def decide(db, row: dict, decision: str, reason: str, by: int | None) -> None:
    """The office marks a filing 已备案 or returns it with a reason."""
    errors = rules.decision_problems(row["status"], decision, reason)
    if errors:
        raise rules.FilingError(errors)
    try:
        store.counties.decide_filing(db, row["id"], decision, reason.strip(), by)
    except store.StoreError as error:
        raise rules.FilingError([str(error)]) from None


# --- the city's view ----------------------------------------------------------------------------------

@dataclass
class CountyRow:
    """One county of the campaign in the city's view."""
    name: str
    department_id: int
    self_status: str
    filing: FilingView | None
    total: float | None = None
    grade: str | None = None
    rank: int | None = None
    missing: int = 0


def ranking(db, campaign: dict, secret: str) -> tuple[list[CountyRow], str | None]:
    """The counties of the campaign ranked by their total under the campaign's system (the evaluators'
    scores, combined as for departments), those without a total after the others; and why there is no
    ranking, if there is none."""
    assessments = {row["department_id"]: row for row in store.units.list_assessments(db, campaign["id"])}
    latest = store.counties.latest_filings(db, campaign["id"])
    found = []
    for unit in store.campaigns.list_units(db, campaign["id"]):
        assessment = assessments.get(unit["department_id"])
        filing = latest.get(unit["department_id"])
        found.append(CountyRow(unit["name"], unit["department_id"],
                               SELF_STATUS_NAMES[assessment["status"]] if assessment else "未开始",
                               view_of(filing) if filing else None))
    problem = None
    system_row = store.evaluations.get_system(db, campaign["system_id"]) if campaign["system_id"] else None
    government = store.documents.get_government(db, campaign["government_id"])
    if system_row is None or government is None:
        problem = "尚未选择指标体系，选择后按评估员的评分排名。"
    else:
        try:
            outcome = evaluation_data.evaluate_government(db, government, system_row, secret=secret)
        except evaluation_data.EvaluationError as error:
            problem = str(error)
        except IndicatorError as error:
            problem = "指标体系有误：" + "；".join(error.errors)
        else:
            for row in found:
                evaluation = outcome.of(row.name)
                if evaluation is not None:
                    row.total, row.grade, row.missing = evaluation.total, evaluation.grade, len(evaluation.missing)
    ranked = sorted((row for row in found if row.total is not None), key=lambda row: -(row.total or 0))
    for position, row in enumerate(ranked, start=1):
        row.rank = next(r.rank for r in ranked if r.total == row.total and r.rank is not None) \
            if any(r.total == row.total and r.rank is not None for r in ranked) else position
    unranked = sorted((row for row in found if row.total is None), key=lambda row: row.name)
    return ranked + unranked, problem
