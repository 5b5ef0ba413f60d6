"""The office's pages of a campaign that evaluates counties (旗市区): register the counties under
the city, the city's view ranking the campaign's counties by the evaluators' scores beside each
county's 自查自评 and 机构编制备案 state, and the decision on a county's filing (备案, or 退回 with a
reason).

评估员 and 管理员 register and decide; 工作人员 read. Every route resolves its ids to the campaign's
government and checks the account's scope (another government's campaign or filing is a 404). The
rules are `survey.campaigns.county_filing`, the glue `webapp.services.counties`.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from survey.campaigns.county_filing import FilingError, field_names

from . import campaigns as campaign_pages
from . import scope, store
from .access import evaluators, signed_in
from .database import get_db
from .forms import EmptyForm
from .services import counties as service

bp = Blueprint("counties", __name__, url_prefix="/campaigns")


def _campaign_or_404(campaign_id: int) -> dict:
    campaign = store.campaigns.get_campaign(get_db(), campaign_id) or abort(404)
    scope.check(campaign["government_id"])
    return campaign


def _can_run() -> bool:
    return current_user.role in ("admin", "evaluator")


@bp.get("/<int:campaign_id>/counties")
@signed_in
def ranking(campaign_id: int):
    """The city's view: the campaign's counties ranked by total score, each with its 自查自评 and
    its latest 机构编制备案 state."""
    campaign = _campaign_or_404(campaign_id)
    if campaign["target"] != store.counties.COUNTIES:
        abort(404)
    found, problem = service.ranking(get_db(), campaign, current_app.config["SECRET_KEY"])
    return render_template("counties/ranking.html", campaign=campaign, rows=found, problem=problem)


@bp.post("/<int:campaign_id>/counties/register")
@evaluators
def register(campaign_id: int):
    """Register counties under the campaign's government (created if new), so that they can be chosen
    as its units; a county must be within the account's scope."""
    campaign = _campaign_or_404(campaign_id)
    if campaign["target"] != store.counties.COUNTIES:
        abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    back = url_for("campaigns.settings", campaign_id=campaign_id) + "#units"
    try:
        names = service.county_names(request.form.get("names", ""))
        outside = [name for name in names if not scope.sees_name(name)]
        if outside:
            raise FilingError([f"{'、'.join(outside)} 不在本账号的范围之内"])
        added = store.counties.register(get_db(), campaign["government_id"], names, current_user.id)
    except FilingError as error:
        flash("未能登记：" + "；".join(error.errors), "error")
        return campaign_pages._settings_page(campaign, 400)
    except store.StoreError as error:
        flash(f"未能登记：{error}", "error")
        return campaign_pages._settings_page(campaign, 400)
    flash(f"已登记下辖旗市区：{'、'.join(added)}。" if added else "这些旗市区此前已登记。", "success")
    return redirect(back)


@bp.post("/<int:campaign_id>/filings/<int:filing_id>")
@evaluators
def decide(campaign_id: int, filing_id: int):
    """备案 a county's filing, or return it with the reason the county reads."""
    campaign = _campaign_or_404(campaign_id)
    row = store.counties.get_filing(get_db(), filing_id) or abort(404)
    if row["campaign_id"] != campaign_id:
        abort(404)
    unit = store.campaigns.get_unit(get_db(), campaign_id, row["department_id"]) or abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    decision = request.form.get("decision", "")
    try:
        service.decide(get_db(), row, decision, request.form.get("reason", ""), current_user.id)
    except FilingError as error:
        flash("未能审核：" + "；".join(error.errors), "error")
        return campaign_pages._unit_page(campaign, unit, 400)
    flash(f"已将{unit['name']}报送的机构编制数据备案。" if decision == "filed"
          else f"已退回{unit['name']}的报送，单位将看到理由。", "success")
    return redirect(url_for("campaigns.unit", campaign_id=campaign_id, department_id=row["department_id"])
                    + "#county-filing")


def _filings_of(campaign_id: int, department_id: int) -> list[service.FilingView]:
    return service.filings(get_db(), campaign_id, department_id)


def _counties_of(government_id: int) -> list[dict]:
    return store.counties.list_counties(get_db(), government_id)


def init_app(app) -> None:
    app.register_blueprint(bp)
    # the office's unit page and the county's own page show the filings (templates counties/_*.html)
    app.jinja_env.globals.update(county_filings=_filings_of, county_fields=field_names,
                                 counties_of=_counties_of, county_can_run=_can_run)
