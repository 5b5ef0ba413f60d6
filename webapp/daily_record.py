"""只考一次: the 日常考核台账 of a government — items of the year per department (领导批办, 督查交办,
12345 热线转办 outcomes, reported 推诿扯皮 or 干预机构编制), entered one by one or imported from .xlsx,
verified by the office with a note and evidence, and counted by the indicator leaves that take
their value from this register (`daily`, `daily-rate`).

Everyone signed in reads the register and its evidence files; 工作人员 and 管理员 enter, import, edit
and verify. The rules are `survey.reform.daily_record`, the SQL `webapp.store.daily_record`.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from survey.reform.daily_record import (
    FAULTS,
    KINDS,
    OUTCOMES,
    PENDING,
    RULES_TEXT,
    SOURCE_NAMES,
    SOURCES,
    STATES,
    DailyItem,
    template_xlsx,
)
from survey.sheets import ListError

from . import scope, store
from .access import editors, signed_in
from .database import get_db
from .forms import ChineseDateField, EvidenceForm, choices, form_errors, stripped
from .paging import requested_page
from .register_import import import_upload
from .security import takes_files
from .services import daily_record as service
from .services import problems as evidence
from .store import daily_record as items_store
from .views import download, evidence_file, government_departments, government_index, government_or_404

bp = Blueprint("daily_record", __name__, url_prefix="/daily-record")
PAGE_SIZE = 50
MONTH = re.compile(r"\d{4}-\d{2}")


class ItemForm(FlaskForm):
    department = SelectField("部门", invalid_choice_message="请从列表中选择本政府的部门")
    source = SelectField("来源", choices=choices((s, f"{s}（{SOURCE_NAMES[s]}）") for s in SOURCES),
                         invalid_choice_message="请从列表中选择来源")
    on = ChineseDateField("日期", validators=[InputRequired("请填写日期")])
    matter = TextAreaField("事项", filters=[stripped], validators=[
        DataRequired("请填写事项"), Length(max=2000, message="事项不超过 2000 字")])
    reference = StringField("来源编号（批示、督办单或工单编号）", filters=[stripped], validators=[
        Optional(), Length(max=100, message="来源编号不超过 100 字")])
    kind = SelectField("情形（办理结果或问题类型）", choices=choices((k, k) for k in OUTCOMES + FAULTS),
                       invalid_choice_message="请从列表中选择情形")


class VerifyForm(FlaskForm):
    status = SelectField("核实结果", choices=choices((s, s) for s in STATES), invalid_choice_message="请选择核实结果")
    verified_on = ChineseDateField("核实日期", validators=[Optional()])
    note = TextAreaField("核实说明", filters=[stripped], validators=[
        Optional(), Length(max=2000, message="核实说明不超过 2000 字")])
    file = FileField("佐证附件")


class ImportForm(FlaskForm):
    file = FileField("日常考核台账（.xlsx）")


def _item_form(government_id: int, row: dict | None = None, *, bound: bool = True) -> ItemForm:
    """The entry form with the government's departments. `bound` takes what this request posted;
    otherwise (and on GET) it shows `row`, or today's date for a new item."""
    form = ItemForm() if bound else ItemForm(formdata=None)
    form.department.choices = choices([("", "请选择")] + [(str(i), name) for name, i in
                                                         sorted(government_departments(government_id).items())])
    if not bound or request.method == "GET":
        if row is None:
            form.on.data = date.today()
        else:
            form.department.data = str(row["department_id"])
            for key in ("source", "matter", "reference", "kind"):
                getattr(form, key).data = row[key]
            form.on.data = date.fromisoformat(row["on_date"])
    return form


def _form_item(form: ItemForm, government_id: int) -> DailyItem:
    names = {str(i): name for name, i in government_departments(government_id).items()}
    return DailyItem(department=names.get(form.department.data or "", ""), source=form.source.data, on=form.on.data,
                     matter=form.matter.data or "", kind=form.kind.data, reference=form.reference.data or "")


# --- the register --------------------------------------------------------------------------------

@bp.get("/")
@signed_in
def index():
    """Governments with a register; one government goes straight to its register."""
    return government_index("只考一次日常考核台账", "daily_record.register")


