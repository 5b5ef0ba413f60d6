"""The facts of a campaign's 通报 and letters from the store (`survey.campaigns.notice` writes them):
scores ranked among the units in scope with the office's grade bands, feedback, 整改 entries,
visits and deadlines. The campaign pages and `sanding campaigns notice` share it.
"""
from __future__ import annotations

from datetime import date

from survey.campaigns.notice import (
    Bands,
    CampaignNotice,
    NoticeError,
    NoticeOptions,
    RectificationItem,
    UnitResult,
    default_addressee,
    default_issuer,
)
from survey.evaluation.evaluate import evaluate
from survey.evaluation.indicators import IndicatorError

from .. import store
from . import evaluations
from .campaigns import deadlines_of


def default_options(campaign: dict, today: date | None = None) -> NoticeOptions:
    """The options a form starts from: the government's 编办 as issuer, 市直各有关单位, today, a
    版头, the default bands."""
    government = campaign["government_name"]
    return NoticeOptions(issuer=default_issuer(government), issued_on=today or date.today(),
                         addressee=default_addressee(government), bands=Bands())


def facts(db, campaign: dict, bands: Bands, *, secret: str) -> CampaignNotice:
    """The campaign's notice facts. The units are ranked among themselves (not among every
    department of the government, as the evaluation pages rank) with `bands`; the scores are the
    evaluation's, so the 通报 and the ranking page agree on every total. NoticeError in Chinese
    when the campaign has no system, or the evaluation cannot run."""
    name = campaign["name"]
    if campaign["system_id"] is None:
        raise NoticeError([f"评估活动“{name}”尚未选择指标体系，不能生成通报：请在“方案与设置”中选择指标体系，"
                           "并完成评估打分。"])
    system_row = store.evaluations.get_system(db, campaign["system_id"])
    government = store.documents.get_government(db, campaign["government_id"])
    if system_row is None or government is None:
        raise NoticeError([f"评估活动“{name}”的指标体系已不存在，请在“方案与设置”中重新选择。"])
    units = store.campaigns.list_units(db, campaign["id"])
    outcome = None
    if units:
        try:
            outcome = evaluations.evaluate_government(db, government, system_row, grading=bands.grading(),
                                                      secret=secret)
        except evaluations.EvaluationError as error:
            raise NoticeError([f"不能生成通报：{error}"]) from None
        except IndicatorError as error:
            raise NoticeError(["不能生成通报，指标体系有误：" + "；".join(error.errors)]) from None
    system = evaluations.system_of(system_row)
    results = {}
    if outcome is not None:
        inputs = [outcome.inputs[u["name"]] for u in units if u["name"] in outcome.inputs]
        results = {e.department: e for e in evaluate(outcome.system, inputs, bands.grading())}
    feedback = {row["department_id"]: row["text"] for row in store.campaigns.list_feedback(db, campaign["id"])}
    entries: dict[int, list[RectificationItem]] = {}
    for row in store.campaigns.list_rectifications(db, campaign["id"]):
        entries.setdefault(row["unit_id"], []).append(RectificationItem(
            row["problem"], row["measure"], row["owner"], date.fromisoformat(row["deadline"]), row["status"],
            row["id"]))
    visits: dict[int, list[date]] = {}
    for row in store.campaigns.list_visits(db, campaign["id"]):
        visits.setdefault(row["department_id"], []).append(date.fromisoformat(row["visited_on"]))
    found = []
    for unit in units:
        department_id, evaluation = unit["department_id"], results.get(unit["name"])
        result = UnitResult(unit["name"], on_site=bool(unit["on_site"]),
                            visits=sorted(set(visits.get(department_id, []))),
                            feedback=feedback.get(department_id, ""), rectifications=entries.get(department_id, []))
        if evaluation is None:
            result.missing, result.not_evaluated = len(system.leaves()), "未导入三定规定，无法评分"
        else:
            result.total, result.rank, result.grade = evaluation.total, evaluation.rank, evaluation.grade
            result.missing = sum(1 for leaf in evaluation.missing if not leaf.not_applicable)
            result.first_level = evaluation.first_level(system)
        found.append(result)
    return CampaignNotice(government["name"], name, campaign["year"], system.name, len(system.children(())),
                          len(system.leaves()), found, deadlines_of(campaign)["rectify"])
