"""The evaluated units' own pages (被评估单位, role `unit`): an account stands for one department
(or one government as a whole) and sees only that unit — its campaigns with each phase's deadline
and its own state, the office's reminders, the 方案 and materials list, its 自查自评 (scores, 自评说明,
evidence and material files; drafts, then one submission), the office's feedback to acknowledge and
its 整改 entries to report progress on.

Every route resolves the ids in its path to the signed-in unit: a campaign the unit is not in, a
file, reminder or entry of another unit is a 404 like an id that does not exist, so no other unit's
ids can be probed; every page of the office is a 403 for a unit account (webapp.access). The rules
are `survey.campaigns.self_assessment` and `.progress`, the glue `webapp.services.units`.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from survey.campaigns.phases import PHASE_NAMES
from survey.campaigns.progress import MAX_TEXT
from survey.campaigns.self_assessment import DIFFERENCE_SHARE, MAX_NOTE, STATUS_NAMES, AssessmentError

from . import scope, store
from .access import units
from .campaigns import REMINDER_PHASES
from .database import get_db
from .forms import EmptyForm
from .security import takes_files
from .services import units as service
from .views import evidence_file

bp = Blueprint("unit_portal", __name__, url_prefix="/unit")


def _uploads() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def _account_unit() -> dict:
    """The unit the signed-in account stands for (an account of the role always has one)."""
    return store.units.get_account_unit(get_db(), current_user.id) or abort(403)


def unit_department_id(unit: dict) -> int | None:
    """The id the account's unit has in campaigns: its department's, or for a county (a government as
    a whole) the row standing for it among its city's units (store.counties); None when the county is
    under no city."""
    if unit["department_id"] is not None:
        return unit["department_id"]
    found = store.counties.unit_of_county(get_db(), unit["government_id"])
    return found["id"] if found else None


def check_government(unit: dict, government_id: int | None) -> None:
    """404 unless a row of `government_id` (a campaign's, a reminder's, a file's) may be the unit's: a
    department's account sees its own government (its scope); a county's sees its city's campaigns
    only through its own unit row there, so the government must be that city (the caller then checks
    the row is the county's own)."""
    if unit["department_id"] is not None:
        scope.check(government_id)
        return
    found = store.counties.unit_of_county(get_db(), unit["government_id"])
    if found is None or found["government_id"] != government_id:
        abort(404)


def _own_campaign_or_404(campaign_id: int) -> tuple[dict, dict, dict]:
    """(campaign, the unit's row in it, the account's unit), or a 404 page when the campaign does
    not exist or the account's unit is not one of its units."""
    unit = _account_unit()
    campaign = store.campaigns.get_campaign(get_db(), campaign_id) or abort(404)
    check_government(unit, campaign["government_id"])
    department_id = unit_department_id(unit)
    if department_id is None:
        abort(404)  # a government as a whole is evaluated only as a county under its city
    row = store.campaigns.get_unit(get_db(), campaign_id, department_id) or abort(404)
    return campaign, row, unit


def _check_form() -> None:
    if not EmptyForm().validate_on_submit():
        abort(400)


def _refused(errors: list[str], prefix: str) -> None:
    flash(prefix + "；".join(errors), "error")


@bp.get("/")
@units
def home():
    """The unit's 首页: its campaigns with each phase's deadline and its own state, the office's
    reminders (to mark read), the 方案 and the materials list."""
    unit = _account_unit()
    department_id = unit_department_id(unit)
    found = service.home(get_db(), department_id) if department_id is not None else []
    return render_template("unit/home.html", unit=unit, campaigns=found, phase_rows=service.phase_rows,
                           phase_names=PHASE_NAMES, reminder_phases=REMINDER_PHASES, status_names=STATUS_NAMES,
                           form=EmptyForm())


# --- one campaign ------------------------------------------------------------------------------------

def _typed(view: service.AssessmentView, form) -> dict[tuple[str, ...], tuple[str, str]]:
    """The scores and notes on the form, by leaf (fields are numbered in the system's order)."""
    return {leaf.path: (form.get(f"score-{number}", ""), form.get(f"note-{number}", ""))
            for number, leaf in enumerate(view.leaves)}


def _stored(view: service.AssessmentView) -> dict[tuple[str, ...], tuple[str, str]]:
    """The stored scores and notes as the form shows them."""
    found = {}
    for leaf in view.leaves:
        score = view.scores.get(leaf.path)
        found[leaf.path] = ("" if score is None or score.value is None else f"{score.value:g}",
                            score.note if score else "")
    return found


def _campaign_page(campaign: dict, unit_row: dict, status: int = 200, typed: dict | None = None):
    db = get_db()
    view = service.assessment(db, campaign, unit_row["department_id"])
    shown = typed or _stored(view)
    feedback = store.campaigns.get_feedback(db, campaign["id"], unit_row["department_id"])
    return render_template(
        "unit/campaign.html", campaign=campaign, unit=unit_row, view=view, shown=shown, feedback=feedback,
        entries=service.entries(db, campaign, unit_row["department_id"]), status_names=STATUS_NAMES,
        phase_names=PHASE_NAMES, max_note=MAX_NOTE, max_report=MAX_TEXT,
        share=DIFFERENCE_SHARE, form=EmptyForm()), status


@bp.get("/campaigns/<int:campaign_id>/")
@units
def campaign(campaign_id: int):
    """One campaign for the unit: its 自查自评 (a form while a draft, read-only once submitted), the
    plan, the office's feedback and the unit's 整改 entries."""
    found, unit_row, _unit = _own_campaign_or_404(campaign_id)
    return _campaign_page(found, unit_row)


def _uploads_of(view: service.AssessmentView):
    """New files on the form: by leaf and by material."""
    def files(name: str) -> list[tuple[object, str]]:
        return [(upload.stream, upload.filename or "") for upload in request.files.getlist(name) if upload.filename]
    by_leaf = {leaf.path: files(f"files-leaf-{number}") for number, leaf in enumerate(view.leaves)}
    by_material = {m["id"]: files(f"files-material-{m['id']}") for m in view.materials}
    return ({path: given for path, given in by_leaf.items() if given},
            {key: given for key, given in by_material.items() if given})


def _removed() -> list[int] | None:
    """The ids of the files ticked for removal (None: a value that is not an id)."""
    values = request.form.getlist("remove")
    if not all(value.isdigit() and len(value) < 19 for value in values):
        return None
    return [int(value) for value in values]


@bp.post("/campaigns/<int:campaign_id>/self")
@units
@takes_files
def save(campaign_id: int):
    """Save the self-assessment as a draft (scores, 自评说明, new files, files ticked for removal);
    with 提交 and its confirmation, submit it afterwards (then read-only). Nothing is saved unless
    everything typed is right, and what was typed stays on the page."""
    found, unit_row, _unit = _own_campaign_or_404(campaign_id)
    _check_form()
    db = get_db()
    view = service.assessment(db, found, unit_row["department_id"])
    typed = _typed(view, request.form)
    if any(request.form.get(f"leaf-{number}", leaf.label) != leaf.label for number, leaf in enumerate(view.leaves)):
        # the fields are numbered: a system changed since the page was opened would file scores wrongly
        _refused(["评估活动的指标体系已调整，请刷新页面后重新填写（已保存的内容没有改变）"], "未能保存：")
        return _campaign_page(found, unit_row, 400)
    removed = _removed()
    if removed is None:
        _refused(["要删除的附件编号无效"], "未能保存：")
        return _campaign_page(found, unit_row, 400, typed)
    submitting = request.form.get("action") == "submit"
    if submitting and not request.form.get("confirm"):
        _refused(["提交后将不能修改，请先勾选“确认提交”"], "未能提交：")
        return _campaign_page(found, unit_row, 400, typed)
    leaf_files, material_files = _uploads_of(view)
    try:
        added = service.save(db, _uploads(), view, typed, leaf_files, material_files, removed, current_user.id)
    except AssessmentError as error:
        _refused(error.errors, "未能保存：")
        return _campaign_page(found, unit_row, 400, typed)
    if not submitting:
        flash("草稿已保存" + (f"（新增附件 {added} 个）" if added else "") + "。可继续修改，完成后提交。", "success")
        return redirect(url_for("unit_portal.campaign", campaign_id=campaign_id) + "#self")
    try:
        late = service.submit(db, service.assessment(db, found, unit_row["department_id"]), current_user.id)
    except AssessmentError as error:
        _refused(error.errors, "草稿已保存，但还不能提交：")
        return _campaign_page(found, unit_row, 400)
    flash("自查自评已提交" + ("（已过截止日期，记为逾期提交）" if late else "")
          + "。如需修改，请联系编办退回。", "success")
    return redirect(url_for("unit_portal.campaign", campaign_id=campaign_id) + "#self")


@bp.post("/campaigns/<int:campaign_id>/feedback")
@units
def acknowledge(campaign_id: int):
    """The unit confirms it has read the office's feedback."""
    found, unit_row, _unit = _own_campaign_or_404(campaign_id)
    _check_form()
    if store.campaigns.get_feedback(get_db(), campaign_id, unit_row["department_id"]) is None:
        _refused(["编办尚未反馈意见"], "未能确认：")
        return _campaign_page(found, unit_row, 400)
    if store.units.acknowledge_feedback(get_db(), campaign_id, unit_row["department_id"], current_user.id):
        flash("已确认收到反馈意见。", "success")
    else:
        flash("此前已确认收到反馈意见。", "info")
    return redirect(url_for("unit_portal.campaign", campaign_id=campaign_id) + "#feedback")


@bp.post("/campaigns/<int:campaign_id>/rectifications/<int:entry_id>")
@units
@takes_files
def report(campaign_id: int, entry_id: int):
    """Report progress on one of the unit's 整改 entries (text and proof files) for the office to
    accept or return."""
    found, unit_row, _unit = _own_campaign_or_404(campaign_id)
    db = get_db()
    store.units.campaign_entry(db, campaign_id, unit_row["department_id"], entry_id) or abort(404)
    _check_form()
    files: list[tuple[object, str]] = [(upload.stream, upload.filename or "")
                                       for upload in request.files.getlist("files") if upload.filename]
    try:
        service.report(db, _uploads(), found, unit_row["department_id"], entry_id, request.form.get("text", ""),
                       files, current_user.id)
    except AssessmentError as error:
        _refused(error.errors, "未能报告整改进展：")
        return _campaign_page(found, unit_row, 400)
    flash("整改进展已报告，待编办审核。", "success")
    return redirect(url_for("unit_portal.campaign", campaign_id=campaign_id) + f"#entry-{entry_id}")


@bp.post("/reminders/<int:reminder_id>/read")
@units
def read_reminder(reminder_id: int):
    """Mark one of the office's reminders read."""
    unit = _account_unit()
    reminder = store.units.get_reminder(get_db(), reminder_id) or abort(404)
    check_government(unit, reminder["government_id"])
    if reminder["department_id"] != unit_department_id(unit):
        abort(404)
    _check_form()
    store.units.mark_read(get_db(), reminder_id)
    flash("提醒已标为已读。", "success")
    return redirect(url_for("unit_portal.home") + f"#campaign-{reminder['campaign_id']}")


@bp.get("/files/<int:unit_file_id>")
@units
def file(unit_file_id: int):
    """One of the unit's own files, always as a download."""
    unit = _account_unit()
    row = store.units.get_file(get_db(), unit_file_id) or abort(404)
    check_government(unit, row["government_id"])
    if row["department_id"] != unit_department_id(unit):
        abort(404)
    return send_unit_file(row)


def send_unit_file(row: dict):
    """A unit's file as a download that no browser renders or caches (the office's route too)."""
    path = service.file_path(_uploads(), row)
    return evidence_file(path, row["file_name"])


def init_app(app) -> None:
    app.register_blueprint(bp)