def _filtered(government_id: int) -> tuple[list[dict], dict]:
    """The rows the request's filters select (department, source, month, verification status)."""
    args = request.args
    department = args.get("department_id", type=int)
    source = args.get("source") if args.get("source") in SOURCES else None
    month = args.get("month") if MONTH.fullmatch(args.get("month") or "") else None
    status = args.get("status") if args.get("status") in STATES else None
    found = items_store.list_items(get_db(), government_id, department_id=department, source=source, month=month,
                                   status=status)
    return found, {"department_id": department, "source": source, "month": month, "status": status}


def _register_page(government: dict, form: ItemForm, status: int = 200):
    found, filters = _filtered(government["id"])
    page = requested_page(len(found), PAGE_SIZE)
    return render_template("daily_record/register.html", government=government, items=page.of(found), form=form,
                           import_form=ImportForm(),
                           departments=sorted(government_departments(government["id"]).items()),
                           sources=SOURCES, source_names=SOURCE_NAMES, statuses=STATES,
                           months=items_store.months(get_db(), government["id"]), filters=filters, page=page,
                           filtered=any(filters.values()), rules=RULES_TEXT, kinds=KINDS,
                           pending=sum(1 for row in found if row["status"] == PENDING),
                           can_edit=current_user.role in ("admin", "staff")), status


@bp.get("/<int:government_id>/")
@signed_in
def register(government_id: int):
    """The register with filters and pages, the rules that count it; the entry and import forms."""
    government = government_or_404(government_id)
    return _register_page(government, _item_form(government_id))


@bp.post("/<int:government_id>/new")
@editors
def create(government_id: int):
    """Record one item (待核实 until the office verifies it); its number is assigned now."""
    government = government_or_404(government_id)
    form = _item_form(government_id)
    errors = [] if form.validate_on_submit() else form_errors(form)
    item = None if errors else _form_item(form, government_id)
    errors = errors or (item.problems() if item else [])
    if errors or item is None:
        flash("未能登记：" + "；".join(errors), "error")
        return _register_page(government, form, 400)
    try:
        entry = service.entry_of(item, government_departments(government_id))
        item_id, number = items_store.add_item(get_db(), government_id, entry, current_user.id)
    except store.StoreError as error:
        flash(f"未能登记：{error}", "error")
        return _register_page(government, form, 400)
    flash(f"已登记事项 {number}（待核实）。", "success")
    return redirect(url_for("daily_record.detail", daily_item_id=item_id))


@bp.post("/<int:government_id>/import")
@editors
@takes_files
def import_xlsx(government_id: int):
    """Import a filled-in register: all rows or none, every bad row named."""
    government = government_or_404(government_id)
    back = url_for("daily_record.register", government_id=government_id)
    return import_upload(service, government, ImportForm(), back, "日常考核台账有误，未导入任何事项")


@bp.get("/<int:government_id>/items.xlsx")
@signed_in
def export(government_id: int):
    """The register (as filtered on its page) as .xlsx; its columns import back."""
    government = government_or_404(government_id)
    found, _filters = _filtered(government_id)
    return download(service.export_register(get_db(), government_id, found),
                    f"{government['name']}只考一次日常考核台账.xlsx")


@bp.get("/template.xlsx")
@signed_in
def template():
    """The empty register to fill in and import."""
    return download(template_xlsx(), "只考一次日常考核台账导入模板.xlsx")


# --- one item -------------------------------------------------------------------------------------

def _item_or_404(item_id: int) -> dict:
    """The item a URL names, or a 404 page (absent, or of a government outside the scope)."""
    row = items_store.get_item(get_db(), item_id) or abort(404)
    scope.check(row["government_id"])
    return row


def _detail_page(row: dict, *, form: ItemForm | None = None, verify_form: VerifyForm | None = None,
                 errors: list[str] | None = None, status: int = 200):
    """The item's page; a form that was just posted and refused keeps what was typed."""
    db = get_db()
    for error in errors or []:
        flash(error, "error")
    if verify_form is None:
        verify_form = VerifyForm(formdata=None)
        verify_form.status.data = row["status"]
    return render_template("daily_record/detail.html", item=row, source_names=SOURCE_NAMES,
                           form=form or _item_form(row["government_id"], row, bound=False),
                           verify_form=verify_form, file_form=EvidenceForm(formdata=None),
                           files=items_store.list_files(db, row["id"]), history=items_store.item_history(db, row["id"]),
                           can_edit=current_user.role in ("admin", "staff")), status


@bp.get("/items/<int:daily_item_id>")
@signed_in
def detail(daily_item_id: int):
    """One item: what it says, its verification, evidence files and history; editors edit and verify it here."""
    return _detail_page(_item_or_404(daily_item_id))


