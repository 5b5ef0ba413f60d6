"""A county's own filing for 审核备案 (被评估单位 of role `unit` standing for a county government): in a
campaign of its city that evaluates counties, the county files its 机构数, 编制 and 领导职数 (核定 and
实有, on a form) with, if it likes, its 实名制 register (the 实名制 template, one row per unit); the
office marks the filing 已备案 or returns it with a reason, and the county files again.

The campaign is resolved to the signed-in county exactly as on its other pages (webapp.unit_portal):
a campaign it is not in is a 404, so no other county's campaign or filing can be probed.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user

from survey.campaigns.county_filing import FilingError
from survey.reform.roll import template_xlsx

from .access import units
from .database import get_db
from .forms import EmptyForm
from .security import takes_files
from .services import counties as service
from .unit_portal import _campaign_page, _own_campaign_or_404
from .views import XLSX, download

bp = Blueprint("county_portal", __name__, url_prefix="/unit")


@bp.post("/campaigns/<int:campaign_id>/filing")
@units
@takes_files
def file(campaign_id: int):
    """File the county's 机构编制 figures and 领导职数 for 审核备案; nothing is stored unless all of it
    is right, and what was typed stays on the page."""
    found, unit_row, _unit = _own_campaign_or_404(campaign_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    upload = request.files.get("register")
    given = (upload.stream.read(service.MAX_REGISTER_BYTES + 1), upload.filename) \
        if upload is not None and upload.filename else None
    try:
        service.file_filing(get_db(), found, unit_row["department_id"], request.form.to_dict(), given,
                            current_user.id)
    except FilingError as error:
        flash("未能报送：" + "；".join(error.errors[:30]), "error")
        return _campaign_page(found, unit_row, 400)
    flash("机构编制和领导职数数据已报送，待编办审核备案。", "success")
    return redirect(url_for("unit_portal.campaign", campaign_id=campaign_id) + "#county-filing")


@bp.get("/filing-template.xlsx")
@units
def template():
    """The 实名制 template the county may fill in with one row per unit and attach to its filing."""
    return download(template_xlsx(), "实名制模板.xlsx", XLSX)


def init_app(app) -> None:
    app.register_blueprint(bp)
