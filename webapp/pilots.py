"""大科室 pilot batches (试点批次): which departments are in which batch, and the totals per batch
(departments, divisions before and after, share passing each rule, posts) on a page and in .xlsx.

Thin routes over `webapp.services.pilots` (figures from the same 大科室 checks as the reform pages)
and `survey.reform.pilots` (totals, export, import).
"""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from survey.reform import pilots as pilot_rules
from survey.reform.rules import RULE_TITLES, rule_summary

from . import store
from .access import editors, signed_in
from .database import get_db
from .errors import error_page
from .security import takes_files
from .services import pilots as pilot_service
from .services import reform as reform_service
from .store import pilots as pilot_store
from .views import XLSX, download, government_or_404

bp = Blueprint("pilots", __name__, url_prefix="/reform")
MAX_XLSX = 5 * 1024 * 1024
MAX_NAME = 40


@bp.get("/<int:government_id>/pilots")
@signed_in
def page(government_id: int):
    """The batches with their totals, every department with its batch; editors assign."""
    db = get_db()
    government = government_or_404(government_id)
    return render_template("reform/pilots.html", government=government, titles=RULE_TITLES,
                           summary=rule_summary(reform_service.rules_of(db, government_id)),
                           can_edit=current_user.role in ("admin", "staff"),
                           **pilot_service.overview(db, government_id))


@bp.post("/<int:government_id>/pilots/batches")
@editors
def add_batch(government_id: int):
    """A new batch (第一批, 第二批 …) after the others."""
    db = get_db()
    government = government_or_404(government_id)
    name = (request.form.get("name") or "").strip()
    if not name or len(name) > MAX_NAME:
        return error_page(400, f"请填写试点批次名称（不超过{MAX_NAME}个字），如“第一批”。")
    try:
        pilot_store.add_batch(db, government["id"], name, current_user.id)
    except store.StoreError as error:
        return error_page(400, str(error))
    flash(f"已新增试点批次“{name}”。", "success")
    return redirect(url_for("pilots.page", government_id=government["id"]))


@bp.post("/<int:government_id>/pilots/assign")
@editors
def assign(government_id: int):
    """Each department's batch from the page's list (empty: in no batch); all or nothing."""
    db = get_db()
    government = government_or_404(government_id)
    departments = {row["id"] for row in store.documents.government_departments(db, government["id"])}
    batches = {row["id"] for row in pilot_store.list_batches(db, government["id"])}
    changes: dict[int, int | None] = {}
    for key, value in request.form.items():
        if not key.startswith("unit-"):
            continue
        department_id, batch = key[len("unit-"):], value.strip()
        if not department_id.isdigit() or int(department_id) not in departments:
            return error_page(400, "部门不存在，请刷新页面后重新分配。")
        if batch and (not batch.isdigit() or int(batch) not in batches):
            return error_page(400, "试点批次不存在，请刷新页面后重新分配。")
        changes[int(department_id)] = int(batch) if batch else None
    if not changes:
        return error_page(400, "没有可分配的部门。")
    count = pilot_store.assign(db, government["id"], changes, current_user.id)
    flash(f"已调整{count}个部门的试点批次。" if count else "试点批次没有变化。", "success")
    return redirect(url_for("pilots.page", government_id=government["id"]))


@bp.get("/<int:government_id>/pilots.xlsx")
@signed_in
def export(government_id: int):
    """试点部门 (部门, 试点批次 and each one's figures; edit the batches and import it back) and
    批次汇总."""
    government = government_or_404(government_id)
    return download(pilot_service.export(get_db(), government["id"]), f"{government['name']}大科室试点批次.xlsx",
                    XLSX)


@bp.post("/<int:government_id>/pilots/import")
@editors
@takes_files
def import_sheet(government_id: int):
    """Batches from an .xlsx whose first columns are 部门, 试点批次 (the export's first sheet);
    batches named there that do not exist are created. All rows or nothing."""
    db = get_db()
    government = government_or_404(government_id)
    back = url_for("pilots.page", government_id=government["id"])
    upload = request.files.get("file")
    data = upload.read(MAX_XLSX + 1) if upload and upload.filename else b""
    if not data or len(data) > MAX_XLSX:
        return _errors(["请选择 .xlsx 文件" if not data else "文件超过 5 MB"], back)
    ids = {row["name"]: row["id"] for row in store.documents.government_departments(db, government["id"])}
    try:
        found = pilot_rules.read_assignments(data, list(ids), (upload.filename if upload else None) or "表格.xlsx")
    except pilot_rules.AssignmentError as error:
        return _errors(error.errors, back)
    changes = {ids[name]: batch for name, batch in found.items()}
    count, created = pilot_store.assign_by_name(db, government["id"], changes, current_user.id)
    added = f"，新增批次：{'、'.join(created)}" if created else ""
    flash(f"已导入{len(found)}个部门的试点批次，调整{count}个{added}。", "success")
    return redirect(back)


def _errors(errors: list[str], back: str):
    return render_template("reform/import_errors.html", title="试点批次表有误，未导入", errors=errors,
                           back=back), 400


def init_app(app) -> None:
    app.register_blueprint(bp)
