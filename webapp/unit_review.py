"""What the office does with the units' own work (被评估单位, webapp/unit_portal.py) on a campaign's
unit page: read the self-assessment beside the evaluators' scores, send a submitted one back with a
reason, accept or return a report of 整改 progress, and download the unit's files.

评估员 and 管理员 decide; 工作人员 read. Every route resolves its ids to the campaign's government
and checks the account's scope (another government's campaign, unit, report or file is a 404).
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user

from . import campaigns as campaign_pages
from . import scope, store
from .access import evaluators, signed_in
from .database import get_db
from .forms import EmptyForm
from .services import units as service
from .unit_portal import send_unit_file

bp = Blueprint("unit_review", __name__, url_prefix="/campaigns")


def _campaign_or_404(campaign_id: int) -> dict:
    campaign = store.campaigns.get_campaign(get_db(), campaign_id) or abort(404)
    scope.check(campaign["government_id"])
    return campaign


def _unit_url(campaign_id: int, department_id: int, anchor: str) -> str:
    return url_for("campaigns.unit", campaign_id=campaign_id, department_id=department_id) + anchor


@bp.post("/<int:campaign_id>/units/<int:department_id>/self/reopen")
@evaluators
def reopen(campaign_id: int, department_id: int):
    """Send a unit's submitted self-assessment back to it (a draft again), with the reason it reads."""
    campaign = _campaign_or_404(campaign_id)
    unit = store.campaigns.get_unit(get_db(), campaign_id, department_id) or abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    view = service.assessment(get_db(), campaign, department_id)
    try:
        service.reopen(get_db(), view, request.form.get("reason", ""), current_user.id)
    except service.AssessmentError as error:
        flash("未能退回：" + "；".join(error.errors), "error")
        return campaign_pages._unit_page(campaign, unit, 400)
    flash(f"已将{unit['name']}的自查自评退回修改；单位再次提交前，看板不计其自查自评。", "success")
    return redirect(_unit_url(campaign_id, department_id, "#self-assessment"))


@bp.post("/<int:campaign_id>/reports/<int:report_id>")
@evaluators
def decide(campaign_id: int, report_id: int):
    """Accept a unit's report of 整改 progress (the 整改台账 entry is closed with it as proof) or
    return it with a reason."""
    campaign = _campaign_or_404(campaign_id)
    report = store.units.get_report(get_db(), report_id) or abort(404)
    if report["campaign_id"] != campaign_id:
        abort(404)
    unit = store.campaigns.get_unit(get_db(), campaign_id, report["department_id"]) or abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    back = _unit_url(campaign_id, report["department_id"], f"#report-{report_id}")
    decision = request.form.get("decision", "")
    try:
        service.decide(get_db(), report, decision, request.form.get("reason", ""), current_user.id)
    except service.AssessmentError as error:
        flash("未能审核：" + "；".join(error.errors), "error")
        return campaign_pages._unit_page(campaign, unit, 400)
    flash("已认可整改进展，整改事项已销号。" if decision == "accepted"
          else "已退回整改进展，单位将看到理由。", "success")
    return redirect(back)


@bp.get("/unit-files/<int:unit_file_id>")
@signed_in
def file(unit_file_id: int):
    """A file a unit uploaded (evidence, material, 整改 proof), always as a download, as visible as
    its campaign."""
    row = store.units.get_file(get_db(), unit_file_id) or abort(404)
    scope.check(row["government_id"])
    return send_unit_file(row)


def init_app(app) -> None:
    app.register_blueprint(bp)