@bp.post("/items/<int:daily_item_id>/edit")
@editors
def edit(daily_item_id: int):
    """Change what an item says (not its number; a verified one must be set back to 待核实 first)."""
    row = _item_or_404(daily_item_id)
    form = _item_form(row["government_id"], row)
    errors = [] if form.validate_on_submit() else form_errors(form)
    item = None if errors else _form_item(form, row["government_id"])
    errors = errors or (item.problems() if item else [])
    if errors or item is None:
        return _detail_page(row, form=form, errors=["未能保存：" + "；".join(errors)], status=400)
    try:
        entry = service.entry_of(item, government_departments(row["government_id"]))
        items_store.update_item(get_db(), daily_item_id, entry, current_user.id)
    except store.StoreError as error:
        return _detail_page(row, form=form, errors=[f"未能保存：{error}"], status=400)
    flash(f"事项 {row['number']} 已保存。", "success")
    return redirect(url_for("daily_record.detail", daily_item_id=daily_item_id))


def _uploads() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def _save_upload(field) -> dict | None:
    """The evidence file a form field carries, saved; None when none was chosen."""
    upload = field.data
    if not upload or not getattr(upload, "filename", ""):
        return None
    return evidence.save_attachment(_uploads(), upload.stream, upload.filename, prefix="daily-")


@bp.post("/items/<int:daily_item_id>/verify")
@editors
@takes_files
def verify(daily_item_id: int):
    """待核实 → 属实 / 不属实 with the finding (核实说明) and optionally an evidence file; changing a
    verification (or setting it back to 待核实) needs the reason."""
    db = get_db()
    row = _item_or_404(daily_item_id)
    form = VerifyForm()
    if not form.validate_on_submit():
        return _detail_page(row, verify_form=form, errors=["未能核实：" + "；".join(form_errors(form))], status=400)
    saved = None
    by = current_user.display_name or current_user.username
    try:
        saved = _save_upload(form.file)
        item = service.item_of(row)
        item.verify(form.status.data, by, date.today(), on=form.verified_on.data, note=form.note.data or "")
    except ListError as error:  # the verification refused, or its file
        evidence.remove_attachment_file(_uploads(), saved)
        return _detail_page(row, verify_form=form, errors=["未能核实：" + "；".join(error.errors)], status=400)
    try:
        items_store.verify_item(db, daily_item_id, item.status, verified_by_name=item.verified_by,
                                verified_on=item.verified_on.isoformat() if item.verified_on else None,
                                note=form.note.data or "", by=current_user.id, attachment=saved)
    except BaseException:
        evidence.remove_attachment_file(_uploads(), saved)  # no row points at it
        raise
    flash(f"事项 {row['number']} 已改为“{item.status}”。", "success")
    return redirect(url_for("daily_record.detail", daily_item_id=daily_item_id))


@bp.post("/items/<int:daily_item_id>/files")
@editors
@takes_files
def attach(daily_item_id: int):
    """Add an evidence file (the 批示, a 督办 reply, a hotline record) to an item."""
    row = _item_or_404(daily_item_id)
    form = EvidenceForm()
    try:
        saved = _save_upload(form.file) if form.validate_on_submit() else None
    except ListError as error:  # a file of a kind not taken, empty or too large
        return _detail_page(row, errors=["未能上传：" + "；".join(error.errors)], status=400)
    if saved is None:
        return _detail_page(row, errors=["请选择要上传的佐证附件"], status=400)
    try:
        items_store.add_file(get_db(), daily_item_id, saved["file_name"], saved["stored_name"], saved["size"],
                             current_user.id)
    except BaseException:
        evidence.remove_attachment_file(_uploads(), saved)
        raise
    flash(f"已上传佐证附件 {saved['file_name']}。", "success")
    return redirect(url_for("daily_record.detail", daily_item_id=daily_item_id) + "#files")


@bp.get("/files/<int:daily_file_id>")
@signed_in
def file(daily_file_id: int):
    """An evidence file, always as a download (never shown in the browser, whatever it holds)."""
    row = items_store.get_file(get_db(), daily_file_id) or abort(404)
    scope.check(row["government_id"])  # the file is as visible as its item
    return evidence_file(evidence.attachment_path(_uploads(), row), row["file_name"])


def init_app(app) -> None:
    app.register_blueprint(bp)
